"""No request, however malformed, produces a 500 or changes state it should not."""

import io

import pytest

from tests.web.conftest import TRAINER_PAGES

ODD_QUERIES = [
    "amount=%FF&term=x",
    "target=1-99",
    "target=%00",
    "%00=%00",
    "present=%FF",
    "present=2",
    "amount=1e9&term=3&card=cmb",
    "amount=1000&term=99999999999999999999&card=cmb",
    "amount=1000&term=3&card=%E2%80%AE",
    "amount=&term=&card=&auto_repay=",
    "amount=1000&amount=2000&term=3&term=6",
    "target=all&target=1-2",
    "next=//evil.example",
    "a[]=1&a[]=2&%5B%5D=x",
    "lang=%FF",
    "lang=xx&lang=en",
    "x=" + "9" * 4000,
]


def test_odd_query_strings_never_break_a_page(weilidai, page_url):
    weilidai.scenario("busy")
    before = weilidai.account()
    for query in ODD_QUERIES:
        page = weilidai.get(f"{page_url.split('?')[0]}?{query}", follow=True)
        assert page.status == 200, query
        assert page.in_phone_frame() is (page_url not in TRAINER_PAGES), query
    assert weilidai.account() == before


@pytest.mark.parametrize("accept_language", [";;;q=x", "zh;q=abc", "*", "xx-YY", "\xff",
                                             "en;q=0, zh;q=0", "en," * 1000])
def test_an_odd_accept_language_header_never_breaks_a_page(weilidai, accept_language):
    page = weilidai.request("get", "/weilidai/borrow",
                            headers={"Accept-Language": accept_language})
    assert page.status == 200 and page.screen == "borrow"


@pytest.mark.parametrize("url", [
    "/weilidai/borrow/confirm?amount=%FF&term=x",
    "/weilidai/borrow/confirm?amount=1000&term=-3&card=cmb",
    # "³", "²" and "¹" are digits to str.isdigit() but not to int().
    "/weilidai/borrow/confirm?amount=1000&term=%C2%B3&card=cmb",
    "/weilidai/borrow/confirm?amount=%C2%B9000&term=3&card=cmb",
    "/weilidai/repay/confirm?target=1-99",
    "/weilidai/repay/confirm?target=1-%C2%B2",  # "1-²"
    "/weilidai/repay/confirm?target=%C2%B9-1",  # "¹-1"
    "/weilidai/repay/confirm?target=%D9%A1-%D9%A2",  # Arabic-Indic "١-٢"
    "/weilidai/repay/confirm?target=99999999999999999999-1",
])
def test_a_confirmation_with_a_malformed_query_goes_back_never_500(weilidai, url):
    before = weilidai.scenario("repaying")
    page = weilidai.get(url, follow=True)
    assert page.status == 200
    assert page.path in ("/weilidai/borrow", "/weilidai/repay", url.split("?")[0])
    assert weilidai.account() == before


@pytest.mark.parametrize("path", [
    "/weilidai/borrow/done/-1",
    "/weilidai/borrow/done/1.5",
    "/weilidai/repay/done/abc",
    "/weilidai/repay/done/%FF",
])
def test_a_result_page_with_no_number_is_a_404_page(weilidai, path):
    weilidai.scenario("busy")
    page = weilidai.get(path)
    assert page.status == 404
    assert page.screen == "error-404"


@pytest.mark.parametrize("path", [
    "/weilidai/borrow/done/999",
    "/weilidai/borrow/done/0",
    "/weilidai/borrow/done/99999999999999999999999",
    "/weilidai/repay/done/999",
])
def test_a_result_page_for_no_record_of_this_account_goes_to_the_weilidai_home(weilidai, path):
    # The record is gone (a reset, another scenario) or never was: the nearest screen that
    # exists, saying why, never a 404 reached from a page the app drew.
    before = weilidai.scenario("busy")
    page = weilidai.get(path, follow=True)
    assert page.status == 200 and page.screen == "weilidai-home"
    assert page.flashes("info")
    assert weilidai.account() == before


@pytest.mark.parametrize("path, data", [
    ("/weilidai/borrow", {"amount": "\x00", "term": "\x00", "card": "\x00"}),
    ("/weilidai/borrow", {"amount": "1" * 5000, "term": "3", "card": "cmb"}),
    ("/weilidai/borrow/confirm", {"amount": "1000", "term": "³", "card": "cmb",
                                  "auto_repay": "1", "password": "123456"}),
    ("/weilidai/borrow/confirm", {"amount": "1000", "term": "٣", "card": "cmb",
                                  "auto_repay": "1", "password": "12345"}),
    ("/weilidai/repay/confirm", {"target": "\x00-\x00", "card": "cmb", "password": "123456"}),
    ("/weilidai/repay/confirm", {"target": "all", "card": "cmb", "password": "123456"}),
    ("/weilidai/settings/repayment", {"auto_repay": "\x00"}),
    ("/weilidai/settings/repayment/card", {"card": ""}),
    ("/weilidai/manage/close/password", {"password": "١٢٣٤٥٦"}),  # Arabic-Indic digits
    ("/panel/scenario", {"scenario": "nope", "next": "/weilidai"}),
    ("/panel/clock", {"days": "x", "next": "/weilidai"}),
    ("/panel/clock", {"days": "0", "next": "/weilidai"}),
    ("/panel/clock", {"days": "99999", "next": "/weilidai"}),
    ("/panel/clock", {"days": "٥", "next": "/weilidai"}),
    ("/panel/clock", {"to": "next-due", "next": "/weilidai"}),
])
def test_odd_form_values_with_a_valid_token_are_refused_never_500(weilidai, path, data):
    before = weilidai.account()
    page = weilidai.post_form(path, data, token_from="/scenarios/fresh", follow=True)
    assert page.status in (200, 422)
    assert page.in_phone_frame()
    assert weilidai.account() == before


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", "", "weilidai"])
def test_the_panel_sends_back_only_to_a_page_of_this_site(weilidai, target):
    page = weilidai.post_form("/panel/present", {"next": target}, token_from="/scenarios/fresh")
    assert page.status == 302
    assert page.location.startswith("/")
    assert not page.location.startswith("//")
    assert "evil.example" not in page.location.split("?")[0].lstrip("/").split("/")[0]


def test_a_body_over_the_size_limit_is_refused(weilidai):
    token = weilidai.csrf_token("/scenarios/fresh")
    page = weilidai.request("post", "/weilidai/borrow",
                            data={"csrf_token": token, "amount": "1" * 70_000})
    assert page.status == 413
    assert page.screen == "error-413"


def test_a_chunked_body_over_the_size_limit_is_refused_too(weilidai):
    """No Content-Length (Transfer-Encoding: chunked), the stream ended by the server."""
    before = weilidai.account()
    token = weilidai.csrf_token("/scenarios/fresh")
    body = f"csrf_token={token}&amount=1000&term=3&card=cmb&pad={'1' * 70_000}"
    page = weilidai.request("post", "/weilidai/borrow", input_stream=io.BytesIO(body.encode()),
                            content_type="application/x-www-form-urlencoded",
                            headers={"Transfer-Encoding": "chunked"},
                            environ_overrides={"wsgi.input_terminated": True})
    assert page.status == 413
    assert page.screen == "error-413"
    assert weilidai.account() == before


def test_a_tampered_session_cookie_is_a_new_session_not_an_error(weilidai):
    weilidai.scenario("closed")
    name = weilidai.app.config["SESSION_COOKIE_NAME"]
    weilidai.client.set_cookie(name, weilidai.client.get_cookie(name).value + "x")
    page = weilidai.get("/weilidai")
    assert page.status == 200
    assert weilidai.account()["status"] == "active"
