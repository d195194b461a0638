"""Words of the documents as people read them in Spanish: kinds and dates (shared by the
pages, the API's citations and the alerts' e-mails)."""

from __future__ import annotations

import datetime as dt

KIND_LABELS = {
    "sentencia": "Sentencia",
    "sesion": "Sesión",
    "legislativo": "Documento legislativo",
}
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS = (
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
)


def date_words(day: dt.date | None, weekday: bool = True) -> str:
    """``jueves 20 de febrero de 2025``."""
    if day is None:
        return ""
    text = f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text
