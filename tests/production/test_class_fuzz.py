"""Random and malformed requests to a real class's pages and to practice, from its trainer,
a trainee and a stranger, with valid tokens: never a 5xx, nothing shown as markup, and the
class stays sound (a roster of valid, distinct names; its dashboard and exports render)."""

import re
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.production.support import FlaskBrowser, make_app
from tests.production.fuzzing import FUZZ, form_fields, odd_text, queries, send
from webapp.practice import EXERCISES, classroom
from webapp.practice.classes import NAME_MAX, same_name_key

ROUTES = ["/classes/{code}", "/classes/{code}/qr", "/classes/{code}/results.csv",
          "/classes/{code}/statements.json", "/classes/{code}/end", "/join/{code}",
          "/join/{code}/qr.svg", "/classes/new", "/practice/hint", "/practice/give-up",
          "/practice/done", "/practice/results", "/practice/{exercise}",
          "/practice/{exercise}/start", "/classes/{code}/trainer/{odd}"]


@pytest.fixture(scope="module")
def app():
    return make_app()


@pytest.fixture(scope="module")
def visitors(app):
    trainer, trainee, stranger = FlaskBrowser(app), FlaskBrowser(app), FlaskBrowser(app)
    response = trainer.post_form("/classes/new", name="课")
    trainer.cookie = trainer._session_cookie(response)
    code = response.location.rsplit("/", 1)[1]
    response = trainee.post_form(f"/join/{code}", name="王阿姨")
    trainee.cookie = trainee._session_cookie(response)
    return code, [trainer, trainee, stranger]


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_random_requests_to_a_class_and_practice_never_5xx_and_keep_the_class_sound(
        app, visitors, data):
    code, people = visitors
    visitor = data.draw(st.sampled_from(people))
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(ROUTES)).format(
            code=data.draw(st.sampled_from([code, code.lower(), "ZZZZ9999"])),
            exercise=data.draw(st.sampled_from([*EXERCISES, "nope"])),
            odd=re.sub(r"[/?#%]", "", data.draw(odd_text))[:40] or "x")
        fields = data.draw(form_fields)
        fields["csrf_token"] = visitor.token
        if data.draw(st.booleans()):
            fields["once"] = visitor.form_token()
        method = data.draw(st.sampled_from(["GET", "POST"]))
        body = urlencode(fields, errors="surrogatepass") if method == "POST" else None
        send(visitor, method, path, data.draw(queries), body,
             "application/x-www-form-urlencoded" if body else None)
    store = app.extensions["class_store"]
    names = [trainee.name for trainee in
             classroom.trainees(store, classroom.find_class(store, code))]
    assert all(1 <= len(name) <= NAME_MAX for name in names)
    assert len({same_name_key(name) for name in names}) == len(names)
    trainer = people[0]
    for path in (f"/classes/{code}", f"/classes/{code}/results.csv",
                 f"/classes/{code}/statements.json"):
        assert trainer.send("GET", path).status == 200, path
