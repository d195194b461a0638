"""A page answered with HTTP 200 that says there is nothing at its address: the site's
"not found" page sent without its 404 (a "soft 404"), or a dated gazette's «no hay
gaceta para esta fecha». Kept, it became a document whose text is the error page (a
file's, a detail page's), or a listing counted as ``selector_empty`` (a selector to fix)
though the spec was right. Read from what a reader sees first: the title, the headings,
and short blocks of text; never from a number alone (a page titled «Expediente
404/2023» is a real one, and a ruling may quote «no existe» in a sentence)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

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
# a page none of whose text holds one of these says nothing of the kind: its blocks are
# not read one by one (every detail page is checked)
_MAYBE = re.compile(r"encontrad|no\s+(?:existe|se\s+encuentra|hay\s)|not\s+found", re.IGNORECASE)
_HEADINGS = "//title | //h1 | //h2 | //h3"
_BLOCKS = "//body//*[self::p or self::div or self::span or self::td or self::strong or self::b"
_BLOCKS += " or self::h4 or self::li or self::center or self::font]"


def not_found_said(page: Any, file: bool = False) -> str | None:
    """What on ``page`` (an HTML response) says nothing is at its address, at most 200
    characters, or None. Headings and title in any length; other blocks only when their
    whole text is short and says so from its start (a ruling's sentence quoting «el
    documento no existe» is no error page). ``file``: the page answered a file's
    address, where «no disponible» in a heading says the file is not there too."""
    headings = _IN_FILE_HEADING if file else _IN_HEADING
    for node in page.xpath(_HEADINGS):
        said = _text(node)[:HEADING_CHARS]
        if said and headings.search(said):
            return said[:SHORT_BLOCK]
    if not _MAYBE.search(page.text):
        return None
    for node in page.xpath(_BLOCKS):
        said = _text(node)
        found = _IN_BLOCK.search(said) if said and len(said) <= SHORT_BLOCK else None
        if found is not None and found.start() <= OPENING:
            return said
    return None


def stood_for(url: str) -> str:
    """What an error page stood in place of, as ``SOFT_404`` says it: a file, by its
    address's extension, or a document's page."""
    return "file" if _FILE_ADDRESS.search(urlsplit(url).path) else "document"


def _text(node: Any) -> str:
    parts = node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]").getall()
    return " ".join(" ".join(parts).split())
