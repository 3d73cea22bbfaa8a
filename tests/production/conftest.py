"""Fixtures for running as in production: a real redis-server, either account store.

The Redis tests start their own ``redis-server`` on a free port (no data on disk unless a
test asks for it) and are skipped only where none is installed; CI installs one (.ci/run),
so there a missing redis-server fails instead.
"""

import sys

import pytest

from tests.production.support import RedisServer, require_redis_server


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """One redis-server for the whole run; each test gets it empty (``redis_url``)."""
    require_redis_server()
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    with redis_server.client() as client:
        client.flushall()
    return redis_server.url


@pytest.fixture
def own_redis_server(tmp_path):
    """A durable redis-server for this test alone, to kill and restart."""
    require_redis_server()
    server = RedisServer(tmp_path, durable=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["memory", "redis"])
def store_config(request):
    """The app's account store, once in memory and once in Redis."""
    if request.param == "memory":
        return {"ACCOUNT_STORE_URL": ""}
    return {"ACCOUNT_STORE_URL": request.getfixturevalue("redis_url")}


@pytest.fixture
def eager_thread_switching():
    """Switch threads every few microseconds, so that requests really interleave."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(interval)
