"""How a number or a joined word typed in a query is spelled out (``indexer.query.typed``):
the other widths of a case number, the grouped or plain amount, the joined word; and what
is left as typed (years, dates, spans of years, decimals), so a search never asks for a
different number."""

from __future__ import annotations

from indexer.query import Or, Phrase, Term, parse_query


def test_a_case_number_is_asked_in_its_other_widths_only() -> None:
    assert parse_query("987/2020") == Or((Term("987/2020"), Term("0987/2020"), Term("00987/2020")))
    assert parse_query("0123/2023") == Or((Term("0123/2023"), Term("123/2023"), Term("00123/2023")))
    found = parse_query("11234/2023")
    assert found == Term("11234/2023")  # five digits already: no shorter «1234»


def test_years_dates_and_decimals_are_left_as_typed() -> None:
    for q in ("2023", "2020-2021", "15/03/2023", "3.1416"):
        assert parse_query(q) == Term(q), q


def test_amounts_and_joined_words() -> None:
    assert parse_query("1,234,000") == Or((Term("1,234,000"), Term("1234000")))
    assert parse_query("1234000") == Or((Term("1234000"), Term("1,234,000")))
    assert parse_query('"no-discriminatorio"') == Or(
        (Phrase("no-discriminatorio"), Phrase("nodiscriminatorio"))
    )
