"""xAPI against a real Learning Record Store (Ralph, started by these tests): it holds
exactly the statements the attempts made, none twice, also after it was down for a while;
a slow LRS never holds a page; what it refuses as malformed is dropped alone; a full outbox
drops what does not fit and the dashboard says so."""

import json
import socket
import threading
import uuid

import pytest

from tests.production.lrs import PASSWORD, USERNAME, RalphLRS, xapi_config
from tests.production.support import make_app, wait_until
from tests.web.conftest import Weilidai
from tests.web.helpers import close_weilidai_in_practice
from webapp.practice import xapi
from webapp.practice.outbox import Outbox


@pytest.fixture
def lrs(tmp_path):
    server = RalphLRS(tmp_path).start()
    yield server
    server.stop()


def open_class(trainer):
    page = trainer.submit("/classes/new", "class-form", {"name": "社区课堂"})
    return page.location.rsplit("/", 1)[1]


def join(trainer, code, name):
    trainee = trainer.new_browser()
    trainee.submit(f"/join/{code}", "join-form", {"name": name}, follow=True)
    return trainee


def start(trainee, exercise_id):
    return trainee.submit(f"/practice/{exercise_id}", "start-practice", follow=True)


def close_weilidai(trainee):
    page = close_weilidai_in_practice(trainee)
    assert page.has("practice-finished")


def class_statements(trainer, code):
    return json.loads(trainer.client.get(f"/classes/{code}/statements.json").data)


def by_id(statements):
    return {statement["id"]: statement for statement in statements}


def test_the_lrs_holds_exactly_the_statements_the_attempts_made(lrs):
    app = make_app(**xapi_config(lrs))
    trainer = Weilidai(app.test_client())
    code = open_class(trainer)
    wang, li = join(trainer, code, "王阿姨"), join(trainer, code, "老李")
    close_weilidai(wang)
    start(li, "auto-repay-off")
    li.submit("/weilidai", "practice-give-up", follow=True)
    start(li, "why-frozen")  # running: initialized only
    alone = Weilidai(app.test_client())  # no class: a pseudonymous learner
    start(alone, "auto-repay-off")
    alone.submit("/weilidai/settings/repayment", "auto-repay-switch", {"auto_repay": None},
                 follow=True)
    assert app.extensions["xapi_outbox"].flush(timeout=60)
    held = by_id(lrs.statements())
    expected = class_statements(trainer, code)
    assert len(expected) == 5
    assert len(held) == len(lrs.statements()) == 7
    assert set(by_id(expected)) <= set(held)
    solo = [s for s in held.values() if s["id"] not in by_id(expected)]
    assert sorted(s["verb"]["display"]["en-US"] for s in solo) == ["completed", "initialized"]
    assert {s["actor"]["account"]["homePage"] for s in solo} == {
        "https://weilidai-mock.example/xapi/sessions"}
    assert all("registration" not in s["context"] for s in solo)
    completed = next(s for s in held.values() if s["verb"]["display"]["en-US"] == "completed"
                     and s["actor"]["name"] == "王阿姨")
    assert completed["result"]["score"]["scaled"] == 1.0
    assert completed["result"]["success"] is True
    assert completed["context"]["registration"] == expected[0]["context"]["registration"]
    abandoned = [s for s in held.values() if s["verb"]["id"] == xapi.VERBS["abandoned"]]
    assert [s["actor"]["name"] for s in abandoned] == ["老李"]


def test_statements_made_while_the_lrs_is_down_arrive_once_it_is_back(lrs):
    app = make_app(**xapi_config(lrs))
    outbox = app.extensions["xapi_outbox"]
    trainer = Weilidai(app.test_client())
    code = open_class(trainer)
    wang, li = join(trainer, code, "王阿姨"), join(trainer, code, "老李")
    close_weilidai(wang)
    assert outbox.flush(timeout=60)
    lrs.stop()
    close_weilidai(li)
    start(wang, "why-frozen")
    wang.submit("/weilidai", "practice-give-up", follow=True)
    assert not outbox.flush(timeout=3) and len(outbox) == 4  # kept, tried again and again
    lrs.start()
    assert outbox.flush(timeout=60)
    held = lrs.statements()
    expected = class_statements(trainer, code)
    assert len(expected) == 6
    assert sorted(s["id"] for s in held) == sorted(s["id"] for s in expected)


class SilentServer:
    """Accepts connections and never answers: an LRS that hangs."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        self.socket.close()
        for connection in self.held:
            connection.close()


def test_a_hanging_lrs_never_holds_a_page():
    silent = SilentServer()
    app = make_app(XAPI_ENDPOINT=f"http://127.0.0.1:{silent.port}/xAPI",
                   XAPI_TIMEOUT_SECONDS=30)
    outbox = app.extensions["xapi_outbox"]
    try:
        trainee = Weilidai(app.test_client())
        close_weilidai(trainee)
        # The pages are done, the attempt ended, while its statements wait on the LRS.
        assert trainee.get("/practice/done").testid("practice-score").text == "100"
        wait_until(lambda: silent.held, "the outbox's request reaching the LRS")
        assert len(outbox) == 2 and outbox.sent == 0
    finally:
        outbox.stop()
        silent.close()


def statement(verb="initialized"):
    summary = {"id": uuid.uuid4().hex, "exercise": "close-weilidai", "started": 1_800_000_000.0,
               "ended": 1_800_000_060.0, "outcome": None if verb == "initialized" else verb,
               "reason": None, "steps": 8, "shortest": 8, "wrong": 0, "hints": 0,
               "language": "zh", "score": 100}
    made = xapi.statements(
        summary, base="https://lrs.example/xapi",
        exercise={"id": "close-weilidai", "name": {"zh-CN": "关闭微粒贷"},
                  "description": {"zh-CN": "关闭。"}},
        learner={"home_page": "https://lrs.example/xapi/sessions", "name": "test"})
    return made[-1]


def test_a_statement_the_lrs_refuses_is_dropped_alone_and_the_rest_arrive(lrs):
    outbox = Outbox(lrs.endpoint, USERNAME, PASSWORD, retry_max=1)
    bad = {key: value for key, value in statement().items() if key != "actor"}  # whose?
    good = [statement(), statement("completed")]
    outbox.put([good[0], bad, good[1]])
    assert outbox.flush(timeout=60)
    outbox.stop()
    assert outbox.rejected == 1 and outbox.sent == 2
    assert sorted(s["id"] for s in lrs.statements()) == sorted(s["id"] for s in good)


def test_a_statement_sent_twice_is_held_once(lrs):
    outbox = Outbox(lrs.endpoint, USERNAME, PASSWORD, retry_max=1)
    sent = statement("completed")
    outbox.put([sent])
    outbox.put([sent])  # as after a reply lost on the way
    assert outbox.flush(timeout=60)
    outbox.stop()
    assert [s["id"] for s in lrs.statements()] == [sent["id"]]


def test_wrong_credentials_keep_the_statements_for_later(lrs):
    outbox = Outbox(lrs.endpoint, USERNAME, "wrong", retry_max=1)
    outbox.put([statement()])
    assert not outbox.flush(timeout=3)
    outbox.stop()
    assert len(outbox) == 1 and outbox.last_error == "HTTP 401"
    assert lrs.statements() == []


def test_a_full_outbox_drops_what_does_not_fit_and_the_dashboard_says_so():
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    app = make_app(XAPI_ENDPOINT=f"http://127.0.0.1:{port}/xAPI", XAPI_OUTBOX_SIZE=1)
    outbox = app.extensions["xapi_outbox"]
    try:
        trainer = Weilidai(app.test_client())
        code = open_class(trainer)
        close_weilidai(join(trainer, code, "王阿姨"))
        assert (len(outbox), outbox.dropped) == (1, 1)
        page = trainer.get(f"/classes/{code}")
        assert "有 1 条没能排队" in page.testid("class-lrs").text
        # statements.json still has them all, to import by hand.
        assert len(class_statements(trainer, code)) == 2
    finally:
        outbox.stop()
