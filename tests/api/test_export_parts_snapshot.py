"""An export without words in several parts reads the library as its first part found it:
a document saved during the download is in no part, whichever part its id falls in (one
whose id sorts before the cursor is never read, one after it would have been), so the parts
sum to the total the first part announced; a document changed meanwhile keeps its place
and comes once. Real HTTP on 127.0.0.1, a real SQLite/Tantivy library written between
the parts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.export import rows as export_rows
from indexer.library import Library
from indexer.models import Sentencia, document_id
from tests.api.conftest import make_library
from tests.uvicorn_thread import serving

COUNT = 30
PART = 10  # three parts


def _sentencia(name: str, title: str | None = None) -> Sentencia:
    url = f"https://ejemplo.gob.mx/{name}"
    return Sentencia(
        id=document_id("partes", url),
        title=title or f"Amparo directo {name}",
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=url,
        text=f"Sentencia {name} sobre la pensión alimenticia.",
        matter="penal",
    )


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Library]]:
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", PART)
    library = make_library(tmp_path / "lib")
    for n in range(COUNT):
        library.add_document(_sentencia(f"s{n}"))
    library.flush()
    try:
        with serving(create_app(library)) as url:
            yield url, library
    finally:
        library.close()


def _next(answer: httpx.Response) -> str | None:
    link = answer.headers.get("link")
    return link.split(">")[0].lstrip("<") if link else None


def _new_documents(tag: str, before: str, after: str) -> list[Sentencia]:
    """Two new documents whose ids sort before ``before`` (parts already sent) and two
    after ``after`` (parts still to come)."""
    early: list[Sentencia] = []
    late: list[Sentencia] = []
    n = 0
    while len(early) < 2 or len(late) < 2:
        doc = _sentencia(f"{tag}-nuevo{n}")
        n += 1
        if doc.id < before and len(early) < 2:
            early.append(doc)
        elif doc.id > after and len(late) < 2:
            late.append(doc)
    return early + late


@pytest.mark.parametrize("params", [{}, {"matter": "penal"}], ids=["all", "filtered"])
def test_parts_read_the_library_the_first_part_announced(
    served: tuple[str, Library], params: dict[str, str]
) -> None:
    base, library = served
    first = httpx.get(f"{base}/v1/export.jsonl", params={**params, "fields": "id,title"})
    assert first.status_code == 200
    announced = int(first.headers["x-total-count"])
    rows = [json.loads(line) for line in first.text.splitlines()]
    url = _next(first)
    assert announced == COUNT and len(rows) == PART and url is not None
    later = sorted(_sentencia(f"s{n}").id for n in range(COUNT))[-1]
    changed = next(doc for n in range(COUNT) if (doc := _sentencia(f"s{n}")).id == later)
    parts = 1
    while url is not None:
        # between two parts the crawler saves new documents and changes an old one
        for doc in _new_documents(f"p{parts}", rows[-1]["id"], rows[-1]["id"]):
            library.add_document(doc)
        library.add_document(_sentencia(changed.url.rsplit("/", 1)[1], f"Cambiada {parts}"))
        library.flush()
        answer = httpx.get(url)
        assert answer.status_code == 200, answer.text
        rows += [json.loads(line) for line in answer.text.splitlines()]
        url = _next(answer)
        parts += 1
    ids = [row["id"] for row in rows]
    assert parts >= COUNT // PART
    assert len(ids) == len(set(ids)) == announced
    assert set(ids) == {_sentencia(f"s{n}").id for n in range(COUNT)}
    assert [row["title"] for row in rows if row["id"] == changed.id] == [f"Cambiada {parts - 1}"]


def test_a_cursor_with_a_forged_bound_is_refused(served: tuple[str, Library]) -> None:
    base, _ = served
    first = httpx.get(f"{base}/v1/export.jsonl", params={"fields": "id"})
    url = _next(first)
    assert url is not None
    cursor = httpx.URL(url).params["cursor"]
    data = json.loads(export_rows.base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for bound in ("9", -1, 2**70, True, [1]):
        forged = export_rows.base64.urlsafe_b64encode(json.dumps({**data, "b": bound}).encode())
        answer = httpx.get(url.split("?")[0], params={"fields": "id", "cursor": forged.decode()})
        assert answer.status_code == 422, (bound, answer.text)
        assert "cursor" in answer.text
