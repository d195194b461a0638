"""Spanish (Mexico) formatting helpers: dates, spelled-out numbers, slugs."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")

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
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_TENS = {
    3: "treinta",
    4: "cuarenta",
    5: "cincuenta",
    6: "sesenta",
    7: "setenta",
    8: "ochenta",
    9: "noventa",
}
ORDINALS = (
    [
        "PRIMERO",
        "SEGUNDO",
        "TERCERO",
        "CUARTO",
        "QUINTO",
        "SEXTO",
        "SÉPTIMO",
        "OCTAVO",
        "NOVENO",
        "DÉCIMO",
    ]
    + [
        f"DÉCIMO {w}"
        for w in [
            "PRIMERO",
            "SEGUNDO",
            "TERCERO",
            "CUARTO",
            "QUINTO",
            "SEXTO",
            "SÉPTIMO",
            "OCTAVO",
            "NOVENO",
        ]
    ]
    + ["VIGÉSIMO"]
    + [
        f"VIGÉSIMO {w}"
        for w in [
            "PRIMERO",
            "SEGUNDO",
            "TERCERO",
            "CUARTO",
            "QUINTO",
            "SEXTO",
            "SÉPTIMO",
            "OCTAVO",
            "NOVENO",
        ]
    ]
)


def words(n: int) -> str:
    """Spell out 0 <= n < 100 in Spanish."""
    if n < 30:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f" y {_UNITS[unit]}" if unit else "")


def year_words(year: int) -> str:
    """Spell out a year of the 2000s: 2022 -> 'dos mil veintidós'."""
    rest = year - 2000
    return "dos mil" + (f" {words(rest)}" if rest else "")


def long_date(d: dt.date) -> str:
    """'martes 18 de febrero de 2025'."""
    return f"{WEEKDAYS[d.weekday()]} {d.day} de {MONTHS[d.month - 1]} de {d.year}"


def text_date(d: dt.date) -> str:
    """'18 de febrero de 2025'."""
    return f"{d.day} de {MONTHS[d.month - 1]} de {d.year}"


def spelled_date(d: dt.date) -> str:
    """'siete de marzo de dos mil veintidós' (day 1 is 'primero')."""
    day = "primero" if d.day == 1 else words(d.day)
    return f"{day} de {MONTHS[d.month - 1]} de {year_words(d.year)}"


def slash_date(d: dt.date) -> str:
    """'07/03/2022'."""
    return d.strftime("%d/%m/%Y")


def slugify(text: str) -> str:
    """ASCII, lowercase, dash-separated slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def money(amount: int) -> str:
    """'$125,400.00 M.N.'."""
    return f"${amount:,.2f} M.N."
