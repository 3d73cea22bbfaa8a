"""Thousands of random and malformed requests to every route: never a 5xx, and afterwards
the account's invariants still hold; without a valid CSRF token, nothing changes at all.

Requests are drawn by hypothesis: every rule of ``app.url_map`` with odd values in its
parts, random paths, any method, query strings and bodies of random (often invalid UTF-8)
bytes, form fields with huge and odd values, JSON that is bad or of the wrong shape, and
content types that do not match the body.
"""

import json
import re
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.production.fuzzing import (FUZZ, bodies, content_types, form_fields, form_posts,
                                      json_values, queries, requests, rule_urls, send)
from tests.production.support import FlaskBrowser, assert_invariants, make_app
from webapp.scenarios import SCENARIOS


@pytest.fixture(scope="module")
def app():
    return make_app()


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
