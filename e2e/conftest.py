"""pytest-playwright set up for this app.

Fixtures (on top of pytest-playwright's ``page``, ``context``, ``browser``, ...):

- ``live_server`` (session): the app served from a thread on a free 127.0.0.1 port;
  ``.url`` and ``.app``. Config: ``e2e.live_server.E2E_CONFIG``.
- ``base_url`` (session): the live server's URL, so ``page.goto("/weilidai")`` works; or
  ``--base-url URL`` (or ``PYTEST_BASE_URL``) to test a server that is already running, in
  which case no live server is started.
- ``browser_type_launch_args`` (session): the Chromium of ``e2e/browser.py``.
- ``browser_context_args`` (session): a phone, 390x844 at scale 1, locale zh-CN.

``page`` and ``context`` stay function scoped: each test gets a new browser context, that is
a new session cookie and so a new account on the server.
"""

import pytest
from playwright.sync_api import expect

from e2e import browser
from e2e.live_server import LiveServer

# Generous enough for a loaded 2-core machine; a real failure still fails in seconds.
expect.set_options(timeout=10_000)

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "locale": "zh-CN",
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
