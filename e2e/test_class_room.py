"""A class in a real room, in the browser: the trainer's dashboard on a projector (1920×1080)
and the trainees' phones (390×844), each a browser context of its own.

The room's phones reach the server at another address than the trainer's laptop: here the
same app is served on 127.0.0.1 (the trainer) and 127.0.0.2 (the room), with PUBLIC_URL the
latter, so a join link is followed end to end and every request stays on loopback. Trainees
beyond the few driven by hand join through the class store, as many phones would."""

import time

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.live_server import LiveServer
from e2e.pages import ClassDashboard, JoinByCodePage, JoinPage, NewClassPage, PracticeListPage
from webapp import create_app
from webapp.practice import classroom

PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1}


@pytest.fixture(scope="module")
def room():
    """(the trainer's server, the room's): one app, two loopback addresses. The dashboard
    refreshes every 2 seconds, the fastest it may."""
    app = create_app({"SECRET_KEY": "e2e-room-not-a-secret", "CLASS_REFRESH_SECONDS": 2})
    with LiveServer(app=app) as trainers, LiveServer(app=app, host="127.0.0.2") as rooms:
        app.config["PUBLIC_URL"] = rooms.url
        yield trainers, rooms


@pytest.fixture
def projector(browser: Browser, room):
    context = browser.new_context(base_url=room[0].url, viewport=PROJECTOR)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, room):
    """Another trainee's phone, on the room's address."""
    contexts = []

    def make():
        context = browser.new_context(base_url=room[1].url, **PHONE)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def fill_class(app, code, count, first=0):
    """``count`` trainees join at once, as phones would (the class store, not the browser)."""
    store = app.extensions["class_store"]
    return [classroom.join(store, code, f"seat{number:03d}", f"学员{number:03d}", time.time(),
                           app.config["CLASS_MAX_TRAINEES"])[1]
            for number in range(first, first + count)]


def complete(app, code, trainee_id, exercise_id="close-weilidai", score=100):
    """A trainee's attempt, done, as their phone's practice records it."""
    store = app.extensions["class_store"]
    started = time.time() - 75
    classroom.record(store, classroom.find_class(store, code), trainee_id, {
        "id": f"{trainee_id}-{exercise_id}", "exercise": exercise_id, "started": started,
        "ended": started + 65, "outcome": "completed", "reason": None, "steps": 8,
        "shortest": 8, "wrong": 0, "hints": 0, "language": "zh", "score": score})


def test_trainees_follow_the_projected_link_or_type_the_code_and_appear_on_the_wall(
        projector: Page, phone, room):
    dashboard = NewClassPage(projector).open().open_class("社区课堂")
    join_url = dashboard.join_url
    assert join_url == f"{room[1].url}/join/{dashboard.code}"  # the room's address

    first = phone()
    first.goto(join_url)
    JoinPage(first).expect_shown().join("王阿姨")
    second = phone()
    typed = f" {dashboard.code[:4].lower()} {dashboard.code[4:]} "
    PracticeListPage(second).open().join_by_code().find(typed).join("老李")

    # No reload: the table refreshes itself.
    expect(dashboard.row("王阿姨")).to_be_visible()
    expect(dashboard.row("老李")).to_be_visible()
    expect(projector.get_by_test_id("class-status")).to_contain_text("2 名学员")


def test_the_dashboard_keeps_its_scroll_and_selection_while_it_refreshes(projector: Page, room):
    trainers, _ = room
    dashboard = NewClassPage(projector).open().open_class("大班")
    trainees = fill_class(trainers.app, dashboard.code, 45)
    projector.reload()
    expect(dashboard.row("学员044")).to_be_attached()
    grid = projector.get_by_test_id("class-grid")
    # Scrolled to the last rows, one name selected, and a mark that a reload would lose.
    grid.evaluate("region => { region.scrollTop = region.scrollHeight; }")
    projector.evaluate("() => { window.scrollTo(0, 40); window.notReloaded = true; }")
    name = dashboard.row("学员040").get_by_role("rowheader")
    name.evaluate("cell => getSelection().selectAllChildren(cell)")
    kept = grid.evaluate("region => region.scrollTop"), projector.evaluate("() => scrollY")
    assert kept[0] > 300 and kept[1] == 40

    complete(trainers.app, dashboard.code, trainees[41].id)
    fill_class(trainers.app, dashboard.code, 1, first=45)
    expect(dashboard.cell("学员041", "close-weilidai")).to_contain_text("100 分")
    expect(dashboard.row("学员045")).to_be_attached()  # joined since: last, as on the roster
    assert projector.evaluate("() => window.notReloaded === true")
    assert (grid.evaluate("region => region.scrollTop"),
            projector.evaluate("() => scrollY")) == kept
    assert projector.evaluate("() => getSelection().toString()") == "学员040"


def running(app, code, trainee_id, screen, steps, progress, arrived, wrong_here=0,
            exercise_id="close-weilidai"):
    """A trainee's attempt as it runs, as their phone's practice records it at each page."""
    store = app.extensions["class_store"]
    started = time.time() - 300
    classroom.record(store, classroom.find_class(store, code), trainee_id, {
        "id": f"{trainee_id}-{exercise_id}", "exercise": exercise_id, "started": started,
        "ended": None, "outcome": None, "reason": None, "steps": steps, "shortest": 8,
        "wrong": wrong_here, "jumps": 0, "skipped": 0, "hints": 1, "language": "zh",
        "score": None, "screen": screen, "arrived": arrived, "wrong_here": wrong_here,
        "progress": progress, "furthest": progress, "updated": time.time()})


def test_the_refresh_shows_where_each_trainee_is_and_who_is_stuck_keeping_the_scroll(
        projector: Page, room):
    trainers, _ = room
    dashboard = NewClassPage(projector).open().open_class("谁卡住了")
    trainees = fill_class(trainers.app, dashboard.code, 45)
    running(trainers.app, dashboard.code, trainees[41].id, "management", 5, 5, time.time())
    projector.reload()
    expect(dashboard.now("学员041")).to_have_text("微粒贷管理")
    expect(dashboard.now("学员041", "steps")).to_have_text("走了 5 步 / 最短 8")
    expect(dashboard.stuck).to_be_hidden()  # nobody is
    grid = projector.get_by_test_id("class-grid")
    grid.evaluate("region => { region.scrollTop = region.scrollHeight; }")
    projector.evaluate("() => { window.scrollTo(0, 40); window.notReloaded = true; }")
    kept = grid.evaluate("region => region.scrollTop"), projector.evaluate("() => scrollY")
    assert kept[0] > 300

    # 学员041 moves on, with a wrong turn; 学员043 has sat on one screen for three minutes.
    running(trainers.app, dashboard.code, trainees[41].id, "close-confirm", 7, 6, time.time(),
            wrong_here=1)
    running(trainers.app, dashboard.code, trainees[43].id, "settings", 4, 4, time.time() - 185)
    expect(dashboard.now("学员041")).to_have_text("关闭微粒贷")
    expect(dashboard.now("学员041", "steps")).to_have_text("走了 7 步 / 最短 8")
    expect(dashboard.now("学员041", "wrong")).to_have_text("1")
    expect(dashboard.now("学员043")).to_have_text("卡住了 在“设置”停了 3 分钟")
    expect(dashboard.row("学员043")).to_contain_text("卡住了")
    expect(dashboard.row("学员041")).not_to_contain_text("卡住了")
    expect(dashboard.stuck).to_have_text("1 人卡住了：学员043")
    assert projector.evaluate("() => window.notReloaded === true")
    assert (grid.evaluate("region => region.scrollTop"),
            projector.evaluate("() => scrollY")) == kept

    # The count at the top leads to the row.
    grid.evaluate("region => { region.scrollTop = 0; }")
    dashboard.stuck.get_by_role("link", name="学员043").click()
    expect(dashboard.row("学员043")).to_be_in_viewport()

    # Each step's count, refreshed as well: 学员041 moves on to the password's page.
    dashboard.show("每一步的人数")
    step = dashboard.funnel_step("close-weilidai", 7)
    expect(step).to_contain_text("学员041")
    projector.evaluate("() => { window.notReloaded = true; }")
    running(trainers.app, dashboard.code, trainees[41].id, "close-password", 8, 7, time.time())
    expect(dashboard.funnel_step("close-weilidai", 8)).to_contain_text("学员041")
    expect(step).not_to_contain_text("学员041")
    expect(dashboard.funnel_step("close-weilidai", 5)).to_contain_text("学员043（卡住了）")
    assert projector.evaluate("() => window.notReloaded === true")


def visible_rows(page):
    """The table's rows a person sees whole: inside the window and the table's region."""
    return page.get_by_test_id("class-grid").evaluate("""region => {
        const box = region.getBoundingClientRect();
        const top = Math.max(box.top, region.querySelector('thead').getBoundingClientRect().bottom);
        const bottom = Math.min(box.bottom, innerHeight,
                                region.querySelector('tfoot')?.getBoundingClientRect().top ?? Infinity);
        return [...region.querySelectorAll('tbody tr')].filter(row => {
            const r = row.getBoundingClientRect();
            return r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
        }).length;
    }""")


def smallest_text(page):
    """The smallest font size of any text shown in <main>, in CSS pixels."""
    return page.locator("main").evaluate("""main => {
        let smallest = Infinity;
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (!node.textContent.trim() || !el.checkVisibility()) continue;
            if (el.closest('.visually-hidden')) continue;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
        }
        return smallest;
    }""")


def test_on_a_projector_the_dashboard_shows_thirty_trainees_in_large_type(projector: Page,
                                                                         room):
    trainers, _ = room
    dashboard = NewClassPage(projector).open().open_class("三十人以上")
    for trainee in fill_class(trainers.app, dashboard.code, 40)[::3]:
        complete(trainers.app, dashboard.code, trainee.id)
    projector.reload()
    ClassDashboard(projector).expect_shown()
    expect(projector.get_by_test_id("class-link-local")).to_have_count(1)  # 127.0.0.2
    projector.evaluate("() => document.querySelector('[data-testid=class-link-local]').remove()")
    assert visible_rows(projector) >= 30
    assert smallest_text(projector) >= 18
    expect(projector.get_by_text("9:41")).to_have_count(0)  # no phone frame, no 9:41
    # The exports are on the page, not cut off: scrolled to, they are whole in the window.
    for link in ("下载成绩表", "下载学习记录"):
        export = projector.get_by_role("link", name=link)
        export.scroll_into_view_if_needed()
        box = export.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], link


def test_on_a_projector_the_qr_page_shows_the_code_whole_in_large_type(projector: Page):
    dashboard = NewClassPage(projector).open().open_class("社区课堂")
    page = dashboard.projector()
    qr = page.qr_code.bounding_box()
    assert qr["width"] >= 480 and qr["y"] + qr["height"] <= PROJECTOR["height"]
    code = projector.get_by_test_id("class-code").bounding_box()
    assert code["height"] >= 60 and code["y"] + code["height"] <= PROJECTOR["height"]
    assert smallest_text(projector) >= 18
