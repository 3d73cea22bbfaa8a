"""The xAPI 1.0.3 statements of a practice attempt (docs/practice.md shows them whole).

Each attempt makes two: ``initialized`` when it starts, and ``completed``, ``failed`` or
``abandoned`` when it ends, with its result (completion, success, the score scaled to 0–1,
the ISO 8601 duration, and extensions for steps, the shortest route, wrong turns, jumps
and hints).
The exercise is the activity, under a configurable base IRI; the trainee is an account
actor (the class's IRI as its home page, the display name as its name; no e-mail address
is made up); the class is the context's registration and grouping; the language is the one
the attempt was made in.

Plain functions of plain data, no Flask. A statement's id is derived from its attempt and
verb, so the same statement made twice (sent again after a lost reply, or read again from
the class's statements.json) is the same statement to a Learning Record Store.
"""

import uuid
from datetime import datetime, timezone

VERSION = "1.0.3"
VERBS = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
}
EXERCISE_TYPE = "http://adlnet.gov/expapi/activities/simulation"
CLASS_TYPE = "http://adlnet.gov/expapi/activities/course"
PLATFORM = "Weilidai Mock"
# Statement ids are UUIDv5 of "<attempt id>/<verb>" in this namespace.
NAMESPACE = uuid.UUID("6f6c8d0e-5c8e-4a8b-9b1e-7a1d2c3e4f50")
# The languages of the activities' names and descriptions, and each session language's tag.
LANGUAGE_TAGS = {"zh": "zh-CN", "en": "en-US"}


def statement_id(attempt_id, verb):
    return str(uuid.uuid5(NAMESPACE, f"{attempt_id}/{verb}"))


def duration(seconds):
    """ISO 8601 duration to the hundredth of a second, as xAPI asks: PT1M23.45S."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, fraction = divmod(rest, 100)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if fraction:
        return text + f"{whole}.{fraction:02d}".rstrip("0") + "S"
    if whole or text == "PT":
        return text + f"{whole}S"
    return text


def timestamp(seconds):
    """Unix seconds as xAPI's timestamp: UTC, milliseconds, Z."""
    moment = datetime.fromtimestamp(seconds, timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iri(base, *parts):
    return "/".join([base.rstrip("/"), *parts])


def statements(summary, *, base, exercise, learner, klass=None):
    """The statements of an attempt so far: ``initialized``, and its end once it ended.

    ``summary``: the attempt's summary (webapp/practice/attempt.py). ``exercise``:
    {"id", "name": {lang tag: text}, "description": {lang tag: text}}. ``learner``:
    {"home_page", "name"} of the account actor. ``klass``: {"code", "name",
    "registration"} when the attempt counts for a class."""
    made = [_statement(summary, "initialized", summary["started"], base, exercise, learner,
                       klass)]
    if summary.get("outcome"):
        made.append(_statement(summary, summary["outcome"], summary["ended"], base, exercise,
                               learner, klass))
    return made


def _statement(summary, verb, at, base, exercise, learner, klass):
    context = {
        "language": LANGUAGE_TAGS.get(summary.get("language"), "zh-CN"),
        "platform": PLATFORM,
        "extensions": {iri(base, "extensions", "attempt"): summary["id"]},
    }
    if klass is not None:
        context["registration"] = klass["registration"]
        context["contextActivities"] = {"grouping": [{
            "objectType": "Activity",
            "id": iri(base, "classes", klass["code"]),
            "definition": {"type": CLASS_TYPE, "name": {"und": klass["name"]}},
        }]}
    statement = {
        "id": statement_id(summary["id"], verb),
        "actor": {
            "objectType": "Agent",
            "name": learner["name"],
            "account": {"homePage": learner["home_page"], "name": learner["name"]},
        },
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": iri(base, "exercises", exercise["id"]),
            "definition": {"type": EXERCISE_TYPE, "name": exercise["name"],
                           "description": exercise["description"]},
        },
        "context": context,
        "timestamp": timestamp(at),
        "version": VERSION,
    }
    if verb != "initialized":
        statement["result"] = _result(summary, verb, base)
    return statement


def _result(summary, verb, base):
    extensions = {
        iri(base, "extensions", "steps"): summary["steps"],
        iri(base, "extensions", "shortest-steps"): summary["shortest"],
        iri(base, "extensions", "wrong-turns"): summary["wrong"],
        iri(base, "extensions", "hints"): summary["hints"],
    }
    if summary.get("jumps") is not None:  # a summary kept before jumps were counted has none
        extensions[iri(base, "extensions", "jumps")] = summary["jumps"]
    if summary.get("reason"):
        extensions[iri(base, "extensions", "reason")] = summary["reason"]
    result = {"completion": verb == "completed",
              "duration": duration(summary["ended"] - summary["started"]),
              "extensions": extensions}
    if verb != "abandoned":
        # Given up, it was neither passed nor failed: an abandoned statement says no more.
        result["success"] = verb == "completed"
        result["score"] = {"scaled": summary["score"] / 100, "raw": summary["score"],
                           "min": 0, "max": 100}
    return result
