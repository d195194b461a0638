"""Stored documents re-checked after a policy or rule change, and a withheld document
released after review: the index follows."""

from __future__ import annotations

import random
from pathlib import Path

from cli.privacy import release, rescan
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.stores import SearchQuery
from samples import personal

CURP = personal.curp(random.Random(8))
TEXT = f"Juicio de nulidad de escritura promovido por Verónica Ortiz Reyes, CURP {CURP}."


def _save(library: Library, policy: str, url: str) -> str:
    doc = build_document(
        kind="sentencia", source_id="juzgado", institution="Juzgado", jurisdiction="MX-GUA",
        url=url, fields={"expediente": "12/2024", "date": "2024-02-01"}, text=TEXT,
        privacy=policy,
    )  # fmt: skip
    library.add_document(doc)
    library.flush()
    return doc.id


def test_a_source_that_turns_to_masking_leaves_nothing_findable(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    doc_id = _save(library, "flag", "https://juzgado.example/1.pdf")
    assert library.search(SearchQuery(q=CURP)).total == 1  # flagged: shown, marked
    counts = rescan(library, {"juzgado": "mask"})
    assert (counts["checked"], counts["changed"], counts["privacy_curp"]) == (1, 1, 1)
    assert library.search(SearchQuery(q=CURP)).total == 0
    assert library.search(SearchQuery(q="Verónica")).total == 0
    stored = library.db.get_document(doc_id)
    assert CURP not in stored.text and stored.privacy.policy == "mask"
    assert rescan(library, {"juzgado": "mask"})["changed"] == 0  # nothing new to do
    assert rescan(library, {"juzgado": "flag"})["privacy_curp"] == 1  # masked stays known
    library.close()


def test_a_withheld_document_is_published_after_review(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    doc_id = _save(library, "withhold", "https://juzgado.example/2.pdf")
    assert library.search(SearchQuery(q="nulidad escritura")).total == 0
    release(library, doc_id, "mask")
    assert library.search(SearchQuery(q="nulidad escritura")).total == 1
    assert library.search(SearchQuery(q=CURP)).total == 0
    rescan(library, {"juzgado": "withhold"})
    assert library.search(SearchQuery(q="nulidad escritura")).total == 1  # stays released
    library.close()
