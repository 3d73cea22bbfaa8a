"""Use cases on the class store: open a class, join it, record an attempt, end it, read it.

Each reads a record, applies one rule of webapp/practice/classes.py and saves it over the
version it read; a save that loses a race (VersionConflict) is tried again from a fresh
read, after a short random pause, so thirty trainees joining at once all get on the roster
and none overwrites another. They take primitives and a store and know nothing of HTTP.
"""

import random
import time

from webapp.practice.classes import Trainee, TrainingClass
from webapp.store import VersionConflict

# Joining contends for one record (the roster); everything else for a trainee's own.
SAVE_ATTEMPTS = 40


class ClassMissing(Exception):
    """No class has this code (never had, or its records were dropped)."""


class ClassesBusy(Exception):
    """Every attempt to save lost a race."""


class AlreadyOpened(Exception):
    """This form opened a class before: ``klass`` is it."""

    def __init__(self, klass):
        super().__init__(klass.code)
        self.klass = klass


def _pause(attempt):
    time.sleep(random.uniform(0, 0.002 * (attempt + 1)))


def open_class(store, klass, max_classes, now):
    """Keep a new class (ClassesFull when the server holds as many as it may). The same
    form sent again finds the class it opened: AlreadyOpened."""
    try:
        store.open(klass.code, klass.to_text(), klass.keep_until, max_classes, now)
    except VersionConflict:
        found = find_class(store, klass.code)
        if found is not None and found.creator == klass.creator:
            raise AlreadyOpened(found) from None
        raise ClassesBusy() from None
    return klass


def find_class(store, code):
    found = store.get_raw(code)
    return None if found is None else TrainingClass.from_text(found[0])


def _update_class(store, code, change):
    for attempt in range(SAVE_ATTEMPTS):
        found = store.get_raw(code)
        if found is None:
            raise ClassMissing()
        klass = TrainingClass.from_text(found[0])
        changed = change(klass)
        if not changed:
            return klass, False
        try:
            store.save_raw(code, klass.to_text(), found[1], klass.keep_until)
        except VersionConflict:
            _pause(attempt)
            continue
        return klass, True
    raise ClassesBusy()


def join(store, code, trainee_id, name, now, max_trainees):
    """Put a trainee on the class's roster (ClassEnded, ClassFull, NameTaken otherwise) and
    open their record. Returns (class, trainee); a form sent again joins once."""
    klass, _ = _update_class(store, code,
                             lambda klass: klass.join(trainee_id, name, now, max_trainees))
    trainee = Trainee(trainee_id, klass.name_of(trainee_id), now)
    try:
        store.save_raw(f"{code}/{trainee_id}", trainee.to_text(), None, klass.keep_until)
    except VersionConflict:
        pass  # opened by the first of two forms
    return klass, trainee


def end_class(store, code, now):
    """The trainer ends the class. Returns (class, whether it ended now)."""
    return _update_class(store, code, lambda klass: klass.end(now))


def _update_trainee(store, klass, trainee_id, change):
    key = f"{klass.code}/{trainee_id}"
    for attempt in range(SAVE_ATTEMPTS):
        found = store.get_raw(key)
        if found is None:
            # Joined, but the record was not written (the process stopped in between).
            trainee, version = Trainee(trainee_id, klass.name_of(trainee_id), klass.opened), None
        else:
            trainee, version = Trainee.from_text(found[0]), found[1]
        result = change(trainee)
        if not result:
            return trainee, result
        try:
            store.save_raw(key, trainee.to_text(), version, klass.keep_until)
        except VersionConflict:
            _pause(attempt)
            continue
        return trainee, result
    raise ClassesBusy()


def record(store, klass, trainee_id, summary):
    """Keep an attempt's summary (when it starts, as it moves, when it ends). Returns None, or
    the class's own summary of it when the class had ended it already (its dashboard settled
    it): that end is the one that counts."""
    trainee, saved = _update_trainee(store, klass, trainee_id,
                                     lambda trainee: trainee.record(summary))
    return None if saved else trainee.attempt(summary["id"])


def trainees(store, klass):
    """Every trainee on the roster, with their attempts, in the order they joined."""
    found = store.get_many_raw([f"{klass.code}/{tid}" for tid, _ in klass.roster])
    return [Trainee.from_text(item[0]) if item else Trainee(tid, name, klass.opened)
            for (tid, name), item in zip(klass.roster, found)]


def settle(store, klass, now, time_limit):
    """End every attempt left running when the class ended or its time is up. Returns
    [(trainee, summary)] of those ended now, for their statements."""
    ended = []
    class_ended = klass.ended_at(now)
    for trainee in trainees(store, klass):
        if not trainee.settle(class_ended, time_limit, now):
            continue
        saved, settled = _update_trainee(store, klass, trainee.id,
                                         lambda t: t.settle(class_ended, time_limit, now))
        ended.extend((saved, summary) for summary in settled or ())
    return ended
