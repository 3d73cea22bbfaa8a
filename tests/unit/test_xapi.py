"""The xAPI statements of an attempt: their shape, held to xAPI 1.0.3 by a real LRS's own
statement model (Ralph's), their fixed ids, durations and timestamps."""

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from webapp.practice import xapi

BASE = "https://lrs.example/xapi/"
EXERCISE = {"id": "close-weilidai", "name": {"zh-CN": "关闭微粒贷", "en-US": "Close Weilidai"},
            "description": {"zh-CN": "关闭微粒贷。", "en-US": "Close it."}}
LEARNER = {"home_page": "https://lrs.example/xapi/classes/ABCD2345", "name": "王阿姨"}
CLASS = {"code": "ABCD2345", "name": "社区课堂",
         "registration": "2362f66c-9741-4f19-8e2e-4c50116587a7"}


def attempt(outcome=None, reason=None, score=0):
    return {"id": "ecb2bcfc6f7d445eb532054a94c01ba3", "exercise": "close-weilidai",
            "started": 1_800_000_000.25, "ended": None if outcome is None else 1_800_000_083.5,
            "outcome": outcome, "reason": reason, "steps": 11, "shortest": 8, "wrong": 2,
            "hints": 1, "language": "en", "score": score}


def made(summary, klass=CLASS):
    return xapi.statements(summary, base=BASE, exercise=EXERCISE, learner=LEARNER, klass=klass)


@pytest.mark.parametrize("seconds, text", [
    (0, "PT0S"), (5, "PT5S"), (83.25, "PT1M23.25S"), (83.5, "PT1M23.5S"),
    (3600, "PT1H"), (3725.004, "PT1H2M5S"), (59.999, "PT1M"),
])
def test_a_duration_is_iso_8601_to_the_hundredth_of_a_second(seconds, text):
    assert xapi.duration(seconds) == text


def test_a_timestamp_is_utc_with_milliseconds():
    assert xapi.timestamp(1_800_000_000.25) == "2027-01-15T08:00:00.250Z"


def test_a_running_attempt_has_said_initialized_and_no_result():
    (statement,) = made(attempt())
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/initialized"
    assert "result" not in statement
    assert statement["timestamp"] == xapi.timestamp(1_800_000_000.25)


def test_a_completed_attempt_says_so_with_its_result_score_duration_and_extensions():
    initialized, completed = made(attempt("completed", score=50))
    assert completed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    result = completed["result"]
    assert result["completion"] is True and result["success"] is True
    assert result["score"] == {"scaled": 0.5, "raw": 50, "min": 0, "max": 100}
    assert result["duration"] == "PT1M23.25S"
    assert result["extensions"] == {
        "https://lrs.example/xapi/extensions/steps": 11,
        "https://lrs.example/xapi/extensions/shortest-steps": 8,
        "https://lrs.example/xapi/extensions/wrong-turns": 2,
        "https://lrs.example/xapi/extensions/hints": 1}
    assert completed["object"]["id"] == "https://lrs.example/xapi/exercises/close-weilidai"
    assert completed["object"]["definition"]["name"] == EXERCISE["name"]


def test_the_trainee_is_an_account_actor_and_the_class_the_registration_and_grouping():
    statement = made(attempt())[0]
    assert statement["actor"] == {"objectType": "Agent", "name": "王阿姨", "account": {
        "homePage": LEARNER["home_page"], "name": "王阿姨"}}
    assert "mbox" not in statement["actor"]  # no e-mail address is made up
    context = statement["context"]
    assert context["registration"] == CLASS["registration"]
    assert context["language"] == "en-US"
    assert context["contextActivities"]["grouping"][0]["id"] == (
        "https://lrs.example/xapi/classes/ABCD2345")


def test_failed_has_no_success_and_says_why_abandoned_has_no_score():
    failed = made(attempt("failed", "time_up"))[1]
    assert failed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert failed["result"]["success"] is False and failed["result"]["completion"] is False
    assert failed["result"]["extensions"]["https://lrs.example/xapi/extensions/reason"] == (
        "time_up")
    abandoned = made(attempt("abandoned", "gave_up"))[1]
    assert abandoned["verb"]["id"] == "https://w3id.org/xapi/adl/verbs/abandoned"
    assert "score" not in abandoned["result"] and "success" not in abandoned["result"]


def test_an_attempt_outside_a_class_has_no_registration():
    context = made(attempt(), klass=None)[0]["context"]
    assert "registration" not in context and "contextActivities" not in context


def test_a_statement_made_again_is_the_same_statement():
    assert made(attempt("completed", score=90)) == made(attempt("completed", score=90))
    ids = {statement["id"] for verb in ("completed", "failed", "abandoned")
           for statement in made(attempt(verb))}
    assert len(ids) == 4  # one initialized, and one per way to end


@pytest.mark.parametrize("outcome", [None, "completed", "failed", "abandoned"])
def test_every_statement_is_valid_xapi_to_a_real_lrs(outcome):
    for statement in made(attempt(outcome, "gave_up" if outcome == "abandoned" else None)):
        BaseXapiStatement.model_validate(statement)
