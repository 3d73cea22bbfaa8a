"""R11: 设置 → 还款设置 → the 自动还款 switch, and the repayment card."""

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
REPAYMENT = "/weilidai/settings/repayment"


def switch_is_on(page):
    return "checked" in page.testid("auto-repay-switch").attrs


def test_the_path_is_home_then_settings_then_repayment_settings_r11(weilidai):
    settings = weilidai.get(weilidai.get("/weilidai").testid("open-settings").attrs["href"])
    link = settings.testid("repayment-settings")
    assert link.attrs["href"] == REPAYMENT
    assert "自动还款已开启" in link.text
    page = weilidai.get(REPAYMENT)
    assert page.screen == "repayment-settings"
    assert page.testid("auto-repay-switch").attrs["role"] == "switch"
    assert switch_is_on(page)


def test_switching_auto_repay_off_persists_and_says_so_r11(weilidai):
    sent = weilidai.submit(REPAYMENT, "auto-repay-form", {"auto_repay": None})
    assert sent.status == 302 and sent.location.endswith(REPAYMENT)
    page = weilidai.get(sent.location)
    assert any("已关闭" in text for text in page.flashes("success"))
    assert not switch_is_on(page)
    assert weilidai.account()["auto_repay"] is False
    # It stays off on the next visit, and the settings list says so.
    assert not switch_is_on(weilidai.get(REPAYMENT))
    settings = weilidai.get("/weilidai/settings")
    assert "自动还款已关闭" in settings.testid("repayment-settings").text


def test_switching_auto_repay_on_again_works_the_same_way_r11(weilidai):
    weilidai.submit(REPAYMENT, "auto-repay-form", {"auto_repay": None})
    page = weilidai.submit(REPAYMENT, "auto-repay-form", {"auto_repay": "y"}, follow=True)
    assert any("已开启" in text for text in page.flashes("success"))
    assert switch_is_on(page)
    assert weilidai.account()["auto_repay"] is True


def test_with_auto_repay_off_a_due_installment_is_not_deducted_r11(weilidai):
    weilidai.scenario("repaying")
    weilidai.submit(REPAYMENT, "auto-repay-form", {"auto_repay": None})
    balance = weilidai.account()["cards"][0]["balance"]
    assert weilidai.clock(to="next-due").status_code == 200
    account = weilidai.account()
    assert account["cards"][0]["balance"] == balance
    assert any(e["kind"] == "overdue" and e["reason"] == "auto_repay_off"
               for e in account["events"])


def test_with_auto_repay_on_a_due_installment_is_deducted_r10(weilidai):
    weilidai.scenario("repaying")
    balance = weilidai.account()["cards"][0]["balance"]
    weilidai.clock(to="next-due")
    account = weilidai.account()
    assert account["cards"][0]["balance"] < balance
    assert any(e["kind"] == "auto_repaid" for e in account["events"])


def test_the_repayment_card_can_be_changed_to_one_of_the_accounts_cards(weilidai):
    weilidai.scenario("busy")
    page = weilidai.submit(REPAYMENT, "repayment-card-form", {"card": "ccb"}, follow=True)
    assert page.path == REPAYMENT
    assert "checked" in page.testid("repayment-card-ccb").attrs
    assert page.flashes("success") == ["还款银行卡已更换为建设银行（6666）"]  # said, not silent
    assert weilidai.account()["repayment_card"] == "ccb"


def test_an_unknown_repayment_card_is_refused_in_the_users_words(weilidai):
    before = weilidai.scenario("busy")
    page = weilidai.submit(REPAYMENT, "repayment-card-form", {"card": "evil"})
    assert page.status == 422
    assert page.screen == "repayment-settings"
    errors = page.field_errors()
    assert errors and all(CJK.search(error) for error in errors), errors
    assert weilidai.account() == before


def test_a_closed_account_has_no_switch_and_posting_changes_nothing(weilidai):
    before = weilidai.scenario("closed")
    page = weilidai.get(REPAYMENT)
    assert page.has("repayment-closed")
    assert not page.has("auto-repay-switch")
    sent = weilidai.post_form(REPAYMENT, {"auto_repay": "y"}, token_from="/scenarios/fresh",
                              follow=True)
    assert sent.status == 200
    assert any("已关闭" in text for text in sent.flashes("error"))
    assert weilidai.account() == before
