"""The starter suites that test engineers copy (examples/, docs/bug-hunt.md) run against a live
server as their READMEs say: one test of each here; make grade scores them whole."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_example(test, base_url, *args):
    # Without Hypothesis's pytest plugin, which this virtualenv has for tests/ and a starter
    # suite's own would not: it imports Hypothesis at the end of the run, and pytest then
    # rewrites the asserts of its every module again where bytecode is not written to disk.
    return subprocess.run(
        [sys.executable, "-m", "pytest", f"examples/{test}", "-q", "-p", "no:cacheprovider",
         "-p", "no:hypothesispytest", *args], cwd=ROOT, env={**os.environ, "BASE_URL": base_url},
        capture_output=True, text=True, timeout=300)


def test_the_playwright_example_passes_against_a_live_server(base_url):
    ran = run_example("playwright/test_starter.py::test_closing_with_debt_is_refused",
                      base_url, "--base-url", base_url)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "1 passed" in ran.stdout


@pytest.mark.skipif(not os.access("/usr/bin/chromedriver", os.X_OK)
                    and "CHROMEDRIVER_PATH" not in os.environ,
                    reason="no chromedriver: apt-get install chromium-driver")
def test_the_selenium_example_passes_against_a_live_server(base_url):
    ran = run_example("selenium/test_starter.py::test_closing_with_debt_is_refused", base_url)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "1 passed" in ran.stdout
