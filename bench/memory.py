"""3: what the in-memory store holds per idle session, and in all at its cap (tracemalloc).

A session here is what the store keeps after a visit: the key (the id in the cookie) and the
account as JSON text, its version and last use. The default scenario's account is what an
idle visitor leaves; ``busy`` (three loans) is the largest scenario, the worst case at the cap.
"""

import gc
import secrets
import sys
import tracemalloc
from dataclasses import dataclass

from webapp import config, scenarios, services
from webapp.domain import Policy
from webapp.store.memory import InMemoryAccountStore


@dataclass
class StoreMemory:
    scenario: str
    sessions: int
    cap: int
    total: int  # bytes the store holds with ``sessions`` sessions
    kept: int  # sessions held after 10 % more than the cap were added
    total_past_cap: int  # bytes then
    text_chars: int  # the account's JSON text, characters
    text_bytes: int  # what Python takes for that text

    @property
    def per_session(self):
        return self.total / self.sessions


def _policy():
    return Policy(inactivity_freeze_days=config.DEFAULTS["INACTIVITY_FREEZE_DAYS"],
                  force_close_overdue_days=config.DEFAULTS["FORCE_CLOSE_OVERDUE_DAYS"])


def _traced():
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def measure(scenario, sessions=10_000):
    """``sessions`` sessions opened in ``scenario``, as the app opens them, in a store with
    the default cap; then 10 % more than the cap, to show it holds."""
    policy, cap = _policy(), config.DEFAULTS["SESSION_MAX_ACCOUNTS"]
    store = InMemoryAccountStore(idle_seconds=config.DEFAULTS["SESSION_IDLE_SECONDS"],
                                 max_accounts=cap)
    account = scenarios.build(scenario, policy)
    probe = InMemoryAccountStore()
    probe.save("probe", account, None)
    text = probe.get_raw("probe")[0]
    tracemalloc.start()
    try:
        before = _traced()
        for _ in range(sessions):
            _open(store, policy, scenario, account)
        total = _traced() - before
        for _ in range(max(0, cap + cap // 10 - sessions)):
            _open(store, policy, scenario, account)
        total_past_cap = _traced() - before
    finally:
        tracemalloc.stop()
    return StoreMemory(scenario, sessions, cap, total, len(store), total_past_cap,
                       len(text), sys.getsizeof(text))


def _open(store, policy, scenario, account):
    """A new visitor's session: a new key, and its account saved as a first visit saves it
    (the default scenario is built per visit by the service; another is built once here, as
    building it again would only cost time)."""
    key = secrets.token_urlsafe(18)
    if scenario == config.DEFAULTS["DEFAULT_SCENARIO"]:
        services.load_account(store, key, policy, scenario)
    else:
        store.save(key, account, None)
    return key
