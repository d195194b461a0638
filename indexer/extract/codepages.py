"""Which single-byte code page a Spanish text that is not UTF-8 was written in, and
UTF-8 read once too often («Ã³» for «ó»), put back.

A text that is not UTF-8 was read as Windows-1252 whatever it was: a court's text file
written under DOS (code page 850) came out «Resoluci¢n» («ó» is byte A2 there), one from
an old Mac (Mac OS Roman) «Resoluci—n» (byte 97): the word lost to every search, and
published so. :func:`guess_codepage` reads the bytes as each code page a Mexican office
wrote (Windows-1252, with Latin-1; DOS 850; Mac OS Roman) and weighs what each makes of
every byte past ASCII by what Spanish is made of: an accented vowel, «ñ» or «ü» inside a
word, a capital one among capitals, «¿ ¡ « » ° º ª» and typographic quotes and dashes
standing between words count for it; a sign or a box-drawing piece inside a word («¢»
in «Resoluci¢n», «│»), a capital accented letter after a small letter («resoluciÓn»)
or an accented one after a digit («50ó»), a letter Spanish never writes («ß», «Ý», «Ì»)
count against it (a sign beside a digit, «50¢», «m²», counts for none). The code page whose
reading scores clearly best is used; Windows-1252 (what browsers do) when none does,
and then the text is kept and said to be a guess (a wrong reading is worse than none,
but no reading loses the document).

:func:`repair_double_utf8` undoes UTF-8 decoded as Windows-1252 and encoded again
(«MÃ©xico», «Â°», «â€œ»: a database in Latin-1 fed UTF-8): a run that re-encodes to
valid UTF-8 of a Latin letter or a typographic sign is put back; anything else is
left as it is.
"""

from __future__ import annotations

import codecs
import re

# Windows-1252 first: the prior (browsers decode undeclared pages so)
DEFAULT = "cp1252"
CANDIDATES = ("cp1252", "cp850", "mac-roman")
# a code page named in a declaration that is read as one of the candidates' kind
_DECLARED_SINGLE = frozenset({"cp1252", "cp850", "cp437", "mac-roman", "iso8859-15", "latin-1"})
_LOWER = frozenset("áéíóúñü")
_UPPER = frozenset("ÁÉÍÓÚÑÜ")
_SIGNS = frozenset("¿¡«»“”‘’°ºª…€§·\u00a0")
_DASHES = frozenset("–—")
# at most this many bytes past ASCII are weighed (the first ones): enough to tell
_MAX_WEIGHED = 20_000
# a code page other than the prior must beat it by this much, and by this share of
# the bytes weighed, to be used
_MARGIN = 1.5
_SHARE = 0.2
_HIGH = re.compile(rb"[\x80-\xff]")


def _table(codec: str) -> list[str]:
    return [bytes([byte]).decode(codec, errors="replace") for byte in range(256)]


_TABLES: dict[str, list[str]] = {}


def _chars(codec: str) -> list[str]:
    table = _TABLES.get(codec)
    if table is None:
        table = _TABLES[codec] = _table(codec)
    return table


def _weight(earlier: str, before: str, char: str, after: str) -> float:
    """What ``char`` after ``earlier`` and ``before``, and before ``after``, says for a
    Spanish reading."""
    if char in _LOWER:  # in a word of capitals («RESOLVIà»), not after one («Pérez»)
        if before.isdigit():  # «50ó»: «50¢» read in another code page
            return -0.5
        return -0.5 if before.isupper() and (after.isupper() or earlier.isupper()) else 1.0
    if char.isupper() and before.islower():  # «resoluciÓn», «resolviÛ»: no word is so
        return -1.5
    if char in _UPPER:
        return 1.0
    if char in _DASHES:  # «el Tribunal—en pleno—resolvió»: dashes may join words
        return -0.25 if before.isalpha() and after.isalpha() else 0.5
    if char in _SIGNS:
        return -1.0 if before.isalpha() and after.isalpha() else 0.5
    if char.isalpha():  # a letter of another language: a name, at best
        return -0.5
    if before.isdigit() or after.isdigit():  # a unit or a currency: «50¢», «±2», «m²»
        return 0.0
    return -1.0  # a symbol, a piece of a box, a control character


def _places(data: bytes) -> list[int]:
    """Where the first ``_MAX_WEIGHED`` bytes past ASCII stand."""
    places = []
    for found in _HIGH.finditer(data):
        places.append(found.start())
        if len(places) >= _MAX_WEIGHED:
            break
    return places


def scores(data: bytes, pages: tuple[str, ...] = CANDIDATES) -> dict[str, float]:
    """Each code page's weight of evidence of reading ``data`` as Spanish."""
    return _scores(data, _places(data), pages)


def _scores(data: bytes, places: list[int], pages: tuple[str, ...]) -> dict[str, float]:
    result: dict[str, float] = {}
    last = len(data) - 1
    for codec in pages:
        chars = _chars(codec)
        total = 0.0
        for at in places:
            earlier = chars[data[at - 2]] if at > 1 else " "
            before = chars[data[at - 1]] if at else " "
            after = chars[data[at + 1]] if at < last else " "
            total += _weight(earlier, before, chars[data[at]], after)
        result[codec] = total
    return result


def guess_codepage(data: bytes, declared: str | None = None) -> tuple[str, bool]:
    """``(code page, sure)`` for bytes that are not UTF-8. ``declared`` (a single-byte
    code page a header or ``<meta>`` named) is the prior instead of Windows-1252: it
    stands unless another reads the bytes as Spanish clearly better. ``sure`` is False
    when no reading looks like Spanish (the prior is then used)."""
    prior = declared if declared in _DECLARED_SINGLE else DEFAULT
    if prior == "latin-1":
        prior = DEFAULT
    pages = (prior, *(c for c in CANDIDATES if c != prior))
    places = _places(data)
    weighed = _scores(data, places, pages)
    count = len(places)
    best = max(pages, key=lambda codec: weighed[codec])
    if best != prior:
        lead = weighed[best] - weighed[prior]
        if lead >= _MARGIN and lead >= _SHARE * count and weighed[best] > 0:
            return best, True
    return prior, weighed[prior] > 0


# UTF-8 of a Latin letter or a typographic sign, read as Windows-1252 (or Latin-1) and
# written again as UTF-8: a lead byte C2, C3 or C5 and one continuation, or E2 80/82/84
# and two. The continuations as Windows-1252 shows them (0x80-0xBF)
_CONTINUATION = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"  # noqa: E501
_DOUBLE = re.compile(
    f"(?:[\u00c2\u00c3\u00c5][{_CONTINUATION}]|\u00e2[\u20ac\u201a\u201e\u0080\u0082\u0084][{_CONTINUATION}])+"
)
_LEADS = ("\u00c2", "\u00c3", "\u00c5", "\u00e2")


def _mojibake_bytes(run: str) -> bytes | None:
    out = bytearray()
    for char in run:
        point = ord(char)
        if point < 0x100:
            out.append(point)
        else:
            try:
                out += char.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _plausible(text: str) -> bool:
    """A Latin letter, a sign of Latin-1 or a typographic one: what the repair may give."""
    return all(
        0xA0 <= ord(c) <= 0x17F or 0x2010 <= ord(c) <= 0x203A or c in "\u20ac\u2122" for c in text
    )


def _undone(found: re.Match[str]) -> str:
    run = found.group()
    raw = _mojibake_bytes(run)
    if raw is None:
        return run
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return run
    return text if _plausible(text) else run


# «í» is C3 AD in UTF-8, and AD a soft hyphen in Windows-1252, which every reader drops:
# what is left is «Ã» alone inside a word («artÃculo», «SÃ!»), put back where the
# text had others put back
_LONE_I = re.compile(f"(?<=[^\\W\\d_])\u00c3(?![{_CONTINUATION}\\w])|(?<=[a-z])\u00c3(?=[a-z])")


def repair_double_utf8(text: str) -> str:
    """``text`` with UTF-8 read once too often put back («MÃ©xico» → «México»), up to
    three layers deep; unchanged when it holds none."""
    repaired_any = False
    for _ in range(3):
        if not any(lead in text for lead in _LEADS):
            break
        repaired = _DOUBLE.sub(_undone, text)
        if repaired == text:
            break
        text, repaired_any = repaired, True
    if repaired_any and "\u00c3" in text:
        text = _LONE_I.sub("í", text)
    return text


# What Windows-1252 makes of the bytes of a Spanish letter or sign in DOS 850 («¢» for
# «ó», «¤» for «ñ», «‚» for «é», «¨» for «¿», «\x81» for «ü») or Mac OS Roman («‡» for
# «á», «Ž» for «é», «œ» for «ú», «„» for «Ñ»): a text without any is not weighed (a
# text weighed costs some 10 ms a MB). Mac OS Roman's «í», «ó», «ñ» read as «’», «—»,
# «–», signs of their own: looked for between two letters
_TELLTALE = "¢£¤¥¨‡Žœ„‚\x81\x8d\x8f\x90\x9d"
_JOINED = re.compile("[^\\W\\d_][—–’][^\\W\\d_]")


def _telltale(text: str) -> bool:
    if any(char in text for char in _TELLTALE):
        return True
    return ("—" in text or "–" in text or "’" in text) and _JOINED.search(text) is not None


def _c1_as_bytes(error: UnicodeError) -> tuple[bytes, int]:
    """Encode the C1 controls Windows-1252 lacks (U+0081, U+008D, U+008F, U+0090,
    U+009D) as their own byte, as Latin-1 does; anything else is not encoded."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    if not all(0x80 <= ord(char) <= 0x9F for char in chunk):
        raise error
    return chunk.encode("latin-1"), error.end


codecs.register_error("estado_c1", _c1_as_bytes)


def reread_codepage(text: str) -> str:
    """``text`` read again in the code page it was written in, when it is a single-byte
    text read as Windows-1252 (or Latin-1) and stored so: a UTF-8 page of a site fed by a
    DOS system shows «Resoluci¢n». Only a text every character of which Windows-1252
    has (one with any other is Unicode as written), whose bytes another code page reads
    as Spanish clearly better (:func:`guess_codepage`); else unchanged."""
    if text.isascii() or not _telltale(text):
        return text
    try:  # (a byte Windows-1252 lacks was read as the C1 control of its number)
        raw = text.encode("cp1252", errors="estado_c1")
    except UnicodeEncodeError:
        return text
    used, sure = guess_codepage(raw)
    return raw.decode(used) if sure and used != DEFAULT else text
