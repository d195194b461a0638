"""An export without words in parts carries, in its cursor, the library its first part
read: the number of the document saved last. That number counts every document ever
saved, those withheld for personal data too, so next to the export's total it told how
many were withheld (and when a new one was: the number grew while the total did not).
The cursor now carries it masked with the server's key and signed: no value in it is
the count, a changed one is refused, and the parts still sum to the total. Real HTTP
on 127.0.0.1 over a real SQLite/Tantivy library."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.export import rows as export_rows
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, document_id
from tests.api.conftest import make_library
from tests.uvicorn_thread import serving

PUBLISHED = 6
WITHHELD = 3
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="name", start=0, end=5)])


def _sentencia(n: int, privacy: PrivacyReport | None = None) -> Sentencia:
    url = f"https://ejemplo.gob.mx/cursor-{n}"
    return Sentencia(
        id=document_id("pj-gto", url),
        title=f"Amparo directo {n}/2024",
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=url,
        text=f"Sentencia {n} sobre la pensión alimenticia.",
        privacy=privacy,
    )


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Library]]:
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", 2)
    library = make_library(tmp_path / "lib")
    for n in range(PUBLISHED):
        library.add_document(_sentencia(n))
    for n in range(WITHHELD):  # saved last: the newest numbers are theirs
        library.add_document(_sentencia(100 + n, HELD))
    library.flush()
    try:
        with serving(create_app(library)) as url:
            yield url, library
    finally:
        library.close()


def _cursor(answer: httpx.Response) -> str:
    link = answer.headers["link"].split(">")[0].lstrip("<")
    return httpx.URL(link).params["cursor"]


def _numbers(cursor: str) -> list[int]:
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    return [value for value in data.values() if isinstance(value, int)]


def test_the_cursor_does_not_count_the_withheld(served: tuple[str, Library]) -> None:
    base, library = served
    first = httpx.get(f"{base}/v1/export.jsonl", params={"fields": "id"}, timeout=60)
    assert first.status_code == 200 and first.headers["x-total-count"] == str(PUBLISHED)
    saved = library.db.highest_number()
    assert saved == PUBLISHED + WITHHELD
    assert saved not in _numbers(_cursor(first))
    rows = first.text.splitlines()
    answer = first
    while "link" in answer.headers:  # every part follows: the cursor still works
        cursor = _cursor(answer)
        answer = httpx.get(
            f"{base}/v1/export.jsonl", params={"fields": "id", "cursor": cursor}, timeout=60
        )
        assert answer.status_code == 200, answer.text
        rows += answer.text.splitlines()
    assert len(rows) == PUBLISHED


def test_a_cursor_whose_number_was_changed_is_refused(served: tuple[str, Library]) -> None:
    base, _ = served
    first = httpx.get(f"{base}/v1/export.jsonl", params={"fields": "id"}, timeout=60)
    cursor = _cursor(first)
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for bound in (data["b"] ^ 1, PUBLISHED):
        forged = base64.urlsafe_b64encode(json.dumps({**data, "b": bound}).encode()).decode()
        answer = httpx.get(
            f"{base}/v1/export.jsonl", params={"fields": "id", "cursor": forged}, timeout=60
        )
        assert answer.status_code == 422 and "cursor" in answer.text
