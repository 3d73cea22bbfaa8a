"""A class: a trainer's room of trainees practising, and what it keeps of each of them.

Plain data and rules, no Flask. A class is one record (its name, when it ends), each trainee
another (their display name and their attempts, webapp/practice/attempt.py's ``summary``),
so that trainees practising at once each write their own record; who joined, in order, is
the class's roster, which the store keeps apart (webapp/store's ClassStore.join), so that
joining rewrites no record either. webapp/practice/classroom.py keeps them in a ClassStore.
"""

import json
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field

from webapp.practice.attempt import ABANDONED, COMPLETED, FAILED, time_is_up

# Codes are read off a projector and typed on a phone: no 0/O, 1/I/L. 31 letters to the
# power of 8 is about 10^12, so a code cannot be guessed while a class runs.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
NAME_MAX = 20  # a trainee's display name, in characters
CLASS_NAME_MAX = 30
# The attempts a trainee's record keeps, the latest; older ones are counted, not kept.
ATTEMPTS_KEPT = 50

NOT_STARTED, IN_PROGRESS, DONE, NOT_DONE = "not_started", "in_progress", "done", "not_done"


class ClassError(Exception):
    """What a class refuses, with a stable code; the words are chosen at the view edge."""

    code = "class_error"

    def __init__(self, **details):
        super().__init__(self.code, details)
        self.details = details


class ClassEnded(ClassError):
    code = "class_ended"


class ClassFull(ClassError):
    code = "class_full"


class NameTaken(ClassError):
    code = "name_taken"


class BadName(ClassError):
    code = "bad_name"


class BadCode(ClassError):
    code = "bad_code"


def code_from(digest):
    """A class code from random (or keyed) bytes: CODE_LENGTH letters of CODE_ALPHABET."""
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def read_code(text):
    """A code as typed on a phone: any case, full-width or half-width (NFKC), with spaces
    and dashes of any kind anywhere. BadCode when it cannot be one: reason ``blank``,
    ``length`` (``count`` letters typed) or ``letters`` (``letters``: those no code has)."""
    typed = unicodedata.normalize("NFKC", text or "").upper()
    code = "".join(char for char in typed
                   if not char.isspace() and unicodedata.category(char) != "Pd")
    if not code:
        raise BadCode(reason="blank")
    strange = "".join(dict.fromkeys(char for char in code if char not in CODE_ALPHABET))
    if strange:
        raise BadCode(reason="letters", letters=strange)
    if len(code) != CODE_LENGTH:
        raise BadCode(reason="length", count=len(code))
    return code


def normal_code(text):
    """A code as typed (read_code), or None."""
    try:
        return read_code(text)
    except BadCode:
        return None


def clean_name(text, longest=NAME_MAX):
    """A name as it will be shown: NFC, its spaces trimmed and runs of them made one.
    BadName (reason ``blank``, ``too_long`` or ``unprintable``) when it cannot be one."""
    name = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not name:
        raise BadName(reason="blank")
    if any(unicodedata.category(char)[0] == "C" for char in name):
        raise BadName(reason="unprintable")
    if len(name) > longest:
        raise BadName(reason="too_long", longest=longest)
    return name


def same_name_key(name):
    """Two names a roster cannot tell apart are one: 张三 and 张三, Ann and ANN, Ａnn."""
    return unicodedata.normalize("NFKC", name).casefold()


@dataclass
class TrainingClass:
    code: str
    name: str
    registration: str  # a UUID: the xAPI context.registration of every attempt in it
    opened: float  # Unix seconds
    ends: float  # when it ends by itself
    keep_until: float  # when its records (and its trainees') are dropped
    trainer: str  # the SHA-256 of the trainer's key, hex
    creator: str  # the digest of the form that opened it: the same form sent again finds it
    ended: float | None = None  # when the trainer ended it

    @classmethod
    def new(cls, code, name, now, hours, keep_hours, trainer, creator):
        ends = now + hours * 3600
        return cls(code=code, name=name, registration=str(uuid.uuid4()), opened=now,
                   ends=ends, keep_until=ends + keep_hours * 3600, trainer=trainer,
                   creator=creator)

    @classmethod
    def from_text(cls, text):
        fields = json.loads(text)
        # A class opened before its roster was kept apart listed it here: read it without.
        fields.pop("roster", None)
        return cls(**fields)

    def to_text(self):
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    def ended_at(self, now):
        """When it ended (by the trainer, or by its time), or None while it runs."""
        if self.ended is not None:
            return self.ended
        return self.ends if now >= self.ends else None

    def is_open(self, now):
        return self.ended_at(now) is None

    def admit(self, now):
        """A class takes trainees while it runs: ClassEnded after. Who may join besides (a
        name no one has, a roster not full) is the roster's to say, at the moment of the
        join (ClassStore.join)."""
        if not self.is_open(now):
            raise ClassEnded()

    def end(self, now):
        """The trainer ends it: no one joins or starts an attempt for it any more."""
        if not self.is_open(now):
            return False
        self.ended = now
        return True


@dataclass
class Trainee:
    id: str
    name: str
    joined: float
    attempts: list = field(default_factory=list)  # attempt summaries, oldest first
    dropped: int = 0  # older attempts no longer kept (ATTEMPTS_KEPT)

    @classmethod
    def from_text(cls, text):
        return cls(**json.loads(text))

    def to_text(self):
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    def record(self, summary):
        """Keep an attempt's summary, replacing the one with its id: an attempt is written
        when it starts and again when it ends, and never counts twice."""
        for index, kept in enumerate(self.attempts):
            if kept["id"] == summary["id"]:
                if kept["outcome"] is not None:
                    return False  # ended already: its end is the one that counts
                self.attempts[index] = summary
                return True
        self.attempts.append(summary)
        if len(self.attempts) > ATTEMPTS_KEPT:
            self.dropped += len(self.attempts) - ATTEMPTS_KEPT
            del self.attempts[:-ATTEMPTS_KEPT]
        return True

    def attempt(self, attempt_id):
        """The summary kept of one attempt, or None."""
        return next((kept for kept in self.attempts if kept["id"] == attempt_id), None)

    def settle(self, class_ended, time_limit, now):
        """End the attempts left running: when the class has ended (abandoned) or their time
        is up (failed), as the trainee's own next page would. Returns those it ended."""
        ended = []
        for summary in self.attempts:
            if summary["outcome"] is not None:
                continue
            if time_is_up(summary["started"], now, time_limit):
                summary.update(outcome=FAILED, reason="time_up",
                               ended=summary["started"] + time_limit, score=0)
            elif class_ended is not None:
                summary.update(outcome=ABANDONED, reason="class_ended",
                               ended=max(class_ended, summary["started"]), score=0)
            else:
                continue
            ended.append(summary)
        return ended

    def progress(self, exercise_id):
        """(state, the attempt to show, how many attempts) for one exercise: DONE with the
        best completed one, IN_PROGRESS with the running one, NOT_DONE with the latest that
        failed or was abandoned, or NOT_STARTED."""
        mine = [summary for summary in self.attempts if summary["exercise"] == exercise_id]
        completed = [summary for summary in mine if summary["outcome"] == COMPLETED]
        if completed:
            best = max(completed, key=lambda summary: (summary["score"], -summary["ended"]))
            return DONE, best, len(mine)
        running = [summary for summary in mine if summary["outcome"] is None]
        if running:
            return IN_PROGRESS, running[-1], len(mine)
        if mine:
            return NOT_DONE, mine[-1], len(mine)
        return NOT_STARTED, None, 0


CSV_COLUMNS = ("class", "trainee", "exercise", "attempt", "started", "ended", "outcome",
               "reason", "score", "steps", "shortest_steps", "wrong_turns", "hints", "seconds",
               "jumps", "screen", "stuck")


def csv_safe(text):
    """A cell a spreadsheet will not run as a formula (=, +, -, @ first)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
