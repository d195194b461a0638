"""Words of the documents as people read them in Spanish: kinds and dates (shared by the
pages, the API's citations and the alerts' e-mails)."""

from __future__ import annotations

import datetime as dt

KIND_LABELS = {
    "sentencia": "Sentencia",
    "sesion": "Sesión",
    "legislativo": "Documento legislativo",
}
# A search's filters named in Spanish, as an alert's e-mail says what it searches
FILTER_WORDS = {
    "kind": "tipo",
    "jurisdiction": "entidad",
    "institution": "institución",
    "source_id": "fuente",
    "court": "órgano",
    "matter": "materia",
    "expediente": "expediente",
    "session_type": "tipo de sesión",
    "period": "periodo",
    "congress": "congreso",
    "legislature": "legislatura",
    "chamber": "cámara",
    "doc_type": "tipo de documento",
    "ponente": "ponente",
    "ruling": "sentido del fallo",
    "redacted": "testada",
    "year": "año",
    "cita": "cita",
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


def thousands(number: int) -> str:
    """``1234`` → ``1.234``: the thousands separator the pages write, and the command line
    too (an operator reads «1.000.000 documentos», not «1000000 documentos»)."""
    return f"{number:,}".replace(",", ".")
