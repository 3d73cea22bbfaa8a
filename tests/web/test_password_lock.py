"""One lock state (issue 11, item 7): three wrong payment passwords lock every password form,
each saying until when and how to get out; the lock lifts on the next simulated day (or as
configured) or from the panel, keeping the scenario."""

import pytest

PASSWORD_FORMS = {
    "borrow": ("/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1",
               "borrow-confirm"),
    "repay": ("/weilidai/repay/confirm?target=all", "repay-confirm"),
    "close": ("/weilidai/manage/close/password", "close-submit"),
}


def lock(weilidai, scenario):
    """Three wrong passwords: by closing (no debt) or by repaying (a debt to repay)."""
    weilidai.scenario(scenario)
    for _ in range(3):
        if scenario == "fresh":
            weilidai.close(weilidai.wrong_password)
        else:
            weilidai.repay("all", password=weilidai.wrong_password)
    assert weilidai.account()["password_tries_left"] == 0


@pytest.mark.parametrize("form", list(PASSWORD_FORMS))
def test_every_password_form_shows_the_lock_and_how_to_get_out_of_it(weilidai, form):
    lock(weilidai, "fresh" if form == "close" else "repaying")
    path, submit = PASSWORD_FORMS[form]
    page = weilidai.get(path)
    notice = page.testid("password-locked")
    assert notice is not None and notice.attrs["role"] == "alert"
    assert "自动解锁" in notice.text and "解除锁定" in notice.text
    assert not page.has("password")
    assert "disabled" in page.testid(submit).attrs


def test_the_lock_lifts_on_the_next_simulated_day_keeping_the_scenario(weilidai):
    lock(weilidai, "repaying")
    lock_account = account = weilidai.account()
    assert account["password_tries_left"] == 0
    assert account["password_locked_until"] == "2026-06-02"
    weilidai.clock(days=1)
    account = weilidai.account()
    assert account["password_tries_left"] == 3 and account["password_locked_until"] is None
    assert account["loans"][0]["id"] == lock_account["loans"][0]["id"]
    assert weilidai.repay_all().screen == "repaid"


def test_a_configured_lock_lasts_as_many_simulated_days(make_weilidai):
    weilidai = make_weilidai(PASSWORD_LOCK_DAYS=3)
    lock(weilidai, "fresh")
    assert weilidai.account()["password_locked_until"] == "2026-06-04"
    weilidai.clock(days=2)
    assert weilidai.account()["password_tries_left"] == 0
    weilidai.clock(days=1)
    assert weilidai.account()["password_tries_left"] == 3


def test_the_panel_lifts_the_lock_without_losing_the_scenario(weilidai):
    lock(weilidai, "repaying")
    before = weilidai.account()
    page = weilidai.stage()
    assert "已锁定" in page.testid("panel-password-state").text
    unlocked = weilidai.submit(page, "panel-unlock", follow=True)
    assert unlocked.flashes("success") == ["支付密码已解除锁定，可以再试 3 次"]
    after = weilidai.account()
    assert after["password_tries_left"] == 3
    assert (after["loans"], after["sim_date"]) == (before["loans"], before["sim_date"])
