"""Row-spanning cells read in every row they span, within bounds (crawlers/grid.py)."""

from __future__ import annotations

from parsel import Selector

from crawlers.grid import MAX_CELL_CHARS, MAX_COPIES, spread_rowspans


def _rows(html: str) -> list[list[str]]:
    page = Selector(text=html)
    spread_rowspans(page.root)
    return [
        [" ".join(c.xpath(".//text()").getall()).strip() for c in tr.xpath("./td | ./th")]
        for tr in page.xpath("//tr")
    ]


HEAD = "<tr><th>No.</th><th>Fecha</th><th>Sesión</th></tr>"


def test_a_spanned_cell_is_in_each_row_at_its_column() -> None:
    rows = _rows(
        f"<table>{HEAD}<tr><td>2</td><td rowspan='2'>8 de abril</td><td>Ordinaria</td></tr>"
        "<tr><td>1</td><td>Vespertina</td></tr></table>"
    )
    assert rows[1:] == [["2", "8 de abril", "Ordinaria"], ["1", "8 de abril", "Vespertina"]]


def test_layout_tables_and_other_row_groups_are_left_as_they_are() -> None:
    layout = "<table><tr><td rowspan='2'>Menú</td><td>a</td></tr><tr><td>b</td></tr></table>"
    assert _rows(layout) == [["Menú", "a"], ["b"]]
    groups = (
        f"<table><thead>{HEAD}</thead><tbody><tr><td>1</td><td rowspan='3'>x</td>"
        "<td>y</td></tr></tbody><tbody><tr><td>2</td><td>z</td></tr></tbody></table>"
    )
    assert _rows(groups)[2] == ["2", "z"]


def test_a_large_cell_holds_its_column_empty() -> None:
    big = "palabra " * MAX_CELL_CHARS
    rows = _rows(
        f"<table>{HEAD}<tr><td>2</td><td rowspan='2'>{big}</td><td>Ordinaria</td></tr>"
        "<tr><td>1</td><td>Vespertina</td></tr></table>"
    )
    assert rows[2] == ["1", "", "Vespertina"]


def test_copies_are_bounded_on_a_hostile_page() -> None:
    rows = "".join(
        "<tr>" + "<td rowspan='65534'>x</td>" * 5 + "</tr>" if n == 0 else "<tr></tr>"
        for n in range(3 * MAX_COPIES)
    )
    page = Selector(text=f"<table>{HEAD}{rows}</table>")
    spread_rowspans(page.root)
    filled = page.xpath("//td[@data-spanned][text()]")
    assert len(filled) == MAX_COPIES
    # past the budget the columns are held all the same, empty
    assert [c.xpath("string()").get() for c in page.xpath("(//tr)[900]/td")] == [""] * 5


def test_a_span_written_otherwise_than_in_ascii_digits_is_one() -> None:
    """As a browser reads it: «²» or «٣» are no span; thousands of digits are the most."""
    for written, spanned in (("²", 1), ("٣", 1), ("9" * 5000, 2), ("0002", 2)):
        rows = _rows(
            f"<table>{HEAD}<tr><td>2</td><td rowspan='{written}'>8 de abril</td>"
            "<td>Ordinaria</td></tr><tr><td>1</td><td>Vespertina</td></tr></table>"
        )
        assert sum(row.count("8 de abril") for row in rows) == spanned, written
