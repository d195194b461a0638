"""The suggested citation of a document, one implementation for the page and the API:
as text (institution, kind, number, date in words, URL, date consulted) and CSL-JSON,
which reference managers (Zotero, Mendeley) import as is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from indexer.library import AnyDocument
from indexer.spanish import KIND_LABELS, date_words

# CSL types: a sentence is a legal case, a session a hearing, a legislative record a bill.
CSL_TYPES = {"sentencia": "legal_case", "sesion": "hearing", "legislativo": "bill"}


def number(doc: AnyDocument) -> str | None:
    """The expediente of a sentence, the number of a legislative record."""
    return getattr(doc, "expediente", None) or getattr(doc, "number", None)


def citation_text(doc: AnyDocument, url: str, consulted: dt.date) -> str:
    """``Institución. Órgano. Título. expediente 123/2023. 15 de marzo de 2023. Estado
    Abierto, URL (consultado el 1 de diciembre de 2026).``"""
    parts = [doc.institution]
    court = getattr(doc, "court", None)
    if court and court != doc.institution:
        parts.append(court)
    kind = KIND_LABELS[doc.kind]
    named = doc.title.lower().startswith(kind.lower())
    parts.append(doc.title if named else f"{kind}: {doc.title}")
    written = number(doc)
    if written and written not in doc.title:
        label = "expediente" if doc.kind == "sentencia" else "número"
        parts.append(f"{label} {written}")
    if doc.date:
        parts.append(date_words(doc.date, weekday=False))
    consulted_words = date_words(consulted, weekday=False)
    return ". ".join(parts) + f". Estado Abierto, {url} (consultado el {consulted_words})."


def citation_csl(doc: AnyDocument, url: str, consulted: dt.date) -> dict[str, Any]:
    """One CSL-JSON item."""
    item: dict[str, Any] = {
        "id": doc.id,
        "type": CSL_TYPES[doc.kind],
        "title": doc.title,
        "authority": getattr(doc, "court", None) or doc.institution,
        "publisher": doc.institution,
        "genre": KIND_LABELS[doc.kind],
        "URL": url,
        "accessed": {"date-parts": [[consulted.year, consulted.month, consulted.day]]},
        "container-title": "Estado Abierto",
    }
    written = number(doc)
    if written:
        item["number"] = written
    if doc.date:
        item["issued"] = {"date-parts": [[doc.date.year, doc.date.month, doc.date.day]]}
    return item


def citation(doc: AnyDocument, url: str, consulted: dt.date | None = None) -> dict[str, Any]:
    """Both forms; ``consulted`` is today (UTC) unless given."""
    day = consulted or dt.datetime.now(dt.UTC).date()
    return {"text": citation_text(doc, url, day), "csl": citation_csl(doc, url, day)}
