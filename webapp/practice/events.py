"""What happens to a practice attempt, as events (webapp/events.py): it started, it moved on
(a page, a refusal, a hint: a class shows its counts live), it ended. Each carries the
attempt, its exercise and the moment; ``AttemptEnded``'s handlers may find that the class
had ended it first, and overrule it (``Attempt.overruled``) before the session keeps it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AttemptEvent:
    attempt: object  # webapp.practice.attempt.Attempt
    exercise: object  # webapp.practice.exercises.Exercise
    now: float

    def summary(self):
        return self.attempt.summary(self.exercise, self.now)


class AttemptStarted(AttemptEvent):
    pass


class AttemptMoved(AttemptEvent):
    pass


class AttemptEnded(AttemptEvent):
    pass
