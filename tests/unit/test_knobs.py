"""The difficulty knobs as plain data: parsed strictly, stored only when not off."""

import random

import pytest

from webapp.knobs import OFF, KnobError, Knobs, load, save


def test_an_empty_object_is_every_knob_off():
    assert Knobs.from_json({}) == OFF
    assert OFF.to_json() == {"latency_ms": 0, "latency_random": False, "spinner": False,
                             "failure_rate": 0, "layout_shift": False}


@pytest.mark.parametrize("values, field", [
    ({"latency_ms": 5001}, "latency_ms"), ({"latency_ms": -1}, "latency_ms"),
    ({"latency_ms": True}, "latency_ms"), ({"failure_rate": 100.0}, "failure_rate"),
    ({"spinner": "true"}, "spinner"), ({"speed": 1}, "speed"),
])
def test_a_wrong_value_names_its_knob(values, field):
    with pytest.raises(KnobError) as raised:
        Knobs.from_json(values)
    assert raised.value.field == field


def test_the_session_keeps_only_what_is_on_and_nothing_when_all_are_off():
    session = {}
    save(session, Knobs(spinner=True, failure_rate=100))
    assert session == {"knobs": {"spinner": True, "failure_rate": 100}}
    assert load(session) == Knobs(spinner=True, failure_rate=100)
    session["knobs_failed"] = True
    save(session, OFF)
    assert session == {}


def test_something_odd_in_the_session_reads_as_off():
    assert load({"knobs": {"latency_ms": "a lot"}}) == OFF
    assert load({"knobs": ["spinner"]}) == OFF


def test_latency_is_fixed_or_random_up_to_the_time_given():
    assert OFF.delay_seconds() == 0
    assert Knobs(latency_ms=250).delay_seconds() == 0.25
    rng = random.Random(7)
    delays = {Knobs(latency_ms=400, latency_random=True).delay_seconds(rng) for _ in range(50)}
    assert len(delays) > 1 and all(0 <= delay <= 0.4 for delay in delays)


def test_failures_come_at_the_rate_asked():
    rng = random.Random(11)
    draws = [Knobs(failure_rate=30).fails(rng) for _ in range(2000)]
    assert 0.25 < sum(draws) / len(draws) < 0.35
    assert not any(OFF.fails(rng) for _ in range(100))
    assert all(Knobs(failure_rate=100).fails(rng) for _ in range(100))
