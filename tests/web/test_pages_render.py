"""Every screen renders inside the phone frame, in every scenario; errors too. The trainer's
pages (a class's) are the whole window."""

import pytest

from tests.web.conftest import TRAINER_PAGES
from webapp.scenarios import SCENARIOS

# The result pages, which name a loan or a repayment of the account itself.
RESULT_RULES = {"/weilidai/borrow/done/<int:loan_id>", "/weilidai/repay/done/<int:event_id>"}
# A built guide's files (its own page, PDFs, video, screenshots; every guide's large print), not
# phone screens: they are tests/web/test_guides.py's.
GUIDE_FILES = {"guides.short", "guides.index", "guides.file", "guides.print_all"}
# A class's pages, which need a class (and its trainer): tests/web/test_classes.py's.
CLASS_RULES = {"/classes/<code>", "/classes/<code>/qr", "/classes/<code>/results.csv",
               "/classes/<code>/statements.json", "/classes/<code>/trainer/<key>",
               "/classes/<code>/live", "/classes/<code>/end", "/join/<code>",
               "/join/<code>/qr.svg"}


def test_the_list_of_pages_covers_every_get_route(app, pages):
    rules = {rule.rule for rule in app.url_map.iter_rules()
             if "GET" in rule.methods and rule.endpoint != "static"
             and rule.endpoint not in GUIDE_FILES
             and not rule.rule.startswith("/api/")}
    named = {"/scenarios/fresh": "/scenarios/<scenario_id>",
             "/tours/close-weilidai": "/tours/<tour_id>",
             "/tours/close-weilidai/done": "/tours/<tour_id>/done",
             "/tours/close-weilidai/guide": "/tours/<tour_id>/guide",
             "/practice/close-weilidai": "/practice/<exercise_id>"}
    listed = {named.get(path, path) for path in (path.split("?")[0] for path in pages)}
    # The trainer's stage is no screen of the phone: tests/web/test_stage.py has it.
    # The redesigned layout's stylesheets: tests/web/test_redesign.py has them.
    assert rules == listed | RESULT_RULES | CLASS_RULES | {"/stage", "/stage/panel",
                                                           "/redesign/static/<path:name>"}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_page_renders_in_the_phone_frame_in_every_scenario(weilidai, scenario, page_url):
    weilidai.scenario(scenario)
    page = weilidai.get(page_url, follow=True)
    assert page.status == 200
    assert page.in_phone_frame() is (page_url not in TRAINER_PAGES)
    assert not page.screen.startswith("error-")


@pytest.mark.parametrize("scenario", ["fresh", "busy"])
def test_no_page_repeats_an_id(weilidai, scenario, page_url):
    """A label, aria-labelledby and a skip link find their element by id: each page has
    many forms (the panel a dozen), and not one of their fields may share an id."""
    weilidai.scenario(scenario)
    ids = [el.attrs["id"] for el in weilidai.get(page_url, follow=True).root.find_all()
           if el.attrs.get("id")]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_every_page_renders_on_a_first_visit(client, page_url):
    # No scenario chosen: the first request opens the default (fresh) account.
    page = client.get(page_url, follow_redirects=True)
    assert page.status_code == 200
    assert b'data-testid="screen-' in page.data


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_result_pages_render_for_the_scenarios_own_loans_and_repayments(weilidai, scenario):
    account = weilidai.scenario(scenario)
    loans = [loan["id"] for loan in account["loans"]]
    repayments = [e["id"] for e in account["events"] if e["kind"] == "repaid"]
    for path in ([f"/weilidai/borrow/done/{i}" for i in loans]
                 + [f"/weilidai/repay/done/{i}" for i in repayments]):
        page = weilidai.get(path)
        assert page.status == 200, path
        assert page.screen in ("borrowed", "repaid") and page.in_phone_frame()
    # One that is not the account's goes to the nearest screen that exists.
    missing_loan = weilidai.get(f"/weilidai/borrow/done/{len(loans) + 1}")
    assert missing_loan.status == 302 and missing_loan.location == "/weilidai"


def test_a_repayment_page_is_only_for_a_repayment_event(weilidai):
    account = weilidai.scenario("busy")
    borrowed = next(e["id"] for e in account["events"] if e["kind"] == "borrowed")
    page = weilidai.get(f"/weilidai/repay/done/{borrowed}", follow=True)
    assert page.screen == "weilidai-home" and page.flashes("info")


def test_an_unknown_page_is_a_404_inside_the_phone_frame(weilidai):
    page = weilidai.get("/no/such/page")
    assert page.status == 404
    assert page.screen == "error-404"
    assert page.in_phone_frame()
    assert page.has("back-home")


@pytest.mark.parametrize("method, path", [
    ("get", "/panel/reset"),
    ("get", "/weilidai/settings/repayment/card"),
    ("post", "/weilidai"),
    ("delete", "/weilidai/records"),
])
def test_a_wrong_method_is_a_405_inside_the_phone_frame(weilidai, method, path):
    page = weilidai.request(method, path)
    assert page.status == 405
    assert page.screen == "error-405"
    assert page.in_phone_frame()


@pytest.mark.parametrize("method, path, status, code", [
    ("get", "/api/nothing-here", 404, "not_found"),
    ("get", "/api/scenario", 405, "method_not_allowed"),
    ("put", "/api/account", 405, "method_not_allowed"),
])
def test_errors_under_the_api_are_json(client, method, path, status, code):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.is_json
    assert response.json["error"] == code
    assert b"<html" not in response.data


@pytest.mark.parametrize(("path", "title"), [
    ("/weilidai", "微粒贷"),  # the product's own home: its name once, not "微粒贷 - 微粒贷"
    ("/weilidai/settings", "设置 - 微粒贷"),
    ("/weilidai/manage", "微粒贷管理 - 微粒贷"),
])
def test_a_screens_title_names_it_then_the_product(weilidai, path, title):
    assert weilidai.get(path).root.find("title").text == title
