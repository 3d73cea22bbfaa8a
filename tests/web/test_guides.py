"""The tours' illustrated guides (make guides, webapp/guides.py): never stale, served beside
the tours, and where they were not built, a page that says how to build them.

The first test is the one that keeps the committed guides honest: for every tour and edition,
either its guide in guides/ still matches what it was made from (the fingerprint in its
guide.json, recomputed here from the sources), or there is none and the app says how to
build it. It skips nothing: each case checks one or the other.
"""

import dataclasses
import re
import shutil

import pytest
from jinja2 import FileSystemLoader

from scripts import guide_media
from scripts.guides import Capture, Shot, article_sections
from webapp import guides
from webapp.tours import TOURS

from .conftest import Page, Weilidai, make_app

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PRODUCT_NAMES = ("微信", "微粒贷")


@pytest.fixture(scope="module")
def repo_app():
    """The app serving the project's own guides/ (the other tests' app serves none)."""
    return make_app(GUIDES_DIR="")


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

@pytest.mark.parametrize("edition", guides.EDITIONS, ids=lambda edition: edition.name)
@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_built_guide_matches_its_sources_and_an_unbuilt_one_says_how_to_build_it(
        repo_app, tour_id, edition):
    folder = guides.built(repo_app, tour_id, edition)
    if folder is None:
        page = visitor(repo_app, edition).get(f"/tours/{tour_id}/guide")
        plain = guides.Edition(edition.lang)
        if edition.care and guides.built(repo_app, tour_id, plain):
            # No 关怀模式 edition: its visitors read the plain one.
            assert page.location.endswith(f"/tours/{tour_id}/guide/{plain.name}/")
        else:
            expect_how_to_build(page, tour_id, plain)
        return
    manifest = guides.read_manifest(folder)
    reasons = guides.staleness(repo_app, TOURS[tour_id], edition, manifest)
    assert reasons == [], (
        f"guides/{tour_id}/{edition.name} no longer matches what it was made from "
        f"({'; '.join(reasons)}). Rebuild it: {manifest.get('rebuild')} "
        f"(or every guide: make guides), then commit it.")
    stamp = manifest["fingerprint"]
    assert f'name="weilidai-guide-fingerprint" content="{stamp}"' in \
        (folder / "index.html").read_text(encoding="utf-8")
    assert stamp in (folder / "guide.md").read_text(encoding="utf-8")
    assert [name for name in manifest["files"] if not (folder / name).is_file()] == []


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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_where_no_guide_was_built_the_page_says_how_to_build_it(weilidai, lang):
    weilidai.get(f"/?lang={lang}")
    page = weilidai.get("/tours/why-frozen/guide")
    expect_how_to_build(page, "why-frozen", guides.Edition(lang))
    assert page.testid("guide-back").attrs["href"] == "/tours/why-frozen"


# -- the guide's own pages, in both languages ------------------------------------------------

def rendered(app, tour, lang):
    """index.html and guide.md as make guides writes them, for screenshots never taken."""
    edition = guides.Edition(lang)
    words = guides.tour_words(app, tour, lang)
    capture = Capture(words=words, edition=edition, fonts={"Noto Sans CJK SC"},
                      shots=[Shot(number, step["hint"], f"step-{number:02d}.png")
                             for number, step in enumerate(words["steps"], 1)])
    manifest = guides.stamp(app, tour, edition, [])
    html, markdown = guide_media.render_pages(app, capture, manifest, "Chromium 1",
                                              article_sections(tour, lang), video=True)
    return words, manifest, html, markdown


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_guide_shows_every_step_in_order_with_its_picture(repo_app, tour_id):
    words, manifest, html, markdown = rendered(repo_app, TOURS[tour_id], "zh")
    for text in (html, markdown):
        at = 0
        for number, step in enumerate(words["steps"], 1):
            found = text.find(step["hint"], at)
            assert found > at, f"step {number}"
            picture = text.find(f'src="step-{number:02d}.png"', at)
            assert picture > at, f"step {number}'s picture"
            at = found
        assert manifest["fingerprint"] in text
    assert html.count('data-testid="guide-step"') == len(words["steps"])


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_an_english_guide_shows_no_chinese_but_the_product_names(repo_app, tour_id):
    _, _, html, markdown = rendered(repo_app, TOURS[tour_id], "en")
    for text in (html, markdown):
        for name in PRODUCT_NAMES:
            text = text.replace(name, "")
        assert CJK.findall(text) == []
    assert '<html lang="en"' in html


def test_the_guide_page_loads_nothing_inline_and_nothing_from_elsewhere(repo_app):
    _, _, html, _ = rendered(repo_app, TOURS["close-weilidai"], "zh")
    assert "<script" not in html and "<style" not in html and " style=" not in html
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []


def test_the_stylesheets_the_screens_name_count_with_the_ring_s(repo_app):
    """The phone names its files with asset() (hashed when built): a change to the ring's
    stylesheet (tour.css) or the phone's makes every guide stale."""
    found = guides.inputs(repo_app, TOURS["why-frozen"], guides.Edition("zh"), SCREENS)
    for name in ("static/css/phone.css", "static/css/care.css", "static/css/tour.css",
                 "static/js/app.js"):
        assert name in found
