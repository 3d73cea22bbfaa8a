"""Issue 12: static files minified under hashed URLs, cached for good and sent compressed;
HTML compressed; a phone screen loads the phone's stylesheet and script, and beside them
only what it needs, in one stylesheet more at most (webapp/static_files.py)."""

import brotli
import gzip
import re

import pytest

from tests.web.conftest import CONFIG
from webapp import create_app, static_files


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static-build")
    static_files.build(built=folder)
    return folder


@pytest.fixture
def client(built):
    return create_app({**CONFIG, "STATIC_BUILD_DIR": str(built)}).test_client()


def page_assets(client, path):
    html = client.get(path).get_data(as_text=True)
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_a_phone_screen_names_its_files_by_their_content_and_nothing_of_the_trainer(client):
    assets = page_assets(client, "/weilidai")
    assert [re.sub(r"\.[0-9a-f]{16}\.", ".", url) for url in assets] == [
        "/static/css/phone.css", "/static/js/app.js"]
    assert all(re.search(r"\.[0-9a-f]{16}\.(css|js)$", url) for url in assets)


def test_the_tours_stylesheets_come_only_with_a_tour_or_a_tour_s_page(client):
    assert not any("tour" in url for url in page_assets(client, "/me"))
    assert not any("tour" in url for url in page_assets(client, "/tours"))
    assert any("/css/tour-pages." in url for url in page_assets(client, "/tours/close-weilidai"))
    start = client.get("/tours/close-weilidai").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/tours/close-weilidai/start".*?</form>', start,
                     re.S)[0]
    client.post("/tours/close-weilidai/start",
                data=dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form)))
    assert any("/css/tour." in url for url in page_assets(client, "/"))


def test_care_mode_s_stylesheet_comes_only_in_care_mode(client):
    assert not any("care" in url for url in page_assets(client, "/me"))
    with client.session_transaction() as session:
        session["care"] = True
    assert any("/css/care." in url for url in page_assets(client, "/me"))


def test_the_practice_stylesheet_comes_only_with_a_practice_or_class_page(client):
    assert not any("practice" in url for url in page_assets(client, "/me"))
    assert any("/css/practice." in url for url in page_assets(client, "/practice/close-weilidai"))


def test_a_page_that_needs_several_stylesheets_loads_two_the_second_built_of_them(client):
    with client.session_transaction() as session:
        session["care"] = True
    stylesheets = [url for url in page_assets(client, "/tours/close-weilidai")
                   if url.endswith(".css")]
    assert [re.sub(r"\.[0-9a-f]{16}\.", ".", url) for url in stylesheets] == [
        "/static/css/phone.css", "/static/css/care+tour-pages.css"]
    with client.get(stylesheets[1]) as response:
        css = response.get_data(as_text=True)
    assert "html.care" in css and ".tour-outline" in css


def test_a_bundle_keeps_its_url_only_while_none_of_its_parts_changed(tmp_path):
    source, built = tmp_path / "static", tmp_path / "built"
    (source / "css").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (source / "css" / f"{name}.css").write_text(f"{name} {{ color: red }}\n")
    bundled = ("css/a.css", "css/b.css", "css/c.css")
    static_files.build(source, built, bundled)
    assert {"css/a+b.css", "css/a+c.css", "css/b+c.css", "css/a+b+c.css"} <= set(
        static_files.load_manifest(source, built))
    (source / "css" / "b.css").write_text("b { color: green }\n")
    assert set(static_files.load_manifest(source, built)) == {"css/a.css", "css/c.css",
                                                             "css/a+c.css"}


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress),
                                              ("gzip", gzip.decompress)])
def test_a_built_file_is_cached_for_good_compressed_and_minified(client, encoding, decode):
    url = next(url for url in page_assets(client, "/weilidai") if url.endswith(".css"))
    with client.get(url, headers={"Accept-Encoding": encoding}) as response:
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"])[1]) >= 31536000
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Content-Security-Policy"]  # the headers of every response
        css = decode(response.get_data()).decode()
    assert "/*" not in css and ":root" in css


def test_a_plain_url_still_serves_the_source_with_a_short_cache_life(client):
    with client.get("/static/css/phone.css") as response:
        assert response.status_code == 200 and "immutable" not in response.headers["Cache-Control"]
        assert b"/* Weilidai Mock" in response.get_data()


def test_html_is_compressed_when_the_client_takes_it(client):
    response = client.get("/weilidai", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert b'data-testid="screen-weilidai-home"' in brotli.decompress(response.get_data())


def test_a_source_edited_since_the_build_keeps_its_plain_url(tmp_path):
    source, built = tmp_path / "static", tmp_path / "built"
    (source / "css").mkdir(parents=True)
    (source / "css" / "a.css").write_text("a { color: red }  /* note */\n")
    (source / "css" / "b.css").write_text("b { color: blue }\n")
    static_files.build(source, built)
    assert set(static_files.load_manifest(source, built)) == {"css/a.css", "css/b.css"}
    (source / "css" / "a.css").write_text("a { color: green }\n")
    assert set(static_files.load_manifest(source, built)) == {"css/b.css"}
    assert static_files.load_manifest(source, tmp_path / "never-built") == {}


def test_the_favicon_is_inline_so_a_cold_visit_makes_one_request_fewer(client):
    html = client.get("/weilidai").get_data(as_text=True)
    assert re.search(r'<link rel="icon" href="data:image/svg\+xml,%3Csvg[^"]*"', html)
