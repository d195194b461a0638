"""Links from a search hit's snippet to the paragraph of the document page where it is.

A snippet is known at search time only as text (the stores give no offsets, and reading
each hit's text to count paragraphs would cost every search); so each snippet's link
carries a short quote of it, from its first marked word, to ``/d/{id}/pasaje``, which
reads the document once when followed and answers with its page at that paragraph
(``/d/{id}?q=…#pN``, the anchors the page gives its paragraphs). A quote the page does
not show (a snippet of the title, or of the text past what the page shows) leads to the
page at the search's first match instead: never to a wrong paragraph."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from urllib.parse import quote, quote_plus

QUOTE_CHARS = 80
# the characters of a snippet past the quote's length read first (``snippet_quote``)
LOOK_PAST = 24


def plain(fragment: str) -> str:
    """A highlight (escaped HTML, ``<mark>`` its only markup) as the text it shows."""
    text = fragment.replace("<mark>", "").replace("</mark>", "")
    return " ".join((unescaped(text) if "&" in text else text).split())


def unescaped(text: str) -> str:
    """``html.unescape(text)``, the same string: where every ``&`` starts one of the
    entities ``html.escape`` writes (the stores' highlighters escape with it), by a
    replace of each: half ``html.unescape``'s CPU, which calls Python for each entity (a
    snippet's quotes and apostrophes)."""
    known = (
        text.count("&amp;")
        + text.count("&lt;")
        + text.count("&gt;")
        + text.count("&quot;")
        + text.count("&#x27;")
    )
    if text.count("&") != known:
        return html.unescape(text)
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")  # last: an "&lt;" it leaves is text
    )


def snippet_quote(fragment: str) -> str | None:
    """The snippet's words from its first marked one, about ``QUOTE_CHARS`` characters,
    whole words, up to an ellipsis the store put where it cut; None without a mark."""
    start = fragment.find("<mark>")
    if start < 0:
        return None
    # only what the quote may take: marks and entities, a few times its length at most
    end = start + 6 * QUOTE_CHARS
    # first the words up to a blank a little past the quote's length (no mark or entity
    # holds a blank, so their text is the very beginning of the whole piece's, followed
    # by a blank): it decides the quote when it holds the ellipsis or more than the quote
    # takes; else the whole piece is read
    blank = fragment.find(" ", start + QUOTE_CHARS + LOOK_PAST, end)
    if blank >= 0:
        text = plain(fragment[start:blank])
        cut = text.find("…")
        if cut < 0 and len(text) <= QUOTE_CHARS:
            text = plain(fragment[start:end])
            cut = text.find("…")
    else:
        text = plain(fragment[start:end])
        cut = text.find("…")
    text = (text[:cut] if cut >= 0 else text).strip()
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
    head = tail = ""
    for fragment in highlights:
        found = snippet_quote(fragment)
        if found is None:
            links.append(None)
            continue
        if not head:  # the same for every snippet of the hit
            head = f"/d/{path_quoted(doc_id)}/pasaje?q={_encoded(q or '')}&texto="
            tail = f"&volver={_encoded(back)}" if back else ""
        links.append(f"{head}{plus_quoted(found)}{tail}")
    return links


# what quote_plus leaves as it is: letters, digits, _.-~ (and the space, made +)
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-~ ]")
# each character changed, as written: a search's snippets hold a few dozen (accented
# letters, punctuation), each encoded once rather than at every snippet (a third of
# the links' quoting); at most this many kept, whatever the texts
_PERCENT: dict[str, str] = {}
PERCENT_KEPT = 4096


def _percent(match: re.Match[str]) -> str:
    char = match.group()
    found = _PERCENT.get(char)
    if found is None:
        # each UTF-8 byte as %XX, in C: "é" is b"\xc3\xa9", "c3%a9", "%C3%A9"
        found = "%" + char.encode().hex("%").upper()
        if len(_PERCENT) < PERCENT_KEPT:
            _PERCENT[char] = found
    return found


def plus_quoted(text: str) -> str:
    """``quote_plus(text)``, the same string, by one pass over the few characters it
    changes (quote_plus looks at each byte in Python: half the links' cost)."""
    return _UNSAFE.sub(_percent, text).replace(" ", "+")


# what quote(safe="") leaves as it is: an identifier made only of these is its own path
_PATH_SAFE = re.compile(r"[A-Za-z0-9_.\-~]+")


def path_quoted(value: str) -> str:
    """``quote(value, safe="")``, the same string; most identifiers need nothing."""
    return value if _PATH_SAFE.fullmatch(value) else quote(value, safe="")


@functools.lru_cache(maxsize=256)
def _encoded(value: str) -> str:
    """A search or a return address, encoded once for every hit of its answer."""
    return quote_plus(value)


def paragraph_of(paragraphs: Sequence[str], found: str) -> int | None:
    """The number (from 1, as the page's ``#pN`` anchors) of the first shown paragraph
    holding ``found``, compared as text (marks, entities and blanks aside)."""
    wanted = " ".join(found.split()).casefold()
    if not wanted:
        return None
    for number, paragraph in enumerate(paragraphs, 1):
        if wanted in plain(str(paragraph)).casefold():
            return number
    return None
