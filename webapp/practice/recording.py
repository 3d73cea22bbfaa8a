"""What follows from an attempt's events (webapp/practice/events.py): its record in its class,
live while it runs, and its xAPI statements to the Learning Record Store. One recorder,
given the class store and the outbox, subscribed where ``create_app`` wires the app.

An attempt that counts for a class keeps its summary in the trainee's record of the class
store (webapp/practice/classroom.py): when it starts, at every page and hint (a trainer
watches who is stuck, and where), and when it ends. When the class had ended it first (its
end, or its time, came while the trainee was away), that end is the one that counts: the
recorder overrules the trainee's own, so the trainee's page and the trainer's dashboard say
the same.
"""

import logging

from webapp.i18n import force_language
from webapp.practice import EXERCISES, classroom, xapi
from webapp.practice.events import AttemptEnded, AttemptMoved, AttemptStarted

log = logging.getLogger(__name__)


def exercise_activity(exercise):
    """The exercise as an xAPI activity: its id, and its name and description in both of the
    app's languages."""
    def both(text):
        made = {}
        for language, tag in xapi.LANGUAGE_TAGS.items():
            with force_language(language):
                made[tag] = str(text)
        return made

    return {"id": exercise.id, "name": both(exercise.title), "description": both(exercise.goal)}


def statements(summary, learner_name, klass, base):
    """The statements of an attempt's summary so far, for a learner in ``klass`` (or none)."""
    if klass is not None:
        learner = {"home_page": xapi.iri(base, "classes", klass.code), "name": learner_name}
        context = {"code": klass.code, "name": klass.name, "registration": klass.registration}
    else:
        learner = {"home_page": xapi.iri(base, "sessions"), "name": learner_name}
        context = None
    return xapi.statements(summary, base=base,
                           exercise=exercise_activity(EXERCISES[summary["exercise"]]),
                           learner=learner, klass=context)


def verb_statements(summary, learner_name, klass, base, verb):
    """Only the statement of ``verb`` (initialized, or how it ended)."""
    return [statement for statement in statements(summary, learner_name, klass, base)
            if statement["verb"]["id"] == xapi.VERBS[verb]]


class Recorder:
    def __init__(self, class_store, outbox, activity_base):
        self.class_store = class_store
        self.outbox = outbox
        self.base = activity_base

    def subscribe(self, events):
        events.subscribe(AttemptStarted, self.started)
        events.subscribe(AttemptMoved, self.moved)
        events.subscribe(AttemptEnded, self.ended)

    def started(self, event):
        klass, _ = self._record(event)
        self._send(event, klass, "initialized")

    def moved(self, event):
        self._record(event)

    def ended(self, event):
        klass, kept = self._record(event)
        if kept is not None:
            event.attempt.overruled(kept)
            return  # its statement went out when the class ended it
        self._send(event, klass, event.attempt.outcome)

    def send(self, made):
        if self.outbox is not None and made:
            self.outbox.put(made)

    def _record(self, event):
        """Keep the attempt's summary in its class. Returns (class, the class's own end of it
        when the class had ended it first, else None)."""
        attempt = event.attempt
        if attempt.klass is None:
            return None, None
        klass = classroom.find_class(self.class_store, attempt.klass)
        if klass is None:
            return None, None
        try:
            kept = classroom.record(self.class_store, klass, attempt.trainee, event.summary())
        except classroom.ClassesBusy:
            log.warning("attempt %s not recorded in class %s: too many saves at once",
                        attempt.id, attempt.klass)
            return klass, None
        return klass, kept

    def _send(self, event, klass, verb):
        if self.outbox is None:
            return
        attempt = event.attempt
        name = (classroom.trainee_name(self.class_store, klass, attempt.trainee)
                or attempt.trainee) if klass is not None else attempt.learner or attempt.id
        self.send(verb_statements(event.summary(), name, klass, self.base, verb))
