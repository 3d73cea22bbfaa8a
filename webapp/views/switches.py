"""The session's switches (webapp/switches.py) as this request has them, and as the trainer's
panel draws them: each control made from its switch's declaration (templates/panel/)."""

from dataclasses import dataclass

from flask import current_app, session

from webapp import faults, i18n, knobs, switches
from webapp.views import layout
from webapp.i18n import translated


def current(switch):
    """The session's value of ``switch`` (its default when the session has none)."""
    if switch.session_key == switches.KNOBS_KEY:
        return getattr(knobs.load(session), switch.id)
    if switch is switches.LANGUAGE:
        return i18n.select_language()
    if switch is switches.FAULTS:
        return faults.in_session()
    if switch is switches.LAYOUT:
        return layout.current_layout()
    return bool(session.get(switch.session_key, switch.default))


@dataclass(frozen=True)
class Control:
    """One control of the panel: its switch, its label in the page's language, its test id
    and the session's value; a CHOICE or SET switch has one per choice, whose ``value`` is
    the choice's, ``lang`` its language, ``on`` whether the session has chosen it and
    ``href`` (a switch set by the address) the stage's address that chooses it."""

    switch: object
    label: str
    testid: str
    value: object
    lang: str | None = None
    on: bool = False
    href: str | None = None


def control(switch, value):
    return Control(switch, translated(switch.label), switch.testid, value)


def choices(switch, chosen=()):
    """A control per choice; a choice named in its own language (``lang``) is named so in
    every page's language."""
    return [Control(switch, choice.label if choice.lang else translated(choice.label),
                    f"{switch.testid}-{choice.value}",
                    choice.value, choice.lang, choice.value in chosen,
                    current_app.built_url("stage.index", **{switch.field: choice.value})
                    if switch.query
                    else None)
            for choice in switch.choices]


def panel_switches():
    """The panel's controls, worked out once when it is drawn: the knobs' fields with the
    session's values, 关怀模式's and 演示模式's toggles, the language's and the layout's links
    and the faults' boxes (never ticked: which are on is not drawn on a page)."""
    chosen = knobs.load(session)
    return {
        "knobs": [control(switch, getattr(chosen, switch.id)) for switch in switches.KNOBS],
        "care": control(switches.CARE, current(switches.CARE)),
        "present": control(switches.PRESENT, current(switches.PRESENT)),
        "lang": choices(switches.LANGUAGE, (i18n.select_language(),)),
        "faults": choices(switches.FAULTS),
        "layout": choices(switches.LAYOUT, (layout.current_layout(),)),
    }
