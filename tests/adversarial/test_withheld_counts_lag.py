"""A document withheld for personal data (or deleted) after it was indexed stays in the
search index until the indexer's next commit. Its hit was already left out meanwhile,
but the counts were the index's: a search matching only it answered ``total: 1`` with no
hit, and a facet bucket for its court and year; an export said ``X-Total-Count: 1``; the
page ``/sesiones`` listed its congress with one session. For those seconds anyone could
tell that a court, a year or a congress held something under review. The counts now
leave out what was withheld or deleted since the index's last commit, and count a
released document again. Both stores (the embedded index and an engine), both databases;
real HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from api import index_lag
from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, Sesion
from tests.alerts.conftest import open_service, webhook_alert
from tests.alerts.conftest import sentencia as alert_sentencia
from tests.engine.fixtures import MakeStore, store_settings
from tests.uvicorn_thread import serving

HIDDEN_COURT = "Juzgado Reservado de Prueba"
COURT = "Primera Sala Civil"
HIDDEN_CONGRESS = "Congreso del Estado de Zacatecas"
CONGRESS = "Congreso del Estado de Guanajuato"
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="nombre", start=0, end=5)])
TIMEOUT = httpx.Timeout(120.0)
HOOK = "http://127.0.0.1:9/hook"
WAIT_S = 60.0  # a bound on waiting for the listening thread, never a measure


def _judgment(doc_id: str, court: str, day: dt.date, words: str) -> Sentencia:
    return Sentencia(
        id=doc_id,
        title=f"Toca civil {doc_id}",
        date=day,
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="tribunal-gto-sentencias",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=f"Sentencia sobre un arrendamiento {words}.",
        court=court,
    )


def _session(doc_id: str, congress: str, day: dt.date) -> Sesion:
    return Sesion(
        id=doc_id,
        title=f"Sesión ordinaria {doc_id}",
        date=day,
        institution=congress,
        jurisdiction="MX-GUA",
        source_id="congreso-sesiones",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text="Versión estenográfica: se discutió la reforma a la ley de transparencia.",
        congress=congress,
        legislature="LXV",
        session_type="ordinaria",
    )


SECRET = _judgment("retenida", HIDDEN_COURT, dt.date(2023, 7, 9), "con usufructo vitalicio")
OTHERS = [_judgment(f"publica-{n}", COURT, dt.date(2024, 3, 5 + n), "común") for n in range(3)]
SECRET_SESSION = _session("sesion-retenida", HIDDEN_CONGRESS, dt.date(2024, 2, 8))
SESSIONS = [_session(f"sesion-{n}", CONGRESS, dt.date(2024, 2, 10 + n)) for n in range(2)]


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
    for doc in [SECRET, *OTHERS, SECRET_SESSION, *SESSIONS]:
        library.add_document(doc)
    library.flush()
    yield library
    library.close()


def _heard(library: Library, write: Callable[[], object]) -> None:
    """``write``, and on PostgreSQL until this process's listening thread has heard of it
    (its notification reaches the process a moment after the commit: an answer meanwhile
    is as it was before, ``api.index_lag``)."""
    watch = index_lag._watch(library.db)
    before = watch._heard if isinstance(watch, index_lag._Listening) else None
    write()
    deadline = time.monotonic() + WAIT_S
    while before is not None and watch._heard == before:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the change was never heard"
        time.sleep(0.01)


def _withhold(library: Library, doc: Sentencia | Sesion) -> None:
    """Withheld in the database; the index keeps it until its next commit (no flush)."""
    _heard(library, lambda: library.add_document(doc.model_copy(update={"privacy": HELD})))


def _values(body: dict, facet: str) -> dict[str, int]:
    return {bucket["value"]: bucket["count"] for bucket in body["facets"][facet]}


def _search(http: httpx.Client, base: str, q: str) -> dict:
    answer = http.get(f"{base}/v1/search", params={"q": q, "facets": ["court", "year"]})
    assert answer.status_code == 200
    return answer.json()


def test_a_search_does_not_count_a_document_withheld_since_the_commit(library: Library) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        before = _search(http, base, "usufructo")
        assert before["total"] == 1 and HIDDEN_COURT in _values(before, "court")
        _withhold(library, SECRET)
        alone = _search(http, base, "usufructo")
        assert alone["total"] == 0 and alone["hits"] == []
        assert _values(alone, "court") == {} and _values(alone, "year") == {}
        both = _search(http, base, "arrendamiento")
        assert both["total"] == 3 and len(both["hits"]) == 3
        assert _values(both, "court") == {COURT: 3}
        assert _values(both, "year") == {"2024": 3}
        # the page: nothing of it, not even a note that something was left out
        page = http.get(f"{base}/buscar", params={"q": "usufructo"})
        assert page.status_code == 200
        assert HIDDEN_COURT not in page.text and "Se omiti" not in page.text
        page = http.get(f"{base}/buscar", params={"q": "arrendamiento"})
        assert HIDDEN_COURT not in page.text and "Se omiti" not in page.text
        # released after review: counted again, before and after the index's commit
        released = HELD.model_copy(update={"reviewed": True})
        _heard(
            library, lambda: library.add_document(SECRET.model_copy(update={"privacy": released}))
        )
        again = _search(http, base, "usufructo")
        assert again["total"] == 1 and _values(again, "court") == {HIDDEN_COURT: 1}
        assert _values(_search(http, base, "arrendamiento"), "year") == {"2024": 3, "2023": 1}
        library.flush()
        assert _search(http, base, "usufructo")["total"] == 1


def test_a_search_does_not_count_a_document_deleted_since_the_commit(library: Library) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        assert _search(http, base, "usufructo")["total"] == 1

        def delete() -> None:  # an operator's delete: the index keeps it
            with library.db.session() as s:
                s.execute(text("delete from documents where id = 'retenida'"))
                s.commit()

        _heard(library, delete)
        alone = _search(http, base, "usufructo")
        assert alone["total"] == 0 and _values(alone, "court") == {}
        both = _search(http, base, "arrendamiento")
        assert both["total"] == 3 and _values(both, "court") == {COURT: 3}


def test_an_export_does_not_count_a_document_withheld_since_the_commit(library: Library) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        court = {"court": HIDDEN_COURT}
        assert http.head(f"{base}/v1/export.csv", params=court).headers["X-Total-Count"] == "1"
        _withhold(library, SECRET)
        for path in ("/v1/export.csv", "/v1/export.jsonl"):
            for params, total in (
                ({"q": "usufructo"}, "0"),
                ({"q": "arrendamiento"}, "3"),
                (court, "0"),  # without words: counted by the index too
                ({"court": COURT}, "3"),
            ):
                got = http.get(f"{base}{path}", params=params)
                assert got.status_code == 200
                assert got.headers["X-Total-Count"] == total, (path, params)
                assert "retenida" not in got.text


def test_sesiones_does_not_count_a_session_withheld_since_the_commit(library: Library) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        html = {"Accept": "text/html"}
        before = http.get(f"{base}/sesiones", headers=html).text
        assert HIDDEN_CONGRESS in before
        _withhold(library, SECRET_SESSION)
        page = http.get(f"{base}/sesiones", headers=html)
        assert page.status_code == 200
        assert HIDDEN_CONGRESS not in page.text
        assert re.search(r"de 2\b", page.text), "the list counts the two published sessions"
        listed = http.get(f"{base}/v1/search", params={"kind": "sesion", "facets": "congress"})
        assert listed.json()["total"] == 2
        assert _values(listed.json(), "congress") == {CONGRESS: 2}
        sessions = http.get(f"{base}/v1/sessions").json()
        assert sessions["total"] == 2 and len(sessions["sessions"]) == 2


def test_a_new_alert_does_not_count_a_document_withheld_since_the_commit(tmp_path: Path) -> None:
    """An alert's ``matching_now`` is the search's total: the same leak, the same fix."""
    for service in open_service(tmp_path):
        old = alert_sentencia("8/2026", "pensión alimenticia con usufructo")
        service.library.add_document(old)
        service.library.flush()
        assert webhook_alert(service, HOOK, {"q": "usufructo"})["matching_now"] == 1
        service.library.add_document(old.model_copy(update={"privacy": HELD}))  # no flush
        assert webhook_alert(service, HOOK, {"q": "usufructo"})["matching_now"] == 0
        assert webhook_alert(service, HOOK, {"q": "pensión"})["matching_now"] == 0
