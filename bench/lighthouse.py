"""7: Lighthouse (mobile) on every page: performance, accessibility, best practices, SEO.

Lighthouse is the command in LIGHTHOUSE, or ``lighthouse`` on PATH (``npm install -g
lighthouse``); without it the run says so in RESULTS.md and goes on. It starts a Chromium of
its own: CHROME_PATH when it is set, else the one the e2e tests use (e2e/browser.py). Each
page is loaded once with Lighthouse's defaults, a phone on a slow 4G with a slower CPU, both
simulated from one unthrottled load (so a busy machine moves the performance score more
than the others); the seeded session's cookie goes in a header (``--extra-headers``), as
Lighthouse starts from an empty profile. The server is the app in this process.
"""

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from e2e import browser as chromium
from bench.client import COOKIE
from bench.screens import open_session

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking"
TIMEOUT = 180  # seconds for one page: a hung run ends that page's measurement only
INSTALL = "npm install -g lighthouse"


@dataclass
class Shortfall:
    category: str
    audit: str  # Lighthouse's id of the audit
    title: str
    score: float
    value: str  # what it measured ("3.1 s"), where it says


@dataclass
class PageScores:
    screen: object
    path: str = ""
    scores: dict = field(default_factory=dict)  # category -> 0..1
    shortfalls: list = field(default_factory=list)  # weighted audits that scored under 1
    warnings: list = field(default_factory=list)  # Lighthouse's runWarnings
    benchmark_index: float = 0.0  # the machine's CPU speed as Lighthouse measured it
    main_thread_ms: float = 0.0  # the main thread's work during the load
    main_thread_top: str = ""  # what most of it was ("Script Evaluation")
    error: str = ""


@dataclass
class Run:
    command: str = ""  # where Lighthouse was found; "" when it was not
    version: str = ""
    missing: str = ""  # why it did not run
    pages: list = field(default_factory=list)


def find():
    """The Lighthouse command: LIGHTHOUSE, else ``lighthouse`` on PATH; None without one."""
    configured = os.environ.get("LIGHTHOUSE")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("lighthouse")


def _environ():
    environ = dict(os.environ)
    if not environ.get("CHROME_PATH"):
        try:
            executable = chromium.system_chromium()
        except chromium.BrowserNotFound:
            executable = None
        if executable:
            environ["CHROME_PATH"] = str(executable)
    return environ


def measure(screens, base_url, secret_key, progress=print):
    command = find()
    if command is None:
        where = (f"LIGHTHOUSE={os.environ['LIGHTHOUSE']} is not an executable file"
                 if os.environ.get("LIGHTHOUSE") else "no `lighthouse` on PATH")
        progress(f"  Lighthouse not found ({where}): {INSTALL}")
        return Run(missing=where)
    environ = _environ()
    version = subprocess.run([command, "--version"], capture_output=True, text=True,
                             env=environ, timeout=60).stdout.strip()
    run = Run(command=command, version=version)
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as directory:
        for screen in screens:
            if not screen.page:
                continue
            result = PageScores(screen)
            run.pages.append(result)
            try:
                cookie, result.path = open_session(base_url, screen, secret_key)
                _audit(command, environ, base_url + result.path, cookie, Path(directory),
                       result)
            except (RuntimeError, OSError, ValueError, subprocess.SubprocessError) as exc:
                result.error = str(exc).strip().splitlines()[-1][:200]
                progress(f"  {screen.name}: not measured: {result.error}")
                continue
            progress(f"  {screen.name}: "
                     + ", ".join(f"{c} {result.scores.get(c, 0):.2f}" for c in CATEGORIES))
    return run


def _audit(command, environ, url, cookie, directory, result):
    headers = directory / "headers.json"
    headers.write_text(json.dumps({"Cookie": f"{COOKIE}={cookie}"}))
    report = directory / "report.json"
    report.unlink(missing_ok=True)
    done = subprocess.run(
        [command, url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--extra-headers={headers}",
         f"--chrome-flags={CHROME_FLAGS}", "--disable-full-page-screenshot"],
        capture_output=True, text=True, env=environ, timeout=TIMEOUT, check=False)
    if done.returncode or not report.exists():
        raise RuntimeError(f"lighthouse exited with {done.returncode}: "
                           f"{(done.stderr or done.stdout).strip() or 'no report'}")
    lhr = json.loads(report.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(lhr["runtimeError"].get("message", "runtime error"))
    result.warnings = lhr.get("runWarnings", [])
    result.benchmark_index = lhr.get("environment", {}).get("benchmarkIndex") or 0.0
    work = lhr["audits"].get("mainthread-work-breakdown", {})
    result.main_thread_ms = work.get("numericValue") or 0.0
    groups = (work.get("details") or {}).get("items") or []
    if groups:
        result.main_thread_top = max(groups, key=lambda g: g["duration"])["groupLabel"]
    for category in CATEGORIES:
        found = lhr["categories"].get(category)
        if found is None or found.get("score") is None:
            continue
        result.scores[category] = found["score"]
        for ref in found["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                result.shortfalls.append(Shortfall(category, ref["id"], audit["title"],
                                                   audit["score"],
                                                   audit.get("displayValue", "")))
