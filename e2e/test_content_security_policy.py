"""Under the strict Content-Security-Policy, Chromium blocks nothing the screens need:
no inline script or style is refused on any screen."""

from playwright.sync_api import Page

SCREENS = ["/", "/me", "/me/services", "/weilidai", "/weilidai/borrow", "/weilidai/repay",
           "/weilidai/records", "/weilidai/settings", "/weilidai/settings/repayment",
           "/weilidai/manage", "/weilidai/manage/close", "/weilidai/faq", "/scenarios",
           "/scenarios/busy", "/nowhere"]


def test_no_screen_breaks_the_content_security_policy(page: Page):
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    # Going from screen to screen this fast cuts the favicon's download short, which the
    # test server reports as an unclosed file; the favicon is not what is tested here.
    page.route("**/favicon.svg", lambda route: route.abort())
    page.goto("/scenarios/busy")
    page.get_by_role("button", name="开始这个场景").click()
    for screen in SCREENS:
        response = page.goto(screen)
        assert "default-src 'self'" in response.headers["content-security-policy"]
    assert violations == []
