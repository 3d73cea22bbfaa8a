"""WeChat itself, as far as the path to 微粒贷: the tab bar, 我, 服务; 我 → 设置 (关怀模式)."""

from flask import Blueprint, flash, redirect, request, session, url_for

from webapp.forms import CareModeForm
from webapp.i18n import gettext
from webapp.i18n import lazy_gettext as _l
from webapp.switches import CARE
from webapp.views.journeys import show
from webapp.views.shared import care_mode, first_time_in_session, safe_next

bp = Blueprint("wechat", __name__)


@bp.get("/")
def home():
    return show("wechat-home", "wechat/home.html")


@bp.get("/contacts")
def contacts():
    return show("contacts", "wechat/tab.html", tab="contacts", title=_l("通讯录"))


@bp.get("/discover")
def discover():
    return show("discover", "wechat/tab.html", tab="discover", title=_l("发现"))


@bp.get("/me")
def me():
    return show("me", "wechat/me.html")


@bp.get("/me/services")
def services():
    return show("services", "wechat/services.html")


@bp.route("/me/settings", methods=["GET", "POST"])
def settings():
    """我 → 设置: 关怀模式 (larger text and targets, stronger contrast), kept in the session.
    The panel's toggle posts here too, with where to go back to."""
    form = CareModeForm(data={CARE.field: care_mode()})
    if form.validate_on_submit():
        if first_time_in_session():
            session[CARE.session_key] = on = form.values()[CARE.id]
            flash(gettext("已开启关怀模式") if on else gettext("已关闭关怀模式"), "success")
        return redirect(safe_next(form.next.data) if form.next.data else url_for(".settings"))
    return show("me-settings", "wechat/settings.html", form=form)


bp.add_app_template_global(care_mode)


@bp.app_template_global()
def html_class():
    """The classes of <html>: ``care`` in 关怀模式 (static/css/phone.css has its tokens),
    ``framed`` on the stage's phone (it fills the stage's frame)."""
    classes = ["care"] if care_mode() else []
    if request.headers.get("Sec-Fetch-Dest") == "iframe":
        classes.append("framed")
    return " ".join(classes)
