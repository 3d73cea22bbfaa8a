"""One practice attempt: a journey on an exercise's route, how it ended, and its score.

Plain logic, no Flask: the second client of the journey engine (webapp/journey/engine.py),
which follows where the trainee is on every branch of the exercise's route and counts what
they did. What practice adds:

- the 提示 button: the hint of the step the trainee is at, on their branch, counted once
  per step; offered by the bar after a few wrong turns;
- the end: ``completed`` when the goal holds for the account (any correct way counts: the
  goal is the article's rule, not the pages seen); ``failed`` when it can no longer be
  reached (a dead end) or the time is up; ``abandoned`` when the trainee gives up or it is
  cut short (another exercise, another account, the class ended, the session's settings
  changed behind it).

The score, 0 to 100 (docs/practice.md): 0 unless completed; otherwise 100, less
``EXTRA_STEP_POINTS`` for each step beyond the shortest route, ``WRONG_TURN_POINTS`` for each
wrong turn and each jump, ``SKIPPED_STEP_POINTS`` for each route step a jump passed over and
``HINT_POINTS`` for each hint, and never below 0. So no route shorter than the shortest scores
without a jump, and a jump never pays: the steps it skips cost as much as hints showing them
would. Time does not count: an older trainee reading every word is not doing it worse.
"""

import uuid
from dataclasses import asdict, dataclass, fields

from webapp.journey import engine
from webapp.journey.engine import Journey

COMPLETED, FAILED, ABANDONED = "completed", "failed", "abandoned"
OUTCOMES = (COMPLETED, FAILED, ABANDONED)

EXTRA_STEP_POINTS = 5
WRONG_TURN_POINTS = 10
JUMP_POINTS = WRONG_TURN_POINTS  # a jump counts like a wrong turn
HINT_POINTS = 15
SKIPPED_STEP_POINTS = HINT_POINTS  # a step skipped gives away as much as its hint


def is_scored(outcome, reason):
    """Whether an ended attempt's score counts: completed, failed, or given up by the trainee
    (0); not one broken off by something else (the class ended, another exercise, the
    account or the settings changed), which no score could judge fairly."""
    return outcome is not None and (outcome != ABANDONED or reason == "gave_up")


def score(completed, steps, shortest, wrong, hints, jumps=0, skipped=0):
    """The score of an attempt, 0 to 100 (the formula is in this module's docstring)."""
    if not completed:
        return 0
    lost = (max(0, steps - shortest) * EXTRA_STEP_POINTS + wrong * WRONG_TURN_POINTS
            + jumps * JUMP_POINTS + skipped * SKIPPED_STEP_POINTS + hints * HINT_POINTS)
    return max(0, 100 - lost)


def is_stuck(summary, now, after_seconds, after_wrong):
    """Whether the trainee of a running attempt's summary is stuck (engine.is_stuck): on one
    screen too long, or gone wrong there too often. An ended attempt is not."""
    return summary.get("outcome") is None and summary.get("arrived") is not None and \
        engine.is_stuck(summary["arrived"], summary.get("wrong_here") or 0, now, after_seconds,
                        after_wrong)


def time_is_up(started, now, limit):
    """The one rule for an attempt's time, the trainee's page and the class's dashboard
    alike: over ``limit`` seconds since it started."""
    return now - started > limit


@dataclass
class Attempt:
    id: str
    exercise: str
    account: str  # the id of the account it runs on: another account ends it
    started: float  # wall-clock seconds
    shortest: int
    journey: Journey
    language: str = "zh"
    since: int = 0  # the account's revision when it began: the goal counts what came after
    hints: int = 0
    ended: float | None = None
    outcome: str | None = None
    reason: str | None = None  # why it failed or was abandoned, a code
    hint: list | None = None  # [branch, step index] whose hint is shown, while it is current
    wrong_since_hint: int = 0
    klass: str | None = None  # the class's code, when it counts for a class
    trainee: str | None = None  # the trainee's id in that class
    learner: str | None = None  # who the statements name when there is no class
    told: bool = False  # the trainee was shown how it ended

    @classmethod
    def start(cls, exercise, account, now, language="zh", klass=None, trainee=None,
              learner=None):
        return cls(id=uuid.uuid4().hex, exercise=exercise.id, account=account.id, started=now,
                   shortest=exercise.route.shortest,
                   journey=Journey.start(exercise.route, account, now),
                   language=language, since=account.revision, klass=klass, trainee=trainee,
                   learner=learner)

    @classmethod
    def from_json(cls, data, exercises):
        """The attempt a session holds, or None when it is not one (or of no known exercise)."""
        if not isinstance(data, dict) or data.get("exercise") not in exercises:
            return None
        journey = Journey.from_json(data.get("journey"), exercises[data["exercise"]].route)
        if journey is None:
            return None
        try:
            attempt = cls(**{**{f.name: data[f.name] for f in fields(cls) if f.name in data},
                             "journey": journey})
        except TypeError:
            return None
        if attempt.outcome not in (None, *OUTCOMES):
            return None
        return attempt

    def to_json(self):
        return {**asdict(self), "journey": self.journey.to_json()}

    # -- what it counted ---------------------------------------------------------------------

    @property
    def steps(self):
        return self.journey.steps

    @property
    def wrong(self):
        return self.journey.wrong

    @property
    def jumps(self):
        return self.journey.jumps

    @property
    def skipped(self):
        return self.journey.skipped

    @property
    def route(self):
        """The trainee's own route: [screen, [marks]] per page moved to."""
        return self.journey.log

    @property
    def is_finished(self):
        return self.outcome is not None

    @property
    def completed(self):
        return self.outcome == COMPLETED

    @property
    def seconds(self):
        """How long it took, or has taken until ``ended``."""
        return max(0.0, (self.ended or self.started) - self.started)

    @property
    def score(self):
        return score(self.completed, self.steps, self.shortest, self.wrong, self.hints,
                     self.jumps, self.skipped)

    def belongs_to(self, account):
        return account is not None and self.account == account.id

    def summary(self, exercise, now=None):
        """What a class keeps of it and its statements say: its counts so far (live while
        it runs), where the trainee is, and its end; the score only once it ended (while it
        runs it is unknown, never 0)."""
        journey = self.journey
        return {
            "id": self.id, "exercise": self.exercise, "started": self.started,
            "ended": self.ended, "outcome": self.outcome, "reason": self.reason,
            "steps": self.steps, "shortest": self.shortest, "wrong": self.wrong,
            "jumps": self.jumps, "skipped": self.skipped, "hints": self.hints,
            "language": self.language,
            "score": self.score if self.is_finished else None,
            "screen": (journey.here or [None])[0], "arrived": journey.arrived,
            "wrong_here": journey.wrong_here,
            "progress": engine.done_steps(exercise.route, journey),
            "furthest": journey.furthest,
            "updated": now if now is not None else self.ended or self.started,
        }

    # -- what the trainee does -------------------------------------------------------------

    def see(self, exercise, screen, path, arrival, account, policy, now):
        """A page of ``screen`` at ``path`` was shown, reached as ``arrival`` says. Returns
        (how, off the route) as the engine says; nothing once it ended."""
        if self.is_finished:
            return engine.STAY, False
        found = engine.arrive(exercise.route, self.journey, screen, path, arrival, account,
                              policy, now)
        if found[0] != engine.STAY and (found[1] or found[0] == engine.JUMP):
            self.wrong_since_hint += 1
        self._forget_a_passed_hint(exercise, account, policy)
        return found

    def pass_through(self, path):
        engine.pass_through(self.journey, path)

    def refused(self, account, mark=engine.WRONG):
        """The app refused what the trainee sent: a wrong turn, marked on its page."""
        if self.is_finished:
            return
        engine.refused(self.journey, account, mark)
        if mark == engine.WRONG:
            self.wrong_since_hint += 1

    def current_step(self, exercise, account, policy):
        """(branch, index, Step) the trainee is at; None past the end of every branch."""
        return engine.current_step(exercise.route, self.journey, account, policy)

    def hint_step(self, exercise, account, policy):
        """The Step whose hint the bar shows, or None."""
        found = self.current_step(exercise, account, policy)
        if self.hint is None or found is None or list(found[:2]) != self.hint:
            return None
        return found[2]

    def way_back(self):
        """The page of the step the trainee is at, where the hint can be followed."""
        return self.journey.back

    def ask_hint(self, exercise, account, policy):
        """提示: show the hint of the step the trainee is at. Returns whether it counted (the
        hint already shown for this step is not counted again)."""
        found = self.current_step(exercise, account, policy)
        if self.is_finished or found is None or self.hint == list(found[:2]):
            return False
        self.hint = list(found[:2])
        self.hints += 1
        self.wrong_since_hint = 0
        return True

    def hint_offered(self, after_wrong):
        """Whether the bar offers the hint: ``after_wrong`` wrong turns since the last one
        (0: never offered, only asked for)."""
        return (not self.is_finished and self.hint is None and after_wrong > 0
                and self.wrong_since_hint >= after_wrong)

    def _forget_a_passed_hint(self, exercise, account, policy):
        found = self.current_step(exercise, account, policy)
        if self.hint is not None and (found is None or list(found[:2]) != self.hint):
            self.hint = None

    # -- the end -------------------------------------------------------------------------------

    def settle(self, exercise, account, policy, now, time_limit, acted=False):
        """End it if the goal holds (completed), cannot be reached any more or the time is
        up (failed). Returns whether it ended now. The request whose action met the goal
        asks this (``acted``), not the page drawn after it: that action is the route's last
        tap, a step whose page is not needed any more."""
        if self.is_finished:
            return False
        engine.settle(exercise.route, self.journey, account, policy, now)
        # The time first: a class's dashboard ends an attempt whose time is up the same way.
        if time_is_up(self.started, now, time_limit):
            self.end(FAILED, "time_up", self.started + time_limit)
        elif exercise.reached(account, self.since):
            if acted:
                engine.acted(self.journey, exercise.route.ends_on, exercise.shortest)
            self.end(COMPLETED, None, now)
        elif (reason := exercise.dead_end(account)) is not None:
            self.end(FAILED, reason, now)
        else:
            return False
        return True

    def end(self, outcome, reason, now):
        """Ended now with ``outcome`` (a second end changes nothing); returns whether it did."""
        if self.is_finished:
            return False
        self.outcome, self.reason, self.ended = outcome, reason, now
        self.hint = None
        return True

    def overruled(self, kept):
        """The class had ended this attempt first (its end, or its time, came before the
        trainee's next page): its end is the one that counts, here too."""
        self.outcome, self.reason, self.ended = kept["outcome"], kept["reason"], kept["ended"]
        self.hint = None
