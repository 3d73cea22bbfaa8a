"""The embedded default store: process memory, thread-safe, bounded by age and by count."""

import threading
import time
from collections import OrderedDict

from webapp.store import AccountStore, VersionConflict


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
