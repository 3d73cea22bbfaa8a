"""What scripts/guides.py makes of a played tour: the pages (index.html, guide.md, guide.pdf)
and the video (tour.mp4, tour.gif), with the checks a person would make of them.

Tools from the system, not Python packages: ffmpeg (the video) and poppler-utils
(pdftotext reads the PDF back, pdftoppm draws a page for the README).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

from flask import render_template

from webapp import guides
from webapp.i18n import LANGUAGES, force_language

ROOT = Path(__file__).resolve().parent.parent
GUIDE_CSS = ROOT / "static" / "css" / "guide.css"
# The font guide.css names for each language; the guide is checked to be drawn in it.
PAGE_FONTS = {"zh": "Noto Sans CJK SC", "en": "DejaVu Sans"}
FONT_PACKAGES = {"Noto Sans CJK SC": "fonts-noto-cjk", "DejaVu Sans": "fonts-dejavu-core"}
TOOLS = {"ffmpeg": "ffmpeg", "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils"}


def missing_tools():
    """A message naming the tools that are not installed and how to get them, or ''."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return ""
    packages = sorted({TOOLS[tool] for tool in missing})
    return f"make guides needs {', '.join(missing)}: apt-get install {' '.join(packages)}"


class GuideError(RuntimeError):
    """A guide cannot be made as things stand: the app did not draw what the tour says, a
    tool failed, or a check of the result did."""


def run(*command):
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError as error:
        raise GuideError(f"{command[0]} failed: {error.stderr.strip()}") from None


def compact_png(path):
    """A screenshot in 256 colours, as pngquant would: half the bytes, no visible change on
    the screens' flat colours, and the same bytes every run."""
    smaller = path.with_suffix(".tmp.png")
    run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(path), "-vf",
        "split[a][b];[a]palettegen=max_colors=256:reserve_transparent=0[p];"
        "[b][p]paletteuse=dither=none", "-fflags", "+bitexact", str(smaller))
    smaller.replace(path)


# -- the video -------------------------------------------------------------------------------

class Film:
    """Frames of a played tour, each with how long it shows. ``hold`` is the page as it is;
    ``tap`` is static/js/ripple.js's ripple where a finger lands, frame by frame: every
    animation on the page is paused and the ripple's moved on by hand, so two runs give the
    same frames."""

    def __init__(self, folder, fps, ripple_ms, ripple_urls, scale, enabled=True):
        self.folder, self.fps, self.ripple_ms = Path(folder), fps, ripple_ms
        # Frames are taken at the device's pixels, as the stills are, and ffmpeg brings them
        # down to the phone's: Chromium's own scaled screenshots (scale="css") now and then
        # placed an edge a pixel apart from one run to the next.
        self.scale = scale
        self.ripple_css, self.ripple_js = ripple_urls
        self.enabled = enabled
        self.frames = []  # (path, seconds)

    def _frame(self, page, seconds, animations):
        path = self.folder / f"{len(self.frames):05d}.png"
        page.screenshot(path=str(path), scale="device", caret="hide", animations=animations)
        self.frames.append((path, seconds))

    def hold(self, page, seconds):
        if self.enabled:
            self._frame(page, seconds, "disabled")

    def tap(self, page, element):
        if not self.enabled:
            return
        box = element.bounding_box()
        if box is None:
            return
        if not page.evaluate("() => typeof window.tapRipple === 'function'"):
            page.add_style_tag(url=self.ripple_css)
            page.add_script_tag(url=self.ripple_js)
        page.evaluate("""([x, y]) => {
            document.getAnimations().forEach((a) => { a.pause(); a.currentTime = 0; });
            const ring = window.tapRipple(document, x, y);
            ring.getAnimations().forEach((a) => a.pause());
            window.__guideRipple = ring;
        }""", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        step = 1000 / self.fps
        for number in range(round(self.ripple_ms / step)):
            page.evaluate("(t) => window.__guideRipple.getAnimations()"
                          ".forEach((a) => { a.currentTime = t; })", number * step)
            self._frame(page, 1 / self.fps, "allow")
        page.evaluate("() => { window.__guideRipple.remove(); }")


def write_video(film, out):
    """tour.mp4 (H.264, plays everywhere) and tour.gif (slides and chat), from the frames."""
    listing = film.folder / "frames.txt"
    lines = []
    for path, seconds in film.frames:
        lines += [f"file '{path.name}'", f"duration {seconds:.3f}"]
    lines.append(f"file '{film.frames[-1][0].name}'")  # the concat demuxer's last duration
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = ("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
              "-f", "concat", "-safe", "0", "-i", str(listing))
    quiet = ("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact")
    phone = f"scale=iw/{film.scale}:ih/{film.scale}:flags=area"
    run(*source, "-vf", f"{phone},fps={film.fps},format=yuv420p", "-c:v", "libx264",
        "-preset", "slow", "-crf", "26", "-tune", "stillimage", "-threads", "1",
        "-movflags", "+faststart", *quiet, str(out / "tour.mp4"))
    # A GIF keeps a frame as long as the page holds still: 10 frames a second is smooth
    # enough for the ripple, and one palette for the whole tour keeps its colours steady.
    run(*source, "-vf", f"{phone},fps=10,split[a][b];"
        "[a]palettegen=stats_mode=diff:max_colors=128[p];"
        "[b][p]paletteuse=dither=none:diff_mode=rectangle", "-loop", "0", *quiet,
        str(out / "tour.gif"))


# -- the pages -------------------------------------------------------------------------------

def render_pages(app, capture, manifest, browser_name, sections, video):
    """The guide's index.html and guide.md, as text, in the capture's language."""
    edition = capture.edition
    context = {
        "words": capture.words,
        "edition": edition,
        "shots": capture.shots,
        "end_image": capture.end_image,
        "fingerprint": manifest["fingerprint"],
        "rebuild": guides.rebuild_command(),
        "browser": browser_name,
        "fonts": ", ".join(sorted(capture.fonts)),
        "page_fonts": PAGE_FONTS[edition.lang],
        "html_lang": LANGUAGES[edition.lang],
        "sections": sections,
        "video": video,
    }
    with app.test_request_context(), force_language(edition.lang):
        html = render_template("guides/guide.html", **context)
        markdown = render_template("guides/guide.md", **context)
    return html.strip() + "\n", markdown.strip() + "\n"


def write_documents(app, browser, capture, out, manifest, browser_name, sections, video,
                    tools=True):
    """index.html, guide.css and guide.md beside the screenshots, then guide.pdf printed
    from index.html. With ``tools`` (ffmpeg, poppler) the screenshots are made smaller and
    the PDF is read back: every step's caption in it, in order."""
    if tools:
        for image in [shot.image for shot in capture.shots] + [capture.end_image]:
            compact_png(out / image)
    html, markdown = render_pages(app, capture, manifest, browser_name, sections, video)
    (out / "index.html").write_text(html, encoding="utf-8")
    (out / "guide.md").write_text(markdown, encoding="utf-8")
    shutil.copyfile(GUIDE_CSS, out / "guide.css")
    print_pdf(browser, out, PAGE_FONTS[capture.edition.lang])
    if tools:
        check_pdf_text(out / "guide.pdf", [shot.hint for shot in capture.shots])


def write_manifest(out, manifest):
    manifest = {**manifest, "files": sorted(p.name for p in out.iterdir()
                                           if p.name != guides.MANIFEST)}
    (out / guides.MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8")


def print_pdf(browser, out, font):
    """guide.pdf: index.html printed to A4 by Chromium (guide.css's print rules), drawn in
    ``font``, the one guide.css names; its dates fixed, so two runs give the same file."""
    page = browser.new_page()
    try:
        page.goto((out / "index.html").as_uri(), wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.emulate_media(media="print")
        used = fonts_of(page)
        if font not in used:
            raise GuideError(f"the guide is drawn in {', '.join(sorted(used))}, not {font}: "
                             f"apt-get install {FONT_PACKAGES[font]}")
        page.pdf(path=str(out / "guide.pdf"), format="A4", print_background=True,
                 prefer_css_page_size=True, tagged=True, outline=True)
    finally:
        page.close()
    _fix_dates(out / "guide.pdf")


def fonts_of(page):
    """The platform fonts Chromium drew the page's text with (family names)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
        found = cdp.send("DOM.querySelectorAll", {"nodeId": root["nodeId"],
                                                  "selector": "body *"})
        fonts = set()
        for node_id in found["nodeIds"]:
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]:
                fonts.add(font["familyName"])
        return fonts
    finally:
        cdp.detach()


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) ?\(D:)[0-9]{14}")


def _fix_dates(path):
    """Chromium stamps the PDF with the time it printed it: the same date every time instead
    (same length, so no offset in the file moves)."""
    path.write_bytes(_PDF_DATE.sub(rb"\g<1>20000101000000", path.read_bytes()))


def squash(text):
    return re.sub(r"\s+", "", text)


def check_pdf_text(pdf, captions):
    """Every step's caption is in the PDF's text, in order (as pdftotext reads it)."""
    text = squash(run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    at = 0
    for number, caption in enumerate(captions, 1):
        found = text.find(squash(caption), at)
        if found < 0:
            raise GuideError(f"{pdf}: step {number}'s caption is not in the PDF's text "
                             f"after step {number - 1}'s: {caption!r}")
        at = found + 1


# -- the README's pictures of a guide --------------------------------------------------------

def readme_pictures(out, folder, frame_at, video=True):
    """A page of the PDF (steps 1 and 2) and the video's frame at ``frame_at`` seconds (a
    tap's ripple), for README.md: docs/screens/guide-pdf-page.png and guide-video-frame.png."""
    folder.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile",
        str(out / "guide.pdf"), str(folder / "guide-pdf-page"))
    if video:
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-ss", f"{frame_at:.2f}",
            "-i", str(out / "tour.mp4"), "-frames:v", "1", "-map_metadata", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact",
            str(folder / "guide-video-frame.png"))
