"""Use cases on the class store: open a class, join it, record an attempt, end it, read it.

Each reads a record, applies one rule of webapp/practice/classes.py and saves it over the
version it read; a save that loses a race (VersionConflict) is tried again from a fresh
read, after a short random pause. Only a trainee's own requests (and the dashboard ending
what their time ended) write a trainee's record, and only the trainer's the class's, so such
races are rare. A join is one step of the store's (ClassStore.join): trainees joining at once
never retry on one another, and none overwrites another. They take primitives and a store
and know nothing of HTTP.
"""

import random
import time

from webapp.practice.classes import (ClassFull, NameTaken, Trainee, TrainingClass,
                                     same_name_key)
from webapp.store import VersionConflict

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
    """Put a trainee on the class's roster with their record (ClassMissing, ClassEnded,
    NameTaken, ClassFull otherwise). Returns (class, trainee); a form sent again joins once,
    as the name it joined with."""
    klass = find_class(store, code)
    if klass is None:
        raise ClassMissing()
    klass.admit(now)
    trainee = Trainee(trainee_id, name, now)
    answer = store.join(code, trainee_id, same_name_key(name), trainee.to_text(), max_trainees,
                        klass.keep_until)
    if answer == store.NAME_TAKEN:
        raise NameTaken(name=name)
    if answer == store.FULL:
        raise ClassFull(max=max_trainees)
    if answer == store.ALREADY:
        found = store.get_raw(f"{code}/{trainee_id}")
        trainee = Trainee.from_text(found[0]) if found else trainee
    return klass, trainee


def end_class(store, code, now):
    """The trainer ends the class. Returns (class, whether it ended now)."""
    return _update_class(store, code, lambda klass: klass.end(now))


def _update_trainee(store, klass, trainee_id, change):
    """(trainee, what ``change`` answered), ``change`` saved; (None, True) for a trainee
    the class does not have (its records were dropped): nothing to change."""
    key = f"{klass.code}/{trainee_id}"
    for attempt in range(SAVE_ATTEMPTS):
        found = store.get_raw(key)
        if found is None:
            return None, True
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
    found = store.get_many_raw([f"{klass.code}/{tid}" for tid in store.roster(klass.code)])
    return [Trainee.from_text(item[0]) for item in found if item]


def roster_size(store, klass):
    """How many trainees joined the class."""
    return store.roster_size(klass.code)


def trainee_name(store, klass, trainee_id):
    """A trainee's display name, or None when the class has no such trainee."""
    found = store.get_raw(f"{klass.code}/{trainee_id}")
    return None if found is None else Trainee.from_text(found[0]).name


def settle(store, klass, now, time_limit):
    """End every attempt left running when the class ended or its time is up. Returns
    [(trainee, summary)] of those ended now, for their statements."""
    return settled_trainees(store, klass, now, time_limit)[1]


def settled_trainees(store, klass, now, time_limit):
    """settle, and every trainee as trainees() reads them, read once: (trainees, ended)."""
    ended, everyone = [], []
    class_ended = klass.ended_at(now)
    for trainee in trainees(store, klass):
        if not trainee.settle(class_ended, time_limit, now):
            everyone.append(trainee)
            continue
        saved, settled = _update_trainee(store, klass, trainee.id,
                                         lambda t: t.settle(class_ended, time_limit, now))
        if saved is not None:
            ended.extend((saved, summary) for summary in settled or ())
            everyone.append(saved)
    return everyone, ended
