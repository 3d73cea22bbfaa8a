"""A class in the browser, with a browser context for the trainer and one for each trainee:
the trainee joins by the projected link, practises, and the trainer's dashboard shows it by
itself; the trainer exports results.csv and ends the class;
nobody else sees the dashboard, but a second device of the trainer's does, by its link."""

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.pages import (ClassDashboard, ClassEndedPage, ControlPanel, JoinPage,
                       NewClassPage, TrainerOnlyPage, WeilidaiHome)

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1}


@pytest.fixture
def another_phone(browser: Browser, base_url):
    """A new browser context: another person's phone, with a session of its own."""
    contexts = []

    def make():
        context = browser.new_context(base_url=base_url, **PHONE)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_a_trainer_watches_a_trainee_join_practise_and_appear_on_the_dashboard(
        page: Page, another_phone):
    page.set_viewport_size({"width": 1280, "height": 900})  # the trainer's projector
    dashboard = ControlPanel(page).open_class().open_class("社区课堂")
    expect(dashboard.qr_code).to_be_visible()
    assert dashboard.qr_code.evaluate("img => img.naturalWidth") > 0
    join_url = dashboard.join_url

    trainee = another_phone()
    trainee.goto(join_url)
    exercises = JoinPage(trainee).expect_shown().join("王阿姨")
    expect(exercises.class_banner).to_contain_text("社区课堂")
    start = exercises.open_exercise("关闭自动还款")
    expect(start.counts_for_class).to_be_visible()
    bar = start.start()
    WeilidaiHome(trainee).expect_shown().open_settings().open_repayment_settings() \
        .set_auto_repay(False)
    bar.expect_finished()

    # No reload here: the dashboard refreshes its table by itself every few seconds.
    cell = dashboard.cell("王阿姨", "auto-repay-off")
    expect(cell).to_contain_text("100 分", timeout=30_000)
    expect(dashboard.cell("王阿姨", "close-weilidai")).to_contain_text("未开始")

    results = dashboard.download_results()
    assert results.startswith("class,trainee,exercise,attempt,")
    assert ",王阿姨,auto-repay-off," in results and ",completed," in results

    dashboard.end_class()
    trainee.goto(join_url)
    ClassEndedPage(trainee).expect_shown()  # who joined is told it ended too
    late = another_phone()
    late.goto(join_url)
    ClassEndedPage(late).expect_shown()


def test_only_the_trainer_and_their_second_device_see_the_dashboard(page: Page, another_phone):
    dashboard = NewClassPage(page).open().open_class("社区课堂")
    code, trainer_url = dashboard.code, dashboard.trainer_url
    trainee = another_phone()
    trainee.goto(f"/classes/{code}")
    TrainerOnlyPage(trainee).expect_shown()
    second = another_phone()
    second.goto(trainer_url)
    ClassDashboard(second).expect_shown()
    expect(second.get_by_test_id("class-code")).to_have_text(code)
