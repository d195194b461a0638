"""The fields a person may name, in ``q`` (``ponente:``) or as a filter (``?ponente=``).

One table for the parser, both stores and the API, so that a field is either known
everywhere or refused everywhere with the list of the valid ones.
"""

from __future__ import annotations

# Store field → how a value is compared: words of a text field, an exact keyword
# (case, accents, spaces and ``_`` do not matter), a case number read like the
# stored one (indexer/readers/expedientes.py), or a citation read like one in a text
# (indexer/citations: ``cita:"A.R. 1234/2023"`` is ``AR 1234/2023``).
FIELD_KINDS: dict[str, str] = {
    "title": "text",
    "text": "text",
    "kind": "keyword",
    "jurisdiction": "keyword",
    "institution": "keyword",
    "source_id": "keyword",
    "court": "keyword",
    "matter": "keyword",
    "ponente": "keyword",
    "ruling": "keyword",
    "redacted": "keyword",
    "expediente": "case",
    "session_type": "keyword",
    "period": "keyword",
    "congress": "keyword",
    "legislature": "keyword",
    "chamber": "keyword",
    "doc_type": "keyword",
    "year": "keyword",
    "cita": "citation",
}

# Names typed in ``q`` → store field: the English names of the API and the Spanish words.
QUERY_FIELDS: dict[str, str] = {
    **{name: name for name in FIELD_KINDS if name != "source_id"},
    "source": "source_id",
    "titulo": "title",
    "texto": "text",
    "tipo": "kind",
    "entidad": "jurisdiction",
    "institucion": "institution",
    "fuente": "source_id",
    "tribunal": "court",
    "organo": "court",
    "materia": "matter",
    "sentido": "ruling",
    "fallo": "ruling",
    "testada": "redacted",
    "testado": "redacted",
    "tipo_sesion": "session_type",
    "periodo": "period",
    "congreso": "congress",
    "legislatura": "legislature",
    "camara": "chamber",
    "tipo_documento": "doc_type",
    "año": "year",
    "anio": "year",
}

# Filter parameters of the API (``?ponente=``) → store field.
FILTER_PARAMS: dict[str, str] = {
    name: name for name, kind in FIELD_KINDS.items() if kind != "text" and name != "source_id"
} | {"source": "source_id"}


def query_field(typed: str) -> str | None:
    """The store field a name typed in ``q`` means (accents and case do not matter)."""
    folded = typed.lower().replace("í", "i").replace("ó", "o").replace("á", "a")
    return QUERY_FIELDS.get(folded) or QUERY_FIELDS.get(typed.lower())


def query_field_names() -> list[str]:
    """The names valid in ``q``, as listed in an error."""
    return sorted(QUERY_FIELDS)
