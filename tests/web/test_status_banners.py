"""The Weilidai home's banner for an account in trouble says why, in the article's words, with
the configured thresholds, and how to avoid it: use it now and then, repay on time, don't
over-borrow (R2, R3, R4)."""

import pytest

HOW_TO_AVOID = "怎样避免：定期使用微粒贷，按期还款，合理借款、避免过度负债。"
HOW_TO_AVOID_EN = ("How to avoid it: use Weilidai regularly, repay on time, and borrow "
                   "sensibly without taking on too much debt.")
BANNERS = ("banner-overdue", "banner-force-closed", "banner-frozen")


def banner(weilidai, scenario, testid):
    weilidai.scenario(scenario)
    page = weilidai.get("/weilidai")
    assert page.status == 200
    shown = [other for other in BANNERS if page.has(other)]
    assert shown == [testid], "exactly one banner, the scenario's"
    return page.testid(testid)


def yuan(fen):
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def test_R4_R3_the_overdue_banner_says_the_mark_the_threshold_and_how_to_avoid_it(weilidai):
    found = banner(weilidai, "overdue", "banner-overdue")
    overdue = weilidai.account()["overdue"]
    assert found.find("p", class_="banner__title").text == "你有逾期未还的借款"
    assert (f"逾期金额 {yuan(overdue)}，已留下不良信用记录。逾期超过 90 天，系统会关闭微粒贷。"
            "请尽快还款。") in found.text
    assert found.text.endswith(HOW_TO_AVOID)


def test_R3_the_force_closed_banner_says_why_what_is_kept_and_how_to_avoid_it(weilidai):
    found = banner(weilidai, "force-closed", "banner-force-closed")
    owed = weilidai.account()["outstanding"]
    assert found.find("p", class_="banner__title").text == "微粒贷已被系统关闭"
    assert (f"有一期逾期超过 90 天，留下了不良信用记录，系统关闭了微粒贷并收回额度。"
            f"还清全部欠款 {yuan(owed)} 之前，入口、还款和借款记录都还在。") in found.text
    assert found.text.endswith(HOW_TO_AVOID)


def test_R2_the_frozen_banner_says_how_long_it_was_unused_and_how_to_avoid_it(weilidai):
    found = banner(weilidai, "frozen", "banner-frozen")
    assert found.find("p", class_="banner__title").text == "微粒贷已被冻结"
    # The scenario froze 5 days before its date, 2026-12-03.
    assert ("连续 180 天没有借款或还款，系统在 2026-11-28 自动冻结了微粒贷，暂时不能借钱；还款和关闭仍可使用。"
            in found.text)
    assert found.text.endswith(HOW_TO_AVOID)


@pytest.mark.parametrize(("scenario", "testid"), [
    ("overdue", "banner-overdue"), ("force-closed", "banner-force-closed"),
    ("frozen", "banner-frozen"),
])
def test_each_banner_in_english_gives_the_same_advice(weilidai, scenario, testid):
    weilidai.get("/?lang=en")
    assert banner(weilidai, scenario, testid).text.endswith(HOW_TO_AVOID_EN)


@pytest.mark.parametrize(("scenario", "testid"), [
    ("overdue", "banner-overdue"), ("force-closed", "banner-force-closed"),
])
def test_R3_the_banners_name_the_configured_overdue_threshold(make_weilidai, scenario, testid):
    weilidai = make_weilidai(FORCE_CLOSE_OVERDUE_DAYS=45)
    found = banner(weilidai, scenario, testid)
    assert "逾期超过 45 天" in found.text
    assert "逾期超过 90 天" not in found.text


def test_R2_the_frozen_banner_counts_the_days_under_a_configured_idle_period(make_weilidai):
    weilidai = make_weilidai(INACTIVITY_FREEZE_DAYS=60)
    assert "连续 60 天没有借款或还款" in banner(weilidai, "frozen", "banner-frozen").text


def test_R2_the_frozen_banner_still_says_why_after_a_repayment(make_weilidai):
    # Issue 11: it read "已经 0 天没有借款或还款" once the frozen account repaid something.
    weilidai = make_weilidai(INACTIVITY_FREEZE_DAYS=60)
    account = weilidai.scenario("frozen-owing")
    loan = account["loans"][0]
    seq = next(item["seq"] for item in loan["installments"] if not item["paid"])
    weilidai.repay(f"{loan['id']}-{seq}")
    text = weilidai.get("/weilidai").testid("banner-frozen").text
    assert "连续 60 天没有借款或还款" in text and "已经 0 天" not in text


def test_an_account_in_good_standing_shows_no_banner(weilidai):
    weilidai.scenario("repaying")
    page = weilidai.get("/weilidai")
    assert [testid for testid in BANNERS if page.has(testid)] == []
