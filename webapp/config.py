"""Settings with their defaults, read from the environment.

Every setting can be overridden by an environment variable of the same name with the
``WEILIDAI_`` prefix (``WEILIDAI_INACTIVITY_FREEZE_DAYS=60``), except the few that have a
conventional name of their own (``SECRET_KEY``). A value the app cannot run with stops it at
startup with a ConfigError that names the variable.
"""

import os
import secrets
import warnings
from urllib.parse import urlsplit

DEFAULTS = {
    "SECRET_KEY": None,
    # The session account store: unset means the embedded in-memory store.
    "ACCOUNT_STORE_URL": "",
    "SESSION_IDLE_SECONDS": 2 * 60 * 60,
    "SESSION_MAX_ACCOUNTS": 10_000,
    # R2 and R3 thresholds, in simulated days.
    "INACTIVITY_FREEZE_DAYS": 180,
    "FORCE_CLOSE_OVERDUE_DAYS": 90,
    "DEFAULT_SCENARIO": "fresh",
    # A locked payment password (3 wrong tries) unlocks this many simulated days later.
    "PASSWORD_LOCK_DAYS": 1,
    # A guided tour's autoplay (kiosks, demos): milliseconds between two taps.
    "TOUR_AUTOPLAY_MS": 3000,
    # The JSON API can be switched off for public demos.
    "API_ENABLED": True,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # The cookie is Secure on any HTTPS request anyway (webapp/security.py); this forces it.
    "SESSION_COOKIE_SECURE": False,
    # How many reverse proxies in front to trust for X-Forwarded-* (0: none, a direct server).
    "PROXY_FIX": 0,
    # CSP frame-ancestors: who may embed the app in a frame ("'self' https://portal.example").
    "FRAME_ANCESTORS": "'self'",
    "WTF_CSRF_TIME_LIMIT": None,
    # Where the server listens (make run, make serve, python -m webapp --host): on every
    # interface (0.0.0.0), a class's join link carries the machine's network address.
    "HOST": "127.0.0.1",
    # The address the room's phones use for this server, scheme://host[:port], for a class's
    # join link and QR code; unset: see webapp/network.py's room_base.
    "PUBLIC_URL": "",
    # Where make guides writes the tours' illustrated guides and the app serves them from
    # (/tours/<id>/guide); empty: guides/ in the project (webapp/guides.py).
    "GUIDES_DIR": "",
    # Planted faults on for every session (webapp/faults.py): ids separated by commas, or
    # "all"; the grader (python -m webapp.grade) sets it. Empty: the app as it should be.
    "FAULTS": "",
    # The pages' structure for every session that has not chosen one (webapp/redesign.py):
    # "classic", or "redesign" (the same look and words over another DOM).
    "LAYOUT": "classic",
    # A file to which each request appends the screen it showed (webapp/faults.py,
    # ``log_screen``): the grader learns which screens a suite reaches. Empty: no such log.
    "SCREEN_LOG": "",
    # Practice (docs/practice.md): an attempt running longer fails; this many wrong turns
    # since the last hint make the practice bar offer 提示 (0: only when asked for). A
    # trainee is stuck (the class's dashboard flags it) after this long on one screen, or
    # after this many wrong turns there (0: never by that rule).
    "PRACTICE_TIME_LIMIT_SECONDS": 15 * 60,
    "PRACTICE_HINT_AFTER_WRONG": 2,
    "PRACTICE_STUCK_SECONDS": 90,
    "PRACTICE_STUCK_WRONG": 2,
    # Classes: how long one runs, how long its results are kept after that, how many
    # trainees it may have and how many the server keeps; the dashboard's refresh.
    "CLASS_HOURS": 4,
    "CLASS_KEEP_HOURS": 24,
    "CLASS_MAX_TRAINEES": 60,
    "MAX_CLASSES": 100,
    "CLASS_REFRESH_SECONDS": 10,
    # xAPI: the Learning Record Store's endpoint (unset: no sending, statements.json only),
    # its Basic auth, the IRIs' base, the outbox's size, a request's timeout and the longest
    # pause between two tries.
    "XAPI_ENDPOINT": "",
    "XAPI_USERNAME": "",
    "XAPI_PASSWORD": "",
    "XAPI_ACTIVITY_BASE": "https://weilidai-mock.example/xapi",
    "XAPI_OUTBOX_SIZE": 10_000,
    "XAPI_TIMEOUT_SECONDS": 5,
    "XAPI_RETRY_MAX_SECONDS": 60,
}

_UNPREFIXED = {"SECRET_KEY", "ACCOUNT_STORE_URL", "XAPI_ENDPOINT", "XAPI_USERNAME",
               "XAPI_PASSWORD", "HOST"}

# What R2's and R3's thresholds may be set to, in simulated days. At either end every
# scenario still shows what it says: the overdue one has sat unused for 41 days, 11 of them
# overdue, so it must neither be frozen nor closed yet; ten years is longer than any demo.
THRESHOLD_RANGES = {
    "INACTIVITY_FREEZE_DAYS": (60, 3650),
    "FORCE_CLOSE_OVERDUE_DAYS": (30, 3650),
    "PASSWORD_LOCK_DAYS": (1, 3650),
}


# What practice, classes and the xAPI outbox may be set to, with the unit their messages name:
# each bounds what a class or the outbox holds in memory.
LIMIT_RANGES = {
    "PRACTICE_TIME_LIMIT_SECONDS": (60, 24 * 3600, "seconds"),
    "PRACTICE_HINT_AFTER_WRONG": (0, 100, "wrong turns"),
    "PRACTICE_STUCK_SECONDS": (0, 3600, "seconds"),
    "PRACTICE_STUCK_WRONG": (0, 100, "wrong turns"),
    "CLASS_HOURS": (1, 72, "hours"),
    "CLASS_KEEP_HOURS": (1, 24 * 30, "hours"),
    "CLASS_MAX_TRAINEES": (1, 500, "trainees"),
    "MAX_CLASSES": (1, 10_000, "classes"),
    "CLASS_REFRESH_SECONDS": (2, 600, "seconds"),
    "XAPI_OUTBOX_SIZE": (1, 1_000_000, "statements"),
    "XAPI_TIMEOUT_SECONDS": (1, 120, "seconds"),
    "XAPI_RETRY_MAX_SECONDS": (1, 3600, "seconds"),
}


class ConfigError(ValueError):
    """A setting the app cannot run with."""


def _env_name(name):
    return name if name in _UNPREFIXED else f"WEILIDAI_{name}"


def _parse(name, raw, default):
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{_env_name(name)} must be a whole number, not {raw!r}") from None
    return raw


def from_environment(environ=None):
    """The defaults, with whatever the environment sets; ConfigError for a value out of range."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for name, default in DEFAULTS.items():
        if _env_name(name) in environ:
            settings[name] = _parse(name, environ[_env_name(name)], default)
    return check_thresholds(settings)


def check_public_url(settings):
    """The settings, if PUBLIC_URL is empty or an http(s) address with nothing after the host
    and port: a class's links are that plus their path."""
    url = settings.get("PUBLIC_URL") or ""
    if url:
        parts = urlsplit(url)
        try:
            parts.port  # noqa: B018 - raises ValueError for a port that is not one
        except ValueError:
            parts = None
        if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
                or parts.path not in ("", "/") or parts.query or parts.fragment
                or parts.username or parts.password):
            raise ConfigError(f"{_env_name('PUBLIC_URL')} must be http://host[:port] or "
                              f"https://host[:port] as the room's phones reach this server, "
                              f"not {url!r}")
    return settings


def check_thresholds(settings):
    """The settings, if R2's and R3's thresholds and the password lock are within
    THRESHOLD_RANGES, practice's, classes' and the outbox's limits within LIMIT_RANGES, the
    layout one there is, and PUBLIC_URL is one (check_public_url)."""
    for name, (low, high) in THRESHOLD_RANGES.items():
        if not low <= settings[name] <= high:
            raise ConfigError(f"{_env_name(name)} must be from {low} to {high} days, "
                              f"not {settings[name]}")
    for name, (low, high, unit) in LIMIT_RANGES.items():
        if not low <= settings[name] <= high:
            raise ConfigError(f"{_env_name(name)} must be from {low} to {high} {unit}, "
                              f"not {settings[name]}")
    if settings.get("LAYOUT", "classic") not in ("classic", "redesign"):
        raise ConfigError(f"{_env_name('LAYOUT')} must be classic or redesign, "
                          f"not {settings['LAYOUT']!r}")
    return check_public_url(settings)


def ensure_secret_key(settings):
    """A random key per process when none is set: fine for one process, not for several."""
    if not settings.get("SECRET_KEY"):
        warnings.warn(
            "SECRET_KEY is not set: using a random key for this process; sessions will not "
            "survive a restart or be shared between workers.",
            RuntimeWarning,
            stacklevel=2,
        )
        settings["SECRET_KEY"] = secrets.token_hex(32)
    return settings
