"""Which language a page is in: Chinese by default, English on request.

``?lang=zh`` or ``?lang=en`` on any page is remembered for the session; otherwise the
browser's Accept-Language decides, and Chinese when it names neither.

The Chinese text is the source: every user-visible string is a Chinese msgid, and
translations/en/LC_MESSAGES/messages.po holds the English (compiled to .mo by ``make``).
"""

from pathlib import Path
from urllib.parse import urlencode

from flask import request, session
from flask_babel import get_translations

LANGUAGES = {"zh": "zh-CN", "en": "en"}  # our code -> the <html lang> value
DEFAULT = "zh"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def remember_language():
    """Before every request: a ``?lang=`` on the URL is the session's choice from now on."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen


def select_language():
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT)


def html_lang():
    return LANGUAGES[select_language()]


def language_url(code):
    """This page in the language ``code``: the same path and query, with ``lang=code``."""
    args = [(name, value) for name, value in request.args.items(multi=True) if name != "lang"]
    return f"{request.path}?{urlencode([*args, ('lang', code)])}"


def N_(message):
    """Marks a string kept as data (a bank's name on a card) for the catalogue; it is
    translated where it is shown, by the ``translated`` filter."""
    return message


def translated(message):
    """A string marked with ``N_``, in the page's language."""
    return get_translations().ugettext(message) if message else message
