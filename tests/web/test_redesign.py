"""The redesigned layout as the app serves it (webapp/views/layout.py): chosen by the server
(WEILIDAI_LAYOUT) or a session (?layout=, the stage's panel); every page has the same words
and test ids over another DOM, its stylesheets rewritten with it."""

import re
from collections import Counter

import pytest

from tests.web.conftest import PAGES, parse_html
from webapp import config, redesign
from webapp.scenarios import SCENARIOS

# A few screens of each kind in each scenario: all pages in one (test_pages_render has every
# page in every scenario in the classic layout).
SOME_PAGES = ["/", "/me/settings", "/weilidai", "/weilidai/repay", "/weilidai/manage",
              "/weilidai/manage/close", "/weilidai/settings/repayment", "/weilidai/records"]
REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls")


def page_pair(weilidai, path):
    """``path`` drawn in the classic layout, then in the redesigned one, in one session."""
    classic = weilidai.get(f"{path}{'&' if '?' in path else '?'}layout=classic", follow=True)
    redesigned = weilidai.get(f"{path}{'&' if '?' in path else '?'}layout=redesign",
                              follow=True)
    return classic, redesigned


def body(page):
    """The page's body; a fragment (the panel the stage swaps in) whole."""
    return page.root.find("body") or page.root


def words(page):
    return body(page).text


def ids_of_tests(page):
    return Counter(element.attrs["data-testid"]
                   for element in page.root.find_all(data_testid=True))


def check_same_page_other_dom(classic, redesigned):
    assert classic.status == redesigned.status
    assert words(redesigned) == words(classic)
    assert ids_of_tests(redesigned) == ids_of_tests(classic)
    # Roles and names: every attribute of the body but classes and ids (and what points at
    # ids) is kept; the head links the stylesheets' redesigned copies.
    kept = ("role", "aria-label", "aria-current", "aria-hidden", "href", "type", "name")
    for name in kept:
        before, after = (Counter(el.attrs.get(name) for el in body(page).iter()
                                 if name in el.attrs
                                 and not (el.attrs[name] or "").startswith("#"))
                         for page in (classic, redesigned))
        assert after == before, name
    # Another DOM: no class and no id of the classic page is left (but a script's states).
    old_classes = {c for el in classic.root.iter() for c in el.classes()}
    new_classes = {c for el in redesigned.root.iter() for c in el.classes()}
    assert not (old_classes & new_classes) - redesign.KEPT_CLASSES
    old_ids = {el.attrs["id"] for el in classic.root.iter() if el.attrs.get("id")}
    new_ids = {el.attrs["id"] for el in redesigned.root.iter() if el.attrs.get("id")}
    assert not old_ids & new_ids
    assert len(new_ids) == len(old_ids)
    # ...and every reference still finds its element.
    for element in redesigned.root.iter():
        for name in REFERENCES:
            for target in (element.attrs.get(name) or "").split():
                assert target in new_ids, (element, name)
    # Deeper: wrappers.
    if old_classes:
        assert len(list(redesigned.root.iter())) > len(list(classic.root.iter()))


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_some_screens_in_every_scenario_keep_their_words_and_test_ids(weilidai, scenario):
    weilidai.scenario(scenario)
    for path in SOME_PAGES:
        check_same_page_other_dom(*page_pair(weilidai, path))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_keeps_its_words_and_test_ids(weilidai, path):
    weilidai.scenario("overdue")
    check_same_page_other_dom(*page_pair(weilidai, path))


def test_the_stage_and_its_panel_too(weilidai):
    check_same_page_other_dom(*page_pair(weilidai, "/stage"))
    check_same_page_other_dom(*page_pair(weilidai, "/stage/panel"))


def test_a_row_moves_its_empty_part_first(weilidai):
    """An arrow cell: its arrow (empty) now comes before its label in the DOM, and the
    order classes draw it where it was."""
    classic, redesigned = page_pair(weilidai, "/weilidai/manage")
    before = [child.attrs.get("class") for child in classic.testid("close-weilidai").children
              if not isinstance(child, str)]
    after = [child for child in redesigned.testid("close-weilidai").children
             if not isinstance(child, str)]
    assert before == ["cell__bd", "cell__ft"]
    assert [child.text for child in after] == ["", "关闭微粒贷"]
    assert [child.classes()[-1] for child in after] == [redesign.ORDER[1], redesign.ORDER[0]]


def test_the_session_keeps_its_choice_and_the_server_has_a_default(weilidai, make_weilidai):
    weilidai.get("/me?layout=redesign")
    assert weilidai.get("/weilidai").root.find("main").attrs["id"] == redesign.id_name("main")
    weilidai.get("/me?layout=classic")
    assert weilidai.get("/weilidai").root.find("main").attrs["id"] == "main"
    # An unknown choice changes nothing.
    weilidai.get("/me?layout=fancy")
    assert weilidai.get("/weilidai").root.find("main").attrs["id"] == "main"

    served = make_weilidai(LAYOUT="redesign")
    assert served.get("/weilidai").root.find("main").attrs["id"] == redesign.id_name("main")
    served.get("/me?layout=classic")
    assert served.get("/weilidai").root.find("main").attrs["id"] == "main"


def test_the_environment_chooses_it_and_refuses_what_is_not_one():
    assert config.from_environment({"WEILIDAI_LAYOUT": "redesign"})["LAYOUT"] == "redesign"
    assert config.from_environment({})["LAYOUT"] == "classic"
    with pytest.raises(config.ConfigError, match="WEILIDAI_LAYOUT must be classic or redesign"):
        config.from_environment({"WEILIDAI_LAYOUT": "modern"})


def test_the_panel_offers_both_and_marks_the_sessions(weilidai):
    stage = weilidai.get("/stage/panel?layout=redesign")
    chosen = stage.testid("panel-layout-redesign")
    assert chosen.attrs.get("aria-current") == "true"
    assert stage.testid("panel-layout-classic").attrs.get("aria-current") is None
    assert "layout=classic" in stage.testid("panel-layout-classic").attrs["href"]


def test_json_and_files_are_left_alone(weilidai):
    weilidai.get("/me?layout=redesign")
    response = weilidai.request("GET", "/api/account").response
    assert response.is_json and "status" in response.get_json()


def test_its_stylesheets_are_renamed_with_it(weilidai):
    page = weilidai.get("/weilidai?layout=redesign")
    links = [link.attrs["href"] for link in page.root.find_all("link", rel="stylesheet")]
    assert links and all(href.startswith("/redesign/static/css/") for href in links)
    css = weilidai.request("GET", links[0]).response
    assert css.status_code == 200 and css.mimetype == "text/css"
    text = css.get_data(as_text=True)
    assert f".{redesign.class_name('cell')}" in text and ".cell{" not in text
    assert f".{redesign.WRAPPER}{{display:contents}}" in text


@pytest.mark.parametrize("path", [
    "/redesign/static/../webapp/config.py", "/redesign/static/css/../../pyproject.toml",
    "/redesign/static/js/app.js", "/redesign/static/css/none.css", "/redesign/static/css/",
    "/redesign/static/css/%2e%2e%2fsecret.css"])
def test_only_a_stylesheet_of_ours_is_served(weilidai, path):
    assert weilidai.request("GET", path).status == 404


def test_the_rewritten_page_is_whole_html(weilidai):
    """Every element the rewriting opens it closes: the page parses to the same root."""
    page = weilidai.get("/weilidai/manage?layout=redesign")
    assert re.match(r"<!doctype html>\s*<html", page.html.lstrip())
    assert page.html.rstrip().endswith("</html>")
    body = parse_html(page.html).find("body")
    assert body is not None and body.find("main") is not None
