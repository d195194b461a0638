"""The three Rust scanners called at once (``scan_citations``: the text and its fold
indexed by code points once) find what each finds called alone, kind by kind, a text
one of them leaves to Python included: cases, tesis and articles of generated texts
made to trip each scanner, of texts dense with wide characters, of texts holding a
character read only by Python, and of the bench's documents."""

from __future__ import annotations

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.citations import native
from indexer.citations.laws import fold
from tests.citations import test_native, test_native_articles, test_native_tesis

abierto_native = pytest.importorskip("abierto_native")
CASES = native.make_scanner(abierto_native)
TESIS = native.make_tesis_scanner(abierto_native)
ARTICLES = native.make_article_scanner(abierto_native)


def _alone(text: str) -> tuple[object, object, object]:
    folded = fold(text)
    return CASES.cases(text, folded), TESIS.tesis(text, folded), ARTICLES.articles(text, folded)


def _at_once(text: str) -> tuple[object, object, object]:
    return abierto_native.scan_citations(CASES, TESIS, ARTICLES, text, fold(text))


def _texts() -> list[str]:
    texts = []
    for module, seed in ((test_native, 41), (test_native_articles, 43), (test_native_tesis, 47)):
        generated = module.generated_texts(300, seed=seed)
        texts += generated + module.widened(generated[:100], seed=seed)
    texts += [doc.text for doc in LegalCorpus(60, seed=5, mix="real")]
    return texts


def test_one_call_finds_what_each_scanner_finds() -> None:
    texts = _texts()
    found = [_at_once(text) for text in texts]
    assert found == [_alone(text) for text in texts]
    # every kind is found, and some texts are left to Python by one scanner only
    assert all(any(f[kind] for f in found) for kind in range(3))
    assert any(f[0] is None and f[2] is not None for f in found)


@pytest.mark.parametrize("other", ["\u212a", "٣", "\x1c", "e\u0301"])
def test_a_character_only_python_reads(other: str) -> None:
    """The Kelvin sign folds to "k": the original text is not read here, the fold is;
    the articles are read here unless a law's capitals are looked at."""
    for text in (
        f"amparo en revisión 12/2020 {other} registro digital 2023456 y artículo 14 "
        "de la Constitución",
        f"art. 1o. CPEUM {other} tesis 1a./J. 12/2020 (10a.)",
    ):
        assert _at_once(text) == _alone(text)
