"""Every action happens once: a form sent again (a resend, a retry, a replay, several at
once) does nothing new and lands where the first one did; a form drawn for an account that
was replaced since acts on nothing (issue 11, item 1)."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.web.conftest import Page, form_values


def drawn(weilidai, path, form_testid, **fields):
    """The form ``form_testid`` of ``path`` as a browser would send it, filled in."""
    page = weilidai.get(path)
    assert page.status == 200, path
    form = page.form(form_testid)
    return form.attrs.get("action") or page.path, {**form_values(form), **fields}


def send(weilidai, action, values):
    return Page(weilidai.client.post(action, data=values))


@pytest.mark.parametrize("scenario, path", [
    ("fresh", "/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1"),
    ("repaying", "/weilidai/repay/confirm?target=all"),
    ("repaying", "/weilidai/settings/repayment"),
    ("fresh", "/weilidai/manage/close/password"),
    ("fresh", "/scenarios/fresh"),
    ("fresh", "/tours/why-frozen"),
])
def test_every_state_changing_form_carries_a_one_time_token_naming_the_account(
        weilidai, scenario, path):
    weilidai.scenario(scenario)
    page = weilidai.get(path)
    forms = page.root.find_all("form", method="post")
    tokens = [form.find("input", name="once") for form in forms]
    assert forms and None not in tokens, path
    values = [token.attrs["value"] for token in tokens]
    assert len(set(values)) == len(values), f"{path}: two forms share a token"


def test_a_borrow_confirmation_sent_five_times_borrows_once_and_lands_on_the_first_loan(
        weilidai):
    action, values = drawn(weilidai, "/weilidai/borrow/confirm?amount=1000&term=3&card=cmb"
                           "&auto_repay=1", "borrow-confirm-form", password="123456")
    answers = [send(weilidai, action, values) for _ in range(5)]
    assert [page.location for page in answers] == ["/weilidai/borrow/done/1"] * 5
    assert len(weilidai.account()["loans"]) == 1
    again = weilidai.get(answers[-1].location)
    assert again.screen == "borrowed"


def test_a_replay_after_the_loan_used_the_limit_up_still_lands_on_the_loan(weilidai):
    # The page is weighed against the account as it is now only for a form not sent before.
    action, values = drawn(weilidai, "/weilidai/borrow/confirm?amount=20000&term=3&card=cmb"
                           "&auto_repay=1", "borrow-confirm-form", password="123456")
    send(weilidai, action, values)
    replay = send(weilidai, action, values)
    assert replay.location == "/weilidai/borrow/done/1"
    assert weilidai.get(replay.location).flashes("info") == ["这个操作已经完成，没有重复执行"]


def test_three_borrow_confirmations_sent_at_once_borrow_once(weilidai):
    action, values = drawn(weilidai, "/weilidai/borrow/confirm?amount=1000&term=3&card=cmb"
                           "&auto_repay=1", "borrow-confirm-form", password="123456")
    app = weilidai.app
    cookie = weilidai.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value

    def post(_):
        client = app.test_client()
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
        return client.post(action, data=values).location

    with ThreadPoolExecutor(3) as pool:
        locations = list(pool.map(post, range(3)))
    assert locations == ["/weilidai/borrow/done/1"] * 3
    assert len(weilidai.account()["loans"]) == 1


@pytest.mark.parametrize("target", ["all", "1-2"])
def test_a_repayment_sent_twice_deducts_once(weilidai, target):
    weilidai.scenario("repaying")
    action, values = drawn(weilidai, f"/weilidai/repay/confirm?target={target}", "repay-form",
                           password="123456")
    first, second = send(weilidai, action, values), send(weilidai, action, values)
    assert first.location == second.location and "/weilidai/repay/done/" in first.location
    account = weilidai.account()
    assert [e["kind"] for e in account["events"]].count("repaid") == 1


def test_closing_sent_twice_lands_on_the_closed_page_both_times(weilidai):
    action, values = drawn(weilidai, "/weilidai/manage/close/password", "close-password-form",
                           password="123456")
    assert send(weilidai, action, values).location == "/weilidai/manage/closed"
    assert send(weilidai, action, values).location == "/weilidai/manage/closed"
    assert [e["kind"] for e in weilidai.account()["events"]].count("closed") == 1


def test_a_wrong_password_sent_again_counts_one_try(weilidai):
    action, values = drawn(weilidai, "/weilidai/manage/close/password", "close-password-form",
                           password="654321")
    send(weilidai, action, values)
    replay = send(weilidai, action, values)
    assert replay.location == "/weilidai/manage/close/password"
    assert weilidai.account()["password_tries_left"] == 2


def test_a_clock_move_sent_twice_moves_the_clock_once(weilidai):
    before = weilidai.account()["sim_date"]
    action, values = drawn(weilidai, "/stage", "panel-clock-30")
    send(weilidai, action, values)
    send(weilidai, action, values)
    assert weilidai.account()["sim_date"] == "2026-07-01" != before


def test_a_scenario_button_sent_again_does_not_throw_away_what_was_done_since(weilidai):
    action, values = drawn(weilidai, "/stage", "panel-scenario-form", scenario="repaying")
    send(weilidai, action, values)
    weilidai.repay_all()
    replay = send(weilidai, action, values)
    assert replay.status == 302
    assert weilidai.account()["outstanding"] == 0  # the repayment was not undone


def test_a_form_drawn_before_a_reset_acts_on_nothing(weilidai):
    weilidai.scenario("repaying")
    action, values = drawn(weilidai, "/weilidai/repay/confirm?target=all", "repay-form",
                           password="123456")
    fresh = weilidai.scenario("repaying")  # another tab, or the trainer, resets it
    page = send(weilidai, action, values)
    assert page.status == 302
    assert weilidai.account() == fresh
    shown = weilidai.get(page.location, follow=True)
    assert any("已过期" in text for text in shown.flashes("error"))


def test_a_form_without_its_token_acts_on_nothing(weilidai):
    weilidai.scenario("repaying")
    action, values = drawn(weilidai, "/weilidai/repay/confirm?target=all", "repay-form",
                           password="123456")
    before = weilidai.account()
    for token in (None, "", "forged", "0123456789ab.short"):
        sent = {**values, "once": token} if token is not None else {
            name: value for name, value in values.items() if name != "once"}
        assert send(weilidai, action, sent).status == 302
    assert weilidai.account() == before


@pytest.mark.parametrize("form_testid, path, first, then, key", [
    ("care-form", "/me/settings", {"care": "y"}, {"care": None}, "care"),
    ("panel-knobs-save", "/stage", {"knobs-spinner": "y"}, {"knobs-spinner": None}, "knobs"),
])
def test_a_setting_of_the_sessions_own_sent_again_is_not_applied_again(
        weilidai, form_testid, path, first, then, key):
    action, values = drawn(weilidai, path, form_testid, **{k: v for k, v in first.items()})
    send(weilidai, action, values)
    turned_on = weilidai.session().get(key)
    assert turned_on
    weilidai.submit(path, form_testid, then)  # turned off again, with a new form
    assert not weilidai.session().get(key)
    send(weilidai, action, values)  # the first form, sent again
    assert not weilidai.session().get(key)
