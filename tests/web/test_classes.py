"""Classes through the web: a trainer opens one and alone sees its dashboard (and a second
device through the secret trainer link); trainees join with a display name and practise;
the dashboard shows the roster against the exercises, refreshes itself, exports results.csv
and statements.json; a class ends by its trainer or its time; limits say so clearly."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
import segno

from flask.testing import FlaskClient

from tests.web.conftest import Weilidai, form_values, make_app
from tests.web.helpers import (CLOSE_TAPS, chinese_in, close_weilidai_in_practice,
                               close_with_password, in_english, start_practice, walk)
from webapp.practice import EXERCISES
from webapp.views import classes as classes_view
from webapp.views import journeys


def open_class(trainer, name="社区课堂"):
    page = trainer.submit("/classes/new", "class-form", {"name": name})
    assert page.status == 302, page.field_errors() or page.flashes()
    return page.location.rsplit("/", 1)[1]


def join(trainee, code, name):
    return trainee.submit(f"/join/{code}", "join-form", {"name": name}, follow=True)


close_weilidai = close_weilidai_in_practice


def cell(dashboard, row, exercise_id):
    return dashboard.testid(f"class-cell-{row}-{exercise_id}")


@pytest.fixture
def trainer(weilidai):
    return weilidai


def test_a_trainer_opens_a_class_and_its_dashboard_shows_how_to_join(trainer):
    code = open_class(trainer)
    page = trainer.get(f"/classes/{code}")
    assert page.screen == "class-dashboard"
    assert page.testid("class-code").text == code
    assert page.testid("class-join-url").text == f"http://localhost/join/{code}"
    assert page.testid("class-qr").attrs["src"].startswith(f"/join/{code}/qr.svg?link=")
    # It refreshes itself: by its script, or, where scripts do not run, a meta refresh that
    # only such a browser obeys (a Refresh header would reload it under the script too).
    assert "Refresh" not in page.response.headers
    refresh = page.testid("class-refresh-noscript")
    assert refresh.parent.tag == "noscript" and refresh.attrs["content"] == "10"
    assert page.testid("class-live").attrs["data-live-seconds"] == "10"
    assert page.has("class-empty")
    assert trainer.get("/classes/new").testid("class-owned-1").attrs["href"] == f"/classes/{code}"


def qr_of(url):
    made = io.BytesIO()
    segno.make_qr(url, error="m").save(made, kind="svg", scale=10, border=4, dark="#000",
                                       light="#fff", xmldecl=True)
    return made.getvalue()


def test_the_qr_code_is_an_svg_of_the_join_link(trainer):
    code = open_class(trainer)
    response = trainer.client.get(trainer.get(f"/classes/{code}").testid("class-qr").attrs["src"])
    assert response.mimetype == "image/svg+xml"
    assert response.data == qr_of(f"http://localhost/join/{code}")


# -- the join link, as the room's phones open it ---------------------------------------------

# Addresses for documentation (RFC 5737), never requested: the pages are only read.
ROOM_ADDRESS = "198.51.100.23"


@pytest.mark.parametrize("path", ["/classes/{code}", "/classes/{code}/qr"])
def test_a_link_only_this_machine_can_open_is_said_so_with_what_to_do(trainer, path):
    code = open_class(trainer)
    page = trainer.get(path.format(code=code))
    warning = page.testid("class-link-local")
    assert warning.attrs["role"] == "alert"
    assert warning.text.startswith("学员的手机打不开这个链接")
    assert "http://localhost" in warning.text
    assert "make class" in warning.text and "WEILIDAI_PUBLIC_URL" in warning.text


def test_public_url_is_the_links_address_and_its_qr_codes(make_weilidai):
    trainer = make_weilidai(PUBLIC_URL="https://class.example.org:8443/")
    code = open_class(trainer)
    for path in (f"/classes/{code}", f"/classes/{code}/qr"):
        page = trainer.get(path)
        assert page.testid("class-join-url").text == f"https://class.example.org:8443/join/{code}"
        assert not page.has("class-link-local")
        qr = trainer.client.get(page.testid("class-qr").attrs["src"]).data
        assert qr == qr_of(f"https://class.example.org:8443/join/{code}")


def test_a_public_url_on_loopback_is_said_to_be_this_machines_own(make_weilidai):
    trainer = make_weilidai(PUBLIC_URL="http://127.0.0.2:5000")
    code = open_class(trainer)
    warning = trainer.get(f"/classes/{code}").testid("class-link-local")
    assert "WEILIDAI_PUBLIC_URL" in warning.text and "http://127.0.0.2:5000" in warning.text


class BrowserAt(FlaskClient):
    """A browser that opens the server at ``base`` (the test client's is http://localhost)."""

    base = "http://127.0.0.1:5000"

    def open(self, *args, **kwargs):
        if args and isinstance(args[0], str):
            kwargs.setdefault("base_url", self.base)
        return super().open(*args, **kwargs)


def browser_at(base, **config):
    app = make_app(**config)
    app.test_client_class = type("Browser", (BrowserAt,), {"base": base})
    return Weilidai(app.test_client())


def test_served_on_every_interface_the_link_carries_the_network_address(monkeypatch):
    from webapp import network

    monkeypatch.setattr(network, "network_address", lambda: ROOM_ADDRESS)
    trainer = browser_at("http://127.0.0.1:5000", HOST="0.0.0.0")
    code = open_class(trainer)
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-join-url").text == f"http://{ROOM_ADDRESS}:5000/join/{code}"
    assert not page.has("class-link-local")
    assert "同一个 Wi‑Fi" in page.testid("class-link-network").text
    # The machine off the network: said so, with what to do.
    monkeypatch.setattr(network, "network_address", lambda: None)
    warning = trainer.get(f"/classes/{code}").testid("class-link-local")
    assert "没有连上网络" in warning.text


def test_served_on_every_interface_the_page_shows_the_address_the_machine_has(make_weilidai):
    """The real detection, read as text only: the address is never requested."""
    from webapp import network

    trainer = make_weilidai(HOST="0.0.0.0")
    code = open_class(trainer)
    page = trainer.get(f"/classes/{code}")
    found = network.network_address()
    if found is None:
        assert "没有连上网络" in page.testid("class-link-local").text
    else:
        assert page.testid("class-join-url").text == f"http://{found}/join/{code}"
        assert not page.has("class-link-local")


def test_a_trainer_on_the_network_address_gets_a_link_with_it():
    trainer = browser_at(f"http://{ROOM_ADDRESS}:5000")
    code = open_class(trainer)
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-join-url").text == f"http://{ROOM_ADDRESS}:5000/join/{code}"
    assert not page.has("class-link-local")


def test_only_the_trainer_sees_the_dashboard_and_its_exports(trainer):
    code = open_class(trainer)
    stranger = trainer.new_browser()
    join(stranger, code, "王阿姨")
    for path in (f"/classes/{code}", f"/classes/{code}/qr", f"/classes/{code}/results.csv",
                 f"/classes/{code}/statements.json", f"/classes/{code}/live"):
        page = stranger.get(path)
        assert (page.status, page.screen) == (403, "class-trainer-only"), path
    page = stranger.post_form(f"/classes/{code}/end", {}, token_from="/scenarios/fresh")
    assert page.status == 403
    assert trainer.get(f"/classes/{code}").testid("class-status").text.startswith("进行中")


def test_the_secret_trainer_link_lets_a_second_device_watch(trainer):
    code = open_class(trainer)
    link = trainer.get(f"/classes/{code}").testid("class-trainer-url").text
    second = trainer.new_browser()
    page = second.get(link.removeprefix("http://localhost"))
    assert page.location == f"/classes/{code}"
    assert second.get(f"/classes/{code}").screen == "class-dashboard"
    wrong = trainer.new_browser().get(f"/classes/{code}/trainer/{'0' * 32}")
    assert (wrong.status, wrong.screen) == (404, "class-unknown")


@pytest.mark.parametrize("path", ["/join/ZZZZ9999", "/join/not-a-code", "/classes/ZZZZ9999",
                                  "/join/ZZZZ9999/qr.svg", "/classes/%00"])
def test_a_wrong_code_is_a_clear_page(trainer, path):
    page = trainer.get(path)
    assert (page.status, page.screen) == (404, "class-unknown")


def test_a_code_reads_however_it_is_typed(trainer):
    code = open_class(trainer)
    page = trainer.new_browser().get(f"/join/{code.lower()}")
    assert page.screen == "class-join"


def test_trainees_join_with_their_names_and_practise_for_the_class(trainer):
    code = open_class(trainer)
    wang, li = trainer.new_browser(), trainer.new_browser()
    page = join(wang, code, "王阿姨")
    assert page.path == "/practice"
    assert page.flashes("success") == ["你已加入班级“社区课堂”，开始练习吧"]
    assert page.testid("practice-class").text.startswith("班级：社区课堂")
    join(li, code, "老李")
    assert wang.get("/practice/close-weilidai").has("exercise-class")
    close_weilidai(wang)
    li.submit("/practice/auto-repay-off", "start-practice", follow=True)
    page = trainer.get(f"/classes/{code}")
    assert [page.testid(f"class-trainee-{n}").text for n in (1, 2)] == ["王阿姨", "老李"]
    assert cell(page, 1, "close-weilidai").attrs["data-state"] == "done"
    assert cell(page, 1, "close-weilidai").text == "完成 100 分"
    # The results in full: the best attempt's counts, its jumps among them, and its time.
    scores = trainer.get(f"/classes/{code}?view=scores")
    assert "100 分 提示 0 · 走错 0 · 跳转 0 · 0 分" in cell(scores, 1, "close-weilidai").text
    assert cell(page, 2, "auto-repay-off").attrs["data-state"] == "in_progress"
    assert cell(page, 2, "close-weilidai").attrs["data-state"] == "not_started"
    assert page.testid("class-done-close-weilidai").text == "1/2"
    # The join link again: the trainee is in already.
    assert wang.get(f"/join/{code}").screen == "class-joined"


def find_by_code(trainee, typed):
    """Type the code in /join's form and send it as a browser sends a GET form."""
    form = trainee.get("/join").form("join-code-form")
    assert form.attrs["method"] == "get"
    return trainee.get(f"{form.attrs['action']}?{urlencode({**form_values(form), 'code': typed})}")


def test_a_trainee_types_the_projected_code_from_practice_and_reaches_the_join_page(trainer):
    code = open_class(trainer)
    trainee = trainer.new_browser()
    link = trainee.get("/practice").testid("practice-join-code")
    assert link.attrs["href"] == "/join"
    page = trainee.get("/join")
    assert (page.status, page.screen) == (200, "class-join-code")
    typed = f" {code[:4].lower()} - {code[4:]} ".translate(
        {ord(c): ord(c) + 0xFEE0 for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
         "0123456789"})  # full-width, as a Chinese keyboard types it
    page = find_by_code(trainee, typed)
    assert page.location == f"/join/{code}"
    page = join(trainee, code, "王阿姨")
    assert page.path == "/practice" and not page.has("practice-join-code")


@pytest.mark.parametrize("typed, status, kept, error", [
    ("", 422, "", "请输入班级码"),
    ("ABCD234", 422, "ABCD234", "班级码是 8 个字母和数字，你输入了 7 个"),
    ("ABCD 2O1O", 422, "ABCD 2O1O", "班级码里没有这些字符：O1（班级码不用 0、1、I、L、O）"),
    ("zzzz-9999", 404, "ZZZZ9999", "没有班级码是 ZZZZ9999 的班级：请对照老师投影的班级码再输一次"),
])
def test_a_code_that_finds_no_class_is_refused_with_why_and_kept_in_the_field(
        trainer, typed, status, kept, error):
    page = find_by_code(trainer.new_browser(), typed)
    assert (page.status, page.screen) == (status, "class-join-code")
    assert page.field_errors() == [error]
    assert page.testid("join-code").attrs.get("value", "") == kept
    assert page.testid("join-code").attrs["aria-invalid"] == "true"


@pytest.mark.parametrize("name, error", [
    ("", "请输入你的名字"), ("   ", "请输入你的名字"),
    ("名" * 21, "名字最多 20 个字"), ("王\x07", "名字里有不能显示的字符"),
])
def test_a_display_name_must_be_1_to_20_printable_characters(trainer, name, error):
    code = open_class(trainer)
    page = trainer.new_browser().submit(f"/join/{code}", "join-form", {"name": name})
    assert page.status == 422 and page.field_errors() == [error]


def test_a_display_name_is_unique_in_the_class_whatever_its_case_or_width(trainer):
    code = open_class(trainer)
    join(trainer.new_browser(), code, "Ann")
    page = trainer.new_browser().submit(f"/join/{code}", "join-form", {"name": " ＡＮＮ "})
    assert page.status == 422
    assert page.field_errors() == ["班里已经有人叫“ＡＮＮ”了，请换一个名字"]
    assert len(trainer.get(f"/classes/{code}").testid("class-grid").find_all("tbody")[0]
               .find_all("tr")) == 1


def test_a_name_is_shown_escaped(trainer):
    code = open_class(trainer)
    join(trainer.new_browser(), code, "<b>x</b>")
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-trainee-1").text == "<b>x</b>"
    assert "&lt;b&gt;x&lt;/b&gt;" in page.html


def test_a_join_or_an_open_sent_twice_acts_once(make_weilidai):
    trainer = make_weilidai()  # a server of its own, to count its classes
    values = {**form_values(trainer.get("/classes/new").form("class-form")), "name": "A"}
    first = trainer.client.post("/classes/new", data=values)
    again = trainer.client.post("/classes/new", data=values)
    assert first.location == again.location
    store = trainer.app.extensions["class_store"]
    assert len(store) == 1
    code = first.location.rsplit("/", 1)[1]
    trainee = trainer.new_browser()
    values = {**form_values(trainee.get(f"/join/{code}").form("join-form")), "name": "王阿姨"}
    assert trainee.client.post(f"/join/{code}", data=values).location == "/practice"
    assert trainee.get(f"/join/{code}").screen == "class-joined"
    trainee.client.post(f"/join/{code}", data=values)
    klass = classes_view.classroom.find_class(store, code)
    assert [t.name for t in classes_view.classroom.trainees(store, klass)] == ["王阿姨"]


def test_results_csv_has_a_row_per_attempt_and_no_formula(trainer):
    code = open_class(trainer)
    wang, evil = trainer.new_browser(), trainer.new_browser()
    join(wang, code, "王阿姨")
    join(evil, code, "=HYPERLINK(1)")
    close_weilidai(wang)
    evil.submit("/practice/why-frozen", "start-practice", follow=True)
    evil.submit("/weilidai", "practice-give-up", follow=True)
    response = trainer.client.get(f"/classes/{code}/results.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffclass,trainee,exercise,attempt,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["trainee"], r["exercise"], r["outcome"], r["reason"], r["score"]) for r in rows] == [
        ("王阿姨", "close-weilidai", "completed", "", "100"),
        ("'=HYPERLINK(1)", "why-frozen", "abandoned", "gave_up", "0")]
    # The tour's way: the eight steps the shortest route takes.
    assert rows[0]["steps"] == "8" and rows[0]["shortest_steps"] == "8"


def test_a_running_attempts_row_has_its_live_counts_and_an_empty_score(trainer):
    """Found by use: after 4 steps, 1 wrong turn and 1 hint the row read
    ``in_progress,,0,0,8,0,0,``: false zeros, and the trainer could not see who was stuck."""
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    page = walk(wang, start_practice(wang, "close-weilidai"), "tab-me", "open-me-settings",
                "nav-back", "open-services")
    wang.submit(page, "practice-hint-button")
    text = trainer.client.get(f"/classes/{code}/results.csv").get_data(as_text=True)
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert (row["outcome"], row["score"], row["ended"], row["seconds"]) == (
        "in_progress", "", "", "")
    assert (row["steps"], row["wrong_turns"], row["hints"], row["jumps"], row["screen"]) == (
        "4", "1", "1", "0", "services")


def test_the_trainee_and_the_class_agree_when_the_class_ends_mid_attempt(trainer):
    """Found by use: a trainee finished after the trainer ended the class; her page said
    完成 100 分, the dashboard and the CSV abandoned."""
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    page = walk(wang, start_practice(wang, "close-weilidai"), *CLOSE_TAPS)
    trainer.submit(f"/classes/{code}/end", "class-end-confirm", follow=True)
    page = close_with_password(wang, page)
    # Told on her next page, and her attempt ended as the class has it.
    assert any("班级已经结束" in text for text in page.flashes("info"))
    mine = wang.session()["practice"]
    assert (mine["outcome"], mine["reason"]) == ("abandoned", "class_ended")
    result = wang.get("/practice/done")
    assert result.testid("practice-result-title").text == "中断：班级已结束"
    assert "中断：班级已结束" in wang.get("/practice/results").testid("practice-result-1").text
    text = trainer.client.get(f"/classes/{code}/results.csv").get_data(as_text=True)
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    # Not scored, as her statement and the dashboard have it; her own list says so.
    assert (row["outcome"], row["reason"], row["score"]) == ("abandoned", "class_ended", "")
    assert "不计分" in wang.get("/practice/results").testid("practice-result-1").text


def test_the_trainees_end_is_overruled_when_the_class_ended_it_first(trainer, monkeypatch):
    """The dashboard ended her attempt (the class ended) while her last request was on its
    way: the recorder finds the class's end, and hers follows it."""
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    page = walk(wang, start_practice(wang, "close-weilidai"), *CLOSE_TAPS)
    trainer.submit(f"/classes/{code}/end", "class-end-confirm", follow=True)
    trainer.get(f"/classes/{code}")  # the dashboard settles her attempt as abandoned
    # Her request gets past the class check (the end arrives between the two).
    monkeypatch.setattr(journeys, "_class_ended_at", lambda code: None)
    close_with_password(wang, page)
    mine = wang.session()["practice"]
    assert (mine["outcome"], mine["reason"]) == ("abandoned", "class_ended")
    assert wang.session()["practice_results"][-1]["reason"] == "class_ended"


def test_statements_json_has_each_attempts_statements_for_the_class(trainer):
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    close_weilidai(wang)
    wang.submit("/practice/auto-repay-off", "start-practice", follow=True)
    statements = json.loads(trainer.client.get(f"/classes/{code}/statements.json").data)
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    assert verbs == ["initialized", "completed", "initialized"]
    assert {s["actor"]["account"]["name"] for s in statements} == {"王阿姨"}
    assert len({s["context"]["registration"] for s in statements}) == 1
    assert statements[1]["result"]["score"]["scaled"] == 1.0
    assert statements[1]["object"]["definition"]["name"]["en-US"] == "Close Weilidai"


def test_ending_a_class_stops_joining_and_ends_what_runs_as_abandoned(trainer):
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    wang.submit("/practice/close-weilidai", "start-practice", follow=True)
    page = trainer.submit(f"/classes/{code}/end", "class-end-confirm", follow=True)
    assert page.flashes("success") and page.testid("class-status").text.startswith("班级已结束")
    assert not page.has("class-refresh-noscript")
    assert page.testid("class-live").attrs["data-live-seconds"] == "0"
    assert cell(page, 1, "close-weilidai").text == "中断：班级已结束"
    late = trainer.new_browser().get(f"/join/{code}")
    assert late.screen == "class-ended"
    assert wang.get(f"/join/{code}").screen == "class-ended"  # who joined is told too
    # The trainee's next attempt is their own, and they are told.
    page = wang.submit("/practice/auto-repay-off", "start-practice", follow=True)
    assert page.flashes("info") == ["班级“社区课堂”已经结束，这次练习不计入班级"]
    assert cell(trainer.get(f"/classes/{code}"), 1, "auto-repay-off").attrs["data-state"] == (
        "not_started")


def test_an_ended_class_says_so_everywhere(trainer):
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    join(trainer.new_browser(), code, "老李")
    assert trainer.get("/classes/new").testid("class-owned-1-value").text == "进行中 · 2 人"
    assert trainer.get(f"/classes/{code}/qr").has("class-qr")
    trainer.submit(f"/classes/{code}/end", "class-end-confirm")
    # The list of classes, the projector, the join link, and the trainee's exercises.
    assert trainer.get("/classes/new").testid("class-owned-1-value").text == "已结束 · 2 人"
    projector = trainer.get(f"/classes/{code}/qr")
    assert projector.testid("class-projector-ended").text == "班级已结束"
    assert "扫码加入班级" not in projector.html and not projector.has("class-qr")
    assert trainer.new_browser().get(f"/join/{code}").screen == "class-ended"
    assert wang.get(f"/join/{code}").screen == "class-ended"
    banner = wang.get("/practice").testid("practice-class")
    assert banner.attrs["role"] == "alert"
    assert banner.text == "班级“社区课堂”已经结束 接下来的练习不再计入班级。你还可以自己练习。"


def test_a_trainees_phone_in_a_class_shows_no_trainer_tools_but_the_trainers_devices_do(
        trainer):
    code = open_class(trainer)
    wang = trainer.new_browser()
    assert wang.get("/").has("open-stage")  # anyone's phone, before the class
    join(wang, code, "王阿姨")
    for path in ("/", "/weilidai", "/practice", f"/join/{code}"):
        assert not wang.get(path).has("open-stage"), path
    assert trainer.get("/").has("open-stage")
    second = trainer.new_browser()
    second.get(trainer.get(f"/classes/{code}").testid("class-trainer-url").text
               .removeprefix("http://localhost"))
    assert second.get("/").has("open-stage")


def test_a_class_ends_by_itself_after_its_hours(make_weilidai, monkeypatch):
    trainer = make_weilidai(CLASS_HOURS=1)
    code = open_class(trainer)
    later = classes_view.now() + 3601
    monkeypatch.setattr(classes_view, "now", lambda: later)
    assert trainer.new_browser().get(f"/join/{code}").screen == "class-ended"
    assert trainer.get(f"/classes/{code}").testid("class-status").text.startswith("班级已结束")


def test_a_full_class_says_so_and_takes_no_more(make_weilidai):
    trainer = make_weilidai(CLASS_MAX_TRAINEES=2)
    code = open_class(trainer)
    join(trainer.new_browser(), code, "一")
    join(trainer.new_browser(), code, "二")
    page = trainer.new_browser().submit(f"/join/{code}", "join-form", {"name": "三"})
    assert page.status == 422 and page.field_errors() == ["这个班级已满（最多 2 人）"]


def test_a_server_full_of_classes_says_so_and_opens_no_more(make_weilidai):
    trainer = make_weilidai(MAX_CLASSES=1)
    open_class(trainer)
    page = trainer.new_browser().submit("/classes/new", "class-form", {"name": "第二个班"})
    assert page.status == 422
    assert page.flashes("error") == ["服务器上的班级已达上限（1 个），请等已结束的班级过期后再开班"]


@pytest.mark.parametrize("name, error", [("", "请输入班级名称"), ("班" * 31, "班级名称最多 30 个字")])
def test_a_class_needs_a_name_of_1_to_30_characters(trainer, name, error):
    page = trainer.submit("/classes/new", "class-form", {"name": name})
    assert page.status == 422 and page.field_errors() == [error]


def test_the_dashboard_can_stop_refreshing(trainer):
    code = open_class(trainer)
    page = trainer.get(f"/classes/{code}?refresh=0")
    assert not page.has("class-refresh-noscript") and page.has("class-refresh-resume")
    assert page.testid("class-live").attrs["data-live-seconds"] == "0"


def test_the_dashboards_live_parts_are_its_status_and_table_as_the_page_has_them(trainer):
    code = open_class(trainer)
    join(trainer.new_browser(), code, "王阿姨")
    page, live = trainer.get(f"/classes/{code}"), trainer.get(f"/classes/{code}/live")
    assert live.status == 200 and live.response.headers["Cache-Control"] == "no-store"
    assert live.root.find(data_live_open=True).attrs["data-live-open"] == "1"
    for part in ("status", "grid"):
        assert live.root.find(data_live_part=part) is not None, part
    assert live.testid("class-trainee-1").text == "王阿姨"
    assert live.testid("class-row-1").attrs["data-live-row"] == \
        page.testid("class-row-1").attrs["data-live-row"]
    assert page.testid("class-live").attrs["data-live-src"] == f"/classes/{code}/live"
    trainer.submit(f"/classes/{code}/end", "class-end-confirm")
    assert trainer.get(f"/classes/{code}/live").root.find(
        data_live_open=True).attrs["data-live-open"] == "0"


def test_trainer_pages_are_the_whole_window_not_a_phone(trainer):
    code = open_class(trainer)
    for path in (f"/classes/{code}", f"/classes/{code}/qr", "/classes/new"):
        page = trainer.get(path)
        assert not page.in_phone_frame(), path
        assert "9:41" not in page.html and page.has("desk-bar"), path
        assert [h1.text for h1 in page.root.find_all("h1")] == [
            "开班" if path == "/classes/new" else "社区课堂"], path


def test_the_dashboard_settles_attempts_whose_time_is_up(trainer, monkeypatch):
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    wang.submit("/practice/close-weilidai", "start-practice", follow=True)
    later = journeys.now() + trainer.app.config["PRACTICE_TIME_LIMIT_SECONDS"] + 5
    monkeypatch.setattr(classes_view, "now", lambda: later)
    assert cell(trainer.get(f"/classes/{code}"), 1, "close-weilidai").text == "未完成：超时"
    # The trainee's own next page agrees, and the attempt counts once.
    monkeypatch.setattr(journeys, "now", lambda: later)
    wang.get("/weilidai")
    rows = trainer.client.get(f"/classes/{code}/results.csv").get_data(as_text=True)
    assert rows.count("time_up") == 1


def test_class_pages_in_english_show_no_chinese(trainer, monkeypatch):
    in_english(trainer)
    code = open_class(trainer, "Community class")
    wang = in_english(trainer.new_browser())
    pages = [trainer.get("/classes/new"), wang.get(f"/join/{code}")]
    pages.append(wang.submit(f"/join/{code}", "join-form", {"name": ""}))
    pages.append(join(wang, code, "Auntie Wang"))
    close_weilidai(wang)
    wang.submit("/practice/auto-repay-off", "start-practice", follow=True)
    pages += [wang.get(f"/join/{code}"), wang.get(f"/classes/{code}"),
              wang.get("/join/ZZZZ9999"), trainer.get(f"/classes/{code}"),
              trainer.get(f"/classes/{code}/qr")]
    # Where she is, and stuck there (ten minutes on one screen); the results; each step's count.
    later = journeys.now() + 600
    monkeypatch.setattr(classes_view, "now", lambda: later)
    for view in ("trainees", "scores", "steps"):
        pages.append(trainer.get(f"/classes/{code}?view={view}"))
    assert pages[-3].testid("class-stuck-why-1").text == "on “Weilidai” for 10 minutes"
    assert pages[-3].testid("class-steps-1").text == "0 steps taken / shortest 3"
    monkeypatch.undo()
    pages.append(trainer.submit(f"/classes/{code}/end", "class-end-confirm", follow=True))
    pages.append(in_english(trainer.new_browser()).get(f"/join/{code}"))
    for page in pages:
        assert chinese_in(page) == [], page.path
    statements = json.loads(trainer.client.get(f"/classes/{code}/statements.json").data)
    assert statements[0]["context"]["language"] == "en-US"


def test_every_class_screen_is_documented_and_has_no_repeated_id(trainer):
    code = open_class(trainer)
    join(trainer.new_browser(), code, "王阿姨")
    for path in (f"/classes/{code}", f"/classes/{code}/qr", "/classes/new"):
        ids = [el.attrs["id"] for el in trainer.get(path).root.find_all() if el.attrs.get("id")]
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], path
    assert set(EXERCISES) == {cell_id.split("-", 3)[-1] for cell_id in (
        el.attrs["data-testid"] for el in trainer.get(f"/classes/{code}").root.find_all(
            data_testid=True)) if cell_id.startswith("class-cell-1-")}


def test_the_stages_panel_opens_a_class_in_the_whole_window(weilidai):
    stage = weilidai.stage()
    section = stage.testid("panel-classes")
    assert section.tag == "section" and section.attrs["aria-labelledby"] == "panel-classes-title"
    link = stage.testid("panel-class-new")
    assert link.attrs["href"] == "/classes/new" and "target" not in link.attrs
    assert weilidai.get("/classes/new").screen == "class-new"


# -- who is stuck, and where ----------------------------------------------------------------------

def live_cells(page, row):
    return {name: page.testid(f"class-{name}-{row}").text
            for name in ("now", "steps", "wrong", "jumps", "hints")}


def test_the_dashboard_shows_where_a_running_trainee_is_and_what_they_counted(trainer):
    """Found by use: the dashboard said only 进行中 for a trainee four steps in, one wrong
    turn and a hint later; the trainer could not see where she was."""
    code = open_class(trainer)
    wang, li, zhao = trainer.new_browser(), trainer.new_browser(), trainer.new_browser()
    join(wang, code, "王阿姨")
    join(li, code, "老李")
    join(zhao, code, "赵姐")
    page = walk(wang, start_practice(wang, "close-weilidai"), "tab-me", "open-me-settings",
                "nav-back", "open-services")
    wang.submit(page, "practice-hint-button")
    close_weilidai(zhao)
    page = trainer.get(f"/classes/{code}")
    assert live_cells(page, 1) == {"now": "服务", "steps": "走了 4 步 / 最短 8", "wrong": "1",
                                   "jumps": "0", "hints": "1"}
    assert cell(page, 1, "close-weilidai").text == "进行中"
    assert "is-stuck" not in page.testid("class-row-1").classes()
    # Nothing running: nothing to count, and no false 0.
    for row in (2, 3):
        assert set(live_cells(page, row).values()) == {""}, row
    assert cell(page, 3, "close-weilidai").text == "完成 100 分"
    assert not page.has("class-stuck-count")


def test_a_trainee_on_one_screen_too_long_is_flagged_stuck_with_where_and_how_long(
        trainer, monkeypatch):
    code = open_class(trainer)
    wang, li = trainer.new_browser(), trainer.new_browser()
    join(wang, code, "王阿姨")
    join(li, code, "老李")
    walk(wang, start_practice(wang, "close-weilidai"), "tab-me", "open-services")
    arrived = journeys.now()
    threshold = trainer.app.config["PRACTICE_STUCK_SECONDS"]
    monkeypatch.setattr(classes_view, "now", lambda: arrived + threshold - 2)
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-now-1").text == "服务" and not page.has("class-stuck-count")
    monkeypatch.setattr(classes_view, "now", lambda: arrived + 125)
    page = trainer.get(f"/classes/{code}")
    row = page.testid("class-row-1")
    assert "is-stuck" in row.classes()
    # Words, an icon and a colour: 卡住了, then why.
    assert page.testid("class-now-1").text == "卡住了 在“服务”停了 2 分钟"
    assert page.testid("class-now-1").find("svg") is not None
    assert page.testid("class-stuck-why-1").text == "在“服务”停了 2 分钟"
    # Counted at the top, each a link to the row.
    assert page.testid("class-stuck-count").text == "1 人卡住了"
    link = page.testid("class-stuck-1")
    assert (link.text, link.attrs["href"]) == ("王阿姨", f"#{row.attrs['id']}")
    assert "is-stuck" not in page.testid("class-row-2").classes()


def test_a_trainee_who_went_wrong_twice_on_one_screen_is_flagged_stuck(trainer):
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    page = walk(wang, start_practice(wang, "close-weilidai"), *CLOSE_TAPS)
    page = close_with_password(wang, page, "654321")
    page = trainer.get(f"/classes/{code}")
    assert "is-stuck" not in page.testid("class-row-1").classes()
    close_with_password(wang, wang.get("/weilidai/manage/close/password"), "654320")
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-stuck-why-1").text == "在“输入支付密码”走错了 2 次"
    assert page.testid("class-wrong-1").text == "2"
    assert page.testid("class-stuck-count").text == "1 人卡住了"


def test_the_stuck_thresholds_are_the_configured_ones(make_weilidai, monkeypatch):
    trainer = make_weilidai(PRACTICE_STUCK_SECONDS=30, PRACTICE_STUCK_WRONG=0)
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    page = walk(wang, start_practice(wang, "close-weilidai"), *CLOSE_TAPS)
    for wrong in ("654321", "654320"):
        page = close_with_password(wang, page, wrong)
    arrived = journeys.now()
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-wrong-1").text == "2" and not page.has("class-stuck-count")
    monkeypatch.setattr(classes_view, "now", lambda: arrived + 45)
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-stuck-why-1").text == "在“输入支付密码”停了 45 秒"


def funnel_step(page, exercise_id, step):
    """(reached, stopped) of a step of an exercise's funnel, as read (without the spaces the
    page's markup puts between its words)."""
    return tuple("".join(page.testid(f"class-funnel-{exercise_id}-{step}-{part}").text.split())
                 for part in ("reached", "stopped"))


def test_the_funnel_counts_who_reached_each_step_and_who_stopped_where(trainer, monkeypatch):
    """Trainers asked for exactly this: who is stuck, and where."""
    code = open_class(trainer)
    wang, li, zhao, qian = (trainer.new_browser() for _ in range(4))
    for trainee, name in ((wang, "王阿姨"), (li, "老李"), (zhao, "赵姐"), (qian, "钱老师")):
        join(trainee, code, name)
    close_weilidai(wang)  # all eight steps, and done
    walk(li, start_practice(li, "close-weilidai"), "tab-me", "open-services", "open-weilidai")
    page = walk(zhao, start_practice(zhao, "close-weilidai"), "tab-me")
    zhao.submit(page, "practice-give-up")  # ended at step 2
    walk(qian, start_practice(qian, "close-weilidai"), "tab-me", "open-services",
         "open-weilidai")
    later = journeys.now() + 100  # 钱老师 has sat on 微粒贷 too long
    monkeypatch.setattr(journeys, "now", lambda: later)
    walk(li, li.get("/weilidai"), "open-settings")  # 老李 has just moved on
    monkeypatch.setattr(classes_view, "now", lambda: later)
    page = trainer.get(f"/classes/{code}?view=steps")
    assert page.testid("class-view-steps").attrs["aria-current"] == "page"
    assert not page.has("class-grid")
    title = page.testid("class-funnel-close-weilidai-title").text
    assert title == "关闭微粒贷 4 人开始 · 1 人完成 · 1 人卡住了"
    step = page.testid("class-funnel-close-weilidai-1")
    assert [cell.text for cell in step.find_all("td")][:2] == ["微信", "在微信里点击下方的“我”"]
    assert [funnel_step(page, "close-weilidai", n)[0] for n in range(1, 9)] == [
        "4人", "4人", "3人", "3人", "2人", "1人", "1人", "1人"]
    assert page.testid("class-funnel-close-weilidai-done").text.strip() == "完成 1 人"
    stopped = {n: funnel_step(page, "close-weilidai", n)[1] for n in range(1, 9)}
    assert stopped == {1: "", 2: "1人：已结束：赵姐", 3: "", 4: "1人：钱老师（卡住了）",
                       5: "1人：老李", 6: "", 7: "", 8: ""}
    assert page.testid("class-funnel-close-weilidai-4-stopped").find(
        "span", **{"class": "class-who class-who--stuck"}) is not None
    # The other exercises: nobody started them, one line each.
    assert page.testid("class-funnel-why-frozen-title").text == "微粒贷为什么被冻结 还没有人开始这个练习"
    assert not page.has("class-funnel-why-frozen-1")
    # Who is stuck, from this view too: a link to their row in the trainees' view.
    assert page.testid("class-stuck-1").attrs["href"].startswith(
        f"/classes/{code}?view=trainees#trainee-")


def test_the_live_refresh_carries_the_view_shown_and_who_is_stuck(trainer, monkeypatch):
    code = open_class(trainer)
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    walk(wang, start_practice(wang, "close-weilidai"), "tab-me")
    later = journeys.now() + 300
    monkeypatch.setattr(classes_view, "now", lambda: later)
    page = trainer.get(f"/classes/{code}?view=steps")
    assert page.testid("class-live").attrs["data-live-src"] == f"/classes/{code}/live?view=steps"
    assert page.testid("class-refresh-pause").attrs["href"] == \
        f"/classes/{code}?refresh=0&view=steps"
    live = trainer.get(f"/classes/{code}/live?view=steps")
    assert {part.attrs["data-live-part"] for part in live.root.find_all(data_live_part=True)} == {
        "status", "stuck", "funnel"}
    assert funnel_step(live, "close-weilidai", 2) == ("1人", "1人：王阿姨（卡住了）")
    live = trainer.get(f"/classes/{code}/live")
    assert {part.attrs["data-live-part"] for part in live.root.find_all(data_live_part=True)} == {
        "status", "stuck", "grid"}
    assert live.testid("class-stuck-why-1").text == "在“我”停了 5 分钟"
    assert live.testid("class-stuck-count").text == "1 人卡住了"


@pytest.mark.parametrize("asked", ["", "nonsense", "<script>", "STEPS", "steps%00"])
def test_a_view_the_dashboard_has_not_is_its_default_view(trainer, asked):
    code = open_class(trainer)
    for path in (f"/classes/{code}", f"/classes/{code}/live"):
        page = trainer.get(f"{path}?view={asked}")
        assert page.status == 200 and page.has("class-grid") and page.has("class-now-1") is False
        assert "&lt;script" not in page.html


def test_the_views_are_the_trainees_now_while_it_runs_and_the_results_once_it_ended(trainer):
    code = open_class(trainer)
    join(trainer.new_browser(), code, "王阿姨")
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-view-trainees").attrs["aria-current"] == "page"
    assert page.has("class-now-1")
    assert [page.testid(f"class-view-{view}").attrs["href"] for view in (
        "trainees", "scores", "steps")] == [
        f"/classes/{code}?view={view}" for view in ("trainees", "scores", "steps")]
    trainer.submit(f"/classes/{code}/end", "class-end-confirm")
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-view-scores").attrs["aria-current"] == "page"
    assert not page.has("class-now-1") and page.has("class-cell-1-close-weilidai")
    assert trainer.get(f"/classes/{code}?view=trainees").has("class-now-1")


def test_results_csv_says_who_is_stuck_while_their_attempt_runs(trainer, monkeypatch):
    code = open_class(trainer)
    wang, li, zhao = trainer.new_browser(), trainer.new_browser(), trainer.new_browser()
    join(wang, code, "王阿姨")
    join(li, code, "老李")
    join(zhao, code, "赵姐")
    walk(wang, start_practice(wang, "close-weilidai"), "tab-me")
    later = journeys.now() + 200
    walk(li, start_practice(li, "close-weilidai"), "tab-me")
    close_weilidai(zhao)
    monkeypatch.setattr(classes_view, "now", lambda: later)
    monkeypatch.setattr(journeys, "now", lambda: later)
    walk(li, li.get("/me"), "open-services")  # moved on: not stuck
    text = trainer.client.get(f"/classes/{code}/results.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert text.lstrip("\ufeff").splitlines()[0].endswith(",jumps,screen,stuck")
    assert [(row["trainee"], row["outcome"], row["stuck"]) for row in rows] == [
        ("王阿姨", "in_progress", "1"), ("老李", "in_progress", "0"), ("赵姐", "completed", "")]


# -- found by a fresh-eyes class in a room (a trainer at 1920x1080, six phones joining through
# WEILIDAI_PUBLIC_URL=http://127.0.0.2:PORT): each failed on main as it was then --------------

@pytest.fixture
def trainer_and_class(weilidai):
    return weilidai, open_class(weilidai)


def test_the_secret_trainer_link_carries_the_address_the_rooms_devices_use(make_weilidai):
    """Found by use: with WEILIDAI_PUBLIC_URL set, the join link and QR code carry it, but
    在另一台设备上看这个页面 shows http://<the trainer's own address>/classes/<code>/trainer/<key>
    (http://127.0.0.1:5000/… on the laptop that runs make class), which the tablet in the
    trainer's hand cannot open: docs/practice.md's "On a second device" cannot work."""
    trainer = make_weilidai(PUBLIC_URL="https://class.example.org:8443/")
    code = open_class(trainer)
    page = trainer.get(f"/classes/{code}")
    assert page.testid("class-join-url").text == f"https://class.example.org:8443/join/{code}"
    link = page.testid("class-trainer-url").text
    assert link.startswith(f"https://class.example.org:8443/classes/{code}/trainer/"), link


def test_a_trainee_who_wanders_off_twice_from_one_step_is_flagged_stuck(trainer_and_class):
    """Found by use: on WeChat's first screen (step 1: tap 我) a trainee opened 通讯录, came
    back, opened 发现, came back. Her phone offered 提示 (two wrong turns), the dashboard
    counted 走错 2, but never flagged her stuck: the count of wrong turns "there" starts again
    on every page, so only a refusal repeated on one page (a wrong password twice) can reach
    PRACTICE_STUCK_WRONG. DESIGN.md: stuck when "gone wrong twice there"."""
    trainer, code = trainer_and_class
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    page = walk(wang, start_practice(wang, "close-weilidai"),
                "tab-contacts", "tab-chats", "tab-discover", "tab-chats")
    assert page.path == "/"
    dashboard = trainer.get(f"/classes/{code}")
    assert dashboard.testid("class-wrong-1").text == "2"
    assert "is-stuck" in dashboard.testid("class-row-1").classes()
    assert dashboard.testid("class-stuck-count").text == "1 人卡住了"


def test_the_pages_a_trainee_opens_to_join_show_no_trainer_link(trainer_and_class):
    """Found by use: the QR code's page (/join/<code>) and /join drew 培训师工具, the way to
    reset, the clock, the faults and the demo password, to every phone in the room before it
    joined; and an ended class's join page too."""
    trainer, code = trainer_and_class
    phone = trainer.new_browser()
    for path in (f"/join/{code}", "/join", f"/join/{code.lower()}"):
        page = phone.get(path)
        assert page.status == 200, path
        assert not page.has("open-stage"), path
    # Elsewhere a new phone still has it: it is the trainer's own way to the stage.
    assert phone.get("/").has("open-stage")


def test_ending_a_class_asks_first_and_says_what_it_will_cut_off(trainer_and_class):
    """Found by use: 结束班级 sat beside 投影二维码 and ended the class at one click, with no
    way back: every running attempt was cut off at once (Shift+R on the stage asks first)."""
    trainer, code = trainer_and_class
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    start_practice(wang, "close-weilidai")
    dashboard = trainer.get(f"/classes/{code}")
    ask = dashboard.testid("class-end")
    assert ask.tag == "a" and ask.attrs["href"] == f"/classes/{code}/end"
    asked = trainer.get(ask.attrs["href"])
    assert asked.status == 200 and asked.screen == "class-end"
    assert asked.testid("class-end-running").text == "还有 1 个练习在做：它们会中断，不计分。"
    assert asked.testid("class-end-cancel").attrs["href"] == f"/classes/{code}"
    # Asking changed nothing: the class is open, her attempt runs.
    assert trainer.get(f"/classes/{code}").has("class-end")
    assert wang.session()["practice"]["outcome"] is None
    ended = trainer.submit(f"/classes/{code}/end", "class-end-confirm", follow=True)
    assert ended.screen == "class-dashboard" and not ended.has("class-end")
    # Asked again, once it has ended: the dashboard.
    assert trainer.get(f"/classes/{code}/end").location == f"/classes/{code}"
    # Not the trainer: nothing to ask.
    assert wang.get(f"/classes/{code}/end").status == 403


def test_a_locked_password_in_a_class_points_to_no_panel_she_cannot_see(trainer_and_class):
    """Found by use: three wrong passwords on a trainee's phone in a class said twice (the
    message and the field) 也可以在控制面板中点击“解除锁定”, a panel her phone never shows."""
    trainer, code = trainer_and_class
    wang = trainer.new_browser()
    join(wang, code, "王阿姨")
    wang.scenario("fresh")
    for _ in range(3):
        page = wang.submit(wang.get("/weilidai/manage/close/password"), "close-password-form",
                           {"password": "000000"}, follow=True)
    said = " ".join([*page.flashes("error"), page.testid("password-locked").text])
    assert "已锁定" in said and "自动解锁" in said
    assert "控制面板" not in said
    # The trainer's own phone (no class joined) still has the panel, and is told of it.
    trainer.scenario("fresh")
    for _ in range(3):
        page = trainer.submit(trainer.get("/weilidai/manage/close/password"),
                              "close-password-form", {"password": "000000"}, follow=True)
    assert "控制面板" in page.testid("password-locked").text
