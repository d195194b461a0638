"""A video or transcript link read from a spec's fields is stored as the crawl's own
links are: an invisible character (U+202E, which reverses how the rest of an address
displays; U+200B; a control) is percent-encoded, so the stored address shows what a
request carries. Such links were joined raw and stored with the character in them. A
link no request can be made for (``ftp:``, port 99999) is counted as ``bad_url``."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: congreso-videos
kind: sesion
institution: Congreso de Prueba
jurisdiction: MX-GUA
start_urls: ["${ABIERTO_SAMPLES_URL}/sesiones.html"]
listing:
  items: "css:li.sesion"
  link: "css:a::attr(href)"
  fields:
    date: "css:span.fecha::text"
detail:
  fields:
    title: "css:h1::text"
    video_urls: "css:a.video::attr(href)"
    stenographic_urls: "css:a.version::attr(href)"
  text: "css:main"
"""
VIDEOS = [
    "https://tv.congreso.example/vod/sesion\u202e4pm.exe",
    "/vod/sesion\u200b-18.mp4",
    "https://tv.congreso.example/vod/control\x01.mp4",
    "ftp://tv.congreso.example/vod/sesion.mp4",
    "https://tv.congreso.example:99999/vod/sesion.mp4",
]


def test_field_links_are_encoded_as_requested_and_bad_ones_counted(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "congreso.yaml").write_text(SPEC)
    (www / "sesiones.html").write_text(
        '<html><body><ul><li class="sesion"><span class="fecha">18/02/2025</span>'
        '<a href="s-1.html">Sesión</a></li></ul></body></html>'
    )
    links = "".join(f'<a class="video" href="{v}">video</a>' for v in VIDEOS)
    (www / "s-1.html").write_text(
        "<html><body><h1>Sesión Ordinaria del 18 de febrero de 2025</h1>"
        f"<main><p>Se abre la sesión del pleno.</p>{links}"
        '<a class="version" href="versi\u202eon.pdf">versión</a></main></body></html>',
        encoding="utf-8",
    )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
        base = server.url
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        [doc] = list(db.iter_documents())
        errors = db.list_runs("congreso-videos")[0].errors
    finally:
        db.close()
    assert [v.url for v in doc.video_urls] == [
        "https://tv.congreso.example/vod/sesion%E2%80%AE4pm.exe",
        f"{base}/vod/sesion%E2%80%8B-18.mp4",
        "https://tv.congreso.example/vod/control%01.mp4",
    ]
    assert doc.stenographic_urls == [f"{base}/versi%E2%80%AEon.pdf"]
    assert errors["bad_url"]["count"] == 2, errors
