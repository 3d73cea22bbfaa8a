"""Planted faults (webapp/faults.py): each one, switched on, changes what it says it changes,
and the app without it does not; they are switched on for the server (WEILIDAI_FAULTS) or for
one session (POST /api/faults, the panel's 找茬), and no page says which are on.

The fast check of the catalogue that ``make test`` runs; the slow one, our browser suite graded
against every fault, is ``python -m webapp.grade`` (docs/bug-hunt.md)."""

import json
import re
from datetime import date, timedelta

import pytest

from tests.web.conftest import PAGES, form_values
from webapp import create_app
from webapp.config import ConfigError
from webapp.domain.money import yuan
from webapp.faults import ACCOUNT, FAULTS
from webapp.scenarios import SCENARIOS

CJK = re.compile(r"[\u4e00-\u9fff]")


def first_unpaid(account):
    loan = account["loans"][0]
    return next(item for item in loan["installments"] if item["status"] != "paid_auto")


def balance(account, card="cmb"):
    return next(c["balance"] for c in account["cards"] if c["id"] == card)


# -- what each fault changes: a check that passes on the app as it is (faulty=False) and on
# -- the app with that fault (faulty=True), each asserting its own side ----------------------

def rules_1(weilidai, faulty):
    weilidai.scenario("repaying")
    confirmation = weilidai.get("/weilidai/manage/close")
    assert confirmation.has("close-refused") is not faulty
    weilidai.close(weilidai.password)
    assert weilidai.account()["status"] == ("closed" if faulty else "active")


def rules_2(weilidai, faulty):
    weilidai.scenario("closed")
    records = weilidai.get("/weilidai/records")
    assert records.has("no-records") is faulty
    assert (weilidai.account()["loans"] == []) is faulty


def rules_3(weilidai, faulty):
    weilidai.scenario("repaying")
    weilidai.submit("/weilidai/settings/repayment", "auto-repay-form", {"auto_repay": None})
    assert weilidai.account()["auto_repay"] is False
    weilidai.clock(to="next-due")
    assert first_unpaid_after(weilidai) == ("paid_auto" if faulty else "overdue")


def first_unpaid_after(weilidai):
    """The status, after a move, of the installment that was the first unpaid one."""
    loan = weilidai.account()["loans"][0]
    due = weilidai.account()["sim_date"]
    return next(item["status"] for item in loan["installments"] if item["due"] == due)


def rules_4(weilidai, faulty):
    weilidai.scenario("dormant")
    assert weilidai.account()["status"] == ("frozen" if faulty else "active")


def rules_5(weilidai, faulty):
    weilidai.scenario("overdue")
    due = next(item["due"] for item in weilidai.account()["loans"][0]["installments"]
               if item["status"] == "overdue")
    # 90 days overdue: the system closes past the configured 90, not at it.
    weilidai.clock(date=(date.fromisoformat(due) + timedelta(days=90)).isoformat())
    assert weilidai.account()["status"] == ("force_closed" if faulty else "active")


def rules_6(weilidai, faulty):
    box = weilidai.get("/weilidai/borrow").testid("borrow-auto-repay")
    assert ("checked" in box.attrs) is not faulty


def money_1(weilidai, faulty):
    weilidai.scenario("repaying")
    shown = weilidai.get("/weilidai/repay").testid("outstanding").text
    owed = weilidai.account()["outstanding"]
    assert shown == yuan(owed + 1 if faulty else owed)


def money_2(weilidai, faulty):
    weilidai.scenario("repaying")
    before = weilidai.account()
    due = first_unpaid(before)["principal"] + first_unpaid(before)["interest"]
    weilidai.clock(to="next-due")
    taken = balance(before) - balance(weilidai.account())
    assert taken == (2 * due if faulty else due)


def money_3(weilidai, faulty):
    weilidai.scenario("repaying")
    owed = weilidai.account()["outstanding"]
    result = weilidai.repay_all()
    assert result.screen == "repaid"
    assert (f"¥{yuan(owed)}" in result.testid("repaid-desc").text) is not faulty


def flow_1(weilidai, faulty):
    gear = weilidai.get("/weilidai").testid("open-settings")
    assert gear.attrs["href"] == ("/weilidai/faq" if faulty else "/weilidai/settings")


def flow_2(weilidai, faulty):
    links = weilidai.get("/weilidai/manage").main.find_all("a", class_=True)
    rows = [link.attrs.get("data-testid") for link in links if "cell" in link.classes()]
    assert rows.index("close-weilidai") == (0 if faulty else len(rows) - 1)


def flow_3(weilidai, faulty):
    for path in ("/weilidai/manage", "/weilidai/manage/close"):
        cache = weilidai.get(path).response.headers["Cache-Control"]
        assert ("no-store" not in cache) is faulty


def ui_1(weilidai, faulty):
    home = weilidai.get("/weilidai")
    assert home.has("available") is not faulty
    assert home.has("available-credit") is faulty


def ui_2(weilidai, faulty):
    gear = weilidai.get("/weilidai").testid("open-settings")
    assert gear.attrs["aria-label"] == ("" if faulty else "设置")


def ui_3(weilidai, faulty):
    notice = [el for el in weilidai.get("/weilidai/manage").main.find_all(class_=True)
              if "late-shift" in el.classes()]
    assert bool(notice) is faulty


def ui_4(weilidai, faulty):
    weilidai.scenario("repaying")
    weilidai.get("/?lang=en")
    confirm = weilidai.get("/weilidai/repay/confirm?target=all")
    cards = confirm.testid("repay-card").text
    assert bool(CJK.search(cards)) is faulty


def security_1(weilidai, faulty):
    weilidai.scenario("repaying")
    form = weilidai.get("/weilidai/settings/repayment").form("auto-repay-form")
    # The page's one-time token and no CSRF token, which the form itself lacks with the fault.
    assert ("csrf_token" in form_values(form)) is not faulty
    page = weilidai.request("post", "/weilidai/settings/repayment",
                            data={"once": form_values(form)["once"]})  # auto-repay off
    assert (page.status == 400) is not faulty
    assert weilidai.account()["auto_repay"] is not faulty


CHECKS = {"rules-1": rules_1, "rules-2": rules_2, "rules-3": rules_3, "rules-4": rules_4,
          "rules-5": rules_5, "rules-6": rules_6, "money-1": money_1, "money-2": money_2,
          "money-3": money_3, "flow-1": flow_1, "flow-2": flow_2, "flow-3": flow_3,
          "ui-1": ui_1, "ui-2": ui_2, "ui-3": ui_3, "ui-4": ui_4, "security-1": security_1}


def test_every_fault_has_a_check():
    assert set(CHECKS) == set(FAULTS)


@pytest.mark.parametrize("fault_id", list(CHECKS))
def test_a_fault_switched_on_for_the_server_does_what_it_says(make_weilidai, fault_id):
    CHECKS[fault_id](make_weilidai(FAULTS=fault_id), faulty=True)


@pytest.mark.parametrize("fault_id", list(CHECKS))
def test_without_the_fault_the_app_does_what_the_rule_says(weilidai, fault_id):
    CHECKS[fault_id](weilidai, faulty=False)


@pytest.mark.parametrize("fault_id", ["rules-1", "money-2", "ui-1", "security-1"])
def test_a_fault_switched_on_for_a_session_acts_there_only(weilidai, fault_id):
    other = weilidai.new_browser()
    assert weilidai.client.post("/api/faults", json={"enable": [fault_id]}).status_code == 200
    CHECKS[fault_id](weilidai, faulty=True)
    CHECKS[fault_id](other, faulty=False)


def test_several_faults_can_be_on_at_once(make_weilidai):
    weilidai = make_weilidai(FAULTS="flow-1, ui-2")
    flow_1(weilidai, faulty=True)
    ui_2(weilidai, faulty=True)


# -- switching them on -----------------------------------------------------------------------

def test_the_api_lists_the_catalogue_and_which_are_on(weilidai):
    listed = weilidai.client.get("/api/faults").json
    assert listed["enabled"] == [] and listed["server"] == []
    assert [entry["id"] for entry in listed["catalogue"]] == list(FAULTS)
    assert all(entry["hint"] and not entry["on"] for entry in listed["catalogue"])
    assert len(FAULTS) >= 15
    assert {entry["area"] for entry in listed["catalogue"]} == {
        "rules", "money", "flow", "ui", "security"}


def test_a_session_turns_faults_on_then_off_and_the_account_says_so(weilidai):
    answer = weilidai.client.post("/api/faults", json={"enable": ["ui-1", "flow-2"]}).json
    assert answer["enabled"] == ["flow-2", "ui-1"]
    assert [entry["id"] for entry in answer["catalogue"] if entry["on"]] == ["flow-2", "ui-1"]
    assert weilidai.account()["faults"] == ["flow-2", "ui-1"]
    weilidai.scenario("busy")  # a new account keeps the session's faults
    assert weilidai.account()["faults"] == ["flow-2", "ui-1"]
    assert weilidai.client.post("/api/faults", json={"enable": []}).json["enabled"] == []
    assert weilidai.account()["faults"] == []
    assert "faults" not in weilidai.session()


def test_faults_on_for_the_server_are_on_for_every_session_and_stay_on(make_weilidai):
    weilidai = make_weilidai(FAULTS="ui-2")
    assert weilidai.account()["faults"] == ["ui-2"]
    answer = weilidai.client.post("/api/faults", json={"enable": ["ui-1"]}).json
    assert answer["server"] == ["ui-2"] and answer["enabled"] == ["ui-1", "ui-2"]
    assert weilidai.client.post("/api/faults", json={"enable": []}).json["enabled"] == ["ui-2"]
    assert weilidai.new_browser().account()["faults"] == ["ui-2"]


def test_all_turns_every_fault_on(make_weilidai):
    assert make_weilidai(FAULTS="all").account()["faults"] == sorted(FAULTS)


@pytest.mark.parametrize("setting", ["nope", "ui-1,nope", "UI-1"])
def test_a_server_setting_naming_an_unknown_fault_stops_the_app(setting):
    with pytest.raises(ConfigError, match="WEILIDAI_FAULTS"):
        create_app({"SECRET_KEY": "test", "FAULTS": setting})


@pytest.mark.parametrize("body", [{"enable": ["nope"]}, {"enable": "ui-1"}, {"enable": [1]},
                                  {"enable": ["ui-1", "ui-1"]}, {}, {"enable": None},
                                  {"enable": ["ui-1"], "disable": []}])
def test_a_body_the_schema_does_not_take_is_refused_and_changes_nothing(weilidai, body):
    answer = weilidai.client.post("/api/faults", json=body)
    assert answer.status_code == 400
    assert answer.json["error"] == "invalid_body"
    assert weilidai.account()["faults"] == []


def test_the_panel_switches_faults_on_for_the_session_and_off_again(weilidai):
    page = weilidai.press("panel-faults-save", {"enable": ["rules-4", "ui-3"]})
    assert page.path == "/stage"
    assert page.flashes("success") == ["找茬：已开启 2 个故障"]
    assert weilidai.account()["faults"] == ["rules-4", "ui-3"]
    page = weilidai.press("panel-faults-off")
    assert page.flashes("success") == ["找茬：故障已全部关闭"]
    assert weilidai.account()["faults"] == []


def test_the_panel_refuses_a_fault_it_does_not_list(weilidai):
    page = weilidai.press("panel-faults-save", {"enable": "nope"})
    assert page.path == "/stage" and page.flashes("error")
    assert weilidai.account()["faults"] == []


# -- no page says which are on, and none breaks ----------------------------------------------

def test_no_page_says_which_faults_are_on(weilidai):
    weilidai.client.post("/api/faults", json={"enable": list(FAULTS)})
    for path in PAGES:
        page = weilidai.get(path, follow=True)
        assert not any(fault_id in page.main.text for fault_id in FAULTS), path
    # The stage's 找茬 lists the whole catalogue, every box unticked.
    boxes = weilidai.stage().root.find_all("input", type="checkbox", name="enable")
    assert sorted(box.attrs["value"] for box in boxes) == sorted(FAULTS)
    assert not any("checked" in box.attrs for box in boxes)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_page_of_every_scenario_renders_with_every_fault_on(make_weilidai, scenario):
    weilidai = make_weilidai(FAULTS="all")
    weilidai.scenario(scenario)
    for path in PAGES:
        assert weilidai.get(path, follow=True).status == 200, path


def test_docs_bug_hunt_lists_the_catalogue_and_gives_nothing_away():
    from scripts import testing_doc

    document = testing_doc.BUG_HUNT.read_text(encoding="utf-8")
    assert testing_doc.generated(document, testing_doc.DOCUMENTS[testing_doc.BUG_HUNT]) == (
        document), "docs/bug-hunt.md differs from webapp/faults.py: python scripts/testing_doc.py"
    assert all(f"`{fault_id}`" in document for fault_id in FAULTS)
    assert not any(fault.description in document for fault in FAULTS.values())


# -- where each fault can be seen: its screens, and the log that says which a suite reached --

def known_screens():
    from scripts import testing_doc

    shown = {screen for screen, _, _ in testing_doc.screens(testing_doc.Templates())}
    return shown | {"api", "stage", "error-400"}


def test_every_fault_names_screens_the_app_has():
    known = known_screens()
    for fault in FAULTS.values():
        assert fault.screens and set(fault.screens) <= known, (fault.id, set(fault.screens) - known)


def logged(path):
    return [line.split(" ")[1] for line in path.read_text().splitlines()]


def test_with_a_screen_log_each_request_appends_the_screen_it_showed(make_weilidai, tmp_path):
    log = tmp_path / "screens"
    weilidai = make_weilidai(SCREEN_LOG=str(log))
    weilidai.get("/weilidai")
    weilidai.get("/weilidai/manage")
    weilidai.client.get("/api/account")
    weilidai.client.post("/api/clock", json={"days": 1})
    weilidai.get("/stage")
    weilidai.client.get("/static/icons/favicon.svg").close()
    weilidai.scenario("repaying")
    weilidai.submit("/weilidai/settings/repayment", "auto-repay-form", {"auto_repay": None})
    screens = [item for item in logged(log) if not item.startswith("fault:")]
    assert screens == ["weilidai-home", "management", "api", "api", "stage", "api",
                       "repayment-settings"]
    weilidai.client.post("/weilidai/settings/repayment", data={})  # no CSRF token: refused
    assert logged(log)[-2:] == ["error-400", "fault:security-1"]


def test_the_log_says_which_faults_switches_a_request_read(make_weilidai, tmp_path):
    log = tmp_path / "screens"
    weilidai = make_weilidai(SCREEN_LOG=str(log))
    weilidai.get("/weilidai")
    assert logged(log) == ["weilidai-home", "fault:flow-1", "fault:ui-1", "fault:ui-2"]
    weilidai.scenario("dormant")  # 179 idle days: the day R2's switch could change
    weilidai.client.post("/api/clock", json={"days": 1})
    assert "fault:rules-4" in logged(log)
    assert "fault:rules-3" not in logged(log)  # auto-repay on: its switch is never read


def test_without_a_screen_log_no_request_writes_one(app):
    from webapp.faults import log_screen

    assert log_screen not in app.after_request_funcs.get(None, [])


# Each fault switched on beside the app as it should be, every page of the phone, the API and
# the stage read in every scenario (in English, where ui-4 shows too): a page that differs is
# one the fault is seen on, and it must be among the fault's screens, or the grader would call
# a suite that sees it "not reached" and never run it.
TOKENS = re.compile(r'(name="[\w-]*(?:csrf_token|once)"[^>]*value=")[^"]*"|'
                    r'(nonce=")[^"]*"|([0-9a-f]{32})')
PHONE_PAGES = [page for page in PAGES if not page.startswith(("/tours", "/practice",
                                                               "/classes", "/scenarios"))]
CONTENT = {}


def contents(weilidai, scenario, lang):
    """{screen: what it shows} of every phone page, the API and the stage, as normalised
    text: no token, nonce or id that differs between two sessions anyway."""
    weilidai.scenario(scenario)
    weilidai.get(f"/weilidai?lang={lang}")
    shown = {}
    for path in [*PHONE_PAGES, "/api/account", "/stage"]:
        response = weilidai.client.get(path, follow_redirects=True)
        text = response.get_data(as_text=True)
        if path == "/api/account":
            body = json.loads(text)
            body.pop("id"), body.pop("faults")
            text, screen = json.dumps(body, sort_keys=True), "api"
        else:
            screen = re.search(r'data-testid="screen-([^"]+)"', text)
            screen = screen.group(1) if screen else path
        text = TOKENS.sub(lambda match: (match.group(1) or match.group(2) or "") + "…", text)
        text += "\n".join(f"{name}: {value}" for name, value in response.headers
                          if name in ("Cache-Control",))
        shown[f"{path} {screen}"] = (screen, text)
    return shown


# A fault of the rules or the money names every screen of the account (faults.ACCOUNT):
# nothing to check there. The others name a few.
NARROW = [fault.id for fault in FAULTS.values() if fault.screens != ACCOUNT]


@pytest.mark.parametrize("fault_id", NARROW)
def test_a_fault_is_seen_only_on_the_screens_it_names(make_weilidai, fault_id):
    where = set(FAULTS[fault_id].screens)
    for scenario in SCENARIOS:
        if scenario not in CONTENT:
            CONTENT[scenario] = contents(make_weilidai(), scenario, "en")
        correct = CONTENT[scenario]
        faulty = contents(make_weilidai(FAULTS=fault_id), scenario, "en")
        seen = {correct[key][0] for key in correct if correct[key] != faulty.get(key)}
        assert seen <= where, (scenario, seen - where)
