"""A field reads the text of each element it matches, with the text of all the elements
inside it: over elements nested in one another (``css:div`` over 300 nested ``<div>``s
around 100 KB of text) each match reads the whole page again, so a 100 KB page gave a
30 MB field (a 10 MB page, the default limit, gigabytes and minutes in the crawl's
process, whose memory limit is checked between steps: too late). A field holds at most
``MAX_FIELD_CHARS`` characters of one page; past them it is left empty (a value cut
short would be a wrong one), and the crawl goes on."""

from __future__ import annotations

from parsel import Selector as Page

from config.selector import Selector
from crawlers.selectors import MAX_FIELD_CHARS, read

TEXT = "palabra " * 12_500  # 100 KB
DEPTH = 300


def _nested(depth: int) -> Page:
    return Page(text=f"<html><body>{'<div>' * depth}{TEXT}{'</div>' * depth}</body></html>")


def test_nested_matches_reading_the_page_hundreds_of_times_leave_the_field_empty() -> None:
    assert len(TEXT) * DEPTH > MAX_FIELD_CHARS
    assert read(_nested(DEPTH), Selector(select="css:div", many=True)) is None
    assert read(_nested(DEPTH), Selector(select="css:div", many=True, join=" ")) is None


def test_a_page_read_a_few_times_is_read_whole() -> None:
    found = read(_nested(3), Selector(select="css:div", many=True))
    assert isinstance(found, list) and len(found) == 3
    assert all(value == TEXT.strip() for value in found)
    assert read(_nested(DEPTH), Selector(select="css:body")) == TEXT.strip()
    # a field of one value reads the first match with text, not the 299 inside it
    assert read(_nested(DEPTH), Selector(select="css:div")) == TEXT.strip()
    assert read(_nested(DEPTH), Selector(select="css:div", regex=r"(palabra)")) == "palabra"
