"""A session's mention names the legislative document it refers to, whenever each was
indexed: the library keeps the reference keys it read and follows the documents it
indexes afterwards, a renumbered one included (real SQLite, real Tantivy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, Sesion
from indexer.speeches.store import mentions_in_session

CONGRESS = "Congreso de Prueba"


def _initiative(doc_id: str, number: int, jurisdiction: str = "MX-GUA") -> Legislativo:
    return Legislativo(
        id=doc_id,
        title=f"Iniciativa {number}",
        institution=CONGRESS,
        jurisdiction=jurisdiction,
        source_id="congreso",
        url=f"https://congreso.example/{doc_id}",
        doc_type="iniciativa",
        number=f"Iniciativa {number}/LXVI",
        legislature="LXVI",
    )


def _session(doc_id: str, number: int, jurisdiction: str = "MX-GUA") -> Sesion:
    return Sesion(
        id=doc_id,
        title=f"Sesión {doc_id}",
        date=dt.date(2025, 2, 18),
        institution=CONGRESS,
        jurisdiction=jurisdiction,
        source_id="congreso",
        url=f"https://congreso.example/{doc_id}",
        text=f"-El diputado Luis Mora Paz (PT): Presento la Iniciativa {number}/LXVI.\n",
        agenda=[f"Presentación de la Iniciativa {number}/LXVI."],
        congress=CONGRESS,
        legislature="LXVI",
    )


def _named(library: Library, session_id: str) -> set[str | None]:
    return {m.document_id for m in mentions_in_session(library.db, session_id)}


def test_mentions_follow_the_legislative_documents_indexed_between_flushes(
    tmp_path: Path,
) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_documents([_initiative("i7", 7), _session("s7", 7)])
        library.flush(wait=False)
        assert _named(library, "s7") == {"i7"}
        # indexed after the keys were read: a later session still finds it
        library.add_documents([_initiative("i8", 8)])
        library.flush(wait=False)
        library.add_documents([_session("s8", 8)])
        library.flush(wait=False)
        assert _named(library, "s8") == {"i8"}
        # renumbered: the old number names nothing any more, the new one names it
        library.add_documents([_initiative("i8", 9)])
        library.flush(wait=False)
        library.add_documents([_session("s9", 9), _session("s8b", 8)])
        library.flush()
        assert _named(library, "s9") == {"i8"}
        assert _named(library, "s8b") == {None}
        # a session saved before its document: linked once the document is indexed
        library.add_documents([_session("s10", 10)])
        library.flush()
        assert _named(library, "s10") == {None}
        library.add_documents([_initiative("i10", 10)])
        library.flush()
        assert _named(library, "s10") == {"i10"}
    finally:
        library.close()


def test_each_jurisdiction_names_its_own_documents(tmp_path: Path, database_url: str) -> None:
    """The keys of every jurisdiction are read at once (each row's number and type read
    by the database, SQLite's or PostgreSQL's): the same number in two states names each
    state's own initiative, and a state with none when they were read names the one
    indexed afterwards."""
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    library = Library.open(settings, writer=True)
    try:
        library.add_documents([_initiative("gua7", 7), _initiative("jal7", 7, "MX-JAL")])
        library.flush()
        library.add_documents([_session("s-gua", 7), _session("s-jal", 7, "MX-JAL")])
        library.add_documents([_session("s-mex", 7, "MX-MEX")])
        library.flush(wait=False)
        assert _named(library, "s-gua") == {"gua7"}
        assert _named(library, "s-jal") == {"jal7"}
        assert _named(library, "s-mex") == {None}
        library.add_documents([_initiative("mex7", 7, "MX-MEX")])
        library.flush(wait=False)
        library.add_documents([_session("s-mex2", 7, "MX-MEX")])
        library.flush()
        assert _named(library, "s-mex2") == {"mex7"}
    finally:
        library.close()
