"""python -m webapp.grade: a suite is run against the correct app, then once per fault it
reaches, and each fault is caught (with the test that caught it), missed, not reached or
timed out; a suite that fails on the correct app is not graded, and says why.

The suites here are small: a script, or pytest files that read pages with urllib."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from webapp import grade

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "data" / "mutation-testing-report-schema" / (
    "mutation-testing-report-schema.json")

# A whole "suite": the Weilidai home's gear leads to 设置 and is named 设置. It catches the two
# faults of the gear and nothing else.
GEAR = textwrap.dedent("""
    import os, sys, urllib.request
    assert sys.argv[1] == os.environ["BASE_URL"]
    html = urllib.request.urlopen(sys.argv[1] + "/weilidai").read().decode()
    sys.exit(0 if 'href="/weilidai/settings" aria-label="设置"' in html else 1)
""")

# A pytest suite: the gear (flow-1, ui-2), a page that waits for the gear as a browser test
# waits for an element it cannot find (long, and only when the gear is wrong), and 微粒贷管理
# with 关闭微粒贷 at its bottom (flow-2).
PYTEST_SUITE = textwrap.dedent('''
    import os, time, urllib.request

    BASE = os.environ["BASE_URL"]
    GEAR = 'href="/weilidai/settings" aria-label="设置"'


    def page(path):
        return urllib.request.urlopen(BASE + path).read().decode()


    def test_the_gear_leads_to_settings():
        assert GEAR in page("/weilidai")


    def test_waits_for_the_gear_as_a_browser_would():
        deadline = time.monotonic() + float(os.environ.get("WAIT", "60"))
        while GEAR not in page("/weilidai"):
            assert time.monotonic() < deadline, "no gear"
            time.sleep(0.5)


    def test_close_is_at_the_bottom_of_management():
        html = page("/weilidai/manage")
        assert html.index('data-testid="close-weilidai"') > html.index('data-testid="credit-record"')
''')


def run_grader(*args, cwd=None, **env):
    return subprocess.run([sys.executable, "-m", "webapp.grade", *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd, env={**os.environ, **env})


def pytest_command(path):
    return [sys.executable, "-m", "pytest", str(path), "-q", "-p", "no:cacheprovider",
            "-p", "no:hypothesispytest", "--junitxml", "{junit}"]


@pytest.fixture
def suite(tmp_path):
    path = tmp_path / "suite.py"
    path.write_text(GEAR, encoding="utf-8")
    return [sys.executable, str(path), "{base_url}"]


@pytest.fixture
def pytest_suite(tmp_path):
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "test_weilidai.py").write_text(PYTEST_SUITE, encoding="utf-8")
    return folder


def results_of(path):
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(report)
    return report, {mutant["id"]: mutant for entry in report["files"].values()
                    for mutant in entry["mutants"]}


def test_a_suite_is_scored_by_the_faults_it_catches(suite, tmp_path):
    graded = run_grader("--faults", "flow-1,ui-2,ui-1,rules-1", "--json",
                        str(tmp_path / "r.json"), "--", *suite)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "Score: 2/4 faults caught" in graded.stdout
    assert "ui-1 (ui, data-testid): The published test ids (data-testid) [missed]" in (
        graded.stdout)
    # The home reads no rule of closing: R6's switch is never read, so it is not run.
    assert "rules-1 (rules, R6): What must be true before Weilidai can be closed " \
           "[not reached]" in graded.stdout
    report, mutants = results_of(tmp_path / "r.json")
    assert report["config"]["score"]["caught"] == 2
    assert {fault: mutant["status"] for fault, mutant in mutants.items()} == {
        "flow-1": "Killed", "ui-2": "Killed", "ui-1": "Survived", "rules-1": "NoCoverage"}
    assert all(mutant["description"] for mutant in mutants.values())


def test_fail_under_turns_a_low_score_into_a_failure(suite):
    graded = run_grader("--faults", "flow-1,ui-1", "--fail-under", "2", "--", *suite)
    assert graded.returncode == 1
    assert "Score: 1/2" in graded.stdout


def test_a_suite_that_fails_on_the_correct_app_is_refused_with_the_failing_test_and_its_output(
        tmp_path):
    (tmp_path / "test_wrong.py").write_text(textwrap.dedent("""
        def test_fine():
            pass

        def test_expects_the_wrong_thing():
            assert "关闭微粒贷" == "关闭", "the button's name is not what this test thinks"
    """), encoding="utf-8")
    graded = run_grader("--faults", "ui-2", "--", *pytest_command(tmp_path / "test_wrong.py"))
    assert graded.returncode == 2
    assert "Score" not in graded.stdout
    assert "first failing test: " in graded.stdout
    assert "test_wrong.py::test_expects_the_wrong_thing" in graded.stdout
    assert "the button's name is not what this test thinks" in graded.stdout  # its output


def test_a_script_that_fails_on_the_correct_app_shows_its_last_lines():
    graded = run_grader("--faults", "ui-2", "--", sys.executable, "-c",
                        "print('cannot reach the app'); raise SystemExit(3)")
    assert graded.returncode == 2
    assert "exited 3 against the app without any fault" in graded.stdout
    assert "| cannot reach the app" in graded.stdout


def test_a_failure_before_the_time_limit_counts_as_caught(pytest_suite):
    """A run stopped at its limit that had already failed caught its fault: the failure is
    read as it happened (the watcher's events), not from JUnit XML written at the end."""
    graded = run_grader("--matrix", "--timeout", "20", "--faults", "flow-1", "--",
                        *pytest_command(pytest_suite))
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "flow-1: caught" in graded.stdout
    assert "Score: 1/1" in graded.stdout
    assert "test_weilidai.py::test_the_gear_leads_to_settings" in graded.stdout


def test_a_run_that_times_out_before_any_failure_says_what_it_saw(tmp_path):
    (tmp_path / "test_slow.py").write_text(textwrap.dedent("""
        import os, time, urllib.request

        def test_quick():
            urllib.request.urlopen(os.environ["BASE_URL"] + "/weilidai").read()

        def test_waits_forever_for_the_gear():
            while 'aria-label="设置"' not in urllib.request.urlopen(
                    os.environ["BASE_URL"] + "/weilidai").read().decode():
                time.sleep(0.5)
    """), encoding="utf-8")
    graded = run_grader("--timeout", "15", "--faults", "ui-2", "--",
                        *pytest_command(tmp_path / "test_slow.py"))
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "ui-2: timeout" in graded.stdout
    assert "1 test(s) done, none failed; running at the stop: " in graded.stdout
    assert "test_slow.py::test_waits_forever_for_the_gear" in graded.stdout
    assert "Score: 0/1" in graded.stdout


def test_the_time_limit_allows_for_a_frameworks_waits_and_is_reported(pytest_suite):
    graded = run_grader("--faults", "flow-2", "--", *pytest_command(pytest_suite))
    assert "each stopped after" in graded.stdout, graded.stdout + graded.stderr
    reported = int(graded.stdout.split("each stopped after ", 1)[1].split(" s", 1)[0])
    assert reported >= grade.FRAMEWORK_WAIT + grade.TIMEOUT_MARGIN
    assert "for a framework's waits" in graded.stdout and "--timeout sets it" in graded.stdout


def test_a_run_stops_at_its_first_failure_unless_matrix(pytest_suite, tmp_path):
    graded = run_grader("--faults", "flow-1", "--json", str(tmp_path / "r.json"), "--",
                        *pytest_command(pytest_suite))
    assert "flow-1: caught" in graded.stdout, graded.stdout
    _, mutants = results_of(tmp_path / "r.json")
    assert mutants["flow-1"]["testsCompleted"] == 1  # not the 60 s wait after it
    (killer,) = mutants["flow-1"]["killedBy"]
    assert killer.endswith("test_weilidai.py::test_the_gear_leads_to_settings")


def test_a_fault_on_no_screen_the_suite_showed_is_not_reached_and_not_run(tmp_path):
    (tmp_path / "test_manage.py").write_text(textwrap.dedent("""
        import os, urllib.request

        def test_management_lists_close_at_its_bottom():
            html = urllib.request.urlopen(os.environ["BASE_URL"] + "/weilidai/manage").read()
            assert html.decode().rindex('data-testid="close-weilidai"') > 0
    """), encoding="utf-8")
    logs = tmp_path / "logs"
    graded = run_grader("--faults", "flow-1,ui-3,money-1", "--logs", str(logs), "--",
                        *pytest_command(tmp_path / "test_manage.py"))
    assert graded.returncode == 0, graded.stdout + graded.stderr
    rows = {line.split()[0]: line for line in graded.stdout.splitlines()
            if line.split() and line.split()[0] in ("flow-1", "ui-3", "money-1")}
    assert "not reached" in rows["flow-1"] and "not reached" in rows["money-1"]
    assert "missed" in rows["ui-3"]
    assert not (logs / "flow-1.log").exists() and not (logs / "money-1.log").exists()
    assert (logs / "ui-3.log").exists()
    assert "2 of 3 faults are on no screen it showed, or their switch was never read" in (
        graded.stdout)


def test_the_matrix_says_which_test_caught_which_fault(pytest_suite, tmp_path):
    graded = run_grader("--matrix", "--faults", "flow-1,ui-2,flow-2,ui-1,money-1", "--json",
                        str(tmp_path / "r.json"), "--", *pytest_command(pytest_suite),
                        cwd=tmp_path, WAIT="1")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    report, mutants = results_of(tmp_path / "r.json")
    gear, wait, close = [test["id"] for entry in report["testFiles"].values()
                         for test in entry["tests"]]
    assert gear.endswith("test_the_gear_leads_to_settings")
    assert set(mutants["flow-1"]["killedBy"]) == {gear, wait}
    assert set(mutants["flow-2"]["killedBy"]) == {close}
    assert mutants["ui-1"]["status"] == "Survived"
    assert mutants["money-1"]["status"] == "NoCoverage"
    assert mutants["flow-2"]["coveredBy"] == [close]
    assert set(mutants["flow-1"]["coveredBy"]) == {gear, wait}
    assert "Which test caught which fault" in graded.stdout
    assert "Tests that catch nothing: none" in graded.stdout
    assert "Faults no test catches: money-1, ui-1" in graded.stdout


def test_the_html_report_is_one_file_in_chinese_or_english(suite, tmp_path):
    for lang in ("zh", "en"):
        graded = run_grader("--faults", "flow-1,rules-1", "--html", str(tmp_path / f"{lang}.html"),
                            "--lang", lang, "--", *suite)
        assert graded.returncode == 0, graded.stdout + graded.stderr
    chinese = (tmp_path / "zh.html").read_text(encoding="utf-8")
    english = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in chinese and "得分：1 / 2 个故障被发现" in chinese
    assert '<html lang="en">' in english and "Score: 1 of 2 faults caught" in english
    assert "关闭微粒贷之前要满足的条件" in chinese  # rules-1's hint, missed
    assert "What must be true before Weilidai can be closed" in english
    for page in (chinese, english):
        assert "<link" not in page and "<script" not in page and "<style>" in page


def test_the_first_failing_test_is_read_from_junit_xml(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase classname="e2e.test_a" name="test_ok"/>'
        '<testcase classname="e2e.test_b" name="test_refused"><failure message="x"/></testcase>'
        '<testcase classname="e2e.test_c" name="test_late"><error/></testcase>'
        '</testsuite></testsuites>', encoding="utf-8")
    assert grade.first_failure(junit) == "e2e.test_b::test_refused"
    assert grade.first_failure(tmp_path / "none.xml") is None


def test_failures_printed_by_a_runner_that_was_stopped_are_read_from_its_output():
    printed = textwrap.dedent("""
        Running 3 tests using 1 worker
          ✓  1 [chromium] › closing.spec.js:3:5 › closing with debt is refused (1.2s)
          ✘  2 [chromium] › gear.spec.js:8:5 › the gear is named 设置 (30.1s)
        FAILED e2e/test_x.py::test_y - AssertionError
    """)
    assert grade.printed_failures(printed) == [
        "[chromium] › gear.spec.js:8:5 › the gear is named 设置", "e2e/test_x.py::test_y"]


def test_an_unknown_fault_or_no_command_is_a_usage_error(suite):
    assert run_grader("--faults", "nope", "--", *suite).returncode == 2
    assert run_grader("--faults", "ui-2").returncode == 2


def test_each_fault_is_a_mutant_at_the_line_that_reads_its_switch():
    from webapp.faults import FAULTS
    from webapp.grade_report import where

    for fault_id in FAULTS:
        name, text, language, location = where(fault_id)
        assert name != "webapp/faults.py" and language in ("python", "html")
        line = text.splitlines()[location["start"]["line"] - 1]
        read = line[location["start"]["column"] - 1:location["end"]["column"] - 1]
        assert fault_id in read and ("fault(" in read or "policy.faults" in read), read


def test_a_fault_is_run_only_against_the_tests_that_cover_it(pytest_suite, tmp_path):
    """A test that shows none of a fault's screens, or never makes the app read its switch,
    behaves the same with it on (each test has its own session): only the others run."""
    graded = run_grader("--faults", "ui-3,ui-1", "--json", str(tmp_path / "r.json"), "--",
                        *pytest_command(pytest_suite))
    assert graded.returncode == 0, graded.stdout + graded.stderr
    _, mutants = results_of(tmp_path / "r.json")
    assert mutants["ui-3"]["status"] == mutants["ui-1"]["status"] == "Survived"
    assert [test.rsplit("::", 1)[1] for test in mutants["ui-3"]["coveredBy"]] == [
        "test_close_is_at_the_bottom_of_management"]
    assert mutants["ui-3"]["testsCompleted"] == 1
    assert mutants["ui-1"]["testsCompleted"] == 2  # the two that open the home


def test_tests_that_share_a_session_all_run_for_every_fault(tmp_path):
    """One browser session for every test: what one test did, the next sees, so a fault is
    run against the whole suite, not only the tests that showed its screens."""
    (tmp_path / "test_shared.py").write_text(textwrap.dedent("""
        import http.cookiejar, os, urllib.request

        BROWSER = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

        def page(path):
            return BROWSER.open(os.environ["BASE_URL"] + path).read().decode()

        def test_home():
            assert "available" in page("/weilidai")

        def test_management():
            assert "close-weilidai" in page("/weilidai/manage")
    """), encoding="utf-8")
    graded = run_grader("--faults", "ui-3", "--json", str(tmp_path / "r.json"), "--",
                        *pytest_command(tmp_path / "test_shared.py"))
    assert graded.returncode == 0, graded.stdout + graded.stderr
    _, mutants = results_of(tmp_path / "r.json")
    assert len(mutants["ui-3"]["coveredBy"]) == 1
    assert mutants["ui-3"]["testsCompleted"] == 2
