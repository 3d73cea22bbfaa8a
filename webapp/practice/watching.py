"""What a trainer watches of a class while it runs: where each trainee is now, who is stuck
there and why, and the class's funnel through each exercise's shortest route ("who is
stuck, and where").

Plain logic, no Flask: read from the trainees' records (webapp/practice/classes.py's
``Trainee``, whose attempts are webapp/practice/attempt.py's summaries, kept live while they
run). The dashboard (webapp/views/classes.py) chooses the words.
"""

from dataclasses import dataclass, field

from webapp.practice.attempt import COMPLETED, is_stuck


def running(trainee):
    """The summary of the attempt the trainee is on now (their latest still running), or
    None."""
    return next((summary for summary in reversed(trainee.attempts)
                 if summary["outcome"] is None), None)


@dataclass(frozen=True)
class Stuck:
    """Why a trainee is stuck on the screen they are on: ``seconds`` there when that is too
    long, ``wrong`` turns there when they are too many (either None when it is no reason)."""

    seconds: float | None
    wrong: int | None


def stuck(summary, now, after_seconds, after_wrong):
    """Why the trainee of a running attempt's summary is stuck (attempt.is_stuck: the
    journey's counts against the configured thresholds), or None when they are not, or it
    ended, or its record says too little to tell."""
    if summary is None or not is_stuck(summary, now, after_seconds, after_wrong):
        return None
    seconds = now - summary["arrived"]
    wrong = summary.get("wrong_here") or 0
    return Stuck(seconds if 0 < after_seconds <= seconds else None,
                 wrong if 0 < after_wrong <= wrong else None)


@dataclass(frozen=True)
class Stopped:
    """A trainee who has not completed an exercise, at the step they are at (running) or
    were at when their latest attempt of it ended."""

    trainee: object  # a Trainee
    running: bool
    stuck: Stuck | None


@dataclass
class StepCount:
    reached: int = 0  # trainees who got to this step, at best
    stopped: list = field(default_factory=list)  # of Stopped, here now or at their end


@dataclass
class Funnel:
    """One exercise's funnel: its shortest route's steps, in order, each with how many
    trainees reached it and who stopped there; then how many completed it."""

    exercise: str
    steps: list  # of StepCount, one per step of the shortest route
    started: int = 0  # trainees with an attempt of it
    completed: int = 0

    @property
    def stuck(self):
        return sum(1 for step in self.steps for who in step.stopped if who.stuck)


def funnels(trainees, lengths, now, after_seconds, after_wrong):
    """Each exercise's Funnel, for ``lengths``: {exercise id: steps of its shortest route}.

    A trainee reached step k (1-based) when an attempt of theirs was ever k − 1 steps along
    the shortest route (its ``furthest``; a completed one went all the way); one who has not
    completed it stopped at the step their latest attempt is at now, or was at when it ended
    (its ``progress`` + 1). A record from before the journey kept these counts reached the
    first step only, and stopped there."""
    found = {exercise: Funnel(exercise, [StepCount() for _ in range(length)])
             for exercise, length in lengths.items()}
    for trainee in trainees:
        mine = {}
        for summary in trainee.attempts:
            if summary["exercise"] in found:
                mine.setdefault(summary["exercise"], []).append(summary)
        for exercise, attempts in mine.items():
            funnel, length = found[exercise], lengths[exercise]
            funnel.started += 1
            done = any(summary["outcome"] == COMPLETED for summary in attempts)
            furthest = length if done else min(length, max(
                summary.get("furthest") or 0 for summary in attempts))
            for step in funnel.steps[:furthest + 1]:
                step.reached += 1
            if done:
                funnel.completed += 1
                continue
            latest = attempts[-1]
            at = min(max(0, latest.get("progress") or 0), length - 1)
            is_running = latest["outcome"] is None
            funnel.steps[at].stopped.append(Stopped(
                trainee, is_running,
                stuck(latest, now, after_seconds, after_wrong) if is_running else None))
    return found
