"""Chinese by default, English only on request (``?lang=en``, the panel's switch), never
from the browser's Accept-Language.

Chinese is the source language: every user-visible string is a Chinese msgid, wrapped in
``_()`` in the templates and in ``gettext``/``lazy_gettext`` (``_l``)/``N_`` in Python, and
webapp/translations/en/LC_MESSAGES/messages.po holds its English (``make`` compiles the .mo).
After adding or changing a string:

    .venv/bin/pybabel extract -F babel.cfg --add-location=file -w 100 -o /tmp/messages.pot .
    .venv/bin/pybabel update -i /tmp/messages.pot -d webapp/translations --no-fuzzy-matching \
        -w 100 --ignore-obsolete
    (translate the new entries in messages.po)
    make translations

These tests fail when a string escapes gettext, when the English catalogue misses or fuzzes a
message, and when an English page shows Chinese other than the product names 微信 and 微粒贷
(or a Chinese page shows leftover English).
"""

import ast
import os
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import render_template_string, session
from jinja2 import Environment, nodes

from tests.web.helpers import CJK, chinese_in, english_in, in_english, without_product_names
from webapp import i18n
from webapp.domain import errors as domain_errors
from webapp.messages import error_message
from webapp.scenarios import SCENARIOS
from webapp.tours import TOURS

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "webapp" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
PASSWORD = "123456"

# Each language named in itself, in the panel's switch (templates/panel/_language.html).
NATIVE_NAMES = {"中文"}
GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext", "lazy_gettext", "_l",
           "lazy_ngettext", "N_"}


# -- the catalogue ---------------------------------------------------------------------------

def source_catalogue():
    """Every msgid in the code and templates, as ``pybabel extract -F babel.cfg`` finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalogue = Catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map):
        catalogue.add(message, None, [(filename, lineno)], auto_comments=comments,
                      context=context)
    return catalogue


def english_catalogue():
    with open(CATALOGUE, "rb") as po:
        return read_po(po, locale="en")


def forms(string):
    return [string] if isinstance(string, str) else list(string or ())


def placeholders(text):
    return set(re.findall(r"%\((\w+)\)", text))


def named(message):
    return message.id if isinstance(message.id, str) else message.id[0]


def test_the_source_has_messages_and_they_are_chinese():
    source = [message for message in source_catalogue() if message.id]
    assert len(source) > 300
    # The source language is Chinese: a msgid in English would show untranslated in Chinese.
    assert [named(m) for m in source if not CJK.search(named(m))] == []


def test_every_message_is_translated_in_the_english_catalogue():
    english = english_catalogue()
    assert not english.fuzzy, "the catalogue's header is marked fuzzy: pybabel compile skips it"
    missing, untranslated = [], []
    for message in source_catalogue():
        if not message.id:
            continue
        found = english.get(message.id, context=message.context)
        if found is None:
            missing.append(named(message))
        elif found.fuzzy or not all(forms(found.string)) or not forms(found.string):
            untranslated.append(named(message))
    assert missing == [], "not in messages.po (pybabel update, then translate)"
    assert untranslated == [], "empty or fuzzy in messages.po"


def test_each_translation_keeps_the_placeholders_of_its_message():
    english = english_catalogue()
    assert [error for message, errors in english.check() for error in errors] == []
    wrong = []
    for message in english:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        for number, text in enumerate(forms(message.string)):
            # The singular of a plural may say "1" instead of %(num)s.
            expected = placeholders(ids[min(number, len(ids) - 1)])
            if placeholders(text) != expected and not (number == 0 and len(ids) > 1):
                wrong.append((named(message), text))
    assert wrong == []


def test_the_english_catalogue_has_no_chinese_but_the_product_names():
    chinese = [text for message in english_catalogue() if message.id
               for text in forms(message.string) if CJK.search(without_product_names(text))]
    assert chinese == []


def test_the_compiled_catalogue_is_not_older_than_the_po_file():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists() and compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime, \
        "run make translations (make run and make test do it)"


def catalogue_copy(folder):
    """The English catalogue's source alone in ``folder``, as a clone has it (no .mo)."""
    po = folder / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(CATALOGUE.read_bytes())
    return po


def english_of(folder, message="设置"):
    from babel.support import Translations

    return Translations.load(str(folder), ["en"]).ugettext(message)


def test_a_catalogue_never_compiled_is_compiled_when_the_app_starts(tmp_path):
    po = catalogue_copy(tmp_path)
    assert english_of(tmp_path) == "设置"
    assert i18n.catalogues(tmp_path) == tmp_path
    assert po.with_suffix(".mo").read_bytes() == i18n.compiled(po)
    assert english_of(tmp_path) == "Settings"


def test_a_catalogue_compiled_before_its_last_edit_is_compiled_again(tmp_path):
    po = catalogue_copy(tmp_path)
    i18n.catalogues(tmp_path)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Settings"',
                                                         'msgstr "Preferences"', 1),
                  encoding="utf-8")
    later = po.with_suffix(".mo").stat().st_mtime + 5
    os.utime(po, (later, later))
    i18n.catalogues(tmp_path)
    assert english_of(tmp_path) == "Preferences"


def test_a_catalogue_that_cannot_be_written_beside_its_source_is_compiled_elsewhere(
        tmp_path, monkeypatch):
    catalogue_copy(tmp_path)
    write = i18n._write

    def read_only(path, data):  # as an installed package's folder is (root writes anywhere)
        if path.is_relative_to(tmp_path):
            raise PermissionError(path)
        write(path, data)

    monkeypatch.setattr(i18n, "_write", read_only)
    found = i18n.catalogues(tmp_path)
    assert found != tmp_path and english_of(found) == "Settings"
    assert not list(tmp_path.rglob("*.mo"))


# -- nothing user-visible escapes gettext ----------------------------------------------------

def _gettext_arguments(tree, call_type, name_of):
    return {id(arg) for call in tree.find_all(call_type) if name_of(call) in GETTEXT
            for arg in call.args}


def test_every_chinese_string_in_the_templates_goes_through_gettext():
    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do", "jinja2.ext.loopcontrols"])
    bare = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))  # comments are gone
        wrapped = _gettext_arguments(
            tree, nodes.Call,
            lambda call: call.node.name if isinstance(call.node, nodes.Name) else None)
        for node in tree.find_all((nodes.TemplateData, nodes.Const)):
            text = node.data if isinstance(node, nodes.TemplateData) else node.value
            if (isinstance(text, str) and CJK.search(text) and id(node) not in wrapped
                    and text not in NATIVE_NAMES):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text.strip()[:40]}")
    assert bare == []


def _docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                yield body[0].value


# Python that shows no page: the JSON API's OpenAPI description is English for developers,
# naming screens by their Chinese words.
# The API's document, and the planted faults' descriptions: English for test engineers, naming
# the screens as the docs do (微粒贷管理), shown by the grader and never on a page.
NOT_UI = {"webapp/openapi.py", "webapp/faults.py"}
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def test_every_chinese_string_in_the_python_code_goes_through_gettext():
    """Words, that is: full-width digits and commas that parse what a person typed are not."""
    bare = []
    for path in sorted((ROOT / "webapp").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() in NOT_UI:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(arg) for call in ast.walk(tree) if isinstance(call, ast.Call)
                   and isinstance(call.func, ast.Name) and call.func.id in GETTEXT
                   for arg in call.args}
        allowed |= {id(doc) for doc in _docstrings(tree)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and IDEOGRAPH.search(node.value) and id(node) not in allowed):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]}")
    assert bare == []


# -- every screen in English, and in Chinese -------------------------------------------------

@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_screen_in_english_shows_no_chinese_but_the_product_names(
        weilidai, scenario, page_url):
    in_english(weilidai).scenario(scenario)
    page = weilidai.get(page_url, follow=True)
    assert page.status == 200
    assert chinese_in(page) == []


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_screen_in_chinese_shows_no_leftover_english(weilidai, scenario, page_url):
    weilidai.scenario(scenario)
    page = weilidai.get(page_url, follow=True)
    assert page.status == 200
    assert english_in(page) == []


def other_pages(weilidai, account):
    """The pages PAGES cannot name: the account's own result pages, every tour's start page,
    the error pages."""
    loans = [loan["id"] for loan in account["loans"]]
    repayments = [event["id"] for event in account["events"] if event["kind"] == "repaid"]
    paths = ([f"/weilidai/borrow/done/{i}" for i in loans]
             + [f"/weilidai/repay/done/{i}" for i in repayments]
             + [f"/tours/{tour_id}" for tour_id in TOURS] + ["/no/such/page"])
    pages = [weilidai.get(path) for path in paths]
    pages.append(weilidai.request("delete", "/weilidai/records"))  # 405
    pages.append(weilidai.request("post", "/panel/reset", data={}))  # 400, no CSRF token
    return pages


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_result_tour_and_error_pages_in_english_show_no_chinese(weilidai, scenario):
    account = in_english(weilidai).scenario(scenario)
    for page in other_pages(weilidai, account):
        assert page.status in (200, 400, 404, 405), page.path
        assert chinese_in(page) == [], page.path


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_result_tour_and_error_pages_in_chinese_show_no_leftover_english(weilidai, scenario):
    account = weilidai.scenario(scenario)
    for page in other_pages(weilidai, account):
        assert english_in(page) == [], page.path


def ringed(page):
    return [el for el in page.root.find_all()
            if "is-tour-target" in el.classes() and el.attrs.get("data-testid") != "panel-open"]


def take_the_step(weilidai, page):
    """What a trainee does on a tour's page: 知道了 on a read step, else the ringed element."""
    if page.has("tour-next"):
        return weilidai.submit(page, "tour-next", follow=True)
    target = ringed(page)[0]
    if target.tag == "a":
        return weilidai.get(target.attrs["href"], follow=True)
    switch = target.find("input", role="switch")
    if switch is not None:
        on = "checked" in switch.attrs
        return weilidai.submit(page, switch.attrs["data-testid"],
                               {switch.attrs["name"]: None if on else "y"}, follow=True)
    testid = target.attrs["data-testid"]
    fields = {"password": PASSWORD} if page.form(testid).find("input", name="password") else {}
    return weilidai.submit(page, testid, fields, follow=True)


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_every_tour_in_english_from_start_to_end_page_shows_no_chinese(weilidai, tour_id):
    tour = TOURS[tour_id]
    in_english(weilidai)
    start = weilidai.get(f"/tours/{tour_id}")
    page = weilidai.submit(start, "start-tour", follow=True)
    off_path = weilidai.get("/contacts")  # a wrong tap: the bar shows the way back
    assert off_path.has("tour-back")
    page = weilidai.get(off_path.testid("tour-back").attrs["href"], follow=True)
    seen = [start, off_path]
    for _ in tour.steps:
        seen.append(page)
        assert page.has("tour-hint"), page.path
        page = take_the_step(weilidai, page)
    seen.append(page)
    done = weilidai.get(f"/tours/{tour_id}/done")
    assert done.screen == "tour-done"
    seen.append(done)
    for page in seen:
        assert chinese_in(page) == [], page.path


def test_every_refusal_and_message_in_english_is_english(weilidai):
    in_english(weilidai).scenario("repaying")
    pages = [
        # 关闭 with a debt: refused, with the way to repay.
        weilidai.get("/weilidai/manage/close"),
        # A wrong password, then a flash after a redirect.
        weilidai.submit("/weilidai/repay/confirm?target=all", "repay-form",
                        {"password": "000000"}, follow=True),
        # A form's own errors.
        weilidai.submit("/weilidai/borrow", "borrow-form", {"amount": "12.5"}),
        weilidai.submit("/weilidai/borrow", "borrow-form", {"amount": "99999900"}),
        # The panel's messages.
        weilidai.submit("/stage", "panel-scenario-form", {"scenario": "frozen"}, follow=True),
        weilidai.submit("/stage", "panel-clock-submit", {"days": "x"}, follow=True),
        weilidai.submit("/stage", "panel-reset", follow=True),
    ]
    assert pages[1].flashes("error") == ["Wrong payment password: 2 more tries"]
    assert pages[4].flashes("success") == ["Switched to scenario: Frozen"]
    for page in pages:
        assert chinese_in(page) == [], page.path
        assert page.flashes() or page.field_errors() or page.has("close-refused"), page.path


def every_domain_error():
    details = {"days": 180, "amount": 123_45, "tries_left": 1, "step": 100_00,
               "available": 500_00, "balance": 10_00, "max_days": 3650, "by": "user",
               "terms": (3, 6, 12), "card_id": "x", "loan_id": 1, "seq": 2,
               "last_date": date(9000, 12, 31), "locked_on": date(2026, 6, 1),
               "total": 1_015_00, "first_due": date(2026, 7, 1)}
    return [cls(**details) for cls in vars(domain_errors).values()
            if isinstance(cls, type) and issubclass(cls, domain_errors.DomainError)
            and cls is not domain_errors.DomainError]


@pytest.mark.parametrize("error", every_domain_error(), ids=lambda error: error.code)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_domain_refusal_has_words_in_both_languages(app, error, lang):
    with app.test_request_context():
        session["lang"] = lang
        message = error_message(error)
    assert message and "%(" not in message
    assert bool(CJK.search(without_product_names(message))) == (lang == "zh")


def test_a_bank_is_named_in_the_pages_language(weilidai):
    assert "招商银行（8888）" in weilidai.get("/weilidai/settings/repayment").html
    page = in_english(weilidai).get("/weilidai/settings/repayment")
    assert "China Merchants Bank (8888)" in page.html
    # The data keeps the bank's own name: the JSON API is not a page.
    assert weilidai.account()["cards"][0]["bank"] == "招商银行"


# -- choosing the language -------------------------------------------------------------------

def test_chinese_is_the_default(client):
    page = client.get("/weilidai")
    assert b'<html lang="zh-CN"' in page.data and "借钱".encode() in page.data


def test_lang_on_any_page_is_remembered_for_the_session(weilidai):
    page = weilidai.get("/weilidai/records?lang=en")
    assert page.root.find("html").attrs["lang"] == "en"
    assert page.testid("nav").text.startswith("Loan records")
    later = weilidai.get("/weilidai/settings")
    assert later.root.find("html").attrs["lang"] == "en"
    assert "Weilidai management" in later.main.text
    back = weilidai.get("/weilidai/settings?lang=zh")
    assert back.root.find("html").attrs["lang"] == "zh-CN" and "微粒贷管理" in back.main.text
    # Another browser is another session: Chinese.
    assert weilidai.new_browser().get("/weilidai").root.find("html").attrs["lang"] == "zh-CN"


# Playwright's default context sends the first; the others are browsers set to English.
ENGLISH_BROWSERS = ["en-US,en;q=0.9", "en-GB", "en", "fr, en;q=0.5", "en;q=1, zh;q=0"]


@pytest.mark.parametrize("header", ENGLISH_BROWSERS)
def test_a_browser_that_prefers_english_still_sees_chinese(weilidai, header):
    page = weilidai.request("get", "/weilidai", headers={"Accept-Language": header})
    assert page.root.find("html").attrs["lang"] == "zh-CN"
    assert page.testid("open-settings").attrs["aria-label"] == "设置"
    # The API's words follow the same rule.
    response = weilidai.client.post("/api/clock", json={"to": "next-due"},
                                    headers={"Accept-Language": header})
    assert response.status_code == 409 and response.json["message"] == "没有待还的还款日"


@pytest.mark.parametrize("header", ENGLISH_BROWSERS)
def test_only_the_sessions_choice_turns_the_screens_english(weilidai, header):
    weilidai.request("get", "/weilidai?lang=en", headers={"Accept-Language": "zh-CN"})
    page = weilidai.request("get", "/weilidai", headers={"Accept-Language": "zh-CN,zh"})
    assert page.root.find("html").attrs["lang"] == "en"
    back = weilidai.request("get", "/weilidai?lang=zh", headers={"Accept-Language": header})
    assert back.root.find("html").attrs["lang"] == "zh-CN"
    again = weilidai.request("get", "/weilidai", headers={"Accept-Language": header})
    assert again.root.find("html").attrs["lang"] == "zh-CN"


@pytest.mark.parametrize("value", ["fr", "EN", "", "en-US"])
def test_an_unknown_lang_changes_nothing(weilidai, value):
    page = weilidai.get(f"/weilidai?lang={value}")
    assert page.status == 200 and page.root.find("html").attrs["lang"] == "zh-CN"


def test_the_panel_switches_the_stage_and_its_phone_to_a_language(weilidai):
    path = "/weilidai/borrow/confirm?amount=1000&term=3&card=cmb&auto_repay=1"
    weilidai.in_phone(path)
    switch = weilidai.stage().testid("panel-language")
    links = {link.attrs["data-testid"]: link for link in switch.find_all("a")}
    assert set(links) == {"panel-lang-zh", "panel-lang-en"}
    assert links["panel-lang-zh"].attrs["aria-current"] == "true"
    assert "aria-current" not in links["panel-lang-en"].attrs
    assert (links["panel-lang-en"].attrs["lang"], links["panel-lang-en"].text) == ("en", "English")
    assert (links["panel-lang-zh"].attrs["lang"], links["panel-lang-zh"].text) == ("zh-CN", "中文")

    english = weilidai.get(links["panel-lang-en"].attrs["href"])
    assert english.path == "/stage" and english.testid("panel").find("h2").text == "Control panel"
    phone = weilidai.phone()
    assert phone.path == "/weilidai/borrow/confirm" and phone.screen == "borrow-confirm"
    assert phone.testid("summary-term-value").text == "3 months"
    links = {link.attrs["data-testid"]: link
             for link in english.testid("panel-language").find_all("a")}
    assert links["panel-lang-en"].attrs["aria-current"] == "true"
    assert links["panel-lang-zh"].attrs["href"].count("lang=") == 1

    weilidai.get(links["panel-lang-zh"].attrs["href"])
    assert weilidai.phone().testid("summary-term-value").text == "3 个月"


def test_a_page_never_shows_the_language_of_whatever_ran_before_it(app, client):
    """An English page rendered first on this thread (a test's own request context here, an
    earlier request on a server's thread), then a Chinese request: the borrow form's card
    labels, made in the view before any template, are in the Chinese request's language."""
    with app.test_request_context():
        session["lang"] = "en"
        assert render_template_string("{{ _('借钱') }}") == "Borrow"
    html = client.get("/weilidai/borrow").get_data(as_text=True)
    assert "招商银行（8888）" in html and "China Merchants Bank" not in html
