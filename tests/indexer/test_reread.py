"""``abierto reextract --releer``: documents older readers read get their fields read again
from their stored texts, as the save path reads them; what their source gave stays (real
PDFs, SQLite and PostgreSQL, the embedded index, the health route over HTTP)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF
from sqlalchemy import text

from api.app import create_app
from cli.reextract import cmd_reextract, reread_notice
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.readers import READERS_VERSION
from indexer.readers.judgments import read_sentence
from indexer.reextract import reread, stale_readings
from indexer.stores import SearchQuery
from tests.indexer.test_pdf_artifacts import FONT

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="sin la fuente DejaVu Sans")

AUX = "Primer Tribunal Colegiado del Centro Auxiliar de la Tercera Región"
MORELIA = f"{AUX}, con residencia en Morelia, Michoacán"
GDL = f"{AUX}, con residencia en Guadalajara, Jalisco"
TFJA_NUMBER = "12345/23-17-04-8"
BODY = [
    "V I S T O S para resolver los autos del juicio de amparo directo 55/2023; y,",
    "R E S U L T A N D O",
    "PRIMERO. Consideración sobre los argumentos de la parte quejosa.",
]


def _caption(city: str) -> list[str]:
    return [
        "PRIMER TRIBUNAL COLEGIADO DEL CENTRO AUXILIAR",
        "DE LA TERCERA REGIÓN",
        f"CON RESIDENCIA EN {city}",
        "AMPARO DIRECTO 55/2023",
        "QUEJOSA: **********",
        "",
        *BODY,
    ]


TFJA = [
    "TRIBUNAL FEDERAL DE JUSTICIA ADMINISTRATIVA",
    f"JUICIO EN LÍNEA: {TFJA_NUMBER}",
    "",
    "ACTOR: **********",
    "",
    "Ciudad de México, a veinte de marzo de dos mil veinticuatro.",
    "",
    "R E S U L T A N D O",
    "PRIMERO. Consideración sobre los argumentos de la parte recurrente.",
    "Por lo expuesto, se resuelve:",
    "ÚNICO. Se reconoce la validez de la resolución impugnada.",
]


def _pdf(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dv", fname=str(FONT))
    pdf.set_font("dv", size=10)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _saved_by_old_readers(
    library: Library, name: str, lines: list[str], given: dict[str, str], old: dict, stamp
) -> str:
    """A sentence crawled from its PDF (``given``: its listing's fields), saved as older
    readers read it (``old``: their values) and stamped with their version (None: before
    versions were counted)."""
    url = f"https://corte.example/{name}.pdf"
    given = {"title": f"Sentencia {name}", **given}
    archived = library.add_file(_pdf(lines), url, "application/pdf")
    assert archived.text
    doc = build_document(
        kind="sentencia", source_id="corte", institution="Poder Judicial de la Federación",
        jurisdiction="MX", url=f"https://corte.example/{name}",
        fields=given, text=archived.text,
        files=[archived.ref],
    )  # fmt: skip
    sources = {k: v for k, v in doc.field_sources.items() if k not in old or old[k]}
    before = doc.model_copy(update={**old, "field_sources": sources}).read_by(0)
    library.add_document(before)
    with library.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE documents SET readers = :v WHERE id = :id"), {"v": stamp, "id": doc.id}
        )
    return doc.id


def _court(library: Library, court: str) -> int:
    return library.search(SearchQuery(filters={"court": [court]})).total


def test_documents_older_readers_read_are_read_again_and_found_by_their_new_values(
    tmp_path: Path, database_url: str
) -> None:
    library = Library.open(
        Settings(data_dir=tmp_path / "data", database_url=database_url), writer=True
    )
    try:
        # the readers of today read each court's seat and the TFJA's number…
        assert read_sentence("\n".join(_caption("MORELIA, MICHOACÁN"))).values["court"] == MORELIA
        assert read_sentence("\n".join(TFJA)).values["expediente"] == TFJA_NUMBER
        # …older ones read one court for two and no number
        morelia = _saved_by_old_readers(
            library, "morelia", _caption("MORELIA, MICHOACÁN"), {"matter": "penal"},
            {"court": AUX}, None,
        )  # fmt: skip
        # (its listing gave no title: the one made of its case number and court follows)
        made = f"Sentencia del expediente AMPARO DIRECTO 55/2023 ({AUX})"
        gdl = _saved_by_old_readers(
            library, "gdl", _caption("GUADALAJARA, JALISCO"), {"title": None},
            {"court": AUX, "title": made}, 0,
        )  # fmt: skip
        tfja = _saved_by_old_readers(
            library, "tfja", TFJA, {}, {"expediente": None, "expediente_normalised": None,
                                        "expediente_forms": []}, None,
        )  # fmt: skip
        # the listing named the court (no seat): it stays the listing's (another sentence
        # of that court: one original published twice is one document)
        other = [*_caption("MORELIA, MICHOACÁN"), "SEGUNDO. Otra consideración."]
        listed = _saved_by_old_readers(library, "listado", other, {"court": AUX}, {}, None)
        library.flush()
        assert _court(library, AUX) == 3 and _court(library, MORELIA) == 0
        assert library.search(SearchQuery(filters={"expediente": [TFJA_NUMBER]})).total == 0
        before = {i: library.db.get_document(i) for i in (morelia, gdl, tfja, listed)}

        assert stale_readings(library.db) == 4
        with TestClient(create_app(library)) as client:
            health = client.get("/healthz").json()["database"]
        assert health["old_readings"] == 4
        assert "abierto reextract --releer" in health["aviso"] and "lectores" in health["aviso"]

        tally = reread(library, batch=2)
        assert (tally.reextracted, tally.unchanged, tally.failed) == (3, 1, 0)
        assert library.db.count_pending() == 3  # the changed ones, through the queue
        library.flush()
        assert _court(library, MORELIA) == 1 and _court(library, GDL) == 1
        found = library.search(SearchQuery(filters={"expediente": [TFJA_NUMBER]}))
        assert [hit.id for hit in found.hits] == [tfja]
        facet = {f.value: f.count for f in library.search(SearchQuery()).facets["court"]}
        assert (facet[MORELIA], facet[GDL], facet[AUX]) == (1, 1, 1)  # AUX: the listing's

        after = {i: library.db.get_document(i) for i in before}
        assert after[morelia].court == MORELIA  # type: ignore[union-attr]
        assert after[morelia].field_sources["court"] == "heading"  # type: ignore[union-attr]
        assert after[tfja].field_sources["expediente"] == "heading"  # type: ignore[union-attr]
        # what the listing gave, the texts and titles: as they were
        assert after[morelia].matter == "penal"  # type: ignore[union-attr]
        assert after[morelia].field_sources["matter"] == "listing"  # type: ignore[union-attr]
        assert after[listed] == before[listed]
        assert after[listed].field_sources["court"] == "listing"  # type: ignore[union-attr]
        assert after[gdl].title == f"Sentencia del expediente AMPARO DIRECTO 55/2023 ({GDL})"  # type: ignore[union-attr]
        assert after[morelia].title == "Sentencia morelia"  # type: ignore[union-attr]
        for i, doc in after.items():
            assert doc is not None and before[i] is not None
            assert (doc.text, doc.signature_text, doc.privacy) == (
                before[i].text,  # type: ignore[union-attr]
                before[i].signature_text,  # type: ignore[union-attr]
                before[i].privacy,  # type: ignore[union-attr]
            )

        assert stale_readings(library.db) == 0
        with TestClient(create_app(library)) as client:
            assert "old_readings" not in client.get("/healthz").json()["database"]
        again = reread(library)
        assert (again.reextracted, again.unchanged, again.failed) == (0, 0, 0)
        assert library.db.count_pending() == 0
        # every document, whatever its stamp: read again, nothing changes
        every = reread(library, every=True)
        assert (every.reextracted, every.unchanged) == (0, 4)
        assert library.db.count_pending() == 0
    finally:
        library.close()


def _stamps(library: Library) -> list:
    with library.db.engine.connect() as connection:
        return connection.execute(text("SELECT readers FROM documents")).scalars().all()


def test_the_save_path_stamps_what_the_readers_read_and_keeps_a_stamp_it_does_not_know(
    tmp_path: Path,
) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        doc = build_document(
            kind="sentencia", source_id="corte", institution="Suprema Corte",
            jurisdiction="MX", url="https://corte.example/1", fields={"title": "Amparo"},
            text="SEGUNDA SALA\nAMPARO EN REVISIÓN 123/2023\nVISTOS los autos.",
        )  # fmt: skip
        assert doc.readers == READERS_VERSION
        library.add_document(doc)
        assert _stamps(library) == [READERS_VERSION]
        # a document read back from its row and saved changed: its row's stamp stays
        stored = library.db.get_document(doc.id)
        assert stored is not None and stored.readers is None
        library.db.save_documents([stored.model_copy(update={"title": "Amparo en revisión"})])
        assert _stamps(library) == [READERS_VERSION]
        # a stamp older readers left, then the same content read again (a re-crawl):
        # stamped, not rewritten, not queued
        with library.db.engine.begin() as connection:
            connection.execute(text("UPDATE documents SET readers = NULL"))
        library.flush()
        again = library.db.get_document(doc.id)
        assert again is not None
        assert library.db.save_documents([again.read_by(READERS_VERSION)]) == ["unchanged"]
        assert _stamps(library) == [READERS_VERSION] and library.db.count_pending() == 0
    finally:
        library.close()


def test_the_command_counts_and_reads_again_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    library = Library.open(settings, writer=True)
    try:
        _saved_by_old_readers(
            library, "gdl", _caption("GUADALAJARA, JALISCO"), {}, {"court": AUX}, None
        )
    finally:
        library.close()
    args = argparse.Namespace(releer=True, contar=True, todos=False, source=None, desde="")
    assert cmd_reextract(args, settings) == 0
    # (the speeches' own version is said on the next line: see test_stale_speeches)
    assert capsys.readouterr().out.strip().splitlines()[0] == reread_notice(1)
    assert "1 documento fue leído" in (reread_notice(1) or "")
    assert cmd_reextract(argparse.Namespace(**{**vars(args), "contar": False}), settings) == 0
    out = capsys.readouterr().out
    assert "1 documento con campos nuevos, 0 sin cambios, 0 fallidos" in out
    assert "1 documento reindexado" in out
    assert cmd_reextract(args, settings) == 0
    said = capsys.readouterr().out
    assert (
        said.strip().splitlines()[0]
        == f"todos los documentos los leyó la versión {READERS_VERSION} de los lectores"
    )
