"""bench/RESULTS.md from one run's figures: each beside its target, and every missed target
explained with the figures that explain it."""

import os
import platform
import re
import statistics
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bench import classroom
from bench.lighthouse import CATEGORIES, INSTALL
from bench.screens import FRAGMENT, PHONE, STAGE
from bench.servers import ROOT
from bench.wsgi import HELLO

KB = 1024

# The targets: issue 12's for the phone screens, the stage, their weight and Lighthouse;
# issue 7's for memory and Redis; the e2e suite's is that it has not grown since the last
# RESULTS.md before issue 12 (bench/README.md).
RATIO_MEDIAN, RATIO_LOWEST = 0.5, 0.4
STAGE_RATIO = 0.25
WEIGHT_KB, WIRE_KB = 24, 10
REQUESTS_COLD, REQUESTS_REPEAT, OTHER_HOSTS = 4, 1, 0
LIGHTHOUSE_SCORE = 0.95
SESSION_BYTES = 2 * KB
REDIS_RATIO = 0.7
SUITE_SECONDS = 180
SUITE_BEFORE = "the last RESULTS.md before issue 12, commit 7dcc37e"

FIX_NOTES = Path(__file__).with_name("profile_fix.md")
STYLESHEET = "static/css/phone.css"
CATEGORY_NAMES = {"performance": "performance", "accessibility": "accessibility",
                  "best-practices": "best practices", "seo": "SEO"}


@dataclass
class Results:
    screens: list
    missed: list
    parts: list
    settings: dict
    load_before: tuple
    memory: list = None
    weight: list = None
    throughput: list = None
    redis_missing: str = ""
    costs: dict = None
    profiles: list = field(default_factory=list)  # the slowest phone screen's, the stage's
    profile_file: Path = None
    lighthouse: object = None
    suite: object = None
    classes: object = None  # bench/classroom.py's ClassBench
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)  # part -> seconds
    load_after: tuple = ()


def shown(screen, path):
    return screen.label or path or screen.path


def mark(ok):
    return "✓" if ok else "✗ **missed**"


def slowest(found):
    """The screens to profile: the phone screen and the stage's page that take the most CPU
    time in process (the figure that other work on the machine moves least)."""
    kinds = {screen.name: screen.kind for screen in found.screens}
    names = []
    for wanted in ((PHONE,), (STAGE, FRAGMENT)):
        mine = [name for name in found.costs or {} if kinds.get(name) in wanted]
        if mine:
            names.append(max(mine, key=lambda name: found.costs[name][1]))
    return names


def _phone(rows):
    return [r for r in rows if r.screen.kind == PHONE]


def _stage(rows):
    return [r for r in rows if r.screen.html and r.screen.kind != PHONE]


# -- the page --------------------------------------------------------------------------------

def render(found):
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`, see [bench/README.md](README.md)); do not "
        "edit by hand. Every figure stands beside its target (issue 12's; issue 7's for "
        "memory and Redis; issue 21's for a class); ✓ met, ✗ missed, and every miss is "
        "explained under "
        "[Gaps](#gaps). A *phone screen* is a page of the product as a phone loads it; the "
        "*stage* is the trainer's (`/stage`: the phone in an iframe beside the panel, and "
        "`/stage/panel`, the panel its script fetches after every page of the phone).",
        "",
        *_machine(found),
        "",
        "## Summary",
        "",
        "| # | what | figure | target | |",
        "|---|---|---|---|---|",
        *_summary(found),
        "",
    ]
    for part, section in (("throughput", _throughput), ("weight", _weight),
                          ("memory", _memory), ("throughput", _redis), ("e2e", _suite),
                          ("profile", _profile), ("lighthouse", _lighthouse),
                          ("class", _classes)):
        if part in found.parts:
            out += section(found) + [""]
    out += _gaps(found)
    return "\n".join(out).rstrip() + "\n"


def _machine(found):
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip()
                      for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    settings = found.settings
    def load_average(values):
        return " ".join(f"{x:.1f}" for x in values)

    parts = ", ".join(f"{part} {seconds:.0f} s" for part, seconds in found.timings.items())
    lines = [
        f"- **Date**: {when}; the run took {found.seconds / 60:.1f} min ({parts}).",
        f"- **Machine**: {cores} cores{f' ({model})' if model else ''}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load average "
        f"{load_average(found.load_before)} when the run began, "
        f"{load_average(found.load_after)} when it ended (other work on a shared machine "
        "moves absolute figures; ratios taken in turns move much less, and ratios per "
        "second of the worker's CPU hardly at all).",
        f"- **Code**: {_commit()}.",
    ]
    if "throughput" in found.parts:
        lines.append(
            f"- **Load**: gunicorn, 1 worker × 4 threads (gthread) for every server; "
            f"{settings['generator']} with {settings['connections']} keep-alive connections, "
            f"{settings['seconds']} s per turn, {settings['rounds']} rounds of turns per "
            f"screen; all on 127.0.0.1.")
    return lines


def _commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "webapp", "templates",
                                "static"], cwd=ROOT, text=True, capture_output=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (" with uncommitted changes to the app" if dirty else "")


def _kb(size):
    return f"{size / KB:.1f} KB"


def _median(values):
    values = list(values)
    return statistics.median(values) if values else None


# -- summary ---------------------------------------------------------------------------------

def _measured(rows):
    return [r for r in rows or () if not r.error]


def _ratios(found):
    """(phone screens, the stage's) measured rows of section 1."""
    rows = [r for r in _measured(found.throughput) if r.ratio]
    return _phone(rows), _stage(rows)


def _pages(found):
    """(phone screens, the stage) measured rows of section 2."""
    rows = _measured(found.weight)
    return _phone(rows), [r for r in rows if r.screen.kind == STAGE]


def _summary(found):
    rows = []
    if "throughput" in found.parts:
        phone, stage = _ratios(found)
        if phone:
            low = min(phone, key=lambda r: r.ratio)
            middle = _median(r.ratio for r in phone)
            per_cpu = [r.cpu_ratio for r in phone if r.cpu_ratio]
            per_cpu = (f" (per CPU second: median {_median(per_cpu):.2f}, lowest "
                       f"{min(per_cpu):.2f})" if per_cpu else "")
            rows += [
                f"| 1 | phone screens' throughput / a bare Flask hello's, median{per_cpu} | "
                f"{middle:.2f} | ≥ {RATIO_MEDIAN} | {mark(middle >= RATIO_MEDIAN)} |",
                f"| 1 | phone screens' throughput / hello, lowest "
                f"(`{shown(low.screen, low.path)}`) | {low.ratio:.2f} | ≥ {RATIO_LOWEST} | "
                f"{mark(low.ratio >= RATIO_LOWEST)} |",
            ]
        else:
            rows.append("| 1 | phone screens' throughput | not measured | | |")
        if stage:
            low = min(stage, key=lambda r: r.ratio)
            each = ", ".join(f"`{shown(r.screen, r.path)}` {r.ratio:.2f}" for r in stage)
            rows.append(f"| 1 | the stage's throughput / hello, the lower ({each}) | "
                        f"{low.ratio:.2f} | ≥ {STAGE_RATIO} | {mark(low.ratio >= STAGE_RATIO)} |")
    if "weight" in found.parts:
        phone, _ = _pages(found)
        if phone:
            rows += _weight_summary(phone, found.weight)
    if "memory" in found.parts and found.memory:
        idle = found.memory[0]
        rows += [
            f"| 3 | memory per idle session, {idle.sessions:,} sessions "
            f"(`{idle.scenario}`, the default) | {idle.per_session:,.0f} B | "
            f"≤ {SESSION_BYTES:,} B | {mark(idle.per_session <= SESSION_BYTES)} |",
            *(f"| 3 | the store at its cap of {m.cap:,}, `{m.scenario}` accounts "
              f"(after {m.cap + m.cap // 10:,} sessions it holds {m.kept:,}) | "
              f"{m.total / KB / KB:.1f} MB | bounded by the cap | {mark(m.kept <= m.cap)} |"
              for m in found.memory),
        ]
    if "throughput" in found.parts:
        ratios = [r.redis_ratio for r in _measured(found.throughput) if r.redis_ratio]
        if ratios:
            middle, low = _median(ratios), min(ratios)
            rows.append(f"| 4 | Redis store's throughput / memory store's, median screen "
                        f"(lowest {low:.2f}) | {middle:.2f} | ≥ {REDIS_RATIO} | "
                        f"{mark(middle >= REDIS_RATIO)} |")
        else:
            rows.append(f"| 4 | Redis store's throughput / memory store's | not available: "
                        f"{found.redis_missing or 'nothing measured'} | ≥ {REDIS_RATIO} | |")
    if "e2e" in found.parts and found.suite:
        suite = found.suite
        rows.append(f"| 5 | e2e suite's wall time, `-n 2` ({suite.summary}) | "
                    f"{suite.seconds:.0f} s | ≤ {SUITE_SECONDS} s, not grown ({SUITE_BEFORE}) | "
                    f"{mark(suite.ok and suite.seconds <= SUITE_SECONDS)} |")
    if "profile" in found.parts:
        for p in found.profiles:
            rows.append(f"| 6 | {_what_profiled(found, p)} (`{p.name}`): CPU per request in "
                        f"process (a hello: {p.hello_ms:.2f} ms) | {p.ms:.2f} ms | profiled, "
                        f"fixed where safe | see [6](#6-profiles-of-the-slowest-screens) |")
    if "lighthouse" in found.parts and found.lighthouse:
        rows += _lighthouse_summary(found.lighthouse)
    if "class" in found.parts and found.classes:
        rows += _classes_summary(found.classes)
    return rows


def _weight_summary(phone, every):
    middle_total = _median(p.total for p in phone)
    middle_wire = _median(p.wire for p in phone)
    heavy = max(phone, key=lambda p: p.total)
    heavy_wire = max(phone, key=lambda p: p.wire)
    cold = max(phone, key=lambda p: p.requests)
    repeat = max(phone, key=lambda p: p.repeat_requests)
    away = sum(p.other_hosts for p in _measured(every))
    return [
        f"| 2 | phone screen, cold, uncompressed (HTML + CSS + JS + icons), median | "
        f"{_kb(middle_total)} | ≤ {WEIGHT_KB} KB | {mark(middle_total <= WEIGHT_KB * KB)} |",
        f"| 2 | the same, the heaviest (`{shown(heavy.screen, heavy.path)}`) | "
        f"{_kb(heavy.total)} | ≤ {WEIGHT_KB} KB | {mark(heavy.total <= WEIGHT_KB * KB)} |",
        f"| 2 | phone screen, cold, bytes on the wire (bodies as sent: zstd, brotli), median | "
        f"{_kb(middle_wire)} | ≤ {WIRE_KB} KB | {mark(middle_wire <= WIRE_KB * KB)} |",
        f"| 2 | the same, the heaviest (`{shown(heavy_wire.screen, heavy_wire.path)}`) | "
        f"{_kb(heavy_wire.wire)} | ≤ {WIRE_KB} KB | {mark(heavy_wire.wire <= WIRE_KB * KB)} |",
        f"| 2 | requests per phone screen, cold, the most (`{shown(cold.screen, cold.path)}`) | "
        f"{cold.requests} | ≤ {REQUESTS_COLD} | {mark(cold.requests <= REQUESTS_COLD)} |",
        f"| 2 | requests per phone screen, repeat visit, the most "
        f"(`{shown(repeat.screen, repeat.path)}`) | {repeat.repeat_requests} | "
        f"≤ {REQUESTS_REPEAT} | {mark(repeat.repeat_requests <= REQUESTS_REPEAT)} |",
        f"| 2 | requests to other hosts, every page | {away} | {OTHER_HOSTS} | "
        f"{mark(away == OTHER_HOSTS)} |",
    ]


def _lighthouse_summary(run):
    if not run.command:
        return [f"| 7 | Lighthouse (mobile), every category, each page | not run: "
                f"{run.missing} (`{INSTALL}`) | ≥ {LIGHTHOUSE_SCORE} | |"]
    pages = [p for p in run.pages if not p.error and p.scores]
    if not pages:
        return ["| 7 | Lighthouse (mobile) | no page measured | | |"]
    rows = []
    for category in CATEGORIES:
        scored = [p for p in pages if category in p.scores]
        low = min(scored, key=lambda p: p.scores[category])
        value = low.scores[category]
        under = sum(p.scores[category] < LIGHTHOUSE_SCORE for p in scored)
        rows.append(f"| 7 | Lighthouse (mobile) {CATEGORY_NAMES[category]}, the lowest page "
                    f"(`{shown(low.screen, low.path)}`; {under} of {len(scored)} under "
                    f"{LIGHTHOUSE_SCORE}) | {value:.2f} | ≥ {LIGHTHOUSE_SCORE} | "
                    f"{mark(value >= LIGHTHOUSE_SCORE)} |")
    return rows


def _what_profiled(found, profile):
    kinds = {screen.name: screen.kind for screen in found.screens}
    return ("the slowest phone screen" if kinds.get(profile.name) == PHONE
            else "the stage's slower page")


# -- sections --------------------------------------------------------------------------------

def _throughput(found):
    rows = found.throughput or []
    costs = found.costs or {}
    out = [
        "## 1. Throughput and latency of every screen",
        "",
        f"Each request carries the screen's session cookie. In turns: a bare Flask hello "
        f"(`{HELLO}`, in the same gunicorn process) then the screen, each round; the ratio is "
        f"the screen's requests per second over the hello's of the same round, the median "
        f"round shown; the targets are judged on it. *per CPU s*: the same ratio per second "
        f"of the gunicorn worker's CPU time instead of the clock's, which other programs on "
        f"the machine hardly move. Latencies are the screen's, under that load. *CPU ms*: "
        f"the app's own work per request, in process, without a server "
        f"(bench/profiling.py). The load asks for no compression, as before issue 12 "
        f"(section 6 gives what compressing the HTML adds).",
        "",
    ]
    phone, stage = _phone(rows), _stage(rows)
    others = [r for r in rows if not r.screen.html]
    out += [f"Phone screens (each ≥ {RATIO_LOWEST}, the median ≥ {RATIO_MEDIAN}):", "",
            *_throughput_table(phone, costs, RATIO_LOWEST)]
    measured = [r.ratio for r in _measured(phone) if r.ratio]
    if measured:
        middle = _median(measured)
        out += ["", f"Median phone screen: **{middle:.2f}** (target ≥ {RATIO_MEDIAN}) "
                    f"{mark(middle >= RATIO_MEDIAN)}."]
    out += ["", f"The stage (each ≥ {STAGE_RATIO}), and the JSON API for comparison:", "",
            *_throughput_table(stage + others, costs, STAGE_RATIO)]
    failed = sum(r.failed_answers for r in rows)
    out += ["", f"Answers other than 2xx/3xx, or socket errors, during the whole load: "
                f"{failed}."]
    if found.missed:
        out += ["", "GET routes not measured (add them to `bench/screens.py`): "
                + ", ".join(f"`{rule}`" for _, rule in found.missed) + "."]
    return out


def _throughput_table(rows, costs, target):
    out = [f"| screen | seeded | hello req/s | screen req/s | ratio (≥ {target}) | "
           f"per CPU s | p50 ms | p99 ms | CPU ms |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        name = shown(r.screen, r.path)
        cpu = costs.get(r.screen.name)
        cpu = f"{cpu[1]:.2f}" if cpu else ""
        if r.error or r.ratio is None:
            out.append(f"| `{name}` | {r.screen.scenario} | not measured: {r.error} | "
                       "| | | | | |")
            continue
        met = mark(r.ratio >= target) if r.screen.html else "(JSON, no target)"
        per_cpu = f"{r.cpu_ratio:.2f}" if r.cpu_ratio else ""
        out.append(f"| `{name}` | {r.screen.scenario} | {r.hello_rps:,.0f} | {r.rps:,.0f} | "
                   f"{r.ratio:.2f} {met} | {per_cpu} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
                   f"{cpu} |")
    return out


def _weight(found):
    pages = found.weight or []
    phone = _phone(pages)
    stage = [p for p in pages if p.screen.kind == STAGE]
    out = [
        "## 2. Weight of every page",
        "",
        "Chromium (e2e/browser.py's), a new context per page so the cache is cold, the "
        "seeded session's cookie; everything fetched until the network is idle. A phone "
        "screen in a phone's window (390×844, as the e2e tests' phones); the stage in a "
        "projector's (1920×1080), its phone's page and files counted with it. *uncompressed*: "
        "the bodies as the page reads them (a file named twice counted once); *on the wire*: "
        "the same bodies as they came (Chromium asks for zstd, brotli or gzip), and apart "
        "from them the responses' *headers*. *repeat*: the requests that still reach the "
        "server when the same page is opened again in the same context (hashed static files "
        "come from the cache).",
        "",
        f"| page | HTML (on the wire) | CSS | JS | icons | uncompressed (≤ {WEIGHT_KB} KB) | "
        f"on the wire (≤ {WIRE_KB} KB) | headers | requests, cold (≤ {REQUESTS_COLD}) | repeat "
        f"(≤ {REQUESTS_REPEAT}) | other hosts (0) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *(_weight_row(p, True) for p in phone),
    ]
    if phone:
        measured = _measured(phone)
        out += ["", f"Median phone screen: {_kb(_median(p.total for p in measured))} "
                    f"uncompressed, {_kb(_median(p.wire for p in measured))} on the wire, "
                    f"{_median(p.requests for p in measured):.0f} requests cold."]
    if stage:
        out += ["", "The stage (no weight target; the phone it shows is one of the screens "
                    "above):", "",
                "| page | HTML (on the wire) | CSS | JS | icons | uncompressed | on the wire | "
                "headers | requests, cold | repeat | other hosts (0) |",
                "|---|---|---|---|---|---|---|---|---|---|---|",
                *(_weight_row(p, False) for p in stage)]
    return out


def _weight_row(p, targets):
    name = shown(p.screen, p.path)
    if p.error:
        return f"| `{name}` | not measured: {p.error} | | | | | | | | | |"

    def judged(text, ok):
        return f"{text} {mark(ok)}" if targets else text

    kinds, wire = p.bytes_by_kind, p.wire_by_kind
    cells = [f"{_kb(kinds.get(kind, 0))} ({_kb(wire.get(kind, 0))})" if kinds.get(kind)
             else "0" for kind in ("html", "css", "js", "images")]
    return (f"| `{name}` | {' | '.join(cells)} | "
            f"{judged(_kb(p.total), p.total <= WEIGHT_KB * KB)} | "
            f"{judged(_kb(p.wire), p.wire <= WIRE_KB * KB)} | {_kb(p.headers)} | "
            f"{judged(str(p.requests), p.requests <= REQUESTS_COLD)} | "
            f"{judged(str(p.repeat_requests), p.repeat_requests <= REQUESTS_REPEAT)} | "
            f"{p.other_hosts} {mark(p.other_hosts == 0)} |")


def _memory(found):
    out = [
        "## 3. Memory of the in-memory store",
        "",
        "tracemalloc, in process: the store's growth while sessions are opened as the app "
        "opens them (a new key, the account saved as JSON text), divided by their number; then "
        "10 % more sessions than the cap, to see it hold.",
        "",
        "| accounts | sessions | per session (≤ 2,048 B for an idle one) | store total | "
        "after 10 % past the cap | account JSON | as a Python str |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in found.memory or []:
        idle = m.scenario == found.memory[0].scenario
        verdict = f" {mark(m.per_session <= SESSION_BYTES)}" if idle else ""
        out.append(f"| `{m.scenario}`{' (default: an idle visitor)' if idle else ' (largest)'} "
                   f"| {m.sessions:,} | {m.per_session:,.0f} B{verdict} | "
                   f"{m.total / KB / KB:.1f} MB | {m.total_past_cap / KB / KB:.1f} MB, "
                   f"{m.kept:,} kept | {m.text_chars:,} characters | {m.text_bytes:,} B |")
    return out


def _redis(found):
    out = ["## 4. The Redis store against the memory store", ""]
    ratios = [(r, r.redis_ratio) for r in _measured(found.throughput) if r.redis_ratio]
    if not ratios:
        return out + [f"Not available: {found.redis_missing or 'nothing was measured'}. "
                      "It runs when redis-server is installed and the app takes a "
                      "`redis://` ACCOUNT_STORE_URL."]
    out += [
        "The same screens on a second gunicorn (the same 1 worker × 4 threads) whose "
        "ACCOUNT_STORE_URL is a redis-server of the run's own on 127.0.0.1, in the same turns "
        "as section 1: the ratio is the Redis server's requests per second over the memory "
        "server's, within a round. The target is judged on the median screen.",
        "",
        f"| screen | memory req/s | Redis req/s | Redis / memory (≥ {REDIS_RATIO}) |",
        "|---|---|---|---|",
    ]
    for r, ratio in ratios:
        out.append(f"| `{shown(r.screen, r.path)}` | {r.rps:,.0f} | {r.redis_rps:,.0f} | "
                   f"{ratio:.2f} {mark(ratio >= REDIS_RATIO)} |")
    middle = _median(ratio for _, ratio in ratios)
    return out + ["", f"Median: **{middle:.2f}** {mark(middle >= REDIS_RATIO)}."]


def _suite(found):
    suite = found.suite
    if suite is None:
        return []
    note = "" if suite.xdist else " pytest-xdist is missing, so it was not run."
    return [
        "## 5. The e2e suite's wall time",
        "",
        f"`python -m pytest -n 2 e2e` (pytest-xdist, two workers, as `make test` runs it), "
        f"from start to exit: **{suite.seconds:.1f} s** (target: not grown from "
        f"{SUITE_SECONDS} s, {SUITE_BEFORE}) "
        f"{mark(suite.ok and suite.seconds <= SUITE_SECONDS)}; pytest said: "
        f"`{suite.summary}`.{note}",
        *_suite_slowest(suite),
    ]


def _suite_slowest(suite):
    if not suite.slowest:
        return []
    return [
        "",
        f"The tests' own time (setup, call and teardown, from `--durations`), added up over "
        f"both workers, is {suite.test_seconds:.0f} s; the slowest:",
        "",
        "| test | s | share |",
        "|---|---|---|",
        *(f"| `{name.removeprefix('e2e/')}` | {seconds:.1f} | "
          f"{seconds / suite.test_seconds:.0%} |" for seconds, name in suite.slowest),
    ]


def _profile(found):
    if not found.profiles:
        return []
    out = [
        "## 6. Profiles of the slowest screens",
        "",
        "CPU time per request in process (Flask's test client, the thread's CPU time, "
        "median of batches) of every screen is section 1's *CPU ms*; the slowest phone "
        "screen and the stage's slower page are profiled here, each requested 300 times; "
        f"the full trees are in [{found.profile_file.name}]({found.profile_file.name}).",
    ]
    for p in found.profiles:
        out += [
            "",
            f"### {_what_profiled(found, p).capitalize()}: `{p.name}`",
            "",
            f"**{p.ms:.2f} ms** a request; {p.ms_compressed:.2f} ms when it asks for "
            f"compression as Chromium does (`{_encodings()}`: the HTML compressed by "
            f"Flask-Compress, {p.ms_compressed - p.ms:+.2f} ms); a bare Flask hello takes "
            f"{p.hello_ms:.2f} ms the same way. Where the time goes ({p.profiler}):",
            "",
            "| part of the request | share |",
            "|---|---|",
            *(f"| {label} | {share:.0%} |" for label, share in p.parts),
            *(f"| … of which: {label} | {share:.0%} |" for label, share in p.within),
            "",
            "| spent in (own time, callees' time to each callee) | share |",
            "|---|---|",
            *(f"| {label} | {share:.0%} |" for label, share in p.libraries),
        ]
    if FIX_NOTES.exists():
        out += ["", FIX_NOTES.read_text(encoding="utf-8").strip()]
    return out


def _encodings():
    from bench.profiling import BROWSER_ENCODINGS

    return BROWSER_ENCODINGS["Accept-Encoding"]


def _lighthouse(found):
    run = found.lighthouse
    out = ["## 7. Lighthouse (mobile)", ""]
    if run is None:
        return []
    if not run.command:
        return out + [
            f"Not run: Lighthouse was not found ({run.missing}). Install it with "
            f"`{INSTALL}` (Node.js 18 or later), or name its command in LIGHTHOUSE "
            "(`LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse make bench`); it starts the "
            "Chromium in CHROME_PATH, or else the one the e2e tests use."]
    benchmark = [p.benchmark_index for p in run.pages if p.benchmark_index]
    out += [
        f"Lighthouse {run.version} (`{run.command}`), its defaults: a phone (Moto G Power, "
        f"412×823) on a slow 4G with a 4× slower CPU, simulated from one unthrottled load; "
        f"the four categories; each page loaded once in a Chromium of its own, with the "
        f"seeded session's cookie as a header. On a phone's screen the stage is the panel "
        f"alone (its phone still loads, hidden). The performance score is the one a busy "
        f"machine moves: the simulation scales what the page's main thread took, and the "
        f"machine's CPU benchmark (Lighthouse's BenchmarkIndex) was "
        + (f"{_span(benchmark)} during the run" if benchmark else "not reported")
        + " (Lighthouse warns under 1,000 that the device is slower than it expects).",
        "",
        "| page | performance | accessibility | best practices | SEO | weighted audits "
        "under 1 |",
        "|---|---|---|---|---|---|",
    ]
    for p in run.pages:
        name = shown(p.screen, p.path)
        if p.error:
            out.append(f"| `{name}` | not measured: {p.error} | | | | |")
            continue
        scores = " | ".join(
            f"{p.scores[c]:.2f}{'' if p.scores[c] >= LIGHTHOUSE_SCORE else ' ✗'}"
            if c in p.scores else "" for c in CATEGORIES)
        short = ", ".join(f"{s.audit} {s.score:.2f}" + (f" ({s.value})" if s.value else "")
                          for s in p.shortfalls)
        out.append(f"| `{name}` | {scores} | {short} |")
    return out


# -- gaps ------------------------------------------------------------------------------------

def _gaps(found):
    out = ["## Gaps", ""]
    text = []
    text += _throughput_gap(found)
    text += _weight_gap(found)
    text += _memory_gap(found)
    text += _redis_gap(found)
    if found.suite and not (found.suite.ok and found.suite.seconds <= SUITE_SECONDS):
        text += _suite_gap(found.suite)
    text += _lighthouse_gap(found)
    text += _classes_gap(found)
    return out + (text or ["None: every target measured was met."])


def _suite_gap(suite):
    out = (f"**e2e suite (5).** {suite.summary}; {suite.seconds:.0f} s from start to exit, "
           f"against {SUITE_SECONDS} s in {SUITE_BEFORE}.")
    axe = [(t, name) for t, name in suite.slowest if "test_accessibility" in name]
    if suite.test_seconds:
        every = sum(t for t, _ in axe)
        out += (
            f" The tests' own time, added up over both workers, is "
            f"{suite.test_seconds:.0f} s for {_passed(suite.summary)} tests"
            + (f"; the axe audits of every screen in six modes take {every:.0f} s of it "
               f"({every / suite.test_seconds:.0%})" if axe else "")
            + ". The suite shares two cores with the app it drives and with whatever else "
            "runs on the machine (the load average is above, when the run began and ended): "
            "a wall time moves with that, the run's other figures being ratios taken in "
            "turns. What issue 12 added to the suite is the stage's own tests "
            "(e2e/test_stage.py) and the panel driven through the stage.")
    return [out, ""]


def _passed(summary):
    found = re.search(r"(\d+) passed", summary)
    return int(found[1]) if found else 0


def _throughput_gap(found):
    phone, stage = _ratios(found)
    out = []
    phone_missed = phone and (_median(r.ratio for r in phone) < RATIO_MEDIAN
                              or min(r.ratio for r in phone) < RATIO_LOWEST)
    stage_missed = stage and min(r.ratio for r in stage) < STAGE_RATIO
    profiles = {_what_profiled(found, p): p for p in found.profiles}
    costs = found.costs or {}
    if phone_missed:
        hello_rps = _median(r.hello_rps for r in phone)
        hello_ms = 1000 / hello_rps
        screen_ms = 1000 / _median(r.rps for r in phone)
        text = (
            f"**Phone screens' throughput (1).** Under the load, the hello answers "
            f"{hello_rps:,.0f} requests a second, {hello_ms:.2f} ms of the worker each (the "
            f"HTTP request and response, gunicorn's thread, WSGI). A screen at "
            f"{RATIO_MEDIAN} of that may spend {(1 / RATIO_MEDIAN - 1) * hello_ms:.2f} ms more "
            f"than the hello, at {RATIO_LOWEST} {(1 / RATIO_LOWEST - 1) * hello_ms:.2f} ms; "
            f"the median phone screen takes {screen_ms:.2f} ms, "
            f"{screen_ms - hello_ms:.2f} ms more.")
        in_process = [costs[r.screen.name][1] for r in phone if r.screen.name in costs]
        p = profiles.get("the slowest phone screen")
        if in_process and p:
            text += (
                f" In process, without a server, the median phone screen's own work is "
                f"{_median(in_process):.2f} ms and a hello's {p.hello_ms:.2f} ms: the "
                f"difference, {_median(in_process) - p.hello_ms:.2f} ms, is what the screens "
                f"add, and it is the app's. " + _where(p))
        out += [text, "", _speed_done(found), ""]
    if stage_missed:
        p = profiles.get("the stage's slower page")
        low = min(stage, key=lambda r: r.ratio)
        text = (f"**The stage's throughput (1).** `{shown(low.screen, low.path)}` reaches "
                f"{low.ratio:.2f} of the hello.")
        if p:
            text += " " + _where(p)
        out += [text, ""]
    return out


def _speed_done(found):
    catalogue = max((share for p in found.profiles for label, share in p.within
                     if label.startswith("WTForms")), default=0)
    text = (
        "Done in issue 12, with its before and after under 6: the trainer's panel off the "
        "phone's pages (it was 58% of the slowest screen), WTForms' catalogue no longer "
        "loaded by every screen, a plain dict for Jinja's globals; then translations through "
        "the request's catalogue bound once, in templates (one call a _() instead of three "
        "context calls) and in Python (Flask-Babel's gettext found the catalogue again on "
        "every call, forty times the lookup), Flask-Babel given a Locale rather than a code "
        "to parse, the session's serializer made once, hooks not re-inspected, the account "
        "read by builders made once per class, the status words of the records and 还款 "
        "worked out in Python a row at a time, and a tour's hint and bar left out of pages "
        "without a tour. What is left is what a screen is: a template of dozens of "
        "translated, escaped strings and component macros, each a Jinja call, a signed "
        "session cookie read, the account loaded from JSON into domain objects, "
        "CSRF-protected forms, werkzeug's routing and request objects; a hello does none of "
        "it.")
    if catalogue >= 0.03:
        text += (
            f" One thing the profile still shows to fix, in the app rather than the bench: "
            f"Flask-WTF's i18n loads and parses WTForms' own catalogue (`wtforms.mo`) again "
            f"for every request that builds a form (up to {catalogue:.0%} of a profiled "
            f"page); loaded once per process and language, as the app's own catalogue now "
            f"is, it would go.")
    return text


def _span(values, digits=0):
    low, high = min(values), max(values)
    return f"{low:,.{digits}f}" if low == high else f"{low:,.{digits}f}–{high:,.{digits}f}"


def _where(p):
    """Where the profile of ``p`` says its time goes, in a sentence or three."""
    parts = "; ".join(f"{label} {share:.0%}" for label, share in p.parts)
    libraries = ", ".join(f"{label.split(' (')[0]} {share:.0%}"
                          for label, share in p.libraries[:-1] if share >= 0.03)
    text = (f"The profile of `{p.name}` (6, {p.ms:.2f} ms a request) says where: {parts}; "
            f"by library, {libraries}.")
    within = [(label, share) for label, share in p.within if share >= 0.03]
    if within:
        text += " Inside those, " + "; ".join(f"{label}: {share:.0%}"
                                               for label, share in within) + "."
    return text


def _weight_gap(found):
    phone, _ = _pages(found)
    if not phone:
        return []
    heavy = [p for p in phone if p.total > WEIGHT_KB * KB]
    wide = [p for p in phone if p.wire > WIRE_KB * KB]
    cold = [p for p in phone if p.requests > REQUESTS_COLD]
    repeat = [p for p in phone if p.repeat_requests > REQUESTS_REPEAT]
    out = []
    if heavy:
        css = _median(p.bytes_by_kind.get("css", 0) for p in phone)
        js = _median(p.bytes_by_kind.get("js", 0) for p in phone)
        html = _median(p.bytes_by_kind.get("html", 0) for p in phone)
        left = WEIGHT_KB * KB - css - js

        def why(p):
            reasons = []
            if p.bytes_by_kind.get("html", 0) > left:
                reasons.append(f"its HTML {_kb(p.bytes_by_kind['html'])}, "
                               f"{p.bytes_by_kind['html'] / html:.1f}× the median's")
            if p.bytes_by_kind.get("css", 0) > css:
                reasons.append(f"tour.css {_kb(p.bytes_by_kind['css'] - css)} besides")
            return "; ".join(reasons) or f"its HTML {_kb(p.bytes_by_kind.get('html', 0))}"

        text = (
            f"**Weight, uncompressed (2).** {len(heavy)} of {len(phone)} phone screens weigh "
            f"more than {WEIGHT_KB} KB cold. Every screen loads {STYLESHEET} ({_kb(css)} "
            f"minified) and app.js ({_kb(js)}): {_kb(css + js)} before its own HTML, "
            f"{(css + js) / (WEIGHT_KB * KB):.0%} of the budget, which leaves {_kb(left)} "
            f"for the HTML; the median screen's HTML is {_kb(html)}. Over the budget: "
            + "; ".join(f"`{shown(p.screen, p.path)}` {_kb(p.total)} ({why(p)})"
                        for p in sorted(heavy, key=lambda p: p.total, reverse=True))
            + ". A screen whose HTML is over what is left is a long one: each is seeded with "
            "its scenario's account (`busy`: three loans on two cards, their plans and "
            "events), and a list of them, a form with its choices or a page of text take "
            "more than the phone's chrome does. A tour's pages load tour.css too, for the "
            "ring, the hint and the bar.")
        out += [text, ""]
    if wide:
        out += [
            f"**Weight on the wire (2).** {len(wide)} of {len(phone)} phone screens send more "
            f"than {WIRE_KB} KB: "
            + ", ".join(f"`{shown(p.screen, p.path)}` {_kb(p.wire)} (HTML "
                        f"{_kb(p.wire_by_kind.get('html', 0))}, CSS "
                        f"{_kb(p.wire_by_kind.get('css', 0))})" for p in wide) + ".",
            ""]
    if cold or repeat:
        out += [
            "**Requests (2).** "
            + " ".join(f"`{shown(p.screen, p.path)}` makes {p.requests} requests cold "
                       f"({', '.join(f'`{f}`' for f in p.files)}) and {p.repeat_requests} "
                       f"again." for p in sorted(set(cold) | set(repeat),
                                                 key=lambda p: p.screen.name)),
            ""]
    return out


def _lighthouse_gap(found):
    run = found.lighthouse
    if run is None or "lighthouse" not in found.parts:
        return []
    if not run.command:
        return [f"**Lighthouse (7).** Not run here: {run.missing}. `{INSTALL}`, then "
                "`make bench` again.", ""]
    pages = [p for p in run.pages if not p.error and p.scores]
    out = []
    for category in CATEGORIES:
        under = [p for p in pages if p.scores.get(category, 1) < LIGHTHOUSE_SCORE]
        if not under:
            continue
        audits = {}
        for p in under:
            for s in p.shortfalls:
                if s.category == category:
                    audits.setdefault(s.audit, []).append(s)
        text = (f"**Lighthouse {CATEGORY_NAMES[category]} (7).** {len(under)} of "
                f"{len(pages)} pages under {LIGHTHOUSE_SCORE}: "
                + ", ".join(f"`{shown(p.screen, p.path)}` {p.scores[category]:.2f}"
                            for p in under)
                + ". The audits that fell short on them: "
                + "; ".join(f"{audit} on {len(found_on)} ({_value_range(found_on)})"
                            for audit, found_on in sorted(audits.items(),
                                                          key=lambda item: -len(item[1])))
                + ".")
        if category == "performance":
            text += " " + _performance_why(under)
        out += [text, ""]
    return out


def _value_range(shortfalls):
    values = [s.value for s in shortfalls if s.value]
    scores = [s.score for s in shortfalls]
    span = (f"{min(scores):.2f}" if min(scores) == max(scores)
            else f"{min(scores):.2f}–{max(scores):.2f}")
    return f"scores {span}" + (f", {values[0]}" if len(values) == 1 else
                               f", {values[0]} to {values[-1]}" if values else "")


def _performance_why(pages):
    busiest = max(pages, key=lambda p: p.main_thread_ms)
    benchmark = [p.benchmark_index for p in pages if p.benchmark_index]
    return (
        f"These are timings simulated from what the page's main thread did in this "
        f"Chromium, scaled by the machine's speed: the main thread took "
        f"{_median(p.main_thread_ms for p in pages) / 1000:.1f} s (median of these pages; "
        f"`{shown(busiest.screen, busiest.path)}` {busiest.main_thread_ms / 1000:.1f} s, "
        f"most of it {busiest.main_thread_top}), and Lighthouse's BenchmarkIndex was "
        + (_span(benchmark) if benchmark else "not reported")
        + " while other work shared the two cores; the same page scores differently from "
        "run to run on this machine, the other three categories do not.")


def _memory_gap(found):
    if not found.memory or found.memory[0].per_session <= SESSION_BYTES:
        return []
    m = found.memory[0]
    return [f"**Memory (3).** {m.per_session:,.0f} B per idle session, of which the account's "
            f"JSON text is {m.text_bytes:,} B as a Python str ({m.text_chars:,} characters).",
            ""]


def _redis_gap(found):
    ratios = [r.redis_ratio for r in _measured(found.throughput) if r.redis_ratio]
    if not ratios or _median(ratios) >= REDIS_RATIO:
        return []
    return [f"**Redis (4).** The median screen on Redis runs at {_median(ratios):.2f} of the "
            "memory store: each request reads the account over a socket (HMGET and EXPIRE in "
            "one pipeline) where the memory store reads a dict.", ""]


# -- 8. a class as large as the server allows -----------------------------------------------------

def _ms(figures):
    wall, cpu = figures
    return f"{wall:.1f} ms ({cpu:.1f} ms CPU)"


def _classes_summary(bench):
    if bench.missing:
        return [f"| 8 | a class of {classroom.TRAINEES} | not available: {bench.missing} | | |"]
    rows = []
    load, costs = bench.load, bench.costs
    if load:
        rows += [
            f"| 8 | a class of {load.trainees} on `make serve` (2 workers) and Redis: p99 of "
            f"every request (joins p99 {load.kinds['join'].p99_ms:.0f} ms) | "
            f"{load.p99_ms:.0f} ms | < {classroom.P99_MS} ms | "
            f"{mark(load.p99_ms < classroom.P99_MS)} |",
            f"| 8 | the same, answers that were not the expected one | {load.error_count} | 0 | "
            f"{mark(load.error_count == 0)} |",
        ]
    if costs:
        for what, figures in (("joining", costs.join), ("starting an exercise", costs.start)):
            ratio = costs.ratio(figures)
            rows.append(f"| 8 | a trainee's {what} in a class of {max(figures)} / of "
                        f"{min(figures)}, CPU per request | {ratio:.2f} | ≤ "
                        f"{classroom.SAME_COST} (the same) | "
                        f"{mark(ratio <= classroom.SAME_COST)} |")
        for label, what in (("table", "the dashboard's table"),
                            ("steps", "its step-by-step counts")):
            table = costs.dashboard.get(("Redis", label))
            if table is None:  # measured before the dashboard had them
                continue
            rows.append(f"| 8 | {what}, {classroom.TRAINEES} trainees, Redis: server "
                        f"time, in process ({table[0]:.1f} ms by the clock) | {table[1]:.1f} ms "
                        f"CPU | < {classroom.DASHBOARD_MS} ms | "
                        f"{mark(table[1] < classroom.DASHBOARD_MS)} |")
    return rows


def _classes(found):
    bench = found.classes
    out = ["## 8. A class as large as the server allows", ""]
    if bench is None or bench.missing:
        return out + [f"Not available: {bench.missing if bench else 'not measured'}."]
    load, costs = bench.load, bench.costs
    out += [
        f"`make serve` as a room runs it: the project's gunicorn.conf.py, "
        f"{classroom.WORKERS} workers of {classroom.THREADS} threads, on a redis-server of the "
        f"run's own; {load.trainees} phones, each a thread with its own session, join at a "
        f"random moment of the first {classroom.JOIN_SECONDS} s (the join page, then the "
        f"form), then work through an exercise by its shortest route (half 关闭自动还款, half "
        f"关闭微粒贷) with a tap every {classroom.TAP_SECONDS[0]:.0f} to "
        f"{classroom.TAP_SECONDS[1]:.0f} s; the trainer's dashboard fetches its table every "
        f"{classroom.REFRESH_SECONDS} s meanwhile. The load generator runs on the same 2 "
        "cores as the server and Redis.",
        "",
        f"{load.requests:,} requests in {load.seconds:.0f} s; {load.finished} of "
        f"{load.trainees} exercises ended completed; the workers used "
        f"{load.server_cpu_seconds:.1f} s of CPU, the phones (this process's threads) "
        f"{load.generator_cpu_seconds:.1f} s; the machine's load average was "
        f"{load.load_average[0]:.1f} when it began and {load.load_average[1]:.1f} when it "
        "ended (2 cores: above 2, runnable work waits for a core).",
        "",
        "| requests | count | p50 | p99 |",
        "|---|---|---|---|",
    ]
    names = {"join": "joining (the page and the form)", "page": "a page of the exercise",
             "action": "starting it, and the form that ends it", "dashboard": "the dashboard's table"}
    for kind, figures in load.kinds.items():
        out.append(f"| {names[kind]} | {figures.count:,} | {figures.p50_ms:.1f} ms | "
                   f"{figures.p99_ms:.1f} ms |")
    out.append(f"| **every request** | {load.requests:,} | {load.p50_ms:.1f} ms | "
               f"**{load.p99_ms:.1f} ms** {mark(load.p99_ms < classroom.P99_MS)} |")
    if load.errors:
        out += ["", "Answers that were not the expected one (the first few): "
                + "; ".join(f"{what}: {why}" for what, why in load.errors) + "."]
    else:
        out += ["", "Every answer was the expected one (0 errors)."]
    if costs:
        out += [
            "",
            f"In process, on the same Redis, the median of {costs.samples} requests each: "
            "by the clock, and (in brackets) the CPU time of the thread that served it, which "
            "other work on the machine hardly moves. New trainees join a class of "
            f"{classroom.SMALL} and one of {classroom.TRAINEES - costs.samples} in turns "
            f"(so the first has {classroom.SMALL + costs.samples} at the end, the second "
            f"{classroom.TRAINEES}), and each starts an exercise, which writes their record in "
            "the class. Both read the class's record and write only the trainee's own (the "
            "roster is a list and a hash beside it, one Lua script a join), so they cost the "
            "same whatever the class's size:",
            "",
            "| a trainee's request | " + " | ".join(f"class of {size}" for size in
                                                   sorted(costs.join)) + " | ratio |",
            "|---|---|---|---|",
        ]
        for what, figures in (("joining (POST /join/<code>)", costs.join),
                              ("starting an exercise (POST /practice/<id>/start)", costs.start)):
            out.append(f"| {what} | " + " | ".join(_ms(figures[size]) for size in sorted(figures))
                       + f" | {costs.ratio(figures):.2f} {mark(costs.ratio(figures) <= classroom.SAME_COST)} |")
        out += [
            "",
            f"The dashboard of a class of {classroom.TRAINEES} trainees, each with one to four "
            f"attempts ({costs.html_kb:.0f} KB of HTML, before compression):",
            "",
            "| store | the table (GET /classes/<code>/live) | the page (GET /classes/<code>) "
            "| each step's count (GET /classes/<code>/live?view=steps) |",
            "|---|---|---|---|",
        ]
        for store in ("Redis", "memory"):
            steps = costs.dashboard.get((store, "steps"))
            out.append(f"| {store} | {_ms(costs.dashboard[(store, 'table')])} | "
                       f"{_ms(costs.dashboard[(store, 'page')])} | "
                       f"{_ms(steps) if steps else '–'} |")
    return out


def _classes_gap(found):
    bench = found.classes
    if not bench or bench.missing or not bench.load:
        return []
    out = []
    load = bench.load
    if not load.ok:
        slowest = max(load.kinds.items(), key=lambda item: item[1].p99_ms)
        out += [f"**A class (8).** {load.trainees} trainees: p99 {load.p99_ms:.0f} ms, "
                f"{load.error_count} errors; the slowest kind was {slowest[0]} "
                f"(p99 {slowest[1].p99_ms:.0f} ms). The load generator's threads share the 2 "
                "cores with the server and Redis.", ""]
    costs = bench.costs
    for label, what in (("table", "its table"), ("steps", "each step's count")):
        figures = costs.dashboard.get(("Redis", label)) if costs else None
        if figures and figures[1] >= classroom.DASHBOARD_MS:
            out += [f"**The dashboard (8).** {what}: {_ms(figures)} for "
                    f"{classroom.TRAINEES} trainees.", ""]
    return out
