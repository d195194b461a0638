"""A review masks a private party's name in a judgment already indexed: the index keeps
the old text, name and all, until its next commit. The hit was already left out
meanwhile (its found words are no longer in the stored text), but the counts were the
index's: a search for the name answered ``total: 1`` with no hit, and a facet bucket for
the judgment's court and year, so for those seconds anyone could tell that the person
was a party before that court. The counts now leave out a document whose data were
masked since and that the index finds only by what was masked; one it still finds by
other words stays counted, and the feed of the name lists it no more than the
search does. Both stores (the embedded index and an engine), both
databases; real HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from api import index_lag
from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from indexer.privacy import MASK
from tests.engine.fixtures import MakeStore, store_settings
from tests.uvicorn_thread import serving

COURT = "Juzgado Tercero Familiar de León"
OTHER_COURT = "Primera Sala Civil"
NAME = "Mariana Quintero Salas"
TIMEOUT = httpx.Timeout(120.0)
WAIT_S = 60.0  # a bound on waiting for the listening thread, never a measure
OPENING = "Sentencia sobre un arrendamiento promovido por "


def _judgment(doc_id: str, court: str, day: dt.date, party: str) -> Sentencia:
    return Sentencia(
        id=doc_id,
        title=f"Toca civil {doc_id}",
        date=day,
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="tribunal-gto-sentencias",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=f"{OPENING}{party} contra el arrendador.",
        court=court,
    )


NAMED = _judgment("nombrada", COURT, dt.date(2023, 7, 9), NAME)
MASKED = NAMED.model_copy(
    update={
        "text": f"{OPENING}{MASK} contra el arrendador.",
        "privacy": PrivacyReport(
            findings=[
                PrivacyFinding(kind="nombre", start=len(OPENING), end=len(OPENING) + len(MASK))
            ]
        ),
    }
)
OTHERS = [
    _judgment(f"publica-{n}", OTHER_COURT, dt.date(2024, 3, 5 + n), "la actora") for n in range(3)
]


@pytest.fixture(params=["tantivy", "opensearch"])
def library(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    database_url: str,
    make_engine_store: MakeStore,
) -> Iterator[Library]:
    """A library on each store and each database, holding the documents, indexed."""
    plain = Settings(data_dir=tmp_path, database_url=database_url)
    settings = store_settings(request, plain, request.param, make_engine_store)
    library = Library.open(settings)
    for doc in [NAMED, *OTHERS]:
        library.add_document(doc)
    library.flush()
    yield library
    library.close()


def _heard(library: Library, write: Callable[[], object]) -> None:
    """``write``, and on PostgreSQL until this process's listening thread has heard of it
    (an answer before is as it was before the commit, ``api.index_lag``)."""
    watch = index_lag._watch(library.db)
    before = watch._heard if isinstance(watch, index_lag._Listening) else None
    write()
    deadline = time.monotonic() + WAIT_S
    while before is not None and watch._heard == before:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the change was never heard"
        time.sleep(0.01)


def _values(body: dict, facet: str) -> dict[str, int]:
    return {bucket["value"]: bucket["count"] for bucket in body["facets"][facet]}


def _search(http: httpx.Client, base: str, q: str) -> dict:
    answer = http.get(f"{base}/v1/search", params={"q": q, "facets": ["court", "year"]})
    assert answer.status_code == 200
    return answer.json()


def test_a_name_masked_since_the_commit_is_not_counted(library: Library) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        before = _search(http, base, "Quintero")
        assert before["total"] == 1 and _values(before, "court") == {COURT: 1}
        _heard(library, lambda: library.add_document(MASKED))  # no flush: the index lags
        for q in ("Quintero", f'"{NAME}"', "Quintero arrendamiento", "texto:Salas"):
            alone = _search(http, base, q)
            assert alone["hits"] == [], q
            assert alone["total"] == 0, q
            assert _values(alone, "court") == {} and _values(alone, "year") == {}, q
        # found by words it still holds: listed and counted, its text the masked one
        both = _search(http, base, "arrendamiento")
        assert both["total"] == 4 and len(both["hits"]) == 4
        assert _values(both, "court") == {OTHER_COURT: 3, COURT: 1}
        assert NAME not in str(both)
        either = _search(http, base, "Quintero OR actora")
        assert either["total"] == 3 and _values(either, "court") == {OTHER_COURT: 3}
        # a question without words: its metadata are as they were
        listed = http.get(f"{base}/v1/search", params={"court": COURT, "facets": "year"})
        assert listed.json()["total"] == 1 and _values(listed.json(), "year") == {"2023": 1}
        page = http.get(f"{base}/buscar", params={"q": "Quintero"})
        assert page.status_code == 200
        assert COURT not in page.text and NAME not in page.text
        # the feed of the name: no entry, and a subtitle that counts none
        feed = http.get(f"{base}/v1/search.atom", params={"q": "Quintero"})
        assert feed.status_code == 200
        assert "<entry>" not in feed.text and "nombrada" not in feed.text
        assert "0 documentos coinciden" in feed.text
        feed = http.get(f"{base}/v1/search.atom", params={"q": "arrendamiento"})
        assert feed.text.count("<entry>") == 4 and "4 documentos coinciden" in feed.text
        library.flush()  # the index takes the masked text: the same answers, from it
        assert _search(http, base, "Quintero")["total"] == 0
        assert _search(http, base, "arrendamiento")["total"] == 4
