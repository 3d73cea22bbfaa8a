"""1 and 4: throughput and latency of every screen under gunicorn, as a ratio of a bare
Flask hello served by the same process in the same run; and the Redis store's throughput
as a ratio of the memory store's.

For each screen, in turns: hello, the screen (memory store), the screen (Redis store),
again for every round; a ratio is taken within a round, so a machine that slows down or
speeds up between screens moves both sides of it. The median round is reported.
"""

import statistics
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench import load
from bench.client import Client
from bench.screens import open_session
from bench.servers import REDIS_SERVER, Gunicorn, RedisServer
from bench.wsgi import HELLO

WARM_UP = 10  # requests to each URL before it is measured (templates compiled, caches warm)


@dataclass
class ScreenThroughput:
    screen: object
    path: str = ""
    rounds: list = field(default_factory=list)  # (hello, memory, redis or None): Load
    error: str = ""

    def _median(self, values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    @property
    def ratio(self):
        return self._median(m.rps / h.rps for h, m, _ in self.rounds if h.rps)

    @property
    def cpu_ratio(self):
        """The same ratio per second of the worker's CPU rather than of the clock: what other
        programs on the machine take from the worker between turns cancels out."""
        return self._median(m.per_cpu_second / h.per_cpu_second for h, m, _ in self.rounds
                            if h.per_cpu_second and m.per_cpu_second)

    @property
    def cpu_ms(self):
        """The worker's CPU time per screen request under load."""
        return self._median(1000 / m.per_cpu_second for _, m, _ in self.rounds
                            if m.per_cpu_second)

    @property
    def redis_ratio(self):
        return self._median(r.rps / m.rps for _, m, r in self.rounds if r is not None and m.rps)

    @property
    def hello_rps(self):
        return self._median(h.rps for h, _, _ in self.rounds)

    @property
    def rps(self):
        return self._median(m.rps for _, m, _ in self.rounds)

    @property
    def redis_rps(self):
        return self._median(r.rps if r else None for _, _, r in self.rounds)

    @property
    def p50_ms(self):
        return self._median(m.p50_ms for _, m, _ in self.rounds)

    @property
    def p99_ms(self):
        return self._median(m.p99_ms for _, m, _ in self.rounds)

    @property
    def failed_answers(self):
        return sum(h.errors + m.errors + (r.errors if r else 0) for h, m, r in self.rounds)


def redis_availability():
    """(True, "") when a Redis-backed run is possible here, else (False, why not)."""
    if REDIS_SERVER is None:
        return False, "redis-server is not installed (apt-get install redis-server)"
    from webapp import config
    from webapp.store import create_store

    try:
        create_store({**config.DEFAULTS, "ACCOUNT_STORE_URL": "redis://127.0.0.1:1/0"})
    except (ValueError, ImportError) as exc:
        return False, f"the app has no Redis store yet ({exc})"
    return True, ""


def _warm(url, cookie):
    parts = urlsplit(url)
    client = Client(url)
    for _ in range(WARM_UP):
        client.cookie = cookie
        client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def _turn(server, url, cookie, seconds, connections):
    before = server.cpu_seconds()
    done = load.run(url, cookie, seconds, connections)
    done.cpu_seconds = server.cpu_seconds() - before
    return done


def measure(screens, secret_key, seconds, rounds, connections, log_dir, progress=print):
    """A ScreenThroughput per screen, and why Redis was left out ("" when it was not)."""
    with_redis, redis_missing = redis_availability()
    results = []
    with ExitStack() as stack:
        memory = stack.enter_context(Gunicorn(secret_key, "", log_dir))
        shared = None
        if with_redis:
            directory = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-redis-"))
            redis_server = stack.enter_context(RedisServer(directory))
            shared = stack.enter_context(Gunicorn(secret_key, redis_server.url, log_dir))
        hello = memory.url + HELLO
        for screen in screens:
            result = ScreenThroughput(screen)
            results.append(result)
            try:
                cookie, result.path = open_session(memory.url, screen, secret_key)
                targets = [(memory.url + result.path, cookie)]
                if shared:
                    shared_cookie, shared_path = open_session(shared.url, screen, secret_key)
                    targets.append((shared.url + shared_path, shared_cookie))
            except (RuntimeError, OSError, KeyError, ValueError) as exc:
                result.error = str(exc)
                progress(f"  {screen.name}: not measured: {exc}")
                continue
            servers = [memory, memory, shared]
            for url, url_cookie in [(hello, cookie), *targets]:
                _warm(url, url_cookie)
            for _ in range(rounds):
                turns = [_turn(server, url, url_cookie, seconds, connections)
                         for server, (url, url_cookie) in zip(servers, [(hello, cookie), *targets])]
                result.rounds.append((turns[0], turns[1], turns[2] if shared else None))
            progress(f"  {screen.name}: {result.rps:.0f} req/s, {result.ratio:.2f} of hello "
                     f"({result.cpu_ratio or 0:.2f} per CPU second)"
                     + (f", Redis {result.redis_ratio:.2f} of memory" if shared else ""))
    return results, redis_missing
