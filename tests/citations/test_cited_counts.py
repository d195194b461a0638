"""What resolving citations costs the write path, kept flat, with the same results: a
sentence's cited-by count is judged once per distinct (key, court written beside it) and
its citers counted by the database, not judged one citing row at a time; and a crawl's
flushes count a cited sentence again in the database (``cited_counts``), never indexing it
again for its count. The counts, and what the index sorts by them, are those an
independent reading of the documents gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.citations import records
from indexer.citations.courts import court_key
from indexer.citations.issuers import Holder, names
from indexer.citations.records import cited_by_counts, own_cases, read_citations, record_citations
from indexer.db import Database
from indexer.library import Library
from indexer.models import Sentencia
from indexer.stores import SearchQuery, tantivy_store
from tests.citations.test_library import COLEGIADO, HELD, sentencia

OTHER = "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"
START = dt.date(2020, 1, 1)
# the Suprema Corte's sentence, cited bare, by its Sala, or (not it) by a state's court
SCJN = sentencia("scjn-adr", "2021-03-01", "AMPARO DIRECTO EN REVISIÓN 77/2021. Se revoca.",
                 expediente="Amparo Directo en Revisión 77/2021", court="Primera Sala")  # fmt: skip
STATE = Sentencia(
    id="jal-adr", title="Sentencia de Jalisco", date=dt.date(2021, 5, 1),
    institution="Poder Judicial del Estado de Jalisco", jurisdiction="MX-JAL", source_id="pj-jal",
    url="https://ejemplo.gob.mx/jal-adr", text="Amparo directo en revisión 77/2021 (copia).",
    expediente="Amparo Directo en Revisión 77/2021",
    expediente_normalised="ADR 77/2021", court="Sala Civil",
)  # fmt: skip
ALL_HELD = [*HELD, SCJN, STATE]
CITED = (
    "Conforme al amparo en revisión 1234/2023, se concede.",
    f"Como sostuvo el A.R. 1234/2023 del {COLEGIADO}, se niega.",
    f"El amparo en revisión 1234/2023 del {OTHER} es otro asunto.",
    "Al resolver el amparo directo en revisión 77/2021 y el toca penal 133/2021 se dijo.",
    "Así lo determinó la Primera Sala de la Suprema Corte de Justicia de la Nación en el "
    "amparo directo en revisión 77/2021, y se reitera.",
    "Como se resolvió en el amparo directo en revisión 77/2021 y en el amparo en revisión "
    "1234/2023, se confirma.",
)


def _citers(count: int, first: int = 0) -> list[Sentencia]:
    return [
        sentencia(f"c{n:05d}", (START + dt.timedelta(days=n)).isoformat(), CITED[n % len(CITED)])
        for n in range(first, first + count)
    ]


def _expected(held: list[Sentencia], citers: list[Sentencia]) -> dict[str, int]:
    """The counts read from the documents themselves: each held sentence's citers among
    all the documents, judged by ``names`` with what is known of the sentence."""
    everyone = [*held, *citers]
    counts: dict[str, int] = {}
    for doc in held:
        known = Holder(court_key(doc.court), doc.institution, doc.jurisdiction, False)
        own = set(own_cases(doc))
        citing = {
            other.id
            for other in everyone
            if other.id != doc.id
            for c in read_citations(other)
            if c.kind == "case" and c.key in own and names(c.key, court_key(c.court), known)
        }
        if citing:
            counts[doc.id] = len(citing)
    return counts


def _judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys ``records`` judges with ``names`` (it still judges them)."""
    calls: list[str] = []

    def judged(key: str, court: str | None, holder: Holder) -> bool:
        calls.append(key)
        return names(key, court, holder)

    monkeypatch.setattr(records, "names", judged)
    return calls


def test_counts_are_the_documents_and_judged_once_per_court(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    citers = _citers(600)
    db = Database(database_url)
    try:
        db.save_documents(ALL_HELD)  # the held sentences, saved and indexed first
        record_citations(db, [*ALL_HELD])
        for start in range(0, len(citers), 150):
            batch = citers[start : start + 150]
            db.save_documents(batch)
            record_citations(db, batch)
        held = record_citations(db, [*ALL_HELD])  # and indexed again
        expected = _expected(ALL_HELD, citers)
        assert expected["t1"] == 300 and expected["scjn-adr"] == 300  # mixed, and all named
        assert {doc.id: doc.cited_by_count for doc in held} == {
            doc.id: expected.get(doc.id, 0) for doc in ALL_HELD
        }
        calls = _judged(monkeypatch)
        assert cited_by_counts(db, [doc.id for doc in ALL_HELD]) == expected
    finally:
        db.close()
    # each sentence's distinct (key, court) once, whether every citation names it (77/2021
    # of the Court's), some do (1234/2023: one court beside it is another) or none (77/2021
    # of Jalisco's): not each of the 1,100 citing rows
    assert len(calls) < 40, len(calls)
    assert calls.count("ADR 77/2021") <= 6 and calls.count("AR 1234/2023") <= 4


def _indexed(library: Library) -> list[str]:
    """The ids the store writes, in order (it still writes them)."""
    written: list[str] = []
    upsert = library.store.upsert

    def recorded(docs: list, *args: object, **kwargs: object) -> object:
        docs = list(docs)
        written.extend(doc.id for doc in docs)
        return upsert(docs, *args, **kwargs)

    library.store.upsert = recorded  # type: ignore[method-assign]
    return written


def _stored_count(library: Library, doc_id: str) -> int:
    """The count the ``most_cited`` sort reads for ``doc_id`` (``cited_counts``)."""
    return dict(records.stored_counts(library.db)).get(doc_id, 0)


@pytest.fixture()
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    lib.add_documents(ALL_HELD)
    lib.flush()
    yield lib
    lib.close()


def _crawl(library: Library, rounds: int, first: int, due: Callable[[], bool]) -> None:
    """Batches of citers saved and flushed without waiting, as the crawl pipeline does."""
    for n in range(rounds):
        library.add_documents(_citers(12, first + 12 * n))
        assert not due()  # a flush that publishes nothing
        library.flush(wait=False)


def test_a_crawl_never_indexes_a_cited_sentence_again(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _indexed(library)
    due = library.store.commit_due  # type: ignore[attr-defined]
    _crawl(library, 6, 0, due)
    # cited anew in every batch: counted in the database, never written to the index again
    assert written.count("t1") == 0 and written.count("scjn-adr") == 0
    assert sum(doc_id.startswith("c") for doc_id in written) == 72
    # a flush when the commit is due publishes the citers, and the counts are exact
    monkeypatch.setattr(tantivy_store, "COMMIT_SECONDS", 0.0)
    library.add_documents(_citers(12, 72))
    library.flush(wait=False)
    assert written.count("t1") == 0 and written.count("scjn-adr") == 0
    expected = _expected(ALL_HELD, _citers(84))
    for doc in ALL_HELD:
        assert _stored_count(library, doc.id) == expected.get(doc.id, 0), doc.id
    # after a crawl that ends with its waiting flush too
    monkeypatch.setattr(tantivy_store, "COMMIT_SECONDS", 30.0)
    library.flush()
    _crawl(library, 3, 84, due)
    library.flush()
    assert not {doc.id for doc in ALL_HELD} & set(written)
    expected = _expected(ALL_HELD, _citers(120))
    assert cited_by_counts(library.db, [d.id for d in ALL_HELD]) == expected
    for doc in ALL_HELD:
        assert _stored_count(library, doc.id) == expected.get(doc.id, 0), doc.id
    order = library.search(SearchQuery(sort="most_cited", limit=len(expected))).hits
    assert {hit.id for hit in order} == set(expected)
    assert [expected[hit.id] for hit in order] == sorted(expected.values(), reverse=True)
