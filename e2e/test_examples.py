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


# -- docs/testing.md's examples, copied out of the repository --------------------------------

DOC = ROOT / "docs" / "testing.md"


def documented_files():
    """{file name: its text} of every ``<!-- example: outside/NAME -->`` block of the doc."""
    text = DOC.read_text(encoding="utf-8")
    found = {}
    for part in text.split("<!-- example: outside/")[1:]:
        name, rest = part.split(" -->", 1)
        found[name] = rest.split("```python\n", 1)[1].split("```", 1)[0]
    return found


def run_outside(tmp_path, names, *args, **env):
    """The documented ``names`` alone in an empty folder, run there with pytest, as a reader
    would: nothing of this repository on the path or in the environment."""
    files = documented_files()
    for name in names:
        (tmp_path / name).write_text(files[name], encoding="utf-8")
    environ = {name: value for name, value in os.environ.items()
               if name not in ("PYTHONPATH", "BASE_URL") and not name.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
         "no:hypothesispytest", *args], cwd=tmp_path, env={**environ, **env},
        capture_output=True, text=True, timeout=300)


def test_the_docs_playwright_example_passes_in_an_empty_folder(base_url, tmp_path):
    ran = run_outside(tmp_path, ["test_closing.py", "conftest.py"], "--base-url", base_url)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "1 passed" in ran.stdout
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix == ".py") == [
        "conftest.py", "test_closing.py"]


@pytest.mark.skipif(not os.access("/usr/bin/chromedriver", os.X_OK)
                    and "CHROMEDRIVER_PATH" not in os.environ,
                    reason="no chromedriver: apt-get install chromium-driver")
def test_the_docs_selenium_example_passes_in_an_empty_folder_headless(base_url, tmp_path):
    ran = run_outside(tmp_path, ["test_selenium.py"], BASE_URL=base_url)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "1 passed" in ran.stdout
