"""``Spans``: the readers' "is this position already read?" answered as the plain scan
would, in logarithmic time."""

from __future__ import annotations

import random

import pytest

from indexer.spots import Spans


def _scan(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


@pytest.mark.parametrize("seed", range(20))
def test_spans_answer_as_a_scan_of_every_span(seed: int) -> None:
    rng = random.Random(seed)
    spans = []
    for _ in range(rng.randint(0, 40)):
        start = rng.randint(0, 200)
        spans.append((start, start + rng.randint(0, 30)))  # empty, nested, overlapping
    rng.shuffle(spans)
    read = Spans(spans)
    assert [at in read for at in range(-2, 240)] == [_scan(at, spans) for at in range(-2, 240)]


def test_a_span_holds_its_start_and_not_its_end() -> None:
    read = Spans([(10, 20), (5, 8), (12, 14)])
    assert [at in read for at in (4, 5, 7, 8, 9, 10, 19, 20)] == [
        False, True, True, False, False, True, True, False,
    ]  # fmt: skip
    assert 0 not in Spans()
