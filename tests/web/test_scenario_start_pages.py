"""/scenarios/<id>: a link a trainer can share; its button (a POST) starts the scenario."""

import pytest

from tests.web.conftest import state

from webapp.scenarios import SCENARIOS


def test_the_index_lists_every_scenario_with_a_link_to_its_start_page(weilidai):
    page = weilidai.get("/scenarios")
    for scenario_id in SCENARIOS:
        assert page.testid(f"scenario-{scenario_id}").attrs["href"] == f"/scenarios/{scenario_id}"


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_a_start_page_describes_the_scenario_and_changes_nothing(weilidai, scenario_id):
    before = weilidai.account()
    page = weilidai.get(f"/scenarios/{scenario_id}")
    assert page.status == 200 and page.screen == "scenario-start"
    scenario = SCENARIOS[scenario_id]
    assert page.testid("scenario-title").text == scenario.title
    assert page.testid("scenario-desc").text == scenario.teaches
    assert page.has("start-scenario")
    assert weilidai.account() == before


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_its_button_starts_the_scenario_and_opens_weilidai(weilidai, scenario_id):
    sent = weilidai.submit(f"/scenarios/{scenario_id}", "start-scenario")
    assert sent.status == 302 and sent.location.endswith("/weilidai")
    account = weilidai.account()
    assert account["events"][-1]["kind"] == "scenario"
    assert account["events"][-1]["reason"] == scenario_id
    expected = weilidai.new_browser().scenario(scenario_id)
    assert state(account, "password_tries_left") == state(expected, "password_tries_left")


def test_starting_a_scenario_again_resets_what_was_done_since(weilidai):
    weilidai.submit("/scenarios/repaying", "start-scenario")
    weilidai.repay_all()
    assert weilidai.account()["outstanding"] == 0
    weilidai.submit("/scenarios/repaying", "start-scenario")
    assert weilidai.account()["outstanding"] > 0


def test_an_unknown_scenario_is_a_404_page(weilidai):
    before = weilidai.account()
    page = weilidai.get("/scenarios/no-such-thing")
    assert page.status == 404 and page.screen == "error-404"
    sent = weilidai.post_form("/scenarios/no-such-thing", {}, token_from="/scenarios/fresh")
    assert sent.status == 404
    assert weilidai.account() == before
