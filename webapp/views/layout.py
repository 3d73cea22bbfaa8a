"""The redesigned layout (webapp/redesign.py) as the app serves it: which layout this session
has (``?layout=`` on any page, else the server's WEILIDAI_LAYOUT), every HTML page rewritten
in it after its view, and the stylesheets it links, rewritten the same way."""

import re
from pathlib import Path

from flask import Blueprint, abort, current_app, request, session, url_for
from werkzeug.security import safe_join

from webapp import redesign, static_files
from webapp.switches import LAYOUT

bp = Blueprint("layout", __name__)

# Only a stylesheet of ours: a name as static/ and its build have them.
_CSS_NAME = re.compile(r"^css/[A-Za-z0-9_.+-]+\.css$")


def remember_layout():
    """Before every request: a ``?layout=`` on the URL is the session's choice from now on."""
    wanted = request.args.get(LAYOUT.field)
    if wanted in LAYOUT.values:
        session[LAYOUT.session_key] = wanted


def current_layout():
    chosen = session.get(LAYOUT.session_key)
    return chosen if chosen in LAYOUT.values else current_app.config["LAYOUT"]


def _styles(app):
    """What every stylesheet of static/css says of its classes, read once per app."""
    styles = app.extensions.get("redesign_styles")
    if styles is None:
        sheets = [path.read_text(encoding="utf-8")
                  for path in sorted(Path(app.static_folder, "css").glob("*.css"))]
        styles = app.extensions["redesign_styles"] = redesign.Styles(sheets)
    return styles


def redesign_page(response):
    """After the view: an HTML page, in a session with the redesigned layout, rewritten in it,
    its stylesheets linked through ``stylesheet``."""
    if (response.mimetype != "text/html" or response.direct_passthrough
            or response.is_streamed or current_layout() != redesign.REDESIGN):
        return response
    static = url_for("static", filename="")
    html = redesign.rewrite(response.get_data(as_text=True), _styles(current_app),
                            stylesheet=lambda href: _restyled_url(href, static))
    response.set_data(html)
    return response


def _restyled_url(href, static):
    if href.startswith(static):
        return url_for("layout.stylesheet", name=href[len(static):])
    return href


@bp.get("/redesign/static/<path:name>")
def stylesheet(name):
    """A stylesheet of static/ (or its build) with its classes and ids renamed, and the
    wrapper's and rows' rules added."""
    if not _CSS_NAME.match(name):
        abort(404)
    app = current_app._get_current_object()
    built = Path(app.config.get("STATIC_BUILD_DIR") or static_files.BUILT)
    for root in (built, Path(app.static_folder)):
        found = safe_join(str(root), name)
        if found and Path(found).is_file():
            break
    else:
        abort(404)
    cache = app.extensions.setdefault("redesign_sheets", {})
    stat = Path(found).stat()
    key = (found, stat.st_mtime_ns, stat.st_size)
    css = cache.get(key)
    if css is None:
        css = cache[key] = redesign.restyle(Path(found).read_text(encoding="utf-8"))
    response = current_app.response_class(css, mimetype="text/css")
    # A hashed name never changes; a plain one may at any edit.
    response.cache_control.max_age = (365 * 24 * 3600 if static_files.HASHED.search(name)
                                      else static_files.PLAIN_MAX_AGE)
    return response
