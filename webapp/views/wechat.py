"""WeChat itself, as far as the path to 微粒贷: the tab bar, 我, 服务."""

from flask import Blueprint, render_template

bp = Blueprint("wechat", __name__)


@bp.get("/")
def home():
    return render_template("wechat/home.html")


@bp.get("/contacts")
def contacts():
    return render_template("wechat/tab.html", tab="contacts", title="通讯录")


@bp.get("/discover")
def discover():
    return render_template("wechat/tab.html", tab="discover", title="发现")


@bp.get("/me")
def me():
    return render_template("wechat/me.html")


@bp.get("/me/services")
def services():
    return render_template("wechat/services.html")
