"""The explicit table schema of the open dataset: each kind's columns, their Arrow types
and what they hold, in Spanish. Parquet files are written with exactly these columns and
``catalog.json`` publishes them, so a consumer never has to guess a type from the data.

Scalars and lists of text are typed columns; nested records (files, sources, video
links, OCR pages, the privacy report, where each field was read) are one JSON text
column each: their shape is the API's, and a column per nested field would not survive
the model growing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa

Kind = Literal["sentencia", "sesion", "legislativo"]
Encoding = Literal["plain", "date", "timestamp", "json"]
TIMESTAMP = pa.timestamp("us", tz="UTC")
TEXT_LIST = pa.list_(pa.field("element", pa.string()))  # Parquet's own name for items


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    encoding: Encoding = "plain"

    def value(self, record: dict[str, Any]) -> Any:
        """This column's value from a document as the API writes it (JSON mode)."""
        raw = record.get(self.name)
        if self.encoding == "json":
            empty = raw is None or raw == [] or raw == {}
            return None if empty else json.dumps(raw, ensure_ascii=False, sort_keys=True)
        if raw is None:
            return None
        if self.encoding == "date":
            return dt.date.fromisoformat(raw)
        if self.encoding == "timestamp":
            moment = dt.datetime.fromisoformat(raw)
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return raw


def _text(name: str, description: str) -> Column:
    return Column(name, pa.string(), description)


CORE = (
    _text("id", "Identificador estable del documento en Estado Abierto."),
    _text("kind", "Tipo de documento: sentencia, sesion o legislativo."),
    _text("title", "Título del documento."),
    Column("date", pa.date32(), "Fecha del acto (resolución, sesión o publicación).", "date"),
    _text("institution", "Institución que lo publica."),
    _text("jurisdiction", "Entidad federativa (ISO 3166-2:MX) o MX para la Federación."),
    _text("source_id", "Fuente de la que se obtuvo primero."),
    _text("url", "Dirección de la publicación en su fuente."),
    Column("files", pa.string(), "JSON: archivos originales (url, sha256, tipo, tamaño).", "json"),
    Column("sources", pa.string(), "JSON: cada fuente que lo publicó y dónde.", "json"),
    _text("text", "Texto publicado (con los datos personales enmascarados)."),
    _text("signature_text", "Bloques de firmas separados del final del texto."),
    _text("content_sha256", "Huella SHA-256 del contenido; cambia cuando el documento cambia."),
    Column(
        "field_sources",
        pa.string(),
        "JSON: de dónde se leyó cada campo (listing, api, spec, file, title, heading, body o "
        "calendar).",
        "json",
    ),
    Column("fetched_at", TIMESTAMP, "Última vez que se obtuvo de su fuente (UTC).", "timestamp"),
    Column("updated_at", TIMESTAMP, "Última vez que cambió en la biblioteca (UTC).", "timestamp"),
    _text("text_source", "Origen del texto: text_layer, ocr o mixed."),
    Column("ocr_pages", pa.string(), "JSON: páginas leídas por OCR y su confianza.", "json"),
    Column("privacy", pa.string(), "JSON: hallazgos de datos personales (sin valores).", "json"),
)
KIND_COLUMNS: dict[str, tuple[Column, ...]] = {
    "sentencia": (
        _text("court", "Órgano que resolvió (tribunal, sala, juzgado)."),
        _text("expediente", "Número de expediente tal como se publicó."),
        _text("expediente_normalised", "Número de expediente normalizado."),
        Column("expediente_forms", TEXT_LIST, "Formas escritas del número de expediente."),
        _text("matter", "Materia (penal, civil, familiar, amparo…)."),
        Column("resolution_date", pa.date32(), "Fecha de la resolución.", "date"),
        _text("ponente", "Magistrado, magistrada o ministro ponente."),
        _text("proceeding", "Tipo de juicio o procedimiento."),
        _text("judgment_type", "Tipo de resolución (definitiva, interlocutoria…)."),
        _text("ruling", "Sentido del fallo, de la fuente o del primer resolutivo (confirmar…)."),
        _text("secretario", "Secretario o secretaria que proyectó la sentencia (su carátula)."),
        Column(
            "parties",
            TEXT_LIST,
            "Partes que nombra la carátula, «rol: nombre» (nunca un nombre testado).",
        ),
    ),
    "sesion": (
        _text("congress", "Congreso."),
        _text("legislature", "Legislatura (LXVI…)."),
        _text("chamber", "Cámara."),
        _text(
            "session_type", "Tipo de sesión (ordinaria, extraordinaria, solemne, junta_previa…)."
        ),
        _text("sitting", "Lo que distingue sesiones del mismo día (vespertina, segunda…)."),
        _text("session_number", "Número de la sesión, si se publicó."),
        Column("video_urls", pa.string(), "JSON: transmisiones en video de la sesión.", "json"),
        Column("agenda", TEXT_LIST, "Puntos del orden del día."),
        Column("stenographic_urls", TEXT_LIST, "Direcciones de la versión estenográfica."),
    ),
    "legislativo": (
        _text("doc_type", "Tipo de documento (iniciativa, dictamen, gaceta, acta…)."),
        _text("number", "Número del documento."),
        _text("legislature", "Legislatura."),
        Column("authors", TEXT_LIST, "Autores."),
        _text("committee", "Comisión."),
        _text("status", "Estado del trámite."),
    ),
}
# after each kind's own columns (the columns existing dumps had keep their places): the
# same page address and suggested citation the exports carry, written by the caller
LINKS = (
    _text("page_url", "Dirección de la página del documento en Estado Abierto."),
    _text(
        "citation",
        "Cita sugerida (institución, órgano, título, expediente, ponente, fecha, página "
        "y, como día de consulta, el día en que se guardó esta versión), la misma que "
        "muestra la página del documento.",
    ),
)
# a kind's fields added after the links: after them, so every column earlier dumps had
# keeps its place (a reader taking columns by position reads the same table)
LATER: dict[str, tuple[Column, ...]] = {
    "sentencia": (),
    "sesion": (
        _text(
            "period",
            "Periodo legislativo como lo dice el encabezado de su versión estenográfica "
            "(«Primer periodo ordinario, segundo año de ejercicio»); vacío si no lo dice. "
            "De dónde se leyó: field_sources.",
        ),
    ),
    "legislativo": (),
}
DELETION_COLUMNS = (
    _text("id", "Identificador del documento que ya no forma parte del conjunto."),
    _text("kind", "Su tipo, cuando se conoce."),
    _text(
        "reason",
        "retirado: el documento dejó de publicarse (se quita de la copia); el mismo valor "
        "sea cual sea el motivo.",
    ),
    Column("at", TIMESTAMP, "Cuándo se registró la baja (UTC).", "timestamp"),
)


def columns(kind: str) -> tuple[Column, ...]:
    return CORE + KIND_COLUMNS[kind] + LINKS + LATER[kind]


def arrow_schema(cols: tuple[Column, ...]) -> pa.Schema:
    return pa.schema(
        [pa.field(c.name, c.type, metadata={"description": c.description}) for c in cols]
    )


def describe(cols: tuple[Column, ...]) -> dict[str, Any]:
    """The schema as the catalog publishes it (Frictionless-like field list)."""
    return {
        "fields": [
            {"name": c.name, "type": str(c.type), "description": c.description} for c in cols
        ]
    }
