"""The search page's «Siguientes» and «Anteriores» links read the index commit the page
was read from, as ``/v1/search``'s cursors do: a journalist paging newest first while
the crawler commits newer documents sees no result twice and misses none (a real
SQLite/Tantivy library, documents written through it between two clicks)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.library import Library
from indexer.models import Sentencia, document_id
from tests.api.conftest import make_library

COUNT = 50  # two pages of 20 and a half
START = dt.date(2023, 1, 1)


def _sentencia(name: str, day: dt.date) -> Sentencia:
    return Sentencia(
        id=document_id("paginas", f"https://ejemplo.gob.mx/{name}"),
        title=f"Amparo directo {name}",
        date=day,
        institution="Tribunal Colegiado",
        jurisdiction="MX",
        source_id="tcc",
        url=f"https://ejemplo.gob.mx/{name}",
        text=f"Reparación del daño moral causado por la publicación {name}.",
        court="Tribunal Colegiado",
        expediente=f"{name}/2023",
        matter="Civil",
    )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = make_library(tmp_path)
    for n in range(COUNT):
        lib.add_document(_sentencia(f"s{n:03d}", START + dt.timedelta(days=n)))
    lib.flush()
    yield lib
    lib.close()


def _titles(page: str) -> list[str]:
    return re.findall(r"<h3><a [^>]*>Amparo directo ([^<]+)</a></h3>", page)


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return html.unescape(found.group(1)) if found else None


def _newer_committed(lib: Library, tag: str, after: int) -> None:
    """What a crawler does between two clicks: newer matching documents (the newest
    ``after`` days past the first), committed."""
    for n in range(3):
        lib.add_document(_sentencia(f"{tag}{n}", START + dt.timedelta(days=after + n)))
    lib.flush()


NEWEST_FIRST = [f"s{n:03d}" for n in range(COUNT - 1, -1, -1)]


@pytest.mark.parametrize("q", ["daño moral", ""], ids=["words", "browsing"])
def test_next_and_previous_pages_read_the_first_pages_commit(library: Library, q: str) -> None:
    with TestClient(create_app(library)) as client:
        first = client.get("/buscar", params={"q": q, "sort": "date_desc"})
        assert first.status_code == 200
        seen = _titles(first.text)
        assert seen == NEWEST_FIRST[:20]
        _newer_committed(library, "nueva", 400)
        page = first.text
        while (following := _link(page, "next")) is not None:
            answer = client.get(following)
            assert answer.status_code == 200, unquote(following)
            page = answer.text
            seen += _titles(page)
            _newer_committed(library, f"otra{len(seen)}", 500 + len(seen))
        assert seen == NEWEST_FIRST
        # back from the last page: the page before it, as it was read
        before = _link(page, "prev")
        assert before is not None
        assert _titles(client.get(before).text) == NEWEST_FIRST[20:40]
        # a new search reads what was committed since
        fresh = client.get("/buscar", params={"q": q, "sort": "date_desc"})
        assert _titles(fresh.text)[0].startswith("otra")


def test_the_page_says_which_results_it_shows(library: Library) -> None:
    with TestClient(create_app(library)) as client:
        first = client.get("/buscar", params={"q": "daño moral", "sort": "date_desc"})
        second = client.get(_link(first.text, "next") or "")
        third = client.get(_link(second.text, "next") or "")
        assert _link(third.text, "next") is None
        assert _titles(third.text) == NEWEST_FIRST[40:]
        assert "Resultados 41–50 de 50" in third.text
