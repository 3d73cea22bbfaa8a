"""make guides against the app as it is now: one guide built and read back as a trainer (and a
projector, and a printer) would; the screens it photographs; and the tap ripple that its
videos and the trainer's stage share (static/js/ripple.js, static/css/ripple.css).

The builder taps through a tour by the tour's data, so a change to the screens that breaks it
(a target no longer drawn, a ring gone, a panel moved) fails here, not on the day the guides
are rebuilt. It runs as ``make guides`` does, in a process of its own, for one tour in one
language (why-frozen in English: a step in the panel, read steps, a tap, a condition), with
its video: about 30 s on two shared cores. It needs what make guides needs: ffmpeg and
poppler-utils (.ci/run installs them).
"""

import json
import math
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import expect

from e2e.pages.tours import TourStartPage
from e2e.pictures import raw_rgb
from scripts import guide_media
from scripts import guides as builder
from webapp import create_app, guides
from webapp.tours import TOURS

ROOT = Path(__file__).resolve().parent.parent
PHONE_PIXELS = (780, 1688)  # 390 x 844 at twice the pixels
# How a guide was built, which no page of its PDFs says (guide.json and the metadata do).
BUILD_WORDS = ("make guides", "Chromium", "HeadlessChrome", "sha256", "Noto Sans", "DejaVu",
               "Fingerprint")
CM = 72 / 2.54  # PDF points in a centimetre


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_make_guides_plays_a_tour_into_handouts_and_a_video_a_class_can_use(tmp_path, page):
    tour = TOURS["why-frozen"]
    done = subprocess.run(
        [sys.executable, "scripts/guides.py", "--tour", tour.id, "--lang", "en",
         "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / tour.id / "en"
    manifest = guides.read_manifest(folder)
    app = create_app({"SECRET_KEY": "e2e-tests-only-not-a-secret"})
    assert guides.staleness(app, tour, guides.Edition("en"), manifest) == []
    assert "weilidai/home.html" in manifest["templates"]
    assert "settings/faq.html" in manifest["templates"]
    words = guides.tour_words(app, tour, "en")
    hints = [step["hint"] for step in words["steps"]]

    html = (folder / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<p class="step__hint" data-testid="guide-hint">([^<]*)</p>', html)
    assert [text.replace("&#34;", '"').replace("&#39;", "'") for text in shown] == hints
    for number in range(1, len(tour) + 1):
        assert png_size(folder / f"step-{number:02d}.png") == PHONE_PIXELS
        assert png_size(folder / f"large-{number:02d}.png") == PHONE_PIXELS
    assert png_size(folder / "end.png") == PHONE_PIXELS

    expect_clean_pdfs(folder, manifest, len(tour))
    expect_metadata(folder, manifest, words["title"])
    expect_large_print(folder / "guide-large.pdf", len(tour))
    expect_projector_video(folder, len(tour))
    markdown = (folder / "guide.md").read_text(encoding="utf-8").lower()
    assert [word for word in builder.UNSEEN_WORDS["en"] if word in markdown] == []

    # The guide's pages, opened from the folder as a trainer would: axe-core finds nothing.
    for name in ("index.html", "large.html"):
        page.goto((folder / name).as_uri())
        page.add_script_tag(content=AXE_SCRIPT)
        results = AxeResults(page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']})"))
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def pdf_pages_text(pdf):
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    return [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number),
                            str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            for number in range(1, pages + 1)]


def expect_clean_pdfs(folder, manifest, steps):
    """No page of either PDF says how it was built, nor anything of the trainer's or of
    practice; a title page, two steps a page and the end; the large print a step a page."""
    for name, pages in (("guide.pdf", 1 + (steps + 1) // 2 + 1), ("guide-large.pdf", steps + 2)):
        texts = pdf_pages_text(folder / name)
        assert len(texts) == pages, name
        for number, text in enumerate(texts, 1):
            said = [word for word in (*BUILD_WORDS, manifest["fingerprint"],
                                      *builder.UNSEEN_WORDS["en"])
                    if word.lower() in text.lower()]
            assert said == [], f"{name}, page {number}: {said}"


def expect_metadata(folder, manifest, title):
    date = manifest["sources_date"].replace("-", "").replace("T", "").replace(":", "")[:14]
    for name, titled in (("guide.pdf", f"{title} · Illustrated guide"),
                         ("guide-large.pdf", f"{title} · Illustrated guide · Large print")):
        with pikepdf.open(folder / name) as pdf:
            info = pdf.docinfo
            assert str(info["/Title"]) == titled
            assert str(info["/Author"]) == "Weilidai Mock"
            assert str(info["/CreationDate"]) == str(info["/ModDate"]) == f"D:{date}+00'00'"
            assert "HeadlessChrome" not in str(info["/Creator"])
            assert str(info["/GuideFingerprint"]) == manifest["fingerprint"]
            assert str(pdf.Root.Lang) == "en-US"
            assert pdf.open_metadata()["dc:language"] == {"en-US"}


# -- what a PDF page draws, and how large ----------------------------------------------------

def _times(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def drawn(content, resources, ctm=(1, 0, 0, 1, 0, 0)):
    """What a page (or a form it draws) draws: ("image", width in cm) for each image and
    ("text", size in pt) for each string of text, through the content's matrices."""
    found, stack = [], []
    text_matrix, size = (1, 0, 0, 1, 0, 0), 0
    for operands, operator in pikepdf.parse_content_stream(content):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _times(tuple(float(x) for x in operands), ctm)
        elif op == "BT":
            text_matrix = (1, 0, 0, 1, 0, 0)
        elif op == "Tm":
            text_matrix = tuple(float(x) for x in operands)
        elif op == "Tf":
            size = float(operands[1])
        elif op in ("Tj", "TJ", "'", '"'):
            m = _times(text_matrix, ctm)
            found.append(("text", size * math.hypot(m[2], m[3])))
        elif op == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.Subtype == "/Image":
                found.append(("image", math.hypot(ctm[0], ctm[1]) / CM))
            else:
                matrix = tuple(float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                found += drawn(xobject, xobject.get("/Resources", resources),
                               _times(matrix, ctm))
    return found


def expect_large_print(pdf_path, steps):
    """A page a step, its screen at least 9 cm wide; every word on every page at 18 pt or
    more."""
    with pikepdf.open(pdf_path) as pdf:
        pages = [drawn(page.obj, page.Resources) for page in pdf.pages]
    assert len(pages) == steps + 2  # the title page, a page a step, the end
    for number, page in enumerate(pages[1:steps + 1], 1):
        images = [width for kind, width in page if kind == "image"]
        assert len(images) == 1 and images[0] >= guide_media.LARGE_SHOT_MIN_CM, \
            f"step {number}: images {images} cm wide"
    sizes = [size for page in pages for kind, size in page if kind == "text"]
    assert sizes and min(sizes) >= 18 - 0.01, f"text at {min(sizes):.1f} pt"


def expect_projector_video(folder, steps):
    """The MP4 at twice the phone's pixels with a caption track in each language, the
    captions beside it too; the GIF at the phone's size, within its budget."""
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_streams",
         str(folder / "tour.mp4")], capture_output=True, text=True, check=True).stdout)
    video = [s for s in probe["streams"] if s["codec_type"] == "video"]
    assert len(video) == 1 and video[0]["width"] >= 780 and video[0]["height"] >= 1688
    captions = {s["tags"]["language"]: s["disposition"]["default"]
                for s in probe["streams"] if s["codec_type"] == "subtitle"}
    assert captions == {"eng": 1, "chi": 0}  # the English guide's captions by default
    for lang in ("zh", "en"):
        vtt = (folder / f"captions.{lang}.vtt").read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT\n") and vtt.count(" --> ") == steps + 1
    gif = (folder / "tour.gif").read_bytes()
    assert gif[:6] == b"GIF89a" and struct.unpack("<H", gif[6:8])[0] == 390
    assert len(gif) <= guide_media.GIF_BUDGET


# -- what the builder photographs ------------------------------------------------------------

def test_the_builder_refuses_the_trainers_link_which_presentation_mode_hides(page):
    page.goto("/weilidai")
    with pytest.raises(guide_media.GuideError, match="trainer's link"):
        builder.check_unseen(page, "the home", "zh")
    page.goto("/weilidai?present=1")
    expect(page.get_by_test_id("open-stage")).to_have_count(0)
    builder.check_unseen(page, "the home", "zh")


def rgb_pixels(png):
    """A PNG's pixels as rows of (r, g, b), read by ffmpeg."""
    width, height, raw = raw_rgb(png)
    return [[tuple(raw[(y * width + x) * 3:(y * width + x) * 3 + 3]) for x in range(width)]
            for y in range(height)]


def test_the_ring_on_a_dialogs_button_is_drawn_inside_the_dialog(page):
    """Step 7 of closing Weilidai rings 确认关闭, the dialog's bottom-right button: the whole
    ring shows, clear of the dialog's edges and its rounded corner."""
    guide = TourStartPage(page, "close-weilidai").open().start()
    for _ in range(6):
        guide.tap_target()
    guide.expect_step(7, 8)
    page.evaluate("() => document.getAnimations().forEach((a) => a.pause())")
    rows = rgb_pixels(page.get_by_role("dialog").screenshot(animations="disabled"))
    ring = [(x, y) for y, row in enumerate(rows) for x, (r, g, b) in enumerate(row)
            if abs(r - 0xE8) < 40 and abs(g - 0x71) < 40 and b < 70]
    assert ring, "no ring"
    right, bottom = max(x for x, _ in ring), max(y for _, y in ring)
    width, height = len(rows[0]), len(rows)
    assert width - 1 - right >= 3 and height - 1 - bottom >= 3, \
        f"the ring is {width - 1 - right} px from the dialog's right edge, " \
        f"{height - 1 - bottom} px from its bottom"


# -- what make guides leaves behind ----------------------------------------------------------

# make guides as it runs, but with each guide's building and README.md's pictures recorded
# instead of done (``build_one`` and ``readme_pictures`` stand in): where would it write?
WHERE_IT_WRITES = """
import json, sys
from pathlib import Path
from scripts import guide_media, guides as builder
from webapp import guides
calls = []
def build_one(browser, server, recorder, tour, edition, root, **how):
    calls.append(["guide", str(root)])
    return guides.guide_dir(root, tour.id, edition)
builder.build_one = build_one
guide_media.readme_pictures = lambda out, folder, **how: calls.append(["pictures", str(folder)])
status = builder.main(sys.argv[1:])
print(json.dumps([status, calls]))
"""


def where_make_guides_writes(*args):
    done = subprocess.run([sys.executable, "-c", WHERE_IT_WRITES, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "WEILIDAI_GUIDES_DIR": ""})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_building_guides_leaves_git_status_clean():
    """guides/ is ignored by git, and make guides writes nothing else: README.md's pictures
    of a guide come from make guide-pictures (--readme) alone."""
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q",
                              "guides/close-weilidai/zh/guide.pdf"])
    assert ignored.returncode == 0, "guides/ is not in .gitignore"
    assert where_make_guides_writes("--tour", "close-weilidai", "--lang", "zh") == \
        [0, [["guide", str(ROOT / "guides")]]]
    status, calls = where_make_guides_writes("--readme")
    assert status == 0 and [kind for kind, _ in calls] == ["guide", "pictures"]
    assert not calls[0][1].startswith(str(ROOT)) and calls[1][1] == str(ROOT / "docs" / "screens")


# -- the ripple ------------------------------------------------------------------------------

def test_a_ripple_shows_where_a_tap_lands_and_goes_away(page):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/weilidai")
    page.add_style_tag(url="/static/css/ripple.css")
    page.add_script_tag(url="/static/js/ripple.js")
    # Held still (as the guides' video holds it) while it is measured, then let go.
    page.evaluate("""() => window.tapRipple(document, 120, 300)
        .getAnimations().forEach((animation) => animation.pause())""")
    ripple = page.get_by_test_id("tap-ripple")
    expect(ripple).to_have_count(1)
    box = ripple.bounding_box()
    assert abs(box["x"] + box["width"] / 2 - 120) < 1
    assert abs(box["y"] + box["height"] / 2 - 300) < 1
    assert ripple.get_attribute("aria-hidden") == "true"
    page.evaluate("""() => document.querySelector('[data-testid="tap-ripple"]')
        .getAnimations().forEach((animation) => animation.play())""")
    expect(ripple).to_have_count(0)  # it removes itself when its animation ends
    assert problems == []  # nothing refused by the strict CSP
