"""A page answered with HTTP 200 that says there is nothing at its address: the site's
"not found" page sent without its 404 (a "soft 404"), or a dated gazette's «no hay
gaceta para esta fecha». Kept, it became a document whose text is the error page (a
file's, a detail page's), or a listing counted as ``selector_empty`` (a selector to fix)
though the spec was right. Read from what a reader sees first: the title, the headings,
and short blocks of text; never from a number alone (a page titled «Expediente
404/2023» is a real one, and a ruling may quote «no existe» in a sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from crawlers.text_nodes import iter_texts

# "not found" in the words sites use
_NOT_THERE = (
    r"error\s*404|404\s*(?:-\s*)?not\s+found|(?:page|file|document)\s+not\s+found"
    r"|(?:p[aá]gina|archivo|documento|recurso|contenido|publicaci[oó]n)"
    r"(?:\s+(?:que\s+(?:busca|buscas|solicit[oó]|solicita|intenta\s+ver)|solicitad[ao]|buscad[ao]))?"
    r"\s+no\s+(?:(?:fue|ha\s+sido|pudo\s+ser)\s+)?(?:encontrad[ao]|existe|se\s+encuentra)"
    r"|no\s+(?:se\s+)?(?:encontr[oó]|existe)\s+(?:la\s+p[aá]gina|el\s+(?:documento|archivo))"
    r"|no\s+hay\s+(?:gacetas?|bolet[ií]n(?:es)?|peri[oó]dicos?|diarios?|publicaci[oó]n(?:es)?"
    r"|ediciones?|ejemplares?)\s+(?:\w+\s+){0,3}?(?:para|en|de|del)\s+"
    r"(?:esta|la|el|ese|este|dicha|dicho|ese)\s+(?:fecha|d[ií]a)"
)
_IN_BLOCK = re.compile(rf"\b(?:{_NOT_THERE})\b", re.IGNORECASE)
_BARE_CODE = r"^\W*(?:error\W*)?404\W*$"  # the code alone («404», «Error 404»), not «404/2023»
_IN_HEADING = re.compile(rf"\b(?:{_NOT_THERE})\b|{_BARE_CODE}", re.IGNORECASE)
# a file's address only: a detail page may say its public version is not available
# («Documento no disponible») and still be the document, with its data
_IN_FILE_HEADING = re.compile(
    rf"\b(?:{_NOT_THERE}|(?:p[aá]gina|archivo|documento|recurso)\s+no\s+disponible)\b"
    rf"|{_BARE_CODE}",
    re.IGNORECASE,
)
OPENING = 40  # characters: a block says so from its start («Lo sentimos, la página…»)
# crawlers.causas reads it back: what the error page stood in place of, and what it said
SOFT_404 = "a 'not found' page answered with HTTP 200 in place of the {what}"
_FILE_ADDRESS = re.compile(r"\.(?:pdf|docx?|rtf|odt)$", re.IGNORECASE)
SHORT_BLOCK = 200  # characters: a sentence saying so, not a paragraph quoting it
HEADING_CHARS = 1000  # of a title or heading read (a page-long title is no error page's)
# a text holding none of these says nothing of the kind: only the blocks around those
# that do are read (every detail page is checked, and a page may be megabytes)
_MAYBE = re.compile(r"encontrad|no\s+(?:existe|se\s+encuentra|hay\s)|not\s+found", re.IGNORECASE)
_HEADINGS = "//title | //h1 | //h2 | //h3"
_SKIPPED = frozenset({"script", "style", "title", "head"})
MOST_CANDIDATES = 50  # text pieces whose blocks are read, at most
# a page larger than this is no site's error page: its blocks are not read (its headings
# are), which bounds the time a page of a million empty tags takes
MOST_BLOCK_BYTES = 512 * 1024
MOST_CHILDREN = 50  # elements directly in a block that is one sentence, at most
ENCLOSING = 4  # elements up from a text piece, at most, to the block that says it


def not_found_said(page: Any, file: bool = False) -> str | None:
    """What on ``page`` (an HTML response) says nothing is at its address, at most 200
    characters, or None. ``file``: the page answered a file's address, where «no
    disponible» in a heading says the file is not there too."""
    return notice_said(page, _IN_FILE_HEADING if file else _IN_HEADING, _IN_BLOCK, _MAYBE)


def notice_said(
    page: Any, in_heading: re.Pattern[str], in_block: re.Pattern[str], maybe: re.Pattern[str]
) -> str | None:
    """What on ``page`` a site's notice says (``in_heading`` in the title or a heading,
    ``in_block`` at the start of a short block), at most 200 characters, or None.
    Headings and title read to their first 1,000 characters; other blocks only when their
    whole text is short and says so from its start (a ruling's sentence quoting «el
    documento no existe» is no error page). Linear in the page: each element's text is
    looked at once, and a block is read only around a text ``maybe`` finds, and no further
    than its first characters."""
    for node in page.xpath(_HEADINGS):
        said = _opening(node.root, HEADING_CHARS)[0]
        if said and in_heading.search(said):
            return said[:SHORT_BLOCK]
    if len(page.body) > MOST_BLOCK_BYTES:
        return None
    root = page.selector.root
    if not hasattr(root, "iter") or not maybe.search(page.text):
        return None
    read: set[Any] = set()
    for element in _candidates(root, maybe):
        block = element
        for _ in range(ENCLOSING):
            if block is None or block in read or len(block) > MOST_CHILDREN:
                break
            read.add(block)
            said, whole = _opening(block, SHORT_BLOCK)
            if not whole:
                break  # longer than a sentence saying so: its enclosing blocks are too
            found = in_block.search(said)
            if found is not None and found.start() <= OPENING:
                return said
            block = block.getparent()
    return None


# the site's error page for a failure of its own, sent with HTTP 200: read in the title
# and headings only, where such a page says it (a ruling may speak of an «error» anywhere)
_SERVER_FAILED = re.compile(
    r"\berror\s*(?:http\s*)?50[0-4]\b(?!\s*/)|\binternal\s+server\s+error\b"
    r"|\bserver\s+error\s+in\s+'[^']*'\s+application\b|\bruntime\s+error\b"
    r"|\bservice\s+(?:temporarily\s+)?unavailable\b|\bbad\s+gateway\b|\bgateway\s+time-?out\b"
    r"|\berror\s+(?:interno\s+)?del\s+servidor\b|\bservicio\s+no\s+disponible\b"
    r"|^\W*50[0-4]\W*$",
    re.IGNORECASE,
)
_SERVER_HEADINGS = "(//title | //h1)[position() <= 3]"  # an error page says it first
SERVER_ERROR_PAGE = "a server error page answered with HTTP 200 in place of the {what}"


def server_error_said(page: Any) -> str | None:
    """What on ``page`` says the site failed (its «Error 500» page, ASP.NET's «Server
    Error in '/' Application», «Servicio no disponible») in its title or first h1, at
    most 200 characters, or None. Its title and first headings only: a document's
    thousand headings are not read again for it."""
    for node in page.xpath(_SERVER_HEADINGS):
        said = _opening(node.root, HEADING_CHARS)[0]
        if said and _SERVER_FAILED.search(said):
            return said[:SHORT_BLOCK]
    return None


def stood_for(url: str) -> str:
    """What an error page stood in place of, as ``SOFT_404`` says it: a file, by its
    address's extension, or a document's page."""
    return "file" if _FILE_ADDRESS.search(urlsplit(url).path) else "document"


def _candidates(root: Any, maybe: re.Pattern[str]) -> Iterator[Any]:
    """The elements whose own text, or a child's tail, may say so, in page order."""
    found = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED:
            continue
        holders = []
        if element.text and maybe.search(element.text):
            holders.append(element)
        if element.tail and maybe.search(element.tail):
            holders.append(element.getparent())
        for holder in holders:
            if holder is not None:
                yield holder
                found += 1
                if found >= MOST_CANDIDATES:
                    return


def _opening(element: Any, cap: int) -> tuple[str, bool]:
    """The first ``cap`` characters of ``element``'s text, spaces collapsed, and whether
    that is all of it; read no further than needed."""
    parts: list[str] = []
    size = 0
    whole = True
    for piece in iter_texts(element):  # not itertext: quadratic over comments
        parts.append(piece)
        size += len(piece)
        if size > cap * 4:  # room for the spaces collapsing takes away
            whole = False
            break
    text = " ".join(" ".join(parts).split())
    if len(text) > cap:
        return text[:cap], False
    return text, whole
