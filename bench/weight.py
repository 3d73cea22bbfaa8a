"""2: the weight of every page as Chromium loads it: cold, then again on a repeat visit.

Each page gets a new browser context (an empty cache) with the seeded session's cookie, in
the window it is made for: a phone's (390×844, as the e2e tests' phones) for a phone screen,
a projector's (1920×1080) for the stage, whose phone (an iframe) and panel are counted with
it. Everything fetched until the network is idle is counted: each body as the page gets it
(uncompressed), and as it came over the wire (Chromium asks for zstd, brotli or gzip, and
the app sends them): the encoded body, and apart from it the response's headers. Then the
same page again in the same context, as a returning visitor opens it: how many requests
still go to the server (a file served from the browser's cache is none). The server is the
app in this process (e2e/live_server.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from e2e import browser as chromium
from bench.screens import STAGE, open_session

PHONE = {"width": 390, "height": 844}  # e2e/conftest.py's phone
PROJECTOR = {"width": 1920, "height": 1080}
KINDS = (("text/html", "html"), ("text/css", "css"), ("javascript", "js"), ("image/", "images"))


@dataclass
class ScreenWeight:
    screen: object
    path: str = ""
    window: dict = field(default_factory=dict)
    bytes_by_kind: dict = field(default_factory=dict)  # html, css, js, images, other
    wire_by_kind: dict = field(default_factory=dict)  # the same, encoded bodies
    headers: int = 0  # bytes of the responses' headers
    encodings: dict = field(default_factory=dict)  # kind -> the Content-Encoding it came in
    files: list = field(default_factory=list)  # the paths fetched besides the page
    requests: int = 0
    repeat_requests: int = 0  # on a second visit in the same context
    other_hosts: int = 0
    error: str = ""

    @property
    def total(self):
        return sum(self.bytes_by_kind.values())

    @property
    def wire(self):
        """Bytes on the wire: the bodies as they came, encoded (headers apart)."""
        return sum(self.wire_by_kind.values())


def _kind(content_type):
    return next((kind for marker, kind in KINDS if marker in content_type), "other")


def measure(screens, base_url, secret_key, progress=print):
    from playwright.sync_api import Error, sync_playwright

    results = []
    host = urlsplit(base_url).netloc
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(**chromium.launch_args())
        try:
            for screen in screens:
                if not screen.page:
                    continue
                result = ScreenWeight(screen, window=PROJECTOR if screen.kind == STAGE
                                      else PHONE)
                results.append(result)
                try:
                    cookie, result.path = open_session(base_url, screen, secret_key)
                    _load(instance, base_url, host, cookie, result)
                except (RuntimeError, OSError, Error) as exc:
                    result.error = str(exc).splitlines()[0]
                    progress(f"  {screen.name}: not measured: {result.error}")
                    continue
                progress(f"  {screen.name}: {result.total / 1024:.1f} KB, "
                         f"{result.wire / 1024:.1f} KB on the wire, {result.requests} "
                         f"requests cold, {result.repeat_requests} again")
        finally:
            instance.close()
    return results


class _Network:
    """The requests a page sends, and which of them its cache answered (the DevTools
    protocol says so; Playwright's events do not)."""

    def __init__(self, context, page):
        self.sent, self.cached = set(), set()
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.requestServedFromCache",
                   lambda event: self.cached.add(event["requestId"]))
        session.send("Network.enable")

    def _sent(self, event):
        if urlsplit(event["request"]["url"]).scheme in ("http", "https"):
            self.sent.add(event["requestId"])

    def to_server(self):
        return len(self.sent - self.cached)

    def clear(self):
        self.sent.clear()
        self.cached.clear()


def _load(instance, base_url, host, cookie, result):
    context = instance.new_context(viewport=result.window, locale="zh-CN")
    try:
        context.add_cookies([{"name": "session", "value": cookie, "url": base_url}])
        requests, responses = [], []
        context.on("request", lambda request: requests.append(request))
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        network = _Network(context, page)
        page.goto(base_url + result.path, wait_until="load")
        page.wait_for_load_state("networkidle")
        seen = set()  # a file the page names twice (the stage's phone) weighs once
        for response in responses:
            request = response.request
            if request.method != "GET" or not response.ok or response.url in seen:
                continue
            seen.add(response.url)
            kind = _kind(response.headers.get("content-type", ""))
            sizes = request.sizes()
            result.bytes_by_kind[kind] = result.bytes_by_kind.get(kind, 0) + len(response.body())
            result.wire_by_kind[kind] = (result.wire_by_kind.get(kind, 0)
                                         + max(0, sizes["responseBodySize"]))
            result.headers += sizes["responseHeadersSize"]
            encoding = response.headers.get("content-encoding")
            if encoding:
                result.encodings.setdefault(kind, encoding)
            if response.url != page.url:
                result.files.append(urlsplit(response.url).path)
        result.requests = network.to_server()
        result.other_hosts = sum(urlsplit(r.url).scheme in ("http", "https")
                                 and urlsplit(r.url).netloc != host for r in requests)
        network.clear()
        page.goto(base_url + result.path, wait_until="load")
        page.wait_for_load_state("networkidle")
        result.repeat_requests = network.to_server()
    finally:
        context.close()
