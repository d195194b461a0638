"""Every command that re-writes stored documents keeps the tenant walls the crawl keeps.
A registered source's document stored under another institution's name or court (kept
before a wall existed, or written past it) was re-saved as it was by ``abierto privacy
rescan`` and ``release``, and ``abierto reextract --releer`` read a court the crawl had
left empty (another institution's, named in the judgment's heading) back into it. Now
each re-writing puts the document under its institution's name and jurisdiction and
leaves another's court empty; the institution's name a catalogue page gave is guarded
for personal data as publication guards it. A source whose institution was deleted kept
no walls at all (read as the operator's): now its stored spec's institution is used, and
with none known every court, chamber and committee is left empty. Real SQLite libraries."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import delete, update

from cli.privacy import release, rescan
from config.settings import Settings
from config.specs import SourceSpec
from indexer.build import build_document
from indexer.db.registry import Caller, Registry, Witness
from indexer.db.tables import AuditRow, InstitutionRow
from indexer.library import Library
from indexer.reextract import reread
from indexer.stores import SearchQuery
from samples import personal

STJ = "Supremo Tribunal de Justicia del Estado de Guanajuato"
TJA = "Tribunal de Justicia Administrativa del Estado de Guanajuato"
CURP = personal.curp(random.Random(3))
HEADING = (
    f"{TJA.upper()}\nPRIMERA SALA\n\nEXPEDIENTE 120/2024\n\nSENTENCIA DEFINITIVA\n\n"
    + "Vistos para resolver los autos del juicio de nulidad. " * 10
)


def _library(tmp_path: Path) -> tuple[Library, Registry]:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    registry = Registry(library.db)
    registry.add_institution("stj-gto", STJ, "court", "MX-GUA")
    registry.add_institution("tja-gto", TJA, "court", "MX-GUA")
    spec = SourceSpec.model_validate(
        {
            "id": "stj-gto-sentencias",
            "kind": "sentencia",
            "institution": STJ,
            "jurisdiction": "MX-GUA",
            "start_urls": ["https://stj.example/lista.html"],
            "listing": {"items": "css:li", "link": "css:a::attr(href)"},
        }
    )
    registry.create_source("stj-gto", spec, set())
    return library, registry


def _stored(library: Library, n: int, **fields: str) -> str:
    """A document of the STJ's registered source stored as the TJA's (before its wall)."""
    doc = build_document(
        kind="sentencia", source_id="stj-gto-sentencias", institution=TJA,
        jurisdiction="MX-JAL", url=f"https://stj.example/{n}.pdf",
        fields={"expediente": f"{n}/2024", "date": "2024-02-01"} | fields,
        text="Vistos para resolver los autos del juicio ordinario civil. " * 10,
    )  # fmt: skip
    library.add_document(doc)
    library.flush()
    return doc.id


def test_rescan_and_release_put_a_stored_document_back_within_its_walls(
    tmp_path: Path,
) -> None:
    library, _ = _library(tmp_path)
    try:
        first = _stored(library, 1, court=TJA)
        second = _stored(library, 2, court="Primera Sala Civil")
        counts = rescan(library, {"stj-gto-sentencias": "mask"})
        assert counts["changed"] == 2, counts
        for doc_id in (first, second):
            doc = library.db.get_document(doc_id)
            assert (doc.institution, doc.jurisdiction) == (STJ, "MX-GUA"), doc_id
        assert library.db.get_document(first).court is None
        assert library.db.get_document(second).court == "Primera Sala Civil"
        assert library.search(SearchQuery(filters={"institution": [TJA]})).total == 0
        assert library.search(SearchQuery(filters={"institution": [STJ]})).total == 2

        third = _stored(library, 3, court=TJA)
        released = release(library, third, "mask")
        assert released is not None
        assert (released.institution, released.court) == (STJ, None)
    finally:
        library.close()


def test_reading_again_leaves_another_institutions_court_empty(tmp_path: Path) -> None:
    library, _ = _library(tmp_path)
    try:
        doc = build_document(
            kind="sentencia", source_id="stj-gto-sentencias", institution=STJ,
            jurisdiction="MX-GUA", url="https://stj.example/9.pdf",
            fields={"date": "2024-02-01"}, text=HEADING,
        )  # fmt: skip
        assert doc.court is not None  # the heading names the TJA: what the crawl empties
        library.add_document(doc.model_copy(update={"court": None}))
        library.flush()
        reread(library, every=True)
        again = library.db.get_document(doc.id)
        assert again.court is None, again.court
        assert again.institution == STJ
    finally:
        library.close()


def test_rescan_guards_an_institution_name_a_catalogue_page_gave(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        doc = build_document(
            kind="sentencia", source_id="juzgado", institution=f"Juzgado Civil (CURP {CURP})",
            jurisdiction="MX-GUA", url="https://juzgado.example/1.pdf",
            fields={"expediente": "1/2024", "date": "2024-02-01"},
            text="Vistos para resolver los autos del juicio ordinario civil. " * 10,
        )  # fmt: skip
        library.add_document(doc)
        library.flush()
        counts = rescan(library, {"juzgado": "mask"})
        assert counts["privacy_curp"] == 1, counts
        stored = library.db.get_document(doc.id)
        assert CURP not in stored.institution, stored.institution
        assert stored.institution.startswith("Juzgado Civil")
        assert library.search(SearchQuery(q=CURP)).total == 0
    finally:
        library.close()


def _orphaned(tmp_path: Path, audited_spec: bool) -> Library:
    """A library whose STJ source was registered through the API (its audit entry keeps
    the spec, unless ``audited_spec`` is False: an entry kept before specs were), then
    deleted with its institution, leaving documents stored as the TJA's."""
    library, registry = _library(tmp_path)
    caller = Caller("stj-gto", "k1")
    registry.delete_source("stj-gto-sentencias", "stj-gto")
    spec = SourceSpec.model_validate(
        {
            "id": "stj-gto-sentencias", "kind": "sentencia", "institution": STJ,
            "jurisdiction": "MX-GUA", "start_urls": ["https://stj.example/lista.html"],
            "listing": {"items": "css:li", "link": "css:a::attr(href)"},
        }
    )  # fmt: skip
    registry.create_source("stj-gto", spec, set(), witness=Witness(caller, None))
    registry.delete_source("stj-gto-sentencias", "stj-gto", Witness(caller, None))
    with library.db.session() as s, s.begin():
        if not audited_spec:
            s.execute(update(AuditRow).values(detail={}))
        s.execute(delete(InstitutionRow).where(InstitutionRow.id == "stj-gto"))
    return library


def test_rewrites_keep_the_walls_of_a_source_whose_institution_was_deleted(
    tmp_path: Path,
) -> None:
    library = _orphaned(tmp_path, audited_spec=True)
    try:
        first = _stored(library, 1, court=TJA)
        counts = rescan(library, {"stj-gto-sentencias": "mask"})
        assert counts["changed"] == 1, counts
        doc = library.db.get_document(first)
        assert (doc.institution, doc.jurisdiction, doc.court) == (STJ, "MX-GUA", None)
        second = _stored(library, 2, court=TJA)
        released = release(library, second, "mask")
        assert released is not None
        assert (released.institution, released.court) == (STJ, None)
    finally:
        library.close()


def test_rewrites_empty_every_body_when_the_institution_is_unknown(tmp_path: Path) -> None:
    library = _orphaned(tmp_path, audited_spec=False)
    try:
        first = _stored(library, 1, court=TJA)
        rescan(library, {"stj-gto-sentencias": "mask"})
        assert library.db.get_document(first).court is None
        doc = build_document(
            kind="sentencia", source_id="stj-gto-sentencias", institution=STJ,
            jurisdiction="MX-GUA", url="https://stj.example/9.pdf",
            fields={"date": "2024-02-01"}, text=HEADING,
        )  # fmt: skip
        library.add_document(doc.model_copy(update={"court": None}))
        library.flush()
        reread(library, every=True)
        assert library.db.get_document(doc.id).court is None
    finally:
        library.close()
