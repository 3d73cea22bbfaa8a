"""Load on one URL for a bounded time: wrk where it is installed, else Python threads.

Both keep ``connections`` keep-alive connections busy for ``seconds`` (the Python one also
stops after ``max_requests``), send the session cookie with every request, and return a
``Load``: requests per second, latency percentiles and how many answers were not 2xx/3xx.
Everything goes to 127.0.0.1.
"""

import http.client
import json
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.client import COOKIE

WRK = shutil.which("wrk")
REPORT = Path(__file__).with_name("report.lua")


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # answers other than 2xx/3xx, and socket errors
    cpu_seconds: float = 0.0  # the server's, when the caller measured it

    @property
    def per_cpu_second(self):
        return self.requests / self.cpu_seconds if self.cpu_seconds else None


def generator():
    return "wrk" if WRK else "python"


def run(url, cookie, seconds, connections):
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"load goes to 127.0.0.1 only, not {url}")
    if WRK:
        return _wrk(url, cookie, seconds, connections)
    return _python(url, cookie, seconds, connections)


def _wrk(url, cookie, seconds, connections):
    command = [WRK, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
               "-H", f"Cookie: {COOKIE}={cookie}", "-s", str(REPORT), url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30,
                          check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Load(rps=result["requests"] / (result["duration_us"] / 1e6),
                p50_ms=result["p50_us"] / 1000, p99_ms=result["p99_us"] / 1000,
                requests=result["requests"],
                errors=result["status_errors"] + result["socket_errors"])


def _python(url, cookie, seconds, connections, max_requests=200_000):
    """``connections`` threads, each with one keep-alive connection."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": f"{COOKIE}={cookie}"}
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        mine, failed = [], 0
        try:
            while time.monotonic() < deadline and len(mine) < max_requests // connections:
                start = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    if response.status >= 400:
                        failed += 1
                except (OSError, http.client.HTTPException):
                    failed += 1
                    connection.close()
                    continue
                mine.append(time.perf_counter() - start)
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)
                errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if not latencies:
        return Load(0.0, 0.0, 0.0, 0, errors[0])
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return Load(rps=len(latencies) / elapsed, p50_ms=cuts[49] * 1000, p99_ms=cuts[98] * 1000,
                requests=len(latencies), errors=errors[0])
