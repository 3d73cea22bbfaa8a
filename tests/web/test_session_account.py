"""One account per browser session, held on the server behind an opaque id."""

from datetime import date, timedelta

import flask

from webapp import create_app


def test_the_first_visit_opens_an_active_account(weilidai):
    account = weilidai.account()
    assert account["status"] == "active"
    assert date.fromisoformat(account["sim_date"])
    assert account["loans"] == []


def test_the_first_page_seen_is_the_fresh_scenario_without_any_notice(weilidai):
    page = weilidai.get("/weilidai")
    assert page.screen == "weilidai-home"
    assert page.testid("available-value").text == "20,000.00"
    assert page.flashes() == []


def test_the_cookie_holds_only_an_opaque_session_id(weilidai):
    weilidai.account()
    content = weilidai.session()
    assert set(content) == {"sid"}
    assert isinstance(content["sid"], str) and len(content["sid"]) >= 16


def test_the_account_itself_never_travels_in_the_cookie(weilidai):
    weilidai.scenario("busy")
    weilidai.get("/weilidai/borrow")  # a page with a form adds the CSRF secret, nothing more
    content = weilidai.session()
    assert set(content) <= {"sid", "csrf_token"}
    assert "loans" not in str(content) and "cmb" not in str(content)


def test_two_browsers_have_two_independent_accounts(weilidai):
    other = weilidai.new_browser()
    weilidai.scenario("repaying")
    assert other.account()["loans"] == []
    assert other.clock(days=3).status_code == 200
    assert weilidai.account()["status"] == "active" and weilidai.account()["loans"]
    assert weilidai.account()["sim_date"] != other.account()["sim_date"]
    assert weilidai.session()["sid"] != other.session()["sid"]


def test_an_idle_account_expires_into_a_fresh_one_with_a_notice(make_weilidai):
    weilidai = make_weilidai(SESSION_IDLE_SECONDS=60)
    now = [1000.0]
    weilidai.app.extensions["account_store"]._clock = lambda: now[0]
    weilidai.scenario("repaying")
    sid = weilidai.session()["sid"]

    now[0] += 61
    page = weilidai.get("/weilidai")
    assert page.status == 200
    assert any("已过期" in text for text in page.flashes("info"))
    assert weilidai.account()["loans"] == []
    assert weilidai.account()["status"] == "active"
    assert weilidai.session()["sid"] == sid  # the same browser keeps its id


def test_an_account_in_use_does_not_expire(make_weilidai):
    weilidai = make_weilidai(SESSION_IDLE_SECONDS=60)
    now = [1000.0]
    weilidai.app.extensions["account_store"]._clock = lambda: now[0]
    weilidai.scenario("repaying")
    for _ in range(5):
        now[0] += 50
        assert weilidai.get("/weilidai").flashes() == []
    assert weilidai.account()["loans"]


def test_a_deleted_account_is_replaced_on_any_screen_never_an_error(weilidai):
    weilidai.scenario("closed")
    weilidai.app.extensions["account_store"].delete(weilidai.session()["sid"])
    page = weilidai.get("/weilidai/manage")
    assert page.status == 200
    assert page.testid("account-status-value").text == "正常"
    assert any("已过期" in text for text in page.flashes())


def test_the_api_replaces_an_expired_account_quietly(weilidai):
    weilidai.scenario("closed")
    weilidai.app.extensions["account_store"].delete(weilidai.session()["sid"])
    assert weilidai.account()["status"] == "active"
    # No notice is left waiting for the next page either.
    assert weilidai.get("/weilidai").flashes() == []


def test_a_form_sent_after_the_account_expired_does_not_act_on_the_new_one(make_weilidai):
    # The page was drawn for the old account; its form must not borrow, repay or close on
    # the new one the user has never seen. (Mid-request expiry already works this way: the
    # action is dropped and the user lands on the home screen with the notice.)
    weilidai = make_weilidai(SESSION_IDLE_SECONDS=60)
    now = [1000.0]
    weilidai.app.extensions["account_store"]._clock = lambda: now[0]
    confirm = weilidai.get("/weilidai/borrow/confirm?amount=5000&term=3&card=cmb&auto_repay=1")
    assert confirm.screen == "borrow-confirm"

    now[0] += 61
    page = weilidai.submit(confirm, "borrow-confirm-form", {"password": weilidai.password},
                           follow=True)
    assert any("已过期" in text for text in page.flashes("info"))
    assert page.screen != "borrowed"
    assert weilidai.account()["loans"] == []


def _cookie_session(app, cookie):
    """The session the app opens for a request carrying the session cookie ``cookie``."""
    name = app.config["SESSION_COOKIE_NAME"]
    with app.test_request_context("/", headers={"Cookie": f"{name}={cookie}"}):
        return app.session_interface.open_session(app, flask.request)


def test_a_session_cookie_seen_again_opens_as_it_did_and_a_change_stays_in_its_request():
    """The app keeps the cookies it checked lately (webapp/security.py): the same cookie opens
    the same data each time, what a request changes in its session reaches no other, a
    cookie past the session's lifetime or not signed by the app opens a new session."""
    app = create_app({"SECRET_KEY": "test", "TESTING": True})
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = serializer.dumps({"sid": "abc", "done": ["t1"], "tour": {"step": 2}})
    first = _cookie_session(app, cookie)
    assert dict(first) == {"sid": "abc", "done": ["t1"], "tour": {"step": 2}}
    first["done"].append("t2")
    first["tour"]["step"] = 3
    first["sid"] = "changed"
    again = _cookie_session(app, cookie)
    assert dict(again) == {"sid": "abc", "done": ["t1"], "tour": {"step": 2}}
    assert not again.modified

    forged = cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")
    assert dict(_cookie_session(app, forged)) == {}
    app.permanent_session_lifetime = timedelta(seconds=-1)  # every cookie is too old now
    assert dict(_cookie_session(app, cookie)) == {}
    other = create_app({"SECRET_KEY": "another key", "TESTING": True})
    assert dict(_cookie_session(other, cookie)) == {}
