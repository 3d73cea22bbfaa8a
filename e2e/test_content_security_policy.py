"""Under the strict Content-Security-Policy, Chromium blocks nothing the screens need:
no inline script or style is refused on any screen."""

from playwright.sync_api import Page

from e2e.pages import (
    BorrowPage, CloseConfirmation, ErrorPage, FaqPage, ManagementPage, MePage, RecordsPage,
    RepaymentSettingsPage, RepayPage, ScenarioStartPage, ScenariosPage, ServicesPage,
    SettingsPage, WeChatHome, WeilidaiHome,
)


def test_no_screen_breaks_the_content_security_policy(page: Page):
    violations, documents = [], []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("response", lambda response: documents.append(response)
            if response.request.resource_type == "document" else None)
    # Going from screen to screen this fast cuts the favicon's download short, which the
    # test server reports as an unclosed file; the favicon is not what is tested here.
    page.route("**/favicon.svg", lambda route: route.abort())
    ScenarioStartPage(page, "busy").open().start()
    for screen in (WeChatHome, MePage, ServicesPage, WeilidaiHome, BorrowPage, RepayPage,
                   RecordsPage, SettingsPage, RepaymentSettingsPage, ManagementPage,
                   CloseConfirmation, FaqPage, ScenariosPage):
        screen(page).open()
    ScenarioStartPage(page, "busy").open()
    ErrorPage(page, 404, "/nowhere").open()
    assert len(documents) >= 16
    for response in documents:
        assert "default-src 'self'" in response.headers["content-security-policy"], response.url
    assert violations == []
