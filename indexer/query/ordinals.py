"""Ordinal numbers written any of the ways Mexican rulings write them: «Juzgado 1o. de
Distrito», «Juzgado 1º de Distrito», «Juzgado 1° de Distrito», «Juzgado Primero de
Distrito», «1er. Tribunal», «Primer Circuito», «2a. Sala», «Segunda Sala», and past ten
«Décimo Primer Tribunal», «Decimoprimero», «Undécimo», «11o.», «Vigésimo Tercero». A
search that names one finds the others: ``indexer.query.spellings`` turns each word or
phrase holding an ordinal into the OR of its spellings, in the tree, so both stores
answer alike and the highlighter marks what matched. The index is untouched (no
re-index): the spellings are few, and only the searches that write an ordinal change.

Up to 99 (courts are numbered up to the thirties); a number with three digits or more
is no ordinal here. The degree sign (``1°``, ``1.°``) is read in a query, and written as
a spelling only inside a phrase of other words: alone it is the bare number, which the
stores read as ``1`` and would find in every text with a 1."""

from __future__ import annotations

import re

from indexer.query.written import Written

MAX_NUMBER = 99

# 1..9: masculine and feminine words, the masculine's shortened form before a noun
_UNITS = {
    1: ("primero", "primera", "primer"),
    2: ("segundo", "segunda", None),
    3: ("tercero", "tercera", "tercer"),
    4: ("cuarto", "cuarta", None),
    5: ("quinto", "quinta", None),
    6: ("sexto", "sexta", None),
    7: ("séptimo", "séptima", None),
    8: ("octavo", "octava", None),
    9: ("noveno", "novena", None),
}
_TENS = {
    10: ("décimo", "décima"),
    20: ("vigésimo", "vigésima"),
    30: ("trigésimo", "trigésima"),
    40: ("cuadragésimo", "cuadragésima"),
    50: ("quincuagésimo", "quincuagésima"),
    60: ("sexagésimo", "sexagésima"),
    70: ("septuagésimo", "septuagésima"),
    80: ("octogésimo", "octogésima"),
    90: ("nonagésimo", "nonagésima"),
}
# the older single words for 11 and 12
_SPECIAL = {11: ("undécimo", "undécima"), 12: ("duodécimo", "duodécima")}
# the letters written after the digits: 1ro., 2do., 3ro., 4to., 7mo., 8vo., 9no., 10mo.
_ENDINGS = {1: "r", 2: "d", 3: "r", 4: "t", 5: "t", 6: "t", 7: "m", 8: "v", 9: "n", 10: "m"}
_FOLD = str.maketrans("áéíóú", "aeiou")
_NUMERIC = re.compile(r"(?i)([1-9][0-9]?)\.?(o|º|°|a|ª|er|ro|ra|do|da|to|ta|mo|ma|vo|va|no|na)")
# a word, or digits with an ordinal sign glued after a period («1.º», «1.°»)
WORD = re.compile(r"[0-9]{1,2}\.?[º°ª](?![^\W_])|[^\W_]+")
# a text that may hold an ordinal: most words of most queries are looked at no further
# (searched in the lowered text: a pattern without IGNORECASE runs four times faster)
MAYBE = (
    "\\d|prim|segund|tercer|cuart|quint|sext|s[eé]\u0301?ptim|octav|noven|d[eé]\u0301?cim"
    "|g[eé]\u0301?sim"
)
_MAYBE = re.compile(MAYBE)


def may_name_ordinal(text: str) -> bool:
    """Whether a query's text may hold an ordinal: most do not, and keep their tree."""
    return _MAYBE.search(text.lower()) is not None


def _fused(tens: str, unit: str) -> str:
    """«decimoprimero», «vigesimotercera»: one word, the first part without its accent."""
    return tens.translate(_FOLD) + unit


def _spellings_of(number: int, feminine: bool, alone: bool = True) -> list[str]:
    """Every way to write ``number`` of that gender; with the degree sign when the
    spelling stands in a phrase of other words (``alone`` False)."""
    if number <= 10:
        words = _UNITS.get(number) or (*_TENS[10], None)
        masculine, female, short = words
        ending = _ENDINGS[number]
        if feminine:
            return [female, f"{number}a", f"{number}ª", f"{number}{ending}a"]
        found = [masculine, f"{number}o", f"{number}º", f"{number}{ending}o"]
        if short:
            found += [short, f"{number}er"]
        return found if alone else [*found, f"{number}°"]
    tens_m, tens_f = _TENS[number // 10 * 10]
    unit = number % 10
    found = []
    if unit == 0:
        found.append(tens_f if feminine else tens_m)
    elif feminine:
        female = _UNITS[unit][1]
        found += [f"{tens_f} {female}", _fused(tens_m, female)]
    else:
        masculine, _, short = _UNITS[unit]
        found += [f"{tens_m} {masculine}", _fused(tens_m, masculine)]
        if short:
            found += [f"{tens_m} {short}", _fused(tens_m, short)]
    if number in _SPECIAL:
        found.append(_SPECIAL[number][feminine])
    found += [f"{number}a", f"{number}ª"] if feminine else [f"{number}o", f"{number}º"]
    return found if alone or feminine else [*found, f"{number}°"]


def _word_ordinals() -> dict[str, tuple[int, bool]]:
    words: dict[str, tuple[int, bool]] = {}
    for number, (masculine, female, short) in _UNITS.items():
        for word in (masculine, female, short):
            if word:
                words[word.translate(_FOLD)] = (number, word == female)
    for tens, (masculine, female) in _TENS.items():
        words[masculine.translate(_FOLD)] = (tens, False)
        words[female.translate(_FOLD)] = (tens, True)
        for unit, (unit_m, unit_f, short) in _UNITS.items():
            for word in (unit_m, short):
                if word:
                    words[_fused(masculine, word).translate(_FOLD)] = (tens + unit, False)
            for head in (masculine, female):  # «decimoprimera» and «decimaprimera»
                words[_fused(head, unit_f).translate(_FOLD)] = (tens + unit, True)
    for number, (masculine, female) in _SPECIAL.items():
        words[masculine.translate(_FOLD)] = (number, False)
        words[female.translate(_FOLD)] = (number, True)
    return words


# each ordinal word, folded, to its number and gender: one lookup a word of every query
_WORD_ORDINALS = _word_ordinals()


def _read(word: str) -> tuple[int, bool] | None:
    """The number and gender of an ordinal word, or None."""
    if word[0].isdigit():
        numeric = _NUMERIC.fullmatch(word)
        if numeric is None:
            return None
        suffix = numeric.group(2).lower()
        return int(numeric.group(1)), suffix.endswith(("a", "ª"))
    return _WORD_ORDINALS.get(word.lower().translate(_FOLD))


def ordinals_in(text: str, alone: bool) -> list[Written]:
    """Each ordinal written in ``text`` with its other spellings, in text order; «décimo
    primero» (a tens word, a space, a unit word) is one ordinal."""
    words = list(WORD.finditer(text))
    found: list[Written] = []
    i = 0
    while i < len(words):
        match = words[i]
        read = _read(match.group())
        if read is None:
            i += 1
            continue
        start, end = match.span()
        number, feminine = read
        if number in _TENS and not match.group()[0].isdigit() and i + 1 < len(words):
            after = words[i + 1]
            unit = None if after.group()[0].isdigit() else _read(after.group())
            if unit is not None and unit[0] < 10 and text[end : after.start()].isspace():
                number, feminine, end = number + unit[0], unit[1], after.end()
                i += 1
        i += 1
        written = text[start:end]
        forms = tuple(
            f for f in _spellings_of(number, feminine, alone) if f.lower() != written.lower()
        )
        found.append(Written(start, end, forms))
    return found
