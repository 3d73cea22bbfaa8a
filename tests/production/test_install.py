"""One app, whatever the install: served from a wheel built from the sdist, in a virtualenv of
its own, or from a clone on which nothing was built (no ``make``), the app has its templates,
its static files and its English (``?lang=en``), and the grader reports in English.

The sdist and the wheel are built here with setuptools' own build hooks (PEP 517, no network);
the virtualenv reads the dependencies from the one running the tests, but not this checkout."""

import http.client
import os
import shutil
import site
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.production.support import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = "Weilidai"  # the Weilidai home's title in English (微粒贷 in Chinese)


def run(*command, cwd, env=None):
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def clone(target):
    """The repository's files as a clone has them: tracked, and new ones not ignored (no
    compiled catalogue, no static build)."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                 cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not list(target.rglob("*.mo"))
    return target


def build(hook, source, output):
    """setuptools' PEP 517 hook ``build_sdist`` or ``build_wheel`` run in ``source``."""
    output.mkdir(exist_ok=True)
    name = run(sys.executable, "-c", "import sys; from setuptools import build_meta; "
               f"print(build_meta.{hook}(sys.argv[1]))", str(output), cwd=source)
    return output / name.splitlines()[-1]


def environment(**extra):
    environ = {name: value for name, value in os.environ.items()
               if not name.startswith(("WEILIDAI_", "PYTHON", "FLASK_"))}
    return {**environ, "SECRET_KEY": "install", "PYTHONUNBUFFERED": "1", **extra}


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def served(python, cwd, env):
    """GET /weilidai?lang=en and a stylesheet the page links, from ``python -m webapp``."""
    port = free_port()
    server = subprocess.Popen([str(python), "-m", "webapp", "--port", str(port)], cwd=cwd,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        def answers():
            try:
                return get(port, "/")[0] == 200
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                return False

        wait_until(answers, "the installed app answering", seconds=60)
        status, page = get(port, "/weilidai?lang=en")
        stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        return status, page, get(port, stylesheet)[0]
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    return clone(tmp_path_factory.mktemp("clone"))


def test_a_wheel_built_from_the_sdist_serves_the_app_in_english(sources, tmp_path):
    sdist = build("build_sdist", sources, tmp_path / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    wheel = build("build_wheel", unpacked, tmp_path / "wheels")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp_path)
    python = venv / "bin" / "python"
    packages = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                        "['purelib'])", cwd=tmp_path))
    # The dependencies from the test's own virtualenv, as a path only: its .pth files (this
    # checkout's editable install among them) are not read.
    (packages / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
        "--no-deps", "--no-index", str(wheel), cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = run(str(python), "-c", "import webapp; print(webapp.__file__)", cwd=elsewhere,
                    env=environment())
    assert Path(installed).is_relative_to(packages)

    status, page, stylesheet = served(python, elsewhere, environment())
    assert status == 200 and stylesheet == 200
    assert '<html lang="en"' in page and ENGLISH in page and "微粒贷管理" not in page
    report = run(str(python), "-c", "from webapp.grade_report import english; print(english('设置'))",
                 cwd=elsewhere, env=environment())
    assert report == "Settings"


def test_a_clone_on_which_nothing_was_built_serves_english(sources):
    status, page, stylesheet = served(sys.executable, sources,
                                      environment(PYTHONPATH=str(sources)))
    assert status == 200 and stylesheet == 200
    assert '<html lang="en"' in page and ENGLISH in page
    assert list(sources.rglob("messages.mo"))
