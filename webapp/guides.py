"""Illustrated guides of the tours (``make guides``, scripts/guides.py): where they live, and
the fingerprint that says whether one still matches what it was made from.

A built guide is a folder, ``<GUIDES_DIR>/<tour id>/<edition>/`` (edition: ``zh``, ``en``, or
``zh-care`` and ``en-care`` for 关怀模式), holding ``index.html``, ``guide.md``,
``guide.pdf``, ``tour.mp4``, ``tour.gif``, the screenshots and ``guide.json``, its manifest.

The fingerprint is a digest of what the guide was made from: the tour's words in the guide's
language (title, summary, steps and hints, what was learned, the article's sections it cites
with their headings), the templates that drew the
screens it shows (the pages' own templates, recorded while it was built, and everything they
extend, include and import), the static files those templates load, the guide's own templates
and stylesheet, the builder, and for a language other than Chinese its catalogue. Nothing but
source files and the tour's data goes in, so a test recomputes it without a browser
(tests/web/test_guides.py) and fails, naming what changed, when a guide is stale.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from jinja2 import meta

from webapp.i18n import LANGUAGES, force_language
from webapp.i18n import lazy_gettext as _l

ROOT = Path(__file__).resolve().parent.parent
# Bumped when the builder makes different guides from the same sources.
FORMAT = 2
MANIFEST = "guide.json"
# The guide's own pages and look, beside the screens' templates.
GUIDE_TEMPLATES = ("guides/guide.html", "guides/guide.md")
GUIDE_STATIC = ("css/guide.css", "css/ripple.css", "js/ripple.js")
BUILDER = ("scripts/guides.py", "scripts/guide_media.py")
CARE_SUFFIX = "-care"
REBUILD = "make guides"

# A static file a template names: asset('css/phone.css'), inline('icons/...'), or url_for;
# and any stylesheet it names, as those it gives stylesheets() ('css/tour.css' if tour).
_STATIC_REF = re.compile(r"""(?:\b(?:asset|inline)\(\s*|url_for\(\s*['"]static['"]\s*,\s*filename\s*=\s*)"""
                         r"""['"]([^'"]+)['"]""")
_STYLESHEET_REF = re.compile(r"""['"](css/[^'"\s]+\.css)['"]""")


@dataclass(frozen=True)
class Edition:
    """One guide of a tour: its language, and whether it shows 关怀模式."""

    lang: str
    care: bool = False

    @property
    def name(self):
        return self.lang + (CARE_SUFFIX if self.care else "")

    @classmethod
    def parse(cls, name):
        """The edition a folder name stands for, or None."""
        care = name.endswith(CARE_SUFFIX)
        lang = name.removesuffix(CARE_SUFFIX)
        return cls(lang, care) if lang in LANGUAGES else None


EDITIONS = tuple(Edition(lang, care) for care in (False, True) for lang in LANGUAGES)


def guides_dir(app):
    configured = app.config.get("GUIDES_DIR")
    return Path(configured) if configured else ROOT / "guides"


def guide_dir(root, tour_id, edition):
    return Path(root) / tour_id / edition.name


def rebuild_command(tour_id=None, edition=None):
    """The command that (re)builds one guide, or all of them."""
    if tour_id is None:
        return REBUILD
    args = f"--tour {tour_id}"
    if edition is not None:
        args += f" --lang {edition.lang}" + (" --care" if edition.care else "")
    return f"{REBUILD} GUIDE_ARGS='{args}'"


def read_manifest(folder, name=MANIFEST):
    """A built guide's manifest (a dict), or None where there is none."""
    path = Path(folder) / name
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def built(app, tour_id, edition):
    """The folder of a built guide, or None."""
    folder = guide_dir(guides_dir(app), tour_id, edition)
    return folder if (folder / MANIFEST).is_file() and (folder / "index.html").is_file() else None


# -- where the words come from in the article -----------------------------------------------

# The article (基层网, 《微粒贷会自动关闭吗？如何关闭？》) numbers its parts in Chinese
# numerals (三、), the sections in a part 1. 2. and the points in a section (1) (2): a tour's
# module cites them as 三.1 or 二.1 (1) in its docstring ("the article's closing steps (三.1,
# R5–R8)"). The headings of the parts and sections the tours cite, by number (3, 3.1;
# tests/web/test_guides.py checks that every cited one has its heading).
ARTICLE_HEADINGS = {
    "2": _l("微粒贷会自动关闭吗？"),
    "2.1": _l("微粒贷的自动关闭情况"),
    "2.2": _l("怎么样避免微粒贷被自动关闭"),
    "3": _l("怎么样关闭微粒贷？"),
    "3.1": _l("微粒贷关闭的流程"),
    "6": _l("微粒贷会不会自动还款？"),
    "6.2": _l("怎么样关闭微粒贷的自动还款功能"),
}
# A part's numeral (a Chinese one: its value is in Unicode's data), a section, a point.
_CITED = re.compile(r"(\w)\.(\d+)(?:\s*\((\d+)\))?")


def cited_sections(tour):
    """The article's sections a tour's module cites, in its docstring's order: a list of
    (part as the article numbers it (三), part's number (3), section, point or None)."""
    from webapp import tours

    module = next((m for m in vars(tours).values() if getattr(m, "TOUR", None) is tour), None)
    found = []
    for numeral, section, point in _CITED.findall(getattr(module, "__doc__", "") or ""):
        number = unicodedata.numeric(numeral, None)
        if not numeral.isdigit() and number is not None:
            found.append((numeral, str(int(number)), section, point or None))
    return found


def article_sections(tour, lang):
    """The sections a tour cites, each with its part's and its own heading, in ``lang`` (call
    it under force_language): the part numbered as the article does in Chinese (三), in
    digits for another language (3)."""
    return [{"part": numeral if lang == "zh" else part,
             "part_title": str(ARTICLE_HEADINGS[part]),
             "section": section,
             "section_title": str(ARTICLE_HEADINGS[f"{part}.{section}"]),
             "point": point}
            for numeral, part, section, point in cited_sections(tour)]


# -- the fingerprint -------------------------------------------------------------------------

def tour_words(app, tour, lang):
    """The tour as the guide shows it, in ``lang``: plain data, every lazy string resolved."""
    with app.test_request_context(), force_language(lang):
        return {
            "id": tour.id,
            "title": str(tour.title),
            "summary": str(tour.summary),
            "scenario": tour.scenario,
            "start": tour.start,
            "ends_on": tour.ends_on,
            "learned": [str(line) for line in tour.learned],
            "sections": article_sections(tour, lang),
            "steps": [{"screen": step.screen, "target": step.target, "hint": str(step.hint),
                       "read": step.read, "until": step.until,
                       "fill": list(step.fill) if step.fill else None}
                      for step in tour.steps],
        }


def template_closure(env, names):
    """``names`` and every template they extend, include or import, by name, sorted."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source = env.loader.get_source(env, name)[0]
        todo.extend(ref for ref in meta.find_referenced_templates(env.parse(source)) if ref)
    return sorted(seen)


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def _file_digest(path):
    return _digest(path.read_bytes()) if path.is_file() else "missing"


def inputs(app, tour, edition, templates):
    """What a guide is made from, each with its digest: ``{"tour": ..., "<path>": ...}``.

    ``templates`` are the screens' own templates (guide.json records them)."""
    env = app.jinja_env
    found = {}
    static_refs = set(GUIDE_STATIC)
    for name in template_closure(env, [*templates, *GUIDE_TEMPLATES]):
        source = env.loader.get_source(env, name)[0]
        found[f"templates/{name}"] = _digest(source.encode())
        static_refs.update(_STATIC_REF.findall(source), _STYLESHEET_REF.findall(source))
    for ref in static_refs:
        found[f"static/{ref}"] = _file_digest(Path(app.static_folder) / ref)
    for path in BUILDER:
        found[path] = _file_digest(ROOT / path)
    if edition.lang != "zh":
        catalogue = f"webapp/translations/{edition.lang}/LC_MESSAGES/messages.po"
        found[catalogue] = _file_digest(ROOT / catalogue)
    words = json.dumps(tour_words(app, tour, edition.lang), ensure_ascii=False, sort_keys=True)
    return {"tour": _digest(words.encode()), **dict(sorted(found.items()))}


def fingerprint(found, edition):
    """One digest of ``inputs()``, the edition and the builder's FORMAT."""
    data = json.dumps({"format": FORMAT, "edition": edition.name, "inputs": found},
                      sort_keys=True)
    return "sha256:" + _digest(data.encode())


def stamp(app, tour, edition, templates):
    """What a guide.json says of what the guide was made from: its inputs (with the screens'
    own ``templates``) and their fingerprint."""
    found = inputs(app, tour, edition, templates)
    return {"format": FORMAT, "tour": tour.id, "edition": edition.name,
            "templates": sorted(templates), "inputs": found,
            "fingerprint": fingerprint(found, edition),
            "rebuild": rebuild_command(tour.id, edition)}


def staleness(app, tour, edition, manifest):
    """Why a built guide no longer matches its sources: a list of lines, empty when fresh."""
    if manifest.get("format") != FORMAT:
        return [f"made by guide format {manifest.get('format')}, the builder is at {FORMAT}"]
    try:
        now = inputs(app, tour, edition, manifest.get("templates", []))
    except Exception as error:  # a recorded template is gone: jinja2.TemplateNotFound
        return [f"its inputs cannot be read any more: {error!r}"]
    if fingerprint(now, edition) == manifest.get("fingerprint"):
        return []
    then = manifest.get("inputs", {})
    changed = [name for name in now if name in then and now[name] != then[name]]
    named = {"tour": f"the tour's words in {edition.lang} (webapp/tours/, the catalogue)"}
    return ([f"changed: {named.get(name, name)}" for name in changed]
            + [f"new input: {name}" for name in now if name not in then]
            + [f"gone: {name}" for name in then if name not in now]
            or ["the fingerprint differs"])


# -- what is built, and whether it is still true: the guides' index (/tours/guides) ---------

# A guide's files a trainer picks from, by kind, in the order the index lists them.
FILES = (("page", "index.html"), ("pdf", "guide.pdf"), ("large", "guide-large.pdf"),
         ("mp4", "tour.mp4"), ("gif", "tour.gif"), ("md", "guide.md"))


@dataclass(frozen=True)
class GuideState:
    """One edition of a tour's guide as the index shows it: ``state`` is "fresh", "stale"
    (``reasons`` say why) or "missing"; ``files`` are the kinds of FILES it has."""

    tour_id: str
    edition: Edition
    state: str
    reasons: tuple = ()
    files: tuple = ()

    @property
    def rebuild(self):
        return rebuild_command(self.tour_id, self.edition)


def _manifest_or_none(folder, name=MANIFEST):
    try:
        return read_manifest(folder, name)
    except ValueError:  # a manifest cut short: a build that was stopped while writing it
        return None


def state_of(app, tour, edition):
    """The GuideState of ``tour``'s guide in ``edition``, against the app's sources now."""
    folder = built(app, tour.id, edition)
    manifest = folder and _manifest_or_none(folder)
    if not manifest:
        return GuideState(tour.id, edition, "missing")
    reasons = tuple(staleness(app, tour, edition, manifest))
    files = tuple(kind for kind, name in FILES if (folder / name).is_file())
    return GuideState(tour.id, edition, "stale" if reasons else "fresh", reasons, files)


# -- every tour's large print in one PDF, a language at a time (make guides writes it) ------

ALL_DIR = "all"  # guides/all/<lang>/: no tour is called "all"
ALL_PDF = "guides-large.pdf"
ALL_MANIFEST = "all.json"


def all_dir(root, lang):
    return Path(root) / ALL_DIR / lang


@dataclass(frozen=True)
class PrintAllState:
    """The one PDF of every tour's large print in a language: ``state`` is "fresh", "stale"
    (a guide in it was rebuilt or is stale, or a built one is not in it) or "missing";
    ``count`` the guides in it."""

    lang: str
    state: str
    count: int = 0


def print_all_state(app, lang, tours):
    """Whether ``guides/all/<lang>/guides-large.pdf`` holds the large print of every guide
    built in ``lang`` as it is now (``tours``: every tour, in order)."""
    folder = all_dir(guides_dir(app), lang)
    manifest = _manifest_or_none(folder, ALL_MANIFEST) if (folder / ALL_PDF).is_file() else None
    if not manifest or manifest.get("format") != FORMAT:
        return PrintAllState(lang, "missing")
    inside = {part["tour"]: part["fingerprint"] for part in manifest.get("parts", [])}
    edition = Edition(lang)
    now = {}
    for tour in tours:
        state = state_of(app, tour, edition)
        if state.state == "stale":
            return PrintAllState(lang, "stale", len(inside))
        if state.state == "fresh":
            now[tour.id] = _manifest_or_none(built(app, tour.id, edition))["fingerprint"]
    return PrintAllState(lang, "fresh" if now == inside else "stale", len(inside))
