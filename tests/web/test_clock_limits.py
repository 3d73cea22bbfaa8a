"""The simulated clock stops at its last date (LAST_SIM_DATE): a move past it is refused in
the user's words, by the JSON API (409) and the panel alike, and nothing changes. No request
near the end of the calendar answers with a 5xx."""

from datetime import date, timedelta

import pytest

from tests.web.helpers import put_the_clock_at
from webapp.domain import LAST_SIM_DATE

LAST = LAST_SIM_DATE.isoformat()


def sim_date(weilidai):
    return date.fromisoformat(weilidai.account()["sim_date"])


def test_the_largest_move_repeated_stops_at_the_last_date_with_a_refusal_not_a_500(weilidai):
    put_the_clock_at(weilidai, LAST_SIM_DATE - timedelta(days=2 * 3660 + 7))
    answers = [weilidai.clock(days=3660) for _ in range(5)]
    assert [answer.status_code for answer in answers] == [200, 200, 409, 409, 409]
    refusal = answers[-1].json
    assert refusal["error"] == "past_last_date"
    assert LAST in refusal["message"]
    assert sim_date(weilidai) == LAST_SIM_DATE - timedelta(days=7)
    assert weilidai.clock(days=7).status_code == 200
    assert sim_date(weilidai) == LAST_SIM_DATE


@pytest.mark.parametrize("body", [
    {"days": 1}, {"days": 3660}, {"days": 10**9}, {"days": 2**63},
    {"date": LAST}, {"date": "9001-01-01"}, {"date": "9999-12-31"}, {"date": "0001-01-01"},
    {"to": "next-due"},
], ids=str)
def test_a_move_past_the_last_date_is_refused_as_json_and_changes_nothing(weilidai, body):
    put_the_clock_at(weilidai, LAST_SIM_DATE)
    before = weilidai.account()
    answer = weilidai.clock(**body)
    assert answer.status_code == 409
    assert answer.json["error"] in {"past_last_date", "clock_out_of_range", "no_due_date"}
    assert answer.json["message"]
    assert weilidai.account() == before


def test_hammering_every_kind_of_move_near_the_last_date_never_answers_5xx(weilidai):
    put_the_clock_at(weilidai, LAST_SIM_DATE - timedelta(days=400))
    weilidai.borrow(amount="2000", term="12")
    statuses = set()
    for days in (3660, 200, 150, 40, 9, 3660, 1, 1):
        statuses.add(weilidai.clock(days=days).status_code)
        statuses.add(weilidai.clock(to="next-due").status_code)
        for on in ("9999-12-31", LAST, "9000-12-30", "9001-06-01"):
            statuses.add(weilidai.clock(date=on).status_code)
        for path in ("/weilidai", "/weilidai/repay", "/weilidai/records", "/weilidai/borrow"):
            statuses.add(weilidai.get(path).status)
    assert statuses == {200, 409}
    assert sim_date(weilidai) == LAST_SIM_DATE


def test_borrowing_on_the_last_date_works_and_its_plan_shows(weilidai):
    put_the_clock_at(weilidai, LAST_SIM_DATE)
    page = weilidai.borrow(amount="3000", term="12")
    assert page.status == 200
    [loan] = weilidai.account()["loans"]
    assert loan["installments"][-1]["due"] == "9001-12-31"
    assert weilidai.get("/weilidai/records").status == 200


def test_the_panel_explains_a_move_past_the_last_date_and_changes_nothing(weilidai):
    put_the_clock_at(weilidai, LAST_SIM_DATE - timedelta(days=3))
    before = weilidai.account()
    for days in ("4", "3660"):
        page = weilidai.submit("/stage", "panel-clock-submit", {"days": days}, follow=True)
        assert page.status == 200
        assert page.flashes("error") == [f"模拟日期最晚只能调到 {LAST}"]
        assert weilidai.account() == before
    weilidai.submit("/stage", "panel-clock-submit", {"days": "3"})
    assert sim_date(weilidai) == LAST_SIM_DATE
