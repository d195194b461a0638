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


def test_a_phrase_passage_is_not_where_its_words_stand_apart() -> None:
    """Both words close together ("daño, y lo moral") are not the phrase: the passage is
    where "daño moral" itself is, however far into the text."""
    text = (
        "Se alegó un daño, y lo moral de la conducta; el daño y lo moral otra vez. "
        + FILLER * 80
        + "Se acreditó el menoscabo o daño moral reclamado. "
        + FILLER
    )
    assert len(text) > 100_000
    assert "daño moral reclamado" in passage('"daño moral"', text)


def test_the_short_words_inside_a_phrase_must_be_there_too() -> None:
    text = (
        "El interés superior, atento a la niñez, y el interés superior en la niñez. "
        + FILLER
        + "Prevalece el interés superior de la niñez sobre cualquier otro. "
        + FILLER
    )
    assert "superior de la niñez sobre" in passage('"interés superior de la niñez"', text)


def test_a_proximity_passage_is_where_the_words_are_near_enough() -> None:
    """ "pensión … definitiva" four words apart is no match of ``~1``; the passage is where
    they are within it, in either order by the index's rule (swapped words cost two)."""
    early = "La pensión y la resolución muy definitiva son cosas distintas. "
    text = early + FILLER * 80 + "Se fijó la pensión alimenticia definitiva al final. " + FILLER
    assert len(text) > 100_000
    assert "pensión alimenticia definitiva al final" in passage('"pensión definitiva"~1', text)
    assert "pensión alimenticia definitiva al final" in passage('"definitiva pensión"~3', text)
    # five positions apart in order are a match of ~4: the first passage is found again
    assert "pensión y la resolución muy definitiva" in passage('"pensión definitiva"~4', text)
