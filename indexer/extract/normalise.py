"""Conservative Unicode and layout normalisation of extracted text.

Output conventions: NFC; lines joined by ``"\\n"``; paragraphs by ``"\\n\\n"`` (never
more); PDF pages by a form feed ``"\\f"`` with no whitespace around it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .codepages import repair_double_utf8, reread_codepage
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
_SOFT_HYPHEN_INSIDE = re.compile("\u00ad(?![ \t]*(?:\n|$))")
_SPACES = re.compile(" {2,}")
# spaces before the break taken only from where their run starts (the same matches):
# tried at each space of a long run that ends in no break, the search was quadratic
_LINE_EDGES = re.compile(r"(?:(?<![ \t])[ \t]+)?\n[ \t]*")
_LINE_EDGE_SPACES = (" \n", "\t\n", "\n ", "\n\t")
_BLANK_RUNS = re.compile(r"\n{3,}")
_LETTERS = r"[^\W\d_]+"
_HYPHEN_BREAK = re.compile(rf"\b({_LETTERS})[-\u2010\u2011]\n({_LETTERS})")
_DIGIT_HYPHEN_BREAK = re.compile(r"(\d)[-\u2010\u2011]\n(\d)")
# a page ends in a word cut by a hyphen (a soft one kept by ``_clean_block``); the next
# begins with the word's end, up to the space after it (a comma comes along)
_PAGE_END_HYPHEN = re.compile(rf"(?<![^\W_])({_LETTERS})([-\u2010\u2011\u00ad])$")
_PAGE_END_MARKS = ("-", "\u2010", "\u2011", "\u00ad")
_PAGE_START_WORD = re.compile(rf"({_LETTERS})(\S*)")
# a spacing accent a typesetter (TeX) drew before its letter: "Constituci´on", "compa˜nía"
_MARKS = {"\u00b4": "\u0301", "\u02ca": "\u0301", "\u02dc": "\u0303", "\u00a8": "\u0308"}
_SPACING_MARK = re.compile("[\u00b4\u02ca](?=[aeiouAEIOU\u0131])|\u02dc(?=[nN])|\u00a8(?=[uU])")
_SPACING_MARKS = ("\u00b4", "\u02ca", "\u02dc", "\u00a8")
# a heading set letter by letter: "S E N T E N C I A", "R E S U L T A N D O" (capitals, four
# at least, one space apart; two spaces part its words)
_LETTER_SPACED = re.compile(r"[A-ZÁÉÍÓÚÜÑ] (?:[A-ZÁÉÍÓÚÜÑ] ){2,}[A-ZÁÉÍÓÚÜÑ](?![^\s.,;:)\]?!\"”»])")
_OPENING = frozenset('([¿¡"“«')
# a public version's redactions written as words: "XXXXX", and the label a transparency
# unit writes in a name's place ("ELIMINADO: nombre del quejoso. Fundamento legal:
# artículo 116 de la LGTAIP…."). Their words would be found in every public version
# ("fundamento legal", "nombre"): each becomes the SCJN's mark, which holds no word.
REDACTED = "**********"
_REDACTION_WORDS = re.compile(
    r"\b[Xx]{4,}(?:[ \t]+[Xx]{4,})*\b"
    r"|\b(?-i:ELIMINAD[OA]|Eliminad[oa])\s*:[^\f]{0,160}?\bFundamento\s+legal\b[^\f]{0,600}?"
    r"(?<!\bart)(?<!\barts)(?<!\bfr)(?<!\bfracc)(?<!\bno)(?<!\bnúm)(?<!\bpág)(?<!\bpárr)"
    r"\.(?=\s+\D|\s*$)",
    re.IGNORECASE,
)
_ACCENTED = re.compile("[áéíóú]")
_ESDRUJULA_ICO = re.compile(r"[áéíóú]\w*ic[oa]s?$")
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:(?:p[áa]g(?:ina)?|hoja|foja|page)\.?\s*)?\d{1,4}"
    r"(?:\s*(?:de|of|/)\s*\d{1,4})?(?:\s*[-–—])?",
    re.IGNORECASE,
)


def _composed(text: str) -> str:
    """The spacing accents after a letter moved onto the letter that follows them."""
    out: list[str] = []
    last = 0
    for match in _SPACING_MARK.finditer(text):
        at = match.start()
        if at == 0 or not text[at - 1].isalpha():
            continue  # an apostrophe ("´Tis") or a mark standing alone
        letter = text[at + 1]
        out.append(text[last:at])
        out.append(("i" if letter == "\u0131" else letter) + _MARKS[match[0]])
        last = at + 2
    out.append(text[last:])
    return "".join(out)


def _unspaced(match: re.Match[str]) -> str:
    """A run of capitals set apart joined, unless it begins inside a word."""
    at = match.start()
    string = match.string
    if at and not (string[at - 1].isspace() or string[at - 1] in _OPENING):
        return match[0]
    return match[0].replace(" ", "")


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


def _join_hyphenated(match: re.Match[str] | tuple[str, str]) -> str:
    left, right = (match.group(1), match.group(2)) if isinstance(match, re.Match) else match
    same_case = right.islower() or (left.isupper() and right.isupper())
    if same_case and not _is_compound(left, right):
        return left + right
    return f"{left}-{right}"


def _clean_block(text: str) -> str:
    """Everything but the joining of words hyphenated at a line's end: a page's running
    lines are cut between the two (a footer under "constitu-" is no word's other half)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = repair_double_utf8(text)  # before the table: it maps C1 controls of it away
    if _NEEDS_TABLE.search(text):  # translate() is the slowest step: skip when idle
        text = text.translate(_TABLE)
    if any(mark in text for mark in _SPACING_MARKS):
        text = _composed(text)
    text = unicodedata.normalize("NFC", text)
    if "\u0131\u0301" in text:  # a dotless i under an acute: NFC leaves the two apart
        text = text.replace("\u0131\u0301", "í")
    if "\u00ad" in text:  # one ending a line stays, for the word's other half
        text = _SOFT_HYPHEN_INSIDE.sub("", _SOFT_HYPHEN_BREAK.sub("\u00ad\n", text))
    if _LETTER_SPACED.search(text):  # before the spaces collapse: they part its words
        text = _LETTER_SPACED.sub(_unspaced, text)
    # each pattern below is run only where it can change something: a regex tries every
    # position of the text even when nothing is there to replace
    if ("xxxx" in text or "XXXX" in text or "undamento" in text or "UNDAMENTO" in text) and (
        _REDACTION_WORDS.search(text)
    ):
        text = _REDACTION_WORDS.sub(REDACTED, text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if any(edge in text for edge in _LINE_EDGE_SPACES):  # else each match is a bare "\n"
        text = _LINE_EDGES.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def _join_lines(text: str) -> str:
    if "\u00ad" in text:
        text = text.replace("\u00ad\n", "")
    if _HYPHEN_EOL.search(text):
        text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
        text = _DIGIT_HYPHEN_BREAK.sub(r"\1-\2", text)
    return text


def _normalise_block(text: str) -> str:
    return _join_lines(_clean_block(text)).replace("\u00ad", "")


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
    edges, join with ``"\\f"``. A word hyphenated at a page's end (its header, footer
    and page number cut) is joined with its end from the next page, on the first page."""
    blocks = strip_running_lines([_clean_block(page) for page in pages])
    joined = [_join_lines(_strip_page_number(block)) for block in blocks]
    for index in range(len(joined) - 1):
        page = joined[index]
        before = (
            _PAGE_END_HYPHEN.search(page, max(0, len(page) - 100))
            if page.endswith(_PAGE_END_MARKS)
            else None
        )
        after = _PAGE_START_WORD.match(joined[index + 1]) if before else None
        if before is None or after is None:
            continue
        left, right = before.group(1), after.group(1)
        if not (right.islower() or (left.isupper() and right.isupper())):
            continue  # a page opening in capitals: a heading, not the word's end
        word = left + right if before.group(2) == "\u00ad" else _join_hyphenated((left, right))
        joined[index] = joined[index][: before.start(1)] + word + after.group(2)
        joined[index + 1] = joined[index + 1][after.end() :].lstrip()
    return "\f".join(page.replace("\u00ad", "") for page in joined)


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
    # a page, a text file, a Word body whose code page was misread where it was written
    return _normalise_block(reread_codepage(repair_double_utf8(text)))


def has_words(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit: a page of dashes, dots or a PDF's
    control characters (read as hyphens) is no text anybody can search for."""
    return any(char.isalnum() for char in text)
