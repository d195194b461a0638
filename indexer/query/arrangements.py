"""A sloppy phrase whose words repeat (``"amparo amparo"~1``), as the exact arrangements
of its words it matches.

Tantivy's sloppy phrase lets one occurrence stand for two of the phrase's words, so
``"amparo amparo"~1`` found every document with ``amparo`` once. The engine (Lucene)
puts each word at a position of its own: the words at positions ``p_i``, the phrase's
words at offsets ``i``, match when ``max(p_i - i) - min(p_i - i) <= slop``. tantivy-py's
path asks that as the exact phrases (offset, word) of every such arrangement, one of
which a document must hold: the same documents on every path, none counted twice; so it
asks every sloppy phrase of three words or more too (Tantivy's own chains its words pair
by pair and misses arrangements). The native search matches all of them by the rule
itself in one walk of their positions, its work counted (``native/src/plan/sloppy.rs``;
``"de de"~50`` as 51 exact phrases took 2.2 s of CPU at 100k documents, uncounted, 0.3 s
so). A long phrase with a wide slop has too many arrangements to ask: tantivy-py's path
matches it by the rule too, among the documents holding its words, where those are few
and their texts at hand (an alert's batch, the index-lag check: ``indexer.stores.
phrase_rule``), and refuses it elsewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from indexer.analysis import stem_tokens
from indexer.query.ast import And, Field, Node, Not, Or, Phrase
from indexer.query.spellings import MAX_NEAR_SPELLINGS, spellings

# arrangements of one phrase asked as exact phrases: ``"a a"~50`` is 51, ``"a a b"~10``
# 156, ``"la suspensión de la ejecución"~2`` 40 (each one an exact phrase to match)
MAX_ARRANGEMENTS = 256
# the steps the walk may take to find them (dead ends included), and its depth
MAX_STEPS = 100_000
MAX_WORDS = 64
# the exact phrases one question may ask for its proximity phrases of a word twice
# (``"de de"~50`` is 51, each read in every document holding the word): two of the
# widest. At 100k documents one such phrase of a common word took 2 s of CPU, and 32
# of them in one question (within its length) 22 s and 480 MB, ten times another
# question's worst (``indexer.query.parser`` refuses more, on every store and route).
MAX_QUESTION_ARRANGEMENTS = 102

Arrangement = tuple[tuple[int, str], ...]


class _TooMany(Exception):
    pass


def repeats(tokens: list[str]) -> bool:
    return len(set(tokens)) < len(tokens)


def arrangements(tokens: list[str], slop: int) -> list[Arrangement] | None:
    """``_arrangements``, kept: a search compiles its question more than once."""
    return _arrangements(tuple(tokens), slop)


@functools.lru_cache(maxsize=256)
def _arrangements(tokens: tuple[str, ...], slop: int) -> list[Arrangement] | None:
    """Every way ``tokens`` (the phrase's words, offset ``i`` each) stand at distinct
    positions within ``slop``, each as (offset from the first, word) sorted by offset,
    in a fixed order. Two copies of a word keep their order (swapping them never
    narrows the span), so each arrangement is found once. None: more than
    ``MAX_ARRANGEMENTS``."""
    return _arranged(tokens, slop, MAX_ARRANGEMENTS, MAX_STEPS)[0]


def _arranged(
    tokens: tuple[str, ...], slop: int, most: int, max_steps: int
) -> tuple[list[Arrangement] | None, int]:
    """``_arrangements`` of at most ``most`` found in at most ``max_steps`` steps (None
    past either), and the steps it took."""
    n = len(tokens)
    if n > MAX_WORDS:
        return None, 0
    found: list[Arrangement] = []
    shifts = [0] * n  # p_i - i of the arrangement being built
    taken: set[int] = set()
    steps = 0

    def place(i: int, has_zero: bool) -> None:
        nonlocal steps
        if i == n:
            positions = [shifts[k] + k for k in range(n)]
            first = min(positions)
            found.append(
                tuple(sorted((p - first, t) for p, t in zip(positions, tokens, strict=True)))
            )
            if len(found) > most:
                raise _TooMany
            return
        # the smallest shift is 0 (an arrangement is found once, not once per place)
        choices = range(slop + 1) if has_zero or i < n - 1 else range(1)
        earlier = [k for k in range(i) if tokens[k] == tokens[i]]
        for shift in choices:
            steps += 1
            if steps > max_steps:
                raise _TooMany
            position = shift + i
            if position in taken:
                continue
            if earlier and shifts[earlier[-1]] + earlier[-1] > position:
                continue
            shifts[i] = shift
            taken.add(position)
            place(i + 1, has_zero or shift == 0)
            taken.discard(position)

    try:
        place(0, False)
    except _TooMany:
        return None, steps
    return sorted(set(found)), steps


def asked_arrangements(node: Node) -> int:
    """The exact phrases the proximity phrases of ``node`` that repeat their word
    (``"de de"~50``, ``texto:"la la"~9``) are asked as, in all (``MAX_ARRANGEMENTS``
    and one for a phrase with more). Other proximity phrases are matched by the rule
    itself (``native/src/plan/sloppy.rs``), within the search's counted work."""
    match node:
        case Phrase(text, slop) | Field(_, text, True, slop) if slop:
            tokens = stem_tokens(text)
            if len(tokens) != 2 or not repeats(tokens):
                return 0
            found = arrangements(tokens, slop)
            return len(found) if found is not None else MAX_ARRANGEMENTS + 1
        case And(items) | Or(items):
            return sum(asked_arrangements(item) for item in items)
        case Not(item):
            return asked_arrangements(item)
    return 0


# the exact phrases one question may ask for all its proximity phrases where they are
# asked as their arrangements (tantivy-py's path: an alert's matching at every batch, the
# search where the native one is missing): two of the widest. Eighteen phrases of three
# words within ~8 (316 characters, 172 arrangements each) cost 1.8 ms a document and
# alert at every batch, while a single phrase was refused only past ``MAX_ARRANGEMENTS``.
MAX_QUESTION_PHRASES = 2 * MAX_ARRANGEMENTS


def arranged_phrases(node: Node, most: int = MAX_QUESTION_PHRASES) -> int:
    """The exact phrases ``node``'s proximity phrases are asked as where the search asks
    their arrangements: three words or more, or a word twice (``_words`` in
    ``indexer.stores.tantivy_store``), in all; ``most + 1`` as soon as they are more
    than ``most``. A phrase of more than ``MAX_ARRANGEMENTS`` is matched by the rule
    among its words' documents instead (``indexer.stores.phrase_rule``) and counts as
    ``MAX_ARRANGEMENTS``, the widest asked: one realistic phrase passes, thirty of
    ``"de de de de de"~50`` do not. The count walks ``MAX_STEPS`` steps at most for the
    whole question (past them a phrase counts as the widest), so counting a question of
    64 long phrases costs what one phrase's does."""
    left, steps = most, MAX_STEPS
    for group in _sloppy_groups(node):
        widest = 0
        # spellings of one stem («primer», «primero») ask the same phrases
        for tokens, slop in dict.fromkeys((tuple(t), s) for t, s in group):
            if len(tokens) < 2 or (len(tokens) == 2 and not repeats(list(tokens))):
                continue  # a word alone; two words apart: Tantivy's own sloppy phrase
            found, taken = _arranged(tokens, slop, MAX_ARRANGEMENTS, steps)
            steps = max(0, steps - taken)
            # one matched by the rule counts as the widest asked
            widest = max(widest, len(found) if found is not None else MAX_ARRANGEMENTS)
        left -= widest
        if left < 0:
            return most + 1
    return most - left


def _sloppy_groups(node: Node) -> Iterator[list[tuple[list[str], int]]]:
    """``_sloppy``'s phrases, those of one typed phrase's spellings together
    (``"juzgado primero de distrito"~10`` is asked as «primero», «1o», «1º», «primer»…:
    ``spellings.with_spellings``), counted as the widest of them: each spelling's
    phrases hold its own spelling of the ordinal, so the documents they read are about
    those one phrase reads. Counted each, one journalist's phrase was refused:
    ``"décimo primer tribunal colegiado"~4`` is 552 exact phrases (two of 156, six of
    40), past the question's 512; its spellings' phrases together took 0.6 s at 3,000
    documents nearly all holding them (``bench/ordinal_group_rule.py``), five times
    less than matching them by the rule. A question of several wide phrases is still
    refused."""
    match node:
        case Or(items) if _spelled(items):
            yield [pair for item in items for pair in _sloppy(item)]
        case Phrase() | Field():
            yield from ([pair] for pair in _sloppy(node))
        case And(items) | Or(items):
            for item in items:
                yield from _sloppy_groups(item)
        case Not(item):
            yield from _sloppy_groups(item)


def _spelled(items: tuple[Node, ...]) -> bool:
    """Whether ``items`` are one proximity phrase's spellings, as ``with_spellings``
    writes them (a person who typed them all asks what one of them asks)."""
    first = items[0]
    if len(items) < 2 or not isinstance(first, Phrase) or not first.slop:
        return False
    if any(not isinstance(item, Phrase) or item.slop != first.slop for item in items):
        return False
    written = [item.text for item in items]  # type: ignore[attr-defined]
    return spellings(first.text, MAX_NEAR_SPELLINGS) == written


def ruled_phrases(node: Node) -> bool:
    """Whether ``node`` has a proximity phrase of three words or more with more than
    ``MAX_ARRANGEMENTS`` arrangements: matched by the rule on tantivy-py's path, among the
    documents at hand (``indexer.stores.phrase_rule``)."""
    return any(
        len(tokens) > 2 and arrangements(tokens, slop) is None for tokens, slop in _sloppy(node)
    )


def _sloppy(node: Node) -> Iterator[tuple[list[str], int]]:
    """The stemmed words and slop of each proximity phrase of ``node``, in order."""
    match node:
        case Phrase(text, slop) | Field(_, text, True, slop) if slop:
            yield stem_tokens(text), slop
        case And(items) | Or(items):
            for item in items:
                yield from _sloppy(item)
        case Not(item):
            yield from _sloppy(item)
