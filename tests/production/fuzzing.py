"""What the fuzz tests draw and send: odd text, form fields, query strings, bodies and whole
requests to every route of the app (hypothesis strategies), and the one way to send them."""

import json
import re
from urllib.parse import quote_from_bytes, urlencode

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

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


def rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)


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
