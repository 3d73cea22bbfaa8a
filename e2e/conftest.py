"""pytest-playwright set up for this app.

Fixtures (on top of pytest-playwright's ``page``, ``context``, ``browser``, ...):

- ``live_server`` (session): the app served from a thread on a free 127.0.0.1 port;
  ``.url`` and ``.app``. Config: ``e2e.live_server.E2E_CONFIG``.
- ``base_url`` (session): the live server's URL, so ``page.goto("/weilidai")`` works; or
  ``--base-url URL`` (or ``PYTEST_BASE_URL``) to test a server that is already running, in
  which case no live server is started.
- ``browser_type_launch_args`` (session): the Chromium of ``e2e/browser.py``.
- ``browser_context_args`` (session): a phone, 390x844 at scale 1, and nothing else: no
  locale, so every test (``test_newcomer_example.py``, the one docs/testing.md shows, too)
  runs in Playwright's default locale, en-US, as a newcomer's test does. The screens are
  Chinese anyway; English is only ever chosen with ``?lang=en`` (webapp/i18n.py).

``page`` and ``context`` stay function scoped: each test gets a new browser context, that is
a new session cookie and so a new account on the server. So the tests share no state and
run in any order and in parallel (``make test`` uses ``-n 2``); to check that, run them in
another order with ``--e2e-order reverse`` or ``--e2e-order random:SEED`` (the same seed
gives the same order, on every xdist worker).

With ``--tracing retain-on-failure --screenshot only-on-failure`` (as ``make test`` runs),
a failed test keeps its trace and screenshot, and the run's summary lists where they are.
"""

import random

import pytest
from playwright.sync_api import expect

from e2e import browser
from e2e.live_server import LiveServer

# Generous enough for a loaded 2-core machine; a real failure still fails in seconds.
expect.set_options(timeout=10_000)

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
}


@pytest.fixture(scope="session")
def live_server():
    with LiveServer() as server:
        yield server


@pytest.fixture(scope="session")
def base_url(pytestconfig, request):
    given = pytestconfig.getoption("--base-url", default=None)
    if given:
        return given.rstrip("/")
    return request.getfixturevalue("live_server").url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    if browser_name != "chromium" or "channel" in browser_type_launch_args:
        return browser_type_launch_args  # --browser firefox or --browser-channel chrome
    ours = browser.launch_args()
    return {
        **ours,
        **browser_type_launch_args,  # --headed, --slowmo win
        "args": [*ours["args"], *browser_type_launch_args.get("args", [])],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


def pytest_addoption(parser):
    parser.getgroup("e2e").addoption(
        "--e2e-order", default="written", metavar="ORDER",
        help="order of the browser tests: written (default), reverse, or random:SEED")


def pytest_collection_modifyitems(config, items):
    order = config.getoption("--e2e-order")
    if order == "written":
        return
    here = config.rootpath / "e2e"
    ours = [item for item in items if here in item.path.parents]
    if order == "reverse":
        ours.reverse()
    elif order.startswith("random:") and order[7:].isdigit():
        random.Random(int(order[7:])).shuffle(ours)
    else:
        raise pytest.UsageError(f"--e2e-order {order}: give written, reverse or random:SEED")
    slots = iter(ours)
    items[:] = [next(slots) if here in item.path.parents else item for item in items]


_ARTIFACTS = []


def pytest_runtest_logreport(report):
    # pytest-playwright puts the kept trace and screenshot paths on the teardown report
    # (also when it comes back from an xdist worker).
    _ARTIFACTS.extend((report.nodeid, kind.removeprefix("playwright_"), path)
                      for kind, path in report.user_properties
                      if kind.startswith("playwright_"))


def pytest_terminal_summary(terminalreporter):
    if not _ARTIFACTS:
        return
    terminalreporter.section("Playwright traces and screenshots of the failed tests")
    for nodeid, kind, path in _ARTIFACTS:
        terminalreporter.write_line(f"{nodeid}  {kind}: {path}")
    terminalreporter.write_line(
        "Open a trace with: .venv/bin/playwright show-trace <path to trace.zip>")
