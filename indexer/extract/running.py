"""Running headers and footers: lines a PDF repeats at the edges of most pages.

A public version repeats the court, the case number, "VERSIÓN PÚBLICA" and a page
number ("Página 3 de 52") on every page. Left in the text they sit between the two
halves of every sentence that crosses a page break, so a phrase search misses it. They
are cut from the indexed text (and kept nowhere else): a line is running when, with its
digits masked, it stands among the first or last lines of at least half the pages (of two or three
pages: of every page, with its page number, named so, changing from page to page).
"""

from __future__ import annotations

import math
import re
import unicodedata

EDGE_LINES = 3  # a running line sits among a page's first or last three lines
MIN_PAGES = 4  # fewer pages do not tell a running line from a repeated one
SHARE = 0.5  # of the pages, at least
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# a page's number, named so (a key's digits are masked): "página #", "hoja #", "# de #"
_PAGE_WORD = re.compile(r"\b(?:pagina|pag|hoja|foja|page)\.?\s*#|# de #")


def _key(line: str) -> str:
    """The line with its numbers masked (page numbers change) and case and accents
    folded (text layers differ in both from page to page)."""
    folded = unicodedata.normalize("NFKD", line.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPACES.sub(" ", _DIGITS.sub("#", folded)).strip()


def _edge_lines(lines: list[str]) -> dict[str, str]:
    """The page's first and last lines by key (the line as written, spaces collapsed)."""
    filled = [line for line in lines if line.strip()]
    return {
        _key(line): _SPACES.sub(" ", line).strip()
        for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]
    }


def running_keys(pages: list[list[str]]) -> set[str]:
    """The keys of the lines repeated at the edges of most pages. A document of two or
    three pages tells one only by its page number: the same line at the edge of every
    page, naming its page ("página", "hoja", "foja", "# de #"), its number different on
    each ("Amparo en revisión 123/2023 — página 2"); with it, the lines at the edge of
    every page are running too (the court's name above)."""
    filled = [lines for lines in pages if any(line.strip() for line in lines)]
    if len(filled) < 2:
        return set()
    counts: dict[str, int] = {}
    written: dict[str, set[str]] = {}
    for lines in filled:
        for key, line in _edge_lines(lines).items():
            if key:
                counts[key] = counts.get(key, 0) + 1
                written.setdefault(key, set()).add(line)
    if len(filled) < MIN_PAGES:
        every = {key for key, count in counts.items() if count == len(filled)}
        numbered = {k for k in every if _PAGE_WORD.search(k) and len(written[k]) == len(filled)}
        if not numbered:
            return set()
        # pages that number themselves so have running lines: the others at the edge of
        # every page too, unless a page is so short that its edges are its body
        short = any(sum(1 for line in lines if line.strip()) <= 2 * EDGE_LINES for lines in filled)
        return numbered if short else every
    needed = max(MIN_PAGES, math.ceil(SHARE * len(filled)))
    return {key for key, count in counts.items() if count >= needed}


def _trim(lines: list[str], running: set[str]) -> list[str]:
    """Drop running lines from the top and bottom of one page (blank lines between
    them too); a running line inside the page body is text and stays, and a page made
    only of such lines is left whole."""
    start, end = 0, len(lines)
    for _ in range(EDGE_LINES * 2):
        while start < end and not lines[start].strip():
            start += 1
        if start < end and _key(lines[start]) in running:
            start += 1
    for _ in range(EDGE_LINES * 2):
        while end > start and not lines[end - 1].strip():
            end -= 1
        if end > start and _key(lines[end - 1]) in running:
            end -= 1
    kept = lines[start:end]
    return kept if any(line.strip() for line in kept) else lines  # a page is not all header


def strip_running_lines(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers."""
    split = [page.split("\n") for page in pages]
    running = running_keys(split)
    if not running:
        return pages
    return ["\n".join(_trim(lines, running)) for lines in split]
