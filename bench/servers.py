"""The servers a run starts on free 127.0.0.1 ports, and stops: gunicorn serving
bench.wsgi (the app and the bare Flask hello), and a redis-server of its own."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

from bench.client import Client
from bench.wsgi import HELLO

ROOT = Path(__file__).resolve().parent.parent
REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(ready, what, process, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        if ready():
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {seconds} s")
        time.sleep(0.05)


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Gunicorn:
    """``with Gunicorn(secret_key, store_url, log_dir) as server: server.url``"""

    def __init__(self, secret_key, store_url="", log_dir=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {k: v for k, v in os.environ.items() if not k.startswith("WEILIDAI_")}
        environ.update(SECRET_KEY=secret_key, ACCOUNT_STORE_URL=store_url,
                       BENCH_PORT=str(self.port))
        if log_dir:
            environ["BENCH_ERROR_LOG"] = str(Path(log_dir) / f"gunicorn-{self.port}.log")
        self._command = [sys.executable, "-m", "gunicorn", "--config",
                         str(ROOT / "bench" / "gunicorn.conf.py")]
        self._environ = environ
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(self._command, cwd=ROOT, env=self._environ,
                                        stdout=subprocess.DEVNULL)

        def answers():
            try:
                return Client(self.url, timeout=2).get(HELLO).status == 200
            except OSError:
                return False

        try:
            _wait(answers, "gunicorn", self.process)
        except BaseException:
            _stop(self.process)
            raise
        return self

    def __exit__(self, *exc):
        _stop(self.process)

    def cpu_seconds(self):
        """CPU time its workers have used so far (user and system, every thread)."""
        return sum(_cpu_seconds(pid) for pid in _children(self.process.pid))


def _children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime, fields 14 and 15 of stat(5), in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RedisServer:
    """A throwaway redis-server: nothing on disk, gone when the run ends."""

    def __init__(self, directory):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory), "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_timeout=2)

        def answers():
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        try:
            _wait(answers, "redis-server", self.process)
        except BaseException:
            _stop(self.process)
            raise
        finally:
            client.close()
        return self

    def __exit__(self, *exc):
        _stop(self.process)
