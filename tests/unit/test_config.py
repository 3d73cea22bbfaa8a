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


@pytest.mark.parametrize("url", ["", "http://192.168.1.20:5000", "https://class.example.org",
                                 "https://class.example.org/", "http://[2001:db8::1]:8000"])
def test_public_url_is_an_address_the_rooms_phones_use(url):
    assert from_environment({"WEILIDAI_PUBLIC_URL": url})["PUBLIC_URL"] == url


@pytest.mark.parametrize("url", ["192.168.1.20:5000", "ftp://host", "http://", "http://h/join",
                                 "http://h:99999", "http://h?x=1", "http://user:pw@h"])
def test_a_public_url_that_is_no_servers_address_stops_the_app_naming_the_variable(url):
    with pytest.raises(ConfigError, match="^WEILIDAI_PUBLIC_URL must be http://host"):
        from_environment({"WEILIDAI_PUBLIC_URL": url})


def test_host_is_where_make_run_and_make_serve_listen():
    assert from_environment({})["HOST"] == "127.0.0.1"
    assert from_environment({"HOST": "0.0.0.0"})["HOST"] == "0.0.0.0"
