"""2: the weight of every screen as Chromium loads it with a cold cache.

Each screen gets a new browser context (an empty cache), the seeded session's cookie, and a
window wide enough for the phone and the trainer's panel beside it, the way a trainer shows
it. Everything it fetches until the network is idle is counted: bytes of each body as the
page gets it (uncompressed; the app sends nothing compressed), by kind, how many requests,
and how many went to another host. The server is the app in this process (e2e/live_server.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from e2e import browser as chromium
from bench.screens import open_session

WINDOW = {"width": 1280, "height": 900}  # the phone and the panel side by side
KINDS = (("text/html", "html"), ("text/css", "css"), ("javascript", "js"), ("image/", "images"))


@dataclass
class ScreenWeight:
    screen: object
    path: str = ""
    bytes_by_kind: dict = field(default_factory=dict)  # html, css, js, images, other
    images: list = field(default_factory=list)  # the image paths it fetched
    requests: int = 0
    other_hosts: int = 0
    panel_bytes: int = 0  # of the HTML: the trainer's panel (<aside class="panel">)
    error: str = ""

    @property
    def total(self):
        return sum(self.bytes_by_kind.values())


def _kind(content_type):
    return next((kind for marker, kind in KINDS if marker in content_type), "other")


def _panel_bytes(html):
    start = html.find(b'<aside class="panel"')
    end = html.find(b"</aside>", start)
    return end + len(b"</aside>") - start if start >= 0 and end >= 0 else 0


def measure(screens, base_url, secret_key, progress=print):
    from playwright.sync_api import Error, sync_playwright

    results = []
    host = urlsplit(base_url).netloc
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(**chromium.launch_args())
        try:
            for screen in screens:
                result = ScreenWeight(screen)
                results.append(result)
                if not screen.html:
                    continue
                try:
                    cookie, result.path = open_session(base_url, screen, secret_key)
                    _load(instance, base_url, host, cookie, result)
                except (RuntimeError, OSError, Error) as exc:
                    result.error = str(exc).splitlines()[0]
                    progress(f"  {screen.name}: not measured: {result.error}")
                    continue
                progress(f"  {screen.name}: {result.total / 1024:.1f} KB in "
                         f"{result.requests} requests")
        finally:
            instance.close()
    return results


def _load(instance, base_url, host, cookie, result):
    context = instance.new_context(viewport=WINDOW, locale="zh-CN")
    try:
        context.add_cookies([{"name": "session", "value": cookie, "url": base_url}])
        requests, responses = [], []
        context.on("request", lambda request: requests.append(request))
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        page.goto(base_url + result.path, wait_until="load")
        page.wait_for_load_state("networkidle")
        for response in responses:
            if response.request.method == "GET" and response.ok:
                body = response.body()
                kind = _kind(response.headers.get("content-type", ""))
                result.bytes_by_kind[kind] = result.bytes_by_kind.get(kind, 0) + len(body)
                if kind == "images":
                    result.images.append(urlsplit(response.url).path)
                if kind == "html" and response.url == page.url:
                    result.panel_bytes = _panel_bytes(body)
        wanted = [r for r in requests if urlsplit(r.url).scheme in ("http", "https")]
        result.requests = len(wanted)
        result.other_hosts = sum(urlsplit(r.url).netloc != host for r in wanted)
    finally:
        context.close()
