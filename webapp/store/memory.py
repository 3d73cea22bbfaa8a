"""The embedded default store: process memory, thread-safe, bounded by age and by count."""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from webapp.store import AccountStore, ClassesFull, ClassStore, VersionConflict


class InMemoryAccountStore(AccountStore):
    """Accounts idle for ``idle_seconds`` expire; past ``max_accounts`` the least recently
    used one is evicted. Both the embedded default and the tests' fake."""

    def __init__(self, idle_seconds=7200, max_accounts=10_000, clock=time.monotonic):
        self.idle_seconds = idle_seconds
        self.max_accounts = max_accounts
        self._clock = clock
        self._lock = threading.Lock()
        # key -> (text, version, last_used); oldest use first.
        self._items = OrderedDict()

    def __len__(self):
        with self._lock:
            self._expire(self._clock())
            return len(self._items)

    def get_raw(self, key):
        with self._lock:
            now = self._clock()
            self._expire(now)
            item = self._items.get(key)
            if item is None:
                return None
            text, version, _ = item
            self._items[key] = (text, version, now)
            self._items.move_to_end(key)
            return text, version

    def save_raw(self, key, text, expected_version):
        with self._lock:
            now = self._clock()
            self._expire(now)
            item = self._items.get(key)
            current = item[1] if item else None
            if current != expected_version:
                raise VersionConflict(key)
            version = (current or 0) + 1
            self._items[key] = (text, version, now)
            self._items.move_to_end(key)
            while len(self._items) > self.max_accounts:
                self._items.popitem(last=False)
            return version

    def delete(self, key):
        with self._lock:
            self._items.pop(key, None)

    def _expire(self, now):
        # Oldest use first, so expiry stops at the first one still fresh.
        while self._items:
            key, (_, _, last_used) = next(iter(self._items.items()))
            if now - last_used < self.idle_seconds:
                break
            del self._items[key]


class InMemoryClassStore(ClassStore):
    """Classes in process memory. Expired records are dropped whenever a class is opened,
    so what is kept is bounded by the classes allowed and the trainees each may have."""

    def __init__(self, clock=time.time):
        self._clock = clock
        self._lock = threading.Lock()
        # key -> (text, version, expires_at)
        self._items = {}
        # code -> its Roster
        self._rosters = {}

    def __len__(self):
        with self._lock:
            now = self._clock()
            return sum(1 for *_, expires_at in self._items.values() if expires_at > now)

    def open(self, code, text, expires_at, max_classes, now):
        with self._lock:
            for key in [key for key, (*_, until) in self._items.items() if until <= now]:
                del self._items[key]
            for key in [key for key, roster in self._rosters.items() if roster.expires_at <= now]:
                del self._rosters[key]
            if code in self._items:
                raise VersionConflict(code)
            if sum(1 for key in self._items if "/" not in key) >= max_classes:
                raise ClassesFull()
            self._items[code] = (text, 1, expires_at)
            return 1

    def get_raw(self, key):
        with self._lock:
            return self._get(key)

    def get_many_raw(self, keys):
        with self._lock:
            return [self._get(key) for key in keys]

    def _get(self, key):
        item = self._items.get(key)
        if item is None or item[2] <= self._clock():
            return None
        return item[0], item[1]

    def save_raw(self, key, text, expected_version, expires_at):
        with self._lock:
            found = self._get(key)
            current = found[1] if found else None
            if current != expected_version:
                raise VersionConflict(key)
            version = (current or 0) + 1
            self._items[key] = (text, version, expires_at)
            return version

    def join(self, code, trainee_id, name_key, text, max_trainees, expires_at):
        with self._lock:
            if self._get(f"{code}/{trainee_id}") is not None:
                return self.ALREADY
            roster = self._roster(code)
            if roster is None:
                roster = self._rosters[code] = Roster([], {}, expires_at)
            if name_key in roster.names:
                return self.NAME_TAKEN
            if len(roster.ids) >= max_trainees:
                return self.FULL
            roster.ids.append(trainee_id)
            roster.names[name_key] = trainee_id
            roster.expires_at = expires_at
            self._items[f"{code}/{trainee_id}"] = (text, 1, expires_at)
            return self.JOINED

    def _roster(self, code):
        found = self._rosters.get(code)
        return None if found is None or found.expires_at <= self._clock() else found

    def roster(self, code):
        with self._lock:
            found = self._roster(code)
            return [] if found is None else list(found.ids)

    def roster_size(self, code):
        with self._lock:
            found = self._roster(code)
            return 0 if found is None else len(found.ids)


@dataclass
class Roster:
    """A class's trainees in join order, and whose each name (its same_name_key) is."""

    ids: list
    names: dict
    expires_at: float
