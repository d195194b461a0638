"""The arrangements a sloppy phrase with a repeated word is asked as: exactly the
placements the engine's rule allows, each word at a position of its own."""

from __future__ import annotations

import itertools

import pytest

from indexer.query.arrangements import MAX_ARRANGEMENTS, arrangements


def by_the_rule(tokens: list[str], slop: int) -> set[tuple[tuple[int, str], ...]]:
    """Every placement of the words at distinct positions 0..len+slop whose shifts
    (position less the word's offset) lie within ``slop``, moved to begin at 0."""
    found = set()
    width = len(tokens) + slop
    for positions in itertools.permutations(range(width), len(tokens)):
        shifts = [p - i for i, p in enumerate(positions)]
        if max(shifts) - min(shifts) <= slop:
            first = min(positions)
            found.add(tuple(sorted((p - first, t) for p, t in zip(positions, tokens, strict=True))))
    return found


@pytest.mark.parametrize(
    ("words", "slop"),
    [("aa", 1), ("aa", 4), ("aab", 2), ("aba", 3), ("baa", 4), ("aaa", 3), ("abab", 2)],
)
def test_every_arrangement_the_rule_allows_and_no_other(words: str, slop: int) -> None:
    found = arrangements(list(words), slop)
    assert found is not None and set(found) == by_the_rule(list(words), slop)


def test_one_occurrence_is_never_two_words() -> None:
    # "amparo amparo"~1: two amparo one or two positions apart, never one amparo alone
    assert arrangements(["ampar", "ampar"], 1) == [
        ((0, "ampar"), (1, "ampar")),
        ((0, "ampar"), (2, "ampar")),
    ]


def test_too_many_to_ask_is_none() -> None:
    assert arrangements(["a", "b", "c", "d", "a"], 50) is None
    assert len(arrangements(["a", "a"], 50) or []) == 51 <= MAX_ARRANGEMENTS
