"""Build every tour's illustrated guide from the running app (``make guides``).

    python scripts/guides.py                          # every tour, zh and en
    python scripts/guides.py --tour why-frozen --lang en --no-video
    python scripts/guides.py --care                   # the 关怀模式 editions too
    python scripts/guides.py --readme                 # README.md's pictures of a guide

For each tour and language it serves the app in-process (under its default settings, whatever
the environment says), starts the tour in headless Chromium at the phone's size, in
presentation mode (no trainer's link on the phone), and taps through it as a trainee would,
by the tour's data: the step's target, the demo password where a step types it, 知道了 on a
read step, the trainer's panel opened where the target is in it. Each step is photographed
with the server's ring and hint on it, and refused if the screen shows the trainer's tools
or practice wording. Then it writes, into ``guides/<tour>/<edition>/`` (webapp/guides.py):

- ``step-NN.png`` and ``end.png``: the screens, at twice the phone's pixels;
- ``index.html`` (with ``guide.css`` beside it) and ``guide.md``: the guide, the images beside;
- ``guide.pdf``: the same page printed by Chromium on A4 (a title page, two steps a page);
- ``large.html`` and ``guide-large.pdf``: the large-print step cards, a step a page of A4;
- ``tour.mp4``: the tour played through at twice the phone's pixels (for a projector), every
  tap shown by the ripple of static/js/ripple.js, with the steps' words as captions in
  Chinese and English (also beside it: ``captions.zh.vtt``, ``captions.en.vtt``); and
  ``tour.gif``, the same at the phone's size for a chat, within a size budget;
- ``guide.json``: the manifest: the fingerprint that the app and tests/web/test_guides.py
  check, the browser and fonts that drew it; the PDFs' metadata says the same, no page does.

Deterministic: the scenarios' simulated dates are fixed, animations are paused, Chromium draws
with the system's fonts (guide.json names them), the PDFs' dates are when the guide's sources
last changed, and two runs give the same text and pixels.
Needs ffmpeg and poppler-utils (Debian: ``apt-get install ffmpeg poppler-utils``).
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for `webapp` and `e2e`, when run as a script

from scripts import guide_media  # noqa: E402
from scripts.guide_media import GuideError  # noqa: E402
from webapp import config as settings  # noqa: E402
from webapp import guides  # noqa: E402

PHONE = {"width": 390, "height": 844}
SCALE = 2  # the stills' device pixels per CSS pixel: sharp on paper
LOCALES = guide_media.LOCALES
TIMEOUT_MS = 15_000
# The video: a still per step, held; the ripple, frame by frame; the end held longer.
FPS = 20
HOLD_S = 1.8
FILL_S = 0.8
END_S = 3.0
RIPPLE_MS = 600
# What README.md shows of the guides (--readme): a page of each PDF and a frame of the video.
README_GUIDE = ("close-weilidai", guides.Edition("zh"))
README_DIR = ROOT / "docs" / "screens"
# Words a trainee is never shown in a guide, in any case: the trainer's tools, and practice
# (a tour is a 教程; a practice, /practice, is another thing). The builder refuses a screen
# that shows them (check_unseen), the tests a page of the guide (tests/web/test_guides.py).
UNSEEN_WORDS = {"zh": ("培训师", "练习"), "en": ("trainer", "practice")}


@dataclass
class Shot:
    """One step as the guide shows it."""

    number: int
    hint: str
    image: str  # file name beside the guide


@dataclass
class Capture:
    words: dict  # webapp.guides.tour_words()
    edition: guides.Edition
    shots: list = field(default_factory=list)
    end_image: str = "end.png"
    templates: set = field(default_factory=set)
    fonts: set = field(default_factory=set)
    starts: list = field(default_factory=list)  # each step's start in the video, in seconds
    ended: float = 0.0  # the video's length
    # The large print's screens: 关怀模式's (build_one); the same as shots and end_image in
    # a 关怀模式 edition.
    large_shots: list = field(default_factory=list)
    large_end_image: str = ""

    def images(self):
        return sorted({shot.image for shot in self.shots + self.large_shots}
                      | {self.end_image, self.large_end_image} - {""})


# -- driving a tour --------------------------------------------------------------------------

def by_testid(page, testid):
    """The first visible element with this test id (a target can be drawn twice: in the
    panel and in the phone)."""
    return page.locator(f'[data-testid="{testid}"] >> visible=true').first


def tap(element):
    """A tap as static/js/tour-autoplay.js makes one: the element's click(). No mouse is
    moved, so nothing is left hovered on the next page (a hover that came and went with
    Chromium's timing made two runs' frames differ)."""
    element.evaluate("(el) => el.click()")


def expect_screen(page, screen, where):
    main = page.locator(f'main[data-testid="screen-{screen}"]')
    try:
        main.wait_for(state="visible", timeout=TIMEOUT_MS)
    except Exception:
        shown = page.locator("main").first.get_attribute("data-testid") or "no <main>"
        raise GuideError(f"{where}: expected the screen {screen}, the page shows {shown} "
                         f"({page.url})") from None


def ringed_target(page, step, where, film):
    """The step's target, visible: where it is in the panel behind its ringed opener (a
    narrow screen), the opener is tapped first, as a trainee would."""
    target = by_testid(page, step.target)
    if target.count():
        return target
    opener = page.locator('[data-testid="panel-open"].is-tour-target >> visible=true').first
    if not opener.count():
        raise GuideError(f"{where}: no visible {step.target!r} and no ringed way to it")
    settle(page)
    film.hold(page, HOLD_S)
    film.tap(page, opener)
    tap(opener)
    try:
        by_testid(page, step.target).wait_for(state="visible", timeout=TIMEOUT_MS)
    except Exception:
        raise GuideError(f"{where}: the panel opened without a visible {step.target!r}") from None
    return by_testid(page, step.target)


def check_unseen(page, where, lang):
    """Nothing of the trainer's and no practice wording on the screen: the trainer's link
    (presentation mode hides it), 练习 where a tour is meant (a tour is a 教程)."""
    if page.locator('[data-testid="open-stage"] >> visible=true').count():
        raise GuideError(f"{where}: the screen shows the trainer's link ({page.url})")
    text = page.evaluate("() => document.body.innerText").lower()
    shown = [word for word in UNSEEN_WORDS[lang] if word in text]
    if shown:
        raise GuideError(f"{where}: the screen says {', '.join(shown)}, which a trainee's "
                         f"guide must not ({page.url})")


def check_ring(page, where):
    rings = page.locator(".is-tour-target:not([data-testid=panel-open])")
    if not rings.count() or not page.get_by_test_id("tour-hint").count():
        raise GuideError(f"{where}: the page draws no ring or hint for the step ({page.url})")


def bring_into_view(target):
    """The target and its hint well inside the viewport: left where they are when they
    already are, else scrolled (their own scroller: the page, or the panel) to the middle."""
    target.evaluate("""(el) => {
        const margin = 24;
        const parts = [el, document.querySelector('[data-testid="tour-hint"]')].filter(Boolean);
        const rects = parts.map((part) => part.getBoundingClientRect());
        const top = Math.min(...rects.map((r) => r.top));
        const bottom = Math.max(...rects.map((r) => r.bottom));
        if (top >= margin && bottom <= innerHeight - margin) return;
        let scroller = el.parentElement;
        while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                             && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) {
            scroller = scroller.parentElement;
        }
        scroller = scroller || document.scrollingElement;
        const fits = bottom - top + 2 * margin <= innerHeight;
        scroller.scrollTop += fits ? (top + bottom - innerHeight) / 2 : top - margin;
    }""")


def settle(page):
    """Whatever the page still loads drawn: its fonts, its images decoded, two frames."""
    page.evaluate("""() => Promise.all([
        document.fonts.ready,
        ...[...document.images].map((image) => image.decode().catch(() => null)),
    ]).then(() => new Promise((done) => {
        requestAnimationFrame(() => requestAnimationFrame(done));
    }))""")


def still(page, path):
    page.screenshot(path=str(path), animations="disabled", caret="hide", scale="device")


def set_care_mode(page):
    """关怀模式 on, by its switch in 我 → 设置, as a user turns it on."""
    page.goto("/me/settings")
    switch = page.get_by_test_id("care-switch")
    if not switch.is_checked():
        with page.expect_navigation():
            tap(switch)
    if not page.locator("html.care").count():
        raise GuideError("关怀模式 did not come on from 我 → 设置")


def capture(page, app, recorder, tour, edition, out, film, care, prefix="step", end="end.png"):
    """Play ``tour`` in ``page`` (in 关怀模式 with ``care``): a still per step into ``out``
    (``<prefix>-NN.png``, then ``end``), frames into ``film``."""
    words = guides.tour_words(app, tour, edition.lang)
    played = Capture(words=words, edition=edition, end_image=end)
    page.goto(f"/tours/{tour.id}?lang={edition.lang}&present=1")
    if care:
        set_care_mode(page)
        page.goto(f"/tours/{tour.id}")
    expect_screen(page, "tour-start", f"{tour.id}: the start page")
    recorder.start()
    with page.expect_navigation():
        tap(page.get_by_test_id("start-tour"))
    for number, (step, said) in enumerate(zip(tour.steps, words["steps"]), 1):
        where = f"{tour.id} ({edition.name}), step {number}"
        played.starts.append(film.elapsed)
        page.wait_for_load_state()
        expect_screen(page, step.screen, where)
        target = ringed_target(page, step, where, film)
        check_ring(page, where)
        bring_into_view(target)
        settle(page)
        check_unseen(page, where, edition.lang)
        image = f"{prefix}-{number:02d}.png"
        still(page, out / image)
        played.fonts |= guide_media.fonts_of(page)
        film.hold(page, HOLD_S)
        if step.fill:
            by_testid(page, step.fill[0]).fill(step.fill[1])
            settle(page)
            film.hold(page, FILL_S)
        tapped = by_testid(page, "tour-next") if step.read else target
        film.tap(page, tapped)
        with page.expect_navigation(timeout=TIMEOUT_MS):
            tap(tapped)
        played.shots.append(Shot(number, said["hint"], image))
    page.wait_for_load_state()
    settle(page)
    if not page.get_by_test_id("tour-finished").count():
        raise GuideError(f"{tour.id} ({edition.name}): the last step did not finish the tour")
    check_unseen(page, f"{tour.id} ({edition.name}), the end", edition.lang)
    still(page, out / played.end_image)
    played.starts.append(film.elapsed)
    film.hold(page, END_S)
    played.ended = film.elapsed
    played.templates = recorder.stop()
    return played


class TemplateRecorder:
    """The templates the app renders while a tour is played (flask.template_rendered; the
    server's threads call it)."""

    def __init__(self, app):
        from flask import template_rendered

        self.names, self.on = set(), False
        template_rendered.connect(self._rendered, app)

    def _rendered(self, app, template, context, **extra):
        if self.on and template.name:
            self.names.add(template.name)

    def start(self):
        self.names, self.on = set(), True

    def stop(self):
        self.on = False
        return set(self.names)


# -- one guide -------------------------------------------------------------------------------

def build_one(browser, server, recorder, tour, edition, root, video=True):
    """Play the tour and write its guide into ``root/<tour>/<edition>/``; return the folder."""
    out = guides.guide_dir(root, tour.id, edition)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    browser_name = f"Chromium {browser.version}"
    with tempfile.TemporaryDirectory(prefix="guide-frames-") as frames:
        film = guide_media.Film(Path(frames), FPS, RIPPLE_MS, ripple_urls(server.app),
                                enabled=video)
        played = play(browser, server, recorder, tour, edition, out, film, care=edition.care)
        # The large print shows 关怀模式's screens whatever the edition: printed beside the
        # default ones at the cards' size, their words are a fifth larger and bolder, which
        # is what an older trainee reads on paper (README.md, "Large print with 关怀模式's
        # screens"). Outside 关怀模式 the tour is played a second time for them, stills only.
        if edition.care:
            played.large_shots, played.large_end_image = played.shots, played.end_image
        else:
            stills = guide_media.Film(Path(frames), FPS, RIPPLE_MS, None, enabled=False)
            large = play(browser, server, recorder, tour, edition, out, stills, care=True,
                         prefix="large", end="large-end.png")
            played.large_shots, played.large_end_image = large.shots, large.end_image
            played.fonts |= large.fonts
            played.templates |= large.templates
        stamp = guides.stamp(server.app, tour, edition, played.templates)
        date = guide_media.sources_date(guide_media.source_paths(stamp["inputs"]))
        manifest = {**stamp, "browser": browser_name, "fonts": sorted(played.fonts),
                    "sources_date": date.isoformat()}
        meta = guide_media.PdfMeta(
            title=played.words["title"], lang=LOCALES[edition.lang],
            subject=played.words["summary"], date=date, fingerprint=stamp["fingerprint"],
            creator=f"Weilidai Mock, {guides.rebuild_command()} ({browser_name})")
        guide_media.write_documents(server.app, browser, played, out, meta, video=video)
        if video:
            guide_media.write_captions(out, guide_media.caption_cues(
                server.app, tour, played.starts, played.ended))
            guide_media.write_video(film, out, edition.lang)
    # Last: a folder with a manifest is a finished guide (the app serves it, the tests check it).
    guide_media.write_manifest(out, manifest)
    return out


def play(browser, server, recorder, tour, edition, out, film, **how):
    """``capture()`` in a browser context of its own: a new session, a new account."""
    context = browser.new_context(
        base_url=server.url, viewport=PHONE, device_scale_factor=SCALE,
        locale=LOCALES[edition.lang], timezone_id="Asia/Shanghai", color_scheme="light",
        reduced_motion="no-preference")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        return capture(context.new_page(), server.app, recorder, tour, edition, out, film, **how)
    finally:
        context.close()


def ripple_urls(app):
    from flask import url_for

    with app.test_request_context():
        return (url_for("static", filename="css/ripple.css"),
                url_for("static", filename="js/ripple.js"))


# -- the command -----------------------------------------------------------------------------

def parse_args(argv):
    from webapp.tours import TOURS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tour", nargs="+", choices=list(TOURS), metavar="ID",
                        help=f"only these tours (default: all: {', '.join(TOURS)})")
    parser.add_argument("--lang", nargs="+", choices=["zh", "en"], default=["zh", "en"])
    parser.add_argument("--care", action="store_true",
                        help="the 关怀模式 editions too (larger text, for older trainees)")
    parser.add_argument("--no-video", dest="video", action="store_false",
                        help="skip the MP4 and GIF (a third faster)")
    parser.add_argument("--out", type=Path,
                        default=Path(os.environ.get("WEILIDAI_GUIDES_DIR") or ROOT / "guides"),
                        help="where the guides go (default: what the app serves, "
                             "$WEILIDAI_GUIDES_DIR or guides/)")
    parser.add_argument("--readme", action="store_true",
                        help=f"only README.md's pictures of a guide, into "
                             f"{README_DIR.relative_to(ROOT)}/guide-*.png (make guide-pictures): "
                             f"{README_GUIDE[0]} in {README_GUIDE[1].name}, built in a "
                             f"temporary folder")
    args = parser.parse_args(argv)
    args.tour = args.tour or list(TOURS)
    if args.readme:
        args.tour, args.lang, args.care, args.video = [README_GUIDE[0]], [README_GUIDE[1].lang], \
            False, True
    return args


def main(argv=None):
    args = parse_args(argv)
    missing = guide_media.missing_tools()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    editions = [guides.Edition(lang, care) for care in ([False, True] if args.care else [False])
                for lang in args.lang]
    started = time.monotonic()
    built = []
    with tempfile.TemporaryDirectory(prefix="guides-readme-") as scratch:
        root = Path(scratch) if args.readme else args.out.resolve()
        failed = build_all(args, editions, root, built)
        if failed:
            print(f"\nmake guides: {failed}", file=sys.stderr)
            return 1
        if args.readme:
            # The first tap's ripple, a quarter grown.
            guide_media.readme_pictures(built[0], README_DIR,
                                        frame_at=HOLD_S + RIPPLE_MS / 4000)
            print(f"README.md's pictures in {shown(README_DIR)}/guide-*.png.")
            return 0
    print(f"{len(built)} guides in {time.monotonic() - started:.0f} s.")
    return 0


def build_all(args, editions, root, built):
    """Build every guide ``args`` asks for into ``root``, appending each folder to ``built``;
    return what went wrong, or None."""
    from playwright.sync_api import sync_playwright

    from e2e import browser as chromium
    from e2e.live_server import LiveServer
    from webapp.tours import TOURS

    # The app under its defaults: a planted fault or another threshold in the environment
    # must not end up in a handout.
    config = {**settings.DEFAULTS, "SECRET_KEY": "guides-only-not-a-secret"}
    with LiveServer(config=config) as server, sync_playwright() as playwright:
        recorder = TemplateRecorder(server.app)
        browser = playwright.chromium.launch(**chromium.launch_args())
        try:
            for tour_id in args.tour:
                for edition in editions:
                    began = time.monotonic()
                    out = build_one(browser, server, recorder, TOURS[tour_id], edition, root,
                                    video=args.video)
                    built.append(out)
                    print(f"  {shown(out)}  ({time.monotonic() - began:.0f} s)", flush=True)
            if not args.readme:
                for lang in args.lang:
                    combined = guide_media.write_print_all(server.app, root, lang,
                                                           list(TOURS.values()))
                    if combined:
                        print(f"  {shown(combined)}  (every {lang} guide's large print)")
        except GuideError as error:
            return str(error)
        finally:
            browser.close()
    return None


def shown(path):
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


if __name__ == "__main__":
    sys.exit(main())
