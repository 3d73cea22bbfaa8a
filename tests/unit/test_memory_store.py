"""The in-memory store: versioned saves, idle expiry, LRU bound, thread safety."""

import sys
import threading

import pytest

from webapp.store import VersionConflict, create_store
from webapp.store.memory import InMemoryAccountStore


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(clock):
    return InMemoryAccountStore(idle_seconds=60, max_accounts=3, clock=clock)


def test_get_of_a_missing_key_is_none(store):
    assert store.get("nobody") is None
    assert store.get_raw("nobody") is None
    assert len(store) == 0


def test_the_first_save_expects_none_and_creates_version_1(store, account):
    assert store.save("k", account, None) == 1
    loaded, version = store.get("k")
    assert version == 1
    assert loaded == account
    assert loaded is not account


def test_each_save_on_the_current_version_bumps_it(store, account):
    store.save("k", account, None)
    account.set_auto_repay(False)
    assert store.save("k", account, 1) == 2
    loaded, version = store.get("k")
    assert (loaded.auto_repay, version) == (False, 2)


def test_an_account_changed_and_not_saved_is_read_again_as_stored(store, account):
    """The store keeps the accounts read lately built: what a request changes in its own,
    without saving it (a refused action, a page drawn), never reaches the next request's."""
    store.save("k", account, None)
    first, _ = store.get("k")
    first.set_auto_repay(not first.auto_repay)
    first.cards[0].balance += 1
    first.loans.append(None)
    second, _ = store.get("k")
    assert second == account
    assert second is not first


@pytest.mark.parametrize("stale", [None, 1, 3])
def test_a_save_on_a_stale_version_is_refused_and_keeps_what_is_stored(store, account, stale):
    store.save("k", account, None)
    store.save("k", account, 1)
    stored = store.get_raw("k")
    account.set_auto_repay(False)
    with pytest.raises(VersionConflict):
        store.save("k", account, stale)
    assert store.get_raw("k") == stored
    assert store.get("k")[0].auto_repay is True


def test_a_save_expecting_a_version_of_a_missing_key_is_refused(store, account):
    with pytest.raises(VersionConflict):
        store.save("k", account, 1)
    assert store.get("k") is None


def test_an_account_idle_for_the_idle_period_expires(store, clock, account):
    store.save("k", account, None)
    clock.now = 59.9
    assert store.get("k") is not None
    clock.now = 59.9 + 60
    assert store.get("k") is None
    assert len(store) == 0


def test_reading_or_saving_an_account_keeps_it_alive(store, clock, account):
    store.save("k", account, None)
    for step in range(1, 6):
        clock.now = step * 50
        _, version = store.get("k")
        assert version == 1
    clock.now = 300
    assert store.save("k", account, 1) == 2
    clock.now = 359
    assert store.get("k")[1] == 2


def test_len_counts_only_accounts_still_alive(store, clock, account):
    store.save("a", account, None)
    clock.now = 30
    store.save("b", account, None)
    assert len(store) == 2
    clock.now = 60
    assert len(store) == 1
    assert store.get("a") is None
    clock.now = 90
    assert len(store) == 0


def test_past_the_maximum_the_least_recently_used_account_is_evicted(store, clock, account):
    for key in "abc":
        clock.now += 1
        store.save(key, account, None)
    clock.now += 1
    store.get("a")  # a read counts as a use: "b" is now the least recently used
    clock.now += 1
    store.save("d", account, None)
    assert len(store) == 3
    assert store.get("b") is None
    assert all(store.get(key) is not None for key in "acd")


def test_an_update_counts_as_a_use_for_eviction(store, account):
    for key in "abc":
        store.save(key, account, None)
    store.save("a", account, 1)
    store.save("d", account, None)
    assert store.get("b") is None
    assert store.get("a")[1] == 2


def test_delete_forgets_an_account_and_deleting_a_missing_one_is_fine(store, account):
    store.save("k", account, None)
    store.delete("k")
    store.delete("k")
    store.delete("never")
    assert store.get("k") is None
    assert len(store) == 0
    assert store.save("k", account, None) == 1


@pytest.mark.parametrize("text", [
    "not json", "5", "[]", "null", '{"schema": 999}', '{"schema": 1}',
])
def test_get_of_stored_text_that_cannot_be_read_is_none(store, text):
    store.save_raw("k", text, None)
    assert store.get("k") is None


@pytest.fixture
def eager_thread_switching():
    """Switch threads every few microseconds, so that the race really happens."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_eight_threads_racing_read_modify_save_lose_no_update(account, eager_thread_switching):
    store = InMemoryAccountStore()
    store.save("k", account, None)
    start_balance = account.card("cmb").balance
    threads_count, rounds = 8, 200
    barrier = threading.Barrier(threads_count)
    conflicts = []

    def work():
        barrier.wait()
        for _ in range(rounds):
            while True:
                current, version = store.get("k")
                current.card("cmb").balance += 1
                try:
                    store.save("k", current, version)
                    break
                except VersionConflict:
                    conflicts.append(1)

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final, version = store.get("k")
    assert conflicts, "the threads never raced: the test proved nothing"
    assert final.card("cmb").balance == start_balance + threads_count * rounds
    assert version == 1 + threads_count * rounds
    assert len(store) == 1


def test_create_store_is_in_memory_by_default_and_refuses_an_unknown_backend():
    config = {"SESSION_IDLE_SECONDS": 5, "SESSION_MAX_ACCOUNTS": 7}
    for url in (None, "", "memory://"):
        store = create_store({**config, "ACCOUNT_STORE_URL": url})
        assert isinstance(store, InMemoryAccountStore)
        assert (store.idle_seconds, store.max_accounts) == (5, 7)
    with pytest.raises(ValueError):
        create_store({**config, "ACCOUNT_STORE_URL": "mongodb://x"})
