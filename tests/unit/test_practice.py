"""A practice attempt, on its own: the score's formula, steps against the shortest route of
every branch, wrong turns, jumps, refusals, hints, and how it ends. Plain Python, on accounts
built from the scenarios; a trainee's pages are told to the attempt as the views tell them."""

import pytest

from webapp import scenarios
from webapp.domain import DEMO_PASSWORD, DomainError, Policy
from webapp.journey import engine
from webapp.journey.engine import JUMPED, LOG_KEPT, REFUSED, WRONG, Arrival
from webapp.practice import EXERCISES
from webapp.practice.attempt import ABANDONED, COMPLETED, FAILED, Attempt, is_stuck, score
from webapp.tours import TOURS

TIME_LIMIT = 900
POLICY = Policy()
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
    """A trainee on one exercise: taps to pages, types addresses, does things to the account,
    asks for hints."""

    def __init__(self, exercise_id, clock=1000.0):
        self.exercise = EXERCISES[exercise_id]
        self.account = scenarios.build(self.exercise.scenario, POLICY)
        self.now = clock
        self.attempt = Attempt.start(self.exercise, self.account, self.now)
        self.page = self.exercise.start

    def _show(self, screen, arrival):
        self.now += 5
        kind, off = self.attempt.see(self.exercise, screen, PATHS[screen], arrival,
                                     self.account, POLICY, self.now)
        self.attempt.settle(self.exercise, self.account, POLICY, self.now, TIME_LIMIT)
        self.page = PATHS[screen]
        return kind, off

    def tap(self, *screens):
        """Follow a link or a form of the page they are on to each screen in turn; returns
        whether each was off the route."""
        return [self._show(screen, Arrival(self.page))[1] for screen in screens]

    def type(self, screen):
        """Type the screen's address, or open a bookmark."""
        return self._show(screen, engine.TYPED)[0]

    def act(self, action, *args):
        """Do something to the account; a refusal is told to the attempt, as the views do."""
        try:
            return action(*args)
        except DomainError:
            self.attempt.refused(self.account)
            return None

    def settle(self, acted=True):
        """What the view asks after an action of the trainee's (``acted``)."""
        return self.attempt.settle(self.exercise, self.account, POLICY, self.now, TIME_LIMIT,
                                   acted=acted)

    def hint(self):
        return self.attempt.ask_hint(self.exercise, self.account, POLICY)

    def hint_text(self):
        return str(self.attempt.current_step(self.exercise, self.account, POLICY)[2].hint)


CLOSE_ROUTE = ("me", "services", "weilidai-home", "settings", "management", "close-confirm",
               "close-password")


# -- the score -------------------------------------------------------------------------------

@pytest.mark.parametrize("completed, steps, shortest, wrong, hints, jumps, skipped, expected", [
    (True, 8, 8, 0, 0, 0, 0, 100),    # the shortest route, alone
    (True, 11, 8, 0, 0, 0, 0, 85),    # three steps more: 5 each
    (True, 8, 8, 2, 0, 0, 0, 80),     # two wrong turns: 10 each
    (True, 8, 8, 0, 1, 0, 0, 85),     # one hint: 15
    (True, 11, 8, 2, 1, 0, 0, 50),
    (True, 7, 8, 0, 0, 1, 0, 90),     # a jump to the next page: a wrong turn
    (True, 2, 8, 0, 0, 1, 6, 0),      # a typed address past six steps: each a hint's worth
    (True, 40, 8, 9, 3, 0, 0, 0),     # never below 0
    (False, 8, 8, 0, 0, 0, 0, 0),     # not completed: 0, however well it went
])
def test_the_score_is_100_less_each_step_more_wrong_turn_jump_skipped_step_and_hint(
        completed, steps, shortest, wrong, hints, jumps, skipped, expected):
    assert score(completed, steps, shortest, wrong, hints, jumps, skipped) == expected


# -- following the trainee -----------------------------------------------------------------------

def test_the_tours_own_route_completes_with_the_shortest_steps_and_full_marks():
    trainee = Trainee("close-weilidai")
    trainee.tap(*CLOSE_ROUTE)
    trainee.act(trainee.account.close, DEMO_PASSWORD)
    # The action that met the goal ends it: no page drawn after it is needed.
    assert trainee.settle() and trainee.attempt.outcome == COMPLETED
    attempt = trainee.attempt
    trainee.tap("closed")  # the page drawn after it counts nothing more
    assert (attempt.steps, attempt.shortest, attempt.wrong, attempt.hints) == (8, 8, 0, 0)
    assert attempt.route[-1] == ["closed", []]
    assert attempt.score == 100 and attempt.seconds == 35


def test_the_shortest_route_is_the_shortest_branch_repaying_first_with_debt():
    exercise = EXERCISES["close-with-debt"]
    tour = TOURS["close-with-debt"]
    assert [len(branch) for branch in exercise.route.branches] == [len(tour), 9]
    assert exercise.shortest == 9


def test_repaying_first_without_the_refusal_is_the_shortest_way_with_full_marks():
    trainee = Trainee("close-with-debt")
    trainee.tap("repay", "repay-confirm")
    trainee.act(trainee.account.repay_all, "cmb", DEMO_PASSWORD)
    trainee.tap("repaid", "weilidai-home", "settings", "management", "close-confirm",
                "close-password")
    trainee.act(trainee.account.close, DEMO_PASSWORD)
    trainee.settle()
    attempt = trainee.attempt
    assert attempt.outcome == COMPLETED and attempt.wrong == 0 and attempt.jumps == 0
    assert attempt.steps == 9 and attempt.score == 100


def test_meeting_the_refusal_first_is_a_way_too_three_steps_longer():
    trainee = Trainee("close-with-debt")
    trainee.tap("settings", "management", "close-confirm")
    trainee.attempt.refused(trainee.account, REFUSED)  # the view marks R6's dialog
    assert trainee.hint_text() == str(TOURS["close-with-debt"].steps[3].hint)  # 去还款
    trainee.tap("repay", "repay-confirm")
    trainee.act(trainee.account.repay_all, "cmb", DEMO_PASSWORD)
    trainee.tap("repaid", "weilidai-home", "settings", "management", "close-confirm",
                "close-password")
    trainee.act(trainee.account.close, DEMO_PASSWORD)
    trainee.settle()
    attempt = trainee.attempt
    assert attempt.outcome == COMPLETED and (attempt.steps, attempt.wrong) == (12, 0)
    assert attempt.route[2] == ["close-confirm", [REFUSED]]
    assert attempt.score == 100 - 3 * 5  # the tour's 12 steps against the shortest 9


def test_the_hint_follows_the_branch_the_trainee_is_on():
    trainee = Trainee("close-with-debt")
    # From the home, the nearest way is to repay first.
    assert trainee.hint_text() == "先还清所有借款：点击“还款”"
    trainee.tap("settings")
    assert trainee.hint_text() == str(TOURS["close-with-debt"].steps[1].hint)
    trainee.tap("management", "close-confirm")
    # The precautions' 确认关闭 is not drawn while anything is owed: the refusal's 去还款 is.
    assert trainee.hint_text() == str(TOURS["close-with-debt"].steps[3].hint)


def test_a_page_off_every_route_is_a_wrong_turn_and_coming_back_is_not():
    trainee = Trainee("close-weilidai")
    assert trainee.tap("me", "me-settings", "me", "services") == [False, True, False, False]
    assert trainee.attempt.wrong == 1 and trainee.attempt.steps == 4
    assert trainee.attempt.route == [["me", []], ["me-settings", [WRONG]], ["me", []],
                                     ["services", []]]


def test_a_typed_address_is_a_jump_and_the_steps_it_passes_over_cost_their_hints():
    trainee = Trainee("close-weilidai")
    assert trainee.type("close-password") == engine.JUMP
    trainee.act(trainee.account.close, DEMO_PASSWORD)
    trainee.settle()
    attempt = trainee.attempt
    assert attempt.outcome == COMPLETED
    assert (attempt.steps, attempt.jumps, attempt.skipped) == (2, 1, 6)
    assert attempt.route == [["close-password", [JUMPED]], ["closed", []]]
    assert attempt.score == 0


def test_a_typed_address_of_a_page_seen_before_is_back_not_a_jump():
    trainee = Trainee("close-weilidai")
    trainee.tap("me", "services")
    assert trainee.type("me") == engine.BACK
    assert trainee.attempt.jumps == 0


def test_a_tap_from_a_page_of_another_tab_of_the_journey_is_a_tap():
    trainee = Trainee("close-weilidai")
    trainee.tap("me", "services", "weilidai-home")
    trainee.now += 1
    kind, _ = trainee.attempt.see(trainee.exercise, "settings", "/weilidai/settings",
                                  Arrival("/weilidai"), trainee.account, POLICY, trainee.now)
    assert kind == engine.TAP and trainee.attempt.jumps == 0


def test_a_reload_is_no_step_but_the_same_page_after_a_change_is():
    trainee = Trainee("auto-repay-off")
    trainee.tap("settings", "repayment-settings", "repayment-settings")
    assert trainee.attempt.steps == 2
    trainee.account.set_auto_repay(False)
    assert trainee.settle() and trainee.attempt.outcome == COMPLETED


def test_wrong_passwords_are_wrong_turns_marked_on_the_page_they_were_sent_from():
    trainee = Trainee("close-with-debt")
    trainee.tap("repay", "repay-confirm")
    for _ in range(2):
        trainee.act(trainee.account.repay_all, "cmb", "654321")
        trainee.tap("repay-confirm")  # the page again, as the refusal redirects: no step
    trainee.act(trainee.account.repay_all, "cmb", DEMO_PASSWORD)
    trainee.tap("repaid")
    attempt = trainee.attempt
    assert attempt.wrong == 2 and attempt.steps == 3
    assert attempt.route == [["repay", []], ["repay-confirm", [WRONG, WRONG]], ["repaid", []]]


def test_the_route_kept_for_the_end_page_is_bounded():
    trainee = Trainee("close-weilidai")
    for _ in range(LOG_KEPT):
        trainee.tap("contacts", "me")
    assert trainee.attempt.steps == 2 * LOG_KEPT and len(trainee.attempt.route) == LOG_KEPT


# -- hints ---------------------------------------------------------------------------------

def test_a_hint_is_the_route_steps_where_the_trainee_is_by_whatever_way():
    trainee = Trainee("close-weilidai")
    assert trainee.hint_text() == str(TOURS["close-weilidai"].steps[0].hint)
    # Straight to 微粒贷 by its address: the hint follows to that step.
    trainee.type("weilidai-home")
    assert trainee.hint_text() == str(TOURS["close-weilidai"].steps[3].hint)
    # A page off the route leaves the step where it was, and its page is the way back.
    trainee.tap("records")
    assert trainee.hint_text() == str(TOURS["close-weilidai"].steps[3].hint)
    assert trainee.attempt.way_back() == "/weilidai"


def test_a_hint_counts_once_per_step():
    trainee = Trainee("close-weilidai")
    assert trainee.hint() is True
    assert trainee.hint() is False
    trainee.tap("me")
    assert trainee.attempt.hint is None  # the next step: the hint is gone
    assert trainee.hint() is True
    assert trainee.attempt.hints == 2


def test_the_hint_is_offered_after_the_configured_wrong_turns_since_the_last_one():
    trainee = Trainee("close-weilidai")
    trainee.tap("contacts")
    assert not trainee.attempt.hint_offered(2)
    trainee.tap("me-settings")
    assert trainee.attempt.hint_offered(2)
    assert not trainee.attempt.hint_offered(0)  # 0: only when asked for
    trainee.hint()
    assert not trainee.attempt.hint_offered(2)


# -- how it ends -------------------------------------------------------------------------------

def test_closing_the_account_is_no_way_to_turn_auto_repay_off_it_fails_the_attempt():
    trainee = Trainee("auto-repay-off")
    trainee.account.repay_all("cmb", DEMO_PASSWORD)
    trainee.account.close(DEMO_PASSWORD)
    trainee.settle()
    assert trainee.attempt.outcome == FAILED and trainee.attempt.reason == "closed"
    assert trainee.attempt.score == 0


def test_closing_with_debt_through_a_planted_fault_is_no_completion():
    faulty = Policy(faults=frozenset({"rules-1"}))
    trainee = Trainee("close-with-debt")
    trainee.account.close(DEMO_PASSWORD, faulty)  # rules-1 lets it close while repaying
    assert trainee.account.is_closed and trainee.account.outstanding() > 0
    trainee.settle()
    assert (trainee.attempt.outcome, trainee.attempt.reason) == (FAILED, "closed")
    assert trainee.attempt.score == 0


def test_a_locked_payment_password_fails_what_needs_it():
    trainee = Trainee("close-weilidai")
    for _ in range(3):
        trainee.act(trainee.account.close, "000000")
    trainee.settle()
    assert (trainee.attempt.outcome, trainee.attempt.reason) == (FAILED, "password_locked")


def test_the_time_limit_fails_an_attempt_at_the_limit_even_if_done_later():
    trainee = Trainee("close-weilidai")
    trainee.now += TIME_LIMIT + 1
    trainee.account.close(DEMO_PASSWORD)
    trainee.settle()
    attempt = trainee.attempt
    assert (attempt.outcome, attempt.reason) == (FAILED, "time_up")
    assert attempt.seconds == TIME_LIMIT


def test_why_frozen_is_done_by_repaying_while_frozen():
    trainee = Trainee("why-frozen")
    assert trainee.account.is_frozen
    trainee.tap("repay", "repay-confirm")
    assert trainee.attempt.outcome is None
    trainee.account.repay_all("cmb", DEMO_PASSWORD)
    trainee.settle()
    assert trainee.attempt.outcome == COMPLETED and trainee.attempt.score == 100


def test_an_ended_attempt_takes_nothing_more():
    trainee = Trainee("close-weilidai")
    assert trainee.attempt.end(ABANDONED, "gave_up", trainee.now)
    assert not trainee.attempt.end(COMPLETED, None, trainee.now)
    trainee.tap("contacts")
    trainee.attempt.refused(trainee.account)
    assert not trainee.hint()
    assert (trainee.attempt.outcome, trainee.attempt.steps, trainee.attempt.wrong) == (
        ABANDONED, 0, 0)


def test_the_class_overrules_an_attempt_it_ended_first():
    trainee = Trainee("close-weilidai")
    trainee.attempt.overruled({"outcome": ABANDONED, "reason": "class_ended",
                               "ended": trainee.now})
    assert (trainee.attempt.outcome, trainee.attempt.reason) == (ABANDONED, "class_ended")
    assert trainee.attempt.score == 0


def test_a_running_attempts_summary_has_its_live_counts_and_no_score_yet():
    trainee = Trainee("close-weilidai")
    trainee.tap("me", "me-settings")
    trainee.hint()
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert summary["outcome"] is None and summary["score"] is None
    assert (summary["steps"], summary["wrong"], summary["hints"], summary["jumps"]) == (
        2, 1, 1, 0)
    assert summary["screen"] == "me-settings" and summary["progress"] == 1


def test_an_attempt_survives_its_json_and_a_stranger_is_none():
    trainee = Trainee("close-weilidai")
    trainee.tap("me", "contacts")
    again = Attempt.from_json(trainee.attempt.to_json(), EXERCISES)
    assert again == trainee.attempt
    assert Attempt.from_json({"exercise": "nope"}, EXERCISES) is None
    missing_its_id = {name: value for name, value in trainee.attempt.to_json().items()
                      if name != "id"}
    assert Attempt.from_json(missing_its_id, EXERCISES) is None
    assert Attempt.from_json({**trainee.attempt.to_json(), "journey": {}}, EXERCISES) is None
    assert Attempt.from_json("text", EXERCISES) is None


def test_a_trainee_is_stuck_after_long_on_one_screen_or_twice_wrong_from_one_step():
    trainee = Trainee("close-weilidai")
    trainee.tap("me", "me-settings")
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert not is_stuck(summary, trainee.now + 10, 90, 2)
    assert is_stuck(summary, trainee.now + 90, 90, 2)  # 90 s on 我 → 设置
    # Gone wrong from the step she is at (我, to tap 服务): 设置, then back and off to 通讯录,
    # 设置 again, and an action refused there. Each is a wrong turn from 我, wherever it led.
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert summary["wrong_here"] == 1 and not is_stuck(summary, trainee.now, 90, 2)
    trainee.tap("me", "contacts")
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert summary["wrong_here"] == 2 and is_stuck(summary, trainee.now, 90, 2)
    trainee.tap("me-settings")
    trainee.attempt.refused(trainee.account)
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert summary["wrong_here"] == 4 and is_stuck(summary, trainee.now, 90, 2)
    assert not is_stuck(summary, trainee.now, 0, 0)  # both rules off
    # A step forward leaves them behind.
    trainee.tap("me", "services")
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert summary["wrong_here"] == 0 and not is_stuck(summary, trainee.now, 90, 2)
    trainee.attempt.end(ABANDONED, "gave_up", trainee.now)
    assert not is_stuck(trainee.attempt.summary(trainee.exercise), trainee.now + 999, 90, 2)


def test_how_far_the_trainee_got_is_kept_for_the_funnel_even_after_going_back():
    trainee = Trainee("close-weilidai")
    trainee.tap("me", "services", "weilidai-home")
    trainee.type("me")  # back
    summary = trainee.attempt.summary(trainee.exercise, trainee.now)
    assert (summary["progress"], summary["furthest"]) == (1, 3)
    trainee.tap("services", "weilidai-home", "settings", "management", "close-confirm",
                "close-password")
    trainee.act(trainee.account.close, DEMO_PASSWORD)
    trainee.settle()
    assert trainee.attempt.summary(trainee.exercise)["furthest"] == trainee.exercise.shortest
