"""A sentence's outcome (sentido del fallo) is kept as its source publishes it: the Nuevo
León grid's "Sentido del Fallo" column, the Jalisco service's ``ruling`` key. A column the
spec names is kept in the source's words case-folded and recorded as read from the
listing; where the listing gives none, the sentence's resolutive points may
(tests/unit/test_ruling_reader.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db import Database
from indexer.library import Library
from indexer.models import Sentencia, document_id
from indexer.readers.normalise import normalise_ruling
from tests.shapes.harness import FIXTURES, run_abierto
from tests.shapes.server import FixtureServer

UNHASHED = {"content_sha256", "fetched_at", "updated_at"}
NL_CASE = FIXTURES / "html_listing" / "pj-nl-paginador"


def _crawl(tmp_path: Path, case: Path) -> list[Sentencia]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_bytes((case / "spec.yaml").read_bytes())
    with FixtureServer(FIXTURES) as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
    finally:
        db.close()
    assert all(isinstance(d, Sentencia) for d in docs)
    return docs  # type: ignore[return-value]


def test_the_nl_grid_crawled_over_http_keeps_each_rows_outcome(tmp_path: Path) -> None:
    docs = {d.title: d for d in _crawl(tmp_path, NL_CASE)}
    robo = docs["Sentencia penal: ROBO CON VIOLENCIA, 04/marzo/2021"]
    lesiones = docs["Sentencia penal: LESIONES CALIFICADAS, 10/marzo/2021"]
    assert (robo.ruling, lesiones.ruling) == ("condenatorio", "absolutorio")
    assert robo.field_sources["ruling"] == "listing"
    # the row whose cell is a lone no-break space has no outcome, and says none
    blank = docs["Sentencia penal: DAÑO EN PROPIEDAD AJENA, 28/enero/2021"]
    assert blank.ruling is None and "ruling" not in blank.field_sources
    assert sorted(str(d.ruling) for d in docs.values()) == [
        "None", "absolutorio", "condenatorio", "condenatorio", "mixto"
    ]  # fmt: skip


def test_the_jalisco_records_ruling_is_kept_in_its_own_words(tmp_path: Path) -> None:
    docs = {d.expediente: d for d in _crawl(tmp_path, FIXTURES / "json_api" / "stj-jalisco")}
    assert docs["Toca 52/2025"].ruling == "modificar"
    assert docs["Toca 239/2024"].ruling == "reponer procedimiento"
    assert docs["Toca 52/2025"].field_sources["ruling"] == "api"


def test_the_outcome_is_the_sources_word_never_an_invented_one() -> None:
    assert normalise_ruling("  CONDENATORIO ") == "condenatorio"
    assert normalise_ruling("DEJA DE SER SUJETO AL\nSISTEMA") == "deja de ser sujeto al sistema"
    assert normalise_ruling("ABSOLUCIÓN") == "absolución"
    assert normalise_ruling("\xa0") is None and normalise_ruling(None) is None


def test_a_sentence_without_an_outcome_keeps_the_hash_it_was_saved_with() -> None:
    doc = Sentencia(
        id="x", title="t", institution="i", jurisdiction="MX", source_id="s", url="u", text="a"
    )
    digest = doc.with_hash().content_sha256
    # the hash as defined before the field existed: the dump without it, as a sorted repr
    payload = doc.model_dump(mode="json", exclude={"ruling", "secretario", "parties", *UNHASHED})
    assert digest == hashlib.sha256(repr(sorted(payload.items())).encode()).hexdigest()
    assert doc.model_copy(update={"ruling": "condenatorio"}).with_hash().content_sha256 != digest


def test_the_page_json_export_and_search_words_show_the_outcome(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "datos", database_url=None))
    doc = Sentencia(
        id=document_id("pj-nl", "https://ejemplo.gob.mx/v1"),
        title="Sentencia penal: ROBO CON VIOLENCIA, 04/marzo/2021",
        institution="Poder Judicial del Estado de Nuevo León",
        jurisdiction="MX-NLE",
        source_id="pj-nl",
        url="https://ejemplo.gob.mx/v1",
        text="Sentencia definitiva en la carpeta judicial 51/2019.",
        matter="penal",
        ruling="condenatorio",
        field_sources={"ruling": "listing"},
    )
    library.add_document(doc)
    library.flush()
    try:
        with TestClient(create_app(library)) as client:
            page = client.get(f"/documentos/{doc.id}")
            record = client.get(f"/v1/documents/{doc.id}")
            export = client.get("/v1/export.csv", params={"q": "condenatorio"})
    finally:
        library.close()
    assert page.status_code == 200
    assert "Sentido del fallo" in page.text and "condenatorio" in page.text
    assert record.status_code == 200 and record.json()["ruling"] == "condenatorio"
    assert export.status_code == 200, export.text
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [r["ruling"] for r in rows] == ["condenatorio"]
    assert json.dumps(record.json()["field_sources"]) == '{"ruling": "listing"}'
