"""The redesigned layout's rewriting (webapp/redesign.py), on its own: another DOM, the same
words, names and test ids. The browser tests (e2e/test_redesign.py) hold that it looks the
same, pixel for pixel."""

import re

import pytest

from webapp import redesign
from webapp.redesign import ORDER, WRAPPER, Styles, class_name, id_name, restyle, rewrite

CSS = """
/* a comment with .cell { and } */
.row{display:flex;gap:4px}
.grid{display:grid}
.bar > .item{color:red}
.moved{order:2}
.cell{background:url(img/a.png);margin:.5em;color:#fff}
a[href$=".pdf"]{color:blue}
@media (min-width:600px){.cell:hover,#main .x{padding:1px}}
"""
STYLES = Styles([CSS])


def words(html):
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def test_names_are_stable_short_and_not_the_old_ones():
    assert class_name("cell") == class_name("cell") != "cell"
    assert re.fullmatch(r"c[0-9a-f]{6}", class_name("cell"))
    assert re.fullmatch(r"i[0-9a-f]{7}", id_name("main"))
    assert class_name("cell") != class_name("cells")
    # A state the scripts set keeps its name.
    assert class_name("is-hidden") == "is-hidden"


def test_the_stylesheet_reads_its_rows_parents_and_orders():
    assert {"row", "grid"} <= STYLES.rows
    assert "cell" not in STYLES.rows
    assert STYLES.parents == {"bar"}
    assert STYLES.ordered == {"moved"}


def test_restyle_renames_selectors_only():
    css = restyle(CSS)
    assert f".{class_name('row')}{{display:flex;gap:4px}}" in css
    assert f".{class_name('bar')} > .{class_name('item')}" in css
    # Declarations are left alone: a file name, a length, a colour.
    assert "url(img/a.png);margin:.5em;color:#fff" in css
    # A quoted string in a selector too, and an at-rule's prelude.
    assert 'a[href$=".pdf"]' in css
    assert "@media (min-width:600px){" in css
    assert f".{class_name('cell')}:hover,#{id_name('main')} .{class_name('x')}" in css
    assert ".cell" not in css and "comment" not in css
    assert f".{WRAPPER}{{display:contents}}" in css
    assert f".{ORDER[0]}{{order:1}}" in css


def test_classes_ids_and_what_points_at_an_id_are_renamed_together():
    html = ('<a class="skip" href="#main">跳过</a><main id="main" class="page">'
            '<label for="amount">金额</label><input id="amount" aria-describedby="hint x">'
            '<p id="hint">提示</p><a href="/me#main">我</a></main>')
    out = rewrite(html, STYLES)
    assert f'href="#{id_name("main")}"' in out
    assert f'id="{id_name("main")}"' in out
    assert f'for="{id_name("amount")}"' in out and f'id="{id_name("amount")}"' in out
    assert f'aria-describedby="{id_name("hint")} {id_name("x")}"' in out
    assert 'href="/me#main"' in out  # another page's: left as it is
    assert f'class="{class_name("skip")}"' in out
    assert words(out) == words(html)


def test_a_container_gets_a_wrapper_a_list_does_not():
    html = '<div class="box" data-testid="box"><ul class="list"><li>一</li></ul></div>'
    out = rewrite(html, STYLES)
    assert out == (f'<div class="{class_name("box")}" data-testid="box"><div class="{WRAPPER}">'
                   f'<ul class="{class_name("list")}"><li>一</li></ul></div></div>')


def test_no_wrapper_parts_a_parent_from_its_children_in_a_child_selector():
    out = rewrite('<div class="bar"><span class="item">一</span></div>', STYLES)
    assert WRAPPER not in out


def test_a_row_moves_its_empty_children_first_and_orders_them_back():
    html = ('<div class="row" data-testid="r"><span class="label">账户</span>\n'
            '<span class="arrow" aria-hidden="true"></span></div>')
    out = rewrite(html, STYLES)
    arrow = f'<span class="{class_name("arrow")} {ORDER[1]}" aria-hidden="true"></span>'
    label = f'<span class="{class_name("label")} {ORDER[0]}">账户</span>'
    assert out == f'<div class="{class_name("row")}" data-testid="r">{arrow}\n{label}</div>'
    assert words(out) == words(html)


@pytest.mark.parametrize("html", [
    # Words of the row's own between its children: their order is read.
    '<div class="row"><span>一</span> 和 <span></span></div>',
    # Every child says something: nothing to move.
    '<div class="row"><span>一</span><span>二</span></div>',
    # A control is worth reaching, an icon with a name worth reading.
    '<div class="row"><span>一</span><button></button></div>',
    # A child whose place the stylesheets set.
    '<div class="row"><span>一</span><span class="moved"></span></div>',
])
def test_a_row_whose_order_matters_stays_as_it_is(html):
    out = rewrite(html, STYLES)
    assert [m for m in re.findall(r"<(\w+)", out)] == [m for m in re.findall(r"<(\w+)", html)]
    assert ORDER[0] not in out


def test_what_is_not_a_class_or_id_is_written_as_it_came():
    html = ('<!doctype html><!-- note --><svg viewBox="0 0 24 24" aria-hidden="true">'
            '<path d="M1 1"/></svg><p data-testid="t" title="a &amp; b">&lt;1&gt; &#165;5</p>'
            '<input type="checkbox" checked><br>'
            '<script src="/s.js" defer></script>')
    assert rewrite(html, STYLES) == html


def test_a_stylesheet_link_is_sent_to_its_redesigned_copy():
    html = '<link rel="stylesheet" href="/static/css/phone.css"><link rel="icon" href="/i.svg">'
    out = rewrite(html, STYLES, stylesheet=lambda href: "/redesign" + href)
    assert out == ('<link rel="stylesheet" href="/redesign/static/css/phone.css">'
                   '<link rel="icon" href="/i.svg">')


def test_nested_rows_and_unclosed_elements_are_finished():
    html = ('<div class="row"><div class="row"><i></i><b>粗</b></div><span></span>'
            '<section><p>未完')
    out = rewrite(html, STYLES)
    assert words(out) == "粗 未完"
    assert out.count("<div") == out.count("</div>")
    assert out.endswith("</p></div></section></div>")


def test_the_layouts():
    assert redesign.LAYOUTS == ("classic", "redesign")
