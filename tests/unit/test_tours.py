"""Tours as data (webapp/tours/): well formed, from a real scenario, in the article's words."""

import pytest

from webapp.scenarios import SCENARIOS
from webapp.tours import TOURS, Step, Tour

ARTICLE_GEAR = "点击页面右上角的“设置”图标"


def test_the_required_tours_are_there():
    assert {"close-weilidai", "close-with-debt", "auto-repay-off", "why-frozen"} <= set(TOURS)


@pytest.mark.parametrize("tour", TOURS.values(), ids=list(TOURS))
def test_a_tour_starts_from_a_scenario_and_every_step_says_what_to_do(tour):
    assert tour.scenario in SCENARIOS
    assert tour.start.startswith("/")
    assert str(tour.title) and str(tour.summary) and tour.learned
    for step in tour.steps:
        assert step.screen and step.target and str(step.hint).strip()


@pytest.mark.parametrize("tour", TOURS.values(), ids=list(TOURS))
def test_every_tap_leads_to_another_screen(tour):
    for index, step in enumerate(tour.steps):
        if step.is_tap:
            assert tour.route.leads_to(0, index) not in (None, step.screen)


def test_the_gear_step_is_in_the_articles_words():
    gear_steps = [step for tour in TOURS.values() for step in tour.steps
                  if step.target == "open-settings"]
    assert gear_steps and all(str(step.hint) == ARTICLE_GEAR for step in gear_steps)


def test_a_tap_that_stays_on_its_screen_is_refused():
    with pytest.raises(ValueError, match="another screen"):
        Tour("t", "t", "fresh", "/", "s", ("l",),
             steps=(Step("settings", "management", "tap"), Step("settings", "faq", "tap")),
             ends_on="faq")


def test_a_last_tap_needs_the_screen_it_ends_on():
    with pytest.raises(ValueError, match="ends_on"):
        Tour("t", "t", "fresh", "/", "s", ("l",), steps=(Step("settings", "management", "tap"),))


def test_an_unknown_condition_is_refused():
    with pytest.raises(ValueError, match="unknown condition"):
        Tour("t", "t", "fresh", "/", "s", ("l",),
             steps=(Step("me", "x", "wait", until="raining"),))


def test_a_panel_step_knows_it_is_in_the_panel():
    assert Step("weilidai-home", "panel-clock-1", "+1").in_panel
    assert not Step("weilidai-home", "open-settings", "gear").in_panel
