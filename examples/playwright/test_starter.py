"""A starter suite for Weilidai Mock, with the page objects of e2e/pages.

Deliberately incomplete: it checks a few of the article's rules and leaves the rest to you.
Grade it (README.md) to see which planted faults it catches, then add the tests it lacks.
"""

from playwright.sync_api import expect

from e2e.pages import RepaymentSettingsPage, WeilidaiHome, account, seed


def test_closing_with_debt_is_refused(page):
    """R6: a loan being repaid stands in the way of closing; nothing changes."""
    seed(page, "repaying")
    refusal = WeilidaiHome(page).open().open_settings().open_management().close()
    expect(refusal.refused).to_be_visible()
    assert account(page)["status"] == "active"


def test_borrowing_takes_the_amount_off_the_available_credit(page):
    seed(page, "fresh")
    home = WeilidaiHome(page).open()
    expect(home.available).to_contain_text("20,000.00")
    confirmation = home.borrow().fill(5000, term=6).next()
    home = confirmation.confirm("123456").done()
    expect(home.available).to_contain_text("15,000.00")


def test_a_dormant_account_freezes_after_one_more_day(page):
    """R2: 180 days without borrowing or repaying freeze Weilidai."""
    seed(page, "dormant")
    home = WeilidaiHome(page).open()
    expect(home.frozen_banner).to_have_count(0)
    page.request.post("/api/clock", data={"days": 1})
    home.open()
    expect(home.frozen_banner).to_be_visible()
    expect(home.borrow_button).to_be_disabled()


def test_auto_repay_turned_off_stays_off(page):
    """R11: the switch remembers."""
    seed(page, "repaying")
    settings = RepaymentSettingsPage(page).open().set_auto_repay(False)
    page.reload()
    expect(settings.auto_repay).not_to_be_checked()
