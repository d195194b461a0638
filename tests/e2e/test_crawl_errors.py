"""Bad input loses nothing: broken items, missing files, hostile PDFs and forbidden
addresses are counted crawl errors; every good document is still collected."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-prueba
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
required: [expediente]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
    date: "css:td.fecha::text"
"""

ROWS = [
    ("100/2024", "buena.pdf"),
    ("", "sin-expediente.pdf"),
    ("101/2024", "no-existe.pdf"),
    ("102/2024", "rota.pdf"),
    ("103/2024", "privado/oculta.pdf"),
    ("104/2024", "lista-vacia.html"),
]


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "privado").mkdir(parents=True)
    rows = "".join(
        f'<tr class="fila"><td class="exp">{exp}</td><td class="fecha">01/02/2024</td>'
        f'<td><a href="{href}">ver</a></td></tr>'
        for exp, href in ROWS
    )
    (root / "listado.html").write_text(f"<table>{rows}</table>", encoding="utf-8")
    (root / "buena.pdf").write_bytes(_pdf("Sentencia sobre usucapión de un predio rústico."))
    (root / "sin-expediente.pdf").write_bytes(_pdf("Sentencia sin número de expediente."))
    (root / "rota.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500)
    (root / "privado" / "oculta.pdf").write_bytes(_pdf("Documento que robots.txt protege."))
    (root / "lista-vacia.html").write_text("<html><body></body></html>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /privado/\n", encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC, encoding="utf-8")
    return tmp_path


def test_errors_are_counted_by_cause_and_good_documents_kept(site: Path) -> None:
    with serve(site / "site") as server:
        result = run_crawl(site / "data", server.url, sources_dir=site / "specs")
    assert result.returncode == 3, result.stdout + result.stderr
    db = Database(f"sqlite:///{site / 'data' / 'abierto.db'}")
    run = db.list_runs("juzgado-prueba")[0]
    causes = {cause: entry["count"] for cause, entry in run.errors.items()}
    assert causes == {
        "missing_field": 1,
        "http_404": 1,
        "extraction_failed": 1,
        "robots_disallowed": 1,
        "empty_text": 1,
    }
    assert run.errors["http_404"]["examples"][0]["url"].endswith("/no-existe.pdf")
    assert run.errors["empty_text"]["examples"][0]["url"].endswith("/lista-vacia.html")
    expedientes = {doc.expediente for doc in db.iter_documents()}
    # the unreadable PDF and the empty page are kept (counted): their metadata is still news
    assert expedientes == {"100/2024", "102/2024", "104/2024"}
    assert run.stats["items"] == 3
    db.close()


def test_loopback_is_refused_unless_allowed(site: Path) -> None:
    with serve(site / "site") as server:
        result = run_crawl(
            site / "data", server.url, sources_dir=site / "specs", allow_loopback=False
        )
    assert result.returncode == 1
    assert "blocked_address" in result.stdout
    assert server.hits["/listado.html"] == 0
