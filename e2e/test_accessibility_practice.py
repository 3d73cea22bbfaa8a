"""Accessibility of practice and classes, like every screen's (e2e/test_accessibility.py):
axe-core finds nothing and every control is at least 44×44 px, in light, dark and 关怀模式,
in Chinese and in English (each screen loaded once a session and checked in light and in
dark, as there): the practice bar in its states (a hint, the offer, the result),
the exercises, the end page, the results, and a class's pages, the dashboard filled."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import (ClassDashboard, ContactsPage, DiscoverPage, MeSettingsPage, MePage,
                       PracticeStartPage, RepaymentSettingsPage)
from e2e.accessibility import SESSIONS, Audit

TESTID = "data-testid"


def tap(page, testid):
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def open_class(page, name):
    page.goto("/classes/new")
    page.get_by_test_id("class-name").fill(name)
    tap(page, "class-open")
    return re.search(r"/classes/([A-Z0-9]+)", page.url).group(1)


def join(page, code, name):
    page.goto(f"/join/{code}")
    page.get_by_test_id("join-name").fill(name)
    tap(page, "join-submit")


def practise(page, audit, label_suffix=""):
    """The practice bar in its states, on the phone's screens, by test ids (any language)."""
    PracticeStartPage(page, "close-weilidai").open()
    audit.check("practice: an exercise's page")
    tap(page, "start-practice")
    audit.check("practice: the bar on the first screen")
    ContactsPage(page).open()
    DiscoverPage(page).open()
    expect(page.get_by_test_id("practice-hint-offer")).to_be_visible()
    audit.check("practice: the hint offered")
    tap(page, "practice-hint-button")
    expect(page.get_by_test_id("practice-hint-back")).to_be_visible()
    audit.check("practice: a hint, away from its step")
    tap(page, "practice-give-up")
    audit.check("practice: the end page")
    PracticeStartPage(page, "auto-repay-off").open()
    tap(page, "start-practice")
    RepaymentSettingsPage(page).open()
    tap(page, "auto-repay-switch")  # it saves as it changes
    expect(page.get_by_test_id("practice-finished")).to_be_visible()
    audit.check("practice: done, on the product's screen")
    page.goto("/practice/results")
    audit.check("practice: the results")


@pytest.mark.parametrize("session", list(SESSIONS))
def test_practice_and_class_screens_pass_axe_and_have_large_enough_targets(page: Page, session):
    audit = Audit(page, session).choose_session()

    code = open_class(page, "Class A")
    join(page, code, "Trainee A")  # the trainer's own session joins too: a filled dashboard
    audit.check("practice: the exercises, in a class")
    practise(page, audit)
    # Left on the password's page after two wrong passwords: stuck there.
    PracticeStartPage(page, "close-weilidai").open()
    tap(page, "start-practice")
    page.goto("/weilidai/manage/close/password")
    for wrong in ("654321", "654320"):
        page.get_by_test_id("password").fill(wrong)
        tap(page, "close-submit")
    page.set_viewport_size({"width": 1280, "height": 900})
    ClassDashboard(page, code).open()
    expect(page.get_by_test_id("class-stuck-count")).to_be_visible()
    audit.check("class: the dashboard, on a wide screen, a trainee stuck")
    page.goto(f"/classes/{code}?view=scores")
    audit.check("class: the dashboard's results")
    page.goto(f"/classes/{code}?view=steps")
    expect(page.get_by_test_id("class-funnel")).to_be_visible()
    audit.check("class: the dashboard's step-by-step counts")
    page.goto(f"/classes/{code}/qr")
    audit.check("class: the projector page")
    page.set_viewport_size({"width": 390, "height": 844})
    ClassDashboard(page, code).open()
    audit.check("class: the dashboard, on a phone")
    page.goto(f"/classes/{code}?view=steps")
    audit.check("class: the step-by-step counts, on a phone")
    page.goto("/classes/new")
    audit.check("class: open a class, with the classes opened")
    page.goto(f"/join/{code}")
    audit.check("class: joined already")
    other = open_class(page, "Class B")
    page.goto(f"/join/{other}")
    audit.check("class: the join page")
    tap(page, "join-submit")
    audit.check("class: a name is needed")
    ClassDashboard(page, other).open()
    tap(page, "class-end")
    audit.check("class: 结束班级 asks first")
    tap(page, "class-end-confirm")
    audit.check("class: ended, on the dashboard")
    page.context.clear_cookies()  # another session: neither its trainer nor a trainee
    page.goto(f"/join/{other}?lang={audit.language}")
    if audit.care:
        MeSettingsPage(page).open().set_care_mode(True)
        page.goto(f"/join/{other}")
    audit.check("class: ended, from its link")
    page.goto(f"/classes/{code}")
    audit.check("class: trainer only")
    page.goto("/join/ZZZZ9999")
    audit.check("class: no such class")
    MePage(page).open()
    assert audit.screens == 23
    assert not audit.problems, "\n".join(audit.problems)
