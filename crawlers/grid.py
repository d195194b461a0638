"""A data table's rows as a person reads them: a cell that spans rows (``rowspan``)
belongs to each row it spans. Sites merge a cell shared by consecutive rows (the
Senado's two sittings of one day under one date cell; a court's rulings of one
hearing), and the later rows then lack that cell: a spec reading the third column got
the fourth (the session's type as its date), a wrong value where the row has a right
one. Before a listing is read, each spanned cell is repeated in the rows it spans, at
its column; only in tables with a head (``th``), where columns mean something, never in
layout tables (a menu spanning the page's rows would land in every row)."""

from __future__ import annotations

import copy
import re
from itertools import islice
from typing import Any

CELLS = ("td", "th")
MAX_COPIES = 2000  # cells repeated on one page; past it a placeholder keeps the columns
MAX_CELL_NODES = 60  # a cell holding more (a whole layout) is not repeated, only held
MAX_CELL_CHARS = 2000  # nor one holding more text than a date, a type, a few links
MAX_SPAN = 1000
_DIGITS = re.compile(r"[0-9]+")


def _count(cell: Any, attribute: str) -> int:
    """A span as written in ASCII digits, at most ``MAX_SPAN``; 1 for any other text, as
    a browser reads it. ``str.isdigit`` let through digits ``int`` refuses (a superscript
    «²», thousands of digits past Python's conversion limit): the ValueError lost the
    listing page, every row on it."""
    value = str(cell.get(attribute) or "1").strip()
    if not _DIGITS.fullmatch(value):
        return 1
    value = value.lstrip("0") or "0"
    return MAX_SPAN if len(value) > len(str(MAX_SPAN)) else min(int(value), MAX_SPAN)


def _span(cell: Any) -> int:
    return _count(cell, "rowspan")


def _width(cell: Any) -> int:
    return max(1, _count(cell, "colspan"))


def _large(cell: Any) -> bool:
    if next(islice(cell.iterdescendants(), MAX_CELL_NODES, None), None) is not None:
        return True
    chars = 0
    for text in cell.itertext():
        chars += len(text)
        if chars > MAX_CELL_CHARS:
            return True
    return False


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_COPIES

    def repeat(self, cell: Any) -> Any:
        """The cell again for a later row: a copy, or an empty cell of its kind when the
        cell is too large or the page's budget is spent (the columns stay right, the
        value is left empty)."""
        if self.left <= 0 or _large(cell):
            made = cell.makeelement(cell.tag, {})
        else:
            self.left -= 1
            made = copy.deepcopy(cell)
            made.tail = None
        for name in ("rowspan", "id"):
            made.attrib.pop(name, None)
        made.set("data-spanned", "")
        return made


def _spread_group(rows: list[Any], budget: _Budget) -> None:
    pending: dict[int, list[Any]] = {}  # column → [rows left, cell]
    for row in rows:
        col = 0
        for cell in [c for c in row if c.tag in CELLS]:
            while col in pending:
                col = _insert(row, cell, col, pending, budget)
            span = _span(cell)
            if span > 1:
                pending[col] = [span - 1, cell]
            col += _width(cell)
        for column in sorted(k for k in pending if k >= col):
            _insert(row, None, column, pending, budget)


def _insert(row: Any, before: Any, col: int, pending: dict[int, list[Any]], budget: _Budget) -> int:
    """The cell spanning into ``col`` put in ``row`` (before ``before``, else last);
    the next column."""
    left, cell = pending[col]
    made = budget.repeat(cell)
    if before is None:
        row.append(made)
    else:
        before.addprevious(made)
    if left <= 1:
        del pending[col]
    else:
        pending[col][0] = left - 1
    return col + _width(cell)


def spread_rowspans(root: Any) -> None:
    """Every head-bearing table of the lxml tree ``root``, its row-spanning cells
    repeated in the rows they span (each row group on its own, as HTML spans them)."""
    if not root.xpath("//*[@rowspan]"):
        return
    budget = _Budget()
    for table in list(root.iter("table")):
        if not table.xpath("./tr/th | ./*/tr/th"):
            continue
        for group in [table, *table.xpath("./thead | ./tbody | ./tfoot")]:
            rows = group.xpath("./tr")
            if any(_span(c) > 1 for r in rows for c in r if c.tag in CELLS):
                _spread_group(rows, budget)
