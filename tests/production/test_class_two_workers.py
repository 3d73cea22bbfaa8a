"""A class of thirty trainees practising at once, served by two gunicorn workers sharing
one Redis, as make serve runs it: every attempt is on the trainer's dashboard and in its
results.csv, none lost and none counted twice, whichever worker served which request; and
the Learning Record Store (a real Ralph) holds exactly the class's statements. And the same
class served by two make serve hosts on one Redis behind a load balancer with no sticky
sessions (README.md, "Several machines behind a load balancer")."""

import csv
import io
import json
import random
import time
from contextlib import ExitStack

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


def serve(env, tmp_path, name):
    """make serve with ``env`` on a free port, answering: (port, access log, the process)."""
    port, log, output = free_port(), tmp_path / f"{name}.log", tmp_path / f"{name}.out"
    with output.open("w") as sink:
        server = gunicorn({"HOST": "127.0.0.1", "PORT": str(port), "THREADS": "4", **env},
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
    except BaseException:
        server.terminate()
        raise
    return port, log, server


@pytest.fixture
def served(redis_url, lrs, tmp_path):
    """Two workers of four threads on a free port, sending statements to the LRS."""
    port, log, server = serve({"SECRET_KEY": "a-class-on-two-workers",
                               "ACCOUNT_STORE_URL": redis_url, "WORKERS": "2",
                               "XAPI_ENDPOINT": lrs.endpoint, "XAPI_USERNAME": USERNAME,
                               "XAPI_PASSWORD": PASSWORD,
                               "WEILIDAI_XAPI_RETRY_MAX_SECONDS": "1"}, tmp_path, "gunicorn")
    try:
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def practise(trainee, code, number):
    """One trainee: join with their name, start their exercise, do it, see its result."""
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
    assert in_threads(TRAINEES, lambda number: practise(Visitor(port), code, number)) == [
        200] * TRAINEES

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


# -- several make serve hosts on one Redis, behind a load balancer --------------------------------

# Where the room's phones reach the load balancer: every host must give the same join link.
PUBLIC_URL = "https://class.example.org"


class Balanced(Visitor):
    """A browser behind a load balancer with no sticky sessions: each request goes to one of
    the hosts, chosen at random, and every host must take the session the other made."""

    def __init__(self, ports, seed):
        self.ports, self.random, self.served, self.pinned = ports, random.Random(seed), set(), None
        super().__init__(ports[0])

    def on(self, port, path):
        """GET ``path`` from this host, not the one the balancer would choose."""
        self.pinned = port
        try:
            return self.send("GET", path)
        finally:
            self.pinned = None

    def _send(self, *args, **kwargs):
        self.port = self.pinned or self.random.choice(self.ports)
        self.served.add(self.port)
        return super()._send(*args, **kwargs)


@pytest.fixture
def hosts(redis_url, tmp_path):
    """Two make serve hosts (one worker each) with the same SECRET_KEY, ACCOUNT_STORE_URL and
    PUBLIC_URL, as README.md says to run them."""
    env = {"SECRET_KEY": "one-key-for-every-host", "ACCOUNT_STORE_URL": redis_url,
           "WORKERS": "1", "WEILIDAI_PUBLIC_URL": PUBLIC_URL}
    with ExitStack() as stack:
        found = []
        for name in ("host-a", "host-b"):
            port, log, server = serve(env, tmp_path, name)
            stack.callback(server.wait, timeout=30)
            stack.callback(server.terminate)
            found.append((port, log))
        yield found


def test_a_class_on_two_hosts_behind_a_load_balancer_is_one_class(hosts):
    ports = [port for port, _ in hosts]
    trainer = Balanced(ports, seed=0)
    code = trainer.expect_redirect("/classes/new", name="两台服务器").rsplit("/", 1)[1]
    trainees = [Balanced(ports, seed=number + 1) for number in range(TRAINEES)]
    assert in_threads(TRAINEES, lambda number: practise(trainees[number], code, number)) == [
        200] * TRAINEES
    assert all(len(trainee.served) == 2 for trainee in trainees)

    # Each host draws the same class: the whole roster, each exercise done by half of it,
    # and one join link, the load balancer's.
    for port in ports:
        page = trainer.on(port, f"/classes/{code}")
        assert page.status == 200, port
        for exercise in EXERCISES:
            assert f'data-testid="class-done-{exercise}">{TRAINEES // 2}/{TRAINEES}<' in page.text
        assert f'data-testid="class-join-url">{PUBLIC_URL}/join/{code}<' in page.text
        rows = list(csv.DictReader(io.StringIO(
            trainer.on(port, f"/classes/{code}/results.csv").body.decode("utf-8-sig"))))
        assert sorted(row["trainee"] for row in rows) == sorted(
            f"学员{number:02d}" for number in range(TRAINEES))
        assert {row["outcome"] for row in rows} == {"completed"}
    for _, log in hosts:
        assert len(log.read_text().splitlines()) > TRAINEES, "a host served (almost) nothing"
