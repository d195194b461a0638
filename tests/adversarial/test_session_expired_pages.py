"""A site whose pages hang on a server session answers a crawl that carries none with
its «sesión expirada» notice and a 200. The listing was counted as «ningún elemento
llegó a ser documento», with no word of why; a detail page became a document whose
text was the notice. Now each is counted as ``session_expired`` with what the site said,
in Spanish, and no such document is kept."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import HtmlResponse

from crawlers.expired import expired_said
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.http_thread import QuietHandler, serving_handler

EXPIRED = (
    "<html><head><title>Consulta de Sentencias</title></head><body><div class='aviso'>"
    "<p>Su sesión ha caducado. Vuelva a ingresar desde la página de inicio.</p></div>"
    "</body></html>"
)
LISTING = (
    "<html><body><table><tbody>"
    "<tr><td class='t'>Toca 1/2024</td><td><a href='detalle.aspx?id=1'>ver</a></td></tr>"
    "<tr><td class='t'>Toca 2/2024</td><td><a href='detalle.aspx?id=2'>ver</a></td></tr>"
    "</tbody></table></body></html>"
)


def _site(listing_expired: bool) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/lista.aspx":
                body = EXPIRED if listing_expired else LISTING
            elif self.path == "/detalle.aspx?id=1":
                body = (
                    "<html><body><main><h1>Toca 1/2024</h1><p>Se confirma la sentencia "
                    "apelada en materia civil.</p></main></body></html>"
                )
            elif self.path == "/detalle.aspx?id=2":
                body = EXPIRED
            else:
                self.answer(b"no", "text/plain", status=404)
                return
            self.answer(body.encode(), "text/html; charset=utf-8")

    return Handler


def _crawl(tmp_path: Path, listing_expired: bool) -> tuple[dict, list[str], str]:
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(_site(listing_expired)) as base:
            spec = listing_spec(f"{base}/lista.aspx", id="pj-gto-sesiones")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            run = _run(api, spec)
        texts = [d.text or "" for d in api.library.db.iter_documents()]
    finally:
        api.close()
    return run, texts, base


def test_a_detail_page_saying_the_session_expired_is_no_document(tmp_path: Path) -> None:
    run, texts, base = _crawl(tmp_path, listing_expired=False)
    assert len(texts) == 1 and "Se confirma" in texts[0], texts
    assert not any("caducado" in text for text in texts)
    [example] = run["errors"]["session_expired"]["examples"]
    assert example["url"] == f"{base}/detalle.aspx?id=2"
    assert example["mensaje"] == (
        "el sitio respondió con su aviso de sesión expirada («Su sesión ha caducado. Vuelva a "
        "ingresar desde la página de inicio.») en lugar del documento: no se guardó; el sitio "
        "pide una sesión que el rastreo no lleva (una cookie o una dirección con sesión)"
    )


def test_a_listing_saying_the_session_expired_says_so(tmp_path: Path) -> None:
    run, texts, base = _crawl(tmp_path, listing_expired=True)
    assert texts == []
    assert set(run["errors"]) == {"session_expired"}, run["errors"]
    [example] = run["errors"]["session_expired"]["examples"]
    assert example["url"] == f"{base}/lista.aspx"
    assert "en lugar del listado: no se leyó" in example["mensaje"]


def test_a_transcript_speaking_of_sessions_is_no_such_notice() -> None:
    body = (
        "<html><head><title>Versión estenográfica</title></head><body><h1>Sesión ordinaria"
        "</h1><p>La sesión ha concluido. Se cita para la sesión del martes.</p>"
        "<p>La Presidenta: se levanta la sesión; la sesión anterior caducó su orden del "
        "día por falta de quórum, conforme al acta.</p></body></html>"
    )
    page = HtmlResponse("http://congreso.example/v.html", body=body.encode(), encoding="utf-8")
    assert expired_said(page) is None
