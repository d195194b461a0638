"""The documents citing a sentence are counted and paged by the database: a sentence cited
by thousands of documents (or by one that names it 5,000 times) answers a page from what
the page holds, not from every citing row read into memory; and the pages still list every
citing document once, newest first, with the citations that name it (a citation of the
same number beside another court never does)."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest

from indexer.citations.records import record_citations
from indexer.citations.resolve import CITATIONS_PER_CITER, citing
from indexer.db import Database
from tests.citations.test_library import COLEGIADO, HELD, sentencia

CITERS = 1_500
OTHER_COURTS = [
    "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
    "Tercer Tribunal Colegiado en Materia Administrativa del Cuarto Circuito",
    "Cuarto Tribunal Colegiado en Materia de Trabajo del Quinto Circuito",
]
START = dt.date(2020, 1, 1)


def _citers(other_courts: int) -> tuple[list, list[str]]:
    """Citing documents, one a day: of every four, one names another court (never the
    sentence), the others name it with its court or with none."""
    docs, naming = [], []
    for n in range(CITERS):
        day = (START + dt.timedelta(days=n)).isoformat()
        if n % 4 == 3:
            court = OTHER_COURTS[n % other_courts]
            text = f"El amparo en revisión 1234/2023 del {court} es otro asunto."
        elif n % 4 == 1:
            text = f"Como sostuvo el A.R. 1234/2023 del {COLEGIADO}, se niega."
        else:
            text = "Conforme al amparo en revisión 1234/2023, se concede."
            naming.append(f"c{n:05d}")
        if n % 4 == 1:
            naming.append(f"c{n:05d}")
        docs.append(sentencia(f"c{n:05d}", day, text))
    loud = "Según el amparo en revisión 1234/2023. " * 5_000
    docs.append(sentencia("ruidosa", "2019-01-01", loud))
    return docs, [*reversed(naming), "ruidosa"]


@pytest.mark.parametrize("other_courts", [1, 3])  # fewer names rejected, or fewer accepted
def test_every_citing_document_once_newest_first(database_url: str, other_courts: int) -> None:
    db = Database(database_url)
    try:
        docs, naming = _citers(other_courts)
        db.save_documents([*HELD, *docs])
        record_citations(db, [*HELD, *docs])
        seen: list[str] = []
        offset = 0
        while True:
            total, page = citing(db, "t1", limit=200, offset=offset)
            assert total == len(naming)
            if not page:
                break
            seen += [c.document.id for c in page]
            for c in page:
                assert c.citations and all(i.key == "AR 1234/2023" for i in c.citations)
            offset += len(page)
        assert seen == naming
        _, last = citing(db, "t1", limit=1, offset=len(naming) - 1)
        assert [c.document.id for c in last] == ["ruidosa"]
        assert len(last[0].citations) == CITATIONS_PER_CITER
        starts = [i.start for i in last[0].citations]
        assert starts == sorted(starts) and starts[0] == len("Según el ")
    finally:
        db.close()


def test_a_page_costs_what_it_holds(database_url: str) -> None:
    db = Database(database_url)
    try:
        docs, _ = _citers(3)
        db.save_documents([*HELD, *docs])
        record_citations(db, [*HELD, *docs])
        citing(db, "t1", limit=10, offset=0)  # compiled statements are cached once
        tracemalloc.start()
        total, page = citing(db, "t1", limit=10, offset=500)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert total > 1_000 and len(page) == 10
        assert peak < 1_000_000  # every citing row read would be several megabytes
    finally:
        db.close()
