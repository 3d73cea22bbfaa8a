"""A real Learning Record Store for the xAPI tests: Ralph (``ralph-malph[cli,lrs]``), started
as its documentation does (``ralph runserver -b fs``) on a free port, storing what it is sent
in a folder, with one Basic-auth user. The test may stop it (the LRS is down) and start it
again on the same port and folder, and read back what it holds.

Its file system backend keeps only the first POST it is sent (ralph/sitecustomize.py says
why): the one change made to it, loaded from this folder's ralph/ by PYTHONPATH, makes it
append as an LRS must."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import bcrypt
import pytest
import requests

from tests.production.support import free_port, wait_until

USERNAME, PASSWORD = "weilidai", "lrs-test-password"
RALPH = shutil.which("ralph", path=str(Path(sys.executable).parent)) or shutil.which("ralph")
APPEND = Path(__file__).resolve().parent / "ralph"


class RalphLRS:
    def __init__(self, directory):
        if RALPH is None:
            pytest.fail("ralph is not installed: pip install -e '.[test]' installs it")
        self.directory = Path(directory)
        self.port = free_port()
        self.process = None
        auth = self.directory / "auth.json"
        auth.write_text(json.dumps([{
            "username": USERNAME,
            "hash": bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
            "scopes": ["all"],
            "agent": {"account": {"homePage": "http://127.0.0.1", "name": USERNAME}},
        }]))
        self.environ = {**os.environ, "RALPH_AUTH_FILE": str(auth),
                        # Its history file too, not in the user's ~/.config/ralph.
                        "RALPH_APP_DIR": str(self.directory),
                        "PYTHONPATH": os.pathsep.join(filter(None, [
                            str(APPEND), os.environ.get("PYTHONPATH")]))}
        (self.directory / "run").mkdir(exist_ok=True)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self):
        # In a process group of its own: runserver's reloader starts the server as a child.
        # Its log is kept beside its data, for a failing test to be read.
        self.log = (self.directory / "ralph.log").open("ab")
        self.process = subprocess.Popen(
            [RALPH, "runserver", "-b", "fs", "--fs-default-directory-path",
             str(self.directory / "data"), "-h", "127.0.0.1", "-p", str(self.port)],
            cwd=self.directory / "run", env=self.environ, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=self.log)

        def answers():
            if self.process.poll() is not None:
                pytest.fail(f"ralph runserver exited with {self.process.returncode}")
            try:
                return requests.get(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                    timeout=1).ok
            except requests.RequestException:
                return False

        wait_until(answers, f"Ralph answering on port {self.port}", seconds=60)
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process is not None:
            self.log.close()
        self.process = None

    def statements(self):
        """Every statement the LRS holds, read through its own API, page by page."""
        found, url = [], f"{self.endpoint}/statements?limit=100"
        while url:
            response = requests.get(url, auth=(USERNAME, PASSWORD), timeout=10,
                                    headers={"X-Experience-API-Version": "1.0.3"})
            response.raise_for_status()
            body = response.json()
            found += body["statements"]
            more = body.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else None
        return found


def xapi_config(lrs):
    return {"XAPI_ENDPOINT": lrs.endpoint, "XAPI_USERNAME": USERNAME, "XAPI_PASSWORD": PASSWORD,
            "XAPI_RETRY_MAX_SECONDS": 1}
