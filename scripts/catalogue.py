"""Bring the English catalogue up to date with the source: python scripts/catalogue.py

Extracts every message (babel.cfg), adds the new ones to
webapp/translations/en/LC_MESSAGES/messages.po with an empty translation, drops the ones no
longer used, and lists what is left to translate. ``--fill FILE.json`` then sets those from a
JSON object {msgid: English} ("singular|plural" for a plural, ["one", "many"] as its English;
"context\\u0004msgid" for a message with a context). ``make translations`` compiles the result.

It writes the file as it is kept in git: 100 columns, locations without line numbers, so an
edit of a template does not rewrite the whole catalogue.
"""

import argparse
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "webapp" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def source():
    """Every message of the code and templates, as a catalogue (like pybabel extract)."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project="Weilidai Mock")
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map):
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    return template


def key(message):
    text = message.id if isinstance(message.id, str) else "|".join(message.id)
    return f"{message.context}\x04{text}" if message.context else text


def untranslated(message):
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(strings)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", metavar="FILE.json", help="English for new messages")
    args = parser.parse_args(argv)
    with open(CATALOGUE, "rb") as stream:
        catalogue = read_po(stream)
    catalogue.update(source(), no_fuzzy_matching=True, update_header_comment=False)
    catalogue.obsolete.clear()
    table = json.loads(Path(args.fill).read_text()) if args.fill else {}
    left = []
    for message in catalogue:
        if not message.id or not untranslated(message):
            continue
        english = table.get(key(message))
        if english is None:
            left.append(key(message))
        else:
            message.string = tuple(english) if isinstance(english, list) else english
    with open(CATALOGUE, "wb") as stream:
        write_po(stream, catalogue, width=100, include_lineno=False)
    for text in left:
        print(f"untranslated: {text!r}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
