"""python -m bench.same_html REV: whether this working tree draws every page as the tree at
git revision REV does, so that a change made for speed can be shown to change no page.

    python -m bench.same_html main
    python -m bench.same_html HEAD~2 --show 5      # the first five differences in full

Each tree draws the same pages in the same order, in a process of its own (as
``bench.compare`` measures them): every scenario, in Chinese and in English, in each of a
few session states (as it is; 关怀模式; a guided tour running; a practice running; the
difficulty knobs and every planted fault on; presentation mode), every GET page of the phone
and the stage, and the forms sent back with their errors (422). The pages are then compared
as normalised HTML: whitespace between and around tags aside, attributes in one order, and
what differs from one drawing to the next masked (the CSRF and one-time tokens, a run's key,
a class's code). The clock is stopped for both, so a tour's or practice's time reads alike.
"""

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "123456"  # every demo account's payment password
WRONG = "654321"

PAGES = [
    "/", "/contacts", "/discover", "/me", "/me/services", "/me/settings",
    "/weilidai", "/weilidai/borrow",
    "/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1",
    "/weilidai/repay", "/weilidai/repay/confirm?target=all", "/weilidai/records",
    "/weilidai/settings", "/weilidai/settings/repayment", "/weilidai/manage",
    "/weilidai/manage/close", "/weilidai/manage/close/password", "/weilidai/manage/closed",
    "/weilidai/faq", "/loading?next=/weilidai", "/scenarios", "/scenarios/fresh", "/tours",
    "/tours/close-weilidai", "/tours/close-weilidai/done", "/tours/close-weilidai/guide",
    "/practice", "/practice/results", "/practice/done", "/practice/close-weilidai",
    "/classes", "/classes/new", "/nowhere", "/stage", "/stage/panel",
]

# Forms sent back with their errors: (the page the form is on, its action, what is typed).
BAD_FORMS = [
    ("/weilidai/borrow", "/weilidai/borrow", {"amount": ""}),
    ("/weilidai/borrow", "/weilidai/borrow", {"amount": "12.5"}),
    ("/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1",
     "/weilidai/borrow/confirm", {"password": "12"}),
    ("/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1",
     "/weilidai/borrow/confirm", {"password": WRONG}),
    ("/weilidai/repay/confirm?target=all", "/weilidai/repay/confirm", {"password": "abc"}),
    ("/weilidai/repay/confirm?target=all", "/weilidai/repay/confirm", {"password": WRONG}),
    ("/weilidai/manage/close/password", "/weilidai/manage/close/password", {"password": ""}),
    ("/weilidai/manage/close/password", "/weilidai/manage/close/password", {"password": WRONG}),
    ("/weilidai/settings/repayment", "/weilidai/settings/repayment/card", {"card": "nope"}),
    ("/stage", "/panel/knobs", {"knobs-latency_ms": "9999", "knobs-failure_rate": "x"}),
    ("/stage", "/panel/clock", {"days": "0"}),
    ("/classes/new", "/classes/new", {"name": ""}),
]

# What differs from one drawing to the next, whatever the tree.
MASKED_FIELDS = {"csrf_token", "once", "tour", "attempt", "key"}  # these fields' values
MASKS = [
    (re.compile(r"\b[0-9a-f]{12}\.[A-Za-z0-9_-]{12}\b"), "*once*"),
    (re.compile(r"/(classes|join)/[A-Za-z0-9]{4,}"), r"/\1/*"),
]


# -- drawing every page (in the tree being measured) -------------------------------------------

class _Forms(HTMLParser):
    """The fields a browser would send with each form of a page, by the form's action."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = self.forms.setdefault(attrs.get("action", ""), {})
        elif tag in ("input", "button", "select", "textarea") and self.current is not None:
            name, kind = attrs.get("name"), attrs.get("type", "text")
            if not name or tag == "button" or kind == "submit":
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.current.setdefault(name, attrs.get("value", "y" if kind == "checkbox" else ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def _fields(html, action):
    parser = _Forms()
    parser.feed(html)
    return parser.forms.get(action)


def _post(client, page, action, typed=None):
    shown = client.get(page, follow_redirects=True)
    fields = _fields(shown.get_data(as_text=True), action)
    if fields is None:
        return None
    return client.post(action, data={**fields, **(typed or {})}, follow_redirects=True,
                       headers={"Referer": page})


def _care(client):
    _post(client, "/me/settings", "/me/settings", {"care": "y"})


def _tour(client):
    _post(client, "/tours/close-weilidai", "/tours/close-weilidai/start")


def _practice(client):
    _post(client, "/practice/close-weilidai", "/practice/close-weilidai/start")


def _knobs_and_faults(client):
    client.post("/api/knobs", json={"spinner": True, "layout_shift": True, "latency_ms": 0})
    client.post("/api/faults", json={"enable": ["rules-1", "flow-1", "flow-2", "ui-1", "ui-2",
                                                "ui-3", "ui-4", "money-1", "money-3"]})


def _presenting(client):
    client.get("/stage?present=1")


STATES = {"as-is": None, "care": _care, "tour": _tour, "practice": _practice,
          "knobs-faults": _knobs_and_faults, "present": _presenting}


def draw(root):
    """{"scenario|lang|state|page": (status, HTML)} of every page, drawn by the app in
    ``root``."""
    sys.path.insert(0, str(root))
    stopped = time.time()
    time.time = lambda: stopped  # a tour's and a practice's time read alike in both trees
    import webapp

    if not Path(webapp.__file__).resolve().is_relative_to(Path(root).resolve()):
        raise RuntimeError(f"imported {webapp.__file__}, not the app in {root}")
    from webapp.scenarios import SCENARIOS

    app = webapp.create_app({"SECRET_KEY": "same-html", "ACCOUNT_STORE_URL": "",
                             "GUIDES_DIR": "/nonexistent/no-guides", "TESTING": True})
    drawn = {}
    for scenario in SCENARIOS:
        for lang in ("zh", "en"):
            for state, setup in STATES.items():
                client = app.test_client()
                client.get(f"/?lang={lang}")
                client.post("/api/scenario", json={"name": scenario})
                if setup:
                    setup(client)
                for page in PAGES:
                    response = client.get(page, follow_redirects=True)
                    drawn[f"{scenario}|{lang}|{state}|{page}"] = (
                        response.status_code, response.get_data(as_text=True))
                if state != "as-is":
                    continue
                for page, action, typed in BAD_FORMS:
                    response = _post(client, page, action, typed)
                    if response is not None:
                        drawn[f"{scenario}|{lang}|{state}|POST {action} {typed}"] = (
                            response.status_code, response.get_data(as_text=True))
    return drawn


# -- comparing --------------------------------------------------------------------------------

class _Normaliser(HTMLParser):
    """HTML as a list of lines: a tag with its attributes sorted, or a run of text with its
    whitespace collapsed and its characters as they read (``&#39;`` is ``'``); whitespace
    alone is dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []

    def _tag(self, tag, attrs, end=""):
        name = (dict(attrs).get("name") or "").rpartition("-")[2]  # prefixed: knobs-once
        if name in MASKED_FIELDS:
            attrs = [(name, "*" if name == "value" else value) for name, value in attrs]
        written = " ".join(name if value is None else f'{name}="{value}"'
                           for name, value in sorted(attrs))
        self.lines.append(f"<{tag}{' ' if written else ''}{written}{end}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_endtag(self, tag):
        self.lines.append(f"</{tag}>")

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.lines.append(text)

    def handle_comment(self, data):
        self.lines.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.lines.append(f"<!{decl}>")


def normalised(html):
    parser = _Normaliser()
    parser.feed(html)
    parser.close()
    lines = []
    for line in parser.lines:
        for pattern, replacement in MASKS:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return lines


def compare(before, after):
    """(pages compared, [(key, diff lines)] of those that differ, keys only one tree drew)."""
    differ = []
    for key in before.keys() & after.keys():
        (status_b, html_b), (status_a, html_a) = before[key], after[key]
        lines_b, lines_a = normalised(html_b), normalised(html_a)
        if status_b != status_a or lines_b != lines_a:
            diff = list(difflib.unified_diff(
                [f"status {status_b}", *lines_b], [f"status {status_a}", *lines_a],
                "before", "after", lineterm="", n=2))
            differ.append((key, diff))
    return len(before.keys() & after.keys()), sorted(differ), sorted(
        before.keys() ^ after.keys())


def _drawn_by(root, into):
    done = subprocess.run([sys.executable, "-m", "bench.same_html", "--draw", str(root),
                           "--into", str(into)], cwd=ROOT, capture_output=True, text=True,
                          timeout=1800, check=False)
    if done.returncode:
        raise RuntimeError(f"drawing the pages of {root} failed:\n{done.stderr[-3000:]}")
    return json.loads(into.read_text(encoding="utf-8"))


def _build(tree):
    """What ``make translations static`` makes, in a tree checked out from git: the English
    catalogue compiled, the static files hashed (their names are in every page)."""
    for po in (tree / "webapp" / "translations").glob("*/LC_MESSAGES/messages.po"):
        subprocess.run([str(Path(sys.executable).with_name("pybabel")), "--quiet", "compile",
                        "--input-file", str(po), "--output-file", str(po.with_suffix(".mo"))],
                       check=True, capture_output=True)
    subprocess.run([sys.executable, "scripts/build_static.py"], cwd=tree, check=True,
                   capture_output=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.same_html",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("rev", nargs="?", help="the revision to compare this tree with")
    parser.add_argument("--show", type=int, default=3, help="differences to print in full")
    parser.add_argument("--draw", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.draw:
        args.into.write_text(json.dumps(draw(args.draw)), encoding="utf-8")
        return 0
    if not args.rev:
        parser.error("name the revision to compare with")
    with tempfile.TemporaryDirectory(prefix="bench-same-") as directory:
        worktree = Path(directory) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.rev],
                       cwd=ROOT, check=True, capture_output=True)
        try:
            _build(worktree)
            before = _drawn_by(worktree, Path(directory) / "before.json")
            after = _drawn_by(ROOT, Path(directory) / "after.json")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT,
                           check=False, capture_output=True)
    count, differ, unmatched = compare(before, after)
    for key, diff in differ[:args.show]:
        print(f"== {key}")
        print("\n".join(diff))
    for key, _ in differ[args.show:]:
        print(f"== {key} (differs)")
    print(f"{count} pages drawn by both trees (HTML pages, redirects followed); "
          f"{len(differ)} differ in their normalised HTML"
          + (f"; {len(unmatched)} drawn by one tree only: {', '.join(unmatched[:5])}"
             if unmatched else ""))
    return 1 if differ or unmatched else 0


if __name__ == "__main__":
    sys.exit(main())
