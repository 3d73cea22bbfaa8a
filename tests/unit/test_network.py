"""Where the room's phones reach the server: a configured PUBLIC_URL, else the address the
trainer's browser used when another machine could use it too, else the machine's network
address when the server listens on every interface; and which of those only this machine can
open. Nothing here sends a packet."""

import socket

import pytest

from webapp import network
from webapp.network import is_local_only, room_base

ROOM = "198.51.100.23"  # RFC 5737: for documentation, never requested


@pytest.mark.parametrize("url, local", [
    ("http://127.0.0.1:5000", True), ("http://127.0.0.2:8000/join/X", True),
    ("http://localhost", True), ("http://LOCALHOST.:5000", True), ("http://app.localhost", True),
    ("http://[::1]:5000", True), (f"http://{ROOM}:5000", False),
    ("https://class.example.org", False), ("http://[2001:db8::1]:5000", False),
    ("http://0.0.0.0:5000", False),
])
def test_only_loopback_addresses_and_localhost_are_local_only(url, local):
    assert is_local_only(url) is local


def test_a_configured_public_url_wins_whatever_the_request(monkeypatch):
    monkeypatch.setattr(network, "network_address", lambda: ROOM)
    assert room_base("https://class.example.org/", "0.0.0.0", "http://127.0.0.1:5000/") == (
        "https://class.example.org", "configured")


def test_an_address_others_can_use_is_kept(monkeypatch):
    monkeypatch.setattr(network, "network_address", lambda: "203.0.113.9")
    assert room_base("", "0.0.0.0", f"http://{ROOM}:5000/") == (f"http://{ROOM}:5000", "request")


@pytest.mark.parametrize("listening", ["0.0.0.0", "::", "[::]"])
def test_on_every_interface_a_loopback_request_gets_the_network_address(monkeypatch, listening):
    monkeypatch.setattr(network, "network_address", lambda: ROOM)
    assert room_base("", listening, "http://127.0.0.1:5000/") == (f"http://{ROOM}:5000",
                                                                   "network")
    assert room_base("", listening, "https://localhost/") == (f"https://{ROOM}", "network")
    monkeypatch.setattr(network, "network_address", lambda: None)
    assert room_base("", listening, "http://127.0.0.1:5000/") == ("http://127.0.0.1:5000",
                                                                   "no_network")


def test_on_loopback_the_link_stays_local(monkeypatch):
    monkeypatch.setattr(network, "network_address", lambda: ROOM)
    assert room_base("", "127.0.0.1", "http://127.0.0.1:5000/") == ("http://127.0.0.1:5000",
                                                                     "local")


class Probe:
    """A UDP socket that records what is done with it; it sends nothing either way."""

    made = []

    def __init__(self, family, kind, address="192.168.1.20", fails=False):
        self.calls, self.address, self.fails = [], address, fails
        Probe.made.append(self)
        assert (family, kind) == (socket.AF_INET, socket.SOCK_DGRAM)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.calls.append("close")

    def connect(self, where):
        self.calls.append(("connect", where))
        if self.fails:
            raise OSError("Network is unreachable")

    def getsockname(self):
        return self.address, 40000

    def send(self, *args):  # pragma: no cover - what must never happen
        raise AssertionError("a packet was sent")

    sendto = send


@pytest.mark.parametrize("address, fails, found", [
    ("192.168.1.20", False, "192.168.1.20"), ("127.0.0.1", False, None),
    ("0.0.0.0", False, None), ("192.168.1.20", True, None),
])
def test_the_network_address_is_the_kernels_route_choice_and_nothing_is_sent(
        monkeypatch, address, fails, found):
    Probe.made.clear()
    monkeypatch.setattr(network.socket, "socket",
                        lambda family, kind: Probe(family, kind, address, fails))
    assert network.network_address() == found
    (probe,) = Probe.made
    assert probe.calls == [("connect", network.ROUTE_PROBE), "close"]


def test_the_machines_own_network_address_is_none_or_not_loopback():
    found = network.network_address()
    assert found is None or not is_local_only(f"http://{found}")
