"""Each record's own JSON (``json_api.detail``), asked as the SCJN's versiones
taquigráficas are: its PDF's address and its video come from there. A detail that is
missing (404) or is no JSON is a counted error, and its session is still saved with what
its record says; a detail naming no file leaves the record without one. Crawled end to
end from a real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from indexer.db import Database
from tests.adversarial.hostile import text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

RECORDS = [
    {"id": "Rk1", "idVT": "47403", "organoJurisdiccional": "Pleno", "fechaSesion": "18/02/2025"},
    {"id": "Rk2", "idVT": "20521", "organoJurisdiccional": "Primera Sala",
     "fechaSesion": "19/02/2025"},
    {"id": "Rk3", "idVT": "16032", "organoJurisdiccional": "Segunda Sala",
     "fechaSesion": "19/02/2025"},
    {"id": "Rk4", "idVT": "47383", "organoJurisdiccional": "Pleno", "fechaSesion": "17/02/2025"},
]  # fmt: skip


def _serve() -> Iterator[str]:
    pdf = text_pdf(["VERSION TAQUIGRAFICA DE LA SESION PUBLICA SOLEMNE DEL PLENO"])

    class Api(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            body = {"total": len(RECORDS), "resultados": RECORDS}
            self._send(200, json.dumps(body).encode(), "application/json")

        def do_GET(self) -> None:
            if self.path == "/documento/Rk1":
                detail = {"urlVT": "/archivos/VT-47403.pdf",
                          "urlVideo": "https://www.youtube.com/watch?v=K9qZ1sPrS20"}  # fmt: skip
                self._send(200, json.dumps(detail).encode(), "application/json")
            elif self.path == "/documento/Rk2":
                self._send(200, b"<html>Mantenimiento</html>", "text/html")
            elif self.path == "/documento/Rk4":
                self._send(200, b'{"urlVT": null, "contenido": ""}', "application/json")
            elif self.path == "/archivos/VT-47403.pdf":
                self._send(200, pdf, "application/pdf")
            else:
                self._send(404, b"{}", "application/json")

        def _send(self, status: int, data: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Api) as url:
        yield url


def test_details_that_fail_are_counted_and_their_sessions_kept(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "scjn-vt-detalle", "kind": "sesion", "shape": "json_api",
        "institution": "Suprema Corte de Justicia de la Nación", "jurisdiction": "MX",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/busqueda"], "required": ["date"],
        "json_api": {
            "method": "POST", "body": {"q": "*", "page": "{page}"}, "records": "resultados",
            "total": "total", "link": "/vt/{idVT}",
            "detail": {"url": "/documento/{id}", "files": ["{urlVT}"],
                       "fields": {"video_urls": "urlVideo"}},
            "fields": {"title": "Versión taquigráfica: {organoJurisdiccional}, {fechaSesion}",
                       "date": "fechaSesion", "chamber": "organoJurisdiccional"},
        },
    }  # fmt: skip
    (specs / "vt.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for base in _serve():
        result = run_abierto(tmp_path / "data", base, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = {d.url.rsplit("/", 1)[1]: d for d in db.iter_documents()}
        run = db.list_runs("scjn-vt-detalle")[0]
    finally:
        db.close()
    assert sorted(docs) == ["16032", "20521", "47383", "47403"]
    full = docs["47403"]
    assert [f.url for f in full.files] == [f"{base}/archivos/VT-47403.pdf"]
    assert [v.url for v in full.video_urls] == ["https://www.youtube.com/watch?v=K9qZ1sPrS20"]
    assert full.session_type == "solemne"  # read from the transcript's heading
    for idvt in ("16032", "20521", "47383"):  # kept with what the record says, no file
        assert docs[idvt].chamber and docs[idvt].date and not docs[idvt].files
    assert run.errors["http_404"]["count"] == 1 and run.errors["not_json"]["count"] == 1
    assert set(run.errors) <= {"http_404", "not_json", "empty_text"}, run.errors
