"""Every panel action lands on a screen that exists (issue 11, item 6): a result page whose
record went with the old account sends on to the nearest screen that does."""

import pytest


@pytest.mark.parametrize("action", ["panel-reset", "panel-scenario-busy"])
@pytest.mark.parametrize("result", ["borrowed", "repaid"])
def test_a_panel_action_while_the_phone_shows_a_result_page_lands_it_on_the_weilidai_home(
        weilidai, action, result):
    if result == "borrowed":
        page = weilidai.borrow()
    else:
        weilidai.scenario("repaying")
        page = weilidai.repay_all()
    assert page.screen == result
    assert weilidai.in_phone(page.path).screen == result  # the stage's phone shows it
    if action == "panel-reset":
        stage = weilidai.press("panel-reset")
        said = "演示账户已重置"
    else:
        stage = weilidai.press("panel-scenario-form", {"scenario": "busy"})
        said = "已切换到场景：多笔借款"
    assert stage.status == 200 and said in stage.flashes("success")
    landed = weilidai.phone()
    assert landed.status == 200 and landed.screen == "weilidai-home"


def test_a_result_page_of_a_record_that_is_gone_goes_to_the_home(weilidai):
    page = weilidai.borrow()
    weilidai.scenario("fresh")  # the API, or another tab: the page is left open
    again = weilidai.get(page.path, follow=True)
    assert again.screen == "weilidai-home"
    assert "这条记录不在当前的演示账户里了" in again.flashes("info")


def test_the_repayment_card_is_only_chosen_when_there_is_a_choice(weilidai):
    one = weilidai.get("/weilidai/settings/repayment")
    assert not one.has("repayment-card-form") and one.has("repayment-card-only")
    weilidai.scenario("busy")
    two = weilidai.get("/weilidai/settings/repayment")
    assert two.has("repayment-card-form") and two.has("repayment-card-save")
