"""Accessibility, screen by screen: axe-core finds nothing on any screen, in light, dark and
关怀模式, in Chinese and in English, and every control is a target of at least 44×44 px.

axe-core comes inside axe-playwright-python (no download). One browser page per session (a
language, with or without 关怀模式) visits every screen, a tour's ring, hint bubble and bar on
the screens they are drawn on, and the panel beside the phone on a wide screen, and checks
each screen in light and then in dark: the colour scheme is a media query, so one load of a
screen shows both, and a screen is not opened (seeded, loaded, axe set up in it) once per
scheme. The screens and the tours are a test each. The light passes (Chinese and English)
run every rule; the others change only the stylesheet's colours and sizes (the page is the
same), so they run the rules that depend on those, which keeps the suite quick.
"""

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import FULL_PASSES, SESSIONS, Audit
from e2e.pages import (
    BorrowUnavailablePage, CloseConfirmation, ContactsPage, ControlPanel, DiscoverPage,
    ErrorPage, FaqPage, LoadingPage, ManagementPage, MePage, MeSettingsPage, RecordsPage,
    RepaymentSettingsPage, RepayPage, ScenarioStartPage, ScenariosPage, ServicesPage,
    SettingsPage, SystemBusyPage, TourGuidesPage, ToursPage, TourStartPage, WeChatHome,
    WeilidaiHome, account, seed, set_knobs,
)


def _repaid_page(page):
    repaid = next(e["id"] for e in account(page)["events"] if e["kind"] == "repaid")
    page.goto(f"/weilidai/repay/done/{repaid}")


# (label, scenario, how to get there)
SCREENS = [
    ("wechat-home", "fresh", lambda page: WeChatHome(page).open()),
    ("contacts", "fresh", lambda page: ContactsPage(page).open()),
    ("discover", "fresh", lambda page: DiscoverPage(page).open()),
    ("me", "fresh", lambda page: MePage(page).open()),
    ("me-settings", "fresh", lambda page: MeSettingsPage(page).open()),
    ("services", "closed", lambda page: ServicesPage(page).open()),
    ("weilidai-home", "repaying", lambda page: WeilidaiHome(page).open()),
    ("weilidai-home-overdue", "overdue", lambda page: WeilidaiHome(page).open()),
    ("weilidai-home-frozen", "frozen", lambda page: WeilidaiHome(page).open()),
    ("weilidai-home-force-closed", "force-closed", lambda page: WeilidaiHome(page).open()),
    ("weilidai-home-closed", "closed", lambda page: WeilidaiHome(page).open()),
    ("borrow", "fresh", lambda page: page.goto("/weilidai/borrow")),
    ("borrow-confirm", "fresh",
     lambda page: page.goto("/weilidai/borrow/confirm?amount=5000&term=6&card=cmb&auto_repay=1")),
    ("borrowed", "repaying", lambda page: page.goto("/weilidai/borrow/done/1")),
    ("borrow-unavailable", "frozen", lambda page: BorrowUnavailablePage(page).open()),
    ("repay", "repaying", lambda page: RepayPage(page).open()),
    ("repay-confirm", "repaying", lambda page: page.goto("/weilidai/repay/confirm?target=all")),
    ("repaid", "closed", _repaid_page),
    ("records", "busy", lambda page: RecordsPage(page).open()),
    ("settings", "fresh", lambda page: SettingsPage(page).open()),
    ("repayment-settings", "overdue", lambda page: RepaymentSettingsPage(page).open()),
    ("management", "fresh", lambda page: ManagementPage(page).open()),
    ("close-confirm", "fresh", lambda page: CloseConfirmation(page).open()),
    ("close-refused", "repaying", lambda page: CloseConfirmation(page).open()),
    ("close-password", "fresh", lambda page: page.goto("/weilidai/manage/close/password")),
    ("closed", "closed", lambda page: page.goto("/weilidai/manage/closed")),
    ("faq", "fresh", lambda page: FaqPage(page).open()),
    ("scenarios", "fresh", lambda page: ScenariosPage(page).open()),
    ("scenario-start", "fresh", lambda page: ScenarioStartPage(page, "busy").open()),
    ("tours", "fresh", lambda page: ToursPage(page).open()),
    ("tour-start", "fresh", lambda page: TourStartPage(page, "close-with-debt").open()),
    ("tour-guides", "fresh", lambda page: TourGuidesPage(page).open()),
    ("error-404", "fresh", lambda page: ErrorPage(page, 404, "/nowhere").open()),
    ("loading", "fresh", lambda page: LoadingPage(page).open_held()),
]


def _system_busy(audit):
    set_knobs(audit.page, failure_rate=100)
    audit.page.goto(WeilidaiHome.path)  # the first load fails: 系统繁忙 stays
    SystemBusyPage(audit.page).expect_shown()
    audit.check("system-busy")
    set_knobs(audit.page)


def _tours(audit, every_place):
    """The ring, the hint bubble in its places, the bar's states, the end page: in all of
    the bubble's places when ``every_place``, else in its colours' states only."""
    page = audit.page
    guide = TourStartPage(page, "close-weilidai").open().start()
    audit.check("tour: the tab bar's 我")
    ContactsPage(page).open()
    expect(guide.off_path).to_be_visible()
    audit.check("tour: off the path")
    guide.leave()

    guide = TourStartPage(page, "why-frozen").open().start()
    audit.check("tour: the trainer's clock, in the tour's bar")
    page.set_viewport_size({"width": 1280, "height": 900})
    ControlPanel(page).open()
    audit.check("the stage: the panel beside the phone, during a tour")
    page.set_viewport_size({"width": 390, "height": 844})
    audit.check("the stage on a phone: the panel alone")
    WeilidaiHome(page).open()
    for label in ("a banner to read", "a cell", "an answer to read"):
        guide.tap_target()
        audit.check(f"tour step: {label}")
    guide.tap_target()
    guide.expect_finished()
    audit.check("tour: finished")
    guide.summary()
    audit.check("tour: end page")
    if not every_place:
        return

    guide = TourStartPage(page, "close-with-debt").open().start()
    # At each of these steps (the gear's corner, the refusal's dialog, a button with the
    # password, the result page), and at the end.
    checked = {1: "gear", 4: "dialog", 6: "password", 7: "result page"}
    for number in range(1, 13):
        if number in checked:
            audit.check(f"tour step: {checked[number]}")
        guide.tap_target()
    guide.expect_finished()
    audit.check("tour: finished on a result page")


def _tours_in_english(audit):
    """The page objects name things in Chinese; in English a tour is driven by test ids:
    its start page, its first step's ring and hint, the way back from a wrong tap."""
    page = audit.page
    TourStartPage(page, "close-weilidai").open()
    with page.expect_navigation():
        page.get_by_test_id("start-tour").click()
    expect(page.get_by_test_id("tour-hint")).to_be_visible()
    audit.check("tour: the tab bar's Me")
    ContactsPage(page).open()
    expect(page.get_by_test_id("tour-back")).to_be_visible()
    audit.check("tour: off the path")
    with page.expect_navigation():
        page.get_by_test_id("tour-exit").click()


@pytest.mark.parametrize("session", list(SESSIONS))
def test_every_screen_passes_axe_and_has_large_enough_targets(page: Page, session):
    audit = Audit(page, session).choose_session()
    for label, scenario, open_screen in SCREENS:
        seed(page, scenario)
        open_screen(page)
        audit.check(label)
    _system_busy(audit)
    assert audit.screens == len(SCREENS) + 1
    assert not audit.problems, "\n".join(audit.problems)


# A test of its own (a session of its own) rather than the end of the one above: the two
# workers of make test share the audits more evenly in six parts than in three.
@pytest.mark.parametrize("session", list(SESSIONS))
def test_the_tours_rings_hints_and_bars_pass_axe_and_have_large_enough_targets(page: Page,
                                                                                session):
    audit = Audit(page, session).choose_session()
    if audit.language == "en":
        _tours_in_english(audit)
        assert audit.screens == 2
    else:
        _tours(audit, every_place=bool(FULL_PASSES.intersection(audit.modes)))
        assert audit.screens >= 8
    assert not audit.problems, "\n".join(audit.problems)
