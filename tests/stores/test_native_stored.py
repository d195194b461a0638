"""A hit's stored payload and text, as the native search hands them back, are the ones
written: whatever else the document stores before them (another kind of value, several
values of a field), large or small, in any alphabet, present or missing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import abierto_native
import pytest
import tantivy

# (stored values written before the payload and text, payload, texts)
DOCUMENTS: list[tuple[dict[str, object], bytes | None, list[str]]] = [
    ({}, b'{"n": 0}', ["amparo directo en revisión"]),
    ({"id": "d1"}, b'{"n": 1}', ["amparo ñandú 中文 \u2014 ε"]),
    ({"count": 7}, b'{"n": 2}', ["amparo con un número antes"]),
    ({"when": dt.datetime(2020, 5, 1, tzinfo=dt.UTC)}, b'{"n": 3}', ["amparo fechado"]),
    ({}, b'{"n": 4}', ["amparo primero", "amparo segundo"]),
    ({"id": "d5"}, None, ["amparo sin payload"]),
    ({"count": 9}, b'{"n": 6}', []),
    ({}, b"\x00\xff" * 5000, ["amparo " + "largo " * 20_000]),
    ({"id": "d8", "count": 1}, b"", ["amparo vacío"]),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_unsigned_field("count", stored=True)
    builder.add_date_field("when", stored=True)
    builder.add_text_field("text", stored=True)
    builder.add_text_field("word", tokenizer_name="raw")
    builder.add_bytes_field("payload", stored=True, indexed=False)
    builder.add_date_field("date", stored=False, indexed=True, fast=True)
    builder.add_unsigned_field("cited_by", stored=False, indexed=False, fast=True)
    path = tmp_path_factory.mktemp("stored") / "index"
    path.mkdir()
    index = tantivy.Index(builder.build(), path=str(path))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for n, (before, payload, texts) in enumerate(DOCUMENTS):
        doc = tantivy.Document()
        for name, value in before.items():
            if isinstance(value, str):
                doc.add_text(name, value)
            elif isinstance(value, int):
                doc.add_unsigned(name, value)
            else:
                doc.add_date(name, value)
        if payload is not None:
            doc.add_bytes("payload", payload)
        for text in texts:
            doc.add_text("text", text)
        doc.add_text("word", f"w{n}")
        doc.add_date("date", dt.datetime(2000 + n, 1, 1, tzinfo=dt.UTC))
        doc.add_unsigned("cited_by", n)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    return path


@pytest.mark.parametrize("n", range(len(DOCUMENTS)))
def test_each_hit_has_the_payload_and_first_text_written(folder: Path, n: int) -> None:
    native = abierto_native.NativeIndex(str(folder), 1)
    plan = json.dumps(["term", "word", f"w{n}"])
    _, _, hits = native.search(plan, 5, 0, "relevance", False, None, True)
    _, payload, texts = DOCUMENTS[n]
    assert [(bytes(found), text) for _, found, text in hits] == [
        (payload or b"", texts[0] if texts else "")
    ]


def test_a_page_of_them_all_in_date_order(folder: Path) -> None:
    native = abierto_native.NativeIndex(str(folder), 2, None, 1)
    _, _, hits = native.search(json.dumps(["all"]), 20, 0, "date_asc", True, None, True)
    assert [(bytes(payload), text) for _, payload, text in hits] == [
        (payload or b"", texts[0] if texts else "") for _, payload, texts in DOCUMENTS
    ]
