"""Spanish text analysis shared by every store: the same words match the same way.

Full text: split on non-alphanumerics, lowercase, fold accents, Snowball Spanish stem.
Keywords (courts, matters, filters): lowercase, fold accents, collapse spaces.
"""

from __future__ import annotations

import unicodedata

import tantivy

MAX_TOKEN_CHARS = 40


def _builder() -> tantivy.TextAnalyzerBuilder:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )


STEMMED = _builder().filter(tantivy.Filter.stemmer("spanish")).build()
FOLDED = _builder().build()


def stem_tokens(text: str) -> list[str]:
    """Tokens as the full-text fields index them (``Sentencias`` → ``sentenci``)."""
    return STEMMED.analyze(text)


def fold_tokens(text: str) -> list[str]:
    """Tokens lowercased and accent-folded, not stemmed (for prefix searches)."""
    return FOLDED.analyze(text)


def fold_keyword(value: str) -> str:
    """A filter value as compared: ``Sala  Penal`` and ``sala penal`` are one court."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
