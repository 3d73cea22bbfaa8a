"""The grader's reports of a grading (webapp/grade.py): the grid of which test caught which
fault, the JSON in Stryker's mutation-testing report schema, and a self-contained HTML page;
each with the redesign check (--redesign) when it ran (in the JSON, under ``config``).

In the JSON each fault is a mutant (Killed, Survived, NoCoverage, Timeout, or RuntimeError
when its server did not start) at the line where the app reads its switch, with ``killedBy``
and ``coveredBy`` (the tests during which the correct run showed a screen of the fault), so
Stryker's viewers open it (https://github.com/stryker-mutator/mutation-testing-elements).
"""

import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache

from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, select_autoescape

from webapp import i18n, paths
from webapp.faults import FAULTS

CAUGHT, MISSED, NOT_REACHED, TIMED_OUT, ERROR = (
    "caught", "missed", "not reached", "timeout", "error")
RESULTS = (CAUGHT, MISSED, NOT_REACHED, TIMED_OUT, ERROR)
# The redesign check's (--redesign): besides TIMED_OUT and ERROR.
SURVIVED, BROKEN = "survived", "broken"
SCHEMA_VERSION = "2"  # the report format of mutation-testing-report-schema 3.x
STATUS = {CAUGHT: "Killed", MISSED: "Survived", NOT_REACHED: "NoCoverage",
          TIMED_OUT: "Timeout", ERROR: "RuntimeError"}
THRESHOLDS = {"high": 80, "low": 60}


@cache
def _app():
    from webapp import create_app

    return create_app({"SECRET_KEY": "grade", "FAULTS": ""})


def english(text):
    """A catalogue's words (a msgid) in English, as the docs and the grader's table show them."""
    from webapp.i18n import force_language, gettext

    with _app().test_request_context(), force_language("en"):
        return gettext(text)


# -- which test caught which fault ---------------------------------------------------------------

@dataclass
class Grid:
    tests: list  # every test of the correct run, in its order
    faults: list  # every fault graded, in the catalogue's order
    outcomes: dict  # fault -> {test: passed, failed, skipped}; a fault not run has none

    @property
    def short(self):
        return {test: f"T{number}" for number, test in enumerate(self.tests, 1)}

    def failed(self, test, fault):
        return self.outcomes.get(fault, {}).get(test) == "failed"

    def cell(self, test, fault):
        outcome = self.outcomes.get(fault, {}).get(test)
        return {"failed": "x", "passed": ".", "skipped": "s"}.get(outcome, "-")

    @property
    def idle(self):
        """The tests that caught no fault."""
        return [test for test in self.tests
                if not any(self.failed(test, fault) for fault in self.faults)]

    @property
    def uncaught(self):
        """The faults no test caught."""
        return [fault for fault in self.faults
                if not any(self.failed(test, fault) for test in self.tests)]

    def killers(self, fault):
        return [test for test in self.tests if self.failed(test, fault)]


def matrix(grading):
    tests = grading.tests()
    for run in grading.runs:
        tests += [test for test in run.outcomes if test not in tests]
    return Grid(tests, [run.fault for run in grading.runs],
                {run.fault: run.outcomes for run in grading.runs})


# -- Stryker's mutation-testing report ----------------------------------------------------------

SWITCH = '(?:fault\\(\\s*"{id}"\\s*\\)|"{id}" in policy\\.faults)'


@cache
def _sources():
    """(path as the report names it, text, language) of every file that may read a fault."""
    found = [(path.relative_to(paths.ROOT).as_posix(), path, "python")
             for path in sorted(paths.PACKAGE.rglob("*.py"))
             if path.name != "faults.py"]  # the catalogue names them all
    found += [(f"templates/{path.relative_to(paths.TEMPLATES).as_posix()}", path, "html")
              for path in sorted(paths.TEMPLATES.rglob("*.html"))]
    return [(name, path.read_text(encoding="utf-8"), language)
            for name, path, language in found]


def where(fault_id):
    """(file, its text, language, location) of the first place the app reads the fault's
    switch; the fault catalogue's entry where no code reads it."""
    pattern = re.compile(SWITCH.format(id=re.escape(fault_id)))
    for name, text, language in _sources():
        match = pattern.search(text)
        if match:
            return name, text, language, _location(text, match.start(), match.end())
    name = "webapp/faults.py"
    text = (paths.PACKAGE / "faults.py").read_text(encoding="utf-8")
    start = text.index(f'"{fault_id}"')
    return name, text, "python", _location(text, start, start + len(fault_id) + 2)


def _location(text, start, end):
    def position(offset):
        line = text.count("\n", 0, offset) + 1
        return {"line": line, "column": offset - (text.rfind("\n", 0, offset) + 1) + 1}

    return {"start": position(start), "end": position(end)}


def _status_reason(run, grid):
    if run.result == CAUGHT:
        return "failed: " + ", ".join(grid.killers(run.fault) or [run.first_failure or
                                                               f"exit status {run.exit_code}"])
    if run.result == TIMED_OUT:
        return f"stopped at the time limit: {run.seen()}"
    if run.result == NOT_REACHED:
        return ("no test showed a screen it is on (" + ", ".join(FAULTS[run.fault].screens)
                + "), or made the app read its switch")
    if run.result == ERROR:
        return run.problem
    return "every test passed with it on"


def stryker(grading):
    """The grading as a mutation-testing report (schema version 2 of the npm package
    mutation-testing-report-schema 3.x)."""
    grid = matrix(grading)
    files = {}
    for run in grading.runs:
        fault = FAULTS[run.fault]
        name, text, language, location = where(run.fault)
        entry = files.setdefault(name, {"language": language, "source": text, "mutants": []})
        mutant = {
            "id": fault.id,
            "mutatorName": f"{fault.area}: {english(fault.breaks)}",
            "description": fault.description,
            "location": location,
            "status": STATUS[run.result],
            "statusReason": _status_reason(run, grid),
            "testsCompleted": sum(outcome != "skipped" for outcome in run.outcomes.values()),
            "duration": round(run.seconds * 1000),
        }
        if run.result == CAUGHT:
            mutant["killedBy"] = grid.killers(run.fault) or (
                [run.first_failure] if run.first_failure else [])
        covered = grading.covered.get(run.fault)
        if covered is not None:
            mutant["coveredBy"] = covered
        entry["mutants"].append(mutant)
    tests = {}
    for test in grid.tests:
        where_, _, name = test.rpartition("::")
        tests.setdefault(where_ or "tests", {"tests": []})["tests"].append(
            {"id": test, "name": name or test})
    baseline = round(grading.baseline.seconds * 1000)
    return {
        "$schema": "https://git.io/mutation-testing-schema",
        "schemaVersion": SCHEMA_VERSION,
        "thresholds": THRESHOLDS,
        "projectRoot": str(paths.ROOT),
        "files": files,
        "testFiles": tests,
        "framework": {"name": "Weilidai Mock grader (python -m webapp.grade)",
                      "version": _version()},
        "system": {"ci": bool(os.environ.get("CI")), "os": {"platform": sys.platform},
                   "cpu": {"logicalCores": os.cpu_count() or 1}},
        "performance": {"setup": 0, "initialRun": baseline,
                        "mutation": max(0, round(grading.seconds * 1000) - baseline)},
        "config": {
            "command": grading.command,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "matrix": grading.matrix,
            "timeoutSeconds": grading.timeout,
            "timeout": grading.timeout_reason,
            "correctAppSeconds": round(grading.baseline.seconds, 1),
            "score": {"caught": grading.caught, "total": len(grading.runs),
                      **{result: grading.count(result) for result in RESULTS}},
            "screensShown": sorted({screen for _, screen, _ in grading.seen
                                    if not screen.startswith("fault:")}),
            "hints": {run.fault: english(FAULTS[run.fault].hint) for run in grading.runs},
            **({"redesign": redesign_json(grading.redesign)} if grading.redesign else {}),
        },
    }


def redesign_json(check):
    """The redesign check (--redesign) in the report's ``config``, the schema's free-form
    place: whether the suite survived, and each test that broke with its failure's first
    line."""
    return {
        "layout": "redesign",
        "status": check.status,
        "survived": check.survived,
        "summary": check.summary(),
        "testsPassedOnTheCorrectApp": len(check.passed_before()),
        "broken": [{"id": test, "failure": line} for test, line in check.broken],
        "notRun": check.not_run,
        "exitCode": check.run.exit_code,
        "seconds": round(check.run.seconds, 1),
        "timeoutSeconds": check.timeout,
        "timeout": check.timeout_reason,
    }


def _version():
    try:
        from importlib.metadata import version

        return version("weilidai-mock")
    except Exception:  # not installed: a checkout on PYTHONPATH
        return "0"


# -- the HTML report -----------------------------------------------------------------------------

def _environment(lang):
    env = Environment(loader=FileSystemLoader(str(paths.TEMPLATES)),
                      autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"])
    translations = (Translations.load(str(i18n.catalogues()), ["en"]) if lang == "en"
                    else NullTranslations())
    env.install_gettext_translations(translations, newstyle=True)
    return env, translations


def html(grading, lang="en", reveal=False):
    """The report as one HTML file, its stylesheet inside: in Chinese (zh) or English."""
    env, translations = _environment(lang)
    grid = matrix(grading)
    rows = [{"fault": FAULTS[run.fault], "result": run.result,
             "breaks": translations.ugettext(FAULTS[run.fault].breaks),
             "hint": translations.ugettext(FAULTS[run.fault].hint),
             "killers": grid.killers(run.fault) or (
                 [run.first_failure] if run.first_failure else []),
             "seen": run.seen() if run.result == TIMED_OUT else run.problem or "",
             "seconds": run.seconds} for run in grading.runs]
    stylesheet = (paths.STATIC / "css" / "grade-report.css").read_text(encoding="utf-8")
    return env.get_template("grade/report.html").render(
        lang="zh-CN" if lang == "zh" else "en", grading=grading, rows=rows, grid=grid,
        redesign=grading.redesign,
        reveal=reveal, stylesheet=stylesheet, results=RESULTS,
        date=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
