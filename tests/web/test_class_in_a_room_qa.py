"""Found by a fresh-eyes run of a class in a room (a trainer at 1920x1080, six phones joining
through WEILIDAI_PUBLIC_URL=http://127.0.0.2:PORT): each test fails on main as it was then."""

import pytest

from tests.web.helpers import start_practice, walk


def open_class(trainer, name="社区课堂"):
    page = trainer.submit("/classes/new", "class-form", {"name": name})
    assert page.status == 302, page.field_errors() or page.flashes()
    return page.location.rsplit("/", 1)[1]


def join(trainee, code, name):
    return trainee.submit(f"/join/{code}", "join-form", {"name": name}, follow=True)


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
