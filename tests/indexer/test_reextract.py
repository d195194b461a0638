"""``abierto reextract``: files an older extractor read are read again from the archive,
their documents rebuilt and re-indexed (real PDFs, SQLite and the embedded index)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF

from api.app import create_app
from cli.local import index_paths
from cli.reextract import stale_notice
from config.settings import Settings
from indexer.build import build_document
from indexer.db import FileRow
from indexer.extract import EXTRACTOR_VERSION, extract_text
from indexer.library import Library
from indexer.models import FileRef
from indexer.reextract import reextract, stale_documents, stale_files
from indexer.stores import SearchQuery
from tests.indexer.test_pdf_artifacts import FONT, public_version

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="sin la fuente DejaVu Sans")
PHRASE = '"protección constitucional"'


def _old(library: Library, data: bytes, text: str, name: str, folder: Path) -> Path:
    """The file as a library before extractor versions holds it: archived, its stored
    text the old one, no stamp; then indexed (the stored text is reused, as it was)."""
    sha = library.archive.put(data)
    library.db.save_file(
        FileRow(sha256=sha, size=len(data), content_type="application/pdf",
                first_url=f"file:///{name}", pages=5, text=text, method="pdfium",
                error=None, archived_at=dt.datetime.now(dt.UTC))
    )  # fmt: skip
    path = folder / name
    path.write_bytes(data)
    counts = index_paths(
        library, [path], kind="sentencia", institution="Suprema Corte", jurisdiction="MX"
    )
    assert counts["new"] == 1
    return path


def test_reextract_reads_old_files_again_and_the_phrase_is_found(
    tmp_path: Path, database_url: str
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    library = Library.open(settings, writer=True)
    try:
        pdf = public_version()
        new_text = extract_text(pdf).text
        assert "protección constitucional" in new_text
        old_text = new_text.replace("constitucional", "constitu-\n\fcional")
        _old(library, pdf, old_text, "sentencia.pdf", tmp_path)
        # an original that no longer reads (its bytes damaged): its old text is kept
        broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF"
        _old(library, broken, "Amparo directo 9/2020. Texto leído antes.", "rota.pdf", tmp_path)
        # an original the archive no longer holds: left alone, counted
        gone = b"%PDF-1.4 gone " + b"x" * 40
        _old(library, gone, "Amparo directo 8/2020. Sin original.", "ida.pdf", tmp_path)
        library.archive.remove(hashlib.sha256(gone).hexdigest())
        library.flush()
        assert library.search(SearchQuery(q=PHRASE)).total == 0
        assert stale_files(library.db) == 3
        assert stale_documents(library.db) == 3
        notice = stale_notice(3, 3)
        assert notice is not None and "abierto reextract" in notice
        with TestClient(create_app(library)) as client:
            health = client.get("/healthz").json()["database"]
        assert health["old_texts"] == 3 and "abierto reextract" in health["aviso"]

        tally = reextract(library)
        assert (tally.reextracted, tally.unchanged, tally.failed, tally.no_original) == (1, 0, 1, 1)
        assert tally.causes["malformed"] == 1 and tally.causes["sin_original"] == 1
        assert library.db.count_pending() == 1  # the changed one, through the queue
        library.flush()
        assert library.search(SearchQuery(q=PHRASE)).total == 1
        assert library.search(SearchQuery(q='"Texto leído antes"')).total == 1
        assert library.search(SearchQuery(q='"Sin original"')).total == 1
        row = library.db.get_file(hashlib.sha256(pdf).hexdigest())
        assert row is not None and row.extractor == EXTRACTOR_VERSION and row.text == new_text
        assert stale_documents(library.db) == 2  # the two left as they were

        again = reextract(library)
        assert (again.reextracted, again.unchanged) == (0, 0)
        assert library.db.count_pending() == 0
        assert library.search(SearchQuery(q=PHRASE)).total == 1
        # a run stopped after saving the document, before stamping its file: resumed
        row.text, row.extractor = old_text, None
        library.db.save_file(row, replace=True)
        resumed = reextract(library)
        assert (resumed.reextracted, resumed.unchanged, resumed.failed, resumed.no_original) == (
            0,
            1,
            1,
            1,
        )
        assert library.db.get_file(row.sha256).extractor == EXTRACTOR_VERSION  # type: ignore[union-attr]
    finally:
        library.close()


def test_a_new_file_is_stamped_and_every_reads_it_again_unchanged(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        path = tmp_path / "nueva.pdf"
        path.write_bytes(public_version())
        index_paths(
            library, [path], kind="sentencia", institution="Suprema Corte", jurisdiction="MX"
        )
        row = library.db.get_file(hashlib.sha256(path.read_bytes()).hexdigest())
        assert row is not None and row.extractor == EXTRACTOR_VERSION
        assert stale_documents(library.db) == 0
        assert reextract(library).current == 1
        tally = reextract(library, every=True)
        assert (tally.reextracted, tally.unchanged, tally.files_read) == (0, 1, 1)
    finally:
        library.close()


def test_a_run_over_every_file_that_reads_the_same_writes_nothing(tmp_path: Path) -> None:
    """``reextract --todos`` over an up-to-date library wrote each file's row again (one
    transaction per file, its text and stamp unchanged); now a run that changes nothing
    writes nothing: SQLite's ``data_version``, read from another connection, stays."""
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        paths = []
        for n in range(3):
            path = tmp_path / f"s{n}.pdf"
            path.write_bytes(_small_pdf(f"Amparo directo {n}/2024. La Sala resuelve el caso {n}."))
            paths.append(path)
        index_paths(
            library, paths, kind="sentencia", institution="Suprema Corte", jurisdiction="MX"
        )
        library.flush()
        watcher = sqlite3.connect(tmp_path / "data" / "abierto.db")
        before = watcher.execute("PRAGMA data_version").fetchone()
        tally = reextract(library, every=True)
        assert (tally.reextracted, tally.unchanged, tally.files_read) == (0, 3, 3)
        assert watcher.execute("PRAGMA data_version").fetchone() == before
        assert library.db.count_pending() == 0
        watcher.close()
    finally:
        library.close()


def _annexed(library: Library, n: int, annex: FileRef, annex_text: str) -> None:
    """A sentence of two files, its own (read by this extractor) and a shared annex."""
    own = _small_pdf(f"AMPARO DIRECTO {n}/2024. Resolución de la Sala número {n}.")
    archived = library.add_file(own, f"https://corte.example/{n}.pdf", "application/pdf")
    assert archived.text is not None
    doc = build_document(
        kind="sentencia", source_id="corte", institution="Suprema Corte", jurisdiction="MX",
        url=f"https://corte.example/{n}", fields={"title": f"Amparo directo {n}/2024"},
        text=archived.text + "\n\n" + annex_text, heading_text=archived.text,
        files=[archived.ref, annex],
    )  # fmt: skip
    library.add_document(doc)


def _small_pdf(line: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dv", fname=str(FONT))
    pdf.set_font("dv", size=11)
    pdf.cell(0, 6, line)
    return bytes(pdf.output())


def test_an_annex_two_documents_share_is_rebuilt_in_both_across_batches(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        pdf = public_version()
        old_text = extract_text(pdf).text.replace("constitucional", "constitu-\n\fcional")
        sha = library.archive.put(pdf)
        library.db.save_file(
            FileRow(sha256=sha, size=len(pdf), content_type="application/pdf",
                    first_url="https://corte.example/anexo.pdf", pages=5, text=old_text,
                    method="pdfium", error=None, archived_at=dt.datetime.now(dt.UTC))
        )  # fmt: skip
        annex = FileRef(url="https://corte.example/anexo.pdf", sha256=sha, size=len(pdf))
        _annexed(library, 1, annex, old_text)
        _annexed(library, 2, annex, old_text)
        library.flush()
        assert library.search(SearchQuery(q=PHRASE)).total == 0
        tally = reextract(library, batch=1)  # each document in a batch of its own
        assert (tally.reextracted, tally.files_read) == (2, 1)
        library.flush()
        assert library.search(SearchQuery(q=PHRASE)).total == 2
        assert reextract(library).reextracted == 0
    finally:
        library.close()


HEADING = [
    "SUPREMA CORTE DE JUSTICIA DE LA NACIÓN",
    "SEGUNDA SALA",
    "AMPARO EN REVISIÓN 123/2023",
    "MATERIA: ADMINISTRATIVA",
    "VISTOS los autos del amparo en revisión para resolver.",
]


def test_the_readers_fields_are_read_again_and_the_sources_kept(tmp_path: Path) -> None:
    """The old text spelled the heading with TeX's spacing accents: the court was read
    wrong and the case number not at all; the listing's matter is never overwritten."""
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        pdf = FPDF()
        pdf.add_page()
        pdf.add_font("dv", fname=str(FONT))
        pdf.set_font("dv", size=11)
        for line in HEADING:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        data = bytes(pdf.output())
        old_text = "\n".join(HEADING).replace("Ó", "´O")
        sha = library.archive.put(data)
        library.db.save_file(
            FileRow(sha256=sha, size=len(data), content_type="application/pdf",
                    first_url="https://corte.example/ar.pdf", pages=1, text=old_text,
                    method="pdfium", error=None, archived_at=dt.datetime.now(dt.UTC))
        )  # fmt: skip
        archived = library.add_file(data, "https://corte.example/ar.pdf", "application/pdf")
        assert archived.reused and archived.text == old_text
        doc = build_document(
            kind="sentencia", source_id="corte", institution="Suprema Corte", jurisdiction="MX",
            url="https://corte.example/ar", fields={"title": "Amparo", "matter": "penal"},
            text=archived.text, files=[archived.ref],
        )  # fmt: skip
        assert doc.expediente is None and "´" in (doc.court or "")
        library.add_document(doc)
        assert reextract(library).reextracted == 1
        after = library.db.get_document(doc.id)
        assert after is not None and after.kind == "sentencia"
        assert after.court == "Segunda Sala de la SCJN"
        assert after.expediente == "AMPARO EN REVISIÓN 123/2023"
        assert after.expediente_normalised and after.proceeding == "amparo en revisión"
        assert after.matter == "penal" and after.field_sources["matter"] == "listing"
        assert after.field_sources["expediente"] == "heading"
        assert "NACIÓN" in after.text
    finally:
        library.close()


def test_a_document_a_person_released_stays_released_when_read_again(tmp_path: Path) -> None:
    """A withheld sentence (personal data under its source's ``withhold`` policy) that a
    person reviewed and released (``abierto privacy release``) was withheld again by
    ``abierto reextract``: the rebuilt document's report came new, ``reviewed`` false, and
    it vanished from search and its page. Its release now survives the new reading."""
    from cli.privacy import release

    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        line = "AMPARO DIRECTO 4/2024. El quejoso señaló el correo juan.perez@correo.mx."
        pdf = _small_pdf(line)
        archived = library.add_file(pdf, "https://corte.example/4.pdf", "application/pdf")
        assert archived.text is not None
        old_text = archived.text.replace("quejoso", "que-\njoso")
        doc = build_document(
            kind="sentencia", source_id="corte", institution="Suprema Corte", jurisdiction="MX",
            url="https://corte.example/4", fields={"title": "Amparo directo 4/2024"},
            text=old_text, heading_text=old_text, files=[archived.ref], privacy="withhold",
        )  # fmt: skip
        assert doc.privacy is not None and doc.privacy.withheld
        library.add_document(doc)
        row = library.db.get_file(archived.ref.sha256)
        assert row is not None
        row.text, row.extractor = old_text, None  # read by an older extractor
        library.db.save_file(row, replace=True)
        released = release(library, doc.id, "mask")
        assert released is not None and not released.privacy.withheld  # type: ignore[union-attr]
        assert library.search(SearchQuery(q='"Amparo directo"')).total == 1

        tally = reextract(library)
        assert tally.reextracted == 1
        library.flush()
        stored = library.db.get_document(doc.id)
        assert stored is not None and "quejoso" in stored.text
        assert stored.privacy is not None and stored.privacy.reviewed
        assert not stored.privacy.withheld and stored.privacy.policy == "mask"
        assert "juan.perez@correo.mx" not in stored.text  # still masked as released
        assert library.search(SearchQuery(q='"Amparo directo"')).total == 1
    finally:
        library.close()
