"""8: how long the grader takes (python -m webapp.grade, docs/bug-hunt.md), beside its targets:

- the Selenium starter suite (examples/selenium, 3 tests), graded as its README says, in
  60 s or less;
- a 20-test Playwright suite (four of e2e/'s files), graded in 4 times its own run time or
  less, its own run measured first against one server, as a developer runs it.

    python -m bench.grading              # writes its section of bench/RESULTS.md
    python -m bench.grading --output /tmp/grading.md

Not part of make test (a timing on a shared machine is a measurement, not a check); the
machine's load average is written beside each figure.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.servers import ROOT

RESULTS = Path(__file__).with_name("RESULTS.md")
START, END = "<!-- grading:start -->", "<!-- grading:end -->"
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
          "no:hypothesispytest"]
SELENIUM = [*PYTEST, "examples/selenium", "--junitxml", "{junit}"]
PLAYWRIGHT_FILES = ["e2e/test_close_weilidai.py", "e2e/test_auto_repay.py", "e2e/test_time.py",
                    "e2e/test_smoke.py"]
PLAYWRIGHT = [*PYTEST, *PLAYWRIGHT_FILES, "--base-url", "{base_url}", "--junitxml", "{junit}"]
SELENIUM_TARGET, PLAYWRIGHT_FACTOR = 60, 4


def progress(message):
    print(message, file=sys.stderr, flush=True)


def grade(command):
    """(seconds, the grader's score line, its whole output) of grading ``command``."""
    logs = tempfile.mkdtemp(prefix="bench-grading-")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "webapp.grade", "--logs", logs, "--",
                           *command], cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    score = next((line for line in done.stdout.splitlines() if line.startswith("Score:")),
                 f"not graded (exit {done.returncode})")
    counts = next((line for line in done.stdout.splitlines()
                   if line.startswith("(") and "caught" in line), "")
    return seconds, f"{score.split(' by:')[0]} {counts}".strip(), done.stdout


def own_run(command):
    """Seconds of ``command`` against one server, as a developer runs it (no grader)."""
    from webapp.grade import Server

    folder = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    server = Server("", folder / "server.log").start()
    try:
        words = [word.replace("{base_url}", server.url).replace("{junit}",
                                                                  str(folder / "junit.xml"))
                 for word in command]
        started = time.monotonic()
        done = subprocess.run(words, cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "BASE_URL": server.url})
        seconds = time.monotonic() - started
    finally:
        server.stop()
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return seconds, last, done.returncode == 0


def load():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def measure():
    progress("8a. grading the Selenium starter suite")
    selenium_load = load()
    selenium, selenium_score, _ = grade(SELENIUM)
    progress("8b. the 20-test Playwright suite alone, then graded")
    playwright_load = load()
    alone, summary, passed = own_run(PLAYWRIGHT)
    graded, playwright_score, _ = grade(PLAYWRIGHT)
    return {"selenium": (selenium, selenium_score, selenium_load),
            "playwright": (alone, summary, passed, graded, playwright_score, playwright_load)}


def section(found):
    selenium, selenium_score, selenium_load = found["selenium"]
    alone, summary, passed, graded, score, playwright_load = found["playwright"]
    ratio = graded / alone if alone else float("inf")
    mark = {True: "met", False: "**not met**"}
    lines = [
        START,
        "## 8. The grader's speed (`python -m bench.grading`)",
        "",
        "Taken by `bench/grading.py` on "
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, on this machine's "
        f"{os.cpu_count()} cores (load average at the start of each: 1/5/15 min).",
        "",
        "| suite | its own run | graded | target | | score | load |",
        "|---|---|---|---|---|---|---|",
        f"| examples/selenium (3 tests) | | {selenium:.0f} s | ≤ {SELENIUM_TARGET} s | "
        f"{mark[selenium <= SELENIUM_TARGET]} | {selenium_score} | {selenium_load} |",
        f"| 20 Playwright tests ({', '.join(f'`{name}`' for name in PLAYWRIGHT_FILES)}) | "
        f"{alone:.0f} s ({summary}{'' if passed else ', FAILED'}) | {graded:.0f} s "
        f"({ratio:.1f}×) | ≤ {PLAYWRIGHT_FACTOR}× | {mark[ratio <= PLAYWRIGHT_FACTOR]} | "
        f"{score} | {playwright_load} |",
        "",
        "The grader runs the suite once on the correct app, then once per fault it reaches "
        "(each fault's server started while the runs before it go on), two at a time, each "
        "stopped at its first failure; faults on no screen the correct run showed, or whose "
        "switch it never read, are not run (docs/bug-hunt.md).",
        *([] if ratio <= PLAYWRIGHT_FACTOR else [
            "",
            f"**Missed ({ratio:.1f}×).** Each fault's run is a new pytest, a new browser and a "
            "new server, which the suite's own run pays for once: the quicker the suite runs "
            f"alone ({alone:.0f} s here), the more of each graded run that fixed cost is, and "
            "the higher the ratio; the same suite on a loaded machine, its own run slower, "
            "has come in under the target."]),
        END,
    ]
    return "\n".join(lines) + "\n"


def kept_section(path):
    """The grading section of ``path`` (with a blank line before it), or "": what a full
    ``make bench``, which does not grade, carries over when it writes the file anew."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if START not in current or END not in current:
        return ""
    return "\n" + START + current.split(START, 1)[1].split(END, 1)[0] + END + "\n"


def write(text, path):
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in current:
        before, rest = current.split(START, 1)
        text = before + text + rest.split(END, 1)[1].lstrip("\n")
    else:
        text = current.rstrip("\n") + ("\n\n" if current else "") + text
    path.write_text(text, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.grading",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help="the file whose grading section to write (default %(default)s)")
    args = parser.parse_args(argv)
    text = section(measure())
    write(text, args.output)
    print(text)


if __name__ == "__main__":
    main()
