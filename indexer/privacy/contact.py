"""Ways to reach a person: telephone numbers (Mexican formats), e-mail addresses and
street addresses (calle/avenida and number, colonia, código postal)."""

from __future__ import annotations

import re

from .findings import Span

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?<!\.)", re.UNICODE)
_SEP = r"[ .-]?"
# (55) 1234 5678 · 55-1234-5678 · 442 123 4567 · +52 1 55 1234 5678 · 01 800 123 4567
_PHONE_SHAPED = re.compile(
    r"(?<![\w/.,-])(?<!\d[ .-])((?:\+?52[ .-]?(?:1[ .-]?)?|01[ .-]?|04[45][ .-]?)?"
    r"(?:\(\d{2,3}\)[ .-]?|\d{2,3}[ .-])\d{3,4}[ .-]\d{4})(?![\w/]|[ .,-]\d)"
)
_PHONE_PLAIN = re.compile(r"(?<![\w/.,-])((?:\+?52)?\d{10})(?![\w/]|[.,-]\d)")
_PHONE_CONTEXT = re.compile(
    r"(tel[ée]fono|tel\.|celular|cel\.|m[óo]vil|whats ?app|contacto|llamad[ao]s?|"
    r"n[úu]mero telef[óo]nico|marcar? al)\W{0,4}(?:[^\W\d]+\W{1,3}){0,4}$",
    re.IGNORECASE,
)
_CAP = r"(?:[A-ZÁÉÍÓÚÑÜ]\.|[A-ZÁÉÍÓÚÑÜ0-9][\wÁÉÍÓÚÑÜáéíóúñü'-]*)"  # a word, or an initial
_JOIN = r"(?:de\s+(?:la\s+|los\s+|las\s+)?|del\s+|y\s+)"
_NAME = rf"{_JOIN}?{_CAP}(?:\s+{_JOIN}?{_CAP}){{0,5}}"
# (the spaces after the optional "número" are its own: ``\s*word?\s*`` split a run of
# spaces every way, quadratic)
_NUMBER = (
    r"(?:,?\s*(?:(?i:n[úu]mero|n[úu]m\.|no\.|n°|#)\s*)?\d{1,5}(?:\s*[A-Z]\b)?"
    r"(?:\s*(?:,\s*)?(?i:interior|int\.|departamento|depto\.)\s*[\w-]{1,6})?)"
)
_STREET = re.compile(
    r"\b(?i:calle|avenida|av\.|boulevard|blvd\.|bulevar|calzada|privada|prolongaci[óo]n|"
    rf"andador|circuito|callej[óo]n|cerrada|retorno)\s+{_NAME}{_NUMBER}"
)
_COLONIA = re.compile(
    rf"\b(?i:colonia|col\.|fraccionamiento|fracc\.|barrio|unidad habitacional)\s+{_NAME}"
)
_POSTAL = re.compile(r"\b(?:c\.\s?p\.|código postal|cp)\s*(\d{5})\b", re.IGNORECASE)


def emails(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]


def _ten_digits(value: str) -> bool:
    """A Mexican number has ten digits after its country (52), mobile (1) or long-distance
    (01) prefix."""
    digits = re.sub(r"\D", "", value)
    if value.lstrip().startswith("+") or (len(digits) > 10 and digits.startswith("52")):
        digits = digits[2:]
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
    elif len(digits) == 12 and digits.startswith("01"):
        digits = digits[2:]
    elif len(digits) == 13 and digits.startswith(("044", "045")):
        digits = digits[3:]
    return len(digits) == 10


def phones(text: str) -> list[Span]:
    spans = [
        Span(m.start(1), m.end(1), "phone")
        for m in _PHONE_SHAPED.finditer(text)
        if _ten_digits(m.group(1))
    ]
    for m in _PHONE_PLAIN.finditer(text):
        if _PHONE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            spans.append(Span(m.start(1), m.end(1), "phone"))
    return spans


def addresses(text: str) -> list[Span]:
    """A street with its number, a colonia, a postal code: contiguous parts become one."""
    parts = [Span(m.start(), m.end(), "address") for m in _STREET.finditer(text)]
    parts += [Span(m.start(), m.end(), "address") for m in _COLONIA.finditer(text)]
    parts += [Span(m.start(), m.end(), "address") for m in _POSTAL.finditer(text)]
    parts.sort()
    joined: list[Span] = []
    for part in parts:
        gap = text[joined[-1].end : part.start] if joined else None
        if gap is not None and len(gap) <= 3 and not gap.strip(" ,;"):
            joined[-1] = Span(joined[-1].start, max(part.end, joined[-1].end), "address")
        else:
            joined.append(part)
    return joined


# what every match contains: a text without it has none (street and colonia words are
# looked for in the lowercased text)
# (``\d\d{2}``, not ``\d{3}``: a pattern that opens with a single class lets the engine pass
# over the characters outside it at C speed; a repeat hides it)
_PHONE_DIGITS = re.compile(r"\d\d{2}[ .-]?\d{4}")
_STREET_WORDS = ("calle", "avenida", "av.", "boulevard", "blvd.", "bulevar", "calzada",
                 "privada", "prolongaci", "andador", "circuito", "cerrada", "retorno")  # fmt: skip
_COLONIA_WORDS = ("colonia", "col.", "fracc.", "fraccionamiento", "barrio", "unidad habitacional")
_POSTAL_WORDS = re.compile(r"c\.\s?p\.|código postal|cp")


def find(text: str, low: str | None = None) -> list[Span]:
    """``low`` (:func:`folding.lowered`) lets texts without an address word skip them."""
    found = emails(text) if "@" in text else []
    if _PHONE_DIGITS.search(text):
        found += phones(text)
    if low is None or (
        any(word in low for word in (*_STREET_WORDS, *_COLONIA_WORDS)) or _POSTAL_WORDS.search(low)
    ):
        found += addresses(text)
    return found
