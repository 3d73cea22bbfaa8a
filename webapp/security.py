"""What every response carries for a demo that is reachable on a network.

- Security headers on every response, static files and error pages included: a strict
  Content-Security-Policy (scripts and styles from our own static files only, nothing inline),
  ``frame-ancestors`` from FRAME_ANCESTORS so a training portal can embed the phone.
- The session cookie marked ``Secure`` whenever the request came over HTTPS, also through a
  reverse proxy that terminates TLS: PROXY_FIX=N trusts the X-Forwarded-* headers of the
  N proxies in front (0, the default, trusts none, as a direct connection must).
"""

from flask import request
from flask.sessions import SecureCookieSessionInterface
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


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, ``Secure`` when SESSION_COOKIE_SECURE says so or the
    request itself is HTTPS."""

    def get_cookie_secure(self, app):
        return super().get_cookie_secure(app) or request.is_secure


def init_app(app):
    headers = {
        "Content-Security-Policy": content_security_policy(app.config["FRAME_ANCESTORS"]),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }

    @app.after_request
    def add_security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    app.session_interface = SessionInterface()
    proxies = app.config["PROXY_FIX"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies, x_port=proxies, x_prefix=proxies)
