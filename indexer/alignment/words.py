"""Words as both a stenographer and a speech recogniser would agree on them.

Captions and stenographic versions differ in accents, case, punctuation and numbers
("25" against "veinticinco", "2.5" against "dos punto cinco"); comparing folded words
with numbers spelled out makes those differences vanish before alignment.
"""

from __future__ import annotations

import re
import unicodedata

_UNITS = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciseis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidos",
    "veintitres",
    "veinticuatro",
    "veinticinco",
    "veintiseis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_TENS = ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
_HUNDREDS = [
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
]
_TOKEN = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+|[^\W\d_]+")
_ONE = {"un": "uno", "una": "uno", "veintiun": "veintiuno"}  # "1 voto" is "un voto"


def fold(text: str) -> str:
    """Lowercase without accents (``ñ`` folds to ``n`` too: recognisers disagree on it)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def number_words(n: int) -> list[str]:
    """Spanish words of ``n`` as written out, after folding (``21`` → ``veintiuno``).
    Numbers of a million or more stay digits: nobody spells them in a session."""
    if n < 30:
        return [_UNITS[n]]
    if n < 100:
        tens, unit = divmod(n, 10)
        return [_TENS[tens - 3]] + (["y", _UNITS[unit]] if unit else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "cien" if n == 100 else _HUNDREDS[hundreds - 1]
        return [head] + (number_words(rest) if rest else [])
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = ["mil"] if thousands == 1 else [*number_words(thousands), "mil"]
        return head + (number_words(rest) if rest else [])
    return [str(n)]


def words(text: str) -> list[str]:
    """The folded words of ``text``, numbers spelled out."""
    out: list[str] = []
    for token in _TOKEN.findall(fold(text)):
        if token[0].isdigit():
            digits = re.sub(r"\D", "", token)
            out.extend(number_words(int(digits)) if len(digits) < 7 else [digits])
        else:
            out.append(_ONE.get(token, token))
    return out
