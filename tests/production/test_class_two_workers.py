"""A class of thirty trainees practising at once, served by two gunicorn workers sharing
one Redis, as make serve runs it: every attempt is on the trainer's dashboard and in its
results.csv, none lost and none counted twice, whichever worker served which request; and
the Learning Record Store (a real Ralph) holds exactly the class's statements."""

import csv
import io
import json
import time

import pytest

from tests.production.lrs import PASSWORD, USERNAME, RalphLRS
from tests.production.support import (ACCESS_LOG_FORMAT, ONCE_FIELD, VALUE, HttpBrowser,
                                      free_port, gunicorn, in_threads, wait_until,
                                      workers_that_served)

TRAINEES = 30
EXERCISES = ("close-weilidai", "auto-repay-off")


class Visitor(HttpBrowser):
    """A browser over HTTP that keeps the session cookie the server sends back: a class
    member's and a practice's state live in it."""

    def send(self, *args, **kwargs):
        response = super().send(*args, **kwargs)
        for header in response.headers.getlist("Set-Cookie"):
            name, _, rest = header.partition("=")
            if name == self.cookie_name:
                self.cookie = rest.split(";", 1)[0]
        return response

    def form_token(self):
        # From a page of practice's own with a form (an exercise's), no step of the trainee's.
        page = self.send("GET", "/practice/close-weilidai")
        assert page.status == 200, page.status
        return VALUE.search(ONCE_FIELD.search(page.text).group()).group(1)

    def expect_redirect(self, path, **form):
        response = self.post_form(path, **form)
        assert response.status == 302, (path, response.status, response.text[:300])
        return response.location.removeprefix(f"http://127.0.0.1:{self.port}")


@pytest.fixture
def lrs(tmp_path):
    (tmp_path / "lrs").mkdir()
    server = RalphLRS(tmp_path / "lrs").start()
    yield server
    server.stop()


@pytest.fixture
def served(redis_url, lrs, tmp_path):
    """Two workers of four threads on a free port, sending statements to the LRS."""
    port, log, output = free_port(), tmp_path / "access.log", tmp_path / "gunicorn.log"
    with output.open("w") as sink:
        server = gunicorn({"SECRET_KEY": "a-class-on-two-workers", "ACCOUNT_STORE_URL": redis_url,
                           "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": "2",
                           "THREADS": "4", "XAPI_ENDPOINT": lrs.endpoint,
                           "XAPI_USERNAME": USERNAME, "XAPI_PASSWORD": PASSWORD,
                           "WEILIDAI_XAPI_RETRY_MAX_SECONDS": "1"},
                          "--access-logfile", str(log), "--access-logformat", ACCESS_LOG_FORMAT,
                          output=sink)

    def up():
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {output.read_text()}")
        try:
            return HttpBrowser(port) is not None
        except OSError:
            return False

    try:
        wait_until(up, "gunicorn answering", seconds=60)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def practise(port, code, number):
    """One trainee: join with their name, start their exercise, do it, see its result."""
    trainee = Visitor(port)
    assert trainee.expect_redirect(f"/join/{code}", name=f"学员{number:02d}") == "/practice"
    exercise = EXERCISES[number % 2]
    first = trainee.expect_redirect(f"/practice/{exercise}/start")
    assert trainee.send("GET", first).status == 200
    if exercise == "close-weilidai":
        done = trainee.expect_redirect("/weilidai/manage/close/password", password="123456")
    else:
        done = trainee.expect_redirect("/weilidai/settings/repayment")  # the switch, off
    assert "practice-finished" in trainee.send("GET", done).text
    return trainee.send("GET", "/practice/done").status


def test_thirty_trainees_at_once_on_two_workers_all_counted_once(served, lrs):
    port, log = served
    trainer = Visitor(port)
    code = trainer.expect_redirect("/classes/new", name="三十人的课").rsplit("/", 1)[1]
    assert in_threads(TRAINEES, lambda number: practise(port, code, number)) == [200] * TRAINEES

    response = trainer.send("GET", f"/classes/{code}/results.csv")
    rows = list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert sorted(row["trainee"] for row in rows) == sorted(
        f"学员{number:02d}" for number in range(TRAINEES))
    assert {row["outcome"] for row in rows} == {"completed"}
    assert all(row["exercise"] == EXERCISES[int(row["trainee"][2:]) % 2] for row in rows)
    dashboard = trainer.send("GET", f"/classes/{code}").text
    for exercise in EXERCISES:
        assert f'data-testid="class-done-{exercise}">{TRAINEES // 2}/{TRAINEES}<' in dashboard
    assert len(workers_that_served(log)) == 2, "one worker served everything: nothing shared"

    expected = json.loads(trainer.send("GET", f"/classes/{code}/statements.json").body)
    assert len(expected) == 2 * TRAINEES
    deadline = time.monotonic() + 120
    while len(held := lrs.statements()) < len(expected) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert sorted(s["id"] for s in held) == sorted(s["id"] for s in expected)
