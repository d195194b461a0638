"""Links from a search hit's snippet to the paragraph of the document page where it is.

A snippet is known at search time only as text (the stores give no offsets, and reading
each hit's text to count paragraphs would cost every search); so each snippet's link
carries a short quote of it, from its first marked word, to ``/d/{id}/pasaje``, which
reads the document once when followed and answers with its page at that paragraph
(``/d/{id}?q=…#pN``, the anchors the page gives its paragraphs). A quote the page does
not show (a snippet of the title, or of the text past what the page shows) leads to the
page at the search's first match instead: never to a wrong paragraph."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote, urlencode

QUOTE_CHARS = 80
_TAG = re.compile(r"</?mark>")
_SPACES = re.compile(r"\s+")


def plain(fragment: str) -> str:
    """A highlight (escaped HTML, ``<mark>`` its only markup) as the text it shows."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def snippet_quote(fragment: str) -> str | None:
    """The snippet's words from its first marked one, about ``QUOTE_CHARS`` characters,
    whole words, up to an ellipsis the store put where it cut; None without a mark."""
    start = fragment.find("<mark>")
    if start < 0:
        return None
    text = plain(fragment[start:]).split("…", 1)[0].strip()
    if len(text) > QUOTE_CHARS:
        cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
        text = cut if cut else text[:QUOTE_CHARS]
    return text or None


def passage_links(
    doc_id: str, q: str | None, highlights: Sequence[str], back: str | None = None
) -> list[str | None]:
    """One link a snippet (None for one with nothing marked), relative like a permalink;
    ``back``: the results page the document page links back to."""
    links: list[str | None] = []
    for fragment in highlights:
        found = snippet_quote(fragment)
        if found is None:
            links.append(None)
            continue
        query = urlencode({"q": q or "", "texto": found, **({"volver": back} if back else {})})
        links.append(f"/d/{quote(doc_id, safe='')}/pasaje?{query}")
    return links


def paragraph_of(paragraphs: Sequence[str], found: str) -> int | None:
    """The number (from 1, as the page's ``#pN`` anchors) of the first shown paragraph
    holding ``found``, compared as text (marks, entities and blanks aside)."""
    wanted = _SPACES.sub(" ", found).strip().casefold()
    if not wanted:
        return None
    for number, paragraph in enumerate(paragraphs, 1):
        if wanted in plain(str(paragraph)).casefold():
            return number
    return None
