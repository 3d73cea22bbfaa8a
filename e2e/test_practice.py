"""Practice in the browser: no ring, the goal in the bar, a wrong turn and a hint counted
as the formula says, the end page with both routes, giving up, the session's results."""

from playwright.sync_api import Page, expect

from e2e.pages.base import FAKE_VOICES

from e2e.pages import (ClosePasswordPage, ContactsPage, ControlPanel, DiscoverPage, MePage,
                       PracticeListPage, PracticeStartPage, Stage, WeChatHome, WeilidaiHome)


def test_a_trainee_closes_weilidai_without_rings_and_the_score_counts_what_it_cost(page: Page):
    bar = PracticeStartPage(page, "close-weilidai").open().start()
    expect(bar.goal).to_have_text("从微信首页出发，进入微粒贷页面，关闭微粒贷。")
    expect(page.locator(".is-tour-target")).to_have_count(0)
    WeChatHome(page).expect_shown().tab_me().open_settings()  # 我 → 设置: off every route
    me = MePage(page).open()
    expect(bar.ask_hint()).to_contain_text("点击“服务”")
    me.open_services().open_weilidai().open_settings().open_management().close().confirm() \
        .submit()
    bar.expect_finished("完成")
    done = bar.result()
    # 10 steps for 8 (-10), one wrong turn (-10), one hint (-15).
    for name, value in {"score": "65", "steps": "10", "shortest": "8", "wrong": "1",
                        "hints": "1"}.items():
        expect(done.figure(name)).to_have_text(value)
    expect(done.route).to_have_count(10)
    expect(done.route.nth(1)).to_contain_text("走错")
    expect(done.shortest_route).to_have_count(8)


def test_the_bar_offers_the_hint_after_wrong_turns_and_leads_back(page: Page):
    bar = PracticeStartPage(page, "close-weilidai").open().start()
    WeChatHome(page).expect_shown()
    ContactsPage(page).open()
    expect(bar.offer).to_have_count(0)
    DiscoverPage(page).open()
    expect(bar.offer).to_be_visible()
    expect(bar.ask_hint()).to_contain_text("点击下方的“我”")
    bar.back_to_step()
    WeChatHome(page).expect_shown()


def test_giving_up_ends_the_attempt_and_the_results_list_it(page: Page):
    bar = PracticeStartPage(page, "why-frozen").open().start()
    done = bar.give_up()
    expect(done.outcome).to_have_text("已放弃")
    expect(done.figure("score")).to_have_text("0")
    results = PracticeListPage(page).open().my_results()
    expect(results.results).to_have_count(1)
    expect(results.results.first).to_contain_text("微粒贷为什么被冻结")
    expect(page.get_by_role("region", name="练习", exact=True)).to_have_count(0)


def test_the_trainer_shows_practice_in_the_stages_phone_where_it_counts_as_anywhere(page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})  # a projector: the phone beside
    ControlPanel(page).show_practice()
    phone = Stage(page).phone
    expect(phone.get_by_test_id("screen-practice")).to_be_visible()
    phone.get_by_role("link", name="关闭自动还款").click()
    phone.get_by_role("button", name="开始练习").click()
    expect(phone.get_by_test_id("practice-goal")).to_contain_text("关闭自动还款")
    phone.get_by_role("link", name="设置").click()
    phone.get_by_role("link", name="还款设置").click()
    phone.get_by_role("switch", name="自动还款").click()
    expect(phone.get_by_test_id("practice-finished")).to_contain_text("完成")
    phone.get_by_role("link", name="查看练习结果").click()
    expect(phone.get_by_test_id("practice-score")).to_have_text("100")


def test_a_typed_address_is_a_jump_in_a_real_browser_and_scores_nothing(page: Page):
    """The browser's own headers tell a typed address (Sec-Fetch-Site: none, no Referer)
    from a tap (its page as the Referer)."""
    bar = PracticeStartPage(page, "close-weilidai").open().start()
    WeChatHome(page).expect_shown()
    ClosePasswordPage(page).open().submit()
    bar.expect_finished("完成")
    done = bar.result()
    expect(done.figure("jumps")).to_have_text("1")
    expect(done.figure("score")).to_have_text("0")
    expect(done.route.first).to_contain_text("跳转")


def test_back_and_forward_are_no_jumps(page: Page):
    bar = PracticeStartPage(page, "close-weilidai").open().start()
    services = WeChatHome(page).expect_shown().tab_me().open_services()
    page.go_back()
    MePage(page).expect_shown()
    page.go_forward()
    services.expect_shown().open_weilidai().open_settings().open_management().close() \
        .confirm().submit()
    bar.expect_finished("完成")
    done = bar.result()
    expect(done.figure("jumps")).to_have_text("0")
    expect(done.figure("wrong")).to_have_text("0")
    expect(done.figure("score")).to_have_text("90")  # two steps more: Back and Forward


def test_hint_and_give_up_stay_within_reach_over_a_dialog(page: Page):
    """Found by use: the refusal's mask covered the practice bar, where trainees get stuck."""
    bar = PracticeStartPage(page, "close-with-debt").open().start()
    refusal = WeilidaiHome(page).expect_shown().open_settings().open_management().close()
    expect(refusal.refused).to_be_visible()
    expect(bar.ask_hint()).to_contain_text("去还款")  # a click Playwright checks is not covered
    expect(refusal.refused).to_be_visible()
    done = bar.give_up()
    expect(done.outcome).to_have_text("已放弃")


def test_care_mode_reads_a_practice_hint_aloud_in_english_too(page: Page):
    page.add_init_script(FAKE_VOICES)
    page.goto("/me/settings?lang=en")
    with page.expect_navigation():
        page.get_by_role("switch", name="Care mode").click()
    page.goto("/practice/close-weilidai")
    page.get_by_role("button", name="Start practising").click()
    bar = page.get_by_role("region", name="Practice", exact=True)
    bar.get_by_role("button", name="Hint").click()
    bar.get_by_role("button", name="Read aloud").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [{"text": page.get_by_test_id("practice-hint-text").inner_text(),
                       "lang": "en-US"}]
