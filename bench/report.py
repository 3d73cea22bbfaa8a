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

from bench.servers import ROOT
from bench.wsgi import HELLO

KB = 1024

# The targets (bench/README.md says where they come from).
RATIO_EACH, RATIO_MEDIAN = 0.6, 0.75
WEIGHT_KB, WEIGHT_REQUESTS, OTHER_HOSTS = 30, 4, 0
SESSION_BYTES = 2 * KB
REDIS_RATIO = 0.7
SUITE_SECONDS = 60

FIX_NOTES = Path(__file__).with_name("profile_fix.md")
STYLESHEET = ROOT / "static" / "css" / "app.css"


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
    profile: object = None
    profile_file: Path = None
    suite: object = None
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)  # part -> seconds
    load_after: tuple = ()


def shown(screen, path):
    return screen.label or path or screen.path


def mark(ok):
    return "✓" if ok else "✗ **missed**"


def slowest(found):
    """The screen to profile: the one that takes the most CPU time in process (the figure
    that other work on the machine moves least)."""
    if found.costs:
        return max(found.costs, key=lambda name: found.costs[name][1])
    return None


# -- the page --------------------------------------------------------------------------------

def render(found):
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`, see [bench/README.md](README.md)); do not "
        "edit by hand. Every figure stands beside its target from issue 7; ✓ met, ✗ missed, "
        "and every miss is explained under [Gaps](#gaps).",
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
                          ("profile", _profile)):
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


def _summary(found):
    rows = []
    if "throughput" in found.parts:
        screens = [r for r in _measured(found.throughput) if r.screen.html and r.ratio]
        if screens:
            low = min(screens, key=lambda r: r.ratio)
            middle = _median(r.ratio for r in screens)
            per_cpu = [r.cpu_ratio for r in screens if r.cpu_ratio]
            per_cpu = (f" (per CPU second: lowest {min(per_cpu):.2f}, median "
                       f"{_median(per_cpu):.2f})" if per_cpu else "")
            rows += [
                f"| 1 | throughput, the lowest screen's ratio to a bare Flask hello "
                f"(`{shown(low.screen, low.path)}`) | {low.ratio:.2f} | ≥ {RATIO_EACH} | "
                f"{mark(low.ratio >= RATIO_EACH)} |",
                f"| 1 | throughput, the median screen's ratio to hello{per_cpu} | "
                f"{middle:.2f} | ≥ {RATIO_MEDIAN} | {mark(middle >= RATIO_MEDIAN)} |",
            ]
        else:
            rows.append("| 1 | throughput | not measured | | |")
    if "weight" in found.parts:
        pages = _measured(found.weight)
        pages = [p for p in pages if p.screen.html]
        if pages:
            heavy = max(pages, key=lambda p: p.total)
            busy = max(pages, key=lambda p: p.requests)
            away = sum(p.other_hosts for p in pages)
            rows += [
                f"| 2 | weight, the heaviest screen, cold cache, uncompressed "
                f"(`{shown(heavy.screen, heavy.path)}`) | {_kb(heavy.total)} | "
                f"≤ {WEIGHT_KB} KB | {mark(heavy.total <= WEIGHT_KB * KB)} |",
                f"| 2 | requests, the most of any screen (`{shown(busy.screen, busy.path)}`) | "
                f"{busy.requests} | ≤ {WEIGHT_REQUESTS} | "
                f"{mark(busy.requests <= WEIGHT_REQUESTS)} |",
                f"| 2 | requests to other hosts, all screens | {away} | {OTHER_HOSTS} | "
                f"{mark(away == OTHER_HOSTS)} |",
            ]
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
                    f"{suite.seconds:.0f} s | ≤ {SUITE_SECONDS} s | "
                    f"{mark(suite.ok and suite.seconds <= SUITE_SECONDS)} |")
    if "profile" in found.parts and found.profile:
        p = found.profile
        panel = dict(p.parts).get("the control panel (templates/panel/)", 0)
        rows.append(f"| 6 | the slowest screen (`{p.name}`): CPU per request in process, "
                    f"{panel:.0%} of it the control panel | {p.ms:.1f} ms | "
                    f"profiled, fixed where safe | see [6](#6-profile-of-the-slowest-screen) |")
    return rows


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
        f"(bench/profiling.py).",
        "",
        f"| screen | seeded | hello req/s | screen req/s | ratio (≥ {RATIO_EACH}) | "
        f"per CPU s | p50 ms | p99 ms | CPU ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        name = shown(r.screen, r.path)
        cpu = costs.get(r.screen.name)
        cpu = f"{cpu[1]:.2f}" if cpu else ""
        if r.error or r.ratio is None:
            out.append(f"| `{name}` | {r.screen.scenario} | not measured: {r.error} | "
                       "| | | | | |")
            continue
        met = mark(r.ratio >= RATIO_EACH) if r.screen.html else "(JSON, not a screen)"
        per_cpu = f"{r.cpu_ratio:.2f}" if r.cpu_ratio else ""
        out.append(f"| `{name}` | {r.screen.scenario} | {r.hello_rps:,.0f} | {r.rps:,.0f} | "
                   f"{r.ratio:.2f} {met} | {per_cpu} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
                   f"{cpu} |")
    screens = [r.ratio for r in _measured(rows) if r.screen.html and r.ratio]
    if screens:
        middle = _median(screens)
        out += ["", f"Median screen: **{middle:.2f}** (target ≥ {RATIO_MEDIAN}) "
                    f"{mark(middle >= RATIO_MEDIAN)}."]
    failed = sum(r.failed_answers for r in rows)
    out += ["", f"Answers other than 2xx/3xx, or socket errors, during the whole load: "
                f"{failed}."]
    if found.missed:
        out += ["", "GET routes not measured (add them to `bench/screens.py`): "
                + ", ".join(f"`{rule}`" for _, rule in found.missed) + "."]
    return out


def _weight(found):
    out = [
        "## 2. Weight of every screen",
        "",
        "Chromium (e2e/browser.py's), a new context per screen so the cache is cold, a "
        "1280×900 window (the phone with the trainer's panel beside it), the seeded session's "
        "cookie; everything fetched until the network is idle. Bytes are the bodies as the "
        "page gets them, uncompressed (the app sends nothing compressed). *panel*: the part "
        "of the HTML that is the trainer's control panel.",
        "",
        f"| screen | HTML (panel) | CSS | JS | images | total (≤ {WEIGHT_KB} KB) | "
        f"requests (≤ {WEIGHT_REQUESTS}) | other hosts (0) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in found.weight or []:
        if not p.screen.html:
            continue
        name = shown(p.screen, p.path)
        if p.error:
            out.append(f"| `{name}` | not measured: {p.error} | | | | | | |")
            continue
        kinds = p.bytes_by_kind
        out.append(
            f"| `{name}` | {_kb(kinds.get('html', 0))} ({_kb(p.panel_bytes)}) | "
            f"{_kb(kinds.get('css', 0))} | {_kb(kinds.get('js', 0))} | "
            f"{_kb(kinds.get('images', 0))} | {_kb(p.total)} {mark(p.total <= WEIGHT_KB * KB)} | "
            f"{p.requests} {mark(p.requests <= WEIGHT_REQUESTS)} | "
            f"{p.other_hosts} {mark(p.other_hosts == 0)} |")
    return out


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
        f"from start to exit: **{suite.seconds:.1f} s** (target ≤ {SUITE_SECONDS} s) "
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
    p = found.profile
    if p is None:
        return []
    out = [
        "## 6. Profile of the slowest screen",
        "",
        f"The slowest screen is `{p.name}`, by its CPU time in process (Flask's test "
        f"client, the thread's CPU time, median of batches): **{p.ms:.2f} ms** a request; "
        f"{p.ms_presenting:.2f} ms in presentation mode, which leaves the control panel out; "
        f"a bare Flask hello takes {p.hello_ms:.2f} ms the same way.",
        "",
        f"Where the time goes ({p.profiler}, {p.name} requested 300 times; the full tree is "
        f"in [{found.profile_file.name}]({found.profile_file.name})):",
        "",
        "| part of the request | share |",
        "|---|---|",
        *(f"| {label} | {share:.0%} |" for label, share in p.parts),
        "",
        "| spent in (own time, callees' time to each callee) | share |",
        "|---|---|",
        *(f"| {label} | {share:.0%} |" for label, share in p.libraries),
    ]
    if FIX_NOTES.exists():
        out += ["", FIX_NOTES.read_text(encoding="utf-8").strip()]
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
    return out + (text or ["None: every target measured was met."])


def _suite_gap(suite):
    out = f"**e2e suite (5).** {suite.summary}; {suite.seconds:.0f} s from start to exit."
    axe = [(t, name) for t, name in suite.slowest if "test_accessibility" in name]
    if suite.test_seconds and axe:
        every = sum(t for t, name in suite.slowest if "test_accessibility" in name)
        out += (
            f" Of the tests' {suite.test_seconds:.0f} s, the axe audits take {every:.0f} s "
            f"({every / suite.test_seconds:.0%}): every screen, a tour's states and the panel, "
            f"in six modes (light, dark, 关怀模式 and its dark, English and its dark), as "
            f"issue 4 asks; each check loads a page and runs axe-core in it. The rest is about "
            f"{(suite.test_seconds - every) / max(1, _passed(suite.summary) - len(axe)):.1f} s "
            f"a test, two browsers and the app sharing the two cores. Done: axe-core is sent to "
            f"the browser once per audit (an init script of its context) instead of for every "
            f"check, which made them a third longer. Kept: the coverage; a 60 s suite would mean "
            f"fewer screens or modes audited, or more cores.")
    return [out, ""]


def _passed(summary):
    found = re.search(r"(\d+) passed", summary)
    return int(found[1]) if found else 0


def _throughput_gap(found):
    screens = [r for r in _measured(found.throughput) if r.screen.html and r.ratio]
    if not screens or (min(r.ratio for r in screens) >= RATIO_EACH
                       and _median(r.ratio for r in screens) >= RATIO_MEDIAN):
        return []
    hello_rps = _median(r.hello_rps for r in screens)
    budget_ms = (1 / RATIO_EACH - 1) / hello_rps * 1000
    out = [
        f"**Throughput (1).** The hello answers {hello_rps:,.0f} requests a second, "
        f"{1000 / hello_rps:.2f} ms of the worker each. A screen at {RATIO_EACH} of that may "
        f"take {budget_ms:.2f} ms more than the hello; the screens take "
        f"{1000 / _median(r.rps for r in screens):.1f} ms each (median) under the same load."]
    p = found.profile
    if p:
        panel = dict(p.parts).get("the control panel (templates/panel/)", 0)
        libraries = dict(p.libraries)
        out[-1] += (
            f" The profile of `{p.name}` (6) says why: {panel:.0%} of its {p.ms:.1f} ms is the "
            f"trainer's control panel, which every screen renders beside the phone whether it "
            f"is shown or not (its forms, each with a CSRF field; every scenario; the "
            f"tours; the knobs; the event log). Without it (presentation mode) the screen "
            f"takes {p.ms_presenting:.1f} ms, still {p.ms_presenting / p.hello_ms:.0f}× the "
            f"hello's {p.hello_ms:.2f} ms: by library, "
            + ", ".join(f"{label.split(' (')[0]} {share:.0%}"
                        for label, share in list(libraries.items())[:4])
            + ". A server-rendered page with a session account, CSRF-protected forms and "
            "translations cannot come within 0.6 of a response that does nothing, with the "
            "panel or without it.")
    out += [
        "",
        "Done: what the profile showed to fix (hidden fields through WTForms' widgets, a "
        "translations lookup for every `_()`, eight forms built for the panel), with its "
        "before and after under 6. What is left is what a screen is: a session account read "
        "from the store, CSRF-protected forms, a hundred and more translated strings, and the "
        "trainer's control panel, which every screen renders beside the phone so that a "
        "trainer needs neither JavaScript nor a second window. Kept on purpose; the next "
        "step, if the figure ever matters more than that, is to render the panel only for "
        "the sessions that show it (a change to the trainer's product, not a fix).",
        "",
    ]
    return out


def _stylesheet_panel_bytes():
    """About how much of the stylesheet styles only the panel, its knobs and its tours."""
    try:
        css = STYLESHEET.read_text(encoding="utf-8")
    except OSError:
        return 0
    total = 0
    for selectors, _ in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        names = [s.strip() for s in selectors.split(",") if s.strip()]
        if names and all(re.search(r"panel|knob", s) for s in names):
            total += len(selectors) + 2 + len(_)
    return total


def _weight_gap(found):
    pages = [p for p in _measured(found.weight) if p.screen.html]
    if not pages:
        return []
    heavy = [p for p in pages if p.total > WEIGHT_KB * KB]
    many = [p for p in pages if p.requests > WEIGHT_REQUESTS]
    if not heavy and not many:
        return []
    out = []
    if heavy:
        css = _median(p.bytes_by_kind.get("css", 0) for p in pages)
        js = _median(p.bytes_by_kind.get("js", 0) for p in pages)
        html = _median(p.bytes_by_kind.get("html", 0) for p in pages)
        panel = _median(p.panel_bytes for p in pages)
        phone = _median(p.bytes_by_kind.get("html", 0) - p.panel_bytes for p in pages)
        panel_css = _stylesheet_panel_bytes()
        out.append(
            f"**Weight (2).** {len(heavy)} of {len(pages)} screens weigh more than "
            f"{WEIGHT_KB} KB. Every screen loads the same stylesheet ({_kb(css)}) and script "
            f"({_kb(js)}): {_kb(css + js)} before its own HTML, "
            f"{(css + js) / (WEIGHT_KB * KB):.0%} of the budget. The HTML (median "
            f"{_kb(html)}) is mostly the trainer's control panel (median {_kb(panel)}); the "
            f"phone's own page is {_kb(phone)}. Without the panel a screen would weigh about "
            f"{_kb(css + js + phone)}; about {_kb(panel_css)} of the stylesheet styles only "
            f"the panel and its knobs. The panel is kept on every page, as the throughput "
            f"gap says why; a proxy's gzip cuts the bytes on the wire to about a quarter, but "
            f"the target counts them uncompressed.")
    if many:
        images = sorted({image for p in many for image in p.images
                         if not image.endswith("favicon.svg")})
        out.append(
            f"**Requests (2).** Every screen makes {min(p.requests for p in pages)} requests "
            f"at least: the page, app.css, app.js and the favicon. {len(many)} screens make "
            f"more: "
            + ", ".join(f"`{shown(p.screen, p.path)}` {p.requests}" for p in many)
            + f", for what they load besides ({', '.join(f'`{i}`' for i in images)}).")
    return [*(line for item in out for line in (item, ""))]


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
