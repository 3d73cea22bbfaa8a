"""A class's rules on their own: codes, display names, the roster and its limits, a
trainee's attempts (each counted once), the dashboard's states, the CSV's safety."""

import json
import os

import pytest

from webapp.practice.attempt import ABANDONED, COMPLETED, FAILED
from webapp.practice.classes import (ATTEMPTS_KEPT, CODE_ALPHABET, CODE_LENGTH, DONE,
                                     IN_PROGRESS, NAME_MAX, NOT_DONE, NOT_STARTED, BadCode,
                                     BadName, ClassEnded, Trainee,
                                     TrainingClass, clean_name, code_from, csv_safe,
                                     normal_code, read_code, same_name_key)

NOW = 1_800_000_000.0


def new_class(hours=4):
    return TrainingClass.new("ABCD2345", "社区课堂", NOW, hours, 24, trainer="t", creator="c")


def summary(attempt_id, exercise="close-weilidai", outcome=None, score=0, started=NOW,
            ended=None, reason=None):
    return {"id": attempt_id, "exercise": exercise, "started": started, "ended": ended,
            "outcome": outcome, "reason": reason, "steps": 8, "shortest": 8, "wrong": 0,
            "hints": 0, "language": "zh", "score": score}


def test_a_code_is_eight_unambiguous_letters_and_reads_back_however_typed():
    code = code_from(os.urandom(16))
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert not set("01ILO") & set(CODE_ALPHABET)
    assert normal_code(f" {code[:4].lower()}-{code[4:]} ") == code
    assert normal_code("ABCD") is None and normal_code("ABCD234O") is None
    assert normal_code(None) is None


@pytest.mark.parametrize("typed", [
    "ABCD2345", "abcd2345", " ab cd 23 45 ", "ABCD-2345", "abcd\u20142345", "ABCD\uff0d2345",
    "\uff21\uff22\uff23\uff24\uff12\uff13\uff14\uff15", "ＡＢＣＤ\u3000２３４５", "AB\tCD\n2345",
])
def test_a_code_typed_on_a_phone_reads_in_any_case_width_spacing_or_dash(typed):
    assert read_code(typed) == "ABCD2345"


@pytest.mark.parametrize("typed, details", [
    ("", {"reason": "blank"}), (" - ", {"reason": "blank"}), (None, {"reason": "blank"}),
    ("ABCD234", {"reason": "length", "count": 7}),
    ("ABCD23456", {"reason": "length", "count": 9}),
    ("ABCD2O1O", {"reason": "letters", "letters": "O1"}),
    ("班级ABCD2345", {"reason": "letters", "letters": "班级"}),
])
def test_what_cannot_be_a_code_is_refused_with_why(typed, details):
    with pytest.raises(BadCode) as refused:
        read_code(typed)
    assert refused.value.details == details


@pytest.mark.parametrize("typed, shown", [
    ("王阿姨", "王阿姨"), ("  Ann   Lee ", "Ann Lee"), ("a" * NAME_MAX, "a" * NAME_MAX),
    ("<b>张三</b>", "<b>张三</b>"),  # kept as typed: the pages escape it
])
def test_a_display_name_is_trimmed_and_kept_as_typed(typed, shown):
    assert clean_name(typed) == shown


@pytest.mark.parametrize("typed, reason", [
    ("", "blank"), ("   ", "blank"), ("\u3000", "blank"), (None, "blank"),
    ("a" * (NAME_MAX + 1), "too_long"), ("王\x00", "unprintable"), ("a\u202eb", "unprintable"),
])
def test_a_display_name_that_cannot_be_one_is_refused_with_why(typed, reason):
    with pytest.raises(BadName) as refused:
        clean_name(typed)
    assert refused.value.details["reason"] == reason


def test_names_a_roster_cannot_tell_apart_are_one():
    assert same_name_key("Ann") == same_name_key("ＡＮＮ") == same_name_key("ann")
    assert same_name_key("张三") != same_name_key("张四")


def test_a_class_ends_by_its_trainer_or_by_its_time_and_then_takes_no_one():
    klass = new_class(hours=1)
    assert klass.is_open(NOW) and klass.ended_at(NOW) is None
    assert not klass.is_open(NOW + 3600) and klass.ended_at(NOW + 3600) == NOW + 3600
    klass.admit(NOW + 3599)
    with pytest.raises(ClassEnded):
        klass.admit(NOW + 3600)
    assert klass.end(NOW + 10) and not klass.end(NOW + 20)
    assert klass.ended_at(NOW + 30) == NOW + 10
    assert klass.keep_until == NOW + 3600 + 24 * 3600
    assert TrainingClass.from_text(klass.to_text()) == klass


def test_a_class_kept_before_its_roster_had_a_record_of_its_own_still_reads():
    klass = new_class()
    kept = json.loads(klass.to_text()) | {"roster": [["t1", "王阿姨"]]}
    assert TrainingClass.from_text(json.dumps(kept)) == klass


def test_an_attempt_is_kept_once_when_it_starts_and_again_when_it_ends():
    trainee = Trainee("t1", "王阿姨", NOW)
    assert trainee.record(summary("a1"))
    assert trainee.record(summary("a1", outcome=COMPLETED, score=90, ended=NOW + 60))
    # Sent again (a lost reply, a double tap), or ended another way after: no change.
    assert not trainee.record(summary("a1", outcome=ABANDONED, ended=NOW + 70))
    assert len(trainee.attempts) == 1 and trainee.attempts[0]["score"] == 90


def test_a_trainee_keeps_the_latest_attempts_and_counts_the_rest():
    trainee = Trainee("t1", "王阿姨", NOW)
    for number in range(ATTEMPTS_KEPT + 3):
        trainee.record(summary(f"a{number}", outcome=ABANDONED, ended=NOW))
    assert len(trainee.attempts) == ATTEMPTS_KEPT and trainee.dropped == 3
    assert trainee.attempts[0]["id"] == "a3"
    assert Trainee.from_text(trainee.to_text()) == trainee


def test_attempts_left_running_end_with_the_class_or_their_time():
    trainee = Trainee("t1", "王阿姨", NOW)
    trainee.record(summary("old", started=NOW - 1000))
    trainee.record(summary("new", started=NOW - 10))
    trainee.record(summary("done", outcome=COMPLETED, score=100, ended=NOW))
    ended = trainee.settle(class_ended=None, time_limit=900, now=NOW)
    assert [(s["id"], s["outcome"], s["reason"], s["ended"]) for s in ended] == [
        ("old", FAILED, "time_up", NOW - 100)]
    ended = trainee.settle(class_ended=NOW + 5, time_limit=900, now=NOW + 6)
    assert [(s["id"], s["outcome"], s["reason"]) for s in ended] == [
        ("new", ABANDONED, "class_ended")]
    assert trainee.settle(class_ended=NOW + 5, time_limit=900, now=NOW + 7) == []


def test_the_dashboard_shows_the_best_done_else_running_else_not_done():
    trainee = Trainee("t1", "王阿姨", NOW)
    assert trainee.progress("close-weilidai") == (NOT_STARTED, None, 0)
    trainee.record(summary("a1"))
    assert trainee.progress("close-weilidai")[0] == IN_PROGRESS
    trainee.record(summary("a1", outcome=ABANDONED, ended=NOW + 1))
    assert trainee.progress("close-weilidai")[0] == NOT_DONE
    trainee.record(summary("a2", outcome=COMPLETED, score=70, ended=NOW + 2))
    trainee.record(summary("a3", outcome=COMPLETED, score=95, ended=NOW + 3))
    trainee.record(summary("a4"))
    state, shown, count = trainee.progress("close-weilidai")
    assert (state, shown["id"], count) == (DONE, "a3", 4)
    assert trainee.progress("auto-repay-off")[0] == NOT_STARTED


@pytest.mark.parametrize("text, safe", [
    ("王阿姨", "王阿姨"), ("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"), ("-1", "'-1"),
    ("@x", "'@x"), ("", ""),
])
def test_a_name_in_the_csv_never_runs_as_a_formula(text, safe):
    assert csv_safe(text) == safe
