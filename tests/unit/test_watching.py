"""What a trainer watches of a class, on its own: the attempt a trainee is on, whether they
are stuck there and why, and each exercise's funnel (who reached each step of its shortest
route, and who stopped where)."""

from webapp.practice.classes import Trainee
from webapp.practice.watching import Stuck, funnels, running, stuck

NOW = 1_800_000_000.0
SECONDS, WRONG = 90, 2


def summary(attempt_id, exercise="close-weilidai", outcome=None, progress=0, furthest=None,
            arrived=NOW - 10, wrong_here=0):
    return {"id": attempt_id, "exercise": exercise, "started": NOW - 300,
            "ended": None if outcome is None else NOW - 5, "outcome": outcome, "reason": None,
            "steps": 4, "shortest": 8, "wrong": wrong_here, "jumps": 0, "hints": 0,
            "score": None if outcome is None else 0, "screen": "management",
            "arrived": arrived, "wrong_here": wrong_here, "progress": progress,
            "furthest": progress if furthest is None else furthest}


def trainee(name, *attempts):
    return Trainee(name, name, NOW - 600, list(attempts))


def test_the_attempt_a_trainee_is_on_is_their_latest_still_running():
    on = summary("b", "auto-repay-off")
    assert running(trainee("王", summary("a", outcome="completed"), on)) is on
    assert running(trainee("李", summary("a", outcome="failed"))) is None
    assert running(trainee("赵")) is None


def test_a_trainee_is_stuck_after_the_time_on_one_screen_or_the_wrong_turns_there():
    assert stuck(summary("a", arrived=NOW - 89), NOW, SECONDS, WRONG) is None
    assert stuck(summary("a", arrived=NOW - 120), NOW, SECONDS, WRONG) == Stuck(120, None)
    assert stuck(summary("a", wrong_here=2), NOW, SECONDS, WRONG) == Stuck(None, 2)
    assert stuck(summary("a", arrived=NOW - 95, wrong_here=3), NOW, SECONDS, WRONG) == \
        Stuck(95, 3)
    # A rule set to 0 is never a reason; an ended attempt is never stuck.
    assert stuck(summary("a", arrived=NOW - 900), NOW, 0, WRONG) is None
    assert stuck(summary("a", wrong_here=5), NOW, SECONDS, 0) is None
    assert stuck(summary("a", outcome="failed", wrong_here=5), NOW, SECONDS, WRONG) is None
    assert stuck(None, NOW, SECONDS, WRONG) is None


def test_a_record_without_the_journeys_counts_is_not_said_to_be_stuck():
    old = {key: value for key, value in summary("a", arrived=NOW - 900).items()
           if key not in ("arrived", "wrong_here")}
    assert stuck(old, NOW, SECONDS, WRONG) is None


def test_the_funnel_counts_who_reached_each_step_and_where_those_not_done_stopped():
    wang = trainee("王", summary("w", outcome="completed", progress=8))
    # Went back: she is at step 3 now, but had been past five steps.
    li = trainee("李", summary("l", progress=2, furthest=5, arrived=NOW - 200))
    zhao = trainee("赵", summary("z1", outcome="abandoned", progress=6),
                   summary("z2", outcome="failed", progress=1))
    qian = trainee("钱", summary("q", "auto-repay-off", progress=1))
    found = funnels([wang, li, zhao, qian], {"close-weilidai": 8, "auto-repay-off": 3},
                    NOW, SECONDS, WRONG)
    close = found["close-weilidai"]
    assert (close.started, close.completed) == (3, 1)
    assert [step.reached for step in close.steps] == [3, 3, 3, 3, 3, 3, 2, 1]
    stopped = {index + 1: [(who.trainee.name, who.running, who.stuck)
                           for who in step.stopped]
               for index, step in enumerate(close.steps) if step.stopped}
    # 赵's latest attempt ended at step 2, though an earlier one had got to step 7.
    assert stopped == {2: [("赵", False, None)], 3: [("李", True, Stuck(200, None))]}
    assert close.stuck == 1
    repay = found["auto-repay-off"]
    assert (repay.started, repay.completed, repay.stuck) == (1, 0, 0)
    assert [step.reached for step in repay.steps] == [1, 1, 0]
    assert [len(step.stopped) for step in repay.steps] == [0, 1, 0]


def test_an_exercise_nobody_started_has_an_empty_funnel_and_unknown_ones_are_left_out():
    found = funnels([trainee("王", summary("w", "no-such-exercise"))], {"why-frozen": 3},
                    NOW, SECONDS, WRONG)
    assert list(found) == ["why-frozen"]
    assert (found["why-frozen"].started, found["why-frozen"].completed) == (0, 0)
    assert [step.reached for step in found["why-frozen"].steps] == [0, 0, 0]


def test_a_record_from_before_the_journeys_counts_reached_the_first_step_and_stopped_there():
    old = {key: value for key, value in summary("a", progress=4).items()
           if key not in ("progress", "furthest", "arrived", "wrong_here")}
    close = funnels([trainee("王", old)], {"close-weilidai": 8}, NOW, SECONDS,
                    WRONG)["close-weilidai"]
    assert [step.reached for step in close.steps] == [1, 0, 0, 0, 0, 0, 0, 0]
    assert [len(step.stopped) for step in close.steps] == [1, 0, 0, 0, 0, 0, 0, 0]
