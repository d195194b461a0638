"""Structured identifiers: CURP, RFC, clave de elector, NSS, CLABE and card numbers,
each accepted only with a valid shape and, where it has one, a valid check digit (so
case numbers, registro digital numbers, amounts and dates are never taken for them)."""

from __future__ import annotations

import re

from .checksums import clabe_ok, curp_check_digit, luhn_ok, rfc_check_digit
from .findings import Span

_STATES = ("AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|"
           "TC|TS|TL|VZ|YN|ZS|NE")  # fmt: skip
_CURP = re.compile(
    rf"(?<![A-Z0-9Ñ])([A-Z][AEIOUX][A-Z]{{2}}\d{{6}}[HMX](?:{_STATES})[B-DF-HJ-NP-TV-Z]{{3}}"
    r"[0-9A-Z]\d)(?![A-Z0-9Ñ])"
)
_RFC = re.compile(
    r"(?<![A-Z0-9Ñ&])([A-ZÑ&]{3,4})[- ]?(\d{6})[- ]?([A-Z0-9]{2}[0-9A])(?![A-Z0-9Ñ&])"
)
_ELECTOR = re.compile(r"(?<![A-Z0-9])([A-Z]{6}\d{8}[HM]\d{3})(?![A-Z0-9])")
_DIGITS = r"(?<![\d.,/-])(%s)(?![\d]|[.,/-]\d)"
_NSS = re.compile(_DIGITS % r"\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{4}[ -]?\d")
_CLABE = re.compile(_DIGITS % r"\d{3}[ -]?\d{3}[ -]?\d{11}[ -]?\d")
_CARD = re.compile(
    _DIGITS % r"[3-6]\d{3}(?:[ -]?\d{4}){2}[ -]?\d{1,7}|3[47]\d{2}[ -]?\d{6}[ -]?\d{5}"
)


def _valid_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


def _only_digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def curps(text: str) -> list[Span]:
    return [
        Span(m.start(1), m.end(1), "curp")
        for m in _CURP.finditer(text)
        if _valid_date(m.group(1)[4:10]) and curp_check_digit(m.group(1)[:17]) == m.group(1)[17]
    ]


def rfcs(text: str) -> list[Span]:
    found = []
    for m in _RFC.finditer(text):
        letters, date, homoclave = m.groups()
        if not _valid_date(date):
            continue
        if rfc_check_digit(letters + date + homoclave[:2]) == homoclave[2]:
            found.append(Span(m.start(), m.end(), "rfc"))
    return found


def claves_de_elector(text: str) -> list[Span]:
    spans = []
    for m in _ELECTOR.finditer(text):
        value = m.group(1)
        if _valid_date(value[6:12]) and 1 <= int(value[12:14]) <= 32:
            spans.append(Span(m.start(1), m.end(1), "clave_elector"))
    return spans


def nss(text: str) -> list[Span]:
    """Número de seguridad social: 11 digits whose last is a Luhn check digit."""
    return [
        Span(m.start(1), m.end(1), "nss")
        for m in _NSS.finditer(text)
        if luhn_ok(_only_digits(m.group(1)))
    ]


def clabes(text: str) -> list[Span]:
    return [
        Span(m.start(1), m.end(1), "clabe")
        for m in _CLABE.finditer(text)
        if clabe_ok(_only_digits(m.group(1)))
    ]


def cards(text: str) -> list[Span]:
    spans = []
    for m in _CARD.finditer(text):
        digits = _only_digits(m.group(1))
        if 13 <= len(digits) <= 19 and len(digits) != 18 and luhn_ok(digits):
            spans.append(Span(m.start(1), m.end(1), "card"))
    return spans


_RUN = re.compile(r"(?<![\d.,/])(?<!\d[ -])\d(?:[ -]?\d){12,18}(?![\d]|[.,/ -]\d)")


def grouped(text: str) -> list[Span]:
    """CLABEs and card numbers written in any grouping ("0021 8000 0118 3597 19")."""
    spans = []
    for m in _RUN.finditer(text):
        digits = _only_digits(m.group())
        if len(digits) == 18 and clabe_ok(digits):
            spans.append(Span(m.start(), m.end(), "clabe"))
        elif len(digits) != 18 and digits[0] in "3456" and luhn_ok(digits):
            spans.append(Span(m.start(), m.end(), "card"))
    return spans


# what every match of a family contains: a text without it has none of that family
# (opening with one class, not a repeat of it, lets the engine skip to its next capital)
_LETTERS_AND_DATE = re.compile(r"[A-ZÑ&][A-ZÑ&]{2}[- ]?\d{6}")  # CURP, RFC, clave de elector
_ELEVEN_DIGITS = re.compile(r"\d(?:[ -]?\d){10}")  # NSS, CLABE, cards


def find(text: str) -> list[Span]:
    found: list[Span] = []
    if _LETTERS_AND_DATE.search(text):
        found += [*curps(text), *rfcs(text), *claves_de_elector(text)]
    if _ELEVEN_DIGITS.search(text):
        found += [*nss(text), *clabes(text), *cards(text), *grouped(text)]
    return found
