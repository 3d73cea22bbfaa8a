"""R12: 常见问题 answers the article's questions in the app: does Weilidai close by itself,
how to close it, what closing means, auto-repay on and off, and the demo password.

The answers are checked by their words, section by section, not by the whole page (and not
by the thresholds' numbers, which come from the configuration)."""

import pytest

FAQ = "/weilidai/faq"


def section(page, heading_id):
    """The answer under the question with this heading id, as one line of text."""
    found = page.root.find("section", aria_labelledby=heading_id)
    assert found is not None, f"no answer for {heading_id!r} on {page.path}"
    return found


def steps(answer):
    return [item.text for item in answer.find("ol").find_all("li")]


def step_with(steps_, words):
    matching = [i for i, step in enumerate(steps_) if words in step]
    assert matching, f"no step says {words!r}: {steps_}"
    return matching[0]


@pytest.fixture
def faq(weilidai):
    page = weilidai.get(FAQ)
    assert page.status == 200
    return page


def test_R12_the_faq_is_a_screen_of_its_own_inside_the_phone(faq):
    assert faq.screen == "faq"
    assert faq.in_phone_frame()
    assert faq.root.find("h1").text == "常见问题"


@pytest.mark.parametrize("scenario", ["fresh", "repaying", "frozen", "closed", "force-closed"])
def test_R12_the_faq_is_reachable_from_the_weilidai_home_in_every_state(weilidai, scenario):
    weilidai.scenario(scenario)
    link = weilidai.get("/weilidai").testid("faq")
    assert link is not None and "常见问题" in link.text
    assert weilidai.get(link.attrs["href"]).screen == "faq"


def test_R12_the_faq_is_reachable_from_settings(weilidai):
    settings = weilidai.get(weilidai.get("/weilidai").testid("open-settings").attrs["href"])
    link = settings.testid("settings-faq")
    assert link is not None and "常见问题" in link.text
    page = weilidai.get(link.attrs["href"])
    assert page.screen == "faq"
    # and its back arrow leads to 设置 again
    assert page.root.find("a", href="/weilidai/settings") is not None


def test_R12_R1_in_normal_use_weilidai_does_not_close_by_itself(faq):
    answer = section(faq, "faq-auto-close")
    assert "微粒贷会自动关闭吗" in answer.find("h2").text
    assert "正常使用时不会" in answer.text
    assert "按时还款" in answer.text


def test_R12_R2_long_inactivity_freezes_it_but_repaying_and_closing_still_work(faq):
    answer = section(faq, "faq-auto-close").text
    assert "长时间不用会被冻结" in answer
    assert "没有借款或还款" in answer and "系统会冻结微粒贷" in answer
    assert "冻结后不能借钱" in answer and "还款和关闭仍然可以" in answer


def test_R12_R3_serious_overdue_makes_the_system_close_it(faq):
    answer = section(faq, "faq-auto-close").text
    assert "严重逾期会被系统关闭" in answer
    assert "逾期超过" in answer
    assert "系统会关闭微粒贷并收回额度" in answer
    assert "欠款还清之前" in answer and "还清之后才显示为已关闭" in answer


def test_R12_R2_how_to_avoid_freezing_or_closing_in_the_articles_three_tips(faq):
    tips = steps(section(faq, "faq-avoid"))
    assert len(tips) == 3
    assert "定期使用" in tips[0] and "按期还款" in tips[1] and "避免过度负债" in tips[2]


def test_R12_R5_how_to_close_home_then_settings_then_management_then_close_and_password(faq):
    answer = section(faq, "faq-how-close")
    assert "怎样关闭微粒贷" in answer.find("h2").text
    path = steps(answer)
    order = [step_with(path, "微粒贷借钱"), step_with(path, "右上角的“设置”图标"),
             step_with(path, "微粒贷管理"), step_with(path, "关闭微粒贷")]
    assert order == sorted(order), path
    last = path[order[-1]]
    assert "页面下方" in last and "确认" in last and "支付密码" in last


def test_R12_R6_R7_R8_what_closing_means_repay_first_no_way_back_records_kept(faq):
    answer = section(faq, "faq-closing-means").text
    assert "必须已还清所有借款" in answer and "关闭会被拒绝" in answer  # R6
    assert "不能再借钱" in answer and "不能重新开通" in answer  # R7
    assert "借款记录会保留" in answer and "借款记录" in answer  # R8


def test_R12_R9_R10_auto_repay_is_chosen_when_borrowing_and_deducted_on_each_due_date(faq):
    answer = section(faq, "faq-auto-repay").text
    assert "借款时可以选择开启自动还款" in answer  # R9
    assert "每期还款日" in answer and "自动从绑定的还款银行卡扣除" in answer  # R10
    assert "余额不足" in answer and "逾期" in answer and "不良记录" in answer  # R10, R4


def test_R12_R11_auto_repay_off_through_settings_then_repayment_settings_and_on_again(faq):
    answer = section(faq, "faq-auto-repay-off")
    assert "怎样关闭自动还款" in answer.find("h2").text
    path = steps(answer)
    order = [step_with(path, "“设置”图标"), step_with(path, "还款设置"),
             step_with(path, "关闭“自动还款”开关")]
    assert order == sorted(order), path
    assert "不会再自动扣款" in answer.text and "手动还款" in answer.text
    assert "重新开启" in answer.text and "打开这个开关" in answer.text


def test_R12_the_demo_payment_password_123456_is_stated(faq):
    answer = section(faq, "faq-demo")
    assert faq.testid("demo-password").text == "123456"
    assert "支付密码都是 123456" in answer.text
    assert "输错 3 次会锁定" in answer.text
