"""Which language a page is in: Chinese by default, English on request.

``?lang=zh`` or ``?lang=en`` on any page is remembered for the session; otherwise the
browser's Accept-Language decides, and Chinese when it names neither.
"""

from pathlib import Path

from flask import request, session

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
