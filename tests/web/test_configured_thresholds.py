"""R2's and R3's thresholds as configured: every scenario starts, by every way in, at either
end of the range the configuration takes, and the FAQ and the scenario descriptions name the
configured numbers; a value out of range stops the app before it serves anything."""

import pytest

from webapp import create_app
from webapp.config import THRESHOLD_RANGES, ConfigError
from webapp.scenarios import SCENARIOS

FREEZE_RANGE = THRESHOLD_RANGES["INACTIVITY_FREEZE_DAYS"]
FORCE_RANGE = THRESHOLD_RANGES["FORCE_CLOSE_OVERDUE_DAYS"]
CORNERS = [(freeze, force) for freeze in FREEZE_RANGE for force in FORCE_RANGE]


def thresholds(freeze, force):
    return {"INACTIVITY_FREEZE_DAYS": freeze, "FORCE_CLOSE_OVERDUE_DAYS": force}


@pytest.mark.parametrize(("freeze", "force"), CORNERS)
def test_R2_R3_every_scenario_starts_from_the_panel_the_start_page_and_the_api(
        make_weilidai, freeze, force):
    weilidai = make_weilidai(**thresholds(freeze, force))
    for scenario_id in SCENARIOS:
        page = weilidai.submit("/stage", "panel-scenario-form", {"scenario": scenario_id},
                               follow=True)
        assert page.status == 200, scenario_id
        assert weilidai.account()["events"][-1]["reason"] == scenario_id
        assert weilidai.submit(f"/scenarios/{scenario_id}", "start-scenario").status == 302
        assert weilidai.client.post("/api/scenario", json={"name": scenario_id}).status_code == 200
        assert weilidai.get("/weilidai").status == 200


@pytest.mark.parametrize(("freeze", "force"), [CORNERS[0], CORNERS[-1]])
@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_R2_R3_every_scenario_opens_as_the_default_for_a_first_visit(
        make_weilidai, scenario_id, freeze, force):
    weilidai = make_weilidai(DEFAULT_SCENARIO=scenario_id, **thresholds(freeze, force))
    assert weilidai.get("/weilidai").status == 200
    assert weilidai.account()["events"][-1]["reason"] == scenario_id
    assert weilidai.submit("/stage", "panel-reset", follow=True).status == 200


def test_R12_the_faq_names_the_configured_thresholds(make_weilidai):
    weilidai = make_weilidai(**thresholds(200, 45))
    text = weilidai.get("/weilidai/faq").testid("faq").text
    assert "连续 200 天没有借款或还款，系统会冻结微粒贷。" in text
    assert "有一期逾期超过 45 天，系统会关闭微粒贷并收回额度。" in text
    assert "180 天" not in text and "90 天" not in text


def test_the_faq_in_english_names_the_configured_thresholds(make_weilidai):
    weilidai = make_weilidai(**thresholds(200, 45))
    weilidai.get("/?lang=en")
    text = weilidai.get("/weilidai/faq").testid("faq").text
    assert "after 200 days in a row without borrowing or repaying" in text
    assert "more than 45 days overdue" in text


@pytest.mark.parametrize(("scenario_id", "words"), [
    ("overdue", "逾期超过 45 天"), ("force-closed", "逾期超过 45 天"), ("dormant", "已经 199 天"),
])
def test_a_scenario_description_names_the_configured_thresholds_wherever_it_is_shown(
        make_weilidai, scenario_id, words):
    weilidai = make_weilidai(**thresholds(200, 45))
    start = weilidai.get(f"/scenarios/{scenario_id}").testid("scenario-desc").text
    listed = weilidai.get("/scenarios").testid(f"scenario-{scenario_id}").text
    panel = weilidai.stage().testid("panel-scenario-form").text
    for text in (start, listed, panel):
        assert words in text


@pytest.mark.parametrize(("variable", "value"), [
    ("WEILIDAI_INACTIVITY_FREEZE_DAYS", "1"), ("WEILIDAI_INACTIVITY_FREEZE_DAYS", "4000"),
    ("WEILIDAI_FORCE_CLOSE_OVERDUE_DAYS", "3700"), ("WEILIDAI_FORCE_CLOSE_OVERDUE_DAYS", "x"),
])
def test_a_threshold_out_of_range_in_the_environment_stops_the_app_at_startup(
        monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        create_app({"SECRET_KEY": "test", "TESTING": True})


@pytest.mark.parametrize("config", [thresholds(FREEZE_RANGE[0] - 1, 90),
                                    thresholds(180, FORCE_RANGE[1] + 1)])
def test_R2_R3_a_threshold_out_of_range_given_to_create_app_is_refused_too(config):
    """Not only from the environment: a test or an embedding app passing its own config."""
    with pytest.raises(ConfigError):
        create_app({"SECRET_KEY": "x", **config})
