"""A page that says the visitor's session expired («Su sesión ha caducado», JSF's
ViewExpiredException), answered with a 200 in place of a listing, a document's page or a
file. Sites whose pages hang on a server session answer so to a crawl that carries none
(or a stale one): the listing was counted as «ningún elemento llegó a ser documento»,
a detail page became a document whose text was that notice. Read as ``soft_404`` reads
its pages: the title and headings, and short blocks that say so from their start; a
congress's transcript quoting «la sesión» is no such page."""

from __future__ import annotations

import re
from typing import Any

from crawlers.soft_404 import (
    ENCLOSING,
    HEADING_CHARS,
    MOST_BLOCK_BYTES,
    MOST_CANDIDATES,
    MOST_CHILDREN,
    OPENING,
    SHORT_BLOCK,
    _opening,
)

_EXPIRED = re.compile(
    r"\bsesi[oó]n\s+(?:ha\s+)?(?:expirad[ao]|caducad[ao]|expir[oó]|caduc[oó]|vencid[ao]|venci[oó])\b"
    r"|\bsesi[oó]n\s+(?:de\s+usuario\s+)?(?:ha\s+)?(?:expirado|caducado)\b"
    r"|\bsession\s+(?:has\s+)?(?:expired|timed\s+out)\b|\bViewExpiredException\b",
    re.IGNORECASE,
)
_HEADINGS = "//title | //h1 | //h2 | //h3"
# crawlers.causas reads it back: what the notice stood in place of, and what it said
SESSION = "session_expired"
SESSION_EXPIRED = "the site answered its 'session expired' page in place of the {what}"


def expired_said(page: Any) -> str | None:
    """What on ``page`` (an HTML response) says the session expired, at most 200
    characters, or None."""
    for node in page.xpath(_HEADINGS):
        said = _opening(node.root, HEADING_CHARS)[0]
        if said and _EXPIRED.search(said):
            return said[:SHORT_BLOCK]
    if len(page.body) > MOST_BLOCK_BYTES:
        return None
    root = page.selector.root
    if not hasattr(root, "iter") or not _EXPIRED.search(page.text):
        return None
    read: set[Any] = set()
    found = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or not (element.text and _EXPIRED.search(element.text)):
            continue
        found += 1
        if found > MOST_CANDIDATES:
            break
        block = element
        for _ in range(ENCLOSING):
            if block is None or block in read or len(block) > MOST_CHILDREN:
                break
            read.add(block)
            said, whole = _opening(block, SHORT_BLOCK)
            if not whole:
                break
            match = _EXPIRED.search(said)
            if match is not None and match.start() <= OPENING:
                return said
            block = block.getparent()
    return None
