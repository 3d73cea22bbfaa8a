"""A demo reachable on a network: security headers, the session cookie, redirects that stay
on the host, CSRF on every form POST, a JSON-only API that can be switched off, escaped
user text and a bounded request size."""

import re
from urllib.parse import urlencode, urlsplit

import pytest

from tests.production.support import FlaskBrowser, make_app
from webapp import config as settings
from webapp.views.panel import safe_next


@pytest.fixture
def app():
    return make_app()


@pytest.fixture
def visitor(app):
    return FlaskBrowser(app)


def sample_url(rule):
    """A URL for ``rule`` with plausible values for its parts."""
    values = {"int": "1", "path": "css/phone.css"}
    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>",
                  lambda m: values.get(m.group(1), "fresh"), rule.rule)


def routes(app, method):
    return sorted({sample_url(rule) for rule in app.url_map.iter_rules()
                   if method in rule.methods})


def get_pages(app):
    return [url for url in routes(app, "GET") if not url.startswith(("/static/", "/api/"))]


# -- headers on every response -------------------------------------------------------------

def every_kind_of_response(visitor):
    return {
        "page": visitor.request("GET", "/weilidai"),
        "static file": visitor.request("GET", "/static/css/phone.css"),
        "404 page": visitor.request("GET", "/nowhere"),
        "405 page": visitor.request("DELETE", "/weilidai"),
        "redirect": visitor.post_form("/panel/present", next="/weilidai"),
        "CSRF refusal": visitor.request("POST", "/panel/reset"),
        "API": visitor.request("GET", "/api/account"),
        "API refusal": visitor.request("POST", "/api/clock", form={}),
        "413": visitor.request("POST", "/weilidai/borrow", form={"amount": "1" * 70_000}),
    }


def test_every_response_carries_the_security_headers(visitor):
    for kind, response in every_kind_of_response(visitor).items():
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives.get("default-src") == "'self'", kind
        assert directives.get("img-src") == "'self' data:", kind
        assert directives.get("frame-ancestors") == "'self'", kind
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, kind
        assert headers.get("X-Content-Type-Options") == "nosniff", kind
        assert headers.get("Referrer-Policy") == "same-origin", kind
        assert "camera=()" in headers.get("Permissions-Policy", ""), kind


def test_frame_ancestors_can_name_a_training_portal():
    portal = "'self' https://portal.example"
    assert settings.from_environment({"WEILIDAI_FRAME_ANCESTORS": portal})[
        "FRAME_ANCESTORS"] == portal
    response = make_app(FRAME_ANCESTORS=portal).test_client().get("/weilidai")
    assert f"frame-ancestors {portal}" in response.headers["Content-Security-Policy"]


INLINE = [
    ("an inline script", re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)),
    ("a style attribute", re.compile(r"<[^>]+\sstyle=", re.I)),
    ("a style element", re.compile(r"<style\b", re.I)),
    ("an event handler attribute", re.compile(r"<[^>]+\son[a-z]+=", re.I)),
    ("a javascript: URL", re.compile(r"javascript:", re.I)),
]


@pytest.mark.parametrize("scenario", ["fresh", "busy", "closed"])
def test_no_page_needs_what_the_policy_forbids(visitor, app, scenario):
    """Under default-src 'self' without unsafe-inline, anything inline would be blocked."""
    visitor.api("scenario", name=scenario)
    for url in get_pages(app):
        html = visitor.request("GET", url).text
        for what, pattern in INLINE:
            assert not pattern.search(html), f"{url} has {what}: {pattern.search(html)}"


# -- the session cookie ------------------------------------------------------------------------

def session_cookie(response):
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}, header


def test_the_session_cookie_is_httponly_and_samesite_lax_and_not_secure_over_http(app):
    flags, header = session_cookie(app.test_client().get("/weilidai"))
    assert {"httponly", "samesite"} <= flags
    assert "SameSite=Lax" in header
    assert "secure" not in flags


def test_the_session_cookie_is_secure_over_https(app):
    flags, _ = session_cookie(app.test_client().get("/weilidai", base_url="https://localhost"))
    assert "secure" in flags


def test_behind_a_trusted_proxy_the_cookie_is_secure_when_the_visitor_used_https():
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    behind_proxy = make_app(PROXY_FIX=1).test_client()
    assert "secure" in session_cookie(behind_proxy.get("/weilidai", headers=headers))[0]
    # Without PROXY_FIX nobody's X-Forwarded-* is trusted: a visitor could claim anything.
    direct = make_app().test_client()
    assert "secure" not in session_cookie(direct.get("/weilidai", headers=headers))[0]


def test_proxy_fix_is_read_from_the_environment():
    assert settings.from_environment({"WEILIDAI_PROXY_FIX": "1"})["PROXY_FIX"] == 1
    assert settings.from_environment({})["PROXY_FIX"] == 0


# -- redirects stay on the host -----------------------------------------------------------------

HOSTILE_NEXT = [
    "//evil.example", "////evil.example", "/\\evil.example", "\\\\evil.example",
    "https://evil.example", "http:evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>", "\t//evil.example", "/\t/evil.example",
    " //evil.example", "/%0d%0aSet-Cookie:x=1", "/\r\nSet-Cookie: x=1", "evil.example",
    "", "//", "https:", "/\x00//evil.example",
]


def assert_on_this_host(location):
    parts = urlsplit(location)
    assert parts.scheme in ("", "http") and parts.netloc in ("", "localhost"), location
    assert parts.path.startswith("/") and not parts.path.startswith(("//", "/\\")), location
    assert "\r" not in location and "\n" not in location


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_safe_next_keeps_any_target_on_this_host(app, target):
    with app.test_request_context():
        assert_on_this_host(safe_next(target))


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_panel_sends_back_to_this_host_whatever_next_says(visitor, target):
    for path, form in [("/panel/present", {}), ("/panel/reset", {}),
                       ("/panel/clock", {"days": "1"}), ("/panel/scenario", {"scenario": "x"})]:
        response = visitor.post_form(path, next=target, **form)
        assert response.status == 302
        assert_on_this_host(response.location)


def test_safe_next_keeps_a_path_and_query_of_this_site(app):
    with app.test_request_context():
        assert safe_next("/weilidai/repay?lang=en") == "/weilidai/repay?lang=en"


# -- CSRF, the JSON-only API and its switch -----------------------------------------------------

def test_every_form_post_without_a_valid_token_is_refused_and_changes_nothing(app, visitor):
    before = visitor.api("scenario", name="busy")
    posts = [url for url in routes(app, "POST") if not url.startswith("/api/")]
    assert "/panel/reset" in posts and "/weilidai/manage/close/password" in posts
    for url in posts:
        for token in (None, "", "forged", visitor.token[:-2] + "xx"):
            form = {"password": "123456", "days": "30", "scenario": "closed", "target": "all",
                    "card": "cmb", "amount": "1000", "term": "3", "auto_repay": "y"}
            if token is not None:
                form["csrf_token"] = token
            response = visitor.send("POST", url, urlencode(form),
                                    "application/x-www-form-urlencoded")
            assert response.status == 400, (url, token, response.status)
    assert visitor.account() == before


@pytest.mark.parametrize("content_type", [
    None, "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
    "application/jsonp", "text/json"])
def test_the_api_takes_only_json(visitor, content_type):
    before = visitor.api("scenario", name="repaying")
    for path in ("/api/scenario", "/api/clock", "/api/reset"):
        response = visitor.send("POST", path, '{"name": "closed"}', content_type)
        assert response.status == 415, (path, response.status)
        assert response.headers.get("Content-Type") == "application/json"
    assert visitor.account() == before


def test_switching_the_api_off_leaves_no_api_and_the_screens_working():
    app = make_app(API_ENABLED=False)
    client = app.test_client()
    for path in routes(app, "GET") + routes(app, "POST"):
        if path.startswith("/api/"):
            for method in ("GET", "POST"):
                response = client.open(path, method=method, json={"name": "closed"})
                assert response.status_code in (404, 405), path
    assert client.get("/weilidai").status_code == 200


# -- escaping and size -------------------------------------------------------------------------

MARKUP = "\"'><svg/onload=alert(1)><script>alert(1)</script>"


def test_user_text_is_escaped_wherever_it_is_echoed(visitor):
    responses = [
        visitor.post_form("/weilidai/borrow", amount=MARKUP, term=MARKUP, card=MARKUP),
        visitor.post_form("/weilidai/borrow/confirm", amount="1000", term="3", card="cmb",
                          auto_repay="1", password=MARKUP),
        visitor.post_form("/weilidai/manage/close/password", password=MARKUP),
        visitor.post_form("/weilidai/repay/confirm", target="all", card=MARKUP, password=MARKUP),
        visitor.request("GET", "/weilidai?x=" + MARKUP.replace(" ", "%20")),
        visitor.request("GET", "/weilidai/borrow/confirm?amount=1000&term=3&auto_repay=1&card="
                        + MARKUP),
    ]
    for response in responses:
        assert "<svg/onload" not in response.text and "<script>alert" not in response.text


def test_a_body_over_the_limit_is_a_413_page_inside_the_phone(visitor):
    response = visitor.request("POST", "/weilidai/borrow", form={"amount": "1" * 70_000})
    assert response.status == 413
    assert 'data-testid="screen-error-413"' in response.text
    api = visitor.request("POST", "/api/clock", json_body={"pad": "x" * 70_000, "days": 1})
    assert api.status == 413
    assert api.json()["error"] == "body_too_large"
