"""The suggested citation of a document, one implementation for the page and the API:
as text (institution, court, kind, number, ponente, date in words, URL, date consulted)
and CSL-JSON, which reference managers (Zotero, Mendeley) import as is."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any
from zoneinfo import ZoneInfo

from indexer.library import AnyDocument
from indexer.spanish import KIND_LABELS, date_words

# CSL types: a sentence is a legal case, a session a hearing, a legislative record a bill.
CSL_TYPES = {"sentencia": "legal_case", "sesion": "hearing", "legislativo": "bill"}


def number(doc: AnyDocument) -> str | None:
    """The expediente of a sentence, the number of a legislative record."""
    return getattr(doc, "expediente", None) or getattr(doc, "number", None)


# a name has letters: a ponente masked or withheld at the source (``****``) is none
_LETTER = re.compile(r"[^\W\d_]")
# what ends a sentence already: no period is added after it
_ENDS = (".", "?", "!", "…")
# The day "consultado el" names is the reader's calendar day in Mexico, not UTC's: from
# 18:00 (Mexico City, UTC-6) on, UTC is already on the next day, and a citation made at
# 20:00 on 1 December would say it was consulted on the 2nd.
MEXICO_CITY = ZoneInfo("America/Mexico_City")


def consulted_day(when: dt.date | dt.datetime | None = None) -> dt.date:
    """The calendar day in Mexico City of the instant ``when`` (now unless given); a plain
    date is that day already. A naive datetime is read as UTC."""
    if when is None:
        when = dt.datetime.now(dt.UTC)
    if not isinstance(when, dt.datetime):
        return when
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(MEXICO_CITY).date()


def _mentions(title: str, written: str) -> bool:
    """Whether the title already carries the number ``written`` whole: «55/2023» is in
    «Amparo directo 55/2023» but not in «Amparo directo 155/2023» nor «55/20231», which
    name other expedientes (a citation that left it out would point at the wrong one)."""
    pattern = r"(?<![\w/-])" + re.escape(written) + r"(?![\w/-])"
    return re.search(pattern, title, re.IGNORECASE) is not None


def ponente(doc: AnyDocument) -> str | None:
    """The sentence's ponente as the source names it; None where it names nobody."""
    name = " ".join((getattr(doc, "ponente", None) or "").split())
    return name if _LETTER.search(name) else None


def act_date(doc: AnyDocument) -> dt.date | None:
    """The date a citation gives: the document's, else a sentence's resolution date."""
    return doc.date or getattr(doc, "resolution_date", None)


def _same_name(one: str, other: str) -> bool:
    """Whether two names differ only in case, accents, blanks or a final period (a court
    the source writes as «TRIBUNAL ELECTORAL» under the institution «Tribunal Electoral»)."""

    def key(name: str) -> str:
        bare = unicodedata.normalize("NFKD", name.casefold())
        bare = "".join(c for c in bare if not unicodedata.combining(c))
        return " ".join(bare.split()).rstrip(".")

    return key(one) == key(other)


def _sentences(parts: list[str]) -> str:
    """The parts joined as sentences: a part that already ends in a period (a title
    «Sentencia definitiva.», a ponente «Juan Pérez.») gets no second one."""
    flat = [" ".join(part.split()) for part in parts]  # a court written on two lines
    return " ".join(part if part.endswith(_ENDS) else f"{part}." for part in flat if part)


def citation_text(doc: AnyDocument, url: str | None, consulted: dt.date | dt.datetime) -> str:
    """``Institución. Órgano. Título. expediente 123/2023. Ponente: Nombre. 15 de marzo
    de 2023. Estado Abierto, URL (consultado el 1 de diciembre de 2026).``; without a
    URL (a dump written with no public address), ``Estado Abierto (consultado el …).``"""
    parts = [doc.institution]
    court = getattr(doc, "court", None)
    if court and not _same_name(court, doc.institution):
        parts.append(court)
    kind = KIND_LABELS[doc.kind]
    named = doc.title.lower().startswith(kind.lower())
    parts.append(doc.title if named else f"{kind}: {doc.title}")
    written = number(doc)
    if written and not _mentions(doc.title, written):
        label = "expediente" if doc.kind == "sentencia" else "número"
        parts.append(f"{label} {written}")
    named_ponente = ponente(doc)
    if named_ponente:
        parts.append(f"Ponente: {named_ponente}")
    day = act_date(doc)
    if day:
        parts.append(date_words(day, weekday=False))
    consulted_words = date_words(consulted_day(consulted), weekday=False)
    where = f"Estado Abierto, {url}" if url else "Estado Abierto"
    return _sentences(parts) + f" {where} (consultado el {consulted_words})."


def citation_csl(doc: AnyDocument, url: str, consulted: dt.date | dt.datetime) -> dict[str, Any]:
    """One CSL-JSON item."""
    consulted = consulted_day(consulted)
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
    named_ponente = ponente(doc)
    if named_ponente:  # CSL has no variable for it; a note is what managers keep as is
        item["note"] = f"Ponente: {named_ponente}"
    day = act_date(doc)
    if day:
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item


def citation(
    doc: AnyDocument, url: str, consulted: dt.date | dt.datetime | None = None
) -> dict[str, Any]:
    """Both forms; ``consulted`` is today in Mexico City unless given (a date, or an
    instant whose Mexico City day it is)."""
    day = consulted_day(consulted)
    return {"text": citation_text(doc, url, day), "csl": citation_csl(doc, url, day)}
