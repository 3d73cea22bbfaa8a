"""Static files: minified, under content-hashed URLs cached for good, sent compressed; HTML
and JSON compressed too.

``make static`` (scripts/build_static.py) writes, for every file in static/, a
minified copy (CSS by rcssmin, JavaScript by rjsmin) named by the hash of its content
(``css/phone.<hash>.css``), with its gzip and brotli versions, into build/static/, and a
manifest of them. ``asset()`` gives the hashed URL, so a page names exactly the bytes it was
made with; WhiteNoise serves them in front of Flask with ``Cache-Control: immutable`` and a
long life, in the best encoding the client accepts. A repeat visit to any screen is one
request: its HTML.

Beside phone.css a page links only the stylesheets it needs (``stylesheets()``: care.css,
practice.css, tour-pages.css, tour.css). The build also writes every combination of two or
more of these as one file (``css/care+tour.<hash>.css``), so a page loads at most two
stylesheets however many it needs, and phone.css, which every screen loads, stays one file
cached once.

A source edited since the last build keeps its plain URL (the manifest keeps each source's
hash, checked when the app starts), served as it is with a minute's cache life, so an edit
shows at once and never under a stale name. Without a build every file is served that way.

HTML and JSON are compressed per response by Flask-Compress (zstd, brotli or gzip, as the
client asks), which also adds ``Vary: Accept-Encoding``.
"""

import gzip
import hashlib
import itertools
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import brotli
import rcssmin
import rjsmin
from flask import url_for
from markupsafe import Markup
from flask_compress import Compress
from whitenoise import WhiteNoise

from webapp import paths

SOURCE = paths.STATIC
BUILT = paths.ROOT / "build" / "static"
MANIFEST = "manifest.json"
HASHED = re.compile(r"\.[0-9a-f]{16}\.[A-Za-z0-9]+$")
MINIFY = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# A plain URL may change at any edit: a minute, as WhiteNoise does by default.
PLAIN_MAX_AGE = 60
# The stylesheets a phone screen may need beside phone.css, in the order a page links them.
BUNDLED = ("css/care.css", "css/practice.css", "css/tour-pages.css", "css/tour.css")

compress = Compress()


def _hash(data):
    return hashlib.sha256(data).hexdigest()[:16]


def bundle_name(parts):
    """The name of the file that holds ``parts`` in turn: ``css/care+tour.css``."""
    return "css/" + "+".join(Path(part).stem for part in parts) + ".css"


def _write(built, name, output):
    """Write ``output`` under its hashed name with its compressed copies; return that name."""
    suffix = Path(name).suffix
    hashed = f"{name[: -len(suffix)]}.{_hash(output)}{suffix}"
    target = built / hashed
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(output)
    # mtime=0: the same bytes on every build.
    target.with_name(target.name + ".gz").write_bytes(gzip.compress(output, 9, mtime=0))
    target.with_name(target.name + ".br").write_bytes(brotli.compress(output, quality=11))
    return hashed


def build(source=SOURCE, built=BUILT, bundled=BUNDLED):
    """Write the hashed, minified, compressed copies, the bundles of ``bundled`` and their
    manifest; return it."""
    shutil.rmtree(built, ignore_errors=True)
    manifest, outputs = {}, {}
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        name = file.relative_to(source).as_posix()
        data = file.read_bytes()
        minify = MINIFY.get(file.suffix)
        outputs[name] = minify(data.decode("utf-8")).encode("utf-8") if minify else data
        manifest[name] = {"url": _write(built, name, outputs[name]), "source": _hash(data)}
    present = [name for name in bundled if name in outputs]
    for size in range(2, len(present) + 1):
        for parts in itertools.combinations(present, size):
            output = b"\n".join(outputs[part] for part in parts)
            name = bundle_name(parts)
            manifest[name] = {"url": _write(built, name, output), "parts": list(parts),
                              "source": _hash(_sources(source, parts))}
    (built / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def _sources(source, parts):
    return b"".join((source / part).read_bytes() for part in parts)


def load_manifest(source=SOURCE, built=BUILT):
    """{source name: hashed name} of the built files whose source has not changed since."""
    try:
        manifest = json.loads((built / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    fresh = {}
    for name, entry in manifest.items():
        try:
            data = _sources(source, entry["parts"]) if "parts" in entry else (
                (source / name).read_bytes())
            if _hash(data) == entry["source"]:
                fresh[name] = entry["url"]
        except (OSError, KeyError, TypeError):
            continue
    return fresh


def init_app(app, headers):
    """Serve static/ and its build through WhiteNoise, adding ``headers`` (the security
    headers every response carries) to each file; compress the app's own responses."""
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "application/json", "text/csv", "text/markdown", "image/svg+xml"])
    compress.init_app(app)
    built = Path(app.config.get("STATIC_BUILD_DIR") or BUILT)
    manifest = load_manifest(Path(app.static_folder), built)
    app.extensions["static_manifest"] = manifest

    def add_headers(response_headers, path, url):
        for name, value in headers.items():
            response_headers.setdefault(name, value)

    prefix = app.static_url_path.strip("/") + "/"
    served = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix=prefix,
                        max_age=PLAIN_MAX_AGE, immutable_file_test=_hashed,
                        add_headers_function=add_headers, autorefresh=app.debug)
    if manifest:
        served.add_files(str(built), prefix=prefix)
    app.wsgi_app = served

    def asset(path):
        """The URL of a static file (``css/phone.css``): its hashed name when built."""
        return url_for("static", filename=manifest.get(path, path))

    def stylesheets(*paths):
        """The URLs of the stylesheets ``paths`` (those given: a false one is left out), one
        URL when they are built together (``BUNDLED``), else one each."""
        paths = [path for path in paths if path]
        bundle = manifest.get(bundle_name(paths)) if len(paths) > 1 else None
        return [url_for("static", filename=bundle)] if bundle else [asset(p) for p in paths]

    inlined = {}

    def inline(path):
        """A small static file as a data: URL: one request fewer on a cold visit (the favicon,
        which every page names)."""
        if path not in inlined:
            data = (Path(app.static_folder) / path).read_text(encoding="utf-8").strip()
            # Percent-encoded but for ' (no ", <, > or &): safe in a "-quoted attribute.
            inlined[path] = Markup("data:image/svg+xml," + quote(data.replace('"', "'"),
                                                                 safe=" =:/.,-'"))
        return inlined[path]

    app.add_template_global(asset)
    app.add_template_global(stylesheets)
    app.add_template_global(inline)


def _hashed(path, url):
    return bool(HASHED.search(url))
