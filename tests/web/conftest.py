"""Fixtures for the web tests: the app as a browser sees it, CSRF on.

``app``, ``client`` and ``weilidai`` follow Flask's tutorial (``app``, ``client``, and an
actions helper like its ``AuthActions``), so that a test reads like the user's story:

    weilidai.scenario("repaying")
    page = weilidai.close("123456")
    assert page.flashes("error")

Pages are read the way a browser reads them: forms are filled from their own fields (the
CSRF token, hidden fields, ticked boxes) and only what the user types is added.
"""

import re
from html.parser import HTMLParser

import pytest

from webapp import create_app

# GUIDES_DIR: a folder that never holds a built guide, so /tours/<id>/guide is the phone
# page that says how to build it, whatever guides/ holds (tests/web/test_guides.py serves
# built ones from a folder of its own).
CONFIG = {"SECRET_KEY": "test", "TESTING": True, "GUIDES_DIR": "/nonexistent/no-guides"}
PASSWORD = "123456"
WRONG_PASSWORD = "654321"
# A built static file's name (webapp/static_files.py): css/phone.<16 hex>.css.
HASHED = re.compile(r"\.[0-9a-f]{16}(\.[a-z]+)$")
# A page that always carries a form, whatever the account's state: a source of the
# session's CSRF token when the page being posted to shows none (a locked password page).
ANY_FORM_PAGE = "/scenarios/fresh"


# Every GET page, with a plausible query where the page needs one; a test that takes
# ``page_url`` runs once per page. Some pages redirect in some states (the borrow
# confirmation of a closed account); the page finally shown must render.
PAGES = [
    "/",
    "/contacts",
    "/discover",
    "/me",
    "/me/services",
    "/weilidai",
    "/weilidai/borrow",
    "/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1",
    "/weilidai/repay",
    "/weilidai/repay/confirm?target=all",
    "/weilidai/records",
    "/weilidai/settings",
    "/weilidai/settings/repayment",
    "/weilidai/manage",
    "/weilidai/manage/close",
    "/weilidai/manage/close/password",
    "/weilidai/manage/closed",
    "/weilidai/faq",
    "/loading?next=/weilidai",
    "/scenarios",
    "/scenarios/fresh",
    "/me/settings",
    "/tours",
    "/tours/close-weilidai",
    "/tours/close-weilidai/done",
    "/tours/close-weilidai/guide",
    "/tours/guides",
    "/practice",
    "/practice/results",
    "/practice/done",
    "/practice/close-weilidai",
    "/classes",
    "/classes/new",
    "/join",
]


# The trainer's pages among them, drawn for a laptop or a projector (layouts/desktop.html):
# the whole window, not the phone frame.
TRAINER_PAGES = {"/classes", "/classes/new"}


def pytest_generate_tests(metafunc):
    if "page_url" in metafunc.fixturenames:
        metafunc.parametrize("page_url", PAGES)


@pytest.fixture
def pages():
    return list(PAGES)


def make_app(**config):
    """The app under ``CONFIG`` plus ``config``: CSRF stays on, as in production."""
    return create_app({**CONFIG, **config})


@pytest.fixture(scope="session")
def app():
    """One server for the run, as in production: each test's client is a new browser, so a
    new session and a new account; nothing is shared but the compiled templates. A test that
    needs other settings, or a fake clock in the store, builds its own (``make_weilidai``)."""
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def weilidai(client):
    return Weilidai(client)


@pytest.fixture
def make_weilidai():
    """A user of an app built with other settings: ``make_weilidai(API_ENABLED=False)``."""
    def make(**config):
        return Weilidai(make_app(**config).test_client())
    return make


# -- reading pages ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """Descendants (and self) with ``tag`` and these attributes (``data_testid`` for
        ``data-testid``, ``class_`` for ``class``; ``True`` matches any value)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [el for el in self.iter()
                if (tag is None or el.tag == tag)
                and all(name in el.attrs and (value is True or el.attrs[name] == value)
                        for name, value in wanted.items())]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def testid(self, testid):
        return self.find(data_testid=testid)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        parts = []
        for child in self.children:
            parts.append(child.text if isinstance(child, Element) else child)
        return " ".join(" ".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text):
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


class Page:
    """A response as the user sees it: its screen, its flashes, its elements by test id."""

    def __init__(self, response):
        self.response = response
        self._root = None

    @property
    def status(self):
        return self.response.status_code

    @property
    def location(self):
        return self.response.location

    @property
    def path(self):
        """The path that was finally shown (after any redirects that were followed)."""
        return self.response.request.path

    @property
    def url(self):
        """The path and query that were finally shown: what a browser sends as the Referer
        of a link or form on this page."""
        query = self.response.request.query_string.decode()
        return self.path + (f"?{query}" if query else "")

    @property
    def html(self):
        return self.response.get_data(as_text=True)

    @property
    def root(self):
        if self._root is None:
            self._root = parse_html(self.html)
        return self._root

    def assets(self):
        """The static files the page loads (stylesheets, scripts), by their source names:
        ``/static/css/phone.css`` for the built ``/static/css/phone.<hash>.css``."""
        urls = [link.attrs["href"] for link in self.root.find_all("link")
                if link.attrs.get("rel") == "stylesheet"]
        urls += [script.attrs["src"] for script in self.root.find_all("script")
                 if "src" in script.attrs]
        return [HASHED.sub(r"\1", url) for url in urls]

    @property
    def main(self):
        mains = self.root.find_all("main")
        assert len(mains) == 1, f"expected one <main>, found {len(mains)}"
        return mains[0]

    @property
    def screen(self):
        """The screen's id: ``data-testid="screen-<id>"`` on <main>, without the prefix."""
        testid = self.main.attrs.get("data-testid", "")
        assert testid.startswith("screen-"), testid
        return testid.removeprefix("screen-")

    def in_phone_frame(self):
        """True when <main> is drawn inside the phone frame of layouts/phone.html."""
        classes = [cls for el in self.main.ancestors() for cls in el.classes()]
        return "phone__screen" in classes and "phone" in classes

    def testid(self, testid):
        return self.root.testid(testid)

    def has(self, testid):
        return self.root.testid(testid) is not None

    def flashes(self, kind=None):
        """The flash messages shown, optionally of one kind: error, success or info."""
        return [el.text for el in self.root.find_all(data_testid=True)
                if el.attrs["data-testid"].startswith("flash-")
                and (kind is None or el.attrs["data-testid"] == f"flash-{kind}")]

    def field_errors(self):
        return [el.text for el in self.root.find_all(class_="field__error")]

    def form(self, testid):
        """The form with this test id, or the form of the control with it: the one its
        ``form`` attribute names, else the one holding it."""
        element = self.testid(testid)
        assert element is not None, f"no {testid!r} on {self.path}"
        if element.attrs.get("form"):
            return self.root.find("form", id=element.attrs["form"])
        form = next((el for el in [element, *element.ancestors()] if el.tag == "form"), None)
        assert form is not None, f"{testid!r} is in no form on {self.path}"
        return form


def form_values(form):
    """What a browser would send for ``form`` untouched: hidden and text fields, ticked
    boxes and chosen radio buttons (no submit button: ours have no name)."""
    values = {}
    for field in form.find_all("input"):
        name, kind = field.attrs.get("name"), field.attrs.get("type", "text")
        if not name or kind in ("submit", "button", "image", "reset"):
            continue
        if kind in ("checkbox", "radio"):
            if "checked" in field.attrs:
                values[name] = field.attrs.get("value") or "on"
        else:
            values[name] = field.attrs.get("value") or ""
    return values


def state(account, *ignored):
    """An account read from the API, without its identity (each account, even one built
    from the same scenario, is another) and the fields named in ``ignored``."""
    return {name: value for name, value in account.items()
            if name != "id" and name not in ignored}


# -- acting ----------------------------------------------------------------------------------

class Weilidai:
    """What a user (or a test engineer's script) does, one method per action."""

    def __init__(self, client):
        self.client = client
        self.app = client.application

    def new_browser(self):
        """Another browser on the same server: a new session, so a new account."""
        return Weilidai(self.app.test_client())

    def session(self):
        """The session cookie's content, decoded with the app's own signing serializer."""
        cookie = self.client.get_cookie(self.app.config["SESSION_COOKIE_NAME"])
        assert cookie is not None, "no session cookie was set"
        return self.app.session_interface.get_signing_serializer(self.app).loads(cookie.value)

    # pages and forms

    password = PASSWORD
    wrong_password = WRONG_PASSWORD

    def get(self, path, follow=False):
        """Open ``path`` as a typed address or a bookmark is opened: from no page."""
        return Page(self.client.get(path, follow_redirects=follow))

    def open(self, path, from_page, follow=True):
        """Open ``path`` from a link on ``from_page`` (a Page, or the path it was on): the
        browser says which page it came from (its Referer), and a journey counts a tap."""
        referer = from_page.url if isinstance(from_page, Page) else from_page
        return Page(self.client.get(path, headers={"Referer": referer},
                                    follow_redirects=follow))

    def tap(self, page, testid, follow=True):
        """Tap the link with the test id ``testid`` on ``page`` (a Page, or a path to open
        first), as a trainee does."""
        if isinstance(page, str):
            page = self.get(page)
        link = page.testid(testid)
        assert link is not None and link.attrs.get("href"), f"no link {testid!r} on {page.url}"
        return self.open(link.attrs["href"], page, follow=follow)

    def request(self, method, path, **kwargs):
        return Page(self.client.open(path, method=method.upper(), **kwargs))

    def csrf_token(self, path):
        """The token of the first form on ``path``, scraped as a browser would see it."""
        return self.tokens(path)["csrf_token"]

    def tokens(self, path):
        """The CSRF token and a one-time form token (``once``) of the first form on ``path``."""
        form = self.get(path).root.find("form", method="post")
        assert form is not None, f"no form on {path}"
        values = form_values(form)
        return {name: values[name] for name in ("csrf_token", "once")}

    def post_form(self, path, data, token_from=None, follow=False):
        """POST ``data`` with the CSRF and one-time tokens of a form on ``token_from``
        (``path`` by default): a script that scraped them."""
        tokens = self.tokens(token_from or path)
        return Page(self.client.post(path, data={**data, **tokens}, follow_redirects=follow))

    def submit(self, page, form_testid, fields=None, follow=False):
        """Fill the form ``form_testid`` (or the form of the button with that test id) and
        send it as a browser would. ``page`` is a path to open first, or a Page already open
        (a tab left open while time passes).

        ``fields`` sets what the user types or picks; ``None`` as a value clears a field
        (unticks a checkbox)."""
        if isinstance(page, str):
            page = self.get(page)
        assert page.status in (200, 422), f"{page.url} answered {page.status}"
        form = page.form(form_testid)
        values = form_values(form)
        for name, value in (fields or {}).items():
            if value is None:
                values.pop(name, None)
            else:
                values[name] = value
        action = form.attrs.get("action") or page.url
        return Page(self.client.post(action, data=values, headers={"Referer": page.url},
                                     follow_redirects=follow))

    # the trainer's stage: its panel, and its phone (an iframe)

    def stage(self):
        return self.get("/stage")

    def press(self, testid, fields=None, follow=True):
        """Use a control of the stage's panel (its form, or the form of its button), as the
        trainer does from the stage; it comes back to the stage."""
        return self.submit("/stage", testid, fields, follow=follow)

    def in_phone(self, path, follow=True, from_page=None):
        """Open ``path`` in the stage's phone, as its iframe does (the stage remembers it);
        ``from_page``: by a link of that page in the phone."""
        headers = {"Sec-Fetch-Dest": "iframe"}
        if from_page is not None:
            headers["Referer"] = from_page.url if isinstance(from_page, Page) else from_page
        return Page(self.client.get(path, headers=headers, follow_redirects=follow))

    def phone(self):
        """What the stage's phone shows now: the stage's iframe, loaded."""
        src = self.stage().testid("stage-phone").attrs["src"]
        return self.in_phone(src)

    # the JSON API

    def scenario(self, name):
        response = self.client.post("/api/scenario", json={"name": name})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.json

    def account(self):
        response = self.client.get("/api/account")
        assert response.status_code == 200
        return response.json

    def clock(self, **body):
        return self.client.post("/api/clock", json=body)

    # the product's stories

    def borrow(self, amount="1000", term="3", card="cmb", auto_repay=True, password=PASSWORD):
        """借钱 → 下一步 → the plan and the payment password → the result."""
        chosen = self.submit("/weilidai/borrow", "borrow-form", {
            "amount": amount, "term": term, "card": card,
            "auto_repay": "y" if auto_repay else None,
        })
        assert chosen.status == 302, chosen.field_errors() or chosen.status
        return self.submit(chosen.location, "borrow-confirm-form", {"password": password},
                           follow=True)

    def repay(self, target, card="cmb", password=PASSWORD):
        return self.submit(f"/weilidai/repay/confirm?target={target}", "repay-form",
                           {"card": card, "password": password}, follow=True)

    def repay_all(self, card="cmb", password=PASSWORD):
        return self.repay("all", card, password)

    def close(self, password):
        """Send the payment password to close Weilidai (R5). The token comes from another
        page, since the password page shows no form when refused or locked."""
        return self.post_form("/weilidai/manage/close/password", {"password": password},
                              token_from=ANY_FORM_PAGE, follow=True)


# -- the API's error contract, checked on every call a test makes ----------------------------

@pytest.fixture(autouse=True)
def api_errors_are_documented():
    """Every 4xx or 5xx an /api/ call answers during a test, whichever test and app, is an
    error /api/openapi.json lists for that endpoint and status, with a body that fits
    (tests/web/test_openapi.py, ``undocumented``); the test fails otherwise."""
    from flask import request_finished
    from flask import request as current

    from tests.web.helpers import undocumented

    problems = []

    def record(sender, response, **extra):
        if current.path.startswith("/api/") and response.status_code >= 400:
            rule = current.url_rule.rule if current.url_rule else None
            problems.extend(undocumented(current.method, current.path, rule, response))

    with request_finished.connected_to(record):
        yield problems
    assert problems == [], "API errors that /api/openapi.json does not describe"
