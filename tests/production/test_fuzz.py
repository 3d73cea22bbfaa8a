"""Thousands of random and malformed requests to every route: never a 5xx, and afterwards
the account's invariants still hold; without a valid CSRF token, nothing changes at all.

Requests are drawn by hypothesis: every rule of ``app.url_map`` with odd values in its
parts, random paths, any method, query strings and bodies of random (often invalid UTF-8)
bytes, form fields with huge and odd values, JSON that is bad or of the wrong shape, and
content types that do not match the body.
"""

import json
import re
from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.production.support import FlaskBrowser, assert_invariants, make_app
from webapp.scenarios import SCENARIOS

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND", "TRACE"]
# Every field name a form or the API reads, and the values that mean something to them.
FIELDS = ["csrf_token", "amount", "term", "card", "auto_repay", "password", "target", "next",
          "days", "to", "scenario", "name", "date", "lang", "present", "submit"]
MEANINGFUL = ["1000", "3", "6", "12", "cmb", "ccb", "icbc", "y", "1", "0", "123456", "all",
              "1-1", "1-2", "next-due", "/weilidai", "fresh", "busy", "closed", "2026-07-01",
              "en", "zh"]


@pytest.fixture(scope="module")
def app():
    return make_app()


def rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)


# -- what a request is made of -------------------------------------------------------------------

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(MEANINGFUL),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.sampled_from(["", " ", "\x00", "%", "%FF", "..", "../..", "//evil.example", "/\\evil",
                     "javascript:alert(1)", "<script>alert(1)</script>", "<svg onload=x>",
                     "１２３４５６", "١٢٣",
                     "³", "1e9", "NaN", "-0", "0x10", "\u202e", "\ud7ff", "\U0001F600" * 50]),
    st.integers(min_value=1, max_value=70_000).map(lambda n: "9" * n),  # huge, past 64 KB too
)
raw_bytes = st.one_of(st.binary(max_size=200),
                      st.sampled_from([b"\xff\xfe", b"%FF%FE=%C0%AF", b"\xc0\xaf=\xed\xa0\x80",
                                       b"a=%", b"=&=&&", b"a[b]=1&a[]=2"]))


def path_part(text):
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


def form_posts(app):
    return [rule for rule in rules(app) if "POST" in rule.methods
            and not rule.rule.startswith(("/api/", "/static/"))]


@st.composite
def rule_urls(draw, rules):
    """A URL of one of these routes, its parts filled with odd values."""
    rule = draw(st.sampled_from(rules))

    def part(match):
        if match.group(1) == "int":
            return draw(st.one_of(st.integers(-5, 10**25).map(str), odd_text.map(path_part)))
        if match.group(1) == "path":
            return draw(st.sampled_from(["css/phone.css", "js/app.js", "../pyproject.toml",
                                         "%2e%2e/%2e%2e/etc/passwd", "nope"]))
        return draw(st.one_of(st.sampled_from(list(SCENARIOS)), odd_text.map(path_part)))

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", part, rule.rule)


random_paths = st.one_of(
    st.lists(odd_text.map(path_part), min_size=1, max_size=5).map(lambda p: "/" + "/".join(p)),
    st.binary(min_size=1, max_size=40).map(lambda b: "/" + quote_from_bytes(b, safe="/")),
    st.sampled_from(["/api", "/api/", "/panel", "/weilidai/", "//weilidai", "/static/",
                     "/weilidai/borrow/done/", "/%2e%2e/", "/weilidai/../api/account"]),
)

def query_of(raw):
    """Bytes as a client puts them in a URL: non-ASCII escaped as %XX (so %FF arrives as the
    invalid UTF-8 byte it stands for), a stray % or & left as it is."""
    return quote_from_bytes(raw, safe="=&%+;[]")


form_fields = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)),
                              odd_text, max_size=8)
queries = st.one_of(st.just(""), raw_bytes.map(query_of),
                    form_fields.map(lambda f: urlencode(f, errors="surrogatepass")))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(),
              st.text(max_size=20), st.sampled_from(MEANINGFUL)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.one_of(st.sampled_from(["name", "days", "to", "date"]), st.text(max_size=8)),
        inner, max_size=4),
    max_leaves=12)
content_types = st.one_of(st.none(), st.sampled_from([
    "application/x-www-form-urlencoded", "multipart/form-data",
    "multipart/form-data; boundary=xyz", "application/json", "application/json; charset=latin1",
    "text/plain", "application/xml", "*/*", "application/x-www-form-urlencoded; charset=utf-7"]),
    # Anything a header can carry (no line breaks).
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=30))


@st.composite
def bodies(draw, token):
    """(body, content type): a form, JSON or raw bytes, with a mismatched type at times."""
    kind = draw(st.sampled_from(["none", "form", "json", "bad json", "raw"]))
    if kind == "none":
        return None, draw(content_types)
    if kind == "form":
        fields = draw(form_fields)
        if token and draw(st.booleans()):
            fields["csrf_token"] = token
        body = urlencode(fields, encoding="utf-8", errors="surrogatepass")
        return body, draw(st.one_of(st.just("application/x-www-form-urlencoded"),
                                    content_types))
    if kind == "json":
        text = json.dumps(draw(json_values), allow_nan=True)
        return text, draw(st.one_of(st.just("application/json"), content_types))
    if kind == "bad json":
        return draw(st.sampled_from(['{"name":', "{'name': 'fresh'}", "[1,", "\ufeff{}",
                                     '{"days": 1e999}', "[" * 5000 + "]" * 5000, "NaN",
                                     '{"days": 1, "days": 2}'])), "application/json"
    return draw(raw_bytes), draw(content_types)


@st.composite
def requests(draw, app, token):
    path = draw(st.one_of(rule_urls(rules(app)), random_paths))
    query = draw(queries)
    body, content_type = draw(bodies(token))
    return draw(st.sampled_from(METHODS)), path, query, body, content_type


ECHO_MARKERS = ("<script>alert(1)", "<svg onload")


def send(visitor, method, path, query, body, content_type):
    response = visitor.send(method, path, body, content_type, query)
    assert response.status < 500, (method, path, query, body, content_type, response.status,
                                   response.text[:300])
    # Whatever of the request a page shows, it shows as text, never as markup.
    assert not any(marker in response.text for marker in ECHO_MARKERS), (method, path, query)
    return response


# -- the properties ---------------------------------------------------------------------------------

@settings(FUZZ, max_examples=300)
@given(data=st.data(), scenario=st.sampled_from(list(SCENARIOS)))
def test_random_requests_to_every_route_never_5xx_and_keep_the_invariants(app, data, scenario):
    visitor = FlaskBrowser(app)
    visitor.api("scenario", name=scenario)
    for request in data.draw(st.lists(requests(app, visitor.token), min_size=1, max_size=5)):
        send(visitor, *request)
    assert_invariants(visitor.account())


@settings(FUZZ, max_examples=250)
@given(data=st.data(), scenario=st.sampled_from(list(SCENARIOS)))
def test_random_forms_with_a_valid_token_never_5xx_and_keep_the_invariants(app, data,
                                                                            scenario):
    """Past the CSRF check, into the views' own validation: the real forms, odd fields."""
    visitor = FlaskBrowser(app)
    visitor.api("scenario", name=scenario)
    posts = sorted(rule.rule for rule in form_posts(app))
    for _ in range(data.draw(st.integers(1, 5))):
        path = re.sub(r"<[^>]+>", "fresh", data.draw(st.sampled_from(posts)))
        fields = data.draw(form_fields)
        fields["csrf_token"] = visitor.token
        query = data.draw(queries)
        send(visitor, "POST", path, query, urlencode(fields), "application/x-www-form-urlencoded")
    assert_invariants(visitor.account())


@settings(FUZZ, max_examples=250)
@given(data=st.data(), scenario=st.sampled_from(list(SCENARIOS)))
def test_random_json_to_the_api_never_5xx_and_keeps_the_invariants(app, data, scenario):
    visitor = FlaskBrowser(app)
    visitor.api("scenario", name=scenario)
    for _ in range(data.draw(st.integers(1, 5))):
        path = data.draw(st.sampled_from(["/api/scenario", "/api/clock", "/api/reset",
                                          "/api/account"]))
        body = data.draw(st.one_of(json_values.map(json.dumps), bodies(None).map(
            lambda pair: pair[0])))
        send(visitor, data.draw(st.sampled_from(["POST", "GET"])), path, "", body,
             data.draw(st.one_of(st.just("application/json"), content_types)))
    assert_invariants(visitor.account())


@settings(FUZZ, max_examples=200)
@given(data=st.data(), scenario=st.sampled_from(list(SCENARIOS)))
def test_without_a_valid_token_no_form_post_changes_anything(app, data, scenario):
    visitor = FlaskBrowser(app)
    before = visitor.api("scenario", name=scenario)
    for _ in range(data.draw(st.integers(1, 5))):
        path = data.draw(rule_urls(form_posts(app)))
        fields = data.draw(form_fields)
        if "csrf_token" in fields and fields["csrf_token"] == visitor.token:
            del fields["csrf_token"]
        body, content_type = data.draw(st.one_of(
            st.just((urlencode(fields), "application/x-www-form-urlencoded")),
            bodies(None)))
        send(visitor, "POST", path, "", body, content_type)
    assert visitor.account() == before


@pytest.mark.parametrize("path, fields", [
    # int() refuses a number of more than 4,300 digits: the form must not ask it to.
    ("/panel/clock", {"days": "9" * 4301, "next": "/weilidai"}),
])
def test_what_fuzzing_found_stays_fixed(app, path, fields):
    visitor = FlaskBrowser(app)
    before = visitor.account()
    assert visitor.post_form(path, **fields).status == 302
    assert visitor.account() == before
