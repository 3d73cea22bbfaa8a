"""One practice attempt: where the trainee went, what it cost, how it ended, and its score.

Plain logic, no Flask: the second client of the tour engine (webapp/tours/engine.py). The
exercise's route is a Tour, and the engine's Progress follows where the trainee is on it,
so the 提示 button shows the hint of the step they are at, by whichever way they got there.
What practice adds to the engine:

- a step is a page the trainee opens that is not the one they were on (a reload is none),
  or the same page again after the account changed (a switch that saves);
- a wrong turn is a page off every route to the goal (of a screen no step of the route is
  on), or an action the app refused (a wrong password, a form sent back with its errors);
- the end: ``completed`` when the goal holds for the account; ``failed`` when it can no
  longer be reached (a dead end) or the time is up; ``abandoned`` when the trainee gives up
  or the attempt is cut short (another exercise, another account, the class ended).

The score, 0 to 100 (docs/practice.md): 0 unless completed; otherwise 100, less
``EXTRA_STEP_POINTS`` for each step beyond the shortest route, ``WRONG_TURN_POINTS`` for each
wrong turn and ``HINT_POINTS`` for each hint, and never below 0. Time does not count: an older
trainee reading every word is not doing it worse.
"""

import uuid
from dataclasses import asdict, dataclass, field, fields

from webapp.tours import engine

COMPLETED, FAILED, ABANDONED = "completed", "failed", "abandoned"
OUTCOMES = (COMPLETED, FAILED, ABANDONED)

EXTRA_STEP_POINTS = 5
WRONG_TURN_POINTS = 10
HINT_POINTS = 15
# The pages of the trainee's route kept for the end page; a longer route shows its start.
ROUTE_KEPT = 30


def score(completed, steps, shortest, wrong, hints):
    """The score of an attempt, 0 to 100 (the formula is in this module's docstring)."""
    if not completed:
        return 0
    extra = max(0, steps - shortest)
    lost = extra * EXTRA_STEP_POINTS + wrong * WRONG_TURN_POINTS + hints * HINT_POINTS
    return max(0, 100 - lost)


@dataclass
class Attempt:
    id: str
    exercise: str
    account: str  # the id of the account it runs on: another account ends it
    started: float  # wall-clock seconds
    shortest: int
    language: str = "zh"
    since: int = 0  # the account's revision when it began: the goal counts what came after
    steps: int = 0
    wrong: int = 0
    hints: int = 0
    ended: float | None = None
    outcome: str | None = None
    reason: str | None = None  # why it failed or was abandoned, a code
    hint_step: int | None = None  # the route's step whose hint is shown, while it is current
    wrong_since_hint: int = 0
    last: list | None = None  # [path, account revision] of the page last counted
    route: list = field(default_factory=list)  # [page title, 1 if a wrong turn] per step
    progress: dict = field(default_factory=dict)  # engine.Progress on the exercise's route
    klass: str | None = None  # the class's code, when it counts for a class
    trainee: str | None = None  # the trainee's id in that class

    @classmethod
    def start(cls, exercise, account, now, language="zh", klass=None, trainee=None):
        progress = engine.Progress.start(exercise.route, account, now)
        return cls(id=uuid.uuid4().hex, exercise=exercise.id, account=account.id, started=now,
                   shortest=exercise.shortest, language=language, since=account.revision,
                   last=[exercise.start, account.revision], progress=progress.to_json(),
                   klass=klass, trainee=trainee)

    @classmethod
    def from_json(cls, data, exercises):
        """The attempt a session holds, or None when it is not one (or of no known exercise)."""
        if not isinstance(data, dict) or data.get("exercise") not in exercises:
            return None
        try:
            attempt = cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
        except TypeError:
            return None
        if attempt.outcome not in (None, *OUTCOMES) or not isinstance(attempt.route, list):
            return None
        return attempt

    def to_json(self):
        return asdict(self)

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
        return score(self.completed, self.steps, self.shortest, self.wrong, self.hints)

    def belongs_to(self, account):
        return account is not None and self.account == account.id

    def summary(self):
        """What a class keeps of it and its statements say: no route, no progress."""
        kept = ("id", "exercise", "started", "ended", "outcome", "reason", "steps", "shortest",
                "wrong", "hints", "language")
        return {**{name: getattr(self, name) for name in kept}, "score": self.score}

    # -- the engine's progress on the route ------------------------------------------------

    def _progress(self, exercise):
        found = engine.Progress.from_json(self.progress, {exercise.route.id: exercise.route})
        return found or engine.Progress(exercise.route.id, self.account, started=self.started,
                                        back=exercise.route.start)

    def current_step(self, exercise):
        """(index, Step) of the route's step the trainee is at; None past its last."""
        progress = self._progress(exercise)
        if progress.is_finished:
            return None
        return progress.step, exercise.route.steps[progress.step]

    def way_back(self, exercise):
        """The page of the step the trainee is at, where the hint can be followed."""
        return self._progress(exercise).back or exercise.start

    # -- what the trainee does -------------------------------------------------------------

    def see(self, exercise, account, screen, title, path, now):
        """A page of ``screen`` at ``path`` was opened (titled ``title``). Returns True when
        it is a wrong turn."""
        if self.is_finished:
            return False
        progress = self._progress(exercise)
        engine.settle(exercise.route, progress, account, lambda: now)
        if engine.visit(exercise.route, progress, screen, path, account.revision, lambda: now):
            engine.skip_to(exercise.route, progress, screen, path, account.revision)
        self.progress = progress.to_json()
        if self.hint_step is not None and self.hint_step != progress.step:
            self.hint_step = None
        here = [path, account.revision]
        if here == self.last:
            return False
        self.last = here
        self.steps += 1
        wrong = screen not in exercise.screens
        if wrong:
            self._wrong_turn()
        if len(self.route) < ROUTE_KEPT:
            self.route.append([title, int(wrong)])
        return wrong

    def refused(self):
        """The app refused what the trainee sent: a wrong turn."""
        if not self.is_finished:
            self._wrong_turn()

    def _wrong_turn(self):
        self.wrong += 1
        self.wrong_since_hint += 1

    def ask_hint(self, exercise):
        """提示: show the hint of the step the trainee is at. Returns whether it counted (the
        hint already shown for this step is not counted again)."""
        found = self.current_step(exercise)
        if self.is_finished or found is None or self.hint_step == found[0]:
            return False
        self.hint_step = found[0]
        self.hints += 1
        self.wrong_since_hint = 0
        return True

    def hint_offered(self, after_wrong):
        """Whether the bar offers the hint: ``after_wrong`` wrong turns since the last one
        (0: never offered, only asked for)."""
        return (not self.is_finished and self.hint_step is None and after_wrong > 0
                and self.wrong_since_hint >= after_wrong)

    # -- the end ---------------------------------------------------------------------------

    def settle(self, exercise, account, now, time_limit):
        """End it if the goal holds (completed), cannot be reached any more or the time is
        up (failed). Returns whether it ended now."""
        if self.is_finished:
            return False
        # The time first: a class's dashboard ends an attempt whose time is up the same way.
        if now - self.started > time_limit:
            self.end(FAILED, "time_up", self.started + time_limit)
        elif exercise.reached(account, self.since):
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
        self.hint_step = None
        return True

