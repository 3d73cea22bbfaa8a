"""The shared store: accounts in Redis, for several worker processes or machines.

Each account is a hash ``{version, text, token}`` under ``weilidai:account:<session id>``;
its TTL is the idle period, renewed on every read and save. A save is one Lua script that
compares the version and writes only if it is still the one the caller read, so two
requests racing on one session never overwrite each other (the loser gets VersionConflict
and the service tries again from a fresh read).

Every save carries a random token, stored with it. If Redis applied a save but the reply was
lost (the connection dropped), the client's retry finds its own token and is told the save
happened, instead of a conflict that would make the service apply the change a second time.

Redis unreachable, or too slow to answer within the socket timeout, is StoreUnavailable:
nothing was written, and the next request tries again on a new connection.
"""

import math
import secrets

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from webapp.store import (AccountStore, ClassesFull, ClassStore, StoreUnavailable,
                          VersionConflict)

PREFIX = "weilidai:account:"
# Short, so an unreachable Redis is a quick 503 rather than a hung worker; a URL may set its
# own (``redis://host:6379/0?socket_timeout=2``).
TIMEOUTS = {"socket_timeout": 1.0, "socket_connect_timeout": 1.0}

# A compare-and-set of one record: KEYS[1] the record; ARGV: expected version ("" when absent),
# text, its life (EXPIRE: seconds from now; EXPIREAT: a time), token. Returns the new version,
# or 0 when the stored version is not the expected one (the same token again: its version).
_CAS = """
local stored = redis.call('HMGET', KEYS[1], 'version', 'token')
local current = stored[1] or ''
if current ~= ARGV[1] then
  if stored[2] == ARGV[4] then
    return tonumber(current)
  end
  return 0
end
local version = (tonumber(current) or 0) + 1
redis.call('HSET', KEYS[1], 'version', version, 'text', ARGV[2], 'token', ARGV[4])
redis.call('{expire}', KEYS[1], ARGV[3])
return version
"""
# An account, idle for ARGV[3] seconds at most.
_COMPARE_AND_SET = _CAS.format(expire="EXPIRE")


class RedisAccountStore(AccountStore):
    """Accounts idle for ``idle_seconds`` expire (Redis TTL). How many there may be is
    Redis's to bound: ``maxmemory`` with a ``volatile-lru`` policy."""

    def __init__(self, url, idle_seconds=7200):
        self.idle_seconds = idle_seconds
        # One immediate retry on a fresh connection: a pooled connection goes stale when
        # Redis restarts. Safe for saves too, thanks to the token.
        self.redis = redis.Redis.from_url(
            url, decode_responses=True, retry=Retry(NoBackoff(), 1), **TIMEOUTS)
        self._compare_and_set = self.redis.register_script(_COMPARE_AND_SET)

    def get_raw(self, key):
        name = PREFIX + key
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.hmget(name, "text", "version")
                pipe.expire(name, self.idle_seconds)
                (text, version), _ = pipe.execute()
        except redis.RedisError as exc:
            raise self._unavailable(exc) from exc
        if text is None or version is None:
            return None
        return text, int(version)

    def save_raw(self, key, text, expected_version):
        return self._save(key, text, expected_version, token=secrets.token_hex(8))

    def _save(self, key, text, expected_version, token):
        expected = "" if expected_version is None else str(expected_version)
        try:
            version = self._compare_and_set(
                keys=[PREFIX + key], args=[expected, text, self.idle_seconds, token])
        except redis.RedisError as exc:
            raise self._unavailable(exc) from exc
        if not version:
            raise VersionConflict(key)
        return version

    def delete(self, key):
        try:
            self.redis.delete(PREFIX + key)
        except redis.RedisError as exc:
            raise self._unavailable(exc) from exc

    def _unavailable(self, exc):
        if isinstance(exc, redis.ReadOnlyError):
            # A failover made this server a replica: reconnect, to wherever the URL's host
            # name points now.
            self.redis.connection_pool.disconnect()
        return StoreUnavailable(str(exc))


CLASS_PREFIX = "weilidai:class:"
# A class's roster beside its record: who joined, in order (a list), and the names taken (a
# hash). A trainee's id is 12 hex digits, so these never clash with a trainee's record.
ROSTER, NAMES = "/roster", "/names"
# Every class kept, by code, scored by when its records expire: what MAX_CLASSES counts.
CLASS_INDEX = "weilidai:classes"

# KEYS[1] the class's record, KEYS[2] the index; ARGV: code, text, expires at, max, now.
# Returns 1 when opened, 0 when the code is taken, -1 when the server holds max classes.
_OPEN_CLASS = """
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return -1
end
redis.call('HSET', KEYS[1], 'version', 1, 'text', ARGV[2], 'token', '')
redis.call('EXPIREAT', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
"""

# The account store's compare-and-set, for a record kept until a fixed time (ARGV[3]).
_SAVE_RECORD = _CAS.format(expire="EXPIREAT")

# A join, at once: KEYS[1] the roster (a list of ids), KEYS[2] the names taken (a hash of
# name key -> id), KEYS[3] the trainee's record; ARGV: id, name key, max trainees, the
# record's text, expires at. Returns 1 joined, 0 already, -1 name taken, -2 full. Each step
# is O(1): a join costs the same whatever the class's size, and nothing is retried.
_JOIN = """
if redis.call('EXISTS', KEYS[3]) == 1 then
  return 0
end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
  return -1
end
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return -2
end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], 'version', 1, 'text', ARGV[4], 'token', '')
for _, key in ipairs(KEYS) do
  redis.call('EXPIREAT', key, ARGV[5])
end
return 1
"""
_JOINED = {1: ClassStore.JOINED, 0: ClassStore.ALREADY, -1: ClassStore.NAME_TAKEN,
           -2: ClassStore.FULL}


def _whole_second(at):
    """EXPIREAT takes whole seconds: the next one, so a record is never dropped before its
    time (truncating gave it up to a second less)."""
    return math.ceil(at)


class RedisClassStore(ClassStore):
    """Classes in the accounts' Redis, so that every worker and machine sees one class.
    Each record is a hash like an account's, expiring at a fixed time (EXPIREAT); the index
    of classes lets MAX_CLASSES be checked in the same script that opens one."""

    def __init__(self, url):
        self.redis = redis.Redis.from_url(
            url, decode_responses=True, retry=Retry(NoBackoff(), 1), **TIMEOUTS)
        self._open = self.redis.register_script(_OPEN_CLASS)
        self._save = self.redis.register_script(_SAVE_RECORD)
        self._join = self.redis.register_script(_JOIN)

    def open(self, code, text, expires_at, max_classes, now):
        try:
            opened = self._open(keys=[CLASS_PREFIX + code, CLASS_INDEX],
                                args=[code, text, _whole_second(expires_at), max_classes, now])
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc
        if opened == 0:
            raise VersionConflict(code)
        if opened < 0:
            raise ClassesFull()
        return 1

    def get_raw(self, key):
        return self.get_many_raw([key])[0]

    def get_many_raw(self, keys):
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.hmget(CLASS_PREFIX + key, "text", "version")
                found = pipe.execute()
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc
        return [None if text is None or version is None else (text, int(version))
                for text, version in found]

    def save_raw(self, key, text, expected_version, expires_at):
        expected = "" if expected_version is None else str(expected_version)
        try:
            version = self._save(keys=[CLASS_PREFIX + key],
                                 args=[expected, text, _whole_second(expires_at), secrets.token_hex(8)])
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc
        if not version:
            raise VersionConflict(key)
        return version

    def join(self, code, trainee_id, name_key, text, max_trainees, expires_at):
        keys = [f"{CLASS_PREFIX}{code}{ROSTER}", f"{CLASS_PREFIX}{code}{NAMES}",
                f"{CLASS_PREFIX}{code}/{trainee_id}"]
        try:
            joined = self._join(keys=keys, args=[trainee_id, name_key, max_trainees, text,
                                                 _whole_second(expires_at)])
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc
        return _JOINED[joined]

    def roster(self, code):
        try:
            return self.redis.lrange(f"{CLASS_PREFIX}{code}{ROSTER}", 0, -1)
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc

    def roster_size(self, code):
        try:
            return self.redis.llen(f"{CLASS_PREFIX}{code}{ROSTER}")
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc
