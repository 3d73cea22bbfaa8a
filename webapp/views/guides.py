"""The tours' illustrated guides, as ``make guides`` built them (webapp/guides.py): served
beside the tours, in the visitor's language (and in 关怀模式 when they use it and it was built).

- ``/tours/guides``: every guide, its languages and files, whether each still shows the app
  as it is (fresh or stale), and one PDF of every guide's large print to print them all
  (``/tours/guides/all/<lang>.pdf``);
- ``/tours/<id>/guide``: the guide's page, or, where it was not built, a page that says how
  to build it (never an error: the start page and the tours list always link here);
- ``/tours/<id>/guide.pdf``, ``.mp4``, ``.gif``: the PDF and the videos, the same way;
- ``/tours/<id>/guide/<edition>/<file>``: the built files themselves, so that the guide's
  relative links (guide.css, the screenshots, guide.pdf) work as they do on disk.
"""

from flask import Blueprint, abort, current_app, redirect, send_from_directory, url_for

from webapp import guides
from webapp.i18n import LANGUAGES, select_language
from webapp.tours import TOURS
from webapp.views.journeys import show
from webapp.views.shared import care_mode

bp = Blueprint("guides", __name__, url_prefix="/tours")

# What the short links lead to, beside the guide's page.
FILES = {"pdf": "guide.pdf", "mp4": "tour.mp4", "gif": "tour.gif"}
TYPES = {".md": "text/markdown; charset=utf-8", ".vtt": "text/vtt; charset=utf-8"}
# What make guides needs from the system (README.md, "Guides").
APT = "apt-get install chromium fonts-noto-cjk ffmpeg poppler-utils"


def _tour_or_404(tour_id):
    return TOURS.get(tour_id) or abort(404)


def _edition(tour_id):
    """The built edition this visitor should see: their language, in 关怀模式 if they use it
    and it was built; None when the language's guide was not built."""
    lang = select_language()
    wanted = [guides.Edition(lang, care=True)] if care_mode() else []
    for edition in [*wanted, guides.Edition(lang)]:
        if guides.built(current_app, tour_id, edition):
            return edition
    return None


@bp.app_template_global()
def guide_links(tour_id):
    """The guide's links for a tour's pages: the page, the PDF and the video, always the same
    URLs (each says how to build the guide where it was not built)."""
    return {
        "page": url_for("guides.guide", tour_id=tour_id),
        "pdf": url_for("guides.short", tour_id=tour_id, kind="pdf"),
        "mp4": url_for("guides.short", tour_id=tour_id, kind="mp4"),
    }


@bp.get("/guides")
def listing():
    """Every tour's guide in every language (and 关怀模式 where it was built): its state and
    its files; the visitor's language first."""
    lang = select_language()
    langs = [lang, *(other for other in LANGUAGES if other != lang)]
    rows = []
    for tour in TOURS.values():
        states = [guides.state_of(current_app, tour, guides.Edition(code, care))
                  for care in (False, True) for code in langs]
        rows.append((tour, [state for state in states
                            if not (state.edition.care and state.state == "missing")]))
    printable = [guides.print_all_state(current_app, code, TOURS.values()) for code in langs]
    return show("tour-guides", "guides/index.html", rows=rows, printable=printable,
                guide_files=guides.FILES, command=guides.rebuild_command(), apt=APT)


@bp.get("/guides/all/<lang>.pdf")
def print_all(lang):
    if lang not in LANGUAGES:
        abort(404)
    folder = guides.all_dir(guides.guides_dir(current_app), lang)
    if not (folder / guides.ALL_MANIFEST).is_file():
        abort(404)
    return send_from_directory(folder, guides.ALL_PDF)


@bp.get("/<tour_id>/guide")
def guide(tour_id):
    tour = _tour_or_404(tour_id)
    edition = _edition(tour_id)
    if edition is None:
        lang = guides.Edition(select_language())
        return show("tour-guide", "guides/missing.html", tour=tour,
                    command=guides.rebuild_command(), one=guides.rebuild_command(tour.id, lang),
                    apt=APT)
    return redirect(url_for(".index", tour_id=tour.id, edition=edition.name))


@bp.get("/<tour_id>/guide.<kind>")
def short(tour_id, kind):
    _tour_or_404(tour_id)
    if kind not in FILES:
        abort(404)
    edition = _edition(tour_id)
    if edition is None:
        return redirect(url_for(".guide", tour_id=tour_id))
    return redirect(url_for(".file", tour_id=tour_id, edition=edition.name, name=FILES[kind]))


@bp.get("/<tour_id>/guide/<edition>/")
def index(tour_id, edition):
    return file(tour_id, edition, "index.html")


@bp.get("/<tour_id>/guide/<edition>/<path:name>")
def file(tour_id, edition, name):
    _tour_or_404(tour_id)
    chosen = guides.Edition.parse(edition)
    folder = chosen and guides.built(current_app, tour_id, chosen)
    if not folder:
        abort(404)
    suffix = name[name.rfind("."):] if "." in name else ""
    return send_from_directory(folder, name, mimetype=TYPES.get(suffix))
