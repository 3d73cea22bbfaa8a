"""A pytest plugin the grader (webapp/grade.py) lends to a pytest suite it runs: each test's
start and result (a failure's with its message), written as they happen, one JSON line each,
to WEILIDAI_GRADE_EVENTS.

So a run stopped at its time limit still says what failed before the stop (JUnit XML is
written only at the end), and ``--matrix`` knows every test's outcome. With
WEILIDAI_GRADE_MAXFAIL set it also sets pytest's ``--maxfail`` (1: stop at the first failure;
0: run every test, whatever ``-x`` the command gives), and with WEILIDAI_GRADE_SELECT runs
only the tests that file names (those that cover the fault the run is for).

The grader copies this file beside a run's logs and names it in PYTEST_PLUGINS, with that
folder on PYTHONPATH: it imports nothing of the app, so it loads in any suite's Python. Under
pytest-xdist only the controller writes (it hears every worker's reports).
"""

import json
import os
import time

EVENTS = "WEILIDAI_GRADE_EVENTS"
MAXFAIL = "WEILIDAI_GRADE_MAXFAIL"
SELECT = "WEILIDAI_GRADE_SELECT"

_config = None


def _write(**event):
    path = os.environ.get(EVENTS)
    if not path or _config is None or hasattr(_config, "workerinput"):
        return
    with open(path, "a", encoding="utf-8") as events:
        events.write(json.dumps({"time": round(time.time(), 3), **event}) + "\n")


def pytest_configure(config):
    global _config
    _config = config
    if os.environ.get(MAXFAIL, "").isdigit():
        config.option.maxfail = int(os.environ[MAXFAIL])


def pytest_collection_modifyitems(config, items):
    """With WEILIDAI_GRADE_SELECT: only the tests that file names (one node id a line)."""
    path = os.environ.get(SELECT)
    if not path:
        return
    with open(path, encoding="utf-8") as listed:
        chosen = {line.strip() for line in listed if line.strip()}
    kept = [item for item in items if item.nodeid in chosen]
    if kept:  # never none: a run of no test would look like a failure
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def pytest_collection_finish(session):
    _write(event="collected", count=len(session.items))


def pytest_runtest_logstart(nodeid, location):
    _write(event="start", test=nodeid)


def pytest_runtest_logreport(report):
    # A test's outcome is its call's; a failing setup or teardown fails it too.
    if report.when == "call" or report.failed or report.skipped:
        outcome = "failed" if report.failed else report.outcome
        extra = {"message": _message(report)} if report.failed else {}
        _write(event="result", test=report.nodeid, when=report.when, outcome=outcome, **extra)


def _message(report):
    """What a failure says, as pytest's summary line says it (``E   ...``): the exception's
    message, without the traceback."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        return crash.message
    text = str(report.longrepr or "")
    return text.strip().splitlines()[-1] if text.strip() else ""


def pytest_runtest_logfinish(nodeid, location):
    _write(event="finish", test=nodeid)
