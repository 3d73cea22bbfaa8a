"""Grade a test suite against the planted faults: python -m webapp.grade -- COMMAND...

The command is any test command (pytest, npx playwright test, a shell script): all the grader
needs is its exit code. It runs once against a clean server with no fault on, which it must
pass (a suite that fails on the correct app reports noise, and the grader stops there), then
once per fault against a fresh server with that fault on (WEILIDAI_FAULTS), in parallel up to
the machine's cores, each bounded by a timeout. A run that fails caught its fault.

Each run gets the server's URL in the environment as BASE_URL, and in place of ``{base_url}``
in the command's words; ``{junit}`` (and JUNIT_XML) is a file the command may write JUnit XML
to, from which the table names the first failing test:

    python -m webapp.grade -- pytest e2e --base-url {base_url} -x --junitxml {junit}

It prints a table (fault, area, caught or missed, the first failing test), the score and, for
each missed fault, its hint: where to look, not what is wrong. ``--reveal`` adds what each
fault is; ``--json FILE`` writes all of it for CI. Exit status: 0 once graded (1 with
``--fail-under N`` when fewer than N were caught), 2 when the suite fails on the correct app or
the command cannot run.
"""

import argparse
import json
import os
import secrets
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
from functools import cache
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from webapp.faults import FAULTS, UnknownFault, parse

ROOT = Path(__file__).resolve().parent.parent
SERVER_START_SECONDS = 30
# With no --timeout, a run may take this many times as long as the run on the correct app.
TIMEOUT_FACTOR, TIMEOUT_MARGIN, TIMEOUT_MINIMUM = 3, 60, 120
CAUGHT, MISSED, TIMED_OUT = "caught", "missed", "timeout"


@dataclass
class Run:
    """One run of the command: against which fault (None: the correct app), and how it went."""

    fault: str | None
    exit_code: int | None  # None: stopped at the timeout
    seconds: float
    first_failure: str | None
    log: str

    @property
    def result(self):
        if self.exit_code is None:
            return TIMED_OUT
        return CAUGHT if self.exit_code else MISSED


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``python -m webapp`` on a free loopback port with the given faults on, its output in
    ``log``; ``with Server(...) as url:``."""

    def __init__(self, faults, log):
        self.faults, self.log, self.port = faults, log, free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        env = {**os.environ, "WEILIDAI_FAULTS": self.faults,
               "SECRET_KEY": secrets.token_hex(16), "PYTHONUNBUFFERED": "1"}
        self.output = open(self.log, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "webapp", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self.output, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/static/icons/favicon.svg", timeout=2):
                    return self.url
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"the app did not start on {self.url}: see {self.log}")

    def __exit__(self, *exc):
        stop(self.process)
        self.output.close()


def stop(process):
    """End a process and everything it started (its own session)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


def first_failure(junit):
    """The first failing or erroring test in a JUnit XML file, or None."""
    try:
        tree = ElementTree.parse(junit)
    except (OSError, ElementTree.ParseError):
        return None
    for case in tree.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            where = case.get("classname") or case.get("file") or ""
            return f"{where}::{case.get('name')}" if where else case.get("name")
    return None


def run_once(command, fault, folder, timeout):
    """Run the command once against a fresh server with ``fault`` on (None: none)."""
    name = fault or "correct-app"
    junit, log = folder / f"{name}.xml", folder / f"{name}.log"
    with Server(fault or "", folder / f"{name}.server.log") as url:
        words = [word.replace("{base_url}", url).replace("{junit}", str(junit))
                 for word in command]
        env = {**os.environ, "BASE_URL": url, "JUNIT_XML": str(junit)}
        started = time.monotonic()
        with open(log, "wb") as output:
            try:
                process = subprocess.Popen(words, cwd=os.getcwd(), env=env, stdout=output,
                                           stderr=subprocess.STDOUT, start_new_session=True)
            except OSError as error:
                raise SystemExit(f"cannot run {words[0]!r}: {error}") from None
            try:
                exit_code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                exit_code = None
            finally:
                stop(process)
    return Run(fault, exit_code, time.monotonic() - started, first_failure(junit), str(log))


@cache
def _app():
    from webapp import create_app

    return create_app({"SECRET_KEY": "grade", "FAULTS": ""})


def english(text):
    """A catalogue's words (a msgid) in English, as the docs and the grader's table show them."""
    from webapp.i18n import force_language, gettext

    with _app().test_request_context(), force_language("en"):
        return gettext(text)


def describe(fault_id):
    fault = FAULTS[fault_id]
    return {"id": fault.id, "area": fault.area, "breaks": english(fault.breaks),
            "hint": english(fault.hint), "description": fault.description}


def table(rows, headers):
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in [headers, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def report(runs, baseline, command, reveal):
    rows = [(run.fault, FAULTS[run.fault].area, english(FAULTS[run.fault].breaks), run.result,
             run.first_failure or "") for run in runs]
    caught = sum(run.result == CAUGHT for run in runs)
    lines = [table(rows, ("fault", "area", "breaks", "result", "first failing test")), "",
             f"Score: {caught}/{len(runs)} faults caught by: {' '.join(command)}",
             f"(the correct app passed in {baseline.seconds:.0f} s; each run's output: "
             f"{Path(baseline.log).parent})"]
    missed = [run for run in runs if run.result != CAUGHT]
    if missed:
        lines += ["", "Missed, and where to look:"]
        lines += [f"  {run.fault} ({FAULTS[run.fault].area}, {english(FAULTS[run.fault].breaks)})"
                  f": {english(FAULTS[run.fault].hint)}"
                  + (" [timed out]" if run.result == TIMED_OUT else "") for run in missed]
    if reveal:
        lines += ["", "What each fault is:"]
        lines += [f"  {run.fault}: {FAULTS[run.fault].description}" for run in runs]
    return "\n".join(lines)


def as_json(runs, baseline, command, timeout):
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "timeout_seconds": timeout,
        "correct_app": {"seconds": round(baseline.seconds, 1), "log": baseline.log},
        "score": {"caught": sum(run.result == CAUGHT for run in runs), "total": len(runs)},
        "faults": [{**describe(run.fault), "result": run.result,
                    "seconds": round(run.seconds, 1), "first_failure": run.first_failure,
                    "log": run.log} for run in runs],
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "--" in argv:
        split = argv.index("--")
        own, command = argv[:split], argv[split + 1:]
    else:
        own, command = argv, []
    parser = argparse.ArgumentParser(
        prog="python -m webapp.grade", usage="%(prog)s [options] -- COMMAND...",
        description=__doc__.split("\n\n")[1], formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--faults", default="all", help="ids separated by commas (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="runs at once (default: the cores, %(default)s)")
    parser.add_argument("--timeout", type=float,
                        help="seconds a run may take (default: 3x the correct app's run + 60, "
                             f"at least {TIMEOUT_MINIMUM})")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON "
                                                       "(- for standard output only)")
    parser.add_argument("--reveal", action="store_true", help="say what each fault is")
    parser.add_argument("--fail-under", type=int, metavar="N",
                        help="exit 1 when fewer than N faults are caught")
    parser.add_argument("--logs", metavar="DIR", help="keep each run's output here "
                                                      "(default: a new temporary folder)")
    args = parser.parse_args(own)
    if not command:
        parser.error("give the test command after --, e.g. -- pytest e2e --base-url {base_url}")
    try:
        chosen = sorted(parse(args.faults), key=list(FAULTS).index)
    except UnknownFault as unknown:
        parser.error(f"--faults: no fault {unknown}; one of: {', '.join(FAULTS)}")
    folder = Path(args.logs or tempfile.mkdtemp(prefix="weilidai-grade-"))
    folder.mkdir(parents=True, exist_ok=True)
    quiet = args.json == "-"

    def say(text):
        print(text, file=sys.stderr if quiet else sys.stdout, flush=True)

    say(f"Running the suite against the correct app: {' '.join(command)}")
    baseline = run_once(command, None, folder, args.timeout)
    if baseline.result != MISSED:
        what = "timed out" if baseline.result == TIMED_OUT else f"exited {baseline.exit_code}"
        say(f"The suite {what} against the app without any fault"
            + (f" (first failing test: {baseline.first_failure})" if baseline.first_failure else "")
            + f". A suite must pass on correct behaviour before it can be graded: see "
              f"{baseline.log}")
        return 2
    timeout = args.timeout or max(TIMEOUT_MINIMUM,
                                  TIMEOUT_FACTOR * baseline.seconds + TIMEOUT_MARGIN)
    say(f"Passed in {baseline.seconds:.0f} s. Now once per fault: {len(chosen)} runs, "
        f"{max(1, args.jobs)} at a time, each stopped after {timeout:.0f} s.")
    lock = threading.Lock()

    def graded(fault):
        run = run_once(command, fault, folder, timeout)
        with lock:
            say(f"  {fault}: {run.result} ({run.seconds:.0f} s)")
        return run

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        runs = list(pool.map(graded, chosen))
    results = as_json(runs, baseline, command, timeout)
    if args.json:
        text = json.dumps(results, ensure_ascii=False, indent=2)
        if quiet:
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    say("")
    say(report(runs, baseline, command, args.reveal))
    caught = results["score"]["caught"]
    return 1 if args.fail_under is not None and caught < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
