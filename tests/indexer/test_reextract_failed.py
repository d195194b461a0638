"""Files whose reading failed under an older extractor (version 2, or before stamps) were
never read again: ``abierto reextract`` skipped every file without a text, so a sentence
whose Word file an old version could not read stayed without its words after an upgrade
that reads it, and ``--contar`` went on counting them forever; a folder indexed again
reused the old failure. Now each is read again: its text takes its place in its
document, a failure again is stamped with its cause now, and a failed file no document
lists is read too. Real PDFs and Word files, SQLite and the embedded index."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from fpdf import FPDF

from cli.local import index_paths
from config.settings import Settings
from indexer.build import build_document
from indexer.db import FileRow
from indexer.extract import EXTRACTOR_VERSION
from indexer.library import Library
from indexer.models import FileRef
from indexer.reextract import reextract, stale_documents, stale_files
from indexer.stores import SearchQuery
from tests.indexer.test_pdf_artifacts import FONT
from tests.shapes.docx import docx_sentence

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pdf(line: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dv", fname=str(FONT))
    pdf.set_font("dv", size=11)
    pdf.cell(0, 6, line)
    return bytes(pdf.output())


def _failed(library: Library, data: bytes, url: str, kind: str, stamp: int | None) -> str:
    """The file as an older extractor left it: archived, its reading failed."""
    sha = library.archive.put(data)
    library.db.save_file(
        FileRow(sha256=sha, size=len(data), content_type=kind, first_url=url, pages=None,
                text=None, method=None, error="malformed: documento Word ilegible",
                archived_at=dt.datetime.now(dt.UTC), extractor=stamp)
    )  # fmt: skip
    return sha


def _sentence(library: Library, n: int, page: str, files: list) -> str:
    """A crawled sentence as the pipeline saves it: its page's text, then its files' that
    have one (a failed file is listed, and gives no text)."""
    texts = [row.text for row in map(library.db.get_file, [f.sha256 for f in files]) if row.text]
    doc = build_document(
        kind="sentencia", source_id="corte", institution="Suprema Corte", jurisdiction="MX",
        url=f"https://corte.example/{n}", fields={"title": f"Amparo directo {n}/2020"},
        text="\n\n".join([page, *texts]), heading_text=texts[0] if texts else page,
        files=files,
    )  # fmt: skip
    library.add_document(doc)
    return doc.id


def test_files_an_older_extractor_failed_are_read_again(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        # a sentence: its resolution (a PDF read well) and its Word file (failed, version 2)
        pdf = _pdf("AMPARO DIRECTO 5/2020. Resolución de la Primera Sala.")
        read = library.add_file(pdf, "https://corte.example/5.pdf", "application/pdf")
        word = docx_sentence("Se concede el amparo por violación al debido proceso legal.")
        sha = _failed(library, word, "https://corte.example/5.docx", DOCX, 2)
        first = _sentence(library, 5, "Listado de la Sala.", [read.ref, _ref(library, sha)])
        # one whose file fails again (its bytes are no Word file): said now, stamped
        broken = b"PK\x03\x04 no es un zip"
        gone = _failed(library, broken, "https://corte.example/6.docx", DOCX, None)
        second = _sentence(library, 6, "Listado de la Sala, caso 6.", [_ref(library, gone)])
        # a file indexed alone whose reading failed: no document was made of it
        alone = _pdf("AMPARO EN REVISIÓN 7/2020. Sentencia de la Segunda Sala.")
        lone = _failed(library, alone, "file:///carpeta/7.pdf", "application/pdf", None)
        library.flush()
        phrase = SearchQuery(q='"violación al debido proceso"')
        assert library.search(phrase).total == 0
        assert stale_files(library.db) == 3 and stale_documents(library.db) == 2

        tally = reextract(library)
        assert (tally.reextracted, tally.unchanged, tally.failed) == (1, 1, 0)
        assert tally.files_read == 3 and tally.causes == {"unsupported_type": 1}
        library.flush()
        assert library.search(phrase).total == 1
        doc = library.db.get_document(first)
        assert doc is not None and doc.text.startswith("Listado de la Sala.\n\nAMPARO DIRECTO")
        assert doc.text.endswith("violación al debido proceso legal.")
        failed = library.db.get_file(gone)
        assert failed is not None and failed.extractor == EXTRACTOR_VERSION
        assert failed.text is None and (failed.error or "").startswith("unsupported_type")
        unchanged = library.db.get_document(second)
        assert unchanged is not None and unchanged.text == "Listado de la Sala, caso 6."
        assert library.db.get_file(sha).extractor == EXTRACTOR_VERSION  # type: ignore[union-attr]
        lone_row = library.db.get_file(lone)
        assert lone_row is not None and "Segunda Sala" in (lone_row.text or "")
        assert stale_files(library.db) == 0 and stale_documents(library.db) == 0
        assert reextract(library).files_read == 0  # nothing left to do

        # the folder indexed again makes the document of the file read now
        folder = tmp_path / "carpeta"
        folder.mkdir()
        (folder / "7.pdf").write_bytes(alone)
        counts = index_paths(
            library, [folder / "7.pdf"], kind="sentencia", institution="Suprema Corte",
            jurisdiction="MX",
        )  # fmt: skip
        assert counts["new"] == 1
    finally:
        library.close()


def _ref(library: Library, sha: str) -> FileRef:
    row = library.db.get_file(sha)
    assert row is not None
    return FileRef(url=row.first_url, sha256=sha, content_type=row.content_type, size=row.size)


def test_a_folder_indexed_again_reads_a_file_an_older_extractor_failed(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        data = _pdf("AMPARO DIRECTO 8/2020. Sentencia de la Primera Sala.")
        path = tmp_path / "8.pdf"
        path.write_bytes(data)
        _failed(library, data, path.as_uri(), "application/pdf", 2)
        counts = index_paths(
            library, [path], kind="sentencia", institution="Suprema Corte", jurisdiction="MX"
        )
        assert counts["new"] == 1
        row = library.db.get_file(hashlib.sha256(data).hexdigest())
        assert row is not None and row.extractor == EXTRACTOR_VERSION and row.error is None
    finally:
        library.close()
