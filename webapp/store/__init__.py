"""Where session accounts live: a small interface with a version check on every save.

A store keeps each account as JSON text with a version number. ``save`` succeeds only when
the caller read the version that is still stored, so two requests racing on one session can
never overwrite each other's change: the loser gets ``VersionConflict`` and tries again.
"""

import abc
import functools
import json

from webapp.domain import serialize


class VersionConflict(Exception):
    """Someone saved the account since it was read."""


class StoreUnavailable(Exception):
    """The backend cannot be reached; nothing was written."""


# The accounts read lately, built once: an account is read again by every request of its
# session, and parsing its JSON and building it was a tenth of a phone screen's work
# (bench/profile_fix.md). A stored text never changes (a save stores another). The account
# built is never handed out: each request gets a copy that shares nothing that can change
# with it (serialize.copied). Bounded, so its memory is a few accounts', not a session's each.
READ_KEPT = 32


@functools.lru_cache(maxsize=READ_KEPT)
def _read(text):
    """(the account ``text`` holds, whether it can be copied); UnreadableAccount or a
    ValueError (not JSON) when it cannot be read, which is not kept."""
    account = serialize.from_dict(json.loads(text))
    return account, serialize.copyable(account)


def _account(text):
    account, copyable = _read(text)
    return serialize.copied(account) if copyable else serialize.from_dict(json.loads(text))


class AccountStore(abc.ABC):
    @abc.abstractmethod
    def get_raw(self, key):
        """(text, version) for ``key``, or None when there is none (or it expired)."""

    @abc.abstractmethod
    def save_raw(self, key, text, expected_version):
        """Store ``text`` if the stored version is ``expected_version`` (None: absent).

        Returns the new version; raises VersionConflict otherwise."""

    @abc.abstractmethod
    def delete(self, key):
        """Forget ``key``; forgetting what is not there is fine."""

    def get(self, key):
        """(account, version), or None when there is none or it can't be read."""
        account, version = self.load(key)
        return None if account is None else (account, version)

    def load(self, key):
        """(account, version): the account None when there is none or it can't be read (the
        version is still the stored one then, so it can be replaced)."""
        found = self.get_raw(key)
        if found is None:
            return None, None
        text, version = found
        try:
            return _account(text), version
        except (ValueError, serialize.UnreadableAccount):
            return None, version

    def save(self, key, account, expected_version):
        text = json.dumps(serialize.to_dict(account), separators=(",", ":"), ensure_ascii=False)
        return self.save_raw(key, text, expected_version)


def create_store(config):
    """The store named by configuration: ACCOUNT_STORE_URL unset means in memory,
    ``redis://host:port/db`` (or ``rediss://``, ``unix://``) a shared Redis."""
    from webapp.store.memory import InMemoryAccountStore

    url = config.get("ACCOUNT_STORE_URL") or ""
    if url in ("", "memory://"):
        return InMemoryAccountStore(
            idle_seconds=config["SESSION_IDLE_SECONDS"],
            max_accounts=config["SESSION_MAX_ACCOUNTS"],
        )
    if url.startswith(("redis://", "rediss://", "unix://")):
        from webapp.store.redis import RedisAccountStore

        return RedisAccountStore(url, idle_seconds=config["SESSION_IDLE_SECONDS"])
    raise ValueError(f"ACCOUNT_STORE_URL: unsupported store {url.split(':', 1)[0]!r}")


class ClassesFull(Exception):
    """The server holds as many classes as it may (MAX_CLASSES): no new one is opened."""


class ClassStore(abc.ABC):
    """Where classes and their trainees' records live, beside the accounts and in the same
    backend (webapp/practice/classes.py says what the records are).

    Records are JSON text with a version, saved only over the version that was read, as
    accounts are. Unlike an account, a record does not expire when idle: each one is kept
    until a fixed time (``expires_at``, in Unix seconds), its class's end plus the time its
    results are kept. A class's record is ``<code>``; each trainee's is ``<code>/<id>``.
    How many classes there may be is bounded when one is opened (``open``).

    A class's roster (who joined, in order, and the names taken) is kept apart from its
    record, and a join is one step of its own (``join``): joining writes no record that
    lists everyone, so trainees joining at once neither wait for nor retry on one another,
    and a join costs the same in a class of 5 or of 500."""

    # What join answers.
    JOINED, ALREADY, NAME_TAKEN, FULL = "joined", "already", "name_taken", "full"

    @abc.abstractmethod
    def open(self, code, text, expires_at, max_classes, now):
        """Store a new class's record, version 1. ClassesFull when ``max_classes`` classes
        are kept already, VersionConflict when ``code`` is taken."""

    @abc.abstractmethod
    def get_raw(self, key):
        """(text, version) for ``key``, or None when there is none (or it expired)."""

    @abc.abstractmethod
    def get_many_raw(self, keys):
        """[(text, version) or None] for each of ``keys``, in one round trip."""

    @abc.abstractmethod
    def save_raw(self, key, text, expected_version, expires_at):
        """Store ``text`` if the stored version is ``expected_version`` (None: absent), to be
        kept until ``expires_at``. Returns the new version; VersionConflict otherwise."""

    @abc.abstractmethod
    def join(self, code, trainee_id, name_key, text, max_trainees, expires_at):
        """At once: put ``trainee_id`` last on the class's roster, take ``name_key`` for it
        and store its record ``<code>/<trainee_id>`` (``text``, version 1), all kept until
        ``expires_at``. Answers JOINED; ALREADY when this trainee has joined (nothing
        changes); NAME_TAKEN when another trainee has ``name_key``; FULL when the roster
        has ``max_trainees``."""

    @abc.abstractmethod
    def roster(self, code):
        """The ids of the class's trainees, in the order they joined."""

    @abc.abstractmethod
    def roster_size(self, code):
        """How many trainees joined the class."""


def create_class_store(config):
    """The class store in the account store's backend: process memory, or the same Redis."""
    from webapp.store.memory import InMemoryClassStore

    url = config.get("ACCOUNT_STORE_URL") or ""
    if url in ("", "memory://"):
        return InMemoryClassStore()
    from webapp.store.redis import RedisClassStore

    return RedisClassStore(url)
