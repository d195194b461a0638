"""A text holding C0 controls (NUL, BEL, an escape sequence: a PDF's text layer, an older
reader, a row saved before) is one text everywhere: what the index finds is what every
export, page and answer shows, without the controls. Before, the CSV export, the text
download, the dump and the pages carried them raw (a NUL in a CSV stops many readers),
and JSON answers escaped them."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text as sql

from api.app import create_app
from indexer.library import Library
from indexer.models import Sentencia, document_id
from tests.api.conftest import make_library
from tests.dump.test_delta import _dump
from tests.uvicorn_thread import serving

# every C0 control but tab, line feed, form feed (between a PDF's pages) and carriage
# return, and DEL
RAW = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
ESCAPED = re.compile(r"\\u00(?:0[0-8bBeEfF]|1[0-9a-fA-F])|\\u007[fF]")
TITLE = "Amparo\x00 en revisión\x01 7/2024"
TEXT = (
    "Se concede el amparo\x00 contra la orden\x07 de aprehensión\x1b[31m dictada\x7f "
    "por el juez;\tel quejoso\x0b promovió\r\nla demanda.\fPágina 2: se notifica."
)
CLEAN_TEXT = (
    "Se concede el amparo contra la orden de aprehensión[31m dictada "
    "por el juez;\tel quejoso promovió\r\nla demanda.\fPágina 2: se notifica."
)


def _sentencia(n: int, title: str, text: str) -> Sentencia:
    return Sentencia(
        id=document_id("controles", f"https://ejemplo.gob.mx/{n}"),
        title=title,
        date=dt.date(2024, 3, n),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{n}",
        text=text,
    )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    first = make_library(tmp_path / "data")
    first.add_document(_sentencia(1, TITLE, TEXT))
    # a row saved by an earlier version, its controls in the database
    old = _sentencia(2, "Amparo directo 8/2024", "Se niega el amparo.")
    first.add_document(old)
    first.flush()
    with first.db.engine.begin() as connection:
        connection.execute(
            sql("UPDATE documents SET text = :text WHERE id = :id"), {"text": TEXT, "id": old.id}
        )
    first.close()
    lib = make_library(tmp_path / "data")  # indexed again, from the rows (a reindex)
    lib.db.mark_all_unindexed()
    lib.flush()
    yield lib
    lib.close()


def test_the_controls_are_gone_from_every_text_a_person_reads(
    library: Library, tmp_path: Path
) -> None:
    ids = sorted(_sentencia(n, "", "").id for n in (1, 2))
    with serving(create_app(library)) as base, httpx.Client(base_url=base) as client:
        answers = {}
        for path in (
            "/v1/search?q=orden&limit=10",
            "/v1/search?q=%22orden%20de%20aprehensi%C3%B3n%22",
            "/v1/export.csv?q=amparo&fields=id,title,text",
            "/v1/export.jsonl?q=amparo&fields=id,title,text",
            "/v1/search.atom?q=amparo",
            "/buscar?q=orden",
            *(f"/v1/documents/{i}" for i in ids),
            *(f"/v1/documents/{i}/text" for i in ids),
            *(f"/d/{i}" for i in ids),
        ):
            answer = client.get(path)
            assert answer.status_code == 200, path
            assert not RAW.search(answer.content), (path, RAW.search(answer.content))
            assert not ESCAPED.search(answer.text), path
            answers[path] = answer
    # the search finds both, the phrase too (no control inside it any more)
    found = answers["/v1/search?q=orden&limit=10"].json()["hits"]
    assert sorted(hit["id"] for hit in found) == ids
    phrase = answers["/v1/search?q=%22orden%20de%20aprehensi%C3%B3n%22"].json()["hits"]
    assert sorted(hit["id"] for hit in phrase) == ids
    for hit in found:  # what the fragment shows is the exported text's
        shown = html.unescape(re.sub("</?mark>", "", hit["highlights"][0]))
        assert " ".join(shown.split()).rstrip(".…") in " ".join(CLEAN_TEXT.split()), shown
    rows = list(
        csv.DictReader(io.StringIO(answers["/v1/export.csv?q=amparo&fields=id,title,text"].text))
    )
    assert sorted(r["id"] for r in rows) == ids and {r["text"] for r in rows} == {CLEAN_TEXT}
    assert "Amparo en revisión 7/2024" in {r["title"] for r in rows}
    lines = answers["/v1/export.jsonl?q=amparo&fields=id,title,text"].text.splitlines()
    assert {json.loads(line)["text"] for line in lines} == {CLEAN_TEXT}
    for i in ids:
        assert answers[f"/v1/documents/{i}/text"].text == CLEAN_TEXT

    out = tmp_path / "dump"
    _dump(tmp_path / "data", out)
    raw = gzip.decompress((out / "sentencia.jsonl.gz").read_bytes())
    assert not RAW.search(raw) and not ESCAPED.search(raw.decode())
    records = [json.loads(line) for line in raw.splitlines()]
    assert {r["text"] for r in records} == {CLEAN_TEXT}
