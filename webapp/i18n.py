"""Which language a page is in: Chinese, unless the session chose English.

Only an explicit choice counts: ``?lang=en`` or ``?lang=zh`` on any URL (the panel's 语言
links are such URLs), remembered for the session. The browser's Accept-Language never
decides, so every browser, a test runner's default context (Playwright's is en-US)
included, sees the Chinese screens the docs and the article name.

The Chinese text is the source: every user-visible string is a Chinese msgid, and
translations/en/LC_MESSAGES/messages.po holds the English, compiled to .mo by ``make``, by
the wheel's build (setup.py) and, wherever neither ran (a clone served as it is), when the
app starts (``catalogues``): the app is never silently without its English.
"""

import hashlib
import os
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from numbers import Number
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, request, session
from flask_babel import force_locale, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from markupsafe import Markup, escape

LANGUAGES = {"zh": "zh-CN", "en": "en"}  # our code -> the <html lang> value
DEFAULT = "zh"
SESSION_KEY = "lang"  # the session's choice, and the query parameter that makes it
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
CATALOGUE = "LC_MESSAGES/messages"


def compiled(po):
    """The .mo of the catalogue ``po`` (a path), as ``pybabel compile`` writes it."""
    with open(po, "rb") as source:
        catalogue = read_po(source)
    output = BytesIO()
    write_mo(output, catalogue)
    return output.getvalue()


def _write(path, data):
    """Write ``data`` whole or not at all (another process may be reading or writing it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as output:
        output.write(data)
    os.replace(temporary, path)


def catalogues(folder=TRANSLATIONS):
    """The folder of compiled catalogues for Flask-Babel: ``folder`` itself once each .mo
    there is at least as new as its .po (compiled now if missing or older, as make would);
    where ``folder`` cannot be written (an installed package), a copy under the temporary
    folder, named by the catalogues' content."""
    sources = sorted(Path(folder).glob(f"*/{CATALOGUE}.po"))
    stale = [po for po in sources if not po.with_suffix(".mo").exists()
             or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if not stale:
        return Path(folder)
    try:
        for po in stale:
            _write(po.with_suffix(".mo"), compiled(po))
        return Path(folder)
    except OSError:
        digest = hashlib.sha256(b"".join(po.read_bytes() for po in sources)).hexdigest()[:16]
        copy = Path(tempfile.gettempdir()) / f"weilidai-translations-{digest}"
        for po in sources:
            mo = copy / po.relative_to(folder).with_suffix(".mo")
            if not mo.exists():
                _write(mo, compiled(po))
        return copy


def remember_language():
    """Before every request: a ``?lang=`` on the URL is the session's choice from now on."""
    chosen = request.args.get(SESSION_KEY)
    if chosen in LANGUAGES:
        session[SESSION_KEY] = chosen


def select_language():
    chosen = session.get(SESSION_KEY)
    return chosen if chosen in LANGUAGES else DEFAULT


# Flask-Babel's locale selector answers a Locale: given a code, Flask-Babel parses it into one
# again on every request (babel's ``Locale.parse``, a tenth of a JSON answer's time).
_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}


def select_locale():
    return _LOCALES[select_language()]


def html_lang():
    return LANGUAGES[select_language()]


def language_url(code):
    """This page in the language ``code``: the same path and query, with ``lang=code``."""
    args = [(name, value) for name, value in request.args.items(multi=True)
            if name != SESSION_KEY]
    return f"{request.path}?{urlencode([*args, (SESSION_KEY, code)])}"


# The request's translations, looked up once. Flask-Babel's own template callables look them
# up again for every _(), through g and the locale's cache; a screen has a hundred and more,
# and that was a fifth of its time (bench/profile_fix.md).
_request_translations = ContextVar("request_translations", default=None)


def bind_translations():
    """Before each request, once its language is chosen (after ``remember_language``): the
    language's catalogue, found by Flask-Babel once per app and language (it finds the same
    one again for every request, through its locale selector and its caches)."""
    found = current_app.extensions.setdefault("catalogues", {})
    language = select_language()
    translations = found.get(language)
    if translations is None:
        translations = found[language] = get_translations()
    _request_translations.set(translations)


def unbind_translations(exc=None):
    """After each request, whatever happened: a thread's next request never sees these."""
    _request_translations.set(None)


def _translations():
    return _request_translations.get() or get_translations()


# The app's gettext in Python, as Flask-Babel's (the same arguments, the same formatting: a
# text with variables is a format string, one without is itself), through the request's
# translations bound once. Flask-Babel's own finds them again on every call through nine
# reads of ``g`` and a locale turned into its name: about forty times the catalogue lookup,
# paid again each time a lazy label is read (Jinja asks it for ``__html__`` before it prints).

def gettext(message, **variables):
    text = _translations().ugettext(message)
    return text % variables if variables else text


def ngettext(singular, plural, num, **variables):
    variables.setdefault("num", num)
    return _translations().ungettext(singular, plural, num) % variables


def pgettext(context, message, **variables):
    text = _translations().upgettext(context, message)
    return text % variables if variables else text


def lazy_gettext(message, **variables):
    """A text translated each time it is read, in the language of the request reading it."""
    return LazyString(gettext, message, **variables)


@contextmanager
def force_language(code):
    """Flask-Babel's ``force_locale``, for the gettext above too."""
    with force_locale(code):
        token = _request_translations.set(get_translations())
        try:
            yield
        finally:
            _request_translations.reset(token)


def _formatted(eval_ctx, text, variables):
    """As Jinja's newstyle gettext: the translation is trusted markup where the template
    escapes (its variables are escaped into it), and always a format string ("%%" is "%"); a
    text without a "%" is already what formatting would make of it. The variables are escaped
    first and the text formatted as a str: what Markup's own ``%`` makes, at a third of its
    cost (it wraps each variable in a helper object to escape it)."""
    if "%" not in text:
        return Markup(text) if eval_ctx.autoescape else text
    if not eval_ctx.autoescape:
        return text % variables
    return Markup(text % {name: value if isinstance(value, Number) else escape(value)
                          for name, value in variables.items()})


# A template's _() of a text without variables, as the page prints it, per catalogue: a page
# says a few dozen of these and the same ones on every request. Bounded all the same (a
# template could translate a text it was given).
_PRINTED_KEPT = 4096
_printed = {}


@pass_eval_context
def _template_gettext(eval_ctx, message, **variables):
    if variables or not eval_ctx.autoescape or type(message) is not str:
        return _formatted(eval_ctx, _translations().ugettext(message), variables)
    translations = _translations()
    key = (translations, message)
    printed = _printed.get(key)
    if printed is None:
        printed = _formatted(eval_ctx, translations.ugettext(message), variables)
        if len(_printed) >= _PRINTED_KEPT:
            _printed.clear()
        _printed[key] = printed
    return printed


@pass_eval_context
def _template_ngettext(eval_ctx, singular, plural, num, **variables):
    variables.setdefault("num", num)
    return _formatted(eval_ctx, _translations().ungettext(singular, plural, num), variables)


@pass_eval_context
def _template_pgettext(eval_ctx, context, message, **variables):
    variables.setdefault("context", context)
    return _formatted(eval_ctx, _translations().upgettext(context, message), variables)


@pass_eval_context
def _template_npgettext(eval_ctx, context, singular, plural, num, **variables):
    variables.setdefault("context", context)
    variables.setdefault("num", num)
    return _formatted(eval_ctx, _translations().unpgettext(context, singular, plural, num),
                      variables)


def install_template_gettext(app):
    """_(), ngettext() and pgettext() in templates, through the request's translations; to
    be called after ``remember_language`` is registered, so they are the chosen language's.

    Jinja's own newstyle callables (``install_gettext_callables``) behave the same but reach
    the translation through three context calls for every _(): a screen has dozens, and each
    cost more than a macro call. These are one call each."""
    app.before_request(bind_translations)
    app.teardown_request(unbind_translations)
    app.jinja_env.globals.update(
        _=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext,
        pgettext=_template_pgettext, npgettext=_template_npgettext)


def N_(message):
    """Marks a string kept as data (a bank's name on a card) for the catalogue; it is
    translated where it is shown, by ``translated``."""
    return message


def translated(message):
    """A string marked with ``N_``, in the page's language."""
    return _translations().ugettext(message) if message else message
