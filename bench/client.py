"""A small HTTP client that keeps one session cookie: enough to seed a session the way a
browser would (a first GET, the JSON API, a form posted with its own CSRF token)."""

import http.client
import json
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

COOKIE = "session"  # Flask's SESSION_COOKIE_NAME


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8")

    @property
    def location(self):
        return self.headers.get("Location")

    def json(self):
        return json.loads(self.body)


class Client:
    """``Client("http://127.0.0.1:8000")``: requests with the session cookie it was given,
    keeping whatever new one the server sets. Redirects are not followed."""

    def __init__(self, base_url, timeout=30):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.cookie = None

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            headers = dict(headers or {})
            if self.cookie:
                headers["Cookie"] = f"{COOKIE}={self.cookie}"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result = Response(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in result.headers.get_all("Set-Cookie") or ():
            morsel = SimpleCookie(header).get(COOKIE)
            if morsel is not None:
                self.cookie = morsel.value or None
        return result

    def get(self, path):
        return self.request("GET", path)

    def post_json(self, path, data):
        return self.request("POST", path, json.dumps(data).encode(),
                            {"Content-Type": "application/json"})

    def submit(self, page_path, action, **typed):
        """Fill the form of ``page_path`` that posts to ``action`` as a browser would (its
        hidden fields, ticked boxes, chosen radios), add what the user types, post it."""
        page = self.get(page_path)
        if page.status != 200:
            raise RuntimeError(f"GET {page_path}: {page.status}")
        form = _FormReader(action)
        form.feed(page.text)
        if not form.found:
            raise RuntimeError(f"{page_path} has no form posting to {action}")
        fields = {**form.fields, **typed}
        return self.request("POST", action, urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})


class _FormReader(HTMLParser):
    """The fields of the first form that posts to ``action``."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.fields, self.found, self._inside = action, {}, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.found and attrs.get("action") == self.action:
            self.found = self._inside = True
        elif tag == "input" and self._inside and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button"):
                self.fields[attrs["name"]] = attrs.get("value", "on" if kind == "checkbox" else "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
