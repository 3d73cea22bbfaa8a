"""Blueprints, one per area, and what every view shares: the session's account.

The browser holds only an opaque random id in Flask's signed session cookie; the account
lives in the store under that id.
"""

import secrets

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext

from webapp import services
from webapp.domain import DomainError
from webapp.messages import error_message


def store():
    return current_app.extensions["account_store"]


def policy():
    return current_app.extensions["policy"]


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


def perform(use_case, *args, back):
    """Run a use case on the session's account.

    Returns (result, None), or (None, a redirect to ``back``) with the refusal flashed.
    """
    try:
        _, result = use_case(store(), session_key(), *args)
    except DomainError as exc:
        flash(error_message(exc), "error")
        return None, redirect(back)
    return result, None


def register(app):
    from webapp.views import (api, errors, guides, knobs, panel, scenarios, settings, tours,
                              wechat, weilidai)

    app.before_request(load_account)
    app.before_request(panel.remember_presentation_mode)
    app.add_template_global(panel.panel_forms)
    for module in (wechat, weilidai, settings, scenarios, panel, knobs, tours, guides, api,
                   errors):
        app.register_blueprint(module.bp)
    knobs.init_app(app)
    tours.init_app(app)
