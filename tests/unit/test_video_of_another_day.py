"""A congress's transmissions page may list, in the block of the day's session, the video
of an earlier session too («Ver la sesión del 18 de febrero de 2025»). A citizen who opens
the session of 20 February must find that day's video there, and the earlier one under
the session of its own day, never both under the 20th. Crawled for real: a page served on
127.0.0.1, the crawl in its own process, the documents read from the library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.adversarial.service import open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.shapes.server import FixtureServer

PAGE = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Transmisiones</title></head>
<body><main>
  <div class="transmision">
    <h3 class="titulo">Sesión Ordinaria del Pleno</h3>
    <p><span class="fecha">jueves 20 de febrero de 2025</span></p>
    <iframe src="https://www.youtube.com/embed/JalPleno0220"></iframe>
    <p><a href="https://www.youtube.com/watch?v=JalPleno0218">Ver la sesión del 18 de
      febrero de 2025</a></p>
    <p><a href="https://www.facebook.com/CongresoPrueba/videos/1234567890123456/">Ver
      también en Facebook</a></p>
  </div>
</main></body></html>
"""


def test_a_video_a_block_lists_of_another_day_goes_to_that_days_session(
    tmp_path: Path,
) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "transmisiones.html").write_text(PAGE, encoding="utf-8")
    api = open_api(tmp_path / "data")
    api.registry.add_institution(
        "congreso-jal", "H. Congreso del Estado de Jalisco", "congress", "MX-JAL"
    )
    headers = {"Authorization": f"Bearer {api.registry.issue_key('congreso-jal')[1]}"}
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = {
                "id": "congreso-jal-transmisiones", "kind": "sesion", "jurisdiction": "MX-JAL",
                "shape": "video_channel", "start_urls": [f"{server.url}/transmisiones.html"],
                "video_channel": {
                    "format": "page", "items": "css:div.transmision",
                    "fields": {"title": "css:h3.titulo::text", "date": "css:span.fecha::text"},
                },
            }  # fmt: skip
            created = api.client.post("/v1/sources", json=spec, headers=headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, "congreso-jal-transmisiones")
        assert done.returncode in (0, 1, 3), done.stdout + done.stderr
        videos = {
            doc.date: sorted(v.video_id or "" for v in doc.video_urls)
            for doc in api.library.db.iter_documents()
        }
        assert videos == {
            dt.date(2025, 2, 20): ["1234567890123456", "JalPleno0220"],
            dt.date(2025, 2, 18): ["JalPleno0218"],
        }
    finally:
        api.close()
