"""How a document is seen by every store: its descriptive words and the hit it becomes.

Shared so that the embedded and the engine stores search the same words and answer
with the same hit for the same document.
"""

from __future__ import annotations

from typing import Any

from indexer.analysis import compatible_text, visible_text
from indexer.citations import extract_citations
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.stores.base import FILTER_FIELDS, HIT_FIELDS

AnyDocument = Sentencia | Sesion | Legislativo

# Descriptive fields searchable as words (after the institution), in this order.
META_FIELDS: tuple[str, ...] = (
    "court",
    "matter",
    "expediente",
    "expediente_normalised",
    "expediente_forms",
    "proceeding",
    "judgment_type",
    "ruling",
    "ponente",
    "secretario",
    "congress",
    "session_type",
    "doc_type",
    "number",
    "committee",
    "status",
    "authors",
    "agenda",
)


def metadata_text(doc: AnyDocument, values: dict[str, Any] | None = None) -> str:
    """Descriptive fields searchable as words: a court's or committee's name, a number.
    ``values``: ``doc.model_dump(mode="json")`` when the caller has it already."""
    values = values if values is not None else doc.model_dump(mode="json")
    parts = [doc.institution]
    get = values.get
    for name in META_FIELDS:
        value = get(name)
        if isinstance(value, list):
            parts.extend(map(str, value))
        elif value:
            parts.append(str(value))
    return "\n".join(parts)


def filter_values(
    doc: AnyDocument, values: dict[str, Any] | None = None, skip: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    """The keyword values a document is filtered and faceted by: ``year`` is the year of
    the act's date, and a document several sources published is found through each;
    the characters no one sees are dropped (``analysis.visible_text``) and the
    compatibility characters read plain (``analysis.compatible_text``).
    ``values``: ``doc.model_dump(mode="json")`` when the caller has it already; ``skip``:
    fields the caller fills itself."""
    values = values if values is not None else doc.model_dump(mode="json")
    out: dict[str, list[str]] = {}
    get = values.get
    for name in FILTER_FIELDS:
        if name not in _READ_APART:  # most fields: their value as dumped (one test each)
            value = get(name)
            if isinstance(value, str) and name not in skip:
                # as a question's value is read (``keyword_key``), its compatibility
                # characters plain: the engine's normalizer does not fold «𝐒𝐚𝐥𝐚»
                value = compatible_text(visible_text(value))
                if value.strip():
                    out[name] = [value]
            continue
        if name in skip:
            continue
        if name == "source_id":
            sources = doc.sources  # most documents have one source, the one it names
            found = [doc.source_id]
            if sources:
                found = list(dict.fromkeys([doc.source_id, *(s.source_id for s in sources)]))
        elif name == "year":
            found = [str(doc.date.year)] if doc.date else []
        elif name == "cita":
            found = citation_keys(doc)
        else:  # "redacted"
            found = redacted_values(doc)
        if found:
            out[name] = found
    return out


# the filter fields whose values are not their dumped value (``filter_values``)
_READ_APART = frozenset(("source_id", "year", "cita", "redacted"))


# whether a document is a public version that hides data (``redacted``), as people read it
REDACTED_YES, REDACTED_NO = "sí", "no"


def redacted_values(doc: AnyDocument) -> list[str]:
    """«sí» when the publisher redacted data in the document (a mark it left where data
    were: «XXXXX», «[ELIMINADO]»…, or a black box drawn over text still there), «no» when
    the personal-data guard read its text and found none; nothing when it is unknown: no
    privacy report (a document written before the guard, or straight to a store) or no
    text to read marks in (a scan not read yet)."""
    report = doc.privacy
    if report is None:
        return []
    if report.redactions > 0 or any(f.kind == "failed_redaction" for f in report.findings):
        return [REDACTED_YES]
    return [REDACTED_NO] if doc.text.strip() else []


def hit_payload(doc: AnyDocument, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """What a search hit carries for ``doc`` (the ``SearchHit`` fields but score/highlights)."""
    data = values if values is not None else doc.model_dump(mode="json")
    fields = {name: data.get(name) for name in HIT_FIELDS[doc.kind]}
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "date": data["date"],
        "url": doc.url,
        "institution": doc.institution,
        "jurisdiction": doc.jurisdiction,
        "fields": fields,
    }


def citation_keys(doc: AnyDocument) -> list[str]:
    """The keys of what ``doc`` cites: as the indexer read them, or read now (a store
    written to directly)."""
    keys = doc.citation_keys
    if keys is None:
        return list(dict.fromkeys(c.key for c in extract_citations(doc.text)))
    return list(keys)  # each once already (``with_citations``)
