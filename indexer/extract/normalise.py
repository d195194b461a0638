"""Conservative Unicode and layout normalisation of extracted text.

Output conventions: NFC; lines joined by ``"\\n"``; paragraphs by ``"\\n\\n"`` (never
more); PDF pages by a form feed ``"\\f"`` with no whitespace around it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .running import strip_running_lines


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # C0/C1 controls go, except tab and newline (\f is handled by the page split).
    for code in [*range(0x00, 0x20), 0x7F]:
        table[code] = None
    table[ord("\t")] = "\t"
    table[ord("\n")] = "\n"
    table[0x0B] = "\n"  # vertical tab
    # C1 controls almost always come from cp1252 bytes decoded as Latin-1:
    # map them back to the cp1252 character ("\x93" -> "“"), else drop.
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = None
    # Unicode spaces -> plain space; invisible format characters -> removed.
    for code in [0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]:
        table[code] = " "
    for code in [*range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060, 0xFEFF]:
        table[code] = None
    for code in range(0x2066, 0x206A):
        table[code] = None
    table[0x2028] = "\n"
    table[0x2029] = "\n\n"
    # Latin ligatures, common in typeset PDFs, break search.
    ligatures = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl"}
    table.update(ligatures)
    table[0xFB05] = "st"
    table[0xFB06] = "st"
    return table


_TABLE = _build_table()
_NEEDS_TABLE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c, v in _TABLE.items() if v != chr(c)) + "]"
)
_HYPHEN_EOL = re.compile("[-\u2010\u2011]\n")
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*")
_SPACES = re.compile(" {2,}")
# spaces before the break taken only from where their run starts (the same matches):
# tried at each space of a long run that ends in no break, the search was quadratic
_LINE_EDGES = re.compile(r"(?:(?<![ \t])[ \t]+)?\n[ \t]*")
_LINE_EDGE_SPACES = (" \n", "\t\n", "\n ", "\n\t")
_BLANK_RUNS = re.compile(r"\n{3,}")
_LETTERS = r"[^\W\d_]+"
_HYPHEN_BREAK = re.compile(rf"\b({_LETTERS})[-\u2010\u2011]\n({_LETTERS})")
_DIGIT_HYPHEN_BREAK = re.compile(r"(\d)[-\u2010\u2011]\n(\d)")
_ACCENTED = re.compile("[áéíóú]")
_ESDRUJULA_ICO = re.compile(r"[áéíóú]\w*ic[oa]s?$")
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:(?:p[áa]g(?:ina)?|hoja|foja|page)\.?\s*)?\d{1,4}"
    r"(?:\s*(?:de|of|/)\s*\d{1,4})?(?:\s*[-–—])?",
    re.IGNORECASE,
)


def _is_compound(left: str, right: str) -> bool:
    """Guess whether ``left-right`` split at a line end is a real hyphenated compound.

    Spanish words carry at most one written accent, so two accented halves
    ("teórico-práctico") cannot be one word; a complete esdrújula adjective in
    -ico/-ica before the break ("político-electoral") is a compound too, unless
    the continuation is the adverb suffix ("única-mente").
    """
    left, right = left.lower(), right.lower()
    if _ACCENTED.search(left) and _ACCENTED.search(right):
        return True
    return bool(_ESDRUJULA_ICO.search(left)) and not right.startswith("mente")


def _join_hyphenated(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    same_case = right.islower() or (left.isupper() and right.isupper())
    if same_case and not _is_compound(left, right):
        return left + right
    return f"{left}-{right}"


def _normalise_block(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if _NEEDS_TABLE.search(text):  # translate() is the slowest step: skip when idle
        text = text.translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_BREAK.sub("", text).replace("\u00ad", "")
    # each pattern below is run only where it can change something: a regex tries every
    # position of the text even when nothing is there to replace
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if any(edge in text for edge in _LINE_EDGE_SPACES):  # else each match is a bare "\n"
        text = _LINE_EDGES.sub("\n", text)
    if _HYPHEN_EOL.search(text):
        text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
        text = _DIGIT_HYPHEN_BREAK.sub(r"\1-\2", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def _strip_page_number(page: str) -> str:
    """Drop a bare page-number line ("12", "- 12 -", "Página 3 de 10") at the page edges."""
    lines = page.split("\n")
    if lines and _PAGE_NUMBER.fullmatch(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.fullmatch(lines[0]):
        lines.pop(0)
    return "\n".join(lines).strip()


def normalise_pages(pages: Iterable[str]) -> str:
    """Normalise each page, cut running headers and footers and page-number lines at page
    edges, join with ``"\\f"``."""
    blocks = strip_running_lines([_normalise_block(page) for page in pages])
    return "\f".join(_strip_page_number(block) for block in blocks)


def normalise_text(text: str) -> str:
    """Normalise extracted text (see module docstring).

    NFC; control and invisible format characters removed (tab and newline kept;
    stray C1 controls mapped back through cp1252); Unicode spaces and runs of
    spaces collapsed to one space; line-edge spaces stripped; soft hyphens
    removed; words hyphenated across a line end joined ("constitu-\\ncional" ->
    "constitucional") unless they look like a compound ("teórico-\\npráctico" ->
    "teórico-práctico"); at most one blank line in a row; Latin ligatures
    expanded. If the text contains form feeds it is treated as pages (see
    :func:`normalise_pages`).
    """
    if "\f" in text:
        return normalise_pages(text.split("\f"))
    return _normalise_block(text)


def has_words(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit: a page of dashes, dots or a PDF's
    control characters (read as hyphens) is no text anybody can search for."""
    return any(char.isalnum() for char in text)
