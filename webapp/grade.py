"""Grade a test suite against the planted faults: python -m webapp.grade -- COMMAND...

The command is any test command (pytest, npx playwright test, a shell script). It runs once
against a clean server with no fault on, which it must pass: a suite that fails on the correct
app reports noise, and the grader stops there, naming the failing test and showing the end of
its output. That run also tells which screens the suite reaches (webapp/faults.py, SCREEN_LOG).
Then the command runs once per fault it reaches, each against a fresh server with that fault
on (WEILIDAI_FAULTS), as many at once as there are cores, each stopped at its first failure
(of a pytest suite whose tests keep to their own session, only the tests that cover it).

Each fault is then one of:
  caught       a test failed: the first failing test is named (a failure before a time-out
               counts: what failed is read as it happens, not only at the end);
  missed       the suite passed;
  not reached  the suite never showed a screen the fault is on, so it could not see it
               (not run);
  timeout      stopped at the time limit with nothing failed yet: what ran is said.

Each run gets the server's URL as BASE_URL and in place of ``{base_url}`` in the command's
words; ``{junit}`` (and JUNIT_XML) is a file the command may write JUnit XML to:

    python -m webapp.grade -- pytest e2e --base-url {base_url} --junitxml {junit}

A pytest suite needs nothing more: the grader lends it a plugin (webapp/grade_watch.py) that
records each test as it ends, stops it at its first failure and, with ``--matrix``, runs every
test against every fault it reaches, for a grid of which test catches which fault. ``--json``
writes the results in Stryker's mutation-testing report schema; ``--html`` a report to open
in a browser, in Chinese or English (``--lang``).

``--redesign`` runs the suite once more, every test of it, against the app with its markup
redesigned (WEILIDAI_LAYOUT=redesign, no fault on: every word, role, accessible name and
data-testid kept; wrappers, order within rows, class names and ids changed), and names each
test that passed on the correct app and fails there, with the first line of its failure: a
suite that finds things the documented way (roles, names, test ids) survives it. Alone it
runs only that check, beside the correct run (two runs in all); with ``--faults``,
``--matrix`` or ``--fail-under`` the faults are graded too, at the same time.

Exit status: 0 once graded; 1 with ``--fail-under N`` when fewer than N were caught; 3 with
``--redesign`` when the suite did not survive the redesign (a test broke, or the run did not
finish), whatever the score; 2 when the suite fails on the correct app or the command cannot
run (or the redesigned app would not start).
"""

import argparse
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from webapp import grade_report, grade_watch
from webapp.faults import FAULTS, UnknownFault, parse
from webapp.grade_report import (BROKEN, CAUGHT, ERROR, MISSED, NOT_REACHED, RESULTS,
                                 SURVIVED, TIMED_OUT, english, matrix)
from webapp.paths import ROOT

SERVER_START_SECONDS = 60
# The time limit of a run, unless --timeout: twice the correct run, plus what a framework may
# wait for a failing test before it gives up (Playwright's actions wait 30 s), once a run
# (it stops at its first failure) or once a test (--matrix), plus a margin.
TIMEOUT_FACTOR, FRAMEWORK_WAIT, TIMEOUT_MARGIN = 2, 30, 30
PLUGIN = "weilidai_grade_watch"
TAIL_LINES = 20


@dataclass
class Run:
    """One run of the command: against which fault (None: the correct app), and how it went."""

    fault: str | None
    exit_code: int | None  # None: stopped at the time limit (or never started)
    seconds: float
    log: str
    outcomes: dict = field(default_factory=dict)  # test id -> passed, failed, skipped
    started: list = field(default_factory=list)  # test ids, in the order they started
    spans: dict = field(default_factory=dict)  # test id -> (start, end) wall-clock times
    failures: list = field(default_factory=list)  # failing test ids, in order
    messages: dict = field(default_factory=dict)  # failing test id -> what its failure said
    problem: str | None = None  # why it could not run (the server did not start)

    @property
    def result(self):
        if self.problem:
            return ERROR
        if self.failures or self.exit_code not in (0, None):
            return CAUGHT
        return TIMED_OUT if self.exit_code is None else MISSED

    @property
    def first_failure(self):
        return self.failures[0] if self.failures else None

    def tail(self, lines=TAIL_LINES):
        try:
            text = Path(self.log).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])

    def seen(self):
        """What a run stopped at its limit had done: its tests so far, the one running."""
        done = [test for test in self.started if test in self.outcomes]
        running = [test for test in self.started if test not in self.outcomes]
        words = f"{len(done)} test(s) done, none failed"
        if running:
            words += f"; running at the stop: {running[-1]}"
        return words


class NotReached(Run):
    """A fault on no screen the correct run showed: not run."""

    @property
    def result(self):
        return NOT_REACHED


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``python -m webapp`` on a free loopback port with the given faults on, in the given
    layout (WEILIDAI_LAYOUT; None: the default, classic), its output in ``log``; ``screens``,
    if given, is the file its requests append their screens to."""

    def __init__(self, faults, log, screens=None, layout=None):
        self.faults, self.log, self.screens, self.layout = faults, log, screens, layout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        env = {name: value for name, value in os.environ.items()
               if not name.startswith("WEILIDAI_")}
        env.update({"WEILIDAI_FAULTS": self.faults, "SECRET_KEY": secrets.token_hex(16),
                    "PYTHONUNBUFFERED": "1"})
        if self.screens:
            env["WEILIDAI_SCREEN_LOG"] = str(self.screens)
        if self.layout:
            env["WEILIDAI_LAYOUT"] = self.layout
        with open(self.log, "wb") as output:
            self.process = started(subprocess.Popen(
                [sys.executable, "-m", "webapp", "--host", "127.0.0.1", "--port",
                 str(self.port)], cwd=ROOT, env=env, stdout=output,
                stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/static/icons/favicon.svg",
                                            timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the app did not start on {self.url}: see {self.log}")

    def stop(self):
        if self.process is not None:
            stop(self.process)


# Every process the grader started and has not stopped yet (servers, runs of the command):
# stopped however the grader ends, an interrupt or SIGTERM included.
LIVE = set()


def started(process):
    LIVE.add(process)
    return process


def stop_all():
    for process in list(LIVE):
        stop(process)


def _terminated(signum, frame):
    raise SystemExit(128 + signum)


def stop(process):
    """End a process and everything it started (its own session)."""
    LIVE.discard(process)
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


# -- what a run says about its tests -----------------------------------------------------------

def junit_cases(junit):
    """(test id, its <testcase>) of a JUnit XML file, in order (none when there is no file,
    or it is cut)."""
    try:
        tree = ElementTree.parse(junit)
    except (OSError, ElementTree.ParseError):
        return
    for case in tree.iter("testcase"):
        where = case.get("classname") or case.get("file") or ""
        yield (f"{where}::{case.get('name')}" if where else case.get("name")), case


def junit_outcomes(junit):
    """{test id: outcome} from a JUnit XML file (empty when there is none, or it is cut)."""
    found = {}
    for test, case in junit_cases(junit):
        if case.find("failure") is not None or case.find("error") is not None:
            found[test] = "failed"
        elif case.find("skipped") is not None:
            found.setdefault(test, "skipped")
        else:
            found.setdefault(test, "passed")
    return found


def junit_messages(junit):
    """{test id: what its failure said} of the failing tests of a JUnit XML file: the
    ``message`` of its <failure> or <error>, else the element's text."""
    found = {}
    for test, case in junit_cases(junit):
        failure = case.find("failure")
        if failure is None:
            failure = case.find("error")
        if failure is not None and test not in found:
            found[test] = failure.get("message") or (failure.text or "")
    return found


def junit_name(nodeid):
    """How pytest's JUnit XML names a test (classname::name) of its node id:
    ``e2e/test_a.py::TestB::test_c[x]`` is ``e2e.test_a.TestB::test_c[x]``."""
    path, *inner = nodeid.split("::")
    module = path.removesuffix(".py").replace("/", ".")
    return "::".join([".".join([module, *inner[:-1]]), inner[-1]]) if inner else module


FAILURE_LINE_LENGTH = 240


def failure_line(message):
    """The first line of what a failure said; when it is a locator that waited in vain
    (Playwright's call log: ``- waiting for locator(...)``), the locator after it."""
    lines = [line.strip() for line in (message or "").splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[0]
    waited = next((rest.removeprefix("- ") for rest in lines[1:]
                   if rest.removeprefix("- ").startswith("waiting for ")), None)
    if waited and waited not in line:
        line += f" ({waited})"
    return line if len(line) <= FAILURE_LINE_LENGTH else line[:FAILURE_LINE_LENGTH - 1] + "…"


def first_failure(junit):
    """The first failing or erroring test in a JUnit XML file, or None."""
    return next((test for test, outcome in junit_outcomes(junit).items()
                 if outcome == "failed"), None)


# Failures as runners print them, for a suite that is no pytest and was stopped before its
# JUnit XML was written: pytest's summary, Playwright's list reporter.
PRINTED_FAILURES = (re.compile(r"^FAILED (\S+)"),
                    re.compile(r"^\s*[✘×]\s+(?:\d+\s+)?(.+?)(?:\s+\([\d.]+m?s\))?\s*$"))


def printed_failures(text):
    return [match.group(1) for line in text.splitlines() for pattern in PRINTED_FAILURES
            if (match := pattern.match(line))]


def read_events(path, run):
    """The watcher's JSON lines (webapp/grade_watch.py) into ``run``."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue  # the last line of a run killed while writing it
        test = event.get("test")
        if event.get("event") == "start":
            run.started.append(test)
            run.spans[test] = (event["time"], None)
        elif event.get("event") == "finish" and test in run.spans:
            run.spans[test] = (run.spans[test][0], event["time"])
        elif event.get("event") == "result":
            if event["outcome"] == "failed" and test not in run.failures:
                run.failures.append(test)
                if event.get("message"):
                    run.messages[test] = event["message"]
            if run.outcomes.get(test) != "failed":
                run.outcomes[test] = event["outcome"]


def watched_environment(folder, name, every_test, only=None):
    """The environment that lends a pytest command the watcher: its events file, whether to
    stop at the first failure, and the tests to run (``only``; None: all)."""
    events = folder / f"{name}.events"
    env = {**os.environ, grade_watch.EVENTS: str(events),
           grade_watch.MAXFAIL: "0" if every_test else "1"}
    if only:
        selection = folder / f"{name}.tests"
        selection.write_text("".join(f"{test}\n" for test in only), encoding="utf-8")
        env[grade_watch.SELECT] = str(selection)
    plugins = [plugin for plugin in os.environ.get("PYTEST_PLUGINS", "").split(",") if plugin]
    env["PYTEST_PLUGINS"] = ",".join([*plugins, PLUGIN])
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(folder / "plugin"), os.environ.get("PYTHONPATH")]))
    return env, events


def run_command(command, fault, server, folder, timeout, every_test=False, only=None,
                name=None):
    """Run the command once against ``server`` (already started, with ``fault`` on): of a
    pytest suite, only the tests ``only`` names, if given. ``name`` names its logs (default:
    the fault's id, or correct-app)."""
    name = name or fault or "correct-app"
    junit, log = folder / f"{name}.xml", folder / f"{name}.log"
    words = [word.replace("{base_url}", server.url).replace("{junit}", str(junit))
             for word in command]
    env, events = watched_environment(folder, name, every_test, only)
    for stale in (junit, events):  # a run before this one with these logs
        stale.unlink(missing_ok=True)
    env.update({"BASE_URL": server.url, "JUNIT_XML": str(junit)})
    begun = time.monotonic()
    with open(log, "wb") as output:
        try:
            process = started(subprocess.Popen(words, cwd=os.getcwd(), env=env,
                                               stdout=output, stderr=subprocess.STDOUT,
                                               start_new_session=True))
        except OSError as error:
            raise SystemExit(f"cannot run {words[0]!r}: {error}") from None
        try:
            exit_code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            exit_code = None
        finally:
            stop(process)
    run = Run(fault, exit_code, time.monotonic() - begun, str(log))
    read_events(events, run)
    if not run.started:  # no pytest, or one that never started a test: its JUnit XML
        run.outcomes = junit_outcomes(junit)
        run.failures = [test for test, outcome in run.outcomes.items() if outcome == "failed"]
        run.messages = junit_messages(junit)
    elif any(test not in run.messages for test in run.failures):
        written = junit_messages(junit)  # pytest's own, by its JUnit XML's names
        for test in run.failures:
            if test not in run.messages and junit_name(test) in written:
                run.messages[test] = written[junit_name(test)]
    if not run.failures and exit_code is None:
        run.failures = printed_failures(run.tail(lines=10_000))
    return run


# -- which screens the correct run showed -------------------------------------------------------

def screens_seen(path):
    """[(time, screen or fault:<id>, session digest)] of the SCREEN_LOG file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        stamp, _, rest = line.partition(" ")
        screen, _, who = rest.partition(" ")
        try:
            found.append((float(stamp), screen, who))
        except ValueError:
            continue
    return found


def _during(span, stamp):
    start, end = span
    return start <= stamp <= (end or math.inf)


def sessions_apart(seen, baseline):
    """Whether no browser session served two tests of the correct run: then a test sees only
    what it did itself, whatever ran before it."""
    tests_of = {}
    for stamp, _, who in seen:
        tests_of.setdefault(who, set()).update(
            test for test, span in baseline.spans.items() if _during(span, stamp))
    return all(len(tests) <= 1 for tests in tests_of.values())


def reached(fault_id, seen):
    """Whether the correct run showed a screen the fault is on and read its switch: without
    either, the fault cannot change what the suite sees."""
    shown = {screen for _, screen, _ in seen}
    return bool(set(FAULTS[fault_id].screens) & shown) and f"fault:{fault_id}" in shown


def screens_shown(seen):
    return {screen for _, screen, _ in seen if not screen.startswith("fault:")}


def covering_tests(fault_id, seen, baseline):
    """The tests of the correct run that cover the fault: during which a request showed a
    screen of the fault and one read its switch (None when the run did not say when each
    test ran)."""
    if not baseline.spans:
        return None
    screens = set(FAULTS[fault_id].screens)
    shown = [stamp for stamp, screen, _ in seen if screen in screens]
    read = [stamp for stamp, screen, _ in seen if screen == f"fault:{fault_id}"]
    return [test for test, span in baseline.spans.items()
            if any(_during(span, stamp) for stamp in shown)
            and any(_during(span, stamp) for stamp in read)]


# -- words ---------------------------------------------------------------------------------------

def table(rows, headers):
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in [headers, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def what_happened(run):
    if run.result == CAUGHT:
        return run.first_failure or f"(exit status {run.exit_code})"
    if run.result == TIMED_OUT:
        return run.seen()
    if run.result == ERROR:
        return run.problem
    return ""


REDESIGN = "redesign"  # the layout (WEILIDAI_LAYOUT) of the redesign check, and its logs' name


@dataclass
class Redesign:
    """The suite run once more, every test of it, against the redesigned app
    (WEILIDAI_LAYOUT=redesign, no fault on): the same words, roles, accessible names and test
    ids as the correct run's app, in other markup. A test that passed there and fails here
    found something by more than those."""

    baseline: Run
    run: Run
    timeout: float
    timeout_reason: str

    def passed_before(self):
        return [test for test, outcome in self.baseline.outcomes.items() if outcome == "passed"]

    @property
    def broken(self):
        """[(test, the first line of its failure)] of the tests that passed on the correct
        app and failed on the redesigned one, in the correct run's order."""
        return [(test, failure_line(self.run.messages.get(test)))
                for test in self.passed_before() if self.run.outcomes.get(test) == "failed"]

    @property
    def not_run(self):
        """The tests that passed on the correct app and have no result here (the run was
        stopped before them)."""
        if not self.run.outcomes and not self.run.started:
            return []  # a command that names no test: nothing to say per test
        return [test for test in self.passed_before() if test not in self.run.outcomes]

    @property
    def status(self):
        if self.run.problem:
            return ERROR
        if self.broken or self.run.exit_code not in (0, None):
            return BROKEN
        return TIMED_OUT if self.run.exit_code is None else SURVIVED

    # The report's questions (its template asks these, not the status).
    @property
    def survived(self):
        return self.status == SURVIVED

    @property
    def broke(self):
        return self.status == BROKEN

    @property
    def timed_out(self):
        return self.status == TIMED_OUT

    def summary(self):
        """What happened, in a sentence (the text report's and the JSON's)."""
        run, passed = self.run, len(self.passed_before())
        if self.status == ERROR:
            return f"could not be checked: {run.problem}"
        if self.status == SURVIVED:
            tests = f"the {passed} test(s)" if passed else "the suite"
            return (f"survived: {tests} that passed on the classic app passed on the "
                    f"redesigned one too ({run.seconds:.0f} s)")
        if self.status == TIMED_OUT:
            return (f"did not finish: stopped at the time limit ({self.timeout:.0f} s) with "
                    f"{run.seen()}")
        if not self.broken:
            return (f"did not survive: the suite exited {run.exit_code} on the redesigned app "
                    "and named no failing test (give it {junit} for JUnit XML)")
        words = (f"did not survive: {len(self.broken)} of {passed} test(s) that passed on the "
                 f"classic app failed on the redesigned one ({run.seconds:.0f} s)")
        if run.exit_code is None:
            words += f"; stopped at the time limit ({self.timeout:.0f} s)"
        return words


@dataclass
class Grading:
    """Everything a grading found, for the reports."""

    command: list
    baseline: Run
    runs: list  # one Run per chosen fault, in the catalogue's order
    timeout: float
    timeout_reason: str
    matrix: bool
    seen: list
    seconds: float
    covered: dict  # fault -> [test ids] or None
    redesign: Redesign | None = None  # with --redesign

    @property
    def caught(self):
        return sum(run.result == CAUGHT for run in self.runs)

    def count(self, result):
        return sum(run.result == result for run in self.runs)

    def tests(self):
        """Every test of the correct run, in its order."""
        return list(dict.fromkeys([*self.baseline.started, *self.baseline.outcomes]))


def report(grading, reveal):
    runs = grading.runs
    rows = [(run.fault, FAULTS[run.fault].area, english(FAULTS[run.fault].breaks), run.result,
             what_happened(run)) for run in runs]
    lines = [table(rows, ("fault", "area", "breaks", "result", "first failing test / what it saw")),
             "", f"Score: {grading.caught}/{len(runs)} faults caught by: "
                 f"{' '.join(grading.command)}",
             "(" + ", ".join(f"{grading.count(result)} {result}" for result in RESULTS
                             if grading.count(result)) + ")"] if runs else []
    limit = (f"each run's time limit was {grading.timeout:.0f} s ({grading.timeout_reason}); "
             if runs else "")  # else the redesign check's, said below
    lines += [f"The correct app passed in {grading.baseline.seconds:.0f} s; {limit}the whole "
              f"grading took {grading.seconds:.0f} s. Each run's output: "
              f"{Path(grading.baseline.log).parent}"]
    if grading.redesign:
        lines += ["", redesign_text(grading.redesign)]
    if grading.matrix:
        lines += ["", matrix_text(grading)]
    missed = [run for run in runs if run.result != CAUGHT]
    if missed:
        lines += ["", "Not caught, and where to look:"]
        lines += [f"  {run.fault} ({FAULTS[run.fault].area}, {english(FAULTS[run.fault].breaks)})"
                  f": {english(FAULTS[run.fault].hint)} [{run.result}]" for run in missed]
    if reveal:
        lines += ["", "What each fault is:"]
        lines += [f"  {run.fault}: {FAULTS[run.fault].description}" for run in runs]
    return "\n".join(lines)


def redesign_text(check):
    """The redesign check: whether the suite survived, and each test that broke with the
    first line of its failure."""
    summary = check.summary()
    lines = [f"Redesign check (WEILIDAI_LAYOUT={REDESIGN}: every word, role, accessible name "
             "and data-testid kept; wrappers, order within rows, class names and ids changed):",
             summary[0].upper() + summary[1:] + (":" if check.broken else ".")]
    for test, line in check.broken:
        lines += [f"  {test}", f"    {line or '(no message)'}"]
    if check.not_run:
        lines.append("  Not run before the stop: " + ", ".join(check.not_run))
    if check.status == BROKEN:
        lines.append("They find something by more than the documented locators (roles, "
                     "accessible names, data-testid: docs/testing.md)."
                     if check.broken else "Its last lines:\n" + "\n".join(
                         f"  | {line}" for line in check.run.tail().splitlines()))
    lines.append(f"(every test run, stopped after {check.timeout:.0f} s: "
                 f"{check.timeout_reason}; its output: {check.run.log})")
    return "\n".join(lines)


def matrix_text(grading):
    """Every test against every fault it was run against: x where the test failed."""
    grid = matrix(grading)
    faults = [run.fault for run in grading.runs]
    lines = ["Which test caught which fault (x: failed with the fault on; "
             "- : the fault was not run):"]
    lines.append(table([[grid.short[test]] + [grid.cell(test, fault) for fault in faults]
                        for test in grid.tests], ["test", *faults]))
    lines.append("Tests: " + "; ".join(f"{grid.short[test]} = {test}" for test in grid.tests))
    lines.append("Tests that catch nothing: "
                 + (", ".join(grid.short[test] for test in grid.idle) or "none"))
    lines.append("Faults no test catches: " + (", ".join(grid.uncaught) or "none"))
    return "\n".join(lines)


# -- the grading ---------------------------------------------------------------------------------

def default_timeout(baseline, matrix, tests):
    waits = max(1, tests) if matrix else 1
    seconds = TIMEOUT_FACTOR * baseline.seconds + FRAMEWORK_WAIT * waits + TIMEOUT_MARGIN
    reason = (f"{TIMEOUT_FACTOR} x the correct run, + {FRAMEWORK_WAIT} s for a framework's "
              f"waits {'per test' if matrix else 'in the failing test'}, + {TIMEOUT_MARGIN} s;"
              " --timeout sets it")
    return math.ceil(seconds), reason


class Servers:
    """Fresh servers for the runs to come (a fault's id: that fault on; REDESIGN: no fault,
    the redesigned layout), each started a few runs ahead (``ahead``), so a run does not wait
    for its server to start."""

    def __init__(self, faults, folder, ahead):
        self.faults, self.folder = list(faults), folder
        self.pool = ThreadPoolExecutor(max_workers=max(1, ahead))
        self.lock = threading.Lock()
        self.futures, self.next = {}, 0
        for _ in range(max(1, ahead)):
            self._start_next()

    def _start_next(self):
        with self.lock:
            if self.next >= len(self.faults):
                return
            fault = self.faults[self.next]
            self.next += 1
            log = self.folder / f"{fault}.server.log"
            server = (Server("", log, layout=REDESIGN) if fault == REDESIGN
                      else Server(fault, log))
            self.futures[fault] = self.pool.submit(server.start)

    def get(self, fault):
        with self.lock:
            future = self.futures.get(fault)
        if future is None:
            self._start_next()
            with self.lock:
                future = self.futures[fault]
        self._start_next()
        return future.result()

    def close(self):
        self.pool.shutdown(wait=True)


def grade(command, chosen, folder, jobs, timeout, matrix, say, redesign=False):
    """Run ``command`` on the correct app, then against each fault of ``chosen`` it reaches
    and, with ``redesign``, once more (every test) against the redesigned app, all of them
    as many at once as ``jobs``; the Grading, or None when the suite failed on the correct
    app (said with ``say``)."""
    begun = time.monotonic()
    (folder / "plugin").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(grade_watch.__file__, folder / "plugin" / f"{PLUGIN}.py")
    say(f"Running the suite against the correct app: {' '.join(command)}")
    screens = folder / "correct-app.screens"
    server = Server("", folder / "correct-app.server.log", screens=screens).start()
    try:
        baseline = run_command(command, None, server, folder, timeout, every_test=True)
    finally:
        server.stop()
    if baseline.result != MISSED:
        refuse(baseline, say)
        return None
    seen = screens_seen(screens)
    tests = len(set(baseline.started) | set(baseline.outcomes))
    limit, reason = (timeout, "--timeout") if timeout else default_timeout(
        baseline, matrix, tests)
    runnable = [fault for fault in chosen if reached(fault, seen)]
    say(f"Passed in {baseline.seconds:.0f} s"
        + (f" ({tests} tests)" if tests else "")
        + f", showing {len(screens_shown(seen))} screens."
        + (f" {len(chosen) - len(runnable)} of {len(chosen)} faults are on no screen it "
           "showed, or their switch was never read (not reached)." if chosen else ""))
    if not seen:
        say("The suite made no request to the app: does it use {base_url} or BASE_URL?")
    covered = {fault: covering_tests(fault, seen, baseline) for fault in chosen}
    alone = sessions_apart(seen, baseline)
    # The redesign check runs every test (to name each that breaks), so each may wait.
    redesign_limit, redesign_reason = (timeout, "--timeout") if timeout else default_timeout(
        baseline, True, tests)
    queue = ([REDESIGN] if redesign else []) + runnable  # the longest run first
    workers = max(1, min(jobs, len(queue) or 1))
    if redesign:
        say(f"Then once against the redesigned app (WEILIDAI_LAYOUT={REDESIGN}, no fault on),"
            f" every test, stopped after {redesign_limit:.0f} s ({redesign_reason}).")
    if chosen:
        how = "every test" if matrix else (
            "each stopped at its first failure" + (", of the tests that cover its fault"
                                                   if baseline.spans and alone else ""))
        say(f"{'And' if redesign else 'Now'} once per fault it reaches: {len(runnable)} runs, "
            f"{workers} at a time, {how}, each stopped after {limit:.0f} s ({reason}).")
    lock = threading.Lock()
    servers = Servers(queue, folder, workers)

    def graded(fault):
        try:
            server = servers.get(fault)
        except RuntimeError as error:
            return Run(None if fault == REDESIGN else fault, None, 0.0,
                       str(folder / f"{fault}.server.log"), problem=str(error))
        if fault == REDESIGN:
            try:
                run = run_command(command, None, server, folder, redesign_limit,
                                  every_test=True, name=REDESIGN)
            finally:
                server.stop()
            with lock:
                say(f"  the redesign check: {Redesign(baseline, run, 0, '').status} "
                    f"({run.seconds:.0f} s)")
            return run
        # Without --matrix, a pytest suite whose tests share no session runs only the tests
        # that cover the fault: no other can see it.
        only = covered.get(fault) if alone and not matrix else None
        try:
            run = run_command(command, fault, server, folder, limit, every_test=matrix,
                              only=only)
        finally:
            server.stop()
        with lock:
            say(f"  {fault}: {run.result} ({run.seconds:.0f} s)")
        return run

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = dict(zip(queue, pool.map(graded, queue)))
    finally:
        servers.close()
    runs = [done[fault] if fault in done else NotReached(fault, None, 0.0, "")
            for fault in chosen]
    checked = (Redesign(baseline, done[REDESIGN], redesign_limit, redesign_reason)
               if redesign else None)
    if not chosen:
        limit, reason = redesign_limit, redesign_reason
    return Grading(command, baseline, runs, limit, reason, matrix, seen,
                   time.monotonic() - begun, covered, checked)


def refuse(baseline, say):
    if baseline.result == TIMED_OUT:
        what = f"did not end within {baseline.seconds:.0f} s (--timeout)"
    elif baseline.problem:
        what = f"could not run: {baseline.problem}"
    else:
        what = f"exited {baseline.exit_code}"
    say(f"The suite {what} against the app without any fault"
        + (f"; first failing test: {baseline.first_failure}" if baseline.first_failure else "")
        + ". A suite must pass on correct behaviour before it can be graded.")
    say(f"The last lines of its output ({baseline.log}):")
    say("\n".join(f"  | {line}" for line in baseline.tail().splitlines()) or "  (none)")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "--" in argv:
        split = argv.index("--")
        own, command = argv[:split], argv[split + 1:]
    else:
        own, command = argv, []
    parser = argparse.ArgumentParser(
        prog="python -m webapp.grade", usage="%(prog)s [options] -- COMMAND...",
        description=__doc__.split("\n\n")[1], epilog=__doc__.split("\n\n")[-1].strip(),
        formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--faults", help="ids separated by commas, or all (default: all; with "
                        "--redesign, none unless given)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="runs at once (default: the cores, %(default)s)")
    parser.add_argument("--timeout", type=float,
                        help=f"seconds a run may take (default: {TIMEOUT_FACTOR}x the correct "
                             f"run, + {FRAMEWORK_WAIT} s for a framework's waits (per test "
                             f"with --matrix), + {TIMEOUT_MARGIN} s)")
    parser.add_argument("--matrix", action="store_true",
                        help="run every test against every fault: which test catches which")
    parser.add_argument("--redesign", action="store_true",
                        help=f"also run every test once against the redesigned app\n"
                             f"(WEILIDAI_LAYOUT={REDESIGN}: the same words, roles, names and "
                             "test ids,\nin other markup) and name each test that breaks "
                             "there. Alone it runs\nonly this check; with --faults, --matrix or "
                             "--fail-under, the faults too")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON in "
                        "Stryker's mutation-testing report schema (- for standard output only)")
    parser.add_argument("--html", metavar="FILE", help="also write a report to open in a browser")
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="the HTML report's language (default: en)")
    parser.add_argument("--reveal", action="store_true", help="say what each fault is")
    parser.add_argument("--fail-under", type=int, metavar="N",
                        help="exit 1 when fewer than N faults are caught")
    parser.add_argument("--logs", metavar="DIR", help="keep each run's output here "
                                                      "(default: a new temporary folder)")
    args = parser.parse_args(own)
    if not command:
        parser.error("give the test command after --, e.g. -- pytest e2e --base-url {base_url}")
    # --redesign alone is the quick check; an option about the faults asks for them too.
    wants_faults = (not args.redesign or args.faults is not None or args.matrix
                    or args.fail_under is not None)
    try:
        chosen = sorted(parse(args.faults or "all"), key=list(FAULTS).index) if wants_faults \
            else []
    except UnknownFault as unknown:
        parser.error(f"--faults: no fault {unknown}; one of: {', '.join(FAULTS)}")
    folder = Path(args.logs or tempfile.mkdtemp(prefix="weilidai-grade-")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    quiet = args.json == "-"

    def say(text):
        print(text, file=sys.stderr if quiet else sys.stdout, flush=True)

    signal.signal(signal.SIGTERM, _terminated)
    try:
        grading = grade(command, chosen, folder, args.jobs, args.timeout, args.matrix, say,
                        redesign=args.redesign)
    finally:
        stop_all()
    if grading is None:
        return 2
    if args.json:
        text = json.dumps(grade_report.stryker(grading), ensure_ascii=False, indent=2)
        if quiet:
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    if args.html:
        Path(args.html).write_text(grade_report.html(grading, args.lang, args.reveal),
                                   encoding="utf-8")
    say("")
    say(report(grading, args.reveal))
    if grading.redesign and grading.redesign.status == ERROR:
        return 2
    if grading.redesign and grading.redesign.status != SURVIVED:
        return 3
    return 1 if args.fail_under is not None and grading.caught < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
