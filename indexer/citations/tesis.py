"""Tesis and jurisprudencia: by registro digital ("registro digital 2023456", "Registro:
160,123"), by clave ("1a./J. 12/2020 (10a.)", "P./J. 3/2019", "2a. CXII/2016",
"XXI.2o.P.A.30 P", "PC.I.A. J/123 A") and by rubro quoted in capitals after the words
that introduce one ("de rubro: “DERECHO HUMANO A LA IGUALDAD…”").
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from indexer.citations.model import Citation, citation
from indexer.spots import Spans, checked, matches_at, occurrences, space_before, word_before

_REGISTRO = re.compile(
    r"(?<![\w])(?:n[uú]mero\s+de\s+)?(?:registro(?:\s+digital)?|ius)"
    r"\s*(?:n[uú]m(?:ero)?\.?|no\.)?\s*[:.]?\s*"
    r"(?P<n>\d{3}[.,]\d{3}|\d[.,]\d{3}[.,]\d{3}|\d{6,7})(?![\d]|[.,]\d)",
    re.IGNORECASE,
)
# "registros digitales 2021571 y 2012852"
_REGISTROS = re.compile(
    r"(?<![\w])registros(?:\s+digitales)?\s*:?\s*(?P<list>\d{6,7}(?:\s*(?:,|y|e)\s*\d{6,7})+)"
    r"(?![\d])",
    re.IGNORECASE,
)
_EPOCH = r"(?:\s*\(\s*\d{1,2}\s*[aª]\.?\s*\))?"
# The Court (Pleno, Salas): P./J. 3/2019, 1a./J. 12/2020, P. VII/2016, 2a. CXII/2016.
_SCJN = re.compile(
    r"(?<![\w./])(?P<clave>(?:P|[12]\s?[aª])\.\s*(?:/\s*J\.\s*\d{1,4}\s*/\s*(?:(?:19|20)\d\d|\d\d)"
    r"|[IVXLC]{1,9}\s*/\s*(?:19|20)\d\d))" + _EPOCH + r"(?![\w/])"
)
# Circuit courts and plenos: XXI.2o.P.A.30 P, I.3o.C.96 C, VI.1o.A. J/12, PC.I.A. J/123 A.
_CIRCUIT = re.compile(
    r"(?<![\w./])(?P<clave>(?:\([IVX]{1,4}\s+Regi[óo]n\)\s*(?:[IVX]{1,5}\.)?\d{1,2}\s?[oº°]\."
    r"|[IVX]{1,5}\.\d{1,2}\s?[oº°]\."
    r"|P(?:C|R)\.(?:[IVX]{1,5}\.)?)"
    r"(?:[A-Z]{1,3}\.){0,3}\s?(?:J\s?/\s?\d{1,4}|\d{1,4})(?:\s(?:[A-Z]{1,2}|CS)(?![\w]))?)" + _EPOCH
)
# The electoral tribunal: "jurisprudencia 12/2010", "tesis XII/2019"; a space after the
# slash as a Word file may break it ("jurisprudencia 22/ 2019"): the key without it.
_ELECTORAL = re.compile(
    r"(?<![\w])(?:jurisprudencia\s+(?P<j>\d{1,3}/\s?(?:19|20)\d\d)"
    r"|tesis\s+(?P<t>[IVXLC]{1,9}/\s?(?:19|20)\d\d))(?![\w/])",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“«]([^\"“”«»]{12,600})[\"”»]")
_RUBRO_CUE = re.compile(
    r"(?:rubro|t[íi]tulo(?:\s+y\s+subt[íi]tulo)?|tesis|jurisprudencia|criterio|registro"
    r"|\(\d{1,2}a\.\)|\d{5,7}|J\.\s*\d{1,4}/\d{4}|[IVXLC]/\d{4})[^.;“\"«]{0,40}[:,]?\s*$",
    re.IGNORECASE,
)


# A tesis as the Semanario prints it: "Tesis: … Registro digital: … Época. “RUBRO”".
_HEADING = re.compile(r"(?:\btesis|registro\s+digital)\s*:", re.IGNORECASE)


# A case about a jurisprudencia, not one: "solicitud de sustitución de jurisprudencia 3/2019"
# names the SCJN's case 3/2019, not the jurisprudencia 3/2019 (folded words).
_CASE_ABOUT = frozenset(("modificacion", "sustitucion", "interrupcion"))
CASE_ABOUT_REACH = 40  # characters before the word looked at (the Rust reader the same)


def names_a_case(folded: str, at: int) -> bool:
    """Whether the word at ``at`` of ``folded`` follows "sustitución de" (the case type's
    name, without an article: "la sustitución de la jurisprudencia 12/2010" is about that
    jurisprudencia, and is read)."""
    words = folded[max(0, at - CASE_ABOUT_REACH) : at].split()
    return len(words) >= 2 and words[-1] == "de" and words[-2] in _CASE_ABOUT


def _clave_key(clave: str) -> str:
    """One spelling of a clave: no spaces, ª/º as a/o (``1a./J.12/2020``)."""
    return "tesis " + re.sub(r"\s+", "", clave).replace("ª", "a").replace("º", "o").replace(
        "°", "o"
    )


def _rubro_key(rubro: str) -> str:
    from indexer.citations.laws import fold

    return "rubro " + " ".join(fold(rubro).upper().split()).rstrip(". ,")


# the ASCII lowercase letters, deleted from a quote's ASCII bytes to count them in C
_ASCII_LOWER = string.ascii_lowercase.encode()


def _capitals(text: str) -> bool:
    """Whether ``text`` is a rubro's capitals: 12 letters or more, 90% of them upper
    case, three words or more."""
    # most quotes are prose: more ASCII lowercase letters than a tenth of the characters
    # (so of the letters) tell it at once, in C
    ascii_ = text.encode("ascii", "ignore")
    if (len(ascii_) - len(ascii_.translate(None, _ASCII_LOWER))) * 10 > len(text):
        return False
    letters = list(filter(str.isalpha, text))  # counted in C: a text quotes a lot
    upper = sum(map(str.isupper, letters))
    return len(letters) >= 12 and upper / len(letters) >= 0.9 and len(text.split()) >= 3


def find_tesis(original: str, folded: str) -> Iterator[Citation]:
    """Tesis citations in a text (``folded`` is ``fold(original)``)."""
    registros = occurrences(folded, "registro")
    starts = occurrences(folded, "numero", "ius") + registros
    for match in matches_at(_REGISTRO, original, starts):
        number = re.sub(r"[.,]", "", match["n"])
        if not 6 <= len(number) <= 7:
            continue
        yield _found(original, f"registro {int(number)}", match.start(), match.end())
    lists = [at for at in registros if folded.startswith("s", at + 8)]
    for match in matches_at(_REGISTROS, original, lists):
        for number in re.finditer(r"\d{6,7}", match["list"]):
            start = match.start("list") + number.start()
            yield _found(original, f"registro {int(number.group())}", start, start + 7)
    taken: list[tuple[int, int]] = []
    slashes = occurrences(folded, "/")
    for pattern, starts in ((_SCJN, _scjn_starts(original, slashes)),
                            (_CIRCUIT, _circuit_starts(original))):  # fmt: skip
        # a match never starts inside one of its own pattern (``matches_at`` goes past it)
        read = Spans(taken)
        for match in matches_at(pattern, original, starts):
            if match.start() in read:
                continue
            taken.append(match.span())
            yield _found(original, _clave_key(match["clave"]), match.start(), match.end())
    starts = [
        at
        for at in checked(occurrences(folded, "jurisprudencia", "tesis"))
        if not names_a_case(folded, at)
    ]
    for match in matches_at(_ELECTORAL, original, starts):
        key = f"jurisprudencia {match['j']}" if match["j"] else f"tesis {match['t'].upper()}"
        yield _found(original, electoral_key(key), match.start(), match.end())
    yield from find_rubros(original)


def find_rubros(original: str) -> Iterator[Citation]:
    """The rubros quoted in capitals after the words that introduce one (read in Python
    also where the Rust reader reads the rest)."""
    for match in matches_at(_QUOTED, original, occurrences(original, '"', "“", "«")):
        rubro = match.group(1)
        if not _capitals(rubro):
            continue
        cue = _RUBRO_CUE.search(original, max(0, match.start() - 120), match.start())
        heading = _HEADING.search(original, max(0, match.start() - 250), match.start())
        if cue is None and heading is None:
            continue
        yield _found(original, _rubro_key(rubro), match.start(1), match.end(1))


_ROMAN = frozenset("IVXLC")


def _roman_before(original: str, end: int, longest: int) -> int:
    """Where the run of roman numerals (at most ``longest``) ending at ``end`` starts."""
    start = end
    while start > 0 and end - start < longest and original[start - 1] in _ROMAN:
        start -= 1
    return start


def _scjn_starts(original: str, slashes: list[int]) -> Iterator[int]:
    """Where a clave of the Court ("1a./J. 12/2020", "2a. CXII/2016") can start: its
    first ``/`` follows "P." or "1a." (and perhaps a roman number)."""
    for slash in checked(slashes):
        end = space_before(original, slash)
        roman = _roman_before(original, end, 9)
        dots = {end, space_before(original, roman)} if roman < end else {end}
        for dot in dots:
            if dot < 2 or original[dot - 1] != ".":
                continue
            if original[dot - 2] == "P":
                yield dot - 2
            elif original[dot - 2] in "aª":
                for digit in (dot - 3, dot - 4):
                    if digit >= 0 and original[digit] in "12":
                        yield digit


# "PC.", "PR.", "o.", "º." and "°." all end with a period: the pattern engine finds the
# periods at its speed and looks behind each (five substring searches cost 2-7 times as
# much: "o" is everywhere, and a search for "o." stops at each one)
_MARKED_PERIOD = re.compile(r"\.(?:(?<=P[CR]\.)|(?<=[oº°]\.))")


def _circuit_starts(original: str) -> Iterator[int]:
    """Where a circuit court's clave can start: "PC." or "PR.", the "(" of "(I Región)",
    or the roman number before "2o." ("XXI.2o.P.A.30 P")."""
    marks: list[int] = []  # where "o.", "º." or "°." starts
    for period in checked(_MARKED_PERIOD.finditer(original)):
        if original[period.start() - 1] in "oº°":
            marks.append(period.start() - 1)
        else:
            yield period.start() - 2  # "PC." or "PR."
    for region in checked(occurrences(original, "Regi")):
        roman = space_before(original, region)
        first = _roman_before(original, roman, 4)
        if first < roman and first > 0 and original[first - 1] == "(":
            yield first - 1
    for mark in checked(marks):
        digits = mark - 1 if mark and original[mark - 1].isspace() else mark  # "2 o."
        number = word_before(original, digits, 2)
        if not number or original[number - 1] != ".":
            continue
        first = _roman_before(original, number - 1, 5)
        if first < number - 1:
            yield first


def electoral_key(key: str) -> str:
    """An electoral tesis' key without the space a text may write after its slash
    ("jurisprudencia 22/ 2019" is "jurisprudencia 22/2019"); other keys as they are."""
    kind, _, number = key.partition(" ")
    if kind not in ("jurisprudencia", "tesis") or " " not in number:
        return key
    return f"{kind} {''.join(number.split())}"


def _found(original: str, key: str, start: int, end: int) -> Citation:
    return citation("tesis", key, " ".join(original[start:end].split()), start, end)
