"""One rule for what a person types, in every field that takes a number or a password
(webapp/inputs.py): full-width digits are digits, "1000.00" is 1000, and the same input gets
the same answer whichever field or form it is typed in. A checkbox's 0/false/off/no is off."""

from datetime import date, timedelta

import pytest

from webapp.knobs import MAX_FAILURE_RATE, MAX_LATENCY_MS

PASSWORD_MESSAGE = "请输入 6 位数字支付密码"
DAYS_MESSAGE = "请输入大于 0 的整天数"


def borrow_next(weilidai, amount, **fields):
    """The borrow form filled with ``amount``, 下一步 pressed."""
    return weilidai.submit("/weilidai/borrow", "borrow-form", {"amount": amount, **fields})


def sim_date(weilidai):
    return date.fromisoformat(weilidai.account()["sim_date"])


# -- the borrow amount -----------------------------------------------------------------------

@pytest.mark.parametrize("amount, yuan", [
    ("1000", 1000),
    ("１０００", 1000),          # full-width digits
    ("1000.00", 1000),          # a whole amount written with zero decimals
    ("1000.0", 1000),
    ("１０００．００", 1000),
    ("1,000", 1000),
    ("１，０００", 1000),
    (" 2000 ", 2000),
])
def test_a_whole_amount_however_typed_goes_on_to_the_plan(weilidai, amount, yuan):
    sent = borrow_next(weilidai, amount)
    assert sent.status == 302, sent.field_errors()
    page = weilidai.get(sent.location)
    assert page.screen == "borrow-confirm"
    assert page.testid("summary-amount-value").text == f"¥{yuan:,}.00"


def test_an_amount_typed_in_full_width_digits_is_borrowed_as_typed(weilidai):
    weilidai.borrow(amount="３０００．００")
    assert weilidai.account()["loans"][0]["principal"] == 300_000


@pytest.mark.parametrize("amount, message", [
    ("1000.50", "借款金额只能是整元，例如 5000"),
    ("１０００．５", "借款金额只能是整元，例如 5000"),
    ("0.5", "借款金额只能是整元，例如 5000"),
    ("-1000", "借款金额不能是负数"),
    ("－１０００", "借款金额不能是负数"),
    ("-1000.50", "借款金额不能是负数"),
    ("0", "借款金额须大于 0"),
    ("０", "借款金额须大于 0"),
    ("0.00", "借款金额须大于 0"),
    ("-0", "借款金额须大于 0"),
    ("", "请输入借款金额"),
    ("   ", "请输入借款金额"),
    ("abc", "请输入整数金额，例如 5000"),
    ("1e3", "请输入整数金额，例如 5000"),
    ("1000.", "请输入整数金额，例如 5000"),
    ("١٠٠٠", "请输入整数金额，例如 5000"),  # Arabic-Indic digits are not ours
    ("¹000", "请输入整数金额，例如 5000"),
])
def test_an_amount_that_is_not_whole_yuan_says_exactly_why_and_changes_nothing(
        weilidai, amount, message):
    before = weilidai.account()
    page = borrow_next(weilidai, amount)
    assert page.status == 422 and page.screen == "borrow"
    assert page.field_errors() == [message]
    assert weilidai.account() == before


def test_an_amount_of_more_digits_than_any_limit_is_over_the_limit(weilidai):
    page = borrow_next(weilidai, "9" * 5000)
    assert page.status == 422
    assert any("超过可借额度" in error for error in page.field_errors())


# -- the payment password, in each of the three forms that ask for it -----------------------

def borrow_with(weilidai, password):
    return weilidai.borrow(amount="1000", password=password)


def repay_with(weilidai, password):
    return weilidai.repay_all(password=password)


def close_with(weilidai, password):
    return weilidai.submit("/weilidai/manage/close/password", "close-password-form",
                           {"password": password}, follow=True)


PASSWORD_FORMS = {
    # form: (scenario, send the password, what the form did when it was taken)
    "borrow": ("fresh", borrow_with, lambda account: len(account["loans"]) == 1),
    "repay": ("repaying", repay_with, lambda account: account["outstanding"] == 0),
    "close": ("fresh", close_with, lambda account: account["status"] == "closed"),
}


@pytest.mark.parametrize("form", list(PASSWORD_FORMS))
@pytest.mark.parametrize("password", ["１２３４５６", " 123456 ", "１２３456"])
def test_the_password_typed_in_full_width_digits_is_taken_in_every_form(weilidai, form,
                                                                        password):
    scenario, send, done = PASSWORD_FORMS[form]
    weilidai.scenario(scenario)
    send(weilidai, password)
    assert done(weilidai.account())


@pytest.mark.parametrize("form", list(PASSWORD_FORMS))
@pytest.mark.parametrize("password", ["１２３４５", "12345", "1234567", "١٢٣٤٥٦", "12345a", ""])
def test_a_password_that_is_not_six_digits_gets_the_same_message_in_every_form(
        weilidai, form, password):
    scenario, send, done = PASSWORD_FORMS[form]
    before = weilidai.scenario(scenario)
    page = send(weilidai, password)
    assert page.status == 422
    assert page.field_errors() == [PASSWORD_MESSAGE]
    assert weilidai.account() == before  # no try counted either


@pytest.mark.parametrize("form", list(PASSWORD_FORMS))
def test_a_wrong_password_in_full_width_digits_counts_as_the_wrong_password_it_is(weilidai,
                                                                                  form):
    scenario, send, done = PASSWORD_FORMS[form]
    weilidai.scenario(scenario)
    send(weilidai, "６５４３２１")
    account = weilidai.account()
    assert account["password_tries_left"] == 2 and not done(account)


# -- the panel's day count -------------------------------------------------------------------

@pytest.mark.parametrize("days, moved", [
    ("5", 5), ("５", 5), ("5.00", 5), ("５．０", 5), ("０５", 5), ("1,000", 1000), ("１２", 12),
])
def test_the_day_count_however_typed_moves_the_clock(weilidai, days, moved):
    today = sim_date(weilidai)
    page = weilidai.submit("/stage", "panel-clock-submit", {"days": days}, follow=True)
    assert page.flashes("error") == []
    assert sim_date(weilidai) == today + timedelta(days=moved)


@pytest.mark.parametrize("days", ["0", "０", "-5", "－５", "1.5", "５．５", "", "x", "٥", "1e2"])
def test_a_day_count_that_is_not_a_whole_number_of_days_says_so_and_the_date_stays(weilidai,
                                                                                  days):
    before = weilidai.account()
    page = weilidai.submit("/stage", "panel-clock-submit", {"days": days}, follow=True)
    assert page.flashes("error") == [DAYS_MESSAGE]
    assert weilidai.account() == before


def test_a_day_count_of_more_digits_than_the_clock_takes_is_out_of_its_range(weilidai):
    before = weilidai.account()
    page = weilidai.submit("/stage", "panel-clock-submit", {"days": "９" * 40}, follow=True)
    assert [text for text in page.flashes("error") if "天" in text and "1 到" in text]
    assert weilidai.account() == before


# -- the knobs' numbers ----------------------------------------------------------------------

def save_knobs(weilidai, **fields):
    return weilidai.submit("/stage", "panel-knobs-save",
                           {f"knobs-{name}": value for name, value in fields.items()},
                           follow=True)


@pytest.mark.parametrize("knob, typed, number", [
    ("latency_ms", "300", 300), ("latency_ms", "３００", 300), ("latency_ms", "300.00", 300),
    ("latency_ms", "３００．０", 300), ("latency_ms", "1,500", 1500), ("latency_ms", "", 0),
    ("failure_rate", "30", 30), ("failure_rate", "３０", 30), ("failure_rate", "30.0", 30),
    ("failure_rate", "１００．００", 100), ("failure_rate", "０", 0), ("failure_rate", "", 0),
])
def test_a_knobs_number_however_typed_is_saved(weilidai, knob, typed, number):
    page = save_knobs(weilidai, **{knob: typed})
    assert page.flashes("error") == []
    assert weilidai.client.get("/api/knobs").json[knob] == number


@pytest.mark.parametrize("typed", ["-1", "－１", "12.5", "１２．５", "abc", "٣", "9" * 50])
@pytest.mark.parametrize("knob, message", [
    ("latency_ms", f"响应延迟请输入 0 到 {MAX_LATENCY_MS} 之间的毫秒数"),
    ("failure_rate", f"系统繁忙的概率请输入 0 到 {MAX_FAILURE_RATE} 之间的整数"),
])
def test_a_knobs_number_out_of_its_range_says_so_and_nothing_is_saved(weilidai, knob, message,
                                                                      typed):
    weilidai.client.post("/api/knobs", json={"spinner": True})
    before = weilidai.client.get("/api/knobs").json
    page = save_knobs(weilidai, **{knob: typed})
    assert page.flashes("error") == [message]
    assert weilidai.client.get("/api/knobs").json == before


# -- checkboxes ------------------------------------------------------------------------------

OFF = ["0", "false", "off", "no", "", "FALSE", "Off", "NO", "０"]
ON = ["y", "1", "on", "true", "yes", "１"]


def borrow_auto_repay(weilidai, value):
    """The borrow form sent with ``auto_repay`` = value: what the confirmation shows."""
    sent = borrow_next(weilidai, "1000", auto_repay=value)
    assert sent.status == 302, sent.field_errors()
    return weilidai.get(sent.location).testid("summary-auto-repay-value").text


def switch_auto_repay(weilidai, value):
    weilidai.submit("/weilidai/settings/repayment", "auto-repay-form", {"auto_repay": value})
    return weilidai.account()["auto_repay"]


def knob_spinner(weilidai, value):
    save_knobs(weilidai, spinner=value)
    return weilidai.client.get("/api/knobs").json["spinner"]


def care_mode(weilidai, value):
    page = weilidai.submit("/me/settings", "care-form", {"care": value}, follow=True)
    return "care" in (page.root.find("html").attrs.get("class") or "").split()


CHECKBOXES = {
    "borrow auto-repay": (borrow_auto_repay, "开启", "关闭"),
    "auto-repay switch": (switch_auto_repay, True, False),
    "spinner knob": (knob_spinner, True, False),
    "care mode": (care_mode, True, False),
}


@pytest.mark.parametrize("checkbox", list(CHECKBOXES))
@pytest.mark.parametrize("value", [*OFF, None])  # None: left out, as an unticked box is
def test_a_checkbox_sent_as_0_false_off_or_no_is_off(weilidai, checkbox, value):
    send, on, off = CHECKBOXES[checkbox]
    assert send(weilidai, "y") == on
    assert send(weilidai, value) == off


@pytest.mark.parametrize("checkbox", list(CHECKBOXES))
@pytest.mark.parametrize("value", ON)
def test_a_checkbox_sent_with_any_other_value_is_on(weilidai, checkbox, value):
    send, on, off = CHECKBOXES[checkbox]
    assert send(weilidai, None) == off
    assert send(weilidai, value) == on
