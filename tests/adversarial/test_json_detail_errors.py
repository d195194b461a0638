"""An API that says its error with HTTP 200: a record's own JSON (``json_api.detail``)
answering ``{"error": …}``, ``{"status": "error", "message": …}``, ``{"success": false}``,
a ProblemDetails ``{"title": "Not Found", "status": 404}``, ``null``, ``{}``, an empty
body, or its HTML «Error 500» page. Each is counted with what the API said (read in
Spanish), and the record's document kept with its own values; a detail that holds the
keys the spec reads (``{"urlVT": null}``: no file) is data, not an error. A search page
answering ``{"estado": "error", "mensaje": "Token inválido"}`` is the API's error, not a
spec whose ``records`` path found nothing. Real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from crawlers.causas import errors_with_mensajes
from indexer.db import Database
from tests.adversarial.hostile import text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

DETAILS: dict[str, tuple[bytes, str]] = {
    "ok": (b'{"urlVT": "/archivos/VT-1.pdf", "urlVideo": null}', "application/json"),
    "sin-archivo": (b'{"urlVT": null, "urlVideo": null}', "application/json"),
    "error": (b'{"error": "Documento no encontrado"}', "application/json"),
    "estado": (b'{"status": "error", "message": "Servicio saturado"}', "application/json"),
    "exito": (b'{"success": false}', "application/json"),
    "problema": (b'{"type": "about:blank", "title": "Not Found", "status": 404}',
                 "application/json"),
    "nulo": (b"null", "application/json"),
    "vacio-objeto": (b"{}", "application/json"),
    "vacio": (b"", "application/json"),
    "pagina": (b"<html><head><title>Error 500 - Error interno del servidor</title></head>"
               b"<body><h1>Error 500</h1></body></html>", "text/html"),
}  # fmt: skip
RECORDS = [{"id": k, "fecha": "18/02/2025", "sala": f"Sala {k}"} for k in DETAILS]


def _serve() -> Iterator[str]:
    pdf = text_pdf(["VERSION TAQUIGRAFICA DE LA SESION PUBLICA DEL PLENO"])

    class Api(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/busqueda"):
                self._send(200, json.dumps({"resultados": RECORDS}).encode(), "application/json")
            elif self.path.startswith("/cuota"):  # its second page: the quota's error
                first = "pagina=1" in self.path
                records = [{"id": f"c{n}", "fecha": "18/02/2025", "sala": "Pleno"} for n in (1, 2)]
                said = {"resultados": [] if not first else records,
                        "error": None if first else "Límite de consultas excedido"}  # fmt: skip
                self._send(200, json.dumps(said).encode(), "application/json")
            elif self.path.startswith("/rota"):
                said = {"estado": "error", "mensaje": "Token inválido"}
                self._send(200, json.dumps(said).encode(), "application/json")
            elif self.path.startswith("/documento/"):
                self._send(200, *DETAILS[self.path.removeprefix("/documento/")])
            elif self.path == "/archivos/VT-1.pdf":
                self._send(200, pdf, "application/pdf")
            else:
                self._send(404, b"{}", "application/json")

        def _send(self, status: int, data: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Api) as url:
        yield url


def _spec(source: str, start: str) -> dict[str, object]:
    if source == "vt-cuota":  # paged, with no detail
        spec = _spec("vt-rota", start)
        rules = spec["json_api"] | {"params": {"pagina": "{page}"}, "page_size": 2}
        return spec | {"id": source, "json_api": rules | {"detail": None}}
    return {
        "id": source, "kind": "sesion", "shape": "json_api",
        "institution": "Suprema Corte de Justicia de la Nación", "jurisdiction": "MX",
        "start_urls": [f"${{ABIERTO_SAMPLES_URL}}/{start}"], "required": ["date"],
        "json_api": {
            "records": "resultados", "link": "/vt/{id}",
            "detail": {"url": "/documento/{id}", "files": ["{urlVT}"],
                       "fields": {"video_urls": "urlVideo"}},
            "fields": {"title": "Versión taquigráfica: {sala}", "date": "fecha",
                       "chamber": "sala"},
        },
    }  # fmt: skip


def test_api_errors_answered_with_200_are_counted_with_what_they_say(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    sources = (("vt-detalle", "busqueda"), ("vt-rota", "rota"), ("vt-cuota", "cuota"))
    for source, start in sources:
        (specs / f"{source}.yaml").write_text(yaml.safe_dump(_spec(source, start)), "utf-8")
    for base in _serve():
        result = run_abierto(tmp_path / "data", base, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = {d.url.rsplit("/", 1)[1]: d for d in db.iter_documents()}
        detail_run = db.list_runs("vt-detalle")[0]
        broken_run = db.list_runs("vt-rota")[0]
        quota_run = db.list_runs("vt-cuota")[0]
    finally:
        db.close()
    assert sorted(k for k in docs if k not in ("c1", "c2")) == sorted(DETAILS)  # all kept
    assert [f.url for f in docs["ok"].files] == [f"{base}/archivos/VT-1.pdf"]
    assert all(docs[k].chamber == f"Sala {k}" and not docs[k].files for k in DETAILS if k != "ok")

    errors = errors_with_mensajes(detail_run.errors)
    said = {e["url"].rsplit("/", 1)[1]: e["mensaje"] for e in errors["api_error"]["examples"]}
    where = "json_api.detail: la API respondió HTTP 200 con un error en lugar de los datos del "
    expected = {
        "error": where + "registro: «Documento no encontrado»",
        "estado": where + "registro: «Servicio saturado»",
        "exito": where + "registro: «success: false»",
        "problema": where + "registro: «Not Found»",
        "nulo": where + "registro: «null»",
        "vacio-objeto": where + "registro: «{}»",
        "vacio": "json_api.detail: la API respondió HTTP 200 sin nada en el cuerpo en lugar "
        "de los datos del registro",
    }
    assert errors["api_error"]["count"] == len(expected)  # examples: the first few kept
    assert said and all(expected[k] == v for k, v in said.items()), said
    [page] = errors["http_5xx"]["examples"]
    assert page["url"].endswith("/documento/pagina") and "Error 500" in page["mensaje"]
    assert "not_json" not in errors and "sin-archivo" not in said  # {"urlVT": null} is data

    broken = errors_with_mensajes(broken_run.errors)
    assert "selector_empty" not in broken, broken
    [example] = broken["api_error"]["examples"]
    assert example["mensaje"] == (
        "la API respondió HTTP 200 con un error en lugar de sus registros: «Token inválido»"
    )
    # the records of page 1 kept; page 2's empty list is the quota's error, not the end
    assert {k for k in docs if k.startswith("c")} == {"c1", "c2"}
    assert quota_run.status == "partial", (quota_run.status, quota_run.errors)
    [quota] = errors_with_mensajes(quota_run.errors)["api_error"]["examples"]
    assert quota["mensaje"] == (
        "la API respondió HTTP 200 con un error en lugar de sus registros: "
        "«Límite de consultas excedido»"
    )
