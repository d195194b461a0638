"""A JSON Lines export or dump is one record a line for every reader, also those that
split on Unicode line breaks (``str.splitlines()``, ``requests``' ``iter_lines`` on
text, JavaScript before ES2019). A crawled text holding U+2028, U+2029 or U+0085 (the
cp1252 "…" read as Latin-1) cut its record in two there; a hostile source could so
append records of its own making to the line after."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.library import Library
from indexer.models import Sentencia, document_id
from tests.api.conftest import make_library
from tests.dump.test_delta import _dump

FORGED = '{"id": "falso", "title": "registro inventado"}'
TITLES = [
    f"Amparo 1/2024\u2028{FORGED}",
    f"Amparo 2/2024\u2029{FORGED}",
    "Amparo 3/2024",
]
TEXT = f"Se concede el amparo\x85 y se ordena\u2028{FORGED}\u2029la reparación."


def _documents() -> list[Sentencia]:
    return [
        Sentencia(
            id=document_id("lineas", f"https://ejemplo.gob.mx/{n}"),
            title=title,
            date=dt.date(2024, 1, 1 + n),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url=f"https://ejemplo.gob.mx/{n}",
            text=TEXT,
        )
        for n, title in enumerate(TITLES)
    ]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = make_library(tmp_path / "data")
    for doc in _documents():
        lib.add_document(doc)
    lib.flush()
    yield lib
    lib.close()


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("q", ["", "amparo"])
def test_an_export_is_one_record_a_line_for_any_reader(library: Library, q: str) -> None:
    with TestClient(create_app(library)) as client:
        answer = client.get("/v1/export.jsonl", params={"q": q, "fields": "id,title,text"})
    assert answer.status_code == 200
    records = _records(answer.text)
    assert sorted(r["title"] for r in records) == sorted(TITLES)
    assert all(r["text"] == TEXT for r in records)


def test_a_dump_is_one_record_a_line_for_any_reader(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "dump"
    _dump(tmp_path / "data", out)
    text = gzip.decompress((out / "sentencia.jsonl.gz").read_bytes()).decode("utf-8")
    records = _records(text)
    assert sorted(r["title"] for r in records) == sorted(TITLES)
    assert all(r["text"] == TEXT for r in records)
