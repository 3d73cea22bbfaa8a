"""The amount confirmed is the amount moved: a confirmation carries what it showed, and if
the account changed since (another tab moved the clock, repaid, ...), nothing moves and the
new figure is shown to confirm (issue 11, item 2)."""

from tests.web.conftest import Page, form_values


def open_form(weilidai, path, form_testid, **fields):
    page = weilidai.get(path)
    form = page.form(form_testid)
    return page, form.attrs.get("action") or page.path, {**form_values(form), **fields}


def test_repaying_everything_after_the_clock_moved_in_another_tab_asks_again(weilidai):
    weilidai.scenario("overdue")
    page, action, values = open_form(weilidai, "/weilidai/repay/confirm?target=all",
                                     "repay-form", password="123456")
    shown = page.testid("repay-amount").text
    assert shown == "3,064.62"
    weilidai.clock(days=30)  # tab B
    before = weilidai.account()
    sent = Page(weilidai.client.post(action, data=values))
    assert sent.status == 302 and sent.location == "/weilidai/repay/confirm?target=all"
    assert weilidai.account() == before  # nothing moved, not even a try was counted
    again = weilidai.get(sent.location)
    (message,) = again.flashes("error")
    assert message.startswith("金额已变化，请重新确认：现在需还 ¥")
    new_amount = again.testid("repay-amount").text
    assert new_amount != shown and new_amount in message
    # Confirming the new figure repays exactly that.
    done = weilidai.submit(again, "repay-form", {"password": "123456"}, follow=True)
    assert done.screen == "repaid" and f"¥{new_amount}" in done.testid("repaid-desc").text
    (repaid,) = [e for e in weilidai.account()["events"] if e["kind"] == "repaid"]
    assert f"{repaid['amount'] / 100:,.2f}" == new_amount


def test_repaying_one_installment_moves_exactly_the_amount_shown(weilidai):
    weilidai.scenario("repaying")
    page, action, values = open_form(weilidai, "/weilidai/repay/confirm?target=1-2",
                                     "repay-form", password="123456")
    balance = weilidai.account()["cards"][0]["balance"]
    shown = int(values["expected"])
    assert page.testid("repay-amount").text == f"{shown / 100:,.2f}"
    weilidai.client.post(action, data=values)
    assert weilidai.account()["cards"][0]["balance"] == balance - shown


def test_a_borrow_confirmation_after_the_clock_moved_asks_again_with_the_new_plan(weilidai):
    page, action, values = open_form(
        weilidai, "/weilidai/borrow/confirm?amount=3000&term=3&card=cmb&auto_repay=1",
        "borrow-confirm-form", password="123456")
    first_due = page.testid("plan-1").text
    weilidai.clock(days=1)
    sent = Page(weilidai.client.post(action, data=values))
    assert weilidai.account()["loans"] == []
    again = weilidai.get(sent.location)
    assert again.screen == "borrow-confirm"
    assert any(text.startswith("借款计划已变化") for text in again.flashes("error"))
    assert again.testid("plan-1").text != first_due


def test_a_confirmation_that_does_not_say_what_it_showed_moves_nothing(weilidai):
    weilidai.scenario("repaying")
    _, action, values = open_form(weilidai, "/weilidai/repay/confirm?target=all", "repay-form",
                                  password="123456")
    before = weilidai.account()
    del values["expected"]
    sent = Page(weilidai.client.post(action, data=values))
    assert sent.status == 302 and weilidai.account() == before
