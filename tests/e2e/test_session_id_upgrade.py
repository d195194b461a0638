"""A session that versions before 2026-12-06 stored under another id than the one it
has now (a «matutina» was a session of its own; a sitting named without a session type
had none in its id) moves to its id on the next crawl: the old id is retired into it
(its link answers 301), every source's publication and video follows it, its speeches
stay, and a crawl after that changes nothing. The stored state is written as those
versions wrote it (built, saved under the earlier identity's id, indexed); the crawl is
the crawler's, against a fixture server on 127.0.0.1, on the real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.linking import identity_id
from indexer.models import SourceLink, VideoLink
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SCOPE = "senado-prueba"
KEY = ["date", "session_type"]
TABLE = """
id: tabla-sesiones
kind: sesion
institution: Senado de la República
jurisdiction: MX
start_urls: ["${{ABIERTO_SAMPLES_URL}}/sesiones.html"]
listing:
  items: "css:tr.sesion"
  link: "css:a::attr(href)"
  fields:
    session_number: "css:td.no::text"
    date: "css:td.fecha::text"
    session_type: "css:td.tipo::text"{sitting}
identity: {{scope: senado-prueba, key: [date, session_type]}}
"""
DIARIO = (
    TABLE.replace("tabla-sesiones", "diario-debates")
    .replace("sesiones.html", "diario.html")
    .replace('    session_number: "css:td.no::text"\n', "")
)
DAY = "Miércoles 08 de abril de 2026"
SPOKEN = (
    "<p>-La Presidenta Senadora Ana Ruiz López: Se abre la sesión.</p>"
    "<p>-El Senador Tomás Pineda Alcalá: Con su venia, presidenta. Vengo a hablar de los "
    "acuíferos del norte.</p>"
)
CHANNEL = "canal-senado"
WATCH = "https://www.youtube.com/watch?v=matutina1"


def _site(www: Path, kind: str, sitting: str) -> None:
    (www / "sesiones.html").write_text(
        f'<html><body><table><tr class="sesion"><td class="no">174</td>'
        f'<td class="fecha">{DAY}</td><td class="tipo">{kind}</td>'
        f'<td class="turno">{sitting}</td>'
        '<td><a href="/ve/174.html">Versión Estenográfica</a></td></tr></table></body></html>'
    )
    (www / "diario.html").write_text(
        (www / "sesiones.html").read_text().replace("/ve/174.html", "/diario/8-abril.html")
    )
    (www / "diario").mkdir()
    (www / "diario" / "8-abril.html").write_text(
        f"<html><body><h1>Diario de los Debates</h1>{SPOKEN}</body></html>"
    )
    (www / "ve").mkdir()
    (www / "ve" / "174.html").write_text(
        f"<html><body><h1>Versión estenográfica de la sesión {kind or sitting} del 8 de abril "
        f"de 2026</h1>{SPOKEN}</body></html>"
    )


def _store_as_before(settings: Settings, url: str, kind: str, sitting: str) -> str:
    """The session as earlier versions stored it: under the earlier identity's id, with
    a channel's video and publication merged in, indexed. Returns that id."""
    doc = build_document(
        kind="sesion", source_id="tabla-sesiones", institution="Senado de la República",
        jurisdiction="MX", url=url, text=f"Versión estenográfica. {SPOKEN}",
        fields={"session_number": "174", "date": DAY, "session_type": kind, "sitting": sitting},
        videos=[VideoLink(url=WATCH, platform="youtube", state="recorded")],
    )  # fmt: skip
    videos = [v.model_copy(update={"source_id": CHANNEL}) for v in doc.video_urls]
    old = identity_id(doc, SCOPE, KEY, earlier=True)
    assert old != identity_id(doc, SCOPE, KEY)  # an id that changed
    doc = doc.model_copy(update={"id": old, "video_urls": videos})
    library = Library.open(settings, writer=True)
    try:
        library.add_documents(
            [doc, doc],
            [
                SourceLink(source_id="tabla-sesiones", url=url),
                SourceLink(source_id=CHANNEL, url=WATCH),
            ],
        )
        library.flush()
        assert library.db.get_document(old) is not None
    finally:
        library.close()
    return old


def _state(settings: Settings) -> list[tuple[str, list[str], list[str], int]]:
    library = Library.open(settings)
    try:
        client = TestClient(create_app(library, settings), follow_redirects=False)
        state = []
        for doc in library.db.iter_documents():
            body = client.get(f"/v1/documents/{doc.id}").json()
            state.append((
                doc.id,
                sorted(f"{s.source_id} {s.url}" for s in doc.sources),
                sorted(v.url for v in doc.video_urls),
                len([s for s in body["speeches"] if s["speaker_as_written"]]),
            ))  # fmt: skip
        return state
    finally:
        library.close()


@pytest.mark.parametrize(
    ("kind", "sitting"),
    [("Ordinaria Matutina", ""), ("", "vespertina")],
    ids=["matutina", "sitting-without-type"],
)
def test_a_session_stored_under_its_earlier_id_moves_to_its_id(
    tmp_path: Path, kind: str, sitting: str
) -> None:
    www, specs, data = tmp_path / "www", tmp_path / "specs", tmp_path / "data"
    www.mkdir()
    specs.mkdir()
    column = '\n    sitting: "css:td.turno::text"' if sitting else ""
    (specs / "tabla.yaml").write_text(TABLE.format(sitting=column))
    (specs / "diario.yaml").write_text(DIARIO.format(sitting=column))
    _site(www, kind, sitting)
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(www) as server:
        url = f"{server.url}/ve/174.html"
        old = _store_as_before(settings, url, kind, sitting)
        done = run_abierto(data, server.url, specs, "--source", "tabla-sesiones")
        assert done.returncode == 0, done.stdout + done.stderr
        # another source of the session, that earlier versions never saw, joins it
        diario = run_abierto(data, server.url, specs, "--source", "diario-debates")
        assert diario.returncode == 0, diario.stdout + diario.stderr
        after = _state(settings)
        again = run_abierto(data, server.url, specs)
        assert again.returncode == 0, again.stdout + again.stderr
        assert _state(settings) == after  # a second crawl changes nothing
    [(new, sources, videos, speeches)] = after  # one document, not two
    assert new != old
    diario_url = f"{server.url}/diario/8-abril.html"
    assert sources == sorted(
        [f"tabla-sesiones {url}", f"{CHANNEL} {WATCH}", f"diario-debates {diario_url}"]
    )
    assert videos == [WATCH]
    assert speeches == 2
    library = Library.open(settings)
    try:
        client = TestClient(create_app(library, settings), follow_redirects=False)
        page = client.get(f"/d/{old}", headers={"Accept": "text/html"})
        assert page.status_code == 301 and page.headers["location"] == f"/d/{new}"
        api = client.get(f"/v1/documents/{old}")
        assert api.status_code == 301 and api.headers["location"].endswith(f"/{new}")
    finally:
        library.close()
