"""A document as the embedded index holds it, made in two steps: ``prepare`` (the costly
part, from the document alone: pair terms, descriptive words, filters, the hit's JSON),
which a worker process may do, and ``entry`` (what the database adds: the citation keys
and the count of citing documents), done where the index is written."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass

import tantivy

from indexer.analysis import pair_texts
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.query.values import keyword_key
from indexer.stores.base import FACETABLE_FIELDS, FILTER_FIELDS, indexable_day
from indexer.stores.documents import citation_keys, filter_values, hit_payload, metadata_text

AnyDocument = Sentencia | Sesion | Legislativo
CITA = "cita"  # the filter whose values are the citation keys (``entry`` adds them)
# What a facet field holds for a document without a value of it: with one in every
# document the field's column is dense, and counting it is a direct read per document
# instead of a lookup in the column's index of present values (court, matter, session
# type… belong to one kind of document each: 2-10 times slower to count when sparse).
# Never shown: no real value is a control character (values are stripped words).
NO_VALUE = "\x1f"

# filter values repeat (courts, matters, institutions): fold each once
_keyword_key = functools.lru_cache(maxsize=8192)(keyword_key)


def key_field(name: str) -> str:
    """The field a filter is matched on (its values folded)."""
    return f"key_{name}"


@dataclass(frozen=True, slots=True)
class Prepared:
    """What ``prepare`` read from a document; picklable, to come back from a worker."""

    title_pair: str
    text_pair: str
    meta: str
    meta_pair: str
    date: dt.datetime | None
    # (field, value, folded value), in ``FILTER_FIELDS`` order, the citation keys left out
    filters: tuple[tuple[str, str, str], ...]
    payload: bytes


def prepare(doc: AnyDocument) -> Prepared:
    values = doc.model_dump(mode="json", exclude={"text"})  # once, without the text
    meta = metadata_text(doc, values)
    date = None
    if doc.date is not None:
        day = indexable_day(doc.date)  # a date the index cannot hold must not keep it out
        date = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    filters = tuple(
        (name, value, _keyword_key(value))
        for name, found in filter_values(doc, values, skip=(CITA,)).items()
        for value in found
    )
    payload = json.dumps(hit_payload(doc, values), ensure_ascii=False).encode()
    title_pair, text_pair, meta_pair = pair_texts([doc.title, doc.text, meta])
    return Prepared(title_pair, text_pair, meta, meta_pair, date, filters, payload)


def entry(doc: AnyDocument, prepared: Prepared, keys: list[str], cited_by: int) -> tantivy.Document:
    """The index entry of ``doc`` from what was prepared, its citation keys and count."""
    document = tantivy.Document()
    document.add_text("id", doc.id)
    document.add_text("title", doc.title)
    document.add_text("title_fold", doc.title)
    document.add_text("title_pair", prepared.title_pair)
    document.add_text("text", doc.text)
    document.add_text("text_fold", doc.text)
    document.add_text("text_pair", prepared.text_pair)
    document.add_text("meta", prepared.meta)
    document.add_text("meta_pair", prepared.meta_pair)
    if prepared.date is not None:
        document.add_date("date", prepared.date)
    document.add_unsigned("cited_by", max(0, cited_by))
    by_field: dict[str, list[tuple[str, str]]] = {}
    for name, value, key in prepared.filters:
        by_field.setdefault(name, []).append((value, key))
    by_field[CITA] = [(key, _keyword_key(key)) for key in dict.fromkeys(keys)]
    for name in FILTER_FIELDS:
        for value, key in by_field.get(name, ()):
            document.add_text(name, value)
            document.add_text(key_field(name), key)
    for name in FACETABLE_FIELDS:
        if not by_field.get(name):
            document.add_text(name, NO_VALUE)  # the column stays dense (filters read ``key_``)
    document.add_bytes("payload", prepared.payload)
    return document


def to_tantivy(doc: AnyDocument) -> tantivy.Document:
    """A document as the index holds it (the store, and the alerts' batch index)."""
    return entry(doc, prepare(doc), citation_keys(doc), doc.cited_by_count)
