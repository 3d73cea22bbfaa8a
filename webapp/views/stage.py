"""The trainer's stage: the phone framed beside the control panel, made for a projector.

The phone is an <iframe> of the phone's own pages, which know nothing of the trainer; the
panel is drawn only here. The stage remembers which page its phone is on (the iframe's
navigations say they are one: ``Sec-Fetch-Dest: iframe``), so a panel action, which posts
from the panel and comes back to /stage, shows the phone where it was, or where the action
sent it (the home, when the account it was showing a result of was replaced).

On a narrow screen the stage is the panel alone, with the way back to the phone.
"""

from flask import Blueprint, redirect, render_template, request, session

from webapp.switches import PRESENT
from webapp.views.classes import in_class_mode
from webapp.views.journeys import stage_guide
from webapp.views.shared import PHONE_KEY, STAGE, is_framed, phone_page, put_phone_on

bp = Blueprint("stage", __name__, url_prefix=STAGE)

PHONE_BLUEPRINTS = frozenset({"wechat", "weilidai", "settings", "tours", "scenarios", "knobs",
                              "guides", "practice", "classes", "errors"})


def remember_phone_page(response):
    """After a page shown in the stage's phone: the stage's phone is on it."""
    if (is_framed() and request.method == "GET" and response.status_code == 200
            and request.blueprint in PHONE_BLUEPRINTS and response.mimetype == "text/html"):
        path = request.full_path.rstrip("?")
        if session.get(PHONE_KEY) != path:
            session[PHONE_KEY] = path
    return response


@bp.get("")
def index():
    """The stage; ``?phone=<path>`` first puts its phone on that page (the panel's links to
    the phone's pages: no script needed, and on a phone the panel's way back leads there)."""
    if "phone" in request.args:
        put_phone_on(request.args["phone"])
        return redirect(bp.url_prefix)
    return render_template("stage/index.html", phone=phone_page(), guide=stage_guide())


@bp.get("/panel")
def panel():
    """The panel alone, as it is now: the stage's script swaps it in after every page its
    phone shows, so the panel never shows an account older than the phone's."""
    return render_template("stage/_panel_fragment.html", phone=phone_page(), guide=stage_guide())


JOINING = {"classes.join", "classes.join_by_code"}


@bp.app_template_global()
def show_trainer_link():
    """The phone's one link to the stage: not on the stage's own phone, nor in 演示模式, nor
    on a trainee's phone in class mode (webapp/views/classes.py), nor on the pages a trainee
    opens to join one (the QR code's, the code's field): she is not in it yet."""
    return (not is_framed() and not session.get(PRESENT.session_key, False)
            and not in_class_mode() and request.endpoint not in JOINING)
