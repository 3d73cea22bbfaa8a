"""Settings from the environment: R2's and R3's thresholds only within a range every scenario
can show, refused at startup with the variable's name otherwise."""

import pytest

from webapp.config import DEFAULTS, THRESHOLD_RANGES, ConfigError, from_environment

FREEZE, FORCE = "WEILIDAI_INACTIVITY_FREEZE_DAYS", "WEILIDAI_FORCE_CLOSE_OVERDUE_DAYS"


def test_the_default_thresholds_are_the_articles_180_and_90_days():
    settings = from_environment({})
    assert (settings["INACTIVITY_FREEZE_DAYS"], settings["FORCE_CLOSE_OVERDUE_DAYS"]) == (180, 90)
    for name, (low, high) in THRESHOLD_RANGES.items():
        assert low <= DEFAULTS[name] <= high


@pytest.mark.parametrize("variable", [FREEZE, FORCE])
def test_R2_R3_a_threshold_at_either_end_of_its_range_is_taken(variable):
    name = variable.removeprefix("WEILIDAI_")
    for days in THRESHOLD_RANGES[name]:
        assert from_environment({variable: str(days)})[name] == days


@pytest.mark.parametrize(("variable", "raw"), [
    (FREEZE, "1"), (FREEZE, "0"), (FREEZE, "-180"), (FREEZE, "4000"),
    (FORCE, "1"), (FORCE, "3700"), (FORCE, "99999999999999999999"),
])
def test_R2_R3_a_threshold_out_of_range_stops_the_app_naming_the_variable_and_its_range(
        variable, raw):
    low, high = THRESHOLD_RANGES[variable.removeprefix("WEILIDAI_")]
    with pytest.raises(ConfigError, match=f"^{variable} must be from {low} to {high} days"):
        from_environment({variable: raw})


@pytest.mark.parametrize("raw", ["", "ninety", "90.5", "90 days"])
def test_a_threshold_that_is_not_a_whole_number_stops_the_app_naming_the_variable(raw):
    with pytest.raises(ConfigError, match=f"^{FORCE} must be a whole number"):
        from_environment({FORCE: raw})
