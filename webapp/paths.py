"""Where the app's own files are: its templates and static files beside its code in an
installed wheel (setup.py puts them there), at the repository's root in a checkout."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def shipped(name):
    """The folder ``name`` (templates, static) of the app as it is installed or checked out."""
    installed = PACKAGE / name
    return installed if installed.is_dir() else ROOT / name


TEMPLATES = shipped("templates")
STATIC = shipped("static")
