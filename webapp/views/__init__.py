"""Blueprints, one per area, and what every view shares: the session's account, acting on it
once per form, and the way back.

The browser holds only an opaque random id in Flask's signed session cookie; the account
lives in the store under that id.
"""

import re
import secrets
from dataclasses import dataclass, replace

from flask import current_app, flash, g, redirect, request, session, url_for

from webapp import faults, services
from webapp.domain import DomainError
from webapp.i18n import gettext
from webapp.messages import error_message

# The hidden field every state-changing form carries: "<account id>.<random>", minted when
# the form is drawn (``once_token`` in templates/components/form.html).
ONCE_FIELD = "once"
_ONCE = re.compile(r"([0-9a-f]{12})\.[A-Za-z0-9_-]{12}")


def store():
    return current_app.extensions["account_store"]


def policy():
    """The app's policy, carrying the planted faults that are on for this request (none:
    the app's own, as it is)."""
    planted = faults.active()
    base = current_app.extensions["policy"]
    return replace(base, faults=planted) if planted else base


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


def password_unlocks_on(account):
    """The simulated day the account's locked payment password opens again."""
    return account.password_unlocks_on(policy())


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


def _landing(receipt, back, done):
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
    return _landing(receipt, back, done)


@dataclass(frozen=True)
class Outcome:
    """What ``perform`` did: ``done`` (now, not before nor refused), the use case's result,
    and the redirect to answer with."""

    done: bool
    result: object
    response: object


def perform(use_case, *args, kind, back, done=None, **kwargs):
    """Run a use case on the session's account, once for the posted form's token.

    Redirects to ``done(ref)`` — the result page of what it made (a loan's id, an event's
    id) — or to ``back`` when it was refused (the refusal flashed), stale, or done before
    without a result page. The same form sent again lands where the first one did."""
    try:
        once = posted_once(kind)
        account, result = use_case(store(), session_key(), *args, once=once, **kwargs)
    except services.Replayed as replay:
        return Outcome(False, None, _landing(replay.receipt, back, done))
    except services.StaleForm:
        flash_stale()
        return Outcome(False, None, redirect(back))
    except DomainError as exc:
        flash(error_message(exc), "error")
        return Outcome(False, None, redirect(back))
    g.account = account
    target = done(account.receipt(once.token).ref) if done else back
    return Outcome(True, result, redirect(target))


# The blueprints of the phone's own screens (not the panel, the API, the scenario links).
PHONE = frozenset({"wechat", "weilidai", "settings"})


def never_from_the_cache(response):
    """A phone screen shows the account as it is now: the browser keeps no copy to show on
    Back (after closing, 微粒贷管理 must not come back 正常). A view may say otherwise."""
    if request.blueprint in PHONE and response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def register(app):
    from webapp.views import (api, bug_hunt, classes, errors, guides, knobs, panel, practice,
                              scenarios, settings, stage, tours, wechat, weilidai)

    app.before_request(load_account)
    app.before_request(tours.end_with_its_account)
    app.before_request(practice.end_with_its_account)
    app.before_request(panel.remember_presentation_mode)
    app.after_request(never_from_the_cache)
    app.add_template_global(panel.panel_forms)
    app.add_template_global(once_token)
    app.add_template_global(password_unlocks_on)
    for module in (wechat, weilidai, settings, scenarios, panel, stage, knobs, bug_hunt, tours,
                   guides, practice, classes, api, errors):
        app.register_blueprint(module.bp)
    knobs.init_app(app)
    tours.init_app(app)
    practice.init_app(app)
    stage.init_app(app)
