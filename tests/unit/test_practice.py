"""A practice attempt, on its own: the score's formula, steps against the shortest route,
wrong turns, hints, and how it ends. Plain Python, on accounts built from the scenarios."""

import pytest

from webapp import scenarios
from webapp.domain import DEMO_PASSWORD, DomainError, Policy
from webapp.practice import EXERCISES
from webapp.practice.attempt import (ABANDONED, COMPLETED, FAILED, ROUTE_KEPT, Attempt,
                                     score)
from webapp.tours import TOURS, engine

TIME_LIMIT = 900
# Each screen's path, as the trainee opens it.
PATHS = {"wechat-home": "/", "me": "/me", "services": "/me/services",
         "weilidai-home": "/weilidai", "settings": "/weilidai/settings",
         "management": "/weilidai/manage", "close-confirm": "/weilidai/manage/close",
         "close-password": "/weilidai/manage/close/password",
         "closed": "/weilidai/manage/closed", "repay": "/weilidai/repay",
         "repay-confirm": "/weilidai/repay/confirm?target=all", "repaid": "/weilidai/repay/done/9",
         "repayment-settings": "/weilidai/settings/repayment", "records": "/weilidai/records",
         "contacts": "/contacts", "me-settings": "/me/settings", "faq": "/weilidai/faq"}


class Trainee:
    """A trainee on one exercise: opens pages, does things to the account, asks for hints."""

    def __init__(self, exercise_id, clock=1000.0):
        self.exercise = EXERCISES[exercise_id]
        self.account = scenarios.build(self.exercise.scenario, Policy())
        self.now = clock
        self.attempt = Attempt.start(self.exercise, self.account, self.now)

    def open(self, *screens):
        wrong = []
        for screen in screens:
            self.now += 5
            wrong.append(self.attempt.see(self.exercise, self.account, screen, screen,
                                          PATHS[screen], self.now))
            self.attempt.settle(self.exercise, self.account, self.now, TIME_LIMIT)
        return wrong

    def hint(self):
        return self.attempt.ask_hint(self.exercise)

    def hint_text(self):
        return self.attempt.current_step(self.exercise)[1].hint


# -- the score -------------------------------------------------------------------------------

@pytest.mark.parametrize("completed, steps, shortest, wrong, hints, expected", [
    (True, 8, 8, 0, 0, 100),    # the shortest route, alone
    (True, 6, 8, 0, 0, 100),    # a shorter way than the tour's is no bonus
    (True, 11, 8, 0, 0, 85),    # three steps more: 5 each
    (True, 8, 8, 2, 0, 80),     # two wrong turns: 10 each
    (True, 8, 8, 0, 1, 85),     # one hint: 15
    (True, 11, 8, 2, 1, 50),
    (True, 40, 8, 9, 3, 0),     # never below 0
    (False, 8, 8, 0, 0, 0),     # not completed: 0, however well it went
])
def test_the_score_is_100_less_5_a_step_more_10_a_wrong_turn_15_a_hint(
        completed, steps, shortest, wrong, hints, expected):
    assert score(completed, steps, shortest, wrong, hints) == expected


# -- following the trainee -----------------------------------------------------------------------

def test_the_tours_own_route_completes_with_the_shortest_steps_and_full_marks():
    trainee = Trainee("close-weilidai")
    trainee.open("wechat-home", "me", "services", "weilidai-home", "settings", "management",
                 "close-confirm", "close-password")
    trainee.account.close(DEMO_PASSWORD)
    trainee.open("closed")
    attempt = trainee.attempt
    assert attempt.outcome == COMPLETED
    assert (attempt.steps, attempt.shortest, attempt.wrong, attempt.hints) == (8, 8, 0, 0)
    assert attempt.score == 100
    assert attempt.ended == trainee.now and attempt.seconds == 45


def test_the_shortest_route_is_the_tours_without_its_reading_steps():
    assert EXERCISES["close-weilidai"].shortest == len(TOURS["close-weilidai"])
    tour = TOURS["auto-repay-off"]
    assert EXERCISES["auto-repay-off"].shortest == len([s for s in tour.steps if not s.read])


def test_any_correct_way_counts_repaying_first_without_the_refusal():
    trainee = Trainee("close-with-debt")
    trainee.open("repay", "repay-confirm")
    trainee.account.repay_all("cmb", DEMO_PASSWORD)
    trainee.open("repaid", "weilidai-home", "settings", "management", "close-confirm",
                 "close-password")
    trainee.account.close(DEMO_PASSWORD)
    trainee.open("closed")
    attempt = trainee.attempt
    assert attempt.outcome == COMPLETED and attempt.wrong == 0
    assert attempt.steps == 9 < attempt.shortest == 12
    assert attempt.score == 100


def test_a_page_off_every_route_is_a_wrong_turn_and_coming_back_is_not():
    trainee = Trainee("close-weilidai")
    assert trainee.open("me", "me-settings", "me", "services") == [False, True, False, False]
    assert trainee.attempt.wrong == 1 and trainee.attempt.steps == 4
    assert trainee.attempt.route == [["me", 0], ["me-settings", 1], ["me", 0], ["services", 0]]


def test_a_reload_is_no_step_but_the_same_page_after_a_change_is():
    trainee = Trainee("auto-repay-off")
    trainee.open("settings", "repayment-settings", "repayment-settings")
    assert trainee.attempt.steps == 2
    trainee.account.set_auto_repay(False)
    trainee.open("repayment-settings")
    assert trainee.attempt.steps == 3 and trainee.attempt.outcome == COMPLETED


def test_a_refused_action_is_a_wrong_turn():
    trainee = Trainee("close-weilidai")
    trainee.attempt.refused()
    assert trainee.attempt.wrong == 1 and trainee.attempt.steps == 0


def test_the_route_kept_for_the_end_page_is_bounded():
    trainee = Trainee("close-weilidai")
    for _ in range(ROUTE_KEPT):
        trainee.open("contacts", "me")
    assert trainee.attempt.steps == 2 * ROUTE_KEPT and len(trainee.attempt.route) == ROUTE_KEPT


# -- hints ---------------------------------------------------------------------------------

def test_a_hint_is_the_route_steps_where_the_trainee_is_by_whatever_way():
    trainee = Trainee("close-weilidai")
    assert trainee.hint_text() == TOURS["close-weilidai"].steps[0].hint
    # Straight to 微粒贷 by its address: the hint follows to that step.
    trainee.open("weilidai-home")
    assert trainee.hint_text() == TOURS["close-weilidai"].steps[3].hint
    # A page off the route leaves the step where it was, and its page is the way back.
    trainee.open("records")
    assert trainee.hint_text() == TOURS["close-weilidai"].steps[3].hint
    assert trainee.attempt.way_back(trainee.exercise) == "/weilidai"


def test_a_hint_counts_once_per_step():
    trainee = Trainee("close-weilidai")
    assert trainee.hint() is True
    assert trainee.hint() is False
    trainee.open("me")
    assert trainee.attempt.hint_step is None  # the next step: the hint is gone
    assert trainee.hint() is True
    assert trainee.attempt.hints == 2


def test_the_hint_is_offered_after_the_configured_wrong_turns_since_the_last_one():
    trainee = Trainee("close-weilidai")
    trainee.open("contacts")
    assert not trainee.attempt.hint_offered(2)
    trainee.open("me-settings")
    assert trainee.attempt.hint_offered(2)
    assert not trainee.attempt.hint_offered(0)  # 0: only when asked for
    trainee.hint()
    assert not trainee.attempt.hint_offered(2)


# -- how it ends -------------------------------------------------------------------------------

def test_closing_the_account_is_no_way_to_turn_auto_repay_off_it_fails_the_attempt():
    trainee = Trainee("auto-repay-off")
    trainee.account.repay_all("cmb", DEMO_PASSWORD)
    trainee.account.close(DEMO_PASSWORD)
    trainee.open("closed")
    assert trainee.attempt.outcome == FAILED and trainee.attempt.reason == "closed"
    assert trainee.attempt.score == 0


def test_a_locked_payment_password_fails_what_needs_it():
    trainee = Trainee("close-weilidai")
    for _ in range(3):
        with pytest.raises(DomainError):
            trainee.account.close("000000")
    trainee.open("close-password")
    assert (trainee.attempt.outcome, trainee.attempt.reason) == (FAILED, "password_locked")


def test_the_time_limit_fails_an_attempt_at_the_limit_even_if_done_later():
    trainee = Trainee("close-weilidai")
    trainee.now += TIME_LIMIT + 1
    trainee.account.close(DEMO_PASSWORD)
    trainee.open("closed")
    attempt = trainee.attempt
    assert (attempt.outcome, attempt.reason) == (FAILED, "time_up")
    assert attempt.seconds == TIME_LIMIT


def test_why_frozen_is_done_by_repaying_while_frozen():
    trainee = Trainee("why-frozen")
    assert trainee.account.status == "frozen"
    trainee.open("repay", "repay-confirm")
    assert trainee.attempt.outcome is None
    trainee.account.repay_all("cmb", DEMO_PASSWORD)
    trainee.open("repaid")
    assert trainee.attempt.outcome == COMPLETED and trainee.attempt.score == 100


def test_an_ended_attempt_takes_nothing_more():
    trainee = Trainee("close-weilidai")
    assert trainee.attempt.end(ABANDONED, "gave_up", trainee.now)
    assert not trainee.attempt.end(COMPLETED, None, trainee.now)
    trainee.open("contacts")
    trainee.attempt.refused()
    assert not trainee.hint()
    assert (trainee.attempt.outcome, trainee.attempt.steps, trainee.attempt.wrong) == (
        ABANDONED, 0, 0)


def test_an_attempt_survives_its_json_and_a_stranger_is_none():
    trainee = Trainee("close-weilidai")
    trainee.open("me", "contacts")
    again = Attempt.from_json(trainee.attempt.to_json(), EXERCISES)
    assert again == trainee.attempt
    assert Attempt.from_json({"exercise": "nope"}, EXERCISES) is None
    assert Attempt.from_json({"exercise": "close-weilidai", "bogus": 1}, EXERCISES) is None
    assert Attempt.from_json("text", EXERCISES) is None


def test_the_engine_skips_to_a_later_step_only_when_asked():
    tour = TOURS["close-weilidai"]
    trainee = Trainee("close-weilidai")
    progress = engine.Progress.start(tour, trainee.account, 0)
    assert engine.visit(tour, progress, "settings", "/weilidai/settings", 1, lambda: 0)
    assert progress.step == 0  # a guided tour: off its path, a wrong tap
    assert engine.skip_to(tour, progress, "settings", "/weilidai/settings", 1)
    assert progress.step == 4 and progress.back == "/weilidai/settings"
    assert not engine.skip_to(tour, progress, "contacts", "/contacts", 1)
