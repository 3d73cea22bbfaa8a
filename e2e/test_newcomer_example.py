from playwright.sync_api import expect

from e2e.pages import WeilidaiHome, seed


def test_closing_with_debt_is_refused(page):
    seed(page, "repaying")
    refusal = WeilidaiHome(page).open().open_settings().open_management().close()
    expect(refusal.refused).to_be_visible()
    assert refusal.account()["status"] == "active"
