"""What every view shares: the session's account, acting on it once per form, the way back,
and where the stage's phone is. It imports no blueprint, so every blueprint may import it.

The browser holds only an opaque random id in Flask's signed session cookie; the account
lives in the store under that id.
"""

import re
import secrets
from dataclasses import replace
from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, request, session, url_for

from webapp import faults, services
from webapp.i18n import gettext

# The hidden field every state-changing form carries: "<account id>.<random>", minted when
# the form is drawn (``once_token`` in templates/components/form.html).
ONCE_FIELD = "once"
_ONCE = re.compile(r"([0-9a-f]{12})\.[A-Za-z0-9_-]{12}")

# The blueprints of the phone's own screens (not the panel, the API, the scenario links).
PHONE = frozenset({"wechat", "weilidai", "settings"})


def store():
    return current_app.extensions["account_store"]


def policy():
    """The app's policy, carrying the planted faults that are on for this request (none:
    the app's own, as it is; with SCREEN_LOG, a set that notes each one the rules read)."""
    planted = faults.active()
    base = current_app.extensions["policy"]
    return replace(base, faults=planted) if planted or isinstance(
        planted, faults.Consulted) else base


def session_key():
    return session["sid"]


def load_account():
    """Before every request: the session's account, a new one on a first visit."""
    if request.endpoint in (None, "static"):
        return
    key = session.get("sid")
    returning = key is not None
    if not returning:
        key = session["sid"] = secrets.token_urlsafe(18)
    g.account, opened = services.load_account(
        store(), key, policy(), current_app.config["DEFAULT_SCENARIO"])
    if opened and returning and request.blueprint != "api":
        flash(gettext("你的演示账户已过期，已为你新开一个账户"), "info")
        if request.method == "POST":
            # A form from the expired account must not act on the new one.
            return redirect(url_for("weilidai.home"))


CARE_KEY = "care"  # 关怀模式 is on for the session (webapp/views/wechat.py sets it)


def care_mode():
    return bool(session.get(CARE_KEY))


def password_unlocks_on(account):
    """The simulated day the account's locked payment password opens again."""
    return account.password_unlocks_on(policy())


def here():
    """This page's path and query, as a link to it is written."""
    return request.full_path.rstrip("?")


# -- forms acted on once ---------------------------------------------------------------------

def once_token():
    """A new one-time token for a form drawn now, naming the account it is drawn for."""
    return f"{g.account.id}.{secrets.token_urlsafe(9)}"


def posted_once(kind):
    """The one-time token the posted form was drawn with, for the action ``kind``; a form
    without one (or with a malformed one) is stale: it acts on nothing."""
    token = request.form.get(ONCE_FIELD, "")
    match = _ONCE.fullmatch(token)
    if match is None:
        raise services.StaleForm()
    return services.Once(token, kind, account=match[1])


# The one-time tokens of the session's own forms (关怀模式, 演示模式, the knobs) that were
# acted on, kept in the session itself: what they change lives there too.
SESSION_DONE = "done"
SESSION_DONE_KEPT = 16


def first_time_in_session():
    """Whether the posted form of the session's own settings is sent for the first time
    (and note that it was); sent again, it is told so and changes nothing."""
    token = request.form.get(ONCE_FIELD, "")
    if _ONCE.fullmatch(token) is None:
        flash_stale()
        return False
    done = session.get(SESSION_DONE, [])
    if token in done:
        flash_replayed()
        return False
    session[SESSION_DONE] = [*done, token][-SESSION_DONE_KEPT:]
    return True


def flash_stale():
    flash(gettext("这个页面已过期（演示账户已更换或页面是旧的），操作没有执行，请重新操作"), "error")


def flash_replayed():
    flash(gettext("这个操作已经完成，没有重复执行"), "info")


def flash_errors(form):
    """A form's errors as messages at the top of the page it goes back to."""
    for errors in form.errors.values():
        for error in errors:
            flash(str(error), "error")


def landing(receipt, back, done):
    """Where a form sent again lands: where the first one did (its result page), or back to
    the form when the first one was refused."""
    flash_replayed()
    ref = receipt.ref
    if done is None or (isinstance(ref, str) and ref.startswith("refused:")):
        return redirect(back)
    return redirect(done(ref))


def already_done(kind, back, done=None):
    """The redirect for a form that was sent before, checked before the view weighs the form
    against the account as it is now (a loan already borrowed may have used the limit up);
    None for a form not sent before. The use case checks again, in its save, for the race."""
    token = request.form.get(ONCE_FIELD)
    receipt = g.account.receipt(token) if token else None
    if receipt is None or receipt.kind != kind:
        return None
    return landing(receipt, back, done)


# -- the way back ----------------------------------------------------------------------------

def safe_next(target):
    """Back to a page of this site only: a path, never another host.

    A path starting with two slashes or a backslash is another host to a browser
    ("////evil.example" splits into the path "//evil.example"), and so is one with control
    characters that a browser drops."""
    target = target or ""
    parts = urlsplit(target)
    if (parts.scheme or parts.netloc or not parts.path.startswith("/")
            or parts.path.startswith("//") or "\\" in target or not target.isprintable()):
        return url_for("weilidai.home")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def never_from_the_cache(response):
    """A phone screen shows the account as it is now: the browser keeps no copy to show on
    Back (after closing, 微粒贷管理 must not come back 正常). A view may say otherwise."""
    if request.blueprint in PHONE and response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# -- the stage's phone -----------------------------------------------------------------------

STAGE = "/stage"
PHONE_KEY = "phone"  # the path the stage's phone is on
FIRST_PAGE = "/"  # WeChat's first screen: where every tour of the article begins


def is_framed():
    """Whether this request is the stage's phone loading a page."""
    return request.headers.get("Sec-Fetch-Dest") == "iframe"


def phone_page():
    """Where the stage's phone is: a path of this site."""
    return safe_next(session.get(PHONE_KEY) or FIRST_PAGE)


def put_phone_on(path):
    session[PHONE_KEY] = safe_next(path)


def is_stage(path):
    return safe_next(path).split("?", 1)[0] == STAGE


def land(phone_path, back):
    """After an action that sends the phone to ``phone_path``: from the stage, back to the
    stage with its phone there; from the phone itself, to that page."""
    if is_stage(back):
        put_phone_on(phone_path)
        return redirect(safe_next(back))
    return redirect(phone_path)
