"""make guides against the app as it is now, and the tap ripple that its videos and the
trainer's stage share (static/js/ripple.js, static/css/ripple.css).

The builder taps through a tour by the tour's data, so a change to the screens that breaks it
(a target no longer drawn, a ring gone, a panel moved) fails here, not on the day the guides
are rebuilt. It runs as ``make guides`` does, in a process of its own, with ``--quick``: no
video and no read-back of the PDF, so make test needs neither ffmpeg nor poppler.
"""

import re
import struct
import subprocess
import sys
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import expect

from webapp import create_app, guides
from webapp.tours import TOURS

ROOT = Path(__file__).resolve().parent.parent
PHONE_PIXELS = (780, 1688)  # 390 x 844 at twice the pixels


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_make_guides_plays_a_tour_through_into_a_guide_that_is_fresh(tmp_path, page):
    tour = TOURS["why-frozen"]  # a step in the panel, read steps, a tap, a condition
    done = subprocess.run(
        [sys.executable, "scripts/guides.py", "--tour", tour.id, "--lang", "en", "--quick",
         "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / tour.id / "en"
    manifest = guides.read_manifest(folder)
    app = create_app({"SECRET_KEY": "e2e-tests-only-not-a-secret"})
    assert guides.staleness(app, tour, guides.Edition("en"), manifest) == []
    assert "weilidai/home.html" in manifest["templates"]
    assert "settings/faq.html" in manifest["templates"]

    html = (folder / "index.html").read_text(encoding="utf-8")
    hints = [step["hint"] for step in guides.tour_words(app, tour, "en")["steps"]]
    shown = re.findall(r'<p class="step__hint" data-testid="guide-hint">([^<]*)</p>', html)
    assert [text.replace("&#34;", '"').replace("&#39;", "'") for text in shown] == hints
    for number in range(1, len(tour) + 1):
        assert png_size(folder / f"step-{number:02d}.png") == PHONE_PIXELS
    assert png_size(folder / "end.png") == PHONE_PIXELS

    pdf = (folder / "guide.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # A title page, two steps a page, and the end's page.
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 1 + (len(tour) + 1) // 2 + 1
    assert manifest["fingerprint"] in (folder / "guide.md").read_text(encoding="utf-8")

    # The guide's page, opened from the folder as a trainer would: axe-core finds nothing.
    page.goto((folder / "index.html").as_uri())
    page.add_script_tag(content=AXE_SCRIPT)
    results = AxeResults(page.evaluate("() => axe.run(document, {resultTypes: ['violations']})"))
    assert results.violations_count == 0, results.generate_report()


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
