"""The same session hit by many requests at once, on either store: no update lost, nothing
deducted twice, the invariants kept."""

import pytest

from tests.production import races
from tests.production.support import (FlaskBrowser, count_conflicts, in_threads, make_app,
                                      slow_reads)

pytestmark = pytest.mark.usefixtures("eager_thread_switching")


@pytest.fixture
def app(store_config):
    return make_app(**store_config)


@pytest.fixture
def visitor(app):
    return FlaskBrowser(app)


@pytest.mark.parametrize("everything", [False, True], ids=["one-installment", "all"])
def test_a_double_clicked_repay_deducts_once(app, visitor, everything):
    conflicts = count_conflicts(app)
    slow_reads(app)
    answers = races.double_clicked_repay(visitor, clicks=8, everything=everything)
    assert answers.count(302) == 8
    assert conflicts, "the clicks never raced: the test proved nothing"


def test_two_tabs_toggling_auto_repay_while_the_clock_moves_lose_nothing(app, visitor):
    conflicts = count_conflicts(app)
    slow_reads(app, 0.005)
    races.two_tabs_toggling_auto_repay(visitor, rounds=12)
    assert conflicts, "the tabs never raced: the test proved nothing"


def test_clock_moves_racing_a_repayment_lose_nothing_and_pay_once(app, visitor):
    conflicts = count_conflicts(app)
    slow_reads(app, 0.005)
    races.clock_moves_racing_a_repayment(visitor, movers=4, days_each=6, clicks=3)
    assert conflicts, "the requests never raced: the test proved nothing"


def test_sessions_racing_side_by_side_never_touch_each_other(app):
    """Eight browsers, each moving its own clock: each account sees only its own moves."""
    browsers = [FlaskBrowser(app) for _ in range(8)]
    for visitor in browsers:
        visitor.api("scenario", name="fresh")

    def work(i):
        for _ in range(i + 1):
            browsers[i].api("clock", days=1)

    in_threads(8, work)
    for i, visitor in enumerate(browsers):
        assert visitor.account()["sim_date"] == f"2026-06-{2 + i:02d}"
