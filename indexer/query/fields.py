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


# The one Spanish name a person is offered for each field (the English names and the
# other spellings, ``anio``, ``organo``, ``testado``, keep working); written with its
# accents, which ``query_field`` folds.
SPANISH_NAMES: dict[str, str] = {
    "title": "título",
    "text": "texto",
    "kind": "tipo",
    "court": "tribunal",
    "matter": "materia",
    "ponente": "ponente",
    "ruling": "sentido",
    "expediente": "expediente",
    "cita": "cita",
    "year": "año",
    "jurisdiction": "entidad",
    "institution": "institución",
    "source_id": "fuente",
    "congress": "congreso",
    "legislature": "legislatura",
    "chamber": "cámara",
    "period": "periodo",
    "session_type": "tipo_sesion",
    "doc_type": "tipo_documento",
    "redacted": "testada",
}


def spanish_field_names() -> str:
    """The fields of ``q`` as a person reads them in an error: «título, texto, … o testada»."""
    names = list(SPANISH_NAMES.values())
    return f"{', '.join(names[:-1])} o {names[-1]}"
