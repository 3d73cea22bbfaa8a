"""R5–R8: closing Weilidai, as the article walks through it."""


def links_in(element):
    return [el for el in element.find_all("a") if el.attrs.get("href")]


# -- R5: the path and the confirmation --------------------------------------------------------

def test_the_path_to_closing_is_home_then_settings_then_management(weilidai):
    home = weilidai.get("/weilidai")
    assert home.testid("open-settings").attrs["href"] == "/weilidai/settings"
    assert home.testid("open-settings").attrs["aria-label"] == "设置"
    settings = weilidai.get("/weilidai/settings")
    assert settings.testid("management").attrs["href"] == "/weilidai/manage"


def test_close_is_the_last_link_at_the_bottom_of_management_r5(weilidai):
    page = weilidai.get("/weilidai/manage")
    close = page.testid("close-weilidai")
    assert "关闭微粒贷" in close.text
    assert close.attrs["href"] == "/weilidai/manage/close"
    assert links_in(page.main)[-1] is close


def test_the_confirmation_lists_the_three_precautions_r5(weilidai):
    page = weilidai.get("/weilidai/manage/close")
    assert page.status == 200
    assert page.has("close-dialog")
    assert "还清所有借款" in page.testid("precaution-repay").text
    assert "无法再次使用" in page.testid("precaution-no-reuse").text
    assert "借款记录将被保留" in page.testid("precaution-records").text
    assert page.testid("close-confirm").attrs["href"] == "/weilidai/manage/close/password"
    assert weilidai.account()["status"] == "active"  # looking changes nothing


def test_the_password_page_asks_for_the_six_digit_payment_password(weilidai):
    page = weilidai.get("/weilidai/manage/close/password")
    assert page.screen == "close-password"
    field = page.testid("password")
    assert field.attrs["type"] == "password" and field.attrs["maxlength"] == "6"


# -- R6: refused while anything is owed -------------------------------------------------------

def test_close_is_refused_while_a_loan_is_outstanding_r6(weilidai):
    weilidai.scenario("repaying")
    page = weilidai.get("/weilidai/manage/close")
    refused = page.testid("close-refused")
    assert refused is not None
    assert "未还清" in page.testid("precaution-repay").text
    assert page.testid("go-repay").attrs["href"] == "/weilidai/repay"
    assert not page.has("close-confirm")


def test_sending_the_password_with_debt_changes_nothing_r6(weilidai):
    weilidai.scenario("repaying")
    before = weilidai.account()
    page = weilidai.close(weilidai.password)
    assert page.path == "/weilidai/manage/close"
    assert page.has("close-refused")
    assert weilidai.account() == before


def test_the_password_page_sends_an_indebted_user_back_to_the_refusal_r6(weilidai):
    weilidai.scenario("overdue")
    page = weilidai.get("/weilidai/manage/close/password", follow=True)
    assert page.path == "/weilidai/manage/close"
    assert page.has("close-refused")


def test_repaying_everything_then_closing_works_r6(weilidai):
    weilidai.scenario("repaying")
    refused = weilidai.get("/weilidai/manage/close")
    repay = weilidai.get(refused.testid("go-repay").attrs["href"])
    assert repay.screen == "repay"

    repaid = weilidai.repay_all()
    assert repaid.screen == "repaid"
    assert repaid.has("all-repaid")
    assert weilidai.account()["outstanding"] == 0

    confirm = weilidai.get("/weilidai/manage/close")
    assert confirm.has("close-dialog") and not confirm.has("close-refused")
    closed = weilidai.close(weilidai.password)
    assert closed.path == "/weilidai/manage/closed"
    assert weilidai.account()["status"] == "closed"


# -- the payment password -----------------------------------------------------------------------

def test_a_wrong_password_counts_down_then_locks_and_never_closes(weilidai):
    first = weilidai.close(weilidai.wrong_password)
    assert first.path == "/weilidai/manage/close/password"
    assert any("还可以再试 2 次" in text for text in first.flashes("error"))

    second = weilidai.close(weilidai.wrong_password)
    assert any("还可以再试 1 次" in text for text in second.flashes("error"))

    third = weilidai.close(weilidai.wrong_password)
    assert any("已锁定" in text for text in third.flashes("error"))
    assert third.has("password-locked")
    assert not third.has("password") and "disabled" in third.testid("close-submit").attrs

    right_but_locked = weilidai.close(weilidai.password)
    assert any("已锁定" in text for text in right_but_locked.flashes("error"))
    account = weilidai.account()
    assert account["status"] == "active"
    assert account["password_tries_left"] == 0


def test_a_password_that_is_not_six_digits_is_explained_on_the_page(weilidai):
    page = weilidai.submit("/weilidai/manage/close/password", "close-password-form",
                           {"password": "12ab"})
    assert page.status == 422
    assert "6 位数字" in " ".join(page.field_errors())
    account = weilidai.account()
    assert account["status"] == "active" and account["password_tries_left"] == 3


def test_the_right_password_closes_weilidai_and_shows_the_result_r5(weilidai):
    sent = weilidai.submit("/weilidai/manage/close/password", "close-password-form",
                           {"password": weilidai.password})
    assert sent.status == 302
    assert sent.location.endswith("/weilidai/manage/closed")
    page = weilidai.get(sent.location)
    assert page.screen == "closed"
    assert page.testid("closed-title").text == "已关闭"
    assert weilidai.account()["status"] == "closed"


# -- R7, R8: after closing ----------------------------------------------------------------------

def close_after_a_repaid_loan(weilidai):
    weilidai.borrow(amount="2000", term="3")
    weilidai.repay_all()
    assert weilidai.close(weilidai.password).path == "/weilidai/manage/closed"


def test_the_loan_records_are_kept_after_closing_r8(weilidai):
    close_after_a_repaid_loan(weilidai)
    page = weilidai.get("/weilidai/records")
    assert page.has("records-kept")
    assert page.has("loan-1")
    assert "2,000.00" in page.testid("loan-1").text
    assert [loan["id"] for loan in weilidai.account()["loans"]] == [1]


def test_borrowing_is_gone_after_closing_r7(weilidai):
    close_after_a_repaid_loan(weilidai)
    home = weilidai.get("/weilidai")
    assert home.has("weilidai-closed")
    assert not home.has("borrow")
    borrow = weilidai.get("/weilidai/borrow")
    assert borrow.screen == "borrow-unavailable"
    assert borrow.has("borrow-unavailable")
    assert weilidai.account()["status"] == "closed"
    assert weilidai.account()["available"] == 0


def test_a_closed_account_cannot_borrow_even_by_posting_r7(weilidai):
    weilidai.scenario("closed")
    before = weilidai.account()
    token = weilidai.csrf_token("/scenarios/fresh")
    for path, data in [
        ("/weilidai/borrow", {"amount": "1000", "term": "3", "card": "cmb"}),
        ("/weilidai/borrow/confirm", {"amount": "1000", "term": "3", "card": "cmb",
                                      "auto_repay": "1", "password": "123456"}),
    ]:
        page = weilidai.request("post", path, data={**data, "csrf_token": token},
                                follow_redirects=True)
        assert page.status == 200 and page.screen == "borrow-unavailable", path
    assert weilidai.account() == before


def test_a_closed_account_cannot_be_closed_again_nor_reopened_r7(weilidai):
    weilidai.scenario("closed")
    before = weilidai.account()
    confirm = weilidai.get("/weilidai/manage/close")
    assert not confirm.has("close-confirm")
    again = weilidai.close(weilidai.password)
    assert again.path == "/weilidai/manage/closed"
    assert not weilidai.get("/weilidai/manage").has("close-weilidai")
    assert weilidai.get("/weilidai/manage").has("already-closed")
    assert weilidai.account() == before


def test_the_services_page_shows_the_entry_closed_r7(weilidai):
    assert not weilidai.get("/me/services").has("weilidai-entry-closed")
    weilidai.close(weilidai.password)
    entry = weilidai.get("/me/services").testid("weilidai-entry-closed")
    assert entry is not None and entry.text == "已关闭"


def test_the_closed_scenario_keeps_its_records_r8(weilidai):
    account = weilidai.scenario("closed")
    assert account["status"] == "closed" and account["loans"]
    page = weilidai.get("/weilidai/records")
    assert all(page.has(f"loan-{loan['id']}") for loan in account["loans"])


def test_a_frozen_account_can_still_be_closed_r2(weilidai):
    weilidai.scenario("frozen")
    assert weilidai.get("/weilidai/manage").has("close-weilidai")
    assert weilidai.close(weilidai.password).path == "/weilidai/manage/closed"
    assert weilidai.account()["status"] == "closed"
