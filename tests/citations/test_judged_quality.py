"""The citation reader meets its goals on the hand-judged passages: precision ≥ 0.95 and
recall ≥ 0.90 for every kind (a quality check; its timing lives in bench/citations.py)."""

from __future__ import annotations

import pytest

from bench.citations import GOAL_PRECISION, GOAL_RECALL, judged_passages, score
from indexer.citations import KINDS


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, float]]:
    return score(judged_passages())[0]


def test_the_judged_set_is_large_enough_to_judge_by(table: dict[str, dict[str, float]]) -> None:
    assert all(table[kind]["marked"] >= 60 for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_meets_its_goal(kind: str, table: dict[str, dict[str, float]]) -> None:
    row = table[kind]
    assert row["precision"] >= GOAL_PRECISION, row
    assert row["recall"] >= GOAL_RECALL, row


def test_negatives_yield_nothing_but_their_marked_citations() -> None:
    passages = [p for p in judged_passages() if p["where"].startswith("negativos")]
    assert len(passages) >= 10
    _table, mistakes = score(passages)
    assert not mistakes
