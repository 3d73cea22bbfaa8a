"""The trainer's stage: the phone framed beside the control panel, made for a projector.

The phone is an <iframe> of the phone's own pages, which know nothing of the trainer; the
panel is drawn only here. The stage remembers which page its phone is on (the iframe's
navigations say they are one: ``Sec-Fetch-Dest: iframe``), so a panel action, which posts
from the panel and comes back to /stage, shows the phone where it was, or where the action
sent it (the home, when the account it was showing a result of was replaced).

On a narrow screen the stage is the panel alone, with the way back to the phone.
"""

from flask import Blueprint, g, redirect, render_template, request, session

from webapp.views.classes import in_class_mode
from webapp.views.panel import safe_next

bp = Blueprint("stage", __name__, url_prefix="/stage")

PHONE_KEY = "phone"  # the path the stage's phone is on
FIRST_PAGE = "/"  # WeChat's first screen: where every tour of the article begins
PHONE_BLUEPRINTS = frozenset({"wechat", "weilidai", "settings", "tours", "scenarios", "knobs",
                              "guides", "practice", "classes", "errors"})


def is_framed():
    """Whether this request is the stage's phone loading a page."""
    return request.headers.get("Sec-Fetch-Dest") == "iframe"


def phone_page():
    """Where the stage's phone is: a path of this site."""
    return safe_next(session.get(PHONE_KEY) or FIRST_PAGE)


def put_phone_on(path):
    session[PHONE_KEY] = safe_next(path)


def remember_phone_page(response):
    """After a page shown in the stage's phone: the stage's phone is on it."""
    if (is_framed() and request.method == "GET" and response.status_code == 200
            and request.blueprint in PHONE_BLUEPRINTS and response.mimetype == "text/html"):
        path = request.full_path.rstrip("?")
        if session.get(PHONE_KEY) != path:
            session[PHONE_KEY] = path
    return response


def is_stage(path):
    return safe_next(path).split("?", 1)[0] == bp.url_prefix


def land(phone_path, back):
    """After an action that sends the phone to ``phone_path``: from the stage, back to the
    stage with its phone there; from the phone itself, to that page."""
    if is_stage(back):
        put_phone_on(phone_path)
        return redirect(safe_next(back))
    return redirect(phone_path)


@bp.get("")
def index():
    """The stage; ``?phone=<path>`` first puts its phone on that page (the panel's links to
    the phone's pages: no script needed, and on a phone the panel's way back leads there)."""
    from webapp.views import tours

    if "phone" in request.args:
        put_phone_on(request.args["phone"])
        return redirect(bp.url_prefix)
    g.tour = tours.stage_view()
    return render_template("stage/index.html", phone=phone_page())


@bp.get("/panel")
def panel():
    """The panel alone, as it is now: the stage's script swaps it in after every page its
    phone shows, so the panel never shows an account older than the phone's."""
    from webapp.views import tours

    g.tour = tours.stage_view()
    return render_template("stage/_panel_fragment.html", phone=phone_page())


@bp.app_template_global()
def show_trainer_link():
    """The phone's one link to the stage: not on the stage's own phone, nor in 演示模式, nor
    on a trainee's phone in class mode (webapp/views/classes.py)."""
    return not is_framed() and not session.get("present", False) and not in_class_mode()


def init_app(app):
    app.after_request(remember_phone_page)
