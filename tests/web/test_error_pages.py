"""Errors a request can meet half way, answered as a page inside the phone frame or, under
/api/, as JSON the OpenAPI document describes.

An unexpected error (a bug) answers 500 with a way back; never a traceback or the exception's
text; the log has it. The app is built with TESTING off, as in production, so that nothing
is re-raised into the test instead of being handled.

An account that expires while a request works on it (idle expiry, or evicted from a full
store) is not acted on: a page goes home with a notice, an API call answers 410."""

import logging

import pytest

from tests.web.conftest import Page, Weilidai, make_app, state
from tests.web.helpers import ExpiringStore, check
from webapp import services
from webapp.views import api

SECRET = "the-bug-says-4f1c9e"
LEAKS = ("Traceback", "RuntimeError", SECRET, 'File "', "werkzeug")


class Bug(RuntimeError):
    pass


def explode(*args, **kwargs):
    raise Bug(SECRET)


@pytest.fixture
def app():
    app = make_app(TESTING=False)
    assert not app.testing and not app.config["PROPAGATE_EXCEPTIONS"]
    # A page whose view has a bug, registered before the app serves anything.
    app.add_url_rule("/weilidai/broken", "broken", explode)
    return app


@pytest.fixture
def weilidai(app):
    return Weilidai(app.test_client())


def assert_500_page(page):
    assert page.status == 500
    assert page.screen == "error-500"
    assert page.in_phone_frame()
    assert page.has("back-home")
    for leak in LEAKS:
        assert leak not in page.html, leak


def assert_logged(caplog):
    logged = [record for record in caplog.records
              if record.levelno == logging.ERROR and record.exc_info
              and isinstance(record.exc_info[1], Bug)]
    assert logged, "the traceback belongs in the log"


def test_a_page_with_a_bug_is_a_500_inside_the_phone_frame_without_the_traceback(weilidai,
                                                                                caplog):
    page = weilidai.get("/weilidai/broken")
    assert_500_page(page)
    assert "系统繁忙" in page.testid("error").text
    assert_logged(caplog)


def test_a_form_whose_use_case_has_a_bug_is_a_500_page_and_changes_nothing(weilidai,
                                                                          monkeypatch, caplog):
    before = weilidai.account()
    monkeypatch.setattr(services, "set_auto_repay", explode)
    page = weilidai.submit("/weilidai/settings/repayment", "auto-repay-form",
                           {"auto_repay": None})
    assert_500_page(page)
    assert_logged(caplog)
    assert weilidai.account() == before


def test_the_api_with_a_bug_answers_a_json_500_without_the_traceback(weilidai, monkeypatch,
                                                                     caplog):
    monkeypatch.setattr(api, "account_json", explode)
    response = weilidai.client.get("/api/account")
    assert response.status_code == 500
    assert response.is_json
    assert check(response, "/api/account", "get") == {"error": "internal_error",
                                                       "message": "系统错误"}
    for leak in LEAKS:
        assert leak not in response.get_data(as_text=True), leak
    assert_logged(caplog)


def test_after_a_500_the_same_browser_carries_on(weilidai):
    assert_500_page(weilidai.get("/weilidai/broken"))
    home = weilidai.get("/weilidai")
    assert home.status == 200 and home.screen == "weilidai-home"


def test_a_500_page_is_in_english_for_an_english_session(weilidai):
    page = Page(weilidai.client.get("/weilidai/broken?lang=en"))
    assert page.status == 500 and page.in_phone_frame()
    assert "系统繁忙" not in page.testid("error").text


# -- the account expires half way ------------------------------------------------------------


@pytest.fixture
def expiring(app):
    store = app.extensions["account_store"] = ExpiringStore(app.extensions["account_store"])
    return store


def test_an_account_expiring_during_an_api_call_answers_a_documented_json_410(
        weilidai, expiring):
    weilidai.scenario("repaying")
    fresh = weilidai.new_browser().account()
    expiring.expiring = True
    response = weilidai.client.post("/api/clock", json={"days": 30})
    assert response.status_code == 410
    body = check(response, "/api/clock")
    assert body["error"] == "account_expired"
    assert "已过期" in body["message"]
    # Nothing was moved; the next call finds the new account, and no page is left a notice.
    assert state(weilidai.account()) == state(fresh)
    assert weilidai.get("/weilidai").flashes() == []


def test_an_account_expiring_during_a_form_goes_home_with_the_notice(weilidai, expiring):
    weilidai.scenario("repaying")
    page = weilidai.get("/weilidai/settings/repayment")
    expiring.expiring = True
    sent = weilidai.submit(page, "auto-repay-form", {"auto_repay": None})
    assert sent.status == 302 and sent.location.endswith("/weilidai")
    home = weilidai.get(sent.location)
    assert any("已过期" in text for text in home.flashes("info"))
    account = weilidai.account()
    assert account["loans"] == [] and account["auto_repay"] is True
