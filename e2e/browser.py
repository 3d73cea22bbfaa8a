"""Which Chromium the browser tests and the screenshot script use, and how to launch it.

One place for this logic: ``e2e/conftest.py`` (pytest-playwright), ``scripts/screenshots.py``
and ``make test`` (``python -m e2e.browser``, which runs before pytest) all use it.

The order:

1. ``$CHROMIUM_PATH`` when it is set (it must then be an executable file);
2. ``/usr/bin/chromium``, Debian's package, when it is there;
3. Playwright's own Chromium, from ``playwright install chromium``.

``python -m e2e.browser`` checks that one of them really starts (and tries
``playwright install chromium``, bounded in time, when neither of the first two is there);
when none does it exits non-zero with a message that names both fixes.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

SYSTEM_CHROMIUM = "/usr/bin/chromium"
PLAYWRIGHT_INSTALL_TIMEOUT = 120  # seconds; the download cannot succeed on a closed network

# Keep Chromium off the network (it has no business there and the closed network makes it
# retry), and make it start quickly and the same way on every machine.
COMMON_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
)

FIXES = """\
No Chromium for the browser tests. Fix it one of two ways:
  1. a system Chromium: `apt-get install chromium` (Debian, gives /usr/bin/chromium),
     or set CHROMIUM_PATH=/path/to/chromium;
  2. Playwright's own: `.venv/bin/playwright install chromium` (needs to download it)."""


class BrowserNotFound(RuntimeError):
    pass


def system_chromium():
    """The system Chromium to launch, or None to let Playwright use its own build."""
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    if configured:
        path = Path(configured)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrowserNotFound(f"CHROMIUM_PATH={configured} is not an executable file.\n{FIXES}")
        return str(path)
    if os.access(SYSTEM_CHROMIUM, os.X_OK):
        return SYSTEM_CHROMIUM
    return None


def launch_args(headless=True):
    """Keyword arguments for Playwright's ``chromium.launch()``."""
    args = list(COMMON_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--no-sandbox")  # Chromium refuses to run sandboxed as root
    options = {"headless": headless, "args": args}
    executable = system_chromium()
    if executable:
        options["executable_path"] = executable
    return options


def describe(options):
    return options.get("executable_path") or "Playwright's own Chromium"


def try_launch():
    """Start and stop Chromium once; return its version, or raise with the reason."""
    from playwright.sync_api import Error, sync_playwright

    options = launch_args()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(timeout=60_000, **options)
        except Error as error:
            raise BrowserNotFound(f"{describe(options)} did not start: {error.message.splitlines()[0]}")
        try:
            return browser.version
        finally:
            browser.close()


def install_playwright_chromium():
    """``playwright install chromium``, killed (with its driver) after the time limit."""
    command = [sys.executable, "-m", "playwright", "install", "chromium"]
    print(f"No system Chromium; trying `playwright install chromium` "
          f"(at most {PLAYWRIGHT_INSTALL_TIMEOUT} s)...", file=sys.stderr, flush=True)
    with subprocess.Popen(command, start_new_session=True) as process:
        try:
            return process.wait(timeout=PLAYWRIGHT_INSTALL_TIMEOUT) == 0
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            print("`playwright install chromium` timed out.", file=sys.stderr)
            return False


def ensure():
    """Make sure a Chromium starts; return a line saying which. Raise BrowserNotFound if none."""
    executable = system_chromium()
    if executable:
        try:
            version = try_launch()  # a broken system Chromium is reported, not papered over
        except BrowserNotFound as error:
            raise BrowserNotFound(f"{error}\n{FIXES}") from None
        return f"system Chromium {version} ({executable})"
    try:
        return f"Playwright's own Chromium {try_launch()}"
    except BrowserNotFound:
        pass
    install_playwright_chromium()
    try:
        return f"Playwright's own Chromium {try_launch()}"
    except BrowserNotFound as error:
        raise BrowserNotFound(f"{error}\n{FIXES}") from None


def main():
    try:
        print(f"Browser tests will use {ensure()}.", flush=True)
    except BrowserNotFound as error:
        print(f"\n{error}\n", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
