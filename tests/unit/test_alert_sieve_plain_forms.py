"""The alerts' first sieve skips a batch lacking a word the alert requires. It read the
batch's raw texts, while the index reads them plain (``analysis.indexed_text``): a
document writing «𝐚𝐦𝐩𝐚𝐫𝐨» (pasted from a social network) or «am\u00adparo» (a soft
hyphen) is found by the search «amparo», but its batch was skipped by the alert
«amparo», so the alert never told anyone of it."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.alerts.required import batch_stems, required_stems
from indexer.query import parse_query
from tests.stores.corpus import sentencia


@pytest.mark.parametrize("written", ["𝐚𝐦𝐩𝐚𝐫𝐨", "am\u00adparo", "ａｍｐａｒｏ"])
def test_the_sieve_reads_a_batch_as_the_index_does(written: str) -> None:
    doc = sentencia(
        1, f"Se concede el {written} solicitado.", "Juzgado", "civil", dt.date(2025, 1, 9)
    )
    needed = required_stems(parse_query("amparo"))
    assert needed is not None and needed <= batch_stems([doc])
