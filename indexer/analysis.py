"""Spanish text analysis shared by every store: the same words match the same way.

Full text: split on non-alphanumerics, lowercase, fold accents, Snowball Spanish stem.
Keywords (courts, matters, filters): lowercase, fold accents, collapse spaces.
"""

from __future__ import annotations

import itertools
import re
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


# -- two-word phrases ------------------------------------------------------------------
# Beside each full-text field the index keeps its adjacent pairs of stemmed tokens as
# single terms (``daño moral`` → ``dan_moral``): an exact phrase of two words is then one
# term to look up, not two posting lists whose positions must be compared document by
# document. Tokens hold no ``_`` (the tokenizer splits on it), so a pair is unambiguous.
# The pair at position i is the words at positions i and i + 1: a longer phrase is found
# by a few of its pairs at their offsets (enough to cover every word), not all of them.
PAIR_JOIN = "_"
# stands where a word has no neighbour (a dropped over-long token after it), keeping
# every later pair at its word's position
PAIR_GAP = PAIR_JOIN
_RAW = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()
# runs of non-space characters that may hold a token of 40+ bytes (10+ characters)
_CANDIDATE = re.compile(r"\S{10,}")


def phrase_pairs(tokens: list[str]) -> list[str]:
    """The pair terms of a phrase's tokens: ``[a, b, c]`` → ``[a_b, b_c]``."""
    return list(map(PAIR_JOIN.join, itertools.pairwise(tokens)))


def phrase_cover(tokens: list[str]) -> list[tuple[int, str]]:
    """The fewest pairs, at their offsets, that hold every word of a phrase of 2+ tokens:
    the first and the last pair, and between them the more telling of the two pairs that
    hold a word still uncovered (longer words: ``de_la`` is in every document)."""
    pairs = phrase_pairs(tokens)
    last = len(pairs) - 1
    chosen = {0, last}
    covered = {0, 1, last, last + 1}
    for word in range(2, last):
        if word in covered:
            continue
        # pair word - 1 holds (word - 1, word), pair word holds (word, word + 1)
        before, after = word - 1, word
        pick = max(
            (after, before),
            key=lambda i: (
                len(min(tokens[i : i + 2], key=len)),
                len(tokens[i]) + len(tokens[i + 1]),
            ),
        )
        chosen.add(pick)
        covered.update((pick, pick + 1))
    return [(i, pairs[i]) for i in sorted(chosen)]


def pair_text(text: str) -> str:
    """``text``'s pair terms, space-separated, the pair of the words at positions i and
    i + 1 at position i (the pair fields' whitespace tokenizer numbers them so)."""
    if not _has_long_token(text):
        tokens = STEMMED.analyze(text)
        return " ".join(map(PAIR_JOIN.join, itertools.pairwise(tokens)))
    # a dropped token leaves a hole in the positions (None): no pair spans it. Only the
    # runs that hold one are read token by token; the text between them as usual.
    words: list[str | None] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        run = match.group()
        if len(run.encode()) < MAX_TOKEN_CHARS or not _holds_long_token(run):
            continue
        words.extend(STEMMED.analyze(text[start : match.start()]))
        words.extend(_with_holes(run))
        start = match.end()
    words.extend(STEMMED.analyze(text[start:]))
    return " ".join(
        f"{left}{PAIR_JOIN}{right}" if left is not None and right is not None else PAIR_GAP
        for left, right in itertools.pairwise(words)
    )


def _with_holes(run: str) -> list[str | None]:
    """The tokens of a run of non-space characters, None where one was dropped."""
    out: list[str | None] = [None] * len(_RAW.analyze(run))
    for token in STEMMED.pre_tokenize(run).tokens:
        out[token.position] = token.text
    return out


def _holds_long_token(run: str) -> bool:
    return any(len(token.encode()) >= MAX_TOKEN_CHARS for token in _RAW.analyze(run))


def _has_long_token(text: str) -> bool:
    """Whether the analysers drop a token of ``text`` for its length (40+ bytes). Every
    token lies inside a run of bytes without ASCII spaces: only a long run can hold one,
    and only its tokens are looked at."""
    return any(
        len(run) >= MAX_TOKEN_CHARS and _holds_long_token(run.decode())
        for run in text.encode().split()
    )
