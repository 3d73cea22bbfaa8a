"""6: CPU time of every screen in this process (no server, no network: the app's own work),
and a profile of the slowest phone screen and of the slowest of the stage's, with where
their time goes.

Times are the thread's CPU time per request (``time.thread_time``), the median of several
batches, so other programs on a shared machine move them less than wall time. The profile
is pyinstrument's (the ``bench`` extra), cProfile's top functions without it.
"""

import cProfile
import io
import pstats
import re
import statistics
import time
from dataclasses import dataclass, field

from bench.client import COOKIE
from bench.screens import open_session
from bench.wsgi import bare_flask

PROFILED_REQUESTS = 300


# What Chromium sends: the app then compresses the HTML (Flask-Compress). The load of
# section 1 and the figures here ask for nothing, as the bench always has; this is the cost.
BROWSER_ENCODINGS = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@dataclass
class ScreenProfile:
    name: str
    path: str
    ms: float  # CPU ms per request
    ms_compressed: float  # the same, asking for compression as Chromium does
    hello_ms: float  # a bare Flask hello, the same way
    parts: list = field(default_factory=list)  # (part of the page, share of the time)
    within: list = field(default_factory=list)  # (one thing inside those parts, share)
    libraries: list = field(default_factory=list)  # (library, share of the time)
    tree: str = ""  # the profile as text
    profiler: str = ""


def cpu_ms(client, path, batches=6, batch=20, headers=None):
    for _ in range(5):
        client.get(path, headers=headers)
    times = []
    for _ in range(batches):
        started = time.thread_time()
        for _ in range(batch):
            client.get(path, headers=headers)
        times.append((time.thread_time() - started) / batch * 1000)
    return statistics.median(times)


def _client(app, cookie):
    client = app.test_client()
    client.set_cookie(COOKIE, cookie)
    return client


def screen_costs(app, base_url, screens, secret_key):
    """{screen name: (path, CPU ms per request, a client with the screen's session)}."""
    costs = {}
    for screen in screens:
        try:
            cookie, path = open_session(base_url, screen, secret_key)
        except (RuntimeError, OSError, KeyError, ValueError):
            continue  # reported by the throughput and weight measurements
        client = _client(app, cookie)
        costs[screen.name] = (path, cpu_ms(client, path), client)
    return costs


def hello_ms():
    return cpu_ms(bare_flask().test_client(), "/")


def profile(name, path, client):
    result = ScreenProfile(name, path, cpu_ms(client, path),
                           cpu_ms(client, path, headers=BROWSER_ENCODINGS), hello_ms())
    try:
        from pyinstrument import Profiler
    except ImportError:
        return _cprofile(result, client)
    import pyinstrument

    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(PROFILED_REQUESTS):
        client.get(path)
    profiler.stop()
    root = profiler.last_session.root_frame()
    result.profiler = f"pyinstrument {pyinstrument.__version__}"
    result.parts = _parts(root)
    result.within = _within(root)
    result.libraries = _libraries(root)
    result.tree = profiler.output_text(unicode=True, color=False)
    return result


def _cprofile(result, client):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PROFILED_REQUESTS):
        client.get(result.path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    result.profiler, result.tree = "cProfile (pip install -e '.[bench]' for pyinstrument)", \
        out.getvalue()
    return result


# -- where the time goes ---------------------------------------------------------------------

LIBRARIES = (
    ("Jinja templates and markupsafe escaping", ("jinja2", "markupsafe", "templates")),
    ("translations (Flask-Babel, babel, gettext)", ("flask_babel", "babel", "gettext.py")),
    ("werkzeug (context-local proxies, routing, the test client)", ("werkzeug",)),
    ("WTForms and Flask-WTF (forms, CSRF fields)", ("wtforms", "flask_wtf")),
    ("Flask", ("flask",)),
    ("our Python (webapp/)", ("webapp",)),
)


def _parts(root):
    """Shares of the time: the panel, the rest of the page's template, loading the account,
    and everything around them."""
    total = root.time or 1
    panel = _outermost(root, lambda f: "/templates/panel/" in f.file_path)
    page = _outermost(root, lambda f: f.function == "render_template")
    account = _outermost(root, lambda f: f.function == "load_account"
                         and f.file_path.endswith("webapp/views/shared.py"))
    parts = [("the trainer's panel (templates/panel/)", panel / total),
             ("the page's templates" if not panel else "the rest of the page's templates",
              (page - panel) / total),
             ("loading the session's account (store, JSON, domain objects)", account / total),
             ("Flask, the session cookie, CSRF, forms, hooks, the test client",
              1 - (page + account) / total)]
    return [(label, share) for label, share in parts if share or "panel" not in label]


def _within(root):
    """Shares of the time of what the parts above hold and a fix could take out."""
    total = root.time or 1
    catalogue = _outermost(root, lambda f: f.function == "_get_translations"
                           and f.file_path.endswith("flask_wtf/i18n.py"))
    imports = _outermost(root, lambda f: f.function == "_get_default_module"
                         and "jinja2" in f.file_path)
    return [("WTForms' own catalogue (wtforms.mo), loaded again for every request that "
             "builds a form (Flask-WTF's i18n)", catalogue / total),
            ("`{% import %}` of the components' macros (Jinja's `_get_default_module`)",
             imports / total)]


def _outermost(frame, matches):
    if frame.file_path and matches(frame):
        return frame.time
    return sum(_outermost(child, matches) for child in frame.children)


def _library(frame, parent):
    path = frame.file_path or ""
    if not path or path.startswith("<"):
        return parent  # a builtin or the frame's own time: its caller's
    found = re.search(r"site-packages/([^/]+)/", path)
    if found:
        return found.group(1)
    for marker in ("/templates/", "/webapp/"):
        if marker in path:
            return marker.strip("/")
    return path.rsplit("/", 1)[-1]


def _libraries(root):
    spent = {}

    def walk(frame, parent):
        library = _library(frame, parent)
        spent[library] = spent.get(library, 0.0) + frame.total_self_time
        for child in frame.children:
            walk(child, library)

    walk(root, "other")
    total = sum(spent.values()) or 1
    shares = []
    for label, names in LIBRARIES:
        shares.append((label, sum(spent.pop(name, 0.0) for name in names) / total))
    shares.append(("everything else (Python's own library, itsdangerous, ...)",
                   sum(spent.values()) / total))
    return shares
