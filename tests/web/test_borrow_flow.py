"""R9: 借钱 — amount, term, card and auto-repay → the plan → the password → the result."""

import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


def next_step(weilidai, **fields):
    """Fill the borrow form and press 下一步."""
    return weilidai.submit("/weilidai/borrow", "borrow-form", fields)


def test_the_borrow_form_offers_amount_term_card_and_auto_repay_ticked_r9(weilidai):
    page = weilidai.get("/weilidai/borrow")
    form = page.form("borrow-form")
    assert page.testid("borrow-amount").attrs["name"] == "amount"
    terms = [el.attrs["value"] for el in form.find_all("input", name="term")]
    assert terms == ["3", "6", "12"]
    assert page.has("borrow-card-cmb")
    assert "checked" in page.testid("borrow-card-cmb").attrs
    assert "checked" in page.testid("borrow-auto-repay").attrs
    assert "可借 ¥20,000.00" in page.main.text


def test_next_shows_the_plan_before_anything_is_borrowed_r9(weilidai):
    sent = next_step(weilidai, amount="3000", term="3")
    assert sent.status == 302
    page = weilidai.get(sent.location)
    assert page.screen == "borrow-confirm"
    assert page.testid("summary-amount-value").text == "¥3,000.00"
    assert page.testid("summary-term-value").text == "3 个月"
    assert page.testid("summary-auto-repay-value").text == "开启"
    assert [page.has(f"plan-{seq}") for seq in (1, 2, 3, 4)] == [True, True, True, False]
    assert weilidai.account()["loans"] == []


def test_borrowing_with_the_password_shows_the_result_and_records_the_loan_r9(weilidai):
    page = weilidai.borrow(amount="5,000", term="6")
    assert page.screen == "borrowed"
    assert "¥5,000.00" in page.testid("borrowed-desc").text
    assert "已开启自动还款" in page.testid("borrowed-auto-repay").text
    account = weilidai.account()
    (loan,) = account["loans"]
    assert (loan["principal"], loan["term"], loan["card"]) == (500_000, 6, "cmb")
    assert len(loan["installments"]) == 6
    assert account["auto_repay"] is True
    assert account["available"] == 2_000_000 - 500_000
    assert account["cards"][0]["balance"] == 800_000 + 500_000


def test_unticking_auto_repay_when_borrowing_turns_it_off_r9(weilidai):
    confirm = weilidai.get(next_step(weilidai, amount="1000", term="3",
                                     auto_repay=None).location)
    assert confirm.testid("summary-auto-repay-value").text == "关闭"
    page = weilidai.borrow(amount="1000", term="3", auto_repay=False)
    assert "未开启自动还款" in page.testid("borrowed-auto-repay").text
    assert weilidai.account()["auto_repay"] is False


def test_full_width_digits_are_read_as_an_amount(weilidai):
    weilidai.borrow(amount="１０００")
    assert weilidai.account()["loans"][0]["principal"] == 100_000


@pytest.mark.parametrize("amount, words", [
    ("abc", "请输入整数金额"),
    ("", "请输入借款金额"),
    ("-100", "不能是负数"),
    ("100.50", "只能是整元"),
    ("0", "须大于 0"),
    ("150", "100 元的整数倍"),
    ("20100", "超过可借额度"),
    ("99999900", "超过可借额度"),
    ("999999999", "100 元的整数倍"),
    ("1234567890", "超过可借额度"),
])
def test_a_bad_amount_is_explained_and_changes_nothing(weilidai, amount, words):
    before = weilidai.account()
    page = next_step(weilidai, amount=amount)
    assert page.status == 422
    assert page.screen == "borrow"
    assert any(words in error for error in page.field_errors()), page.field_errors()
    assert weilidai.account() == before


@pytest.mark.parametrize("fields", [{"term": "5"}, {"card": "evil"}, {"term": None}])
def test_a_bad_choice_is_explained_in_the_users_words_and_changes_nothing(weilidai, fields):
    before = weilidai.account()
    page = next_step(weilidai, amount="1000", **fields)
    assert page.status == 422
    errors = page.field_errors()
    assert errors and all(CJK.search(error) for error in errors), errors
    assert weilidai.account() == before


def test_the_amount_typed_is_escaped_in_the_page(weilidai):
    page = next_step(weilidai, amount='<script>alert("x")</script>')
    assert page.status == 422
    assert "<script>alert" not in page.html
    assert page.testid("borrow-amount").attrs["value"] == '<script>alert("x")</script>'


@pytest.mark.parametrize("forged, words", [
    ({"amount": "99999999"}, "100 元的整数倍"),
    ({"amount": "99999900"}, "超过可借额度"),
    ({"term": "7"}, "3、6 或 12 个月"),
    ({"card": "evil"}, "找不到这张银行卡"),
    ({"amount": "150"}, "100 元的整数倍"),
    ({"amount": "x"}, "请先填写借款信息"),
])
def test_forged_hidden_fields_on_the_confirmation_are_refused(weilidai, forged, words):
    confirm = next_step(weilidai, amount="1000", term="3").location
    before = weilidai.account()
    page = weilidai.submit(confirm, "borrow-confirm-form", {"password": "123456", **forged},
                           follow=True)
    assert page.path == "/weilidai/borrow"
    assert any(words in text for text in page.flashes("error")), page.flashes()
    assert weilidai.account() == before


def test_a_wrong_password_on_the_confirmation_borrows_nothing(weilidai):
    page = weilidai.borrow(amount="1000", password=weilidai.wrong_password)
    assert page.screen == "borrow-confirm"
    assert any("还可以再试 2 次" in text for text in page.flashes("error"))
    # The plan is still there, to try again.
    assert page.testid("summary-amount-value").text == "¥1,000.00"
    account = weilidai.account()
    assert account["loans"] == [] and account["password_tries_left"] == 2


def test_a_malformed_password_on_the_confirmation_is_explained(weilidai):
    page = weilidai.borrow(amount="1000", password="12")
    assert page.status == 422
    assert any("6 位数字" in error for error in page.field_errors())
    assert weilidai.account()["loans"] == []


def test_reloading_the_result_page_does_not_borrow_again(weilidai):
    page = weilidai.borrow(amount="1000")
    again = weilidai.get(page.path)
    assert again.screen == "borrowed"
    assert len(weilidai.account()["loans"]) == 1


def test_the_confirmation_without_a_plan_sends_back_to_the_form(weilidai):
    page = weilidai.get("/weilidai/borrow/confirm", follow=True)
    assert page.path == "/weilidai/borrow"
    assert any("请先填写借款信息" in text for text in page.flashes("error"))


def test_a_frozen_account_cannot_borrow_r2(weilidai):
    weilidai.scenario("frozen")
    page = weilidai.get("/weilidai/borrow")
    assert page.screen == "borrow-unavailable"
    assert "冻结" in page.testid("borrow-unavailable-desc").text
