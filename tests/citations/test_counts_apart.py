"""A sentence's cited-by count lives apart from its index entry (``cited_counts``): a
citation arriving, a citer withheld or retired, changes the ``most_cited`` order at the
next commit without the cited sentence being indexed again, on the native search and on
tantivy-py's, through the library and the API; a library made before the table has its
counts filled when it is upgraded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.citations.records import cited_by_counts, stored_counts
from indexer.db import Database
from indexer.db.migrate import alembic_config
from indexer.db.tables import Base
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport
from indexer.stores import SearchQuery
from tests.citations.test_library import COLEGIADO, HELD, sentencia

# t1: Amparo en Revisión 1234/2023 (the Colegiado's); t2: Toca Penal 133/2021
ONCE_T2 = sentencia("a1", "2024-01-01", "Conforme al toca penal 133/2021, se concede.")
TWICE_T2 = sentencia("a2", "2024-01-02", "Como en el toca penal 133/2021, se niega.")
T1 = [
    sentencia(f"b{n}", f"2024-02-0{n}", f"Como sostuvo el A.R. 1234/2023 del {COLEGIADO}.")
    for n in range(1, 4)
]
WITHHELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="curp", start=0, end=5)])


def _written(library: Library) -> list[str]:
    """The ids the store writes, in order (it still writes them)."""
    written: list[str] = []
    upsert = library.store.upsert

    def recorded(docs: list, *args: object, **kwargs: object) -> object:
        docs = list(docs)
        written.extend(doc.id for doc in docs)
        return upsert(docs, *args, **kwargs)

    library.store.upsert = recorded  # type: ignore[method-assign]
    return written


def _most_cited(library: Library, **kwargs: object) -> list[str]:
    query = SearchQuery(filters={"kind": ["sentencia"]}, sort="most_cited", limit=50, **kwargs)
    return [hit.id for hit in library.search(query).hits]


@pytest.fixture(params=["native", "tantivy-py"])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    if request.param == "tantivy-py":
        lib.store._native_wanted = False  # type: ignore[attr-defined]
    lib.add_documents([*HELD, ONCE_T2, TWICE_T2])
    lib.flush()
    yield lib
    lib.close()


def test_a_citation_arriving_reorders_without_indexing_the_cited_sentence(
    library: Library,
) -> None:
    assert _most_cited(library)[:1] == ["t2"]  # cited twice; t1 by nobody yet
    written = _written(library)
    library.add_documents(T1)
    library.flush()
    assert _most_cited(library)[:2] == ["t1", "t2"]  # three citers now, and two
    assert dict(stored_counts(library.db)) == {"t1": 3, "t2": 2}
    assert written == ["b1", "b2", "b3"]  # t1's entry is not written again
    # the next page goes on in the same order, and a filter narrows it
    first = library.search(SearchQuery(sort="most_cited", limit=1))
    assert [hit.id for hit in first.hits] == ["t1"]
    after = library.search(SearchQuery(sort="most_cited", limit=1, cursor=first.next_cursor))
    assert [hit.id for hit in after.hits] == ["t2"]
    assert _most_cited(library, q="toca")[:1] == ["t2"]


def test_a_citer_withheld_or_retired_stops_counting(library: Library) -> None:
    library.add_documents(T1[:1])
    library.flush()
    assert _most_cited(library)[:2] == ["t2", "t1"]  # two citers, and one
    written = _written(library)
    library.add_document(TWICE_T2.model_copy(update={"privacy": WITHHELD}))
    library.flush()
    assert dict(stored_counts(library.db)) == {"t1": 1, "t2": 1}
    library.add_documents(T1[1:])
    library.flush()
    assert _most_cited(library)[:2] == ["t1", "t2"]
    assert "t2" not in written and "t1" not in written
    library.retire({"b1": None, "b2": None, "b3": None})
    library.flush()
    assert dict(stored_counts(library.db)) == {"t2": 1}
    assert _most_cited(library)[:1] == ["t2"]


def test_a_cited_sentence_withheld_leaves_the_sort(library: Library) -> None:
    library.add_document(HELD[1].model_copy(update={"privacy": WITHHELD}))
    library.flush()
    assert "t2" not in _most_cited(library)
    assert dict(stored_counts(library.db)) == {}


def test_the_api_sorts_by_the_counts_kept_apart(library: Library) -> None:
    library.add_documents(T1)
    library.flush()
    with TestClient(create_app(library)) as client:
        body = client.get("/v1/search", params={"sort": "most_cited", "kind": "sentencia"})
        assert body.status_code == 200
        assert [hit["id"] for hit in body.json()["hits"]][:2] == ["t1", "t2"]


def test_a_library_made_before_the_table_gets_its_counts(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    lib = Library.open(settings, writer=True)
    lib.add_documents([*HELD, ONCE_T2, TWICE_T2, *T1])
    lib.flush()
    lib.close()
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0020")
        assert "cited_counts" not in sa.inspect(connection).get_table_names()
    engine.dispose()
    db = Database(database_url)  # opening brings it to the head
    try:
        assert dict(stored_counts(db)) == {"t1": 3, "t2": 2}
        assert cited_by_counts(db, ["t1", "t2"]) == {"t1": 3, "t2": 2}
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()
    lib = Library.open(settings, writer=True)
    try:
        assert _most_cited(lib)[:2] == ["t1", "t2"]
    finally:
        lib.close()
