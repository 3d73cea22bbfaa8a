"""One handler for every error page: inside the phone frame, or JSON under /api/."""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp import api_errors, services
from webapp.i18n import gettext
from webapp.i18n import lazy_gettext as _l
from webapp.messages import screen_title
from webapp.store import StoreUnavailable
from webapp.views.journeys import show

bp = Blueprint("errors", __name__)


def _is_api():
    return api_errors.under_api(request.path)


def _page(code, description=None, api_code=None):
    """The error page, or under /api/ the contract's JSON (webapp/api_errors.py)."""
    if _is_api():
        return api_errors.answer(api_errors.ApiError(api_code))
    context = {"code": code, "title": screen_title(f"error-{code}"), "description": description}
    if "account" not in g:  # before the account was read (a malformed request): the page alone
        return render_template("errors/error.html", screen=f"error-{code}", **context), code
    return show(f"error-{code}", "errors/error.html", status=code, **context)


@bp.app_errorhandler(CSRFError)
def csrf_error(exc):
    if _is_api():  # the API takes no CSRF token; should one be asked for, it is still JSON
        return http_error(exc)
    return _page(400, _l("页面已过期或来源不明，请返回后重新操作"))


@bp.app_errorhandler(HTTPException)
def http_error(exc):
    if _is_api():
        return api_errors.from_http(exc, request.method, current_app.config["MAX_CONTENT_LENGTH"])
    return _page(exc.code or 500)


@bp.app_errorhandler(services.AccountMissing)
def account_missing(exc):
    # The account expired half way through: nothing was done, and the next request opens a
    # new one. A script calling the API gets JSON it can act on, never a page's redirect.
    if _is_api():
        return _page(410, api_code="account_expired")
    flash(gettext("你的演示账户已过期，已为你新开一个账户"), "info")
    return redirect(url_for("weilidai.home"))


@bp.app_errorhandler(services.StoreBusy)
def store_busy(exc):
    return _page(503, _l("操作的人太多了，请重试"), api_code="store_busy")


@bp.app_errorhandler(StoreUnavailable)
def store_unavailable(exc):
    # Nothing was saved; the next request tries the store again.
    current_app.logger.warning("account store unavailable: %s", exc)
    return _page(503, _l("演示数据暂时无法读取或保存，请稍后刷新页面再试"),
                 api_code="store_unavailable")


@bp.app_errorhandler(Exception)
def unexpected(exc):
    # Never a traceback in the page: the log has it.
    current_app.logger.exception("unhandled error", exc_info=exc)
    return _page(InternalServerError.code, api_code="internal_error")
