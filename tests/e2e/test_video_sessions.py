"""A transmission belongs to its session: when the live stream becomes a recording, the
session is updated in place (same document), never duplicated — whether the platform
keeps the video's address (YouTube) or the congress replaces its live player with a
recording at a new address."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

CHANNEL = """
id: canal-prueba
kind: sesion
shape: video_channel
institution: Congreso de Prueba
jurisdiction: MX-TLA
start_urls: ["${ABIERTO_SAMPLES_URL}/canal.xml"]
"""
PAGE = """
id: pagina-prueba
kind: sesion
shape: video_channel
institution: Congreso de Prueba
jurisdiction: MX-TLA
start_urls: ["${ABIERTO_SAMPLES_URL}/transmision.html"]
video_channel:
  format: page
  items: "css:div.transmision"
  fields: {title: "css:h2::text"}
  live_marker: "css:.en-vivo"
"""


def _feed(title: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
 <entry><yt:videoId>TlaxOrd0218</yt:videoId><title>{title}</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=TlaxOrd0218"/>
  <published>2025-02-18T17:00:00+00:00</published></entry>
</feed>"""


def _page(live: bool) -> str:
    player = (
        '<span class="en-vivo">EN VIVO</span><video src="https://tv.congreso.example/vivo.m3u8">'
        if live
        else '<a href="https://tv.congreso.example/vod/2025-02-18.mp4">Grabación</a>'
    )
    return (
        '<html><body><div class="transmision"><h2>Sesión Ordinaria del 18 de febrero de 2025'
        f"</h2>{player}</div></body></html>"
    )


def _crawl(tmp_path: Path, server: FixtureServer) -> Database:
    result = run_abierto(tmp_path / "data", server.url, tmp_path / "specs")
    assert result.returncode == 0, result.stdout + result.stderr
    return Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")


def test_live_stream_replaced_by_its_recording_updates_the_session(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "canal.yaml").write_text(CHANNEL)
    (specs / "pagina.yaml").write_text(PAGE)
    (www / "canal.xml").write_text(_feed("🔴 EN VIVO | Sesión Ordinaria | 18 de febrero de 2025"))
    (www / "transmision.html").write_text(_page(live=True))
    with FixtureServer(www) as server:
        db = _crawl(tmp_path, server)
        before = {doc.source_id: doc for doc in db.iter_documents()}
        db.close()
        (www / "canal.xml").write_text(_feed("Sesión Ordinaria | 18 de febrero de 2025"))
        (www / "transmision.html").write_text(_page(live=False))
        db = _crawl(tmp_path, server)
        after = {doc.source_id: doc for doc in db.iter_documents()}
        runs = {source: db.list_runs(source)[0].stats for source in after}
        db.close()
    assert set(before) == set(after) == {"canal-prueba", "pagina-prueba"}
    channel_before, channel_after = before["canal-prueba"], after["canal-prueba"]
    assert channel_before.id == channel_after.id
    assert [(v.video_id, v.state) for v in channel_before.video_urls] == [("TlaxOrd0218", "live")]
    assert [(v.video_id, v.state) for v in channel_after.video_urls] == [
        ("TlaxOrd0218", "recorded")
    ]
    page_before, page_after = before["pagina-prueba"], after["pagina-prueba"]
    assert page_before.id == page_after.id
    assert [(v.url, v.state) for v in page_before.video_urls] == [
        ("https://tv.congreso.example/vivo.m3u8", "live")
    ]
    assert [(v.url, v.state) for v in page_after.video_urls] == [
        ("https://tv.congreso.example/vod/2025-02-18.mp4", "recorded")
    ]
    assert runs["canal-prueba"]["updated"] == 1 and runs["canal-prueba"]["new"] == 0
    assert runs["pagina-prueba"]["updated"] == 1 and runs["pagina-prueba"]["new"] == 0
