"""Both account stores keep the same contract: versioned saves that never lose a concurrent
write, idle expiry, delete; Redis also across processes and through a lost reply."""

import time

import pytest

from tests.production.support import free_port, in_threads
from webapp import scenarios
from webapp.domain import Policy
from webapp.store import StoreUnavailable, VersionConflict, create_store
from webapp.store.memory import InMemoryAccountStore
from webapp.store.redis import PREFIX, RedisAccountStore


def new_account():
    return scenarios.build("fresh", Policy())


def make_store(config, idle_seconds=7200):
    return create_store({**config, "SESSION_IDLE_SECONDS": idle_seconds,
                         "SESSION_MAX_ACCOUNTS": 10_000})


@pytest.fixture
def store(store_config):
    return make_store(store_config)


def test_create_store_picks_redis_for_a_redis_url(redis_url):
    assert isinstance(make_store({"ACCOUNT_STORE_URL": redis_url}), RedisAccountStore)
    assert isinstance(make_store({"ACCOUNT_STORE_URL": ""}), InMemoryAccountStore)


def test_the_first_save_creates_version_1_and_each_save_bumps_it(store):
    account = new_account()
    assert store.get("k") is None
    assert store.save("k", account, None) == 1
    account.set_auto_repay(False)
    assert store.save("k", account, 1) == 2
    loaded, version = store.get("k")
    assert (loaded, version) == (account, 2)


@pytest.mark.parametrize("stale", [None, 1, 3])
def test_a_save_on_a_stale_version_is_refused_and_changes_nothing(store, stale):
    account = new_account()
    store.save("k", account, None)
    store.save("k", account, 1)
    stored = store.get_raw("k")
    account.set_auto_repay(False)
    with pytest.raises(VersionConflict):
        store.save("k", account, stale)
    assert store.get_raw("k") == stored


def test_a_save_expecting_an_account_that_is_not_there_is_refused(store):
    with pytest.raises(VersionConflict):
        store.save("k", new_account(), 1)
    assert store.get("k") is None


def test_delete_forgets_and_a_new_account_starts_again_at_version_1(store):
    store.save("k", new_account(), None)
    store.delete("k")
    store.delete("never")
    assert store.get("k") is None
    assert store.save("k", new_account(), None) == 1


def test_stored_text_that_cannot_be_read_is_no_account(store):
    store.save_raw("k", '{"schema": 999}', None)
    assert store.get("k") is None


def test_racing_read_modify_saves_from_two_processes_lose_no_update(store_config,
                                                                    eager_thread_switching):
    """Two store objects on one backend, as two workers have: every increment survives."""
    first = make_store(store_config)
    second = first if isinstance(first, InMemoryAccountStore) else make_store(store_config)
    first.save("k", new_account(), None)
    start = first.get("k")[0].card("cmb").balance
    rounds, conflicts = 40, []

    def work(i):
        store = (first, second)[i % 2]
        for _ in range(rounds):
            while True:
                account, version = store.get("k")
                account.card("cmb").balance += 1
                time.sleep(0)  # a request's work between its read and its save: others run
                try:
                    store.save("k", account, version)
                    break
                except VersionConflict:
                    conflicts.append(1)

    in_threads(6, work)
    account, version = first.get("k")
    assert conflicts, "the threads never raced: the test proved nothing"
    assert account.card("cmb").balance == start + 6 * rounds
    assert version == 1 + 6 * rounds


# -- Redis only ---------------------------------------------------------------------------------

@pytest.fixture
def redis_store(redis_url):
    return make_store({"ACCOUNT_STORE_URL": redis_url}, idle_seconds=600)


def test_redis_keeps_an_account_for_the_idle_period_from_its_last_use(redis_store):
    redis_store.save("k", new_account(), None)
    ttl = redis_store.redis.ttl(PREFIX + "k")
    assert 0 < ttl <= 600
    redis_store.redis.expire(PREFIX + "k", 5)
    redis_store.get("k")
    assert redis_store.redis.ttl(PREFIX + "k") > 5
    redis_store.redis.expire(PREFIX + "k", 5)
    redis_store.save("k", new_account(), 1)
    assert redis_store.redis.ttl(PREFIX + "k") > 5


def test_redis_forgets_an_account_once_its_ttl_runs_out(redis_store):
    redis_store.save("k", new_account(), None)
    redis_store.redis.delete(PREFIX + "k")  # what Redis does when the TTL runs out
    assert redis_store.get("k") is None
    assert redis_store.redis.ttl(PREFIX + "k") == -2, "a read must not bring it back"


def test_redis_stores_versioned_json(redis_store):
    redis_store.save("k", new_account(), None)
    stored = redis_store.redis.hgetall(PREFIX + "k")
    assert stored["version"] == "1"
    assert stored["text"].startswith("{") and '"schema"' in stored["text"]


def test_a_save_whose_reply_was_lost_is_not_applied_twice_when_retried(redis_store):
    """The client retries a save once when the connection drops; if Redis had applied it,
    the retry is told so (same version), instead of a conflict that would make the service
    apply the change again."""
    redis_store.save("k", new_account(), None)
    text, version = redis_store.get_raw("k")
    assert redis_store._save("k", text + " ", version, token="tap-1") == 2
    assert redis_store._save("k", text + " ", version, token="tap-1") == 2
    assert redis_store.get_raw("k")[1] == 2
    with pytest.raises(VersionConflict):
        redis_store._save("k", text, version, token="tap-2")


def test_an_unreachable_redis_is_store_unavailable_for_every_operation():
    store = RedisAccountStore(f"redis://127.0.0.1:{free_port()}/0")
    for operation in (lambda: store.get("k"), lambda: store.save("k", new_account(), None),
                      lambda: store.delete("k")):
        with pytest.raises(StoreUnavailable):
            operation()


def test_the_store_comes_back_by_itself_when_redis_restarts(own_redis_server):
    store = RedisAccountStore(own_redis_server.url)
    store.save("k", new_account(), None)
    own_redis_server.kill()
    with pytest.raises(StoreUnavailable):
        store.get("k")
    own_redis_server.start()
    # The pooled connections died with the server, and Redis forgot the compare-and-set
    # script: both are redone without anyone's help.
    assert store.get("k")[1] == 1
    assert store.save("k", new_account(), 1) == 2
