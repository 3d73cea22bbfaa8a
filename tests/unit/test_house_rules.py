"""The house's rules that the source itself can be held to (STYLE.md): no import circle in
webapp/, templates that ask the domain instead of comparing a status, constants named once,
no state changed while a page is drawn, and test helpers in helper modules. Read from the
source with ``ast`` and regular expressions; nothing is imported or drawn."""

import ast
import re
from pathlib import Path

import pytest

from webapp.domain import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
WEBAPP = ROOT / "webapp"
TEMPLATES = ROOT / "templates"


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in WEBAPP.rglob("*.py")}


def imports_of(name, path):
    """The webapp modules ``name`` imports, anywhere in it (a function's own import too: a
    circle hidden in a function is still a circle)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return {imported for imported in found if imported in MODULES and imported != name}


def cycles(graph):
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for neighbour in graph.get(node, ()):
            if neighbour not in index:
                visit(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in on_stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_there_is_no_import_circle_in_webapp():
    """A package's own ``__init__`` may assemble what is below it (create_app registers every
    blueprint; the store package's factory picks a backend), and is not counted; every other
    module imports others one way only."""
    graph = {}
    for name, path in MODULES.items():
        below = name + "." if path.name == "__init__.py" else None
        graph[name] = {imported for imported in imports_of(name, path)
                       if imported != "webapp" and not (below and imported.startswith(below))}
    assert cycles(graph) == []


def test_the_circle_check_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.md"))


def template_id(path):
    return str(path.relative_to(TEMPLATES))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=template_id)
def test_a_template_asks_the_domain_instead_of_comparing_a_status(path):
    """``account.is_closed``, not ``account.status == "closed"``: the business question is
    the domain's (webapp/domain/account.py), so a new status is one change there."""
    compared = re.findall(r"\.status\s*(?:==|!=|\bin\b|\bnot in\b)", path.read_text("utf-8"))
    assert compared == []


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=template_id)
def test_a_template_says_the_demo_password_by_its_name(path):
    assert DEMO_PASSWORD not in path.read_text(encoding="utf-8")


def test_no_state_changes_while_a_page_is_drawn():
    """No handler of Flask's render signals: a page tells nothing, it only draws."""
    sources = "\n".join(path.read_text(encoding="utf-8") for path in MODULES.values())
    assert re.findall(r"(before_render_template|template_rendered)\.connect", sources) == []


def test_tests_import_helpers_from_helper_modules_not_from_other_tests():
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "e2e").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and re.search(
                    r"(^|\.)test_\w+$", node.module):
                found.append(f"{path.relative_to(ROOT)} imports {node.module}")
    assert found == []
