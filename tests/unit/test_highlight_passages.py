"""The passage a hit is highlighted from holds the query's words, however they are
written (capitals, accents) and whatever letters come before them."""

from __future__ import annotations

import pytest

from indexer.highlight import WINDOW_CHARS, passage_finder, plan
from indexer.query import parse_query

FILLER = "Los hechos del caso se narran en este apartado con todo detalle. " * 20


def passage(query: str, text: str) -> str:
    window = passage_finder(plan(parse_query(query))).window(text)
    assert window is not None
    return text[window[0] : window[1]]


@pytest.mark.parametrize("written", ["amparo", "Amparo", "AMPARO", "ámparo", "AmPaRo"])
def test_the_word_is_found_in_any_capitals(written: str) -> None:
    text = f"{FILLER}Se concede el {written} solicitado. {FILLER}"
    assert len(text) > WINDOW_CHARS
    assert f"el {written} solicitado" in passage("amparo", text)


def test_letters_whose_lower_case_is_longer_do_not_shift_the_passage() -> None:
    """``İ`` is two characters in lower case: the positions found must still be the
    text's own."""
    names = " ".join(["İZMİR"] * 400)
    text = f"{names} {FILLER}Se concede el amparo solicitado. {FILLER}"
    assert len(text.lower()) != len(text)
    found = passage("amparo", text)
    assert "el amparo solicitado" in found
    assert "İ" not in found


def test_a_phrase_passage_is_where_the_whole_phrase_is() -> None:
    text = f"daño {FILLER} moral {FILLER} condena al pago del Daño Moral causado. {FILLER}"
    assert "Daño Moral causado" in passage('"daño moral"', text)
