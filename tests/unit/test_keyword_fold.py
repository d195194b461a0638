"""Filter values folded once and remembered (``indexer.analysis.fold_keyword``) compare
exactly as when every one was folded anew: the same court, matter or place either way."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bench.legal_corpus import LegalCorpus
from indexer.analysis import KEYWORD_CACHE_CHARS, fold_keyword


def folded_anew(value: str) -> str:
    """The fold as written before values were remembered: decomposed, marks dropped,
    lowercased, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


@given(st.text(max_size=60))
def test_any_value_folds_as_before(value: str) -> None:
    assert fold_keyword(value) == folded_anew(value)
    assert fold_keyword(value) == folded_anew(value)  # the remembered fold, asked again


def test_corpus_courts_and_places_fold_as_before() -> None:
    values = [
        value
        for doc in LegalCorpus(300, seed=3)
        for value in (getattr(doc, "court", None), doc.institution, doc.title[:80])
        if value
    ]
    values += ["Sala  Penal", "SALA PENAL", "Juzgado Primero de lo Familiar de León", "ﬁscalía"]
    assert [fold_keyword(v) for v in values] == [folded_anew(v) for v in values]
    assert fold_keyword("Sala  Penal") == fold_keyword("sala penal") == "sala penal"


def test_a_long_value_folds_as_before() -> None:
    value = "Tribunal Colegiado en Materia Penal del Décimo Circuito " * 20
    assert len(value) > KEYWORD_CACHE_CHARS
    assert fold_keyword(value) == folded_anew(value)
