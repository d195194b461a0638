"""What every page shares: the template environment, labels people read, Spanish dates and
numbers, and the response headers (a strict Content-Security-Policy: no outside requests)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from api.routers.pages.assets import asset_url
from api.web_links import safe_href
from config.jurisdictions import JURISDICTIONS
from indexer.readers.sessions import PERMANENT_BODIES
from indexer.spanish import KIND_LABELS as KIND_LABELS
from indexer.spanish import MONTHS as MONTHS
from indexer.spanish import WEEKDAYS as WEEKDAYS
from indexer.spanish import date_words as date_words

FIELD_LABELS = {
    "kind": "Tipo",
    "jurisdiction": "Entidad",
    "institution": "Institución",
    "source_id": "Fuente",
    "court": "Órgano",
    "matter": "Materia",
    "session_type": "Tipo de sesión",
    "sitting": "Turno",
    "session_number": "Número de sesión",
    "period": "Periodo",
    "congress": "Congreso",
    "legislature": "Legislatura",
    "chamber": "Cámara",
    "doc_type": "Tipo de documento",
    "expediente": "Expediente",
    "expediente_normalised": "Expediente (normalizado)",
    "resolution_date": "Fecha de resolución",
    "proceeding": "Juicio o procedimiento",
    "judgment_type": "Tipo de resolución",
    "ruling": "Sentido del fallo",
    "redacted": "Versión testada",
    "ponente": "Ponente",
    "secretario": "Secretario(a)",
    "parties": "Partes (según el encabezado)",
    "number": "Número",
    "committee": "Comisión",
    "status": "Estado",
    "authors": "Autores",
    "year": "Año",
    "source": "Fuente",
}
# Controlled values are stored without accents or spaces; people read them with both.
VALUE_LABELS = {
    "comision": "comisión",
    "junta_previa": "junta previa",
    "congreso_general": "Congreso General",
    "punto_de_acuerdo": "punto de acuerdo",
    "votacion": "votación",
    "diario_de_debates": "diario de debates",
    "version_estenografica": "versión estenográfica",
    "orden_del_dia": "orden del día",
    "unicameral": "unicameral",
    "diputados": "Cámara de Diputados",
    "senado": "Senado",
}
SESSION_KINDS = {
    "ordinaria": "Sesión ordinaria",
    "extraordinaria": "Sesión extraordinaria",
    "solemne": "Sesión solemne",
    "comision": "Reunión de comisión",
    "permanente": "Sesión de la Diputación Permanente",
    "junta_previa": "Junta previa",
    "congreso_general": "Sesión de Congreso General",
}


def session_kind(value: str | None, chamber: str | None = None) -> str:
    """How a page names a session's type; a recess session by the body that held it (the
    Comisión Permanente of the federal congress, a state's Diputación Permanente)."""
    if value == "permanente" and chamber in PERMANENT_BODIES:
        return f"Sesión de la {chamber}"
    return SESSION_KINDS.get(value or "", "Sesión")


# How a page names a video's platform (the API's value is the key: ``canal_del_congreso``);
# a platform a source names itself ("TransmiteMX") is shown as it is written.
PLATFORM_NAMES = {
    "youtube": "YouTube", "facebook": "Facebook", "vimeo": "Vimeo", "twitch": "Twitch",
    "x": "X", "dailymotion": "Dailymotion", "canal_del_congreso": "Canal del Congreso",
    "senado": "Senado de la República",
}  # fmt: skip


def platform_name(value: str | None) -> str:
    return PLATFORM_NAMES.get(value or "", value or "")


CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "frame-src https://www.youtube-nocookie.com; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def whole_number(text: str, most_digits: int) -> int | None:
    """A number an address asks for, in ASCII digits only: "²" and "①" are digits to
    ``isdigit`` and no number to ``int``."""
    if text.isascii() and text.isdigit() and len(text) <= most_digits:
        return int(text)
    return None


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def value_label(field: str, value: str) -> str:
    """A stored value as people read it, capitalised (``penal`` → ``Penal``)."""
    if field == "kind":
        return KIND_LABELS.get(value, value)
    if field == "jurisdiction":
        return JURISDICTIONS.get(value.upper(), value)
    return capitalised(VALUE_LABELS.get(value, value))


def month_words(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} de {year}"


def thousands(number: int) -> str:
    """``1234`` → ``1.234`` (the Spanish thousands separator)."""
    return f"{number:,}".replace(",", ".")


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def file_kind(content_type: str | None, url: str) -> str:
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/pdf" or url.lower().endswith(".pdf"):
        return "PDF"
    if kind in ("text/html", "application/xhtml+xml"):
        return "página HTML"
    if "word" in kind or url.lower().endswith((".doc", ".docx")):
        return "documento de Word"
    return "archivo"


def datetime_words(moment: dt.datetime | None) -> str:
    if moment is None:
        return "nunca"
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return f"{date_words(moment.date(), weekday=False)}, {moment:%H:%M} UTC"


_PARSER_MESSAGES = (
    (re.compile(r"unclosed quote"), "falta cerrar las comillas de una frase"),
    (re.compile(r"unclosed parenthesis"), "falta cerrar un paréntesis"),
    (re.compile(r"unmatched closing parenthesis"), "sobra un paréntesis de cierre"),
    (re.compile(r"empty parentheses"), "hay paréntesis vacíos o uno de cierre de más"),
    (re.compile(r"^(\S+) needs a word before it"), r"falta una palabra antes de \1"),
    (re.compile(r"^(\S+) needs a word after it"), r"falta una palabra después de \1"),
    (re.compile(r"nested too deeply"), "hay demasiados paréntesis u operadores anidados"),
    (re.compile(r"too many|too long"), "la búsqueda es demasiado larga"),
)


def parser_message(message: str, position: int | None, mensaje: str | None = None) -> str:
    """The query parser's own Spanish message (``mensaje``: what is wrong and what to
    write, as the API says it), or, without one, its English message said in Spanish."""
    spanish = mensaje or "la búsqueda tiene un error de escritura"
    for pattern, replacement in () if mensaje else _PARSER_MESSAGES:
        match = pattern.search(message)
        if match:
            spanish = match.expand(replacement)
            break
    where = f" (cerca del carácter {position + 1})" if position is not None else ""
    return f"No entendimos la búsqueda: {spanish}{where}. Vea la ayuda de sintaxis."


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parents[2] / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(
    href=safe_href,
    fecha=date_words,
    miles=thousands,
    tamano=file_size,
    mayuscula=capitalised,
    momento=datetime_words,
)
_env.globals.update(
    label=lambda f: FIELD_LABELS.get(f, f),
    value_label=value_label,
    kind_labels=KIND_LABELS,
    asset=asset_url,
    session_kind=session_kind,
    platform_name=platform_name,
)
templates = Jinja2Templates(env=_env)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Any:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response
