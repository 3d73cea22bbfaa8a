"""python -m webapp.grade: a suite is run against the correct app, then once per fault, and
scored by its exit codes; a suite that fails on the correct app is not graded."""

import json
import subprocess
import sys
import textwrap

import pytest

from webapp import grade

# A whole "suite": the Weilidai home's gear leads to 设置 and is named 设置. It catches the two
# faults of the gear and nothing else.
GEAR = textwrap.dedent("""
    import os, sys, urllib.request
    assert sys.argv[1] == os.environ["BASE_URL"]
    html = urllib.request.urlopen(sys.argv[1] + "/weilidai").read().decode()
    sys.exit(0 if 'href="/weilidai/settings" aria-label="设置"' in html else 1)
""")


def run_grader(*args):
    return subprocess.run([sys.executable, "-m", "webapp.grade", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def suite(tmp_path):
    path = tmp_path / "suite.py"
    path.write_text(GEAR, encoding="utf-8")
    return [sys.executable, str(path), "{base_url}"]


def test_a_suite_is_scored_by_the_faults_it_catches(suite, tmp_path):
    results = tmp_path / "results.json"
    graded = run_grader("--faults", "flow-1,ui-2,rules-1", "--json", str(results), "--",
                        *suite)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "Score: 2/3 faults caught" in graded.stdout
    assert "rules-1 (rules, R6): What must be true before Weilidai can be closed" in (
        graded.stdout)
    report = json.loads(results.read_text(encoding="utf-8"))
    assert report["score"] == {"caught": 2, "total": 3}
    assert {fault["id"]: fault["result"] for fault in report["faults"]} == {
        "flow-1": "caught", "ui-2": "caught", "rules-1": "missed"}
    assert all(fault["hint"] and fault["description"] for fault in report["faults"])


def test_fail_under_turns_a_low_score_into_a_failure(suite):
    graded = run_grader("--faults", "flow-1,rules-1", "--fail-under", "2", "--", *suite)
    assert graded.returncode == 1
    assert "Score: 1/2" in graded.stdout


def test_a_suite_that_fails_on_the_correct_app_is_not_graded():
    graded = run_grader("--faults", "ui-2", "--", sys.executable, "-c", "raise SystemExit(3)")
    assert graded.returncode == 2
    assert "exited 3 against the app without any fault" in graded.stdout
    assert "Score" not in graded.stdout


def test_a_run_past_its_timeout_is_stopped():
    graded = run_grader("--timeout", "1", "--faults", "ui-2", "--", sys.executable, "-c",
                        "import time; time.sleep(60)")
    assert graded.returncode == 2
    assert "timed out" in graded.stdout


def test_the_first_failing_test_is_read_from_junit_xml(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase classname="e2e.test_a" name="test_ok"/>'
        '<testcase classname="e2e.test_b" name="test_refused"><failure message="x"/></testcase>'
        '<testcase classname="e2e.test_c" name="test_late"><error/></testcase>'
        '</testsuite></testsuites>', encoding="utf-8")
    assert grade.first_failure(junit) == "e2e.test_b::test_refused"
    assert grade.first_failure(tmp_path / "none.xml") is None


def test_an_unknown_fault_or_no_command_is_a_usage_error(suite):
    assert run_grader("--faults", "nope", "--", *suite).returncode == 2
    assert run_grader("--faults", "ui-2").returncode == 2
