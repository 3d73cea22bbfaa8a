"""8. A class as large as the server allows (issue 21), three ways:

- **load**: ``make serve`` as a training room runs it (the project's gunicorn.conf.py: 2
  workers of 4 threads, on one redis-server of the run's own), and a class of ``TRAINEES``
  phones, each a thread with a session of its own: it joins at a random moment of the first
  ``JOIN_SECONDS``, then works through an exercise (half 关闭自动还款, half 关闭微粒贷, by
  their routes) with a tap every 2 to 4 seconds, as a person reads and taps; meanwhile the
  trainer's dashboard fetches its table every ``CLASS_REFRESH_SECONDS``. Every request's
  latency, by kind, and every answer that is not the expected one (an error);
- **a trainee's event**: in process, on the same Redis, what joining and starting an exercise
  (which writes the trainee's record in the class) cost in a class of 5 and in one of 500:
  the same, since neither reads or writes a record that grows with the class;
- **the dashboard**: in process, its page and its refreshed table for a class of 500 trainees
  with their attempts, in the Redis store and in memory.

All of it on 127.0.0.1.
"""

import gc
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.client import Client
from bench.servers import ROOT, RedisServer, _stop, _wait, free_port

TRAINEES = 500
JOIN_SECONDS = 10
TAP_SECONDS = (2.0, 4.0)
REFRESH_SECONDS = 10
WORKERS, THREADS = 2, 4
# The targets (issue 21).
P99_MS = 250
DASHBOARD_MS = 50
SAME_COST = 1.25  # a trainee's event in a class of 500 / in a class of 5, at most
# The small class of that comparison: 5 trainees, and those who join while it is measured.
SMALL = 5

# Each exercise by its shortest route: the pages after the first, then the form that ends it.
ROUTES = {
    "auto-repay-off": (["/weilidai/settings", "/weilidai/settings/repayment"],
                       ("/weilidai/settings/repayment", {"auto_repay": None})),
    "close-weilidai": (["/me", "/me/services", "/weilidai", "/weilidai/settings",
                        "/weilidai/manage", "/weilidai/manage/close",
                        "/weilidai/manage/close/password"],
                       ("/weilidai/manage/close/password", {"password": "123456"})),
}
KINDS = ("join", "page", "action", "dashboard")


@dataclass
class Kind:
    count: int
    p50_ms: float
    p99_ms: float


@dataclass
class ClassLoad:
    trainees: int
    seconds: float
    requests: int
    errors: list  # (what, why), the first few
    error_count: int
    p50_ms: float
    p99_ms: float
    kinds: dict  # kind -> Kind
    finished: int  # trainees whose exercise ended completed
    server_cpu_seconds: float
    generator_cpu_seconds: float  # the phones' own, on the same cores
    load_average: tuple = ()  # the machine's 1-minute load average, before and after

    @property
    def ok(self):
        return self.error_count == 0 and self.p99_ms < P99_MS


@dataclass
class Costs:
    """Milliseconds, the median of ``samples`` requests each, in process: (wall, CPU)."""

    join: dict  # class size when full (SMALL: as it began) -> (ms, CPU ms)
    start: dict  # the same
    dashboard: dict  # (store, "table", "page" or "steps": the funnel's table) -> (ms, CPU ms)
    samples: int
    html_kb: float

    @staticmethod
    def ratio(what, index=1):
        """The largest class's figure over the smallest's (CPU by default)."""
        sizes = sorted(what)
        return what[sizes[-1]][index] / what[sizes[0]][index]


@dataclass
class ClassBench:
    load: ClassLoad = None
    costs: Costs = None
    missing: str = ""  # why nothing was measured (no redis-server)
    notes: list = field(default_factory=list)


def _percentiles(latencies):
    if len(latencies) < 2:
        value = latencies[0] * 1000 if latencies else 0.0
        return value, value
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


class _Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {kind: [] for kind in KINDS}
        self.errors, self.error_count, self.finished = [], 0, 0

    def add(self, kind, seconds):
        with self.lock:
            self.latencies[kind].append(seconds)

    def fail(self, what, why):
        with self.lock:
            self.error_count += 1
            if len(self.errors) < 10:
                self.errors.append((what, why))


class _Phone:
    """One person's browser: a session cookie, requests timed by kind."""

    def __init__(self, port, recorder):
        self.origin = f"http://127.0.0.1:{port}"
        self.client = Client(self.origin, timeout=30)
        self.recorder = recorder
        self.here = None  # the page shown: a tap's Referer, as a browser sends it

    def send(self, kind, method, path, body=None, expect=200):
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        if self.here:
            headers["Referer"] = self.origin + self.here
        started = time.perf_counter()
        try:
            response = self.client.request(method, path, body, headers)
        except OSError as error:
            self.recorder.fail(f"{method} {path}", str(error))
            return None
        self.recorder.add(kind, time.perf_counter() - started)
        if response.status != expect:
            self.recorder.fail(f"{method} {path}", f"{response.status}, not {expect}")
            return None
        if method == "GET":
            self.here = path
        return response

    def submit(self, kind, page, action, typed):
        """The form of ``page`` that posts to ``action``, with ``typed`` (None: unticked)."""
        found = form_fields(page.text, action)
        if found is None:
            self.recorder.fail(f"POST {action}", "no such form on the page")
            return None
        fields = {**found, **typed}
        fields = {name: value for name, value in fields.items() if value is not None}
        return self.send(kind, "POST", action, urlencode(fields).encode(), expect=302)


_FORM = re.compile(r'<form\b[^>]*\baction="([^"]*)"[^>]*>(.*?)</form>', re.S)
_INPUT = re.compile(r"<input\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)(?:="([^"]*)")?')


def form_fields(text, action):
    """What a browser sends of the first form of ``text`` that posts to ``action`` (its
    hidden and text fields, its ticked boxes), or None. Regular expressions, not an HTML
    parser: 500 phones' pages are read on the cores the server runs on, and the parser cost
    more than the page did to serve. Enough for this app's own forms (double-quoted values,
    no entities in them)."""
    for found in _FORM.finditer(text):
        if found.group(1) != action:
            continue
        fields = {}
        for attributes in _INPUT.findall(found.group(2)):
            attrs = {name: value for name, value in _ATTRIBUTE.findall(attributes)}
            kind, name = attrs.get("type", "text"), attrs.get("name")
            if not name or kind in ("submit", "button"):
                continue
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                continue
            fields[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        return fields
    return None


def _path(location, port):
    return location.removeprefix(f"http://127.0.0.1:{port}") if location else None


def _trainee(port, code, number, recorder, rng):
    phone = _Phone(port, recorder)

    def pause():
        time.sleep(rng.uniform(*TAP_SECONDS))

    time.sleep(rng.uniform(0, JOIN_SECONDS))
    page = phone.send("join", "GET", f"/join/{code}")
    if not page or not phone.submit("join", page, f"/join/{code}", {"name": f"学员{number:03d}"}):
        return
    exercise = list(ROUTES)[number % len(ROUTES)]
    pages, (action, typed) = ROUTES[exercise]
    pause()
    page = phone.send("page", "GET", f"/practice/{exercise}")
    if not page:
        return
    pause()
    started = phone.submit("action", page, f"/practice/{exercise}/start", {})
    if not started or not phone.send("page", "GET", _path(started.location, port)):
        return
    for path in pages:
        pause()
        page = phone.send("page", "GET", path)
        if not page:
            return
    pause()
    ended = phone.submit("action", page, action, typed)
    if not ended:
        return
    shown = phone.send("page", "GET", _path(ended.location, port))
    if shown and b"practice-finished" in shown.body:
        with recorder.lock:
            recorder.finished += 1
    else:
        recorder.fail(f"{exercise}, trainee {number}", "the practice did not end completed")


def _dashboard(port, trainer_cookie, code, recorder, stop):
    phone = _Phone(port, recorder)
    phone.client.cookie = trainer_cookie
    while not stop.wait(REFRESH_SECONDS):
        phone.send("dashboard", "GET", f"/classes/{code}/live")


class _Serve:
    """``make serve``: gunicorn with the project's gunicorn.conf.py, on a Redis."""

    def __init__(self, redis_url, secret_key):
        self.port = free_port()
        environ = {k: v for k, v in os.environ.items() if not k.startswith("WEILIDAI_")}
        environ.update(SECRET_KEY=secret_key, ACCOUNT_STORE_URL=redis_url, HOST="127.0.0.1",
                       PORT=str(self.port), WORKERS=str(WORKERS), THREADS=str(THREADS),
                       WEILIDAI_CLASS_MAX_TRAINEES=str(TRAINEES))
        self._environ = environ
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "--access-logfile", "/dev/null"],
            cwd=ROOT, env=self._environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def answers():
            try:
                return Client(f"http://127.0.0.1:{self.port}", timeout=2).get("/").status == 200
            except OSError:
                return False

        try:
            _wait(answers, "gunicorn (make serve)", self.process, seconds=60)
        except BaseException:
            _stop(self.process)
            raise
        return self

    def __exit__(self, *exc):
        _stop(self.process)

    def cpu_seconds(self):
        from bench.servers import _children, _cpu_seconds

        return sum(_cpu_seconds(pid) for pid in _children(self.process.pid))


def _open_class(port, name):
    trainer = Client(f"http://127.0.0.1:{port}")
    fields = form_fields(trainer.get("/classes/new").text, "/classes/new")
    opened = trainer.request("POST", "/classes/new", urlencode({**fields, "name": name})
                             .encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    if opened.status != 302:
        raise RuntimeError(f"opening a class answered {opened.status}")
    return trainer, opened.location.rsplit("/", 1)[1]


def measure_load(redis_url, secret_key, trainees=TRAINEES, progress=print, seed=21):
    with _Serve(redis_url, secret_key) as served:
        port = served.port
        trainer, code = _open_class(port, "大班")
        recorder, stop = _Recorder(), threading.Event()
        rng = random.Random(seed)
        threads = [threading.Thread(target=_trainee, daemon=True,
                                    args=(port, code, number, recorder,
                                          random.Random(rng.random())))
                   for number in range(trainees)]
        watcher = threading.Thread(target=_dashboard, daemon=True,
                                   args=(port, trainer.cookie, code, recorder, stop))
        cpu_before, started = served.cpu_seconds(), time.monotonic()
        generator_before, load_before = time.process_time(), os.getloadavg()[0]
        watcher.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        stop.set()
        watcher.join()
        seconds = time.monotonic() - started
        cpu = served.cpu_seconds() - cpu_before
        generator = time.process_time() - generator_before
    everything = [value for kind in KINDS for value in recorder.latencies[kind]]
    p50, p99 = _percentiles(everything)
    kinds = {kind: Kind(len(values), *_percentiles(values))
             for kind, values in recorder.latencies.items() if values}
    progress(f"   {trainees} trainees: {len(everything)} requests in {seconds:.0f} s, "
             f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, {recorder.error_count} errors")
    return ClassLoad(trainees, seconds, len(everything), recorder.errors, recorder.error_count,
                     p50, p99, kinds, recorder.finished, cpu, generator,
                     (load_before, os.getloadavg()[0]))


# -- in process: a trainee's event, and the dashboard --------------------------------------------

def _summary(number, exercise_id, now):
    """An attempt as the journey keeps it: two in three done, the rest running, somewhere on
    the route; of those, one in four on one screen for over three minutes (stuck)."""
    from webapp.practice import EXERCISES

    started = now - 600 + number % 300
    done = number % 3 != 0
    shortest = EXERCISES[exercise_id].shortest
    at = number % shortest
    return {"id": f"seed{number}-{exercise_id}", "exercise": exercise_id, "started": started,
            "ended": started + 90 if done else None, "outcome": "completed" if done else None,
            "reason": None, "steps": shortest + 1 if done else at + 1, "shortest": shortest,
            "wrong": number % 2, "jumps": number % 5 == 0, "skipped": 0, "hints": 0,
            "language": "zh", "score": 90 if done else None,
            "screen": EXERCISES[exercise_id].route.shortest_branch[at].screen,
            "arrived": now - (200 if number % 4 == 0 else 20), "wrong_here": number % 2,
            "progress": shortest if done else at, "furthest": shortest if done else at,
            "updated": now}


def _filled(app, trainer, size):
    """A class of ``size`` trainees, each with one to four attempts, joined through the
    store (their requests are not what is measured here). Returns its code."""
    from webapp.practice import EXERCISES, classroom

    fields = _form(trainer, "/classes/new", "/classes/new")
    code = trainer.post("/classes/new", data={**fields, "name": f"{size} 人"}
                        ).location.rsplit("/", 1)[1]
    store = app.extensions["class_store"]
    klass = classroom.find_class(store, code)
    now = time.time()
    exercises = list(EXERCISES)
    for number in range(size):
        tid = f"seed{number:04d}"
        classroom.join(store, code, tid, f"学员{number:03d}", now, TRAINEES)
        for exercise_id in exercises[:1 + number % len(exercises)]:
            classroom.record(store, klass, tid, _summary(number, exercise_id, now))
    return code


def _form(client, path, action):
    fields = form_fields(client.get(path).get_data(as_text=True), action)
    if fields is None:
        raise RuntimeError(f"{path} has no form posting to {action}")
    return fields


def _timed(send):
    """(wall ms, CPU ms) of one request, served in this thread."""
    started, cpu = time.perf_counter(), time.thread_time()
    response = send()
    elapsed, used = time.perf_counter() - started, time.thread_time() - cpu
    if response.status_code not in (200, 302):
        raise RuntimeError(f"answered {response.status_code}")
    return elapsed * 1000, used * 1000


def _medians(timings):
    return (statistics.median(wall for wall, _ in timings),
            statistics.median(cpu for _, cpu in timings))


def measure_costs(redis_url, secret_key, samples=20):
    """A trainee's join and start in a small class and a large one, in turns (a new trainee
    in each, then the next), so that whatever drifts in the process or on the machine moves
    both alike; then the dashboard of a full class."""
    from webapp import create_app

    join, start, dashboard, html_kb = {}, {}, {}, 0.0
    for store_name, url in (("Redis", redis_url), ("memory", "")):
        app = create_app({"SECRET_KEY": secret_key, "ACCOUNT_STORE_URL": url,
                          "CLASS_MAX_TRAINEES": TRAINEES})
        trainer = app.test_client()
        if store_name == "Redis":
            sizes = {SMALL: _filled(app, trainer, SMALL),
                     TRAINEES: _filled(app, trainer, TRAINEES - samples)}
            joined = {size: [] for size in sizes}
            starts = {size: [] for size in sizes}
            for number in range(samples):
                for size, code in sizes.items():
                    phone = app.test_client()
                    fields = _form(phone, f"/join/{code}", f"/join/{code}")
                    gc.collect()
                    joined[size].append(_timed(lambda: phone.post(
                        f"/join/{code}", data={**fields, "name": f"新来的{number:02d}"})))
                    fields = _form(phone, "/practice/auto-repay-off",
                                   "/practice/auto-repay-off/start")
                    gc.collect()
                    starts[size].append(_timed(lambda: phone.post(
                        "/practice/auto-repay-off/start", data=fields)))
            join = {size: _medians(found) for size, found in joined.items()}
            start = {size: _medians(found) for size, found in starts.items()}
        code = _filled(app, trainer, TRAINEES)
        for label, path in (("table", f"/classes/{code}/live"), ("page", f"/classes/{code}"),
                            ("steps", f"/classes/{code}/live?view=steps")):
            trainer.get(path)  # templates compiled, connections opened
            times = []
            for _ in range(samples):
                gc.collect()
                times.append(_timed(lambda: trainer.get(path)))
            dashboard[(store_name, label)] = _medians(times)
            if label == "page" and store_name == "Redis":
                html_kb = len(trainer.get(path).data) / 1024
    return Costs(join, start, dashboard, samples, html_kb)


def measure(secret_key, log_dir, progress=print):
    from bench.servers import REDIS_SERVER

    found = ClassBench()
    if not REDIS_SERVER:
        found.missing = "no redis-server on PATH (apt-get install redis-server)"
        return found
    with RedisServer(log_dir) as redis_server:
        progress(f"   a class of {TRAINEES} on make serve ({WORKERS} workers x {THREADS} "
                 "threads) and Redis")
        found.load = measure_load(redis_server.url, secret_key, progress=progress)
        progress("   a trainee's event in a class of 5 and of 500; the dashboard of 500")
        found.costs = measure_costs(redis_server.url, secret_key)
    return found


def _main():
    """python -m bench.classroom [TRAINEES]: the load alone, printed (for a quick look)."""
    import secrets
    import tempfile

    trainees = int(sys.argv[1]) if len(sys.argv) > 1 else TRAINEES
    with tempfile.TemporaryDirectory() as directory, RedisServer(directory) as redis_server:
        load = measure_load(redis_server.url, secrets.token_hex(16), trainees)
        for kind, figures in load.kinds.items():
            print(f"   {kind}: {figures.count} requests, p50 {figures.p50_ms:.1f} ms, "
                  f"p99 {figures.p99_ms:.1f} ms")
        print(f"   finished: {load.finished}/{trainees}; errors: {load.errors[:5]}; "
              f"server CPU {load.server_cpu_seconds:.1f} s, the phones' "
              f"{load.generator_cpu_seconds:.1f} s")
        costs = measure_costs(redis_server.url, secrets.token_hex(16), samples=10)
        print(costs)


if __name__ == "__main__":
    _main()
