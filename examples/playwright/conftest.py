"""A starter suite's setup: pytest-playwright against a server that is already running.

The server's URL: ``--base-url``, else the BASE_URL variable (the grader sets it), else a
local ``make run``. Each test gets a new browser context: a new session, so a new account.
Chromium: the system's (/usr/bin/chromium, or CHROMIUM_PATH), else Playwright's own.
"""

import os

import pytest
from playwright.sync_api import expect

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def base_url(pytestconfig):
    url = (pytestconfig.getoption("--base-url") or os.environ.get("BASE_URL")
           or "http://127.0.0.1:5000")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not os.access(chromium, os.X_OK):
        return browser_type_launch_args  # Playwright's own Chromium
    return {**browser_type_launch_args, "executable_path": chromium,
            "args": ["--disable-background-networking", "--no-first-run",
                     *browser_type_launch_args.get("args", [])]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}
