"""The redesigned layout (``WEILIDAI_LAYOUT=redesign``, or ``?layout=redesign`` for a session):
the same pages, the same look, another DOM, for a test engineer to see whether a suite finds
things the documented way (roles, accessible names, test ids: docs/testing.md) or leans on
the page's structure.

A page drawn by the templates is rewritten before it is sent, and its stylesheets with it:

- every CSS class is renamed (``cell`` becomes ``c5e1f0a``), in the page and in the CSS;
- every id is renamed (``main`` becomes ``i0b7c2d9``), and what points at one follows it:
  ``for``, the ``aria-*`` references, ``href="#..."``;
- a container gets one wrapper more around its children (a ``div`` drawn as
  ``display: contents``, so it lays nothing out): every XPath position below it moves;
- in a flex or grid row whose children are only partly worth reading, the empty ones (an
  arrow, a spacer) move first in the DOM and an ``order`` puts them back where they are seen.

Nothing of what a user perceives changes: the words and their order, the roles, the names
and the ``data-testid`` of every element stay as they are, and so does every pixel (the
browser tests compare the two layouts' screenshots and accessibility trees). A few classes
the scripts set or read keep their names (``KEPT_CLASSES``), and so do ids a script or
another page names (``KEPT_IDS``).

Plain Python: what the CSS says (which classes are rows, which are parents in a ``>``
selector) is read from the stylesheets themselves (``Styles``)."""

import hashlib
import re
from html.parser import HTMLParser

CLASSIC, REDESIGN = "classic", "redesign"
LAYOUTS = (CLASSIC, REDESIGN)

# Set or read by static/js (a state the scripts toggle): kept, or the scripts would miss it.
KEPT_CLASSES = frozenset({"is-hidden", "is-tour-target", "is-presenting", "is-autoplay-tap",
                          "tap-ripple"})
KEPT_IDS = frozenset()

# Containers that may take a wrapper inside: never a list, a table, a button or a label, whose
# children's roles depend on their parent; never a fieldset (its legend comes first).
WRAPPED_TAGS = frozenset({"div", "section", "main", "form", "header", "footer", "nav",
                          "article", "aside"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "param", "source", "track", "wbr"})
# Attributes that name one id, or several separated by spaces.
ID_REFERENCES = frozenset({"for", "list", "form", "aria-activedescendant", "popovertarget"})
ID_LISTS = frozenset({"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
                      "aria-details", "aria-errormessage", "aria-flowto", "headers"})
ORDERS = 12  # the most children a row reordered may have


def _digest(kind, name):
    return hashlib.sha256(f"weilidai-redesign/{kind}/{name}".encode()).hexdigest()


def class_name(name):
    """The redesigned name of the class ``name``: a letter and six hex digits."""
    return name if name in KEPT_CLASSES else "c" + _digest("class", name)[:6]


def id_name(name):
    """The redesigned name of the id ``name``."""
    return name if name in KEPT_IDS else "i" + _digest("id", name)[:7]


WRAPPER = class_name(" wrapper")  # a space: no class of ours is called so
ORDER = [class_name(f" order {n}") for n in range(ORDERS)]


# -- the stylesheets ---------------------------------------------------------------------------

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ORDER = re.compile(r"(?:^|[;{\s])order\s*:")
_DISPLAY_ROW = re.compile(r"(?:^|[;{\s])display\s*:\s*(?:inline-)?(?:flex|grid)\b")


def _rename_selector(selector):
    """``selector`` with its classes and ids renamed, its quoted strings left alone."""
    out, last = [], 0
    for string in _STRING.finditer(selector):
        out.append(_rename_bare(selector[last:string.start()]))
        out.append(string.group())
        last = string.end()
    out.append(_rename_bare(selector[last:]))
    return "".join(out)


def _rename_bare(text):
    text = _CLASS.sub(lambda m: "." + class_name(m.group(1)), text)
    return _ID.sub(lambda m: "#" + id_name(m.group(1)), text)


def _rules(css):
    """Each ``(prelude, block)`` of ``css`` (comments removed), nested at-rules opened: the
    prelude of a rule is its selector list; ``block`` the text up to its closing brace."""
    css = _COMMENT.sub("", css)
    stack, start = [], 0
    for index, char in enumerate(css):
        if char == "{":
            stack.append((css[start:index].strip(), index + 1))
            start = index + 1
        elif char == "}":
            if stack:
                prelude, opened = stack.pop()
                yield prelude, css[opened:index]
            start = index + 1
        elif char == ";" and not stack:
            start = index + 1


def restyle(css):
    """``css`` for the redesigned pages: every class and id in its selectors renamed, then the
    wrapper's ``display: contents`` and the order classes."""
    out, start = [], 0
    css = _COMMENT.sub("", css)
    for index, char in enumerate(css):
        if char in "{};":
            segment = css[start:index]
            if char == "{" and not segment.lstrip().startswith("@"):
                segment = _rename_selector(segment)
            out.append(segment + char)
            start = index + 1
    out.append(css[start:])
    # A row's children have an order from 1 up: its ::before and ::after (order 0 before)
    # keep their places around them.
    extra = [f".{WRAPPER}{{display:contents}}*::before{{order:-1}}*::after{{order:{ORDERS + 1}}}"]
    extra += [f".{name}{{order:{n + 1}}}" for n, name in enumerate(ORDER)]
    return "".join(out) + "\n" + "".join(extra) + "\n"


def _last_compound(selector):
    return re.split(r"[\s>+~]+", selector.strip())[-1]


class Styles:
    """What the stylesheets say about the classes, as the rewriting of a page needs it:
    ``rows``, the classes that make an element a flex or grid container (its children's
    ``order`` is seen); ``parents``, the classes that a ``>`` selector names as a parent
    (a wrapper inside such an element would part it from its children); ``ordered``, the
    classes that set an element's ``order`` (its row is left as it is)."""

    def __init__(self, sheets):
        self.rows, self.parents, self.ordered = set(), set(), set()
        for css in sheets:
            for prelude, block in _rules(css):
                if prelude.startswith("@"):
                    continue
                for selector in prelude.split(","):
                    for parent in selector.split(">")[:-1]:
                        self.parents.update(_CLASS.findall(_last_compound(parent)))
                    last = _CLASS.findall(_last_compound(selector))
                    if _DISPLAY_ROW.search("{" + block):
                        self.rows.update(last)
                    if _ORDER.search("{" + block):
                        self.ordered.update(last)


# -- the pages -----------------------------------------------------------------------------------

_ATTRIBUTE = re.compile(r"""(\s)([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _rename_attributes(raw):
    """The start tag ``raw`` as written, with its class, id and references renamed."""
    def rename(match):
        space, name, equals, value = match.groups()
        if value is None:
            return match.group()
        lower = name.lower()
        quote = value[0] if value[0] in "\"'" else ""
        inner = value[1:-1] if quote else value
        if lower == "class":
            inner = " ".join(class_name(part) for part in inner.split())
        elif lower == "id" or lower in ID_REFERENCES:
            inner = id_name(inner) if inner else inner
        elif lower in ID_LISTS:
            inner = " ".join(id_name(part) for part in inner.split())
        elif lower in ("href", "xlink:href") and inner.startswith("#") and len(inner) > 1:
            inner = "#" + id_name(inner[1:])
        else:
            return match.group()
        quote = quote or '"'
        return f"{space}{name}{equals}{quote}{inner}{quote}"

    head = re.match(r"<[^\s/>]+", raw)
    return head.group() + _ATTRIBUTE.sub(rename, raw[head.end():])


def _with_class(raw, extra):
    """The renamed start tag ``raw`` with the (already renamed) class ``extra`` added."""
    match = re.search(r"""(\sclass\s*=\s*)("([^"]*)"|'([^']*)')""", raw, re.I)
    if match:
        value = (match.group(3) if match.group(3) is not None else match.group(4)).strip()
        joined = f"{value} {extra}" if value else extra
        return raw[:match.start(2)] + f'"{joined}"' + raw[match.end(2):]
    close = raw.rfind("/>") if raw.endswith("/>") else len(raw) - 1
    return f'{raw[:close].rstrip()} class="{extra}"{raw[close:]}'


_TAG = re.compile(r"<[^>]*>")
_WORTH_READING = re.compile(
    r"<(?:a|button|input|select|textarea|img|label|details|summary|iframe|video|audio)\b"
    r"|\s(?:aria-label|alt|title|role|tabindex)\s*=", re.I)


def worth_reading(chunk):
    """Whether the HTML ``chunk`` says or offers anything: words, a control, a name, a role;
    an icon's ``svg`` hidden from assistive technology does not."""
    if _TAG.sub("", chunk).strip() or _WORTH_READING.search(chunk):
        return True
    return bool(re.search(r"<svg\b(?![^>]*aria-hidden=\"true\")", chunk))


def _with_class_first(html, extra):
    """``html`` with the class ``extra`` added to its first start tag."""
    end = html.index(">") + 1
    return _with_class(html[:end], extra) + html[end:]


class _Frame:
    """An open element: whether it got a wrapper; a row (flex or grid) gathers its children
    to write them when it closes; a row's child, its classes (``child``)."""

    def __init__(self, tag, wrapped=False, row=False, child=None):
        self.tag, self.wrapped, self.row, self.child = tag, wrapped, row, child
        # A row's: (html, the classes of an element; None for what lies between them).
        self.children = []
        self.loose = False  # a row with words of its own between its children: kept in order


class _Rewriter(HTMLParser):
    def __init__(self, styles, stylesheet):
        super().__init__(convert_charrefs=False)
        self.styles, self.stylesheet = styles, stylesheet
        self.stack = [_Frame("#document")]
        self.buffers = [[]]  # the page's, then one per row's child being written

    def write(self, text):
        self.buffers[-1].append(text)

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, self.get_starttag_text(), closed=tag in VOID_TAGS)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, self.get_starttag_text(), closed=True)

    def _start(self, tag, attrs, raw, closed):
        parent = self.stack[-1]
        raw = _rename_attributes(raw)
        if tag == "link" and "stylesheet" in (dict(attrs).get("rel") or "").split():
            raw = re.sub(r"""(\shref\s*=\s*)(["'])(.*?)\2""",
                         lambda m: f"{m.group(1)}{m.group(2)}{self.stylesheet(m.group(3))}"
                                   f"{m.group(2)}", raw)
        classes = set((dict(attrs).get("class") or "").split())
        child = parent.row
        if child:
            self.buffers.append([])  # a child of a row: gathered apart
        self.write(raw)
        if closed:
            if child:
                self._gathered(parent, classes)
            return
        beside = bool(classes & self.styles.parents)
        row = bool(classes & self.styles.rows) and not beside
        wrapped = tag in WRAPPED_TAGS and not row and not beside
        if wrapped:
            self.write(f'<div class="{WRAPPER}">')
        self.stack.append(_Frame(tag, wrapped, row, classes if child else None))

    def _gathered(self, row, classes):
        row.children.append(("".join(self.buffers.pop()), classes))

    def handle_endtag(self, tag):
        # Our pages are well formed: an end tag closes the innermost open element of its name.
        if not any(frame.tag == tag for frame in self.stack[1:]):
            self.write(f"</{tag}>")
            return
        while True:
            frame = self.stack.pop()
            if frame.row:
                self.write(self._row(frame))
            if frame.wrapped:
                self.write("</div>")
            self.write(f"</{frame.tag}>")
            if frame.child is not None:
                self._gathered(self.stack[-1], frame.child)
            if frame.tag == tag:
                return

    def _row(self, frame):
        """A row's children: the empty ones first, the others after them in their order, each
        with the order that draws it where it was, when the row has both, no words of its own
        and no child whose place the stylesheets set; as they came otherwise. The spaces
        between them stay where they were."""
        elements = [(html, classes) for html, classes in frame.children if classes is not None]
        empty = [html for html, _ in elements if not worth_reading(html)]
        if (empty and len(empty) < len(elements) <= ORDERS and not frame.loose
                and not any(classes & self.styles.ordered for _, classes in elements)):
            ordered = [_with_class_first(html, ORDER[n]) for n, (html, _) in enumerate(elements)]
            moved = iter([html for html in ordered if not worth_reading(html)][::-1]
                         + [html for html in ordered if worth_reading(html)])
            return "".join(next(moved) if classes is not None else html
                           for html, classes in frame.children)
        return "".join(html for html, _ in frame.children)

    def handle_data(self, data):
        frame = self.stack[-1]
        if frame.row:
            frame.loose = frame.loose or bool(data.strip())
            frame.children.append((data, None))
        else:
            self.write(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_comment(self, data):
        self._other(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._other(f"<!{decl}>")

    def handle_pi(self, data):
        self._other(f"<?{data}>")

    def unknown_decl(self, data):
        self._other(f"<![{data}]>")

    def _other(self, text):
        frame = self.stack[-1]
        if frame.row:
            frame.children.append((text, None))
        else:
            self.write(text)

    def result(self):
        self.close()
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1].tag)
        return "".join(self.buffers[0])


def rewrite(html, styles, stylesheet=lambda href: href):
    """The page ``html`` in the redesigned layout (``styles``: what its stylesheets say;
    ``stylesheet``, the address of a linked stylesheet's redesigned copy)."""
    rewriter = _Rewriter(styles, stylesheet)
    rewriter.feed(html)
    return rewriter.result()
