"""The session's switches (webapp/switches.py): each is declared once, and drawn on the panel,
read by its form and the API, and published in the API's schema from that declaration. Every
test runs over the registry, so a new switch is held to all of it."""

import pytest
from flask import session, url_for

from webapp import knobs, switches
from webapp.forms import CareModeForm, FaultsForm, KnobsForm
from webapp.openapi import SCHEMAS
from webapp.switches import BOOLEAN, CHOICE, INTEGER, SET, SWITCHES
from webapp.views.switches import current

ALL = list(SWITCHES.values())
FORMS = {switch.id: form for form in (KnobsForm, FaultsForm, CareModeForm)
         for switch in form.SWITCHES}
# The API's request body that sets each switch with an API, by its path.
REQUESTS = {"/api/knobs": "KnobsRequest", "/api/faults": "FaultsRequest"}


def ids(switch):
    return switch.id


def changed(switch):
    """A value other than the switch's default, at the edge of its range."""
    if switch.kind == BOOLEAN:
        return not switch.default
    if switch.kind == INTEGER:
        return switch.maximum
    if switch.kind == CHOICE:
        return next(value for value in switch.values if value != switch.default)
    return frozenset(switch.values[:2])


def as_typed(switch, value):
    """``value`` as the form's field sends it: a ticked box, a number typed, boxes ticked."""
    if switch.kind == BOOLEAN:
        return "1" if value else "0"
    if switch.kind == INTEGER:
        return str(value)
    return sorted(value)


def as_json(switch, value):
    return sorted(value) if switch.kind == SET else value


def current_of(weilidai, switch):
    """The switch's value in the session of ``weilidai``'s browser."""
    cookie = weilidai.client.get_cookie(weilidai.app.config["SESSION_COOKIE_NAME"])
    with weilidai.app.test_request_context("/"):
        session.update(weilidai.session() if cookie else {})
        return current(switch)


def controls(switch):
    """The panel's controls of ``switch``: (test id, the name a reader hears)."""
    if switch.kind in (CHOICE, SET):
        return [(f"{switch.testid}-{choice.value}", choice.label) for choice in switch.choices]
    return [(switch.testid, switch.label)]


def form_path(weilidai, switch):
    with weilidai.app.test_request_context():
        return url_for(switch.form)


def accessible_name(page, element):
    """A control's name as a screen reader finds it: its <label for=id>, or its own text."""
    if element.tag == "input":
        label = page.root.find("label", **{"for": element.attrs["id"]})
        return label.text if label is not None else ""
    return element.text


def test_every_switch_is_declared_whole():
    for switch in ALL:
        assert switch.kind in switches.KINDS and switch.label and switch.description
        assert switch.testid and switch.session_key
        assert switch.fits(switch.default if switch.kind != SET else list(switch.default))
        if switch.kind == INTEGER:
            assert switch.maximum > 0 and "%(max)d" in switch.invalid
        if switch.kind in (CHOICE, SET):
            assert len(set(switch.values)) == len(switch.values) >= 2
        assert switch.form or switch.query, f"{switch.id}: nothing sets it"


@pytest.mark.parametrize("switch", ALL, ids=ids)
def test_each_switch_is_drawn_on_the_panel_with_its_test_id_and_name(weilidai, switch):
    stage = weilidai.stage()
    for testid, label in controls(switch):
        element = stage.testid(testid)
        assert element is not None, testid
        assert label in accessible_name(stage, element), testid
        assert element.tag in ("input", "button", "a"), testid


@pytest.mark.parametrize("switch", [s for s in ALL if s.form], ids=ids)
def test_each_switch_round_trips_through_its_form(weilidai, switch):
    assert current_of(weilidai, switch) == switch.default
    value = changed(switch)
    form = FORMS.get(switch.id)
    prefix = f"{switch.prefix}-" if switch.prefix else ""
    fields = {switch.form_field: as_typed(switch, value)}
    # The form's other switches as they are; a knob's panel form sends all of its knobs.
    for other in (form.SWITCHES if form else ()):
        if other is not switch and other.kind == INTEGER:
            fields[other.form_field] = str(other.default)
    page = weilidai.post_form(
        form_path(weilidai, switch),
        {**fields, f"{prefix}csrf_token": weilidai.csrf_token("/stage")}, token_from="/stage")
    assert page.status == 302 and not page.flashes("error")
    assert current_of(weilidai, switch) == value
    if switch.kind in (BOOLEAN, INTEGER) and switch is not switches.PRESENT:
        # Drawn back as the session has it.
        shown = weilidai.stage().testid(switch.testid)
        if shown.tag == "button":
            assert shown.attrs["aria-pressed"] == "true"
        elif switch.kind == BOOLEAN:
            assert "checked" in shown.attrs
        else:
            assert shown.attrs["value"] == str(value)


@pytest.mark.parametrize("switch", [s for s in ALL if s.api], ids=ids)
def test_each_switch_with_an_api_round_trips_through_it_as_its_schema_says(weilidai, switch):
    request = SCHEMAS[REQUESTS[switch.api]]
    assert request["properties"][switch.field] == {
        **switch.schema(described=False), **request["properties"][switch.field]}
    value = changed(switch)
    response = weilidai.client.post(switch.api, json={switch.field: as_json(switch, value)})
    assert response.status_code == 200, response.json
    assert current_of(weilidai, switch) == value
    off = weilidai.client.post(switch.api, json={switch.field: as_json(switch, switch.default)})
    assert off.status_code == 200
    assert current_of(weilidai, switch) == switch.default


@pytest.mark.parametrize("switch", [s for s in ALL if s.query], ids=ids)
def test_each_switch_set_by_the_address_is_set_from_any_page(weilidai, switch):
    value = changed(switch)
    typed = as_typed(switch, value) if switch.kind == BOOLEAN else value
    assert weilidai.get(f"/weilidai?{switch.field}={typed}").status == 200
    assert current_of(weilidai, switch) == value


@pytest.mark.parametrize("switch", [s for s in ALL if s.kind in (INTEGER, SET)], ids=ids)
def test_a_value_out_of_its_range_is_refused_and_changes_nothing(weilidai, switch):
    wrong = switch.maximum + 1 if switch.kind == INTEGER else ["no-such-" + switch.id]
    if switch.api:
        response = weilidai.client.post(switch.api, json={switch.field: wrong})
        assert response.status_code == 400
    prefix = f"{switch.prefix}-" if switch.prefix else ""
    page = weilidai.post_form(
        form_path(weilidai, switch),
        {switch.form_field: wrong if switch.kind == SET else str(wrong),
         f"{prefix}csrf_token": weilidai.csrf_token("/stage")}, token_from="/stage",
        follow=True)
    assert page.flashes("error")
    assert current_of(weilidai, switch) == switch.default


def test_the_knobs_are_the_registry_s_everywhere(weilidai):
    names = [switch.id for switch in switches.KNOBS]
    assert list(knobs.OFF.to_json()) == names
    assert list(SCHEMAS["Knobs"]["properties"]) == names
    with weilidai.app.test_request_context():
        form = KnobsForm(formdata=None, meta={"csrf": False})
    assert [field for field in form._fields if field in names] == names
    assert set(weilidai.client.get("/api/knobs").json) == set(names)
    stage = weilidai.stage()
    panel = stage.testid("panel-knobs")
    assert [el.attrs["data-testid"] for el in panel.find_all("input", data_testid=True)] == [
        switch.testid for switch in switches.KNOBS]


def test_the_knobs_saved_from_the_refreshed_panel_come_back_to_the_stage(weilidai):
    """The stage's script swaps in /stage/panel after every page its phone shows: its knobs'
    forms went back to that bare fragment, not to the stage."""
    panel = weilidai.get("/stage/panel")
    page = weilidai.submit(panel, "panel-knobs-save", {"knobs-spinner": "y"})
    assert page.status == 302 and page.location == "/stage"
    page = weilidai.submit(weilidai.get("/stage/panel"), "panel-knobs-off")
    assert page.location == "/stage"


def test_a_knob_s_box_is_a_box_before_its_label_without_a_number_keyboard(weilidai):
    stage = weilidai.stage()
    for switch in switches.KNOBS:
        control = stage.testid(switch.testid)
        if switch.kind == BOOLEAN:
            assert control.attrs["type"] == "checkbox" and "inputmode" not in control.attrs
            row = control.parent.children
            assert row.index(control) < row.index(stage.root.find("label", **{
                "for": control.attrs["id"]}))
        else:
            assert control.attrs["inputmode"] == "numeric"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_choice_named_in_its_own_language_is_named_so_on_every_page(weilidai, lang):
    stage = weilidai.get(f"/stage?lang={lang}")
    for switch in ALL:
        for choice in switch.choices:
            if choice.lang:
                control = stage.testid(f"{switch.testid}-{choice.value}")
                assert (control.text, control.attrs["lang"]) == (choice.label, choice.lang)
