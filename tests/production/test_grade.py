"""python -m webapp.grade: a suite is run against the correct app, then once per fault it
reaches, and each fault is caught (with the test that caught it), missed, not reached or
timed out; a suite that fails on the correct app is not graded, and says why.

The suites here are small: a script, or pytest files that read pages with urllib."""

import json
import os
import shutil
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


# -- the redesign check (--redesign) -------------------------------------------------------------

PLAYWRIGHT_TIMEOUT = (
    'playwright._impl._errors.TimeoutError: Locator.click: Timeout 30000ms exceeded.\n'
    'Call log:\n'
    '  - waiting for locator("xpath=/html/body/main/div[2]/a[1]")\n')


def a_run(outcomes, messages=None, exit_code=None, fault=None, log=""):
    """A Run as run_command makes it, of {test: outcome} and {test: failure message}."""
    run = grade.Run(fault, exit_code, 7.0, log)
    run.started = list(outcomes)
    run.outcomes = dict(outcomes)
    run.failures = [test for test, outcome in outcomes.items() if outcome == "failed"]
    run.messages = dict(messages or {})
    return run


def test_a_failures_first_line_names_the_locator_that_waited_in_vain():
    assert grade.failure_line(PLAYWRIGHT_TIMEOUT) == (
        "playwright._impl._errors.TimeoutError: Locator.click: Timeout 30000ms exceeded. "
        '(waiting for locator("xpath=/html/body/main/div[2]/a[1]"))')
    assert grade.failure_line("\n  AssertionError: assert 'a' == 'b'\n  - b\n  + a\n") == (
        "AssertionError: assert 'a' == 'b'")
    assert grade.failure_line(None) == grade.failure_line("") == ""
    long = grade.failure_line("x" * 1000)
    assert len(long) == grade.FAILURE_LINE_LENGTH and long.endswith("…")


def test_a_failures_message_is_read_from_junit_xml_by_pytests_names(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite>'
        '<testcase classname="e2e.test_a" name="test_ok"/>'
        '<testcase classname="e2e.test_b.TestC" name="test_d[chromium]">'
        '<failure message="AssertionError: no gear&#10;assert False">long text</failure>'
        '</testcase>'
        '<testcase classname="spec" name="by class">'
        '<error>Error: no .x3f9a1c&#10;at spec.js</error></testcase>'
        '</testsuite></testsuites>', encoding="utf-8")
    assert grade.junit_messages(junit) == {
        "e2e.test_b.TestC::test_d[chromium]": "AssertionError: no gear\nassert False",
        "spec::by class": "Error: no .x3f9a1c\nat spec.js"}
    assert grade.junit_name("e2e/test_b.py::TestC::test_d[chromium]") == (
        "e2e.test_b.TestC::test_d[chromium]")
    assert grade.junit_name("test_a.py::test_ok") == "test_a::test_ok"
    assert grade.junit_messages(tmp_path / "none.xml") == {}


def test_the_redesign_check_names_each_test_that_passed_before_and_fails_now():
    baseline = a_run({"t.py::test_role": "passed", "t.py::test_xpath": "passed",
                      "t.py::test_class": "passed", "t.py::test_skipped": "skipped"},
                     exit_code=0)
    after = a_run({"t.py::test_role": "passed", "t.py::test_xpath": "failed",
                   "t.py::test_class": "failed", "t.py::test_skipped": "skipped"},
                  {"t.py::test_xpath": PLAYWRIGHT_TIMEOUT,
                   "t.py::test_class": "AssertionError: no .cell\nassert 0 == 1"}, exit_code=1)
    check = grade.Redesign(baseline, after, 90, "why")
    assert check.status == grade.BROKEN
    assert check.broken == [("t.py::test_xpath", grade.failure_line(PLAYWRIGHT_TIMEOUT)),
                            ("t.py::test_class", "AssertionError: no .cell")]
    assert check.not_run == []
    text = grade.redesign_text(check)
    assert "Did not survive: 2 of 3 test(s) that passed on the classic app failed on the " \
           "redesigned one (7 s):" in text
    assert '  t.py::test_xpath\n    playwright._impl._errors.TimeoutError: Locator.click' in text
    assert "  t.py::test_class\n    AssertionError: no .cell" in text
    assert "test_role" not in text
    assert "more than the documented locators" in text


def test_a_suite_that_passes_on_the_redesigned_app_survives():
    tests = {"t.py::test_role": "passed", "t.py::test_testid": "passed"}
    check = grade.Redesign(a_run(tests, exit_code=0), a_run(tests, exit_code=0), 90, "why")
    assert check.status == grade.SURVIVED and check.broken == [] and check.not_run == []
    assert "Survived: the 2 test(s) that passed on the classic app passed on the redesigned " \
           "one too (7 s)." in grade.redesign_text(check)


def test_a_redesign_run_stopped_at_its_limit_does_not_survive_and_says_what_it_did_not_run():
    baseline = a_run({"t.py::test_a": "passed", "t.py::test_b": "passed",
                      "t.py::test_c": "passed"}, exit_code=0)
    stopped = a_run({"t.py::test_a": "passed"}, exit_code=None)
    stopped.started.append("t.py::test_b")
    check = grade.Redesign(baseline, stopped, 90, "why")
    assert check.status == grade.TIMED_OUT
    assert check.not_run == ["t.py::test_b", "t.py::test_c"]
    text = grade.redesign_text(check)
    assert "Did not finish: stopped at the time limit (90 s) with 1 test(s) done, none " \
           "failed; running at the stop: t.py::test_b" in text
    assert "Not run before the stop: t.py::test_b, t.py::test_c" in text
    # One that broke a test before its stop broke.
    stopped.outcomes["t.py::test_b"] = "failed"
    assert check.status == grade.BROKEN and [test for test, _ in check.broken] == ["t.py::test_b"]
    assert "; stopped at the time limit (90 s)" in check.summary()


def test_a_command_that_names_no_test_and_fails_on_the_redesigned_app_does_not_survive(tmp_path):
    log = tmp_path / "redesign.log"
    log.write_text("Error: element .x3f9a1c not found\n", encoding="utf-8")
    check = grade.Redesign(a_run({}, exit_code=0), a_run({}, exit_code=1, log=str(log)), 90, "")
    assert check.status == grade.BROKEN and check.broken == [] and check.not_run == []
    text = grade.redesign_text(check)
    assert "Did not survive: the suite exited 1 on the redesigned app and named no failing " \
           "test" in text
    assert "  | Error: element .x3f9a1c not found" in text


def a_grading(check, runs=()):
    return grade.Grading(["pytest", "suite"], check.baseline, list(runs), 90, "why", False, [],
                         20.0, {}, check)


def test_the_redesign_check_is_in_the_json_under_config_and_the_json_stays_schema_valid(
        tmp_path):
    from webapp import grade_report

    baseline = a_run({"t.py::test_role": "passed", "t.py::test_xpath": "passed"}, exit_code=0)
    after = a_run({"t.py::test_role": "passed", "t.py::test_xpath": "failed"},
                  {"t.py::test_xpath": PLAYWRIGHT_TIMEOUT}, exit_code=1)
    caught = a_run({"t.py::test_role": "failed"}, exit_code=1, fault="ui-1")
    report = grade_report.stryker(a_grading(grade.Redesign(baseline, after, 90, "why"),
                                            [caught]))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    report, mutants = results_of(path)
    assert mutants["ui-1"]["status"] == "Killed"
    redesign = report["config"]["redesign"]
    assert redesign["status"] == "broken" and redesign["survived"] is False
    assert redesign["broken"] == [{"id": "t.py::test_xpath",
                                   "failure": grade.failure_line(PLAYWRIGHT_TIMEOUT)}]
    assert redesign["testsPassedOnTheCorrectApp"] == 2 and redesign["exitCode"] == 1
    without = grade.Grading(["pytest"], baseline, [caught], 90, "", False, [], 1.0, {})
    assert "redesign" not in grade_report.stryker(without)["config"]


def test_the_redesign_check_is_in_the_html_report_in_chinese_and_english():
    from webapp import grade_report

    baseline = a_run({"t.py::test_role": "passed", "t.py::test_xpath": "passed"}, exit_code=0)
    after = a_run({"t.py::test_role": "passed", "t.py::test_xpath": "failed"},
                  {"t.py::test_xpath": PLAYWRIGHT_TIMEOUT}, exit_code=1)
    grading = a_grading(grade.Redesign(baseline, after, 90, "why"))
    chinese, english = grade_report.html(grading, "zh"), grade_report.html(grading, "en")
    assert "改版检查" in chinese and "没经受住" in chinese
    assert "在经典版上通过的 2 个测试里，有 1 个在改版后的应用上失败了" in chinese
    assert "Redesign check" in english and "did not survive" in english
    assert "1 of the 2 tests that passed on the classic app failed on the redesigned one" in (
        english)
    for page in (chinese, english):
        assert 'data-testid="grade-redesign-broken"' in page
        assert "<code>t.py::test_xpath</code>" in page
        assert "waiting for locator(&#34;xpath=/html/body/main/div[2]/a[1]&#34;)" in page
        assert "test_role</code>" not in page
        assert 'data-testid="grade-score"' not in page  # no fault was graded
    survived = grade_report.html(a_grading(grade.Redesign(baseline, baseline, 90, "")), "en")
    assert "survived" in survived and "The 2 tests that passed on the classic app passed on " \
                                      "the redesigned one too" in survived
    assert 'data-testid="grade-redesign-broken"' not in survived


def test_the_watcher_records_what_each_failure_said(tmp_path):
    """A pytest run's failure messages come from the grader's plugin as the tests end (so a
    run stopped at its limit still has them), not only from JUnit XML at the end."""
    (tmp_path / "test_said.py").write_text(textwrap.dedent("""
        def test_fine():
            pass

        def test_says_why():
            assert 1 == 2, "the gear is not where this test looked"
    """), encoding="utf-8")
    folder = tmp_path / "logs"
    (folder / "plugin").mkdir(parents=True)
    (folder / "plugin" / f"{grade.PLUGIN}.py").write_bytes(Path(grade.grade_watch.__file__)
                                                           .read_bytes())

    class Nowhere:
        url = "http://127.0.0.1:9"

    run = grade.run_command([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(tmp_path / "test_said.py")], None, Nowhere(), folder, 120,
                            every_test=True, name=grade.REDESIGN)
    assert sorted(outcome for outcome in run.outcomes.values()) == ["failed", "passed"]
    (failed,) = run.failures
    assert failed.endswith("test_said.py::test_says_why")
    assert grade.failure_line(run.messages[failed]) == (
        "AssertionError: the gear is not where this test looked")
    assert (folder / "redesign.log").exists()


# A pytest-playwright suite of three tests: one finds what it checks the documented way (roles,
# accessible names, test ids), one by a link's position in the page (XPath), one by a CSS
# class. All three pass on the classic app; the redesign keeps every word, role, name and test
# id but not the markup under them. Their waits are short (3 s), so the broken ones fail fast.
LOCATOR_SUITE = textwrap.dedent('''
    from playwright.sync_api import expect

    expect.set_options(timeout=3_000)


    def test_by_role_name_and_test_id(page):
        page.set_default_timeout(3_000)
        page.goto("/weilidai")
        expect(page.get_by_test_id("available-value")).to_have_text("20,000.00")
        page.get_by_role("link", name="设置").click()
        page.get_by_role("link", name="微粒贷管理").click()
        expect(page.get_by_test_id("close-weilidai")).to_have_accessible_name("关闭微粒贷")


    def test_by_xpath_position(page):
        page.set_default_timeout(3_000)
        page.goto("/weilidai")
        page.locator("xpath=//main/div[2]/div/a[2]").click()  # 借款记录, the list's second
        expect(page.get_by_test_id("screen-records")).to_be_visible()


    def test_by_css_class(page):
        page.set_default_timeout(3_000)
        page.goto("/weilidai")
        expect(page.locator(".hero__amount")).to_have_text("20,000.00")
''')


def test_the_redesign_names_the_tests_of_positions_and_classes_not_those_of_roles_and_ids(
        tmp_path):
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "test_locators.py").write_text(LOCATOR_SUITE, encoding="utf-8")
    shutil.copyfile(ROOT / "examples" / "playwright" / "conftest.py", folder / "conftest.py")
    graded = run_grader("--redesign", "--json", str(tmp_path / "r.json"), "--html",
                        str(tmp_path / "r.html"), "--", *pytest_command(folder),
                        "--base-url", "{base_url}")
    assert graded.returncode == 3, graded.stdout + graded.stderr
    assert "Score" not in graded.stdout  # --redesign alone grades no fault
    assert "Passed in" in graded.stdout and "(3 tests)" in graded.stdout
    broken = graded.stdout.split("Redesign check", 1)[1]
    assert "Did not survive: 2 of 3 test(s) that passed on the classic app failed on the " \
           "redesigned one" in broken
    assert "test_locators.py::test_by_xpath_position[chromium]\n    " in broken
    assert 'waiting for locator("//main/div[2]/div/a[2]")' in broken
    assert "test_locators.py::test_by_css_class[chromium]\n    " in broken
    assert 'locator(".hero__amount")' in broken
    assert "test_by_role_name_and_test_id" not in broken
    report, mutants = results_of(tmp_path / "r.json")
    assert mutants == {}
    redesign = report["config"]["redesign"]
    assert redesign["status"] == "broken" and redesign["testsPassedOnTheCorrectApp"] == 3
    assert [test["id"].rsplit("::", 1)[1] for test in redesign["broken"]] == [
        "test_by_xpath_position[chromium]", "test_by_css_class[chromium]"]
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'data-testid="grade-redesign-broken"' in page and "test_by_css_class" in page
