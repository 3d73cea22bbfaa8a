"""What the trainer's panel lists (templates/panel/), in rows worked out in Python once per
drawing: a row of the template that called a function or two per cell (a date, an event's
words, a button's name) was most of the panel's time (bench/RESULTS.md, 6)."""

from dataclasses import dataclass

from webapp.i18n import gettext
from webapp.messages import event_text
from webapp.scenarios import SCENARIOS
from webapp.tours import TOURS

EVENTS_SHOWN = 30  # the latest ones: a long session's history would outgrow the panel


@dataclass(frozen=True)
class Events:
    rows: list  # (ISO date, words), newest first
    total: int  # every event of the account


def panel_events(account):
    """The account's latest events, newest first."""
    latest = account.events[-EVENTS_SHOWN:]
    return Events([(event.on.isoformat(), event_text(event, account))
                   for event in reversed(latest)], len(account.events))


@dataclass(frozen=True)
class Row:
    item: object  # the scenario or tour
    label: str  # its button's name: what it starts
    autoplay_label: str = ""  # a tour's other button's name


def panel_scenarios():
    return [Row(scenario, gettext("开始场景：%(title)s", title=scenario.title))
            for scenario in SCENARIOS.values()]


def panel_tours():
    return [Row(tour, gettext("开始教程：%(title)s", title=tour.title),
                gettext("自动播放教程：%(title)s", title=tour.title))
            for tour in TOURS.values()]
