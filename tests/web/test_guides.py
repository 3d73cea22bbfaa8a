"""The tours' illustrated guides (make guides, webapp/guides.py): never stale, served beside
the tours, and where they were not built, a page that says how to build them; what their
pages say (and do not say: how they were built, the trainer, practice); their captions and
their PDFs' metadata. e2e/test_guides.py builds one and reads its PDFs and video.

The first test is the one that keeps the committed guides honest: for every tour and edition,
either its guide committed in guides/ still matches what it was made from (the fingerprint in
its guide.json, recomputed here from the sources), or there is none and the app says how to
build it. It skips nothing: each case checks one or the other. git ignores guides/ (make
guides leaves the tree clean), so a guide built for a class is not the project's, and is not
held to its sources here: /tours/guides says whether it is stale.
"""

import dataclasses
import datetime
import html as html_lib
import json
import re
import shutil
import subprocess

import pikepdf
import pytest
from jinja2 import FileSystemLoader

from scripts import guide_media
from scripts import guides as builder
from scripts.guides import Capture, Shot
from webapp import guides
from webapp.tours import TOURS

from .conftest import Page, Weilidai, make_app

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PRODUCT_NAMES = ("微信", "微粒贷")
# How a guide was built, which no page of it says (guide.json and the PDFs' metadata do).
BUILD_WORDS = ("make guides", "Chromium", "HeadlessChrome", "sha256", "Noto Sans", "DejaVu",
               "fingerprint", "指纹")


@pytest.fixture(scope="module")
def repo_app():
    """The app serving the project's own guides/ (the other tests' app serves none)."""
    return make_app(GUIDES_DIR="")


@pytest.fixture(scope="module")
def unbuilt_app():
    """An app serving no guides, whatever this checkout built for itself."""
    return make_app()


def visitor(app, edition):
    """A browser in the edition's language, in 关怀模式 for a care edition."""
    weilidai = Weilidai(app.test_client())
    weilidai.get(f"/?lang={edition.lang}")
    if edition.care:
        with weilidai.client.session_transaction() as session:
            session["care"] = True
    return weilidai


def fetch(weilidai, path):
    """GET a file as a browser would, read whole (and closed: a file response holds it open)."""
    return Page(weilidai.client.get(path, buffered=True))


def expect_how_to_build(page, tour_id, edition):
    assert page.status == 200 and page.screen == "tour-guide"
    assert page.testid("guide-command").text == "make guides"
    one = page.testid("guide-command-one").text
    assert f"--tour {tour_id}" in one and f"--lang {edition.lang}" in one


# -- the committed guides --------------------------------------------------------------------

def committed(app, tour_id, edition):
    """The folder of a built guide that git tracks (committed by force: git ignores
    guides/), or None."""
    folder = guides.built(app, tour_id, edition)
    if folder is None:
        return None
    tracked = subprocess.run(["git", "-C", str(guides.ROOT), "ls-files", "--error-unmatch",
                              str(folder / guides.MANIFEST)], capture_output=True)
    return folder if tracked.returncode == 0 else None


@pytest.mark.parametrize("edition", guides.EDITIONS, ids=lambda edition: edition.name)
@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_committed_guide_matches_its_sources_and_an_unbuilt_one_says_how_to_build_it(
        repo_app, unbuilt_app, tour_id, edition):
    folder = committed(repo_app, tour_id, edition)
    if folder is None:
        plain = guides.Edition(edition.lang)
        if edition.care and committed(repo_app, tour_id, plain):
            # No 关怀模式 edition: its visitors read the plain one.
            page = visitor(repo_app, edition).get(f"/tours/{tour_id}/guide")
            assert page.location.endswith(f"/tours/{tour_id}/guide/{plain.name}/")
        else:
            page = visitor(unbuilt_app, edition).get(f"/tours/{tour_id}/guide")
            expect_how_to_build(page, tour_id, plain)
        return
    manifest = guides.read_manifest(folder)
    reasons = guides.staleness(repo_app, TOURS[tour_id], edition, manifest)
    assert reasons == [], (
        f"guides/{tour_id}/{edition.name} no longer matches what it was made from "
        f"({'; '.join(reasons)}). Rebuild it: {manifest.get('rebuild')} "
        f"(or every guide: make guides), then commit it.")
    assert [name for name in manifest["files"] if not (folder / name).is_file()] == []
    for pdf in ("guide.pdf", "guide-large.pdf"):
        with pikepdf.open(folder / pdf) as opened:
            assert str(opened.docinfo["/GuideFingerprint"]) == manifest["fingerprint"]


# -- the fingerprint: what makes a guide stale -----------------------------------------------

SCREENS = ["weilidai/home.html", "settings/index.html"]


@pytest.fixture
def app_with_templates(tmp_path):
    """An app drawing from a copy of the templates, which a test may then change."""
    folder = tmp_path / "templates"
    shutil.copytree(guides.ROOT / "templates", folder)
    app = make_app()
    app.jinja_loader = FileSystemLoader(str(folder))
    return app, folder


def test_a_fresh_guide_is_not_stale(app_with_templates):
    app, _ = app_with_templates
    tour, edition = TOURS["close-weilidai"], guides.Edition("zh")
    assert guides.staleness(app, tour, edition, guides.stamp(app, tour, edition, SCREENS)) == []


def test_a_change_to_a_template_the_screens_use_makes_the_guide_stale(app_with_templates):
    app, folder = app_with_templates
    tour, edition = TOURS["close-weilidai"], guides.Edition("zh")
    manifest = guides.stamp(app, tour, edition, SCREENS)
    with open(folder / "components" / "cells.html", "a", encoding="utf-8") as template:
        template.write("{# a change #}\n")
    assert guides.staleness(app, tour, edition, manifest) == [
        "changed: templates/components/cells.html"]


def test_a_new_include_makes_the_guide_stale_too(app_with_templates):
    app, folder = app_with_templates
    tour, edition = TOURS["close-weilidai"], guides.Edition("en")
    manifest = guides.stamp(app, tour, edition, SCREENS)
    (folder / "tours" / "_new.html").write_text("<p>new</p>\n", encoding="utf-8")
    with open(folder / "tours" / "_bar.html", "a", encoding="utf-8") as template:
        template.write('{% include "tours/_new.html" %}\n')
    assert guides.staleness(app, tour, edition, manifest) == [
        "changed: templates/tours/_bar.html", "new input: templates/tours/_new.html"]


def test_a_template_no_screen_of_the_tour_uses_leaves_it_fresh(app_with_templates):
    app, folder = app_with_templates
    tour, edition = TOURS["close-weilidai"], guides.Edition("zh")
    manifest = guides.stamp(app, tour, edition, SCREENS)
    with open(folder / "weilidai" / "borrow.html", "a", encoding="utf-8") as template:
        template.write("{# a change #}\n")
    assert guides.staleness(app, tour, edition, manifest) == []


def test_new_words_for_a_step_make_the_guide_stale(repo_app):
    tour, edition = TOURS["why-frozen"], guides.Edition("zh")
    manifest = guides.stamp(repo_app, tour, edition, SCREENS)
    steps = (dataclasses.replace(tour.steps[0], hint="点击“+1 天”"),) + tour.steps[1:]
    reworded = dataclasses.replace(tour, steps=steps)
    assert guides.staleness(repo_app, reworded, edition, manifest) == [
        "changed: the tour's words in zh (webapp/tours/, the catalogue)"]


def test_the_english_guides_are_made_from_the_catalogue_too(repo_app):
    catalogue = "webapp/translations/en/LC_MESSAGES/messages.po"
    tour = TOURS["auto-repay-off"]
    assert catalogue in guides.inputs(repo_app, tour, guides.Edition("en"), SCREENS)
    assert catalogue not in guides.inputs(repo_app, tour, guides.Edition("zh"), SCREENS)


def test_what_the_guide_itself_is_made_of_counts(repo_app):
    found = guides.inputs(repo_app, TOURS["why-frozen"], guides.Edition("zh"), [])
    for name in ("templates/guides/guide.html", "templates/guides/guide.md",
                 "static/css/guide.css", "static/css/ripple.css", "static/js/ripple.js",
                 "scripts/guides.py", "scripts/guide_media.py"):
        assert name in found


def test_a_guide_of_another_format_or_whose_template_is_gone_is_stale(repo_app):
    tour, edition = TOURS["why-frozen"], guides.Edition("zh")
    manifest = guides.stamp(repo_app, tour, edition, SCREENS)
    assert guides.staleness(repo_app, tour, edition, {**manifest, "format": 0})
    gone = guides.staleness(repo_app, tour, edition, {**manifest, "templates": ["gone.html"]})
    assert len(gone) == 1 and "gone.html" in gone[0]


def test_the_care_edition_has_a_fingerprint_of_its_own(repo_app):
    tour = TOURS["why-frozen"]
    plain = guides.stamp(repo_app, tour, guides.Edition("zh"), SCREENS)
    care = guides.stamp(repo_app, tour, guides.Edition("zh", care=True), SCREENS)
    assert plain["inputs"] == care["inputs"] and plain["fingerprint"] != care["fingerprint"]


# -- serving a built guide -------------------------------------------------------------------

def fake_guide(root, tour_id, edition, manifest=True):
    """A built guide's files, as make guides leaves them (the content does not matter here)."""
    folder = guides.guide_dir(root, tour_id, edition)
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<!doctype html><title>{edition.name}</title>\n")
    (folder / "guide.md").write_text("# guide\n")
    (folder / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "tour.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    if manifest:
        (folder / guides.MANIFEST).write_text('{"fingerprint": "sha256:x"}\n')
    return folder


@pytest.fixture
def built(tmp_path):
    """An app serving guides from tmp_path, where the test puts them."""
    return make_app(GUIDES_DIR=str(tmp_path)), tmp_path


def test_the_guide_link_leads_to_the_guide_in_the_visitors_language(built):
    app, root = built
    for lang in ("zh", "en"):
        fake_guide(root, "close-weilidai", guides.Edition(lang))
    for lang in ("zh", "en"):
        weilidai = visitor(app, guides.Edition(lang))
        page = weilidai.get("/tours/close-weilidai/guide")
        assert page.status == 302 and page.location == f"/tours/close-weilidai/guide/{lang}/"
        shown = fetch(weilidai, page.location)
        assert shown.status == 200 and f"<title>{lang}</title>" in shown.html
        assert shown.response.mimetype == "text/html"
        assert "default-src 'self'" in shown.response.headers["Content-Security-Policy"]


def test_a_visitor_in_care_mode_gets_the_care_edition_where_it_was_built(built):
    app, root = built
    fake_guide(root, "why-frozen", guides.Edition("zh"))
    care = visitor(app, guides.Edition("zh", care=True))
    assert care.get("/tours/why-frozen/guide").location == "/tours/why-frozen/guide/zh/"
    fake_guide(root, "why-frozen", guides.Edition("zh", care=True))
    assert care.get("/tours/why-frozen/guide").location == "/tours/why-frozen/guide/zh-care/"
    plain = visitor(app, guides.Edition("zh"))
    assert plain.get("/tours/why-frozen/guide").location == "/tours/why-frozen/guide/zh/"


def test_the_pdf_and_video_links_lead_to_the_files_or_to_how_to_build_them(built):
    app, root = built
    weilidai = visitor(app, guides.Edition("en"))
    for kind in ("pdf", "mp4", "gif"):
        page = weilidai.get(f"/tours/auto-repay-off/guide.{kind}")
        assert page.status == 302 and page.location == "/tours/auto-repay-off/guide"
    fake_guide(root, "auto-repay-off", guides.Edition("en"))
    assert weilidai.get("/tours/auto-repay-off/guide.pdf").location == \
        "/tours/auto-repay-off/guide/en/guide.pdf"
    pdf = fetch(weilidai, "/tours/auto-repay-off/guide/en/guide.pdf")
    assert pdf.status == 200 and pdf.response.mimetype == "application/pdf"
    video = fetch(weilidai, weilidai.get("/tours/auto-repay-off/guide.mp4").location)
    assert video.status == 200 and video.response.mimetype == "video/mp4"
    markdown = fetch(weilidai, "/tours/auto-repay-off/guide/en/guide.md")
    assert markdown.response.mimetype == "text/markdown"


def test_a_guide_still_being_built_is_not_served(built):
    app, root = built
    fake_guide(root, "close-with-debt", guides.Edition("zh"), manifest=False)
    weilidai = visitor(app, guides.Edition("zh"))
    expect_how_to_build(weilidai.get("/tours/close-with-debt/guide"), "close-with-debt",
                        guides.Edition("zh"))
    assert fetch(weilidai, "/tours/close-with-debt/guide/zh/guide.pdf").status == 404


@pytest.mark.parametrize("path", [
    "/tours/no-such-tour/guide",
    "/tours/no-such-tour/guide.pdf",
    "/tours/close-weilidai/guide.exe",
    "/tours/close-weilidai/guide/fr/",
    "/tours/close-weilidai/guide/en/",  # only zh was built
    "/tours/close-weilidai/guide/zh/missing.png",
    "/tours/close-weilidai/guide/zh/../zh/index.html",
    "/tours/close-weilidai/guide/zh/%2e%2e/zh/index.html",
    "/tours/why-frozen/guide/zh/",  # another tour's guide is not this one's
])
def test_nothing_but_a_built_guides_files_is_served(built, path):
    app, root = built
    fake_guide(root, "close-weilidai", guides.Edition("zh"))
    assert fetch(Weilidai(app.test_client()), path).status == 404


def test_the_start_page_and_the_tours_list_link_every_guide(weilidai):
    listed = weilidai.get("/tours")
    for tour_id in TOURS:
        start = weilidai.get(f"/tours/{tour_id}")
        links = {testid: start.testid(testid).attrs["href"]
                 for testid in ("tour-guide-page", "tour-guide-pdf", "tour-guide-video")}
        assert links == {"tour-guide-page": f"/tours/{tour_id}/guide",
                         "tour-guide-pdf": f"/tours/{tour_id}/guide.pdf",
                         "tour-guide-video": f"/tours/{tour_id}/guide.mp4"}
        assert listed.testid(f"guide-{tour_id}").attrs["href"] == f"/tours/{tour_id}/guide"
    assert listed.testid("guides-index").attrs["href"] == "/tours/guides"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_where_no_guide_was_built_the_page_says_how_to_build_it(weilidai, lang):
    weilidai.get(f"/?lang={lang}")
    page = weilidai.get("/tours/why-frozen/guide")
    expect_how_to_build(page, "why-frozen", guides.Edition(lang))
    assert page.testid("guide-back").attrs["href"] == "/tours/why-frozen"


# -- the index: every guide, its languages, files and freshness; print them all ------------

def real_guide(app, root, tour_id, edition, files=("index.html", "guide.pdf", "guide-large.pdf",
                                                  "tour.mp4", "guide.md")):
    """A built guide whose manifest is what make guides writes from the sources as they are:
    fresh until a source changes."""
    folder = guides.guide_dir(root, tour_id, edition)
    folder.mkdir(parents=True)
    for name in files:
        (folder / name).write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"x")
    manifest = guides.stamp(app, TOURS[tour_id], edition, ["weilidai/home.html"])
    (folder / guides.MANIFEST).write_text(json.dumps(manifest))
    return manifest


def print_all(root, lang, parts):
    folder = guides.all_dir(root, lang)
    folder.mkdir(parents=True)
    (folder / guides.ALL_PDF).write_bytes(b"%PDF-1.4\n")
    (folder / guides.ALL_MANIFEST).write_text(json.dumps(
        {"format": guides.FORMAT, "lang": lang,
         "parts": [{"tour": tour_id, "fingerprint": manifest["fingerprint"]}
                   for tour_id, manifest in parts]}))


def state_shown(page, tour_id, edition):
    return page.testid(f"guide-{tour_id}-{edition}-state").text


def test_the_index_lists_every_tour_in_every_language_and_whether_its_guide_is_fresh(built):
    app, root = built
    real_guide(app, root, "close-weilidai", guides.Edition("zh"))
    stale = real_guide(app, root, "why-frozen", guides.Edition("en"))
    (guides.guide_dir(root, "why-frozen", guides.Edition("en")) / guides.MANIFEST).write_text(
        json.dumps({**stale, "fingerprint": "sha256:older"}))
    real_guide(app, root, "auto-repay-off", guides.Edition("zh", care=True), files=["index.html"])
    page = visitor(app, guides.Edition("zh")).get("/tours/guides")
    assert page.status == 200 and page.screen == "tour-guides"
    for tour_id in TOURS:
        assert page.testid(f"guides-{tour_id}").find("h2").text == str_title(app, tour_id)
        for lang in ("zh", "en"):
            assert page.has(f"guide-{tour_id}-{lang}")
    assert state_shown(page, "close-weilidai", "zh") == "最新"
    assert state_shown(page, "why-frozen", "en") == "已过期"
    assert state_shown(page, "close-weilidai", "en") == "未生成"
    assert state_shown(page, "auto-repay-off", "zh-care") == "最新"
    assert not page.has("guide-close-weilidai-zh-care")  # 关怀模式: listed where it was built
    # Its files, each a link to the built file; none where none was built.
    links = {kind: page.testid(f"guide-close-weilidai-zh-{kind}").attrs["href"]
             for kind in ("page", "pdf", "large", "mp4", "md")}
    assert links == {"page": "/tours/close-weilidai/guide/zh/",
                     "pdf": "/tours/close-weilidai/guide/zh/guide.pdf",
                     "large": "/tours/close-weilidai/guide/zh/guide-large.pdf",
                     "mp4": "/tours/close-weilidai/guide/zh/tour.mp4",
                     "md": "/tours/close-weilidai/guide/zh/guide.md"}
    assert not page.has("guide-close-weilidai-zh-gif")
    assert not page.has("guide-close-weilidai-en-page")
    weilidai = visitor(app, guides.Edition("zh"))
    for href in links.values():
        assert fetch(weilidai, href).status == 200
    # What to run, for a stale one and for a missing one.
    assert "make guides GUIDE_ARGS='--tour why-frozen --lang en'" in \
        page.testid("guide-why-frozen-en").text
    assert "make guides GUIDE_ARGS='--tour close-weilidai --lang en'" in \
        page.testid("guide-close-weilidai-en").text


def str_title(app, tour_id):
    return guides.tour_words(app, TOURS[tour_id], "zh")["title"]


def test_the_index_links_one_pdf_to_print_every_guide_and_says_whether_it_is_fresh(built):
    app, root = built
    weilidai = visitor(app, guides.Edition("zh"))
    page = weilidai.get("/tours/guides")
    assert page.testid("guides-print-zh-value").text == "未生成"
    assert fetch(weilidai, "/tours/guides/all/zh.pdf").status == 404

    first = real_guide(app, root, "close-weilidai", guides.Edition("zh"))
    print_all(root, "zh", [("close-weilidai", first)])
    page = weilidai.get("/tours/guides")
    link = page.testid("guides-print-zh")
    assert link.attrs["href"] == "/tours/guides/all/zh.pdf"
    assert page.testid("guides-print-zh-value").text == "最新"
    assert "1 个教程" in link.text
    pdf = fetch(weilidai, "/tours/guides/all/zh.pdf")
    assert pdf.status == 200 and pdf.response.mimetype == "application/pdf"

    # A guide built since, and not in it: it is no longer every guide.
    real_guide(app, root, "why-frozen", guides.Edition("zh"))
    assert weilidai.get("/tours/guides").testid("guides-print-zh-value").text == "已过期"
    assert fetch(weilidai, "/tours/guides/all/fr.pdf").status == 404
    assert fetch(weilidai, "/tours/guides/all/en.pdf").status == 404


def test_the_index_in_english_says_it_all_in_english(built):
    app, root = built
    real_guide(app, root, "close-weilidai", guides.Edition("en"))
    page = visitor(app, guides.Edition("en")).get("/tours/guides")
    assert state_shown(page, "close-weilidai", "en") == "Up to date"
    assert page.testid("guide-close-weilidai-en-large").attrs["aria-label"] == \
        "Large print: Close Weilidai, English"
    assert page.testid("guides-print-en-value").text == "Not built"


def test_a_broken_manifest_is_a_guide_not_built_not_an_error(built):
    app, root = built
    folder = guides.guide_dir(root, "close-weilidai", guides.Edition("zh"))
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html>")
    (folder / guides.MANIFEST).write_text('{"fingerprint": "sha256:')
    page = visitor(app, guides.Edition("zh")).get("/tours/guides")
    assert page.status == 200 and state_shown(page, "close-weilidai", "zh") == "未生成"


# -- the guide's own pages, in both languages ------------------------------------------------

def rendered(app, tour, lang):
    """index.html, large.html and guide.md as make guides writes them, for screenshots
    never taken: ``(words, {file name: text})``."""
    edition = guides.Edition(lang)
    words = guides.tour_words(app, tour, lang)
    shots = [Shot(number, step["hint"], f"step-{number:02d}.png")
             for number, step in enumerate(words["steps"], 1)]
    capture = Capture(words=words, edition=edition, fonts={"Noto Sans CJK SC"}, shots=shots,
                      large_shots=[dataclasses.replace(shot, image=f"large-{shot.number:02d}.png")
                                   for shot in shots],
                      large_end_image="large-end.png")
    return words, guide_media.render_pages(app, capture, video=True)


def visible_text(page):
    """What a reader of a page sees: its text without tags and comments, entities read."""
    page = re.sub(r"<!--.*?-->|\{#.*?#\}", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_guide_shows_every_step_in_order_with_its_picture(repo_app, tour_id):
    words, pages = rendered(repo_app, TOURS[tour_id], "zh")
    for name, image in (("index.html", "step"), ("guide.md", "step"), ("large.html", "large")):
        text, seen = pages[name], visible_text(pages[name])
        at = said = 0
        for number, step in enumerate(words["steps"], 1):
            said = seen.find(step["hint"], said) + 1
            assert said > 0, f"{name}: step {number}"
            picture = text.find(f'src="{image}-{number:02d}.png"', at)
            assert picture > at, f"{name}: step {number}'s picture"
            at = picture
    for name in ("index.html", "large.html"):
        assert pages[name].count('data-testid="guide-step"') == len(words["steps"])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tour_id", list(TOURS))
def test_no_page_of_a_guide_says_how_it_was_built(repo_app, tour_id, lang):
    """The command, the browser, the fonts and the fingerprint are in guide.json and the
    PDFs' metadata (e2e/test_guides.py reads them), not on a page a trainee is handed."""
    _, pages = rendered(repo_app, TOURS[tour_id], lang)
    fingerprint = guides.stamp(repo_app, TOURS[tour_id], guides.Edition(lang), [])["fingerprint"]
    for name, page in pages.items():
        found = [word for word in (*BUILD_WORDS, fingerprint) if word.lower() in page.lower()]
        assert found == [], f"{name} says {found}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_guide_has_no_trainer_or_practice_wording(repo_app, tour_id, lang):
    """A tour is a 教程 (a tutorial); the trainer's tools are not the trainee's business."""
    _, pages = rendered(repo_app, TOURS[tour_id], lang)
    for name, page in pages.items():
        text = visible_text(page).lower()
        assert [word for word in builder.UNSEEN_WORDS[lang] if word in text] == [], name
    assert ("Tutorial complete" if lang == "en" else "教程完成") in pages["guide.md"]


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_an_english_guide_shows_no_chinese_but_the_product_names(repo_app, tour_id):
    _, pages = rendered(repo_app, TOURS[tour_id], "en")
    for name, text in pages.items():
        for product in PRODUCT_NAMES:
            text = text.replace(product, "")
        assert CJK.findall(visible_text(text)) == [], name
    for name in ("index.html", "large.html"):
        assert '<html lang="en"' in pages[name]


def test_the_guide_pages_load_nothing_inline_and_nothing_from_elsewhere(repo_app):
    _, pages = rendered(repo_app, TOURS["close-weilidai"], "zh")
    for name in ("index.html", "large.html"):
        page = pages[name]
        assert "<script" not in page and "<style" not in page and " style=" not in page
        assert re.findall(r'(?:src|href)="(?:https?:)?//', page) == []


# -- where the words come from: the article's own numbering ----------------------------------

def cited(app, tour_id, lang):
    _, pages = rendered(app, TOURS[tour_id], lang)
    return [visible_text(item).strip() for item in
            re.findall(r'<li data-testid="guide-section">(.*?)</li>', pages["index.html"])]


def test_a_guide_names_the_articles_sections_as_the_article_numbers_and_titles_them(repo_app):
    # The article: "三、怎么样关闭微粒贷?" then "1. 微粒贷关闭的流程"; never "第 三.1 节".
    assert cited(repo_app, "close-weilidai", "zh") == ["三、怎么样关闭微粒贷？ 1. 微粒贷关闭的流程"]
    assert cited(repo_app, "why-frozen", "zh") == [
        "二、微粒贷会自动关闭吗？ 1. 微粒贷的自动关闭情况（1）",
        "二、微粒贷会自动关闭吗？ 2. 怎么样避免微粒贷被自动关闭"]
    assert cited(repo_app, "auto-repay-off", "en") == [
        "part 6, “Does Weilidai repay by itself?”: section 2, “How to turn off Weilidai’s "
        "auto-repay”"]
    for tour_id in TOURS:
        _, pages = rendered(repo_app, TOURS[tour_id], "zh")
        assert "节" not in visible_text(pages["index.html"])


def test_every_section_a_tour_cites_has_its_heading():
    for tour in TOURS.values():
        for _, part, section, _ in guides.cited_sections(tour):
            assert part in guides.ARTICLE_HEADINGS, (tour.id, part)
            assert f"{part}.{section}" in guides.ARTICLE_HEADINGS, (tour.id, part, section)


# -- the large print -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("tour_id", list(TOURS))
def test_each_large_print_card_names_what_to_tap_in_bold(repo_app, tour_id, lang):
    words, pages = rendered(repo_app, TOURS[tour_id], lang)
    cards = re.findall(r'<p class="card__hint" data-testid="guide-hint">(.*?)</p>',
                       pages["large.html"])
    assert len(cards) == len(words["steps"])
    for number, (card, step) in enumerate(zip(cards, words["steps"]), 1):
        bold = [html_lib.unescape(name) for name in re.findall(r"<strong>(.*?)</strong>", card)]
        assert bold, f"step {number}: nothing in bold in {card!r}"
        assert bold == re.findall(r"“([^”]+)”", step["hint"]), f"step {number}"
        assert visible_text(card) == step["hint"]


def test_what_to_tap_is_escaped_before_it_is_made_bold():
    assert str(guide_media.tap_names("点击“<b>&”")) == "点击“<strong>&lt;b&gt;&amp;</strong>”"


# -- the video's captions --------------------------------------------------------------------

def test_the_captions_carry_each_steps_words_from_the_moment_its_screen_shows(repo_app):
    tour = TOURS["why-frozen"]
    cues = guide_media.caption_cues(repo_app, tour, [0, 2.4, 5.5, 7.9, 10.3], 13.3)
    assert set(cues) == {"zh", "en"}
    zh_hints = [step["hint"] for step in guides.tour_words(repo_app, tour, "zh")["steps"]]
    assert [cue[:2] for cue in cues["zh"]] == [(0, 2.4), (2.4, 5.5), (5.5, 7.9), (7.9, 10.3),
                                                (10.3, 13.3)]
    assert [text for _, _, text in cues["zh"]] == [
        *(f"第 {n}/4 步：{hint}" for n, hint in enumerate(zh_hints, 1)), "教程完成：微粒贷为什么被冻结"]
    assert cues["en"][0][2].startswith("Step 1/4: This account has not borrowed")
    assert cues["en"][-1][2] == "Tutorial complete: Why was Weilidai frozen?"


def test_a_webvtt_file_has_its_cues_timed_and_escaped():
    text = guide_media.webvtt([(0, 2.4, "点击“服务”"), (2.4, 3725.5, "a <b> & c")])
    assert text == ("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.400\n点击“服务”\n\n"
                    "2\n00:00:02.400 --> 01:02:05.500\na &lt;b&gt; &amp; c\n")


def test_the_guide_page_plays_the_video_with_captions_in_both_languages(repo_app):
    for lang in ("zh", "en"):
        _, pages = rendered(repo_app, TOURS["close-weilidai"], lang)
        tracks = re.findall(r"<track ([^>]*)>", pages["index.html"])
        assert [re.search(r'srclang="(\w+)"', track)[1] for track in tracks] == ["zh", "en"]
        assert [track.endswith(" default") for track in tracks] == [lang == "zh", lang == "en"]
        assert all('kind="captions"' in track and 'src="captions.' in track for track in tracks)


# -- the PDFs' metadata ----------------------------------------------------------------------

META = guide_media.PdfMeta(
    title="关闭微粒贷 · 图文指南", lang="zh-CN", subject="从微信首页出发。",
    date=datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc),
    creator="Weilidai Mock, make guides (Chromium 1)", fingerprint="sha256:abc")


def chromium_like_pdf(path):
    """A PDF with what Chromium's print-to-PDF puts in it: its user agent as the creator and
    the time it printed."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Creator"] = "Mozilla/5.0 HeadlessChrome/156.0.0.0"
    pdf.docinfo["/Producer"] = "Skia/PDF m156"
    pdf.docinfo["/CreationDate"] = "D:20261207120000+00'00'"
    pdf.save(path)


def test_a_guides_pdf_says_what_it_is_who_made_it_its_language_and_its_sources_date(tmp_path):
    path = tmp_path / "guide.pdf"
    chromium_like_pdf(path)
    guide_media.write_pdf_metadata(path, META)
    with pikepdf.open(path) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
        assert info == {"/Title": "关闭微粒贷 · 图文指南", "/Author": "Weilidai Mock",
                        "/Subject": "从微信首页出发。",
                        "/Creator": "Weilidai Mock, make guides (Chromium 1)",
                        "/Producer": "Skia/PDF m156",
                        "/CreationDate": "D:20260304050607+00'00'",
                        "/ModDate": "D:20260304050607+00'00'",
                        "/GuideFingerprint": "sha256:abc"}
        assert str(pdf.Root.Lang) == "zh-CN"
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == "关闭微粒贷 · 图文指南"
        assert xmp["dc:creator"] == ["Weilidai Mock"]
        assert xmp["dc:language"] == {"zh-CN"}
        assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2026-03-04T05:06:07+00:00"


def test_the_same_guide_gives_the_same_pdf_bytes(tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (first, second):
        chromium_like_pdf(path)
        guide_media.write_pdf_metadata(path, META)
    assert first.read_bytes() == second.read_bytes()


def test_a_guides_date_is_its_sources_last_commit_or_source_date_epoch(monkeypatch):
    paths = ["webapp/tours", "templates/guides/guide.html"]
    assert guide_media.sources_date(paths) == guide_media.sources_date(paths)
    assert guide_media.sources_date(paths) <= datetime.datetime.now(datetime.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert guide_media.sources_date(paths) == datetime.datetime(2026, 1, 1,
                                                                 tzinfo=datetime.timezone.utc)


def test_the_stylesheets_the_screens_name_count_with_the_ring_s(repo_app):
    """The phone names its files with asset() (hashed when built): a change to the ring's
    stylesheet (tour.css) or the phone's makes every guide stale."""
    found = guides.inputs(repo_app, TOURS["why-frozen"], guides.Edition("zh"), SCREENS)
    for name in ("static/css/phone.css", "static/css/care.css", "static/css/tour.css",
                 "static/js/app.js"):
        assert name in found
