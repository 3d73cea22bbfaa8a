"""The difficulty knobs: a role-based locator and a web-first assertion survive each one.

Each test turns one knob on for its own session (the knobs live in the session cookie, so
the other tests, also the ones running in parallel, are not touched)."""

from playwright.sync_api import expect

from e2e.pages import ControlPanel, WeilidaiHome, account, knobs, seed, set_knobs


def _documents(page):
    """The URL and status of every page the browser loads from now on."""
    loaded = []
    page.on("response", lambda response: loaded.append((response.url, response.status))
            if response.request.resource_type == "document" else None)
    return loaded


def test_latency_fixed_then_random_is_waited_out(page):
    seed(page, "repaying")
    set_knobs(page, latency_ms=600)
    settings = WeilidaiHome(page).open().open_settings().open_repayment_settings()
    settings.set_auto_repay(False)
    expect(settings.flash("success")).to_contain_text("自动还款已关闭")

    set_knobs(page, latency_ms=1500, latency_random=True)
    settings.set_auto_repay(True)
    expect(settings.auto_repay).to_be_checked()
    assert account(page)["auto_repay"] is True


def test_spinner_the_result_shows_after_the_loading_page(page):
    seed(page, "fresh")
    set_knobs(page, spinner=True)
    loaded = _documents(page)
    closed = WeilidaiHome(page).open().open_settings().open_management().close().confirm().submit()
    expect(closed.heading).to_be_visible()
    assert any("/loading?next=" in url for url, _ in loaded)
    assert closed.account()["status"] == "closed"


def test_failure_busy_pages_are_retried_and_the_action_happens_once(page):
    seed(page, "repaying")
    # 100%: every page load fails unless the one before it failed, so every other one.
    set_knobs(page, failure_rate=100)
    loaded = _documents(page)
    home = WeilidaiHome(page).open()
    result = home.repay().repay_all().confirm("123456")
    expect(result.main.get_by_role("heading", name="还款成功")).to_be_visible()
    home = result.done()
    expect(home.main.get_by_role("link", name="还款")).to_contain_text("暂无待还")

    assert 503 in [status for _, status in loaded]
    after = account(page)
    assert after["outstanding"] == 0
    assert [event["kind"] for event in after["events"]].count("repaid") == 1


def test_layout_shift_a_late_banner_does_not_misdirect_a_tap(page):
    seed(page, "fresh")
    set_knobs(page, layout_shift=True)
    home = WeilidaiHome(page).open()
    home.borrow().back()  # tapped at once, while the banner may still be unfolding

    home.expect_shown()
    expect(home.late_banner).to_be_visible()
    borrow = home.borrow()  # tapped after everything below the banner moved down
    expect(borrow.main.get_by_role("textbox", name="借款金额（元）")).to_be_editable()


def test_the_panel_sets_the_knobs_and_turns_them_all_off(page):
    seed(page, "fresh")
    panel = ControlPanel(page).set_knobs(latency_ms=200, latency_random=True, spinner=True,
                                         failure_rate=20, layout_shift=True)
    expect(panel.flash()).to_contain_text("测试难度已保存")
    assert knobs(page) == {"latency_ms": 200, "latency_random": True, "spinner": True,
                           "failure_rate": 20, "layout_shift": True}

    panel.knobs_off()
    expect(panel.flash()).to_contain_text("测试难度已全部关闭")
    assert not any(knobs(page).values())
    home = WeilidaiHome(page).open()
    expect(home.late_banner).to_have_count(0)


def test_a_bad_knob_value_gets_a_message_and_changes_nothing(page):
    seed(page, "fresh")
    panel = ControlPanel(page).set_knobs(latency_ms=99999)
    expect(panel.flash("error")).to_contain_text("0 到 5000")
    assert not any(knobs(page).values())
