"""The wheel's build step (pyproject.toml has everything else): beside the code, the files the
app serves, which live at the repository's root in a checkout: templates/, static/, and the
English catalogue compiled by Babel (webapp/translations/*/LC_MESSAGES/messages.mo, which git
does not keep). webapp/paths.py finds them there once installed. An editable install serves
the checkout's own files, and the app compiles its catalogue when it starts (webapp/i18n.py)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SERVED = ("templates", "static")
CATALOGUES = "webapp/translations"


def compile_catalogues(source, target):
    """Each catalogue (.po) under ``source`` compiled (.mo) to the same place under
    ``target``, as ``pybabel compile`` does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(source).glob("*/LC_MESSAGES/*.po"):
        mo = Path(target) / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with open(po, "rb") as catalogue, open(mo, "wb") as compiled:
            write_mo(compiled, read_po(catalogue))


class BuildWithServedFiles(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "webapp"
        for folder in SERVED:
            shutil.copytree(folder, package / folder, dirs_exist_ok=True)
        compile_catalogues(CATALOGUES, package / "translations")


setup(cmdclass={"build_py": BuildWithServedFiles})
