"""Which Chromium the browser tests use and how it is launched (e2e/browser.py), without
starting a browser or touching the network: the environment, the file system, the user id,
Playwright and ``playwright install`` are all stand-ins."""

import os
import signal
import subprocess
import sys

import pytest

from e2e import browser

NETWORK_OFF = ("--disable-background-networking", "--disable-component-update",
               "--disable-sync")


def executable(path):
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def assert_names_both_fixes(message):
    assert "apt-get install chromium" in message and "CHROMIUM_PATH" in message
    assert "playwright install chromium" in message


@pytest.fixture
def no_system_chromium(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM", str(tmp_path / "no-chromium-here"))


@pytest.fixture
def system_chromium(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    path = executable(tmp_path / "chromium")
    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM", str(path))
    return str(path)


# -- which Chromium ---------------------------------------------------------------------------

def test_chromium_path_wins_when_it_is_an_executable_file(monkeypatch, tmp_path,
                                                          system_chromium):
    chosen = executable(tmp_path / "my-chromium")
    monkeypatch.setenv("CHROMIUM_PATH", str(chosen))
    assert browser.system_chromium() == str(chosen)
    assert browser.launch_args()["executable_path"] == str(chosen)


@pytest.mark.parametrize("kind", ["missing", "not executable", "a directory"])
def test_a_bad_chromium_path_is_refused_naming_it_and_both_fixes(monkeypatch, tmp_path,
                                                                 system_chromium, kind):
    path = tmp_path / "chromium-bad"
    if kind == "not executable":
        path.write_text("#!/bin/sh\n")
        path.chmod(0o644)
    elif kind == "a directory":
        path.mkdir()
        path.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(path))
    # A mistyped path is reported, not silently replaced by the system Chromium.
    with pytest.raises(browser.BrowserNotFound) as refused:
        browser.system_chromium()
    assert f"CHROMIUM_PATH={path} is not an executable file" in str(refused.value)
    assert_names_both_fixes(str(refused.value))


def test_a_blank_chromium_path_counts_as_unset(monkeypatch, system_chromium):
    monkeypatch.setenv("CHROMIUM_PATH", "  ")
    assert browser.system_chromium() == system_chromium


def test_without_chromium_path_the_system_chromium_is_used(system_chromium):
    assert browser.system_chromium() == system_chromium
    assert browser.launch_args()["executable_path"] == system_chromium


def test_the_fallback_is_debians_usr_bin_chromium():
    assert browser.SYSTEM_CHROMIUM == "/usr/bin/chromium"


def test_with_no_system_chromium_playwright_uses_its_own(no_system_chromium):
    assert browser.system_chromium() is None
    options = browser.launch_args()
    assert "executable_path" not in options
    assert browser.describe(options) == "Playwright's own Chromium"


# -- how it is launched -----------------------------------------------------------------------

def test_as_root_the_sandbox_is_off_and_the_network_too(monkeypatch, no_system_chromium):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    args = browser.launch_args()["args"]
    assert args[0] == "--no-sandbox"
    assert set(NETWORK_OFF) <= set(args)


def test_as_another_user_the_sandbox_stays_on_and_the_network_off(monkeypatch,
                                                                  no_system_chromium):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    args = browser.launch_args()["args"]
    assert "--no-sandbox" not in args
    assert set(NETWORK_OFF) <= set(args)


def test_headless_by_default_and_headed_on_request(no_system_chromium):
    assert browser.launch_args()["headless"] is True
    assert browser.launch_args(headless=False)["headless"] is False


# -- playwright install, bounded --------------------------------------------------------------

class HangingInstall:
    """A ``playwright install`` that never finishes (a closed network)."""

    started = []

    def __init__(self, command, **options):
        self.command, self.options, self.pid = command, options, 4242
        self.waits = []
        HangingInstall.started.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def wait(self, timeout=None):
        self.waits.append(timeout)
        if timeout is not None:
            raise subprocess.TimeoutExpired(self.command, timeout)
        return -9


def test_playwright_install_is_killed_with_its_driver_after_the_time_limit(monkeypatch,
                                                                           capsys):
    HangingInstall.started = []
    killed = []
    monkeypatch.setattr(subprocess, "Popen", HangingInstall)
    monkeypatch.setattr(os, "killpg", lambda pid, sig: killed.append((pid, sig)))

    assert browser.install_playwright_chromium() is False

    [install] = HangingInstall.started
    assert install.command == [sys.executable, "-m", "playwright", "install", "chromium"]
    assert install.options.get("start_new_session") is True  # its own group, driver and all
    assert install.waits[0] == browser.PLAYWRIGHT_INSTALL_TIMEOUT
    assert killed == [(install.pid, signal.SIGKILL)]
    assert "timed out" in capsys.readouterr().err


def test_the_time_limit_is_a_couple_of_minutes_at_most():
    assert 0 < browser.PLAYWRIGHT_INSTALL_TIMEOUT <= 180


# -- ensure() and python -m e2e.browser ---------------------------------------------------------

def failing_launch(calls):
    def try_launch():
        calls.append("launch")
        raise browser.BrowserNotFound("Playwright's own Chromium did not start: missing")
    return try_launch


def test_a_broken_system_chromium_is_reported_with_both_fixes_and_nothing_installed(
        monkeypatch, system_chromium):
    calls = []
    monkeypatch.setattr(browser, "try_launch", failing_launch(calls))
    monkeypatch.setattr(browser, "install_playwright_chromium",
                        lambda: calls.append("install"))
    with pytest.raises(browser.BrowserNotFound) as refused:
        browser.ensure()
    assert calls == ["launch"]
    assert_names_both_fixes(str(refused.value))


def test_a_working_system_chromium_is_named(monkeypatch, system_chromium):
    monkeypatch.setattr(browser, "try_launch", lambda: "130.0")
    assert browser.ensure() == f"system Chromium 130.0 ({system_chromium})"


def test_without_any_chromium_playwright_install_is_tried_once_then_both_fixes_named(
        monkeypatch, no_system_chromium, capsys):
    calls = []
    monkeypatch.setattr(browser, "try_launch", failing_launch(calls))
    monkeypatch.setattr(browser, "install_playwright_chromium",
                        lambda: calls.append("install") or False)
    assert browser.main() == 1
    assert calls == ["launch", "install", "launch"]
    assert_names_both_fixes(capsys.readouterr().err)


def test_after_a_successful_install_playwrights_chromium_is_used(monkeypatch,
                                                                 no_system_chromium):
    versions = iter([browser.BrowserNotFound("not installed"), "131.0"])

    def try_launch():
        outcome = next(versions)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(browser, "try_launch", try_launch)
    monkeypatch.setattr(browser, "install_playwright_chromium", lambda: True)
    assert browser.ensure() == "Playwright's own Chromium 131.0"


def test_main_says_which_chromium_and_succeeds(monkeypatch, system_chromium, capsys):
    monkeypatch.setattr(browser, "try_launch", lambda: "130.0")
    assert browser.main() == 0
    assert system_chromium in capsys.readouterr().out
