"""docs/testing.md cannot drift from the code: its test ids, scenarios and API error codes
are generated (scripts/testing_doc.py), every test id a page shows is in it, and its first
example is the e2e test that runs."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from scripts import testing_doc
from webapp.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "testing.md"


def test_the_generated_sections_match_the_templates_and_scenarios():
    document = DOC.read_text(encoding="utf-8")
    assert testing_doc.generated(document) == document, (
        "docs/testing.md differs from the templates, scenarios or error codes: run "
        "python scripts/testing_doc.py (python scripts/testing_doc.py --check shows how)")


def documented_patterns():
    document = DOC.read_text(encoding="utf-8")
    start, end = testing_doc.markers("testids")
    listed = re.findall(r"`([^`]+)`", document.split(start, 1)[1].split(end, 1)[0])
    return [re.compile("".join(r"[^\s]+" if part.startswith("{") else re.escape(part)
                               for part in re.split(r"(\{[^}]*\})", testid)) + "$")
            for testid in listed if not testid.startswith("templates/")]


def shown_testids(page):
    return {el.attrs["data-testid"] for el in page.root.find_all(data_testid=True)}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_test_id_a_page_shows_is_documented(weilidai, pages, scenario):
    weilidai.scenario(scenario)
    weilidai.client.post("/api/knobs", json={"layout_shift": True})
    shown = set()
    for path in pages + ["/nowhere", "/loading?next=/weilidai"]:
        shown |= shown_testids(weilidai.get(path, follow=True))
    weilidai.client.post("/api/knobs", json={"failure_rate": 100})
    shown |= shown_testids(weilidai.get("/weilidai"))  # 系统繁忙
    patterns = documented_patterns()
    missing = sorted(testid for testid in shown
                     if not any(pattern.match(testid) for pattern in patterns))
    assert missing == []


def test_the_newcomer_example_is_the_e2e_test_that_runs_and_is_under_ten_lines():
    document = DOC.read_text(encoding="utf-8")
    marker = "<!-- example: e2e/test_newcomer_example.py -->\n```python\n"
    assert marker in document
    example = document.split(marker, 1)[1].split("```", 1)[0]
    assert example == (ROOT / "e2e" / "test_newcomer_example.py").read_text(encoding="utf-8")
    assert len([line for line in example.splitlines() if line.strip()]) < 10


def page_object_screen_ids():
    """The screen id of every page object class in e2e/pages/."""
    ids = set()
    for module in pkgutil.iter_modules([str(ROOT / "e2e" / "pages")]):
        for value in vars(importlib.import_module(f"e2e.pages.{module.name}")).values():
            if isinstance(value, type) and isinstance(getattr(value, "screen_id", None), str):
                ids.add(value.screen_id)
    return ids


def test_every_screen_has_a_page_object():
    objects = page_object_screen_ids()
    missing = []
    for screen_id, template, _ in testing_doc.screens(testing_doc.Templates()):
        pattern = re.compile("".join(r"[^\s]+" if part.startswith("{") else re.escape(part)
                                     for part in re.split(r"(\{[^}]*\})", screen_id)) + "$")
        if screen_id not in objects and not any(pattern.match(found) for found in objects):
            missing.append(f"{screen_id} ({template})")
    assert missing == [], "add a class to e2e/pages/ with this screen_id"


def test_the_examples_to_copy_out_are_whole_files_that_e2e_runs():
    """Each ``outside/`` example is a complete module (what it uses, it imports), and
    e2e/test_examples.py runs it from an empty folder."""
    import ast
    import builtins

    document = DOC.read_text(encoding="utf-8")
    names = re.findall(r"<!-- example: outside/(\S+) -->\n```python\n", document)
    assert sorted(names) == ["conftest.py", "test_closing.py", "test_selenium.py"]
    runner = (ROOT / "e2e" / "test_examples.py").read_text(encoding="utf-8")
    for name in names:
        assert f'"{name}"' in runner
        code = document.split(f"<!-- example: outside/{name} -->\n```python\n", 1)[1].split(
            "```", 1)[0]
        tree = ast.parse(code)
        bound = set(dir(builtins)) | {
            node.id for node in ast.walk(tree) if isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Store)} | {
            (alias.asname or alias.name).split(".")[0] for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names} | {
            node.name for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))} | {
            arg.arg for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            for arg in node.args.args}
        used = {node.id for node in ast.walk(tree)
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
        assert used <= bound, (name, used - bound)
