"""Where the room's phones can reach this server: the address a class's join link and QR code
carry (webapp/views/classes.py). No Flask here, and nothing is ever sent: the machine's
network address is read from the kernel's choice of route.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

# connect() on a UDP socket only asks the kernel which route, and so which of the machine's
# addresses, a packet to there would take: no packet is sent. An address reserved for
# documentation (TEST-NET-1, RFC 5737), so that it is nobody's: the default route's.
ROUTE_PROBE = ("192.0.2.1", 9)
# What HOST is when a server listens on every interface (make class, make serve HOST=0.0.0.0).
ALL_INTERFACES = frozenset({"0.0.0.0", "::", "[::]"})


def network_address():
    """This machine's IPv4 address on its network (the one its default route leaves from),
    or None when it has none (no network, or only loopback)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(ROUTE_PROBE)
            address = probe.getsockname()[0]
    except OSError:
        return None
    found = ipaddress.ip_address(address)
    return None if found.is_loopback or found.is_unspecified else address


def is_local_only(url):
    """Whether only this machine can open ``url``: its host is a loopback address
    (127.0.0.0/8, ::1) or localhost."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def room_base(public_url, listening_on, request_url):
    """The scheme, host and port the room's phones use for this server (no trailing slash),
    and how it was chosen: ``public_url`` when set ("configured"); else the address the
    request came to, when another machine could use it too ("request"); else this machine's
    network address with the request's port, when the server listens on every interface
    ("network"); else the request's, which only this machine can open ("local"), or
    "no_network" when the server listens everywhere but the machine has no network."""
    if public_url:
        return public_url.rstrip("/"), "configured"
    parts = urlsplit(request_url)
    asked = f"{parts.scheme}://{parts.netloc}"
    if not is_local_only(asked):
        return asked, "request"
    if listening_on not in ALL_INTERFACES:
        return asked, "local"
    address = network_address()
    if address is None:
        return asked, "no_network"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{address}{port}", "network"
