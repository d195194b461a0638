"""A cell of a CSV export that a spreadsheet would run as a formula stays text, however
the formula is dressed: blanks before it (spreadsheets trim them, however many: past the
first 200 a formula was left as it was), full-width signs (read as their ASCII forms),
invisible characters."""

from __future__ import annotations

import csv
import io

import pytest

from api.export.formats import csv_chunks

DRESSED = [
    '=HYPERLINK("http://malo")',
    ' =HYPERLINK("http://malo")',
    '\n=HYPERLINK("http://malo")',
    "\u00a0+1+cmd|' /C calc'!A0",
    "\u200b@SUMA(A1:A9)",
    "\u3000-2+3",
    '＝HYPERLINK("http://malo")',
    "＋1+1",
    "﹦1+1",
    " " * 300 + '=HYPERLINK("http://malo")',
    "\u200b" * 300 + "@SUMA(A1:A9)",
    "\n" * 150 + "\u00a0" * 150 + "+1+1",
]
PLAIN = ["Amparo en revisión 12/2024", "1-2 de marzo", "  Sentencia", "«=» en el texto", "", "ｓ"]


def _read_back(values: list[str]) -> list[str]:
    rows = [{"title": value} for value in values]
    text = b"".join(csv_chunks(rows, ("title",), bom=False)).decode("utf-8")
    return [row["title"] for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("value", DRESSED)
def test_a_dressed_formula_is_text(value: str) -> None:
    assert _read_back([value]) == ["'" + value]


def test_ordinary_text_is_left_as_it_is() -> None:
    assert _read_back(PLAIN) == PLAIN
