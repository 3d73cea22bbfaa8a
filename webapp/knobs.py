"""Difficulty knobs for practising robust tests: per session, all off by default.

- ``latency_ms``: every phone page and action waits this long before answering, or, with
  ``latency_random``, a random time up to it;
- ``spinner``: after an action, a loading page (加载中) shows before the result;
- ``failure_rate``: this percent of phone page loads answer "系统繁忙，请稍后重试" instead
  (a GET only, so no action is ever lost or half done; the load right after a failure never
  fails, so one retry always gets through);
- ``layout_shift``: the Weilidai home inserts a banner above its content a moment after it
  is drawn, moving everything below it down.

Each is declared in webapp/switches.py (``KNOBS``: its range, its label, its panel control),
and ``Knobs`` has a field for each. They live in the Flask session (the signed cookie), not in the account: they are about how
this browser is served, not about the loan account, so seeding a scenario or resetting the
account keeps them, and the account store and its stored format know nothing of them. With
every knob off the session has no ``knobs`` key, so a request pays one dict look-up.
"""

import random
from dataclasses import asdict, make_dataclass

from webapp.switches import BOOLEAN, KNOBS, KNOBS_KEY, SWITCHES

SESSION_KEY = KNOBS_KEY
MAX_LATENCY_MS = SWITCHES["latency_ms"].maximum
MAX_FAILURE_RATE = SWITCHES["failure_rate"].maximum
# The session key that says the last phone page load failed, so the next one will not.
FAILED_KEY = "knobs_failed"


class KnobError(ValueError):
    """A knob value out of range or of the wrong type; ``field`` names it."""

    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class _Knobs:
    """What the knobs do: the fields are the knobs of webapp/switches.py, each its default
    when not given."""

    @classmethod
    def from_json(cls, values):
        """The knobs from a JSON object: what it leaves out is off. KnobError otherwise."""
        if not isinstance(values, dict):
            raise KnobError("knobs", "must be an object")
        for name, value in values.items():
            switch = _BY_NAME.get(name)
            if switch is None:
                raise KnobError(name, f"unknown knob; one of: {', '.join(_BY_NAME)}")
            if not switch.fits(value):
                raise KnobError(name, "must be true or false" if switch.kind == BOOLEAN
                                else f"must be an integer from 0 to {switch.maximum}")
        return cls(**values)

    def to_json(self):
        return asdict(self)

    def delay_seconds(self, rng=random):
        if not self.latency_ms:
            return 0
        ms = rng.uniform(0, self.latency_ms) if self.latency_random else self.latency_ms
        return ms / 1000

    def fails(self, rng=random):
        """Whether this page load draws a failure (``failure_rate`` percent of them)."""
        return self.failure_rate > 0 and rng.random() * 100 < self.failure_rate


_BY_NAME = {switch.id: switch for switch in KNOBS}
Knobs = make_dataclass(
    "Knobs", [(switch.id, type(switch.default), switch.default) for switch in KNOBS],
    bases=(_Knobs,), frozen=True, namespace={"__module__": __name__})
OFF = Knobs()


def load(session):
    """The session's knobs; OFF when none are set (or what is stored is not valid)."""
    stored = session.get(SESSION_KEY)
    if not stored:
        return OFF
    try:
        return Knobs.from_json(stored)
    except KnobError:
        return OFF


def save(session, knobs):
    """Keep only what differs from off, and nothing at all when every knob is off."""
    changed = {name: value for name, value in knobs.to_json().items()
               if value != getattr(OFF, name)}
    if changed:
        session[SESSION_KEY] = changed
    else:
        session.pop(SESSION_KEY, None)
        session.pop(FAILED_KEY, None)
