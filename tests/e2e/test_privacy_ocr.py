"""A court that publishes scans and leaves personal data in its public versions, crawled
for real: scans are read by OCR and found by search, an unreadable scan keeps its
listing's metadata, personal data never reach the index, the API or the pages, and a
withholding source's document is not published."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from indexer.db import Database
from indexer.extract.ocr import tessdata_dir
from samples import personal
from samples.scans import image_pdf, scanned
from samples.server import serve
from tests.e2e.helpers import client_for, run_crawl

pytestmark = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")

SPEC = """
id: {id}
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-GUA
start_urls: ["${{ABIERTO_SAMPLES_URL}}/{listing}"]
required: [expediente]
privacy: {policy}
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
    date: "css:td.fecha::text"
"""
RNG = random.Random(5)
CURP = personal.curp(RNG)
RFC = personal.rfc(RNG)
EMAIL = "rosa.ibarra77@gmail.com"
PHONE = "(461) 215-3390"
SCANNED = (
    "SENTENCIA DEFINITIVA. Vistos los autos del juicio sobre usucapión del predio rústico "
    "denominado La Esperanza, ubicado en el municipio de Salvatierra, se resuelve que la "
    "parte actora acreditó la posesión pública, pacífica y continua del inmueble."
)
WITH_DATA = (
    "Vistos los autos del juicio de arrendamiento del local comercial promovido por Rosa "
    f"Ibarra Núñez, con CURP {CURP} y RFC {RFC}, quien señaló el correo {EMAIL} y el "
    f"teléfono {PHONE}, en contra de Ernesto Chávez Mendoza. Se condena al demandado."
)
WITHHELD = "Juicio de alimentos promovido por Itzel Romero Torres, teléfono 477 318 2290."


def _pdf(text: str, size: int = 12) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    pdf.multi_cell(0, size * 0.6, text)
    return bytes(pdf.output())


def _listing(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(
        f'<tr class="fila"><td class="exp">{exp}</td><td class="fecha">01/02/2024</td>'
        f'<td><a href="{href}">ver</a></td></tr>'
        for exp, href in rows
    ) + "</table>"  # fmt: skip


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("juzgado")
    site, specs = root / "site", root / "specs"
    site.mkdir()
    specs.mkdir()
    (site / "escaneada.pdf").write_bytes(scanned(_pdf(SCANNED, 14), dpi=300))
    (site / "datos.pdf").write_bytes(_pdf(WITH_DATA))
    rng = random.Random(2)
    noise = Image.new("L", (425, 550), 255)  # a half-letter slip: Tesseract's layout in
    for _ in range(5_000):  # seconds, where a full letter page of dust takes a minute
        noise.putpixel((rng.randrange(425), rng.randrange(550)), 0)
    (site / "ilegible.pdf").write_bytes(image_pdf([noise], 100))
    (site / "retenida.pdf").write_bytes(_pdf(WITHHELD))
    (site / "listado.html").write_text(
        _listing([("200/2024", "escaneada.pdf"), ("201/2024", "datos.pdf"),
                  ("202/2024", "ilegible.pdf")]), encoding="utf-8")  # fmt: skip
    (site / "retiene.html").write_text(_listing([("300/2024", "retenida.pdf")]), "utf-8")
    (specs / "juzgado.yaml").write_text(
        SPEC.format(id="juzgado-prueba", listing="listado.html", policy="mask"), "utf-8"
    )
    (specs / "retiene.yaml").write_text(
        SPEC.format(id="juzgado-retiene", listing="retiene.html", policy="withhold"), "utf-8"
    )
    with serve(site) as server:
        result = run_crawl(root / "data", server.url, sources_dir=specs)
    assert result.returncode == 3, result.stdout + result.stderr
    return root / "data"


def _by_expediente(data: Path) -> dict[str, object]:
    db = Database(f"sqlite:///{data / 'abierto.db'}")
    docs = {doc.expediente: doc for doc in db.iter_documents()}  # type: ignore[union-attr]
    db.close()
    return docs


def test_a_scan_is_read_by_ocr_found_by_search_and_said_so(crawled: Path) -> None:
    doc = _by_expediente(crawled)["200/2024"]
    assert doc.text_source == "ocr" and [p.page for p in doc.ocr_pages] == [1]
    with client_for(crawled) as api:
        hits = api.get("/v1/search", params={"q": '"predio rústico denominado La Esperanza"'})
        detail = api.get(f"/v1/documents/{doc.id}").json()
        page = api.get(f"/documentos/{doc.id}").text
    assert [h["id"] for h in hits.json()["hits"]] == [doc.id]
    assert detail["text_source"] == "ocr" and detail["ocr_pages"][0]["confidence"] > 60
    assert "reconocimiento óptico (OCR)" in page


def test_an_unreadable_scan_is_a_counted_error_and_keeps_its_metadata(crawled: Path) -> None:
    doc = _by_expediente(crawled)["202/2024"]
    assert str(doc.date) == "2024-02-01" and doc.text == ""
    db = Database(f"sqlite:///{crawled / 'abierto.db'}")
    run = db.list_runs("juzgado-prueba")[0]
    db.close()
    assert run.errors["extraction_failed"]["count"] == 1
    assert "no_text" in run.errors["extraction_failed"]["examples"][0]["message"]


def test_personal_data_never_reach_the_index_the_api_or_the_pages(crawled: Path) -> None:
    doc = _by_expediente(crawled)["201/2024"]
    with client_for(crawled) as api:
        for value in (CURP, RFC, EMAIL, "Ibarra", "2153390"):
            assert api.get("/v1/search", params={"q": value}).json()["total"] == 0, value
        hits = api.get("/v1/search", params={"q": '"arrendamiento del local comercial"'}).json()
        text = api.get(f"/v1/documents/{doc.id}/text").text
        detail = api.get(f"/v1/documents/{doc.id}").text
        page = api.get(f"/documentos/{doc.id}").text
        original = api.get(f"/v1/documents/{doc.id}/file")
    [hit] = hits["hits"]
    shown = str(hit) + text + detail + page
    for value in (CURP, RFC, EMAIL, PHONE, "Rosa Ibarra", "Chávez Mendoza"):
        assert value not in shown, value
    assert text.count("[DATO PERSONAL]") == 6
    assert original.status_code == 451 and "datos personales" in original.json()["detail"]
    assert "/file?n=" not in page and "el archivo original no se entrega" in page


def test_findings_are_counted_on_the_source_health_without_values(crawled: Path) -> None:
    db = Database(f"sqlite:///{crawled / 'abierto.db'}")
    run = db.list_runs("juzgado-prueba")[0]
    db.close()
    assert {k: v for k, v in run.stats.items() if k.startswith("privacy_")} == {
        "privacy_name": 2, "privacy_curp": 1, "privacy_rfc": 1, "privacy_email": 1,
        "privacy_phone": 1, "privacy_documents": 1,
    }  # fmt: skip
    assert run.stats["ocr_pages"] == 1
    doc = _by_expediente(crawled)["201/2024"]
    kinds = [(f.kind, f.field) for f in doc.privacy.findings]
    assert ("curp", "text") in kinds and CURP not in doc.privacy.model_dump_json()


def test_a_withholding_source_publishes_nothing_until_reviewed(crawled: Path) -> None:
    doc = _by_expediente(crawled)["300/2024"]
    assert doc.privacy.withheld
    with client_for(crawled) as api:
        assert api.get("/v1/search", params={"q": "alimentos"}).json()["total"] == 0
        for path in ("", "/text", "/file"):
            answer = api.get(f"/v1/documents/{doc.id}{path}")
            assert answer.status_code == 451, path
            assert "retenido" in answer.json()["detail"]
