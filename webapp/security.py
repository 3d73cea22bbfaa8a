"""What every response carries for a demo that is reachable on a network.

- Security headers on every response, static files and error pages included: a strict
  Content-Security-Policy (scripts and styles from our own static files only, nothing inline),
  ``frame-ancestors`` from FRAME_ANCESTORS so a training portal can embed the phone.
- The session cookie marked ``Secure`` whenever the request came over HTTPS, also through a
  reverse proxy that terminates TLS: PROXY_FIX=N trusts the X-Forwarded-* headers of the
  N proxies in front (0, the default, trusts none, as a direct connection must).
- A body over MAX_CONTENT_LENGTH refused with 413 however it is sent, chunked too
  (``StreamedBodyLimit``).
"""

import copy
import io
import time

from flask import request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature
from werkzeug.middleware.proxy_fix import ProxyFix

# Nothing here needs a device or a browser feature beyond the page itself.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb"))


def content_security_policy(frame_ancestors):
    return "; ".join((
        "default-src 'self'",
        # The stylesheet's check marks are data: images (no request each); nothing else is.
        "img-src 'self' data:",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
        f"frame-ancestors {frame_ancestors}",
    ))


# Session cookies whose signature was checked lately. A browser sends the same cookie with
# every request until the session changes, and checking it (two HMACs) and reading its JSON
# was a tenth of a short page's work. Bounded; only a cookie whose signature held is kept.
OPENED_KEPT = 1024


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, ``Secure`` when SESSION_COOKIE_SECURE says so or the
    request itself is HTTPS; a cookie seen lately is not checked and read again."""

    def __init__(self):
        # (serializer, cookie) -> (when it was signed, in Unix seconds; what it holds)
        self._opened = {}

    def open_session(self, app, request):
        """Flask's: the cookie's data when its signature holds and it is not older than the
        session's lifetime, else a new session. The data of a cookie seen lately is copied
        from the first reading (a request changes its session in place), and its age is
        checked again as itsdangerous checks it."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        key = (serializer, cookie)
        opened = self._opened.get(key)
        if opened is None:
            try:
                data, signed = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
            except BadSignature:
                return self.session_class()
            if len(self._opened) >= OPENED_KEPT:
                self._opened.clear()
            opened = self._opened[key] = (int(signed.timestamp()), data)
            return self.session_class(copy.deepcopy(data))
        signed, data = opened
        if not 0 <= int(time.time()) - signed <= max_age:
            return self.session_class()  # itsdangerous: SignatureExpired
        return self.session_class(copy.deepcopy(data))

    def get_cookie_secure(self, app):
        return super().get_cookie_secure(app) or request.is_secure

    def get_signing_serializer(self, app):
        """Flask's, made once for the app's keys rather than on every request and response
        (a new serializer and signer each time, for the same keys)."""
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        made = app.extensions.get("session_serializer")
        if made is None or made[0] != keys:
            made = keys, super().get_signing_serializer(app)
            app.extensions["session_serializer"] = made
        return made[1]


class StreamedBodyLimit:
    """WSGI middleware: a streamed body (``Transfer-Encoding: chunked``, no Content-Length)
    is read here, at most one byte past MAX_CONTENT_LENGTH, and handed on with the length
    read, as if it had come with a Content-Length; so Werkzeug answers one over the limit
    413, as it does a body whose Content-Length says so. Left to Werkzeug, reading a streamed
    body stops at the limit without a word, and an oversize JSON body arrived cut short (400).

    Only when the server has ended the stream for us (``wsgi.input_terminated``: Werkzeug's
    and gunicorn's servers do); otherwise Werkzeug reads no streamed body at all."""

    def __init__(self, wsgi_app, config):
        self.wsgi_app, self.config = wsgi_app, config

    def __call__(self, environ, start_response):
        limit = self.config["MAX_CONTENT_LENGTH"]
        if (limit is not None and environ.get("wsgi.input_terminated")
                and environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked"):
            body = _read_at_most(environ["wsgi.input"], limit + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            del environ["HTTP_TRANSFER_ENCODING"]  # else Werkzeug ignores the length
        return self.wsgi_app(environ, start_response)


def _read_at_most(stream, size):
    parts, left = [], size
    while left > 0:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def response_headers(config):
    """The headers every response carries, the app's and its static files' alike."""
    return {
        "Content-Security-Policy": content_security_policy(config["FRAME_ANCESTORS"]),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }


def headers_hook(app):
    """The after-request hook that adds ``response_headers`` to every response of the app."""
    headers = response_headers(app.config)

    def add_security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    return add_security_headers


def init_app(app):
    app.session_interface = SessionInterface()
    app.wsgi_app = StreamedBodyLimit(app.wsgi_app, app.config)
    proxies = app.config["PROXY_FIX"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies, x_port=proxies, x_prefix=proxies)
