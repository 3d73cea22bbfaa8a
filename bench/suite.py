"""5: the browser (e2e) suite's wall time on two xdist workers, as ``make test`` runs it."""

import re
import subprocess
import sys
import time
from dataclasses import dataclass, field

from bench.servers import ROOT

TIMEOUT = 600  # seconds: a hung suite ends the measurement, not the run


@dataclass
class SuiteTime:
    seconds: float
    summary: str  # pytest's last line: "42 passed in 51.20s"
    ok: bool
    xdist: bool
    slowest: list = field(default_factory=list)  # (seconds, test id), pytest's --durations
    test_seconds: float = 0.0  # the tests' own time, added up over both workers


DURATION = re.compile(r"^([0-9.]+)s (setup|call|teardown)\s+(\S+)")


def measure(workers=2):
    try:
        import xdist  # noqa: F401 - pytest-xdist, for -n
    except ImportError:
        return SuiteTime(0.0, "pytest-xdist is not installed (pip install -e '.[test]')",
                         False, False)
    command = [sys.executable, "-m", "pytest", "-n", str(workers), "-q", "-p",
               "no:cacheprovider", "--durations=0", "--durations-min=0", "e2e"]
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return SuiteTime(TIMEOUT, f"stopped after {TIMEOUT} s", False, True)
    seconds = time.monotonic() - started
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = next((line.strip("= ") for line in reversed(lines)
                    if re.search(r"\b(passed|failed|error)", line)), "no summary")
    per_test = {}
    for line in lines:
        found = DURATION.match(line)
        if found:
            per_test[found[3]] = per_test.get(found[3], 0.0) + float(found[1])
    slowest = sorted(((t, name) for name, t in per_test.items()), reverse=True)[:8]
    return SuiteTime(seconds, summary, done.returncode == 0, True, slowest,
                     sum(per_test.values()))
