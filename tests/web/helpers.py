"""What the web tests share: reading a page as its reader does (in which language), a
trainee's ways through the phone and a tour's rings, the API's published contract, and a
store that misbehaves on purpose. Tests import these from here, never from another test."""

import re

from jsonschema import Draft202012Validator

from webapp.domain import DEMO_PASSWORD
from webapp.openapi import DOCUMENT
from webapp.store import AccountStore

PASSWORD = DEMO_PASSWORD
PATHS = DOCUMENT["paths"]

# CJK ideographs, CJK punctuation (，。：“ are not, ” is general punctuation) and full-width
# forms （）：, none of which an English page should show.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PRODUCT_NAMES = ("微信", "微粒贷")
# What a Chinese page may show in Latin letters: the demo WeChat ID. (Scenario ids are in
# <code>, and a language's own name carries its lang attribute: both are left out.)
LATIN_ALLOWED = {"weilidai_demo"}


# -- reading a page as its reader does -------------------------------------------------------

VISIBLE_ATTRIBUTES = ("aria-label", "aria-description", "aria-valuetext", "placeholder",
                      "title", "alt")
HIDDEN_TAGS = {"script", "style", "template"}


def visible_texts(page, lang, skip_tags=()):
    """The page's text as a reader meets it: what is drawn, the <title>, and the attributes
    read aloud or shown on hover, without what is marked as another language."""
    texts = []

    def walk(element):
        own_lang = element.attrs.get("lang")
        if element.tag in HIDDEN_TAGS or element.tag in skip_tags or (
                own_lang and not own_lang.startswith(lang)):
            return
        texts.extend(element.attrs[name] for name in VISIBLE_ATTRIBUTES
                     if element.attrs.get(name))
        if element.tag == "input" and element.attrs.get("type") in ("submit", "button", "reset"):
            texts.append(element.attrs.get("value") or "")
        for child in element.children:
            if isinstance(child, str):
                texts.append(child)
            else:
                walk(child)

    html = page.root.find("html")
    assert html is not None and html.attrs.get("lang", "").startswith(lang), page.path
    walk(html)
    return [" ".join(text.split()) for text in texts if text.strip()]


def without_product_names(text):
    for name in PRODUCT_NAMES:
        text = text.replace(name, "")
    return text


def chinese_in(page):
    return [text for text in visible_texts(page, "en") if CJK.search(without_product_names(text))]


def english_in(page):
    words = {word for text in visible_texts(page, "zh", skip_tags={"code"})
             for word in re.findall(r"[A-Za-z][A-Za-z_]+", text)}
    return sorted(words - LATIN_ALLOWED)


def in_english(weilidai):
    """This browser asks for English once; the session remembers it."""
    page = weilidai.get("/?lang=en")
    assert page.root.find("html").attrs["lang"] == "en"
    return weilidai


# -- a trainee's ways through the phone ------------------------------------------------------

# The taps of the closing tour's own route, from WeChat's first screen to the password's page.
CLOSE_TAPS = ["tab-me", "open-services", "open-weilidai", "open-settings", "management",
              "close-weilidai", "close-confirm"]


def start_practice(weilidai, exercise_id):
    """Open the exercise's page and tap 开始练习: the first page of the exercise."""
    return weilidai.submit(f"/practice/{exercise_id}", "start-practice", follow=True)


def walk(weilidai, page, *testids):
    """Tap each link in turn, from ``page``: the page the last one leads to."""
    for testid in testids:
        page = weilidai.tap(page, testid)
        assert page.status == 200, f"{testid}: {page.url} answered {page.status}"
    return page


def close_with_password(weilidai, page, password="123456"):
    return weilidai.submit(page, "close-submit", {"password": password}, follow=True)


def close_weilidai_in_practice(weilidai):
    """The exercise 关闭微粒贷, done the tour's way: full marks."""
    page = walk(weilidai, start_practice(weilidai, "close-weilidai"), *CLOSE_TAPS)
    return close_with_password(weilidai, page)


# -- a guided tour's rings ---------------------------------------------------------------------

def start(weilidai, tour_id, autoplay=False):
    """The tour's start page, and its 开始教程 (or 自动播放) button."""
    page = weilidai.get(f"/tours/{tour_id}")
    assert page.status == 200 and page.screen == "tour-start"
    fields = {"autoplay": "1"} if autoplay else {}
    return weilidai.submit(page, "start-tour", fields, follow=True)


def target_id(element):
    """An element's test id; a switch's row rings whole, and its switch has the id."""
    if "data-testid" in element.attrs:
        return element.attrs["data-testid"]
    return element.find("input", role="switch").attrs["data-testid"]


def ringed(page):
    """The elements wearing the tour's ring, but the panel's opener (it rings along)."""
    return [el for el in page.root.find_all()
            if "is-tour-target" in el.classes() and el.attrs.get("data-testid") != "panel-open"]


def ringed_ids(page):
    return [target_id(el) for el in ringed(page)]


def tap(weilidai, page, element):
    """Do what a trainee does to the ringed element: follow a link, press a button (typing
    the demo password where its form asks for one), flip a switch."""
    if element.tag == "a":
        return weilidai.get(element.attrs["href"], follow=True)
    switch = element.find("input", role="switch")
    if switch is not None:
        on = "checked" in switch.attrs
        return weilidai.submit(page, switch.attrs["data-testid"],
                               {switch.attrs["name"]: None if on else "y"}, follow=True)
    form = page.form(target_id(element))
    fields = {"password": PASSWORD} if form.find("input", name="password") else {}
    return weilidai.submit(page, target_id(element), fields, follow=True)


def follow_the_rings(weilidai, tour):
    """Finish ``tour`` using only what each page draws: the ring, and the hint's 知道了.
    Returns the hints read, one per step."""
    page = start(weilidai, tour.id)
    hints = []
    for number, step in enumerate(tour.steps, 1):
        assert page.status == 200, page.path
        assert page.screen == step.screen, f"step {number}"
        hint = page.testid("tour-hint")
        assert hint is not None, f"step {number}: no hint on {page.path}"
        assert f"第 {number}/{len(tour)} 步" in hint.text
        hints.append(page.testid("tour-hint-text").text)
        targets = ringed(page)
        assert [target_id(el) for el in targets] == [step.target], f"step {number}"
        assert page.testid("tour-off-path") is None and not page.has("tour-stuck")
        # A browser drops a form inside a form (the bubble sits inside screens' forms).
        assert all(len(form.find_all("form")) == 1 for form in page.root.find_all("form"))
        if hint.find(data_testid="tour-next") is not None:
            page = weilidai.submit(page, "tour-next", follow=True)
        else:
            page = tap(weilidai, page, targets[0])
    assert page.has("tour-finished") or page.screen == "tour-done"
    return hints


# -- the API's published contract (webapp/openapi.py) ----------------------------------------

def schema_validator(schema):
    """A validator for a schema of the document, its $refs resolved within the document."""
    root = {**schema, "components": DOCUMENT["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(response, path, method="post"):
    """The response is one the document lists for this operation, with a body that fits."""
    responses = PATHS[path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} answered {status}, not documented"
    assert response.is_json, response.content_type
    schema = responses[status]["content"]["application/json"]["schema"]
    schema_validator(schema).validate(response.json)
    return response.json


def documented_response(method, path, rule, status):
    """Where the document describes this answer: the operation's response for the status
    (a 405 is any operation's of the path), or NotFound for a path that is no endpoint."""
    operations = PATHS.get(rule or path)
    if operations is None:
        return DOCUMENT["components"]["responses"]["NotFound"] if status == "404" else None
    method = "get" if method == "HEAD" else method.lower()
    if status == "405" or method not in operations:
        found = [op["responses"].get(status) for op in operations.values()]
        return next((response for response in found if response), None)
    return operations[method]["responses"].get(status)


def undocumented(method, path, rule, response):
    """What is wrong with an /api/ error ``response`` by the document: [] when nothing."""
    status = str(response.status_code)
    described = documented_response(method, path, rule, status)
    if described is None:
        return [f"{method} {path}: {status} is not listed"]
    body = response.get_json(silent=True)
    schema = described["content"]["application/json"]["schema"]
    problems = [f"{method} {path}: {status} {error.message}"
                for error in schema_validator(schema).iter_errors(body)]
    for header in described.get("headers", {}):
        if header not in response.headers:
            problems.append(f"{method} {path}: {status} without its {header} header")
    return problems


# -- the store, handled directly --------------------------------------------------------------

def put_the_clock_at(weilidai, day):
    """Set the session's date straight in the store: getting there by the API's largest move
    would take some 800 calls of 3,660 simulated days each."""
    weilidai.account()
    store, key = weilidai.app.extensions["account_store"], weilidai.session()["sid"]
    account, version = store.get(key)
    account.sim_date = account.last_activity = day
    store.save(key, account, version)


class ExpiringStore(AccountStore):
    """The app's own store, except that when ``expiring`` the account is forgotten right
    after the request has read it, as if it expired that very moment."""

    def __init__(self, inner):
        self.inner, self.expiring = inner, False

    def get_raw(self, key):
        found = self.inner.get_raw(key)
        if self.expiring and found is not None:
            self.expiring = False
            self.inner.delete(key)
        return found

    def save_raw(self, key, text, expected_version):
        return self.inner.save_raw(key, text, expected_version)

    def delete(self, key):
        self.inner.delete(key)
