"""Public reads spend a budget per client address or per key, shown in RateLimit-*
headers; a spent budget is a 429 with Retry-After (JSON for the API, a Spanish page for
people); keys raise the budget; health checks and static assets are free."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from api.readlimit.counter import WINDOW_S
from config.settings import Settings
from indexer.db.access_tables import RateLimitRow
from indexer.db.reader_keys import ReaderKeys
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import Sentencia, document_id
from tests.api.read_limits import StillClock, client_from, limited_app, settings_for

SEARCH = "/v1/search?q=sentencia"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def library(root: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=root))
    yield lib
    lib.close()


def test_headers_count_down_then_429_with_retry_after(library: Library, root: Path) -> None:
    clock = StillClock()
    app = limited_app(library, settings_for(root, read_limit_anonymous=3), clock)
    client = client_from(app)
    remaining = []
    for _ in range(3):
        answer = client.get(SEARCH)
        assert answer.status_code == 200
        assert answer.headers["RateLimit-Limit"] == "3"
        assert answer.headers["RateLimit-Policy"] == f"3;w={WINDOW_S}"
        assert answer.headers["RateLimit-Reset"] == "50"  # the window ends in 50 s
        # a search asked again is replayed from the answer cache, still counted, its
        # headers never doubled
        assert len(answer.headers.get_list("RateLimit-Remaining")) == 1
        remaining.append(int(answer.headers["RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]
    refused = client.get(SEARCH)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "50"
    assert refused.headers["RateLimit-Remaining"] == "0"
    body = refused.json()
    assert "too many requests" in body["detail"]
    assert "espere 50 segundos" in body["mensaje"]
    clock.now += 50  # the next window
    again = client.get(SEARCH)
    assert again.status_code == 200
    assert again.headers["RateLimit-Remaining"] == "2"


def test_people_get_a_spanish_page_when_the_budget_is_spent(library: Library, root: Path) -> None:
    app = limited_app(library, settings_for(root, read_limit_anonymous=1), StillClock())
    client = client_from(app)
    html = {"Accept": "text/html"}
    assert client.get("/buscar?q=amparo", headers=html).status_code == 200
    page = client.get("/buscar?q=amparo", headers=html)
    assert page.status_code == 429
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["Retry-After"] == "50"
    assert "Demasiadas consultas" in page.text
    assert "Espere 50 segundos" in page.text


def test_health_checks_and_static_assets_spend_nothing(library: Library, root: Path) -> None:
    app = limited_app(library, settings_for(root, read_limit_anonymous=1), StillClock())
    client = client_from(app)
    assert client.get(SEARCH).status_code == 200
    assert client.get(SEARCH).status_code == 429
    for path in ("/healthz", "/static/estilo.css", "/openapi.json"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "RateLimit-Limit" not in answer.headers, path


def test_every_kind_of_read_is_counted(library: Library, root: Path) -> None:
    """Search, feeds, documents, exports and pages spend the same budget."""
    app = limited_app(library, settings_for(root, read_limit_anonymous=100), StillClock())
    client = client_from(app)
    seen = []
    for path in ("/v1/search?q=a", "/v1/search.atom?q=a", "/v1/documents/nada", "/", "/ayuda"):
        answer = client.get(path)
        seen.append(int(answer.headers["RateLimit-Remaining"]))
    assert seen == [99, 98, 97, 96, 95]


def test_an_export_costs_several_reads(library: Library, root: Path) -> None:
    settings = settings_for(root, read_limit_anonymous=12, export_cost=10)
    client = client_from(limited_app(library, settings, StillClock()))
    export = client.get("/v1/export.csv")
    assert export.status_code == 200
    assert export.headers["RateLimit-Remaining"] == "2"
    assert client.get("/v1/export.jsonl").status_code == 429
    assert client.get(SEARCH).status_code == 200  # a search still fits


def test_a_reader_key_reads_more_and_an_institution_key_its_own(
    library: Library, root: Path
) -> None:
    settings = settings_for(
        root, read_limit_anonymous=2, read_limit_reader=5, read_limit_institution=7
    )
    client = client_from(limited_app(library, settings, StillClock()))
    _id, reader = ReaderKeys(library.db).issue("Ana, redacción", "ana@example.org")
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso de Guanajuato", "congress", "MX-GUA")
    _kid, institution = registry.issue_key("congreso-gto")

    def admitted(headers: dict[str, str]) -> tuple[int, set[str]]:
        count, limits = 0, set()
        while (answer := client.get(SEARCH, headers=headers)).status_code == 200:
            limits.add(answer.headers["RateLimit-Limit"])
            count += 1
            assert count < 50
        assert answer.status_code == 429
        return count, limits

    assert admitted({}) == (2, {"2"})
    # each key has its own budget: the address's spent one does not matter
    assert admitted({"Authorization": f"Bearer {reader}"}) == (5, {"5"})
    assert admitted({"X-API-Key": institution}) == (7, {"7"})


def test_an_unknown_or_revoked_key_is_refused(library: Library, root: Path) -> None:
    clock = StillClock()
    settings = settings_for(root, read_limit_anonymous=20, key_cache_s=5)
    client = client_from(limited_app(library, settings, clock))
    keys = ReaderKeys(library.db)
    key_id, key = keys.issue("Luis", "luis@example.org")
    bearer = {"Authorization": f"Bearer {key}"}
    assert client.get(SEARCH, headers=bearer).status_code == 200
    assert keys.revoke(key_id)
    clock.now += 6  # past the time a process trusts its last lookup
    refused = client.get(SEARCH, headers=bearer)
    assert refused.status_code == 401
    assert refused.json()["mensaje"] == "la clave no es válida o fue revocada"
    forged = client.get(SEARCH, headers={"Authorization": f"Bearer {key[:-3]}abc"})
    assert forged.status_code == 401
    page = client.get("/buscar", headers={**bearer, "Accept": "text/html"})
    assert page.status_code == 401 and "Clave no válida" in page.text


def test_guessing_keys_spends_the_address_budget(library: Library, root: Path) -> None:
    client = client_from(
        limited_app(library, settings_for(root, read_limit_anonymous=3), StillClock())
    )
    codes = [
        client.get(SEARCH, headers={"X-API-Key": f"ear_{n:012x}_guess"}).status_code
        for n in range(5)
    ]
    assert codes == [401, 401, 401, 429, 429]


def test_a_reader_key_never_writes_sources(library: Library, root: Path) -> None:
    client = client_from(limited_app(library, settings_for(root), StillClock()))
    _id, key = ReaderKeys(library.db).issue("Eva", "eva@example.org")
    bearer = {"Authorization": f"Bearer {key}"}
    assert client.get("/v1/sources", headers=bearer).status_code == 403
    spec = {"id": "mio", "name": "Mío", "institution": "X", "jurisdiction": "MX"}
    assert client.post("/v1/sources", json=spec, headers=bearer).status_code == 403


def test_behind_a_trusted_proxy_each_client_has_its_own_budget(
    library: Library, root: Path
) -> None:
    trusted = settings_for(root, read_limit_anonymous=1, trusted_proxies="10.0.0.5")
    proxy = client_from(limited_app(library, trusted, StillClock()), address="10.0.0.5")
    for client in ("198.51.100.1", "198.51.100.2"):
        assert proxy.get(SEARCH, headers={"X-Forwarded-For": client}).status_code == 200
    assert proxy.get(SEARCH, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429

    # from a peer that is not a trusted proxy the header is ignored: one budget
    stranger = client_from(limited_app(library, trusted, StillClock()), address="192.0.2.9")
    assert stranger.get(SEARCH, headers={"X-Forwarded-For": "198.51.100.3"}).status_code == 200
    assert stranger.get(SEARCH, headers={"X-Forwarded-For": "198.51.100.4"}).status_code == 429


def test_a_large_export_spends_one_more_read_per_thousand_rows(
    library: Library, root: Path
) -> None:
    library.db.save_documents(
        [
            Sentencia(
                id=document_id("prueba", f"https://ejemplo.gob.mx/t{i}"),
                title=f"Toca {i}/2024",
                institution="Poder Judicial de Guanajuato",
                jurisdiction="MX-GUA",
                source_id="pj-gto",
                url=f"https://ejemplo.gob.mx/t{i}",
                text="Se confirma la sentencia.",
            )
            for i in range(2500)
        ]
    )
    settings = settings_for(root, read_limit_anonymous=100, export_cost=10)
    client = client_from(limited_app(library, settings, StillClock()))
    export = client.get("/v1/export.jsonl")
    assert export.status_code == 200
    assert len(export.text.splitlines()) == 2500
    assert export.headers["RateLimit-Remaining"] == "90"  # what it spent before sending
    after = client.get(SEARCH)
    assert after.headers["RateLimit-Remaining"] == str(100 - 10 - 2 - 1)  # 2 for 2,500 rows


def test_pages_on_other_sites_can_read_the_budget_even_when_refused(
    library: Library, root: Path
) -> None:
    client = client_from(
        limited_app(library, settings_for(root, read_limit_anonymous=1), StillClock())
    )
    origin = {"Origin": "https://periodico.example"}
    for status in (200, 429):
        answer = client.get(SEARCH, headers=origin)
        assert answer.status_code == status
        assert answer.headers["access-control-allow-origin"] == "*"
        exposed = answer.headers["access-control-expose-headers"].lower()
        assert "ratelimit-remaining" in exposed and "retry-after" in exposed


def test_counters_of_finished_windows_are_forgotten(library: Library, root: Path) -> None:
    clock = StillClock()
    app = limited_app(library, settings_for(root, read_limit_settle_s=0.5), clock)
    once, later = client_from(app, "198.51.100.1"), client_from(app, "198.51.100.2")

    def buckets() -> list[str]:
        with library.db.session() as s:
            return sorted(s.scalars(select(RateLimitRow.bucket)))

    once.get(SEARCH)
    clock.now += 1
    once.get(SEARCH)  # settles: the first address is in the table
    assert buckets() == ["addr:198.51.100.1"]
    clock.now += 2 * WINDOW_S
    later.get(SEARCH)
    clock.now += 1
    later.get(SEARCH)
    assert buckets() == ["addr:198.51.100.2"]
