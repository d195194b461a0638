"""The citation reader made faster reads the same citations: every citation (kind, key,
words, offsets, court) of real-shaped texts is compared with what the reader found
before it was sped up, recorded in ``reads_before.json``.

The texts: ``bench/legal_corpus.py`` documents (3 KB and the real mix of sizes), the
hand-judged passages, and the shared real sentences (SCJN, Jalisco) when present.
``python -m tests.citations.test_reads_unchanged`` records the reads anew (only ever
from a reader known to be right: the point is to compare against it)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from bench.citations import HELD_OUT, judged_passages
from bench.legal_corpus import LegalCorpus
from indexer.citations import extract_citations

RECORDED = Path(__file__).with_name("reads_before.json")
REAL = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus")) / "real"


def synthetic_texts() -> dict[str, str]:
    texts = {f"3k-{n}": doc.text for n, doc in enumerate(LegalCorpus(400, seed=7))}
    real_mix = LegalCorpus(40, seed=11, mix="real")
    texts.update({f"mix-{n}": doc.text for n, doc in enumerate(real_mix)})
    for passage in judged_passages() + judged_passages(HELD_OUT):
        texts[f"judged-{passage['where']}"] = passage["text"]
    return texts


def real_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((REAL / "scjn-sentencias").glob("*.json")):
        texts[f"scjn-{path.stem}"] = json.loads(path.read_text(encoding="utf-8"))["text"]
    jalisco = REAL / "pj-jalisco" / "stj-api-records.json"
    if jalisco.is_file():
        for n, record in enumerate(json.loads(jalisco.read_text(encoding="utf-8"))):
            texts[f"jalisco-{n}"] = record.get("text") or ""
    return texts


def read(text: str) -> str:
    """A text's citations, all their fields, as a digest (the recorded file stays small)."""
    found = [
        [c.kind, c.key, c.written, c.start, c.end, c.court]
        for c in extract_citations(text, budget_s=3600.0)
    ]
    return hashlib.sha256(json.dumps(found, ensure_ascii=False).encode()).hexdigest()


@pytest.fixture(scope="module")
def recorded() -> dict[str, str]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def test_synthetic_and_judged_texts_read_as_before(recorded: dict[str, str]) -> None:
    texts = synthetic_texts()
    assert len(texts) > 500
    changed = [name for name, text in texts.items() if read(text) != recorded[name]]
    assert not changed


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared real corpus is absent")
def test_real_sentences_read_as_before(recorded: dict[str, str]) -> None:
    texts = real_texts()
    assert texts
    changed = [name for name, text in texts.items() if read(text) != recorded[name]]
    assert not changed


def test_the_texts_hold_citations_of_every_kind() -> None:
    """The comparison means something: the texts cite cases, tesis and articles."""
    kinds = {c.kind for text in synthetic_texts().values() for c in extract_citations(text)}
    assert kinds == {"case", "tesis", "article"}


if __name__ == "__main__":
    every = synthetic_texts() | (real_texts() if REAL.is_dir() else {})
    RECORDED.write_text(json.dumps({n: read(t) for n, t in every.items()}, indent=0) + "\n")
    print(f"recorded {len(every)} texts in {RECORDED}", file=sys.stderr)
