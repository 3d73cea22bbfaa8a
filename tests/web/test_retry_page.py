"""When every save of an action loses a race (VersionConflict, SAVE_ATTEMPTS times over), the
action gives up with 503 请重试: a page inside the phone frame, JSON under /api/, and the
account exactly as it was. The next try, once the races stop, goes through."""

import pytest

from tests.web.conftest import Weilidai, make_app
from tests.web.helpers import check
from webapp import services
from webapp.store import AccountStore, VersionConflict

REPAYMENT = "/weilidai/settings/repayment"


class AlwaysConflictingStore(AccountStore):
    """The app's own store, except that while ``conflicting`` every save reports that
    another request saved first, as under a storm of requests on one account."""

    def __init__(self, inner):
        self.inner, self.conflicting, self.refused = inner, False, 0

    def get_raw(self, key):
        return self.inner.get_raw(key)

    def save_raw(self, key, text, expected_version):
        if self.conflicting:
            self.refused += 1
            raise VersionConflict(key)
        return self.inner.save_raw(key, text, expected_version)

    def delete(self, key):
        self.inner.delete(key)


@pytest.fixture
def app():
    app = make_app()
    app.extensions["account_store"] = AlwaysConflictingStore(app.extensions["account_store"])
    return app


@pytest.fixture
def store(app):
    return app.extensions["account_store"]


@pytest.fixture
def weilidai(app):
    user = Weilidai(app.test_client())
    user.scenario("repaying")
    return user


def assert_retry_page(page):
    assert page.status == 503, page.status
    assert page.screen == "error-503"
    assert page.in_phone_frame()
    assert "请重试" in page.testid("error").text
    assert page.has("back-home")


def switch_auto_repay_off(weilidai, page):
    return weilidai.submit(page, "auto-repay-form", {"auto_repay": None})


def repay_next_installment(weilidai, page):
    return weilidai.submit(page, "repay-form", {"card": "cmb", "password": weilidai.password})


def repay_with_a_wrong_password(weilidai, page):
    return weilidai.submit(page, "repay-form", {"card": "cmb",
                                                "password": weilidai.wrong_password})


def move_the_clock_in_the_panel(weilidai, page):
    return weilidai.submit(page, "panel-clock-submit", {"days": "30"})


def pick_a_scenario_in_the_panel(weilidai, page):
    return weilidai.submit(page, "panel-scenario-form", {"scenario": "closed"})


@pytest.mark.parametrize("path, act", [
    (REPAYMENT, switch_auto_repay_off),
    ("/weilidai/repay/confirm?target=1-2", repay_next_installment),
    # a refusal that counts a wrong try is saved too, and loses the same way
    ("/weilidai/repay/confirm?target=all", repay_with_a_wrong_password),
    ("/stage", move_the_clock_in_the_panel),
    ("/stage", pick_a_scenario_in_the_panel),
], ids=lambda value: getattr(value, "__name__", None))
def test_a_form_whose_every_save_conflicts_answers_503_retry_and_changes_nothing(
        weilidai, store, path, act):
    before = weilidai.account()
    page = weilidai.get(path)  # the form was open before the storm began
    store.conflicting = True
    assert_retry_page(act(weilidai, page))
    assert store.refused == services.SAVE_ATTEMPTS  # tried from a fresh read each time
    store.conflicting = False
    assert weilidai.account() == before


def test_once_the_races_stop_the_same_action_goes_through(weilidai, store):
    page = weilidai.get(REPAYMENT)
    store.conflicting = True
    assert_retry_page(switch_auto_repay_off(weilidai, page))
    store.conflicting = False
    done = switch_auto_repay_off(weilidai, weilidai.get(REPAYMENT))
    assert done.status == 302
    assert weilidai.account()["auto_repay"] is False


@pytest.mark.parametrize("path, body", [
    ("/api/clock", {"days": 30}),
    ("/api/clock", {"to": "next-due"}),
    ("/api/scenario", {"name": "closed"}),
    ("/api/reset", {}),
])
def test_the_api_whose_every_save_conflicts_answers_a_documented_503_and_changes_nothing(
        weilidai, store, path, body):
    before = weilidai.account()
    store.conflicting = True
    response = weilidai.client.post(path, json=body)
    assert response.status_code == 503
    assert check(response, path) == {"error": "store_busy", "message": "操作的人太多了，请重试"}
    assert store.refused == services.SAVE_ATTEMPTS
    store.conflicting = False
    assert weilidai.account() == before
