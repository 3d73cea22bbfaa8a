"""Faults: Redis killed, hung and restarted under a running app; a flood of new sessions
against the memory store's cap."""

import threading

import pytest

from tests.production.races import assert_money_adds_up
from tests.production.support import (FlaskBrowser, assert_invariants, days_between,
                                      free_port, make_app, wait_until)
from webapp import services

UNAVAILABLE = "服务暂时不可用，请稍后再试"


@pytest.fixture
def app(own_redis_server):
    return make_app(ACCOUNT_STORE_URL=own_redis_server.url)


@pytest.fixture
def visitor(app):
    return FlaskBrowser(app)


def assert_unavailable_page(response):
    """The 503 page, drawn inside the phone frame like every screen."""
    html = response.text
    assert response.status == 503
    assert UNAVAILABLE in html
    assert 'data-testid="screen-error-503"' in html
    assert html.index('class="phone__screen"') < html.index("<main")


def test_redis_down_is_a_503_inside_the_phone_and_on_the_api_and_nothing_is_written(
        own_redis_server, visitor):
    before = visitor.api("scenario", name="repaying")
    repay_form, clock_form = visitor.form_token(), visitor.form_token()
    own_redis_server.kill()

    assert_unavailable_page(visitor.request("GET", "/weilidai"))
    assert_unavailable_page(visitor.post_form("/weilidai/repay/confirm", target="all",
                                              card="cmb", password="123456",
                                              expected=str(before["outstanding"]),
                                              once=repay_form))
    assert_unavailable_page(visitor.post_form("/panel/clock", days="30", next="/weilidai",
                                              once=clock_form))
    for method, path, body in [("GET", "/api/account", None),
                               ("POST", "/api/clock", {"days": 30}),
                               ("POST", "/api/scenario", {"name": "closed"})]:
        response = visitor.request(method, path, json_body=body)
        assert response.status == 503
        assert response.headers.get("Content-Type") == "application/json"
        assert response.json() == {"error": "store_unavailable",
                                   "message": "演示数据暂时无法读取或保存，请稍后再试"}

    own_redis_server.start()
    # The same app, untouched: it finds Redis again by itself, and nothing was half done.
    assert visitor.account() == before
    done = visitor.post_form("/weilidai/repay/confirm", target="all", card="cmb",
                             password="123456", expected=str(before["outstanding"]),
                             once=repay_form)
    assert "/weilidai/repay/done/" in done.location
    assert visitor.account()["outstanding"] == 0


def test_a_hung_redis_is_a_503_not_a_hung_request_and_service_resumes(own_redis_server):
    # A URL may shorten the store's socket timeouts further.
    app = make_app(ACCOUNT_STORE_URL=f"{own_redis_server.url}?socket_timeout=0.25")
    visitor = FlaskBrowser(app)
    before = visitor.api("scenario", name="busy")
    own_redis_server.pause()
    try:
        assert visitor.request("GET", "/api/account").status == 503
        assert_unavailable_page(visitor.request("GET", "/weilidai/records"))
    finally:
        own_redis_server.resume()
    assert visitor.account() == before


def test_redis_killed_and_restarted_mid_run_loses_no_acknowledged_update(own_redis_server,
                                                                         visitor):
    """Three tabs keep moving the clock while Redis dies and comes back: every move that was
    acknowledged is kept, none is applied twice, and the invariants hold."""
    before = visitor.api("scenario", name="repaying")
    moves, pages, stop = [], [], threading.Event()

    def tab():
        while not stop.is_set():
            moves.append(visitor.request("POST", "/api/clock", json_body={"days": 1}).status)
            pages.append(visitor.request("GET", "/weilidai").status)

    tabs = [threading.Thread(target=tab) for _ in range(3)]
    for thread in tabs:
        thread.start()
    try:
        wait_until(lambda: moves.count(200) >= 10, "moves made before the crash")
        own_redis_server.kill()
        wait_until(lambda: moves.count(503) >= 10, "503s while Redis is down")
        made_before_restart = len(moves)
        own_redis_server.start()
        wait_until(lambda: moves[made_before_restart:].count(200) >= 10,
                   "moves made again after the restart")
    finally:
        stop.set()
        for thread in tabs:
            thread.join()

    after = visitor.account()
    assert set(moves + pages) <= {200, 503}, set(moves + pages)
    # A move Redis applied but could not acknowledge before dying is a 503 that counted.
    assert moves.count(200) <= days_between(before, after) <= len(moves)
    assert_money_adds_up(before, after)
    assert_invariants(after)


def test_a_flood_of_new_sessions_stays_within_the_memory_cap_and_live_sessions_work():
    """100,000 new sessions against a cap of 1,000: the store never holds more than its
    cap, and a session in use (at least once per 500 newcomers) keeps its account."""
    cap = 1_000
    app = make_app(SESSION_MAX_ACCOUNTS=cap)
    store, policy = app.extensions["account_store"], app.extensions["policy"]
    live = FlaskBrowser(app)
    live.api("scenario", name="busy")
    state = live.api("clock", days=3)

    services.load_account(store, "newcomer", policy, "fresh")
    text, _ = store.get_raw("newcomer")
    for n in range(100_000):
        store.save_raw(f"newcomer-{n}", text, None)  # what a new session's first request saves
        if n % 500 == 0:
            assert live.account() == state
            assert len(store) <= cap

    newcomers = app.test_client(use_cookies=False)
    for n in range(2_000):
        assert newcomers.get("/api/account").status_code == 200
        if n % 250 == 0:
            assert live.account() == state
    assert len(store) == cap
    assert live.account() == state


def test_a_failover_that_leaves_the_app_on_a_replica_is_a_503_until_it_is_primary_again(
        own_redis_server, visitor):
    before = visitor.api("scenario", name="repaying")
    with own_redis_server.client() as admin:
        # A replica of a primary that is gone: read-only, as the old primary is after a
        # failover, until it is promoted again.
        admin.replicaof("127.0.0.1", str(free_port()))
        try:
            response = visitor.request("POST", "/api/clock", json_body={"days": 1})
            assert response.status == 503
            assert_unavailable_page(visitor.request("GET", "/weilidai"))
        finally:
            admin.replicaof("NO", "ONE")
    assert visitor.account() == before
    assert visitor.api("clock", days=1)["sim_date"] != before["sim_date"]
