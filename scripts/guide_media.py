"""What scripts/guides.py makes of a played tour: the pages (index.html, large.html,
guide.md), the PDFs printed from them (guide.pdf, guide-large.pdf) with their metadata, the
video (tour.mp4 with its captions, tour.gif) and the captions (captions.zh.vtt,
captions.en.vtt), with the checks a person would make of them.

Tools from the system, not Python packages: ffmpeg (the video), poppler-utils (pdftotext
and pdfimages read the PDFs back). The PDFs' metadata is written with pikepdf (pyproject's
test extra, which make guides installs).
"""

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from flask import render_template
from markupsafe import Markup, escape

from webapp import guides
from webapp.i18n import LANGUAGES, force_language, gettext

ROOT = Path(__file__).resolve().parent.parent
GUIDE_CSS = ROOT / "static" / "css" / "guide.css"
# The font guide.css names for each language; the guide is checked to be drawn in it.
PAGE_FONTS = {"zh": "Noto Sans CJK SC", "en": "DejaVu Sans"}
FONT_PACKAGES = {"Noto Sans CJK SC": "fonts-noto-cjk", "DejaVu Sans": "fonts-dejavu-core"}
TOOLS = {"ffmpeg": "ffmpeg", "pdftotext": "poppler-utils", "pdfimages": "poppler-utils",
         "pdftoppm": "poppler-utils"}
AUTHOR = "Weilidai Mock"
# A guide's language as the browser that plays it is set to and as its PDFs name it.
LOCALES = {"zh": "zh-CN", "en": "en-US"}
# The large-print cards' screens are at least this wide on paper (static/css/guide.css).
LARGE_SHOT_MIN_CM = 9.0
# What a GIF may weigh: small enough to send in a chat (WeChat refused animated stickers over
# 500 KB for years) and to put on a slide. tour.gif is checked against it when it is made.
GIF_BUDGET = 500 * 1024
# The captions' languages, each video carries both: the guide's own is the default track.
CAPTION_LANGS = ("zh", "en")
MP4_LANGUAGE = {"zh": "chi", "en": "eng"}  # ISO 639-2, as MP4 names a track's language


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


# -- when the guide's sources last changed ---------------------------------------------------

def sources_date(paths):
    """When the files a guide is made from last changed, as an aware UTC datetime: the date
    of the last commit that touched any of ``paths`` (relative to the project), or, where one
    of them has changes not committed, the newest of their modification times; the newest
    modification time of all where there is no git. ``SOURCE_DATE_EPOCH`` (the reproducible
    builds' convention) overrides it. The same sources give the same date, so two builds give
    the same PDFs."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return _utc(int(os.environ["SOURCE_DATE_EPOCH"]))
    paths = sorted(set(paths))
    existing = [ROOT / path for path in paths if (ROOT / path).exists()]
    try:
        changed = _git("status", "--porcelain", "--", *paths)
        committed = _git("log", "-1", "--format=%ct", "--", *paths).strip()
    except (OSError, subprocess.CalledProcessError):
        return _utc(max(_newest_mtime(path) for path in existing))
    dirty = [ROOT / line[3:].split(" -> ")[-1] for line in changed.splitlines() if line]
    stamps = [int(committed)] if committed else []
    stamps += [_newest_mtime(path) for path in dirty if path.exists()]
    return _utc(max(stamps) if stamps else max(_newest_mtime(path) for path in existing))


def _git(*args):
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True,
                          text=True).stdout


def _newest_mtime(path):
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return max(int(p.stat().st_mtime) for p in files)


def _utc(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def source_paths(inputs):
    """The files behind a guide's inputs (webapp/guides.inputs()): the named files, and for
    the tour's words the tours' package, the article's headings and the catalogue."""
    named = [name for name in inputs if name != "tour"]
    return named + ["webapp/tours", "webapp/guides.py",
                    "webapp/translations/en/LC_MESSAGES/messages.po"]


# -- the video -------------------------------------------------------------------------------

class Film:
    """Frames of a played tour, each with how long it shows. ``hold`` is the page as it is;
    ``tap`` is static/js/ripple.js's ripple where a finger lands, frame by frame: every
    animation on the page is paused and the ripple's moved on by hand, so two runs give the
    same frames. ``elapsed`` is where the film is, in seconds: the captions' cues start at
    the step's."""

    def __init__(self, folder, fps, ripple_ms, ripple_urls, enabled=True):
        self.folder, self.fps, self.ripple_ms = Path(folder), fps, ripple_ms
        self.ripple_css, self.ripple_js = ripple_urls or (None, None)
        self.enabled = enabled
        self.frames = []  # (path, seconds)
        self.elapsed = 0.0

    def _frame(self, page, seconds, animations):
        path = self.folder / f"{len(self.frames):05d}.png"
        page.screenshot(path=str(path), scale="device", caret="hide", animations=animations)
        self.frames.append((path, seconds))
        self.elapsed += seconds

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


def caption_cues(app, tour, starts, end):
    """Each language's cues, ``{lang: [(start, end, text)]}``: a step's number and words from
    the moment its screen shows (``starts``, in seconds) to the next one's, then 教程完成 and
    the tour's title until ``end``."""
    cues = {}
    for lang in CAPTION_LANGS:
        words = guides.tour_words(app, tour, lang)
        total = len(words["steps"])
        with app.test_request_context(), force_language(lang):
            texts = [gettext("第 %(n)s/%(total)s 步", n=number, total=total) + gettext("：")
                     + step["hint"] for number, step in enumerate(words["steps"], 1)]
            texts.append(gettext("教程完成") + gettext("：") + words["title"])
        bounds = [*starts, end]
        cues[lang] = [(bounds[number], bounds[number + 1], text)
                      for number, text in enumerate(texts)]
    return cues


def webvtt(cues):
    """A WebVTT file's text: numbered cues, their text escaped as WebVTT asks."""
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, 1):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [str(number), f"{_vtt_time(start)} --> {_vtt_time(end)}", text, ""]
    return "\n".join(lines)


def _vtt_time(seconds):
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis / 1000:06.3f}"


def caption_file(lang):
    return f"captions.{lang}.vtt"


def write_captions(out, cues):
    for lang, lang_cues in cues.items():
        (out / caption_file(lang)).write_text(webvtt(lang_cues), encoding="utf-8")


def write_video(film, out, lang):
    """tour.mp4 at the device's pixels (780×1688: sharp on a projector) with the captions in
    every language as subtitle tracks (``lang``'s the default), and tour.gif at the phone's
    (for chat and slides, within GIF_BUDGET), from the frames."""
    listing = film.folder / "frames.txt"
    lines = []
    for path, seconds in film.frames:
        lines += [f"file '{path.name}'", f"duration {seconds:.3f}"]
    lines.append(f"file '{film.frames[-1][0].name}'")  # the concat demuxer's last duration
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = ("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
              "-f", "concat", "-safe", "0", "-i", str(listing))
    quiet = ("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact")
    captions, tracks = [], []
    for number, caption_lang in enumerate(CAPTION_LANGS, 1):
        captions += ["-i", str(out / caption_file(caption_lang))]
        tracks += ["-map", str(number), f"-metadata:s:s:{number - 1}",
                   f"language={MP4_LANGUAGE[caption_lang]}",
                   f"-disposition:s:{number - 1}", "default" if caption_lang == lang else "0"]
    run(*source, *captions, "-map", "0:v", *tracks,
        "-vf", f"fps={film.fps},format=yuv420p", "-c:v", "libx264",
        "-preset", "slow", "-crf", "26", "-tune", "stillimage", "-threads", "1",
        "-c:s", "mov_text", "-movflags", "+faststart", *quiet, str(out / "tour.mp4"))
    # A GIF keeps a frame as long as the page holds still: 10 frames a second is smooth
    # enough for the ripple, and one palette for the whole tour keeps its colours steady.
    run(*source, "-vf", "scale=iw/2:ih/2:flags=area,fps=10,split[a][b];"
        "[a]palettegen=stats_mode=diff:max_colors=128[p];"
        "[b][p]paletteuse=dither=none:diff_mode=rectangle", "-loop", "0", *quiet,
        str(out / "tour.gif"))
    weight = (out / "tour.gif").stat().st_size
    if weight > GIF_BUDGET:
        raise GuideError(f"{out / 'tour.gif'} weighs {weight // 1024} KB, over its budget of "
                         f"{GIF_BUDGET // 1024} KB (scripts/guide_media.py, GIF_BUDGET)")


# -- the pages -------------------------------------------------------------------------------

_QUOTED = re.compile(r"“([^”]+)”")


def tap_names(text):
    """A step's words with what to tap, the names the article puts in quotes, in bold."""
    return Markup(_QUOTED.sub(r"“<strong>\1</strong>”", str(escape(text))))


def render_pages(app, capture, video):
    """The guide's index.html, large.html and guide.md, as text, in the capture's language."""
    edition = capture.edition
    with app.test_request_context(), force_language(edition.lang):
        context = {
            "words": capture.words,
            "edition": edition,
            "shots": capture.shots,
            "end_image": capture.end_image,
            "large_shots": capture.large_shots,
            "large_end_image": capture.large_end_image,
            "html_lang": LANGUAGES[edition.lang],
            "video": video,
            "captions": [{"file": caption_file(lang), "lang": lang} for lang in CAPTION_LANGS],
            "tap_names": tap_names,
        }
        pages = {name: render_template(f"guides/{template}", **context).strip() + "\n"
                 for name, template in (("index.html", "guide.html"),
                                        ("large.html", "large.html"),
                                        ("guide.md", "guide.md"))}
    return pages


def write_documents(app, browser, capture, out, meta, video):
    """index.html, large.html, guide.css and guide.md beside the screenshots (made smaller
    first), then guide.pdf and guide-large.pdf printed from the HTML, their metadata from
    ``meta`` (PdfMeta), and read back: every step's caption in them, in order; a step a
    page of the large print, its screen at least LARGE_SHOT_MIN_CM wide."""
    for image in capture.images():
        compact_png(out / image)
    for name, text in render_pages(app, capture, video).items():
        (out / name).write_text(text, encoding="utf-8")
    shutil.copyfile(GUIDE_CSS, out / "guide.css")
    font = PAGE_FONTS[capture.edition.lang]
    with app.test_request_context(), force_language(capture.edition.lang):
        titles = {"guide.pdf": f"{capture.words['title']} · {gettext('图文指南')}",
                  "guide-large.pdf": f"{capture.words['title']} · {gettext('图文指南')} · "
                                     f"{gettext('大字版')}"}
    for html, pdf in (("index.html", "guide.pdf"), ("large.html", "guide-large.pdf")):
        print_pdf(browser, out / html, out / pdf, font)
        write_pdf_metadata(out / pdf, meta.titled(titles[pdf]))
    hints = [shot.hint for shot in capture.shots]
    check_pdf_text(out / "guide.pdf", hints)
    check_pdf_text(out / "guide-large.pdf", hints)
    check_large_print(out / "guide-large.pdf", len(hints))


def write_manifest(out, manifest):
    manifest = {**manifest, "files": sorted(p.name for p in out.iterdir()
                                           if p.name != guides.MANIFEST)}
    (out / guides.MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8")


def print_pdf(browser, html, pdf, font):
    """``pdf``: ``html`` printed to A4 by Chromium (guide.css's print rules), drawn in
    ``font``, the one guide.css names."""
    page = browser.new_page()
    try:
        page.goto(html.as_uri(), wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.emulate_media(media="print")
        used = fonts_of(page)
        if font not in used:
            raise GuideError(f"the guide is drawn in {', '.join(sorted(used))}, not {font}: "
                             f"apt-get install {FONT_PACKAGES[font]}")
        page.pdf(path=str(pdf), format="A4", print_background=True,
                 prefer_css_page_size=True, tagged=True, outline=True)
    finally:
        page.close()


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


# -- the PDFs' metadata ----------------------------------------------------------------------

class PdfMeta:
    """What a guide's PDFs say of themselves, in their document information and their XMP
    metadata: a title, the author, the language, what it is (the tour's summary), the date
    its sources last changed (sources_date) as both creation and modification date, and
    how it was made (the builder, the browser, the fingerprint), which no page shows."""

    def __init__(self, title, lang, subject, date, creator, fingerprint):
        self.title, self.lang, self.subject = title, lang, subject
        self.date, self.creator, self.fingerprint = date, creator, fingerprint

    def titled(self, title):
        return PdfMeta(title, self.lang, self.subject, self.date, self.creator,
                       self.fingerprint)


def write_pdf_metadata(path, meta):
    """Chromium's print-to-PDF names itself the creator and stamps the time it printed:
    ``meta`` instead, and the file saved with a document id made from its content, so two
    builds of the same sources give the same bytes."""
    import pikepdf

    pdf_date = meta.date.strftime("D:%Y%m%d%H%M%S+00'00'")
    xmp_date = meta.date.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.Lang = pikepdf.String(meta.lang)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:title"] = meta.title
            xmp["dc:creator"] = [AUTHOR]
            xmp["dc:description"] = meta.subject
            xmp["dc:language"] = {meta.lang}  # an XMP bag
            xmp["xmp:CreatorTool"] = meta.creator
            xmp["xmp:CreateDate"] = xmp_date
            xmp["xmp:ModifyDate"] = xmp_date
            xmp["xmp:MetadataDate"] = xmp_date
            if "/Producer" in pdf.docinfo:
                xmp["pdf:Producer"] = str(pdf.docinfo.Producer)
        producer = pdf.docinfo.get("/Producer")  # Chromium's PDF library, where it made it
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary({
            "/Title": pikepdf.String(meta.title),
            "/Author": pikepdf.String(AUTHOR),
            "/Subject": pikepdf.String(meta.subject),
            "/Creator": pikepdf.String(meta.creator),
            **({"/Producer": producer} if producer else {}),
            "/CreationDate": pikepdf.String(pdf_date),
            "/ModDate": pikepdf.String(pdf_date),
            "/GuideFingerprint": pikepdf.String(meta.fingerprint),
        }))
        pdf.save(path, deterministic_id=True)


# -- every guide's large print in one PDF, to print them all at once -------------------------

def write_print_all(app, root, lang, tours):
    """``root/all/<lang>/guides-large.pdf``: the large print of every tour built in ``lang``
    (the plain edition's, whose cards show 关怀模式's screens), in the tours' order, a
    bookmark each; ``all.json`` beside it names the guides in it by fingerprint (the app
    says from it whether the file is fresh, webapp/guides.print_all_state). None where no
    guide is built in ``lang``."""
    import contextlib
    import hashlib

    import pikepdf

    edition = guides.Edition(lang)
    parts = []
    for tour in tours:
        folder = guides.guide_dir(root, tour.id, edition)
        manifest = guides.read_manifest(folder)
        if manifest and (folder / "guide-large.pdf").is_file():
            parts.append((tour, folder, manifest))
    if not parts:
        return None
    out = guides.all_dir(root, lang)
    out.mkdir(parents=True, exist_ok=True)
    with app.test_request_context(), force_language(lang):
        title = f"{gettext('微粒贷')} · {gettext('图文指南')} · {gettext('大字版')}"
        titles = [str(tour.title) for tour, _, _ in parts]
    combined = pikepdf.new()
    with contextlib.ExitStack() as stack:
        with combined.open_outline() as outline:
            for (_, folder, _), tour_title in zip(parts, titles):
                source = stack.enter_context(pikepdf.open(folder / "guide-large.pdf"))
                outline.root.append(pikepdf.OutlineItem(tour_title, len(combined.pages)))
                combined.pages.extend(source.pages)
        combined.save(out / guides.ALL_PDF, deterministic_id=True)
    fingerprints = [manifest["fingerprint"] for _, _, manifest in parts]
    meta = PdfMeta(
        title=title, lang=LOCALES[lang],
        subject=" · ".join(titles),
        date=max(datetime.datetime.fromisoformat(manifest["sources_date"])
                 for _, _, manifest in parts),
        creator=f"Weilidai Mock, {guides.rebuild_command()}",
        fingerprint="sha256:" + hashlib.sha256("".join(fingerprints).encode()).hexdigest())
    write_pdf_metadata(out / guides.ALL_PDF, meta)
    (out / guides.ALL_MANIFEST).write_text(json.dumps(
        {"format": guides.FORMAT, "lang": lang,
         "parts": [{"tour": tour.id, "fingerprint": manifest["fingerprint"]}
                   for tour, _, manifest in parts]},
        ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out / guides.ALL_PDF


# -- reading the PDFs back -------------------------------------------------------------------

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


def check_large_print(pdf, steps):
    """The large print is a title page, a page a step with one screen at least
    LARGE_SHOT_MIN_CM wide, and the end's page (pdfimages: each image's pixels and ppi)."""
    pages = {}
    for line in run("pdfimages", "-list", str(pdf)).splitlines()[2:]:
        fields = line.split()
        if fields[2] != "image":
            continue  # a soft mask: the image's transparency, not an image of its own
        pages.setdefault(int(fields[0]), []).append(int(fields[3]) / int(fields[12]) * 2.54)
    wanted = list(range(2, steps + 2))
    found = sorted(page for page in pages if page in wanted)
    narrow = {page: f"{pages[page][0]:.1f} cm" for page in found
              if len(pages[page]) == 1 and pages[page][0] < LARGE_SHOT_MIN_CM}
    if found != wanted or any(len(pages[page]) != 1 for page in found) or narrow:
        raise GuideError(f"{pdf}: not a step a page with its screen at least "
                         f"{LARGE_SHOT_MIN_CM} cm wide (images by page: {pages}; "
                         f"too narrow: {narrow})")


# -- the README's pictures of a guide --------------------------------------------------------

def readme_pictures(out, folder, frame_at):
    """For README.md, into ``folder``: a page of guide.pdf (steps 1 and 2) and one of
    guide-large.pdf (step 1), and the video's frame at ``frame_at`` seconds (a tap's ripple):
    guide-pdf-page.png, guide-large-page.png, guide-video-frame.png."""
    folder.mkdir(parents=True, exist_ok=True)
    for pdf, name in (("guide.pdf", "guide-pdf-page"), ("guide-large.pdf", "guide-large-page")):
        run("pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile",
            str(out / pdf), str(folder / name))
    run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-ss", f"{frame_at:.2f}",
        "-i", str(out / "tour.mp4"), "-frames:v", "1", "-vf", "scale=iw/2:ih/2:flags=area",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
        str(folder / "guide-video-frame.png"))
