"""The parts of docs/testing.md that are read from the code: the data-testid values of every
screen (from the templates), the scenarios (from webapp/scenarios.py) and the JSON API's
error codes (from webapp/openapi.py); and docs/bug-hunt.md's catalogue of planted faults
(from webapp/faults.py).

    python scripts/testing_doc.py           rewrite those sections of the two documents
    python scripts/testing_doc.py --check   exit 1 (with a diff) when they are out of date

The test ids are read without rendering anything: Jinja parses each template, and a small
walker follows what a screen draws (its blocks up the {% extends %} chain, {% include %}s
and the macros it calls, with the arguments of each call), collecting every
``data-testid="..."`` and ``data_testid=...``. A part only known when the page is drawn shows
as a placeholder: ``loan-{loan.id}``. Every branch of an ``{% if %}`` counts, so a screen
lists the test ids of all its states; a branch whose condition is known to be false for a
call (``{% if value is not none %}`` when no value is given) does not, nor one that only a
planted fault draws (``{% if fault("ui-1") %}``: off, as the app is published).
"""

import argparse
import ast
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, nodes

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
VIEWS = ROOT / "webapp" / "views"
DOC = ROOT / "docs" / "testing.md"
BUG_HUNT = ROOT / "docs" / "bug-hunt.md"
COMMAND = "python scripts/testing_doc.py"
BASE = "layouts/phone.html"
# The trainer's class pages, for a laptop or a projector: screens too, on a layout of their own.
DESKTOP = "layouts/desktop.html"
STAGE = ("layouts/stage.html", "panel/_panel.html")
# Partials that the layout draws on every screen (the practice bar): their test ids are listed
# once, in a section of their own, not under each screen.
SHARED = {"practice/_bar.html": "While a practice runs"}
TESTID_ATTR = re.compile(r'data-testid="([^"{}]*(?:\{[^}]*\}[^"{}]*)*)"')


@dataclass(frozen=True)
class Known:
    """A value the template fixes (a string, a number, None, a list)."""

    value: object


@dataclass(frozen=True)
class Unknown:
    """A value only known when the page is drawn; ``text`` is how it shows: ``loan.id``."""

    text: str


@dataclass(frozen=True)
class Pattern:
    """Known and unknown parts joined, as it shows: ``loan-{loan.id}``."""

    text: str


def text_of(value):
    if isinstance(value, Known):
        return "" if value.value is None else str(value.value)
    if isinstance(value, Pattern):
        return value.text
    return "{" + value.text + "}"


class Templates:
    def __init__(self, folder=TEMPLATES):
        self.env = Environment(loader=FileSystemLoader(str(folder)),
                               extensions=["jinja2.ext.i18n", "jinja2.ext.do",
                                           "jinja2.ext.loopcontrols"])
        self.names = sorted(path.relative_to(folder).as_posix()
                            for path in folder.rglob("*.html"))
        self.trees = {name: self.env.parse(self.env.loader.get_source(self.env, name)[0])
                      for name in self.names}

    def macros(self, name):
        return {macro.name: macro for macro in self.trees[name].find_all(nodes.Macro)}

    def imports(self, name):
        """What a template imports: alias -> (template, macro name or None for a module)."""
        found = {}
        for node in self.trees[name].find_all((nodes.FromImport, nodes.Import)):
            source = node.template.value if isinstance(node.template, nodes.Const) else None
            if source is None:
                continue
            if isinstance(node, nodes.Import):
                found[node.target] = (source, None)
            else:
                for item in node.names:
                    macro, alias = item if isinstance(item, tuple) else (item, item)
                    found[alias] = (source, macro)
        return found

    def parent(self, name):
        extends = next(iter(self.trees[name].find_all(nodes.Extends)), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return None
        return extends.template.value

    def blocks(self, name):
        return {block.name: block for block in self.trees[name].find_all(nodes.Block)}


class Collector:
    """Walks template nodes, collecting test id patterns in the order they appear."""

    MAX_DEPTH = 20

    def __init__(self, templates):
        self.templates = templates
        self.found = []

    def add(self, pattern):
        if pattern and pattern not in self.found:
            self.found.append(pattern)

    # -- values --------------------------------------------------------------------------

    def value(self, node, scope):
        if isinstance(node, nodes.Const):
            return Known(node.value)
        if (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)
                and node.node.name == "fault"):
            return Known(False)  # a planted fault (webapp/faults.py) publishes nothing
        if isinstance(node, nodes.Name):
            return scope.get(node.name, Unknown(node.name))
        if isinstance(node, (nodes.List, nodes.Tuple)):
            # A literal list is known, whatever its items: a loop over it binds each in turn.
            return Known([item.value if isinstance(item, Known) else item
                          for item in (self.value(item, scope) for item in node.items)])
        if isinstance(node, (nodes.Concat, nodes.Add)):
            parts = node.nodes if isinstance(node, nodes.Concat) else [node.left, node.right]
            values = [self.value(part, scope) for part in parts]
            joined = "".join(text_of(value) for value in values)
            if all(isinstance(value, Known) for value in values):
                return Known(joined)
            return Pattern(joined)
        if isinstance(node, nodes.Not):
            inner = self.value(node.node, scope)
            return Known(not inner.value) if isinstance(inner, Known) else Unknown("...")
        if isinstance(node, nodes.Test) and node.name in ("none", "defined"):
            inner = self.value(node.node, scope)
            if isinstance(inner, Known):
                return Known(inner.value is None if node.name == "none" else True)
            return Unknown("...")
        if isinstance(node, (nodes.And, nodes.Or)):
            left, right = self.value(node.left, scope), self.value(node.right, scope)
            is_and = isinstance(node, nodes.And)
            if isinstance(left, Known) and bool(left.value) != is_and:
                return Known(left.value)
            if isinstance(left, Known) and isinstance(right, Known):
                return Known(right.value)
            if isinstance(right, Known) and bool(right.value) != is_and:
                return Known(right.value)
            return Unknown("...")
        if isinstance(node, nodes.CondExpr):
            test = self.value(node.test, scope)
            if isinstance(test, Known):
                branch = node.expr1 if test.value else node.expr2
                return self.value(branch, scope) if branch is not None else Known(None)
            return Unknown("...")
        if isinstance(node, nodes.Getattr):
            inner = self.value(node.node, scope)
            base = inner.text if isinstance(inner, Unknown) else "..."
            return Unknown(f"{base}.{node.attr}")
        if isinstance(node, nodes.Filter) and node.node is not None:
            inner = self.value(node.node, scope)
            return Unknown(inner.text if isinstance(inner, Unknown) else text_of(inner))
        return Unknown("...")

    # -- walking -------------------------------------------------------------------------

    def walk(self, node, template, scope, depth=0):
        if depth > self.MAX_DEPTH:
            return
        if isinstance(node, nodes.Output):
            self.output(node, template, scope, depth)
            return
        if isinstance(node, nodes.Macro):
            return  # drawn where it is called
        if isinstance(node, nodes.If):
            test = self.value(node.test, scope)
            if not isinstance(test, Known) or test.value:
                self.walk_all(node.body, template, scope, depth)
            if not isinstance(test, Known) or not test.value:
                for branch in node.elif_:
                    self.walk(branch, template, scope, depth)
                self.walk_all(node.else_, template, scope, depth)
            return
        if isinstance(node, nodes.For):
            iterated = self.value(node.iter, scope)
            known = isinstance(iterated, Known) and isinstance(iterated.value, (list, tuple))
            rows = iterated.value if known else [None]
            for row in rows:
                self.walk_all(node.body, template, {**scope, **self.bind(node.target, row)},
                              depth)
            self.walk_all(node.else_, template, scope, depth)
            return
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            value = self.value(node.node, scope)
            unnamed = isinstance(value, Unknown) and value.text == "..."
            scope[node.target.name] = Unknown(node.target.name) if unnamed else value
            return
        if isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
            included = node.template.value
            if included in SHARED:
                return
            self.walk_all(self.templates.trees[included].body, included, dict(scope), depth + 1)
            return
        if isinstance(node, nodes.CallBlock):
            self.call(node.call, template, scope, depth)
            self.walk_all(node.body, template, scope, depth)
            return
        if isinstance(node, nodes.Call):
            self.call(node, template, scope, depth)
            return
        for child in node.iter_child_nodes():
            self.walk(child, template, scope, depth)

    def walk_all(self, body, template, scope, depth):
        for node in body:
            self.walk(node, template, scope, depth)

    @staticmethod
    def bind(target, row):
        def known(value, name):
            if value is None:
                return Unknown(name)
            return value if isinstance(value, (Unknown, Pattern)) else Known(value)

        if isinstance(target, nodes.Name):
            return {target.name: known(row, target.name)}
        names = [item.name for item in target.items if isinstance(item, nodes.Name)]
        if not isinstance(row, (list, tuple)):
            return {name: Unknown(name) for name in names}
        return {name: known(value, name) for name, value in zip(names, row)}

    def output(self, node, template, scope, depth):
        """The HTML and values of one output run: its data-testid attributes, its calls."""
        text = []
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                text.append(child.data)
            else:
                text.append(text_of(self.value(child, scope)))
                self.walk(child, template, scope, depth)
        for match in TESTID_ATTR.finditer("".join(text)):
            self.add(match.group(1))

    def call(self, node, template, scope, depth):
        for keyword in node.kwargs:
            if keyword.key == "data_testid":
                self.add(text_of(self.value(keyword.value, scope)))
        for child in [*node.args, *(k.value for k in node.kwargs)]:
            self.walk(child, template, scope, depth)
        if isinstance(node.node, nodes.Name) and node.node.name in scope:
            return  # a variable called (a form field drawing itself), not a macro
        target = self.macro(node.node, template)
        if target is None or target[1] is None:
            return
        source, macro = target
        names = [arg.name for arg in macro.args]
        defaults = dict(zip(names[len(names) - len(macro.defaults):], macro.defaults))
        bound = {name: self.value(default, {}) for name, default in defaults.items()}
        bound.update({name: Known(None) for name in names if name not in defaults})
        for name, arg in zip(names, node.args):
            bound[name] = self.value(arg, scope)
        for keyword in node.kwargs:
            if keyword.key in names:
                bound[keyword.key] = self.value(keyword.value, scope)
        bound["caller"] = Unknown("caller")
        self.walk_all(macro.body, source, bound, depth + 1)

    def macro(self, callee, template):
        """(template, Macro node) that a call refers to, or None (a filter, a global, ...)."""
        imports = self.templates.imports(template)
        if isinstance(callee, nodes.Name):
            if callee.name in imports and imports[callee.name][1]:
                source, name = imports[callee.name]
                return source, self.templates.macros(source).get(name)
            local = self.templates.macros(template).get(callee.name)
            if local:
                return template, local
            if callee.name in GLOBAL_MACROS:
                source, name = GLOBAL_MACROS[callee.name]
                return source, self.templates.macros(source).get(name)
            return None
        if isinstance(callee, nodes.Getattr) and isinstance(callee.node, nodes.Name):
            source, name = imports.get(callee.node.name, (None, "not a module"))
            if source and name is None and callee.attr in self.templates.macros(source):
                return source, self.templates.macros(source)[callee.attr]
        return None


# Template globals that draw a macro of a template: a call of one is followed as a call of
# its macro (none at the moment: components import the macros they draw).
GLOBAL_MACROS = {}


def shown_screens(folder=VIEWS):
    """{template: [screen ids]} from the views' ``show(screen, template, ...)`` calls: a view
    names its screen (webapp/views/journeys.py). An f-string's parts show as ``{code}``."""
    def text(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(part.value if isinstance(part, ast.Constant)
                           else "{" + ast.unparse(part.value) + "}" for part in node.values)
        return None

    found = {}
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show"
                    and len(node.args) >= 2):
                screen, template = text(node.args[0]), text(node.args[1])
                if screen is not None and template is not None:
                    found.setdefault(template, [])
                    if screen not in found[template]:
                        found[template].append(screen)
    return found


def chain(templates, name):
    names = [name]
    while (parent := templates.parent(names[-1])) is not None:
        names.append(parent)
    return names


def screens(templates, bases=(BASE, DESKTOP)):
    """(screen id, template, test ids) of every template that draws a screen of its own on one
    of ``bases``: one a view shows by its screen's name, or one that names it in its
    ``screen_id`` block."""
    found = []
    named = shown_screens()
    for name in templates.names:
        lineage = chain(templates, name)
        base = lineage[-1]
        if name == base or base not in bases:
            continue
        blocks = [templates.blocks(ancestor) for ancestor in lineage]
        if name not in named and "screen_id" not in blocks[0] and not any(
                "screen_id" in own for own in blocks[1:-1]):
            continue
        collector = Collector(templates)
        screen_id = Collector(templates)
        for block_name in templates.blocks(base):
            for level, ancestor in enumerate(lineage[:-1]):
                block = blocks[level].get(block_name)
                if block is None:
                    continue
                target = screen_id if block_name == "screen_id" else collector
                if block_name == "screen_id":
                    parts = [child.data if isinstance(child, nodes.TemplateData)
                             else text_of(target.value(child, {}))
                             for output in block.find_all(nodes.Output) for child in output.nodes]
                    screen_id.add("".join(parts).strip())
                    break
                collector.walk_all(block.body, ancestor, {}, 0)
                uses_super = any(isinstance(call.node, nodes.Name) and call.node.name == "super"
                                 for call in block.find_all(nodes.Call))
                if not uses_super:
                    break
        for screen in named.get(name) or [screen_id.found[0] if screen_id.found else "?"]:
            found.append((screen, name, collector.found))
    return sorted(found)


def every_screen(templates, base=BASE):
    collector = Collector(templates)
    collector.walk_all(templates.trees[base].body, base, {}, 0)
    return ["screen-{screen id}"] + collector.found


def the_stage(templates):
    """The test ids of the trainer's stage: its frame and its panel."""
    collector = Collector(templates)
    for name in STAGE:
        collector.walk_all(templates.trees[name].body, name, {}, 0)
    return collector.found


def testid_section(templates=None):
    templates = templates or Templates()
    lines = [f"#### On every screen (`templates/{BASE}`)", "",
             ", ".join(f"`{testid}`" for testid in every_screen(templates)), ""]
    for shared, heading in SHARED.items():
        collector = Collector(templates)
        collector.walk_all(templates.trees[shared].body, shared, {}, 0)
        lines += [f"#### {heading} (`templates/{shared}`)", "",
                  ", ".join(f"`{testid}`" for testid in collector.found), ""]
    lines += ["#### The trainer's stage, `/stage` (`templates/layouts/stage.html`, "
              "`templates/panel/`): not on any screen of the phone", "",
              ", ".join(f"`{testid}`" for testid in the_stage(templates)), ""]
    lines += [f"#### On every page of the trainer's for a laptop or a projector, a class's "
              f"(`templates/{DESKTOP}`): not on any screen of the phone", "",
              ", ".join(f"`{testid}`" for testid in every_screen(templates, DESKTOP)), ""]
    for screen_id, name, testids in screens(templates):
        lines += [f"#### `{screen_id}` (`templates/{name}`)", ""]
        lines += [", ".join(f"`{testid}`" for testid in testids) or "(none of its own)", ""]
    return "\n".join(lines)


def scenario_section():
    sys.path.insert(0, str(ROOT))
    from webapp.scenarios import SCENARIOS

    lines = ["| id | title | what it teaches | start page |", "|---|---|---|---|"]
    lines += [f"| `{s.id}` | {s.title} | {s.teaches} | `/scenarios/{s.id}` |"
              for s in SCENARIOS.values()]
    return "\n".join(lines) + "\n"


def error_section():
    """The API's error codes, as /api/openapi.json lists them per endpoint."""
    sys.path.insert(0, str(ROOT))
    from webapp.api_errors import status_of
    from webapp.openapi import DOCUMENT, MEANINGS

    operations = {(method.upper(), path): operation
                  for path, methods in DOCUMENT["paths"].items()
                  for method, operation in methods.items()}
    where = {}
    for (method, path), operation in operations.items():
        for status, response in operation["responses"].items():
            if status[0] in "45":
                for code in response["content"]["application/json"]["schema"]["allOf"][1][
                        "properties"]["error"]["enum"]:
                    where.setdefault(code, []).append((method, path))
    posts = [operation for operation in operations if operation[0] == "POST"]

    def endpoints(code):
        if code not in where:
            return "any other path under `/api/`"
        if len(where[code]) == len(operations):
            return "every endpoint"
        if where[code] == posts:
            return "every POST"
        return ", ".join(f"`{method} {path}`" for method, path in where[code])

    codes = sorted(MEANINGS, key=lambda code: (status_of(code), code))
    lines = ["| status | `error` | where | what it means |", "|---|---|---|---|"]
    lines += [f"| {status_of(code)} | `{code}` | {endpoints(code)} | {MEANINGS[code]} |"
              for code in codes]
    return "\n".join(lines) + "\n"


def fault_section():
    """The planted faults: id, area, what they break and where to look; never what they are."""
    sys.path.insert(0, str(ROOT))
    from webapp.faults import FAULTS
    from webapp.grade_report import english

    lines = ["| id | area | breaks | where to look |", "|---|---|---|---|"]
    lines += [f"| `{f.id}` | {f.area} | {english(f.breaks)} | {english(f.hint)} |"
              for f in FAULTS.values()]
    return "\n".join(lines) + "\n"


SECTIONS = {"testids": testid_section, "scenarios": scenario_section, "errors": error_section}
DOCUMENTS = {DOC: SECTIONS, BUG_HUNT: {"faults": fault_section}}


def markers(name):
    return (f"<!-- {name}:start: generated by `{COMMAND}`; do not edit by hand -->",
            f"<!-- {name}:end -->")


def generated(document, sections=SECTIONS, path=DOC):
    """The document with every generated section made anew."""
    for name, make in sections.items():
        start, end = markers(name)
        if start not in document or end not in document:
            raise SystemExit(f"{path} has no {name} section: put the lines\n{start}\n{end}\n"
                             f"where it belongs, then run {COMMAND}")
        before, rest = document.split(start, 1)
        _, after = rest.split(end, 1)
        document = f"{before}{start}\n\n{make()}\n{end}{after}"
    return document


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a document is out of date; change nothing")
    args = parser.parse_args(argv)
    stale = 0
    for path, sections in DOCUMENTS.items():
        name = path.relative_to(ROOT).as_posix()
        current = path.read_text(encoding="utf-8")
        wanted = generated(current, sections, path)
        if current == wanted:
            print(f"{name} is up to date with the code")
        elif args.check:
            sys.stdout.writelines(difflib.unified_diff(
                current.splitlines(True), wanted.splitlines(True), name, f"{name} (from the code)"))
            print(f"\n{name} differs from the code: run {COMMAND}")
            stale = 1
        else:
            path.write_text(wanted, encoding="utf-8")
            print(f"{name}: its generated sections rewritten from the code")
    return stale


if __name__ == "__main__":
    sys.exit(main())
