"""A document as the embedded index holds it, made in two steps: ``prepare`` (the costly
part, from the document alone: pair terms, descriptive words, filters, the hit's JSON),
which a worker process may do, and ``entry`` (what the database adds: the citation keys
and the count of citing documents), done where the index is written."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

import tantivy
from pydantic_core import to_json

from indexer.analysis import indexed_text, pair_texts
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
    """What ``prepare`` read from a document; picklable, to come back from a worker.
    The pair terms are None when left to a writer that makes them (``NativeWriter.makes_pairs``)."""

    title_pair: str | None
    text_pair: str | None
    meta: str
    meta_pair: str | None
    date: dt.datetime | None
    # (field, value, folded value), in ``FILTER_FIELDS`` order, the citation keys left out
    filters: tuple[tuple[str, str, str], ...]
    payload: bytes


def prepare(doc: AnyDocument, pairs: bool = True) -> Prepared:
    """``pairs``: make the pair terms (False: the native writer makes them itself, in its
    indexing threads, off the interpreter's)."""
    # once, without the text (dropped after: dumping with an exclusion costs twice as much)
    values = doc.model_dump(mode="json")
    del values["text"]
    meta = indexed_text(metadata_text(doc, values))
    date = None
    if doc.date is not None:
        day = indexable_day(doc.date)  # a date the index cannot hold must not keep it out
        date = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    filters = tuple(
        [
            (name, value, _keyword_key(value))
            for name, found in filter_values(doc, values, skip=(CITA,)).items()
            for value in found
        ]
    )
    # pydantic's serializer: the same JSON (read back by pydantic) at a twentieth of
    # ``json.dumps``' CPU; a value UTF-8 cannot hold (a lone surrogate) is refused alike
    payload = to_json(hit_payload(doc, values))
    title_pair = text_pair = meta_pair = None
    if pairs:
        title_pair, text_pair, meta_pair = pair_texts(
            [indexed_text(doc.title), indexed_text(doc.text), meta]
        )
    else:  # what making them would refuse (a lone surrogate) is refused here, as before
        for value in (doc.title, doc.text, meta):
            value.encode()
    return Prepared(title_pair, text_pair, meta, meta_pair, date, filters, payload)


def text_values(
    doc: AnyDocument, prepared: Prepared, keys: list[str], makes_pairs: bool = False
) -> list[tuple[str, str]]:
    """The text values of ``doc``'s index entry, as (field, value) pairs: a field's values
    in order (both writers, ``entry`` and ``NativeWriter``, are given these).
    ``makes_pairs``: for a writer that makes the pair terms itself, each pair field is
    given its field's own text (pair terms made already would be paired again)."""
    # the texts as indexed: without the characters no one sees, a gap after each
    # redaction holding no word (``indexed_text``)
    title, text = indexed_text(doc.title), indexed_text(doc.text)
    if makes_pairs:
        pairs: tuple[str | None, ...] = (title, text, prepared.meta)
    else:
        pairs = (prepared.title_pair, prepared.text_pair, prepared.meta_pair)
        if None in pairs:  # prepared for a writer that makes them
            pairs = tuple(pair_texts([title, text, prepared.meta]))
    title_pair, text_pair, meta_pair = (str(value) for value in pairs)
    return [
        ("id", doc.id),
        ("title", title),
        ("title_fold", title),
        ("title_pair", title_pair),
        ("text", text),
        ("text_fold", text),
        ("text_pair", text_pair),
        ("meta", prepared.meta),
        ("meta_pair", meta_pair),
        *filter_values_of(prepared, keys),
    ]


# each filter field with its key field's name, in ``FILTER_FIELDS`` order
_KEYED = tuple((name, key_field(name)) for name in FILTER_FIELDS)
_KEY_FIELD = dict(_KEYED)
_FACETABLE = frozenset(FACETABLE_FIELDS)
# the citation keys' field is the last filter field: its values come after the others'
_CITA_LAST = FILTER_FIELDS[-1] == CITA


def filter_values_of(prepared: Prepared, keys: list[str]) -> list[tuple[str, str]]:
    """The filter fields' text values of an entry, as (field, value) pairs after its
    full-text ones (``text_values``): each value and its folded key, a facet field
    without a value given ``NO_VALUE``. ``prepared.filters`` are in ``FILTER_FIELDS``
    order already (``prepare``), a field's values together: taken as they come, with
    no table of them by field made for each document."""
    if not _CITA_LAST:
        return _filter_values_by_field(prepared, keys)
    texts: list[tuple[str, str]] = []
    append = texts.append
    key_of = _KEY_FIELD
    for name, value, key in prepared.filters:
        append((name, value))
        append((key_of[name], key))
    if keys:
        cita = key_of[CITA]
        for key in dict.fromkeys(keys):
            append((CITA, key))
            append((cita, _keyword_key(key)))
    texts.extend(_without_value(tuple([name for name, _, _ in prepared.filters])))
    return texts


@functools.lru_cache(maxsize=1024)
def _without_value(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``NO_VALUE`` for each facet field not among ``names`` (the column stays dense:
    filters read ``key_``): documents of a kind have the same few sets of fields."""
    present = set(names)
    return tuple((name, NO_VALUE) for name in FACETABLE_FIELDS if name not in present)


def _filter_values_by_field(prepared: Prepared, keys: list[str]) -> list[tuple[str, str]]:
    """``filter_values_of`` for filter fields in any order (the citation keys' not last)."""
    texts: list[tuple[str, str]] = []
    by_field: dict[str, list[tuple[str, str]]] = {}
    for name, value, key in prepared.filters:
        by_field.setdefault(name, []).append((value, key))
    if keys:
        by_field[CITA] = [(key, _keyword_key(key)) for key in dict.fromkeys(keys)]
    append = texts.append
    for name, keyed in _KEYED:
        for value, key in by_field.get(name, ()):
            append((name, value))
            append((keyed, key))
    if len(by_field.keys() & _FACETABLE) < len(_FACETABLE):
        for name in FACETABLE_FIELDS:
            if not by_field.get(name):
                append((name, NO_VALUE))  # the column stays dense (filters read ``key_``)
    return texts


def entry(doc: AnyDocument, prepared: Prepared, keys: list[str], cited_by: int) -> tantivy.Document:
    """The index entry of ``doc`` from what was prepared, its citation keys and count."""
    document = tantivy.Document()
    for name, value in text_values(doc, prepared, keys):
        document.add_text(name, value)
    if prepared.date is not None:
        document.add_date("date", prepared.date)
    document.add_unsigned("cited_by", max(0, cited_by))
    document.add_bytes("payload", prepared.payload)
    return document


# what ``NativeWriter.add_document`` is given: ``entry``'s text values, its day (seconds
# since the epoch), its count of citing documents and its payload
NativeEntry = tuple[list[tuple[str, str]], int | None, int, bytes]
U64_MAX = (1 << 64) - 1


def native_entry(
    doc: AnyDocument, prepared: Prepared, keys: list[str], cited_by: int, makes_pairs: bool
) -> NativeEntry:
    """``entry``'s document for the native writer (``makes_pairs``: ``text_values``'s)."""
    date, count = _day_and_count(prepared, cited_by)
    return text_values(doc, prepared, keys, makes_pairs), date, count, prepared.payload


# a day's seconds, for a day in UTC (``prepare``'s): days repeat (a batch's documents
# are of a few days), and reading a date's fields costs µs; two such dates are equal
# only with the same fields, so one's seconds are the other's
@functools.lru_cache(maxsize=8192)
def _utc_seconds(date: dt.datetime) -> int:
    return calendar.timegm(date.timetuple())


def _day_and_count(prepared: Prepared, cited_by: int) -> tuple[int | None, int]:
    """The day as tantivy-py's ``add_date`` reads it (its fields, in UTC, to the second)
    and the count of citing documents, refused where tantivy-py's ``add_unsigned`` is."""
    day, date = prepared.date, None
    if day is not None:
        date = _utc_seconds(day) if day.tzinfo is dt.UTC else calendar.timegm(day.timetuple())
    count = max(0, cited_by)
    if count > U64_MAX:
        raise OverflowError("cited_by does not fit in 64 bits")
    return date, count


# what ``NativeWriter.replace_document`` is given: the document's id, title, text and
# descriptive words (each once: the writer gives each to every field that reads it, the
# pair fields included), its filter values (``filter_values_of``), day, count of citing
# documents and payload
Replacement = tuple[str, str, str, str, list[tuple[str, str]], int | None, int, bytes]


def replacement(
    doc: AnyDocument, prepared: Prepared, keys: list[str], cited_by: int
) -> Replacement:
    """``native_entry``'s document for a writer that makes the pair terms, in the shape
    ``replace_document`` takes: the same values, the long texts crossing over once."""
    date, count = _day_and_count(prepared, cited_by)
    return (
        doc.id,
        indexed_text(doc.title),
        indexed_text(doc.text),
        prepared.meta,
        filter_values_of(prepared, keys),
        date,
        count,
        prepared.payload,
    )


def to_tantivy(doc: AnyDocument) -> tantivy.Document:
    """A document as the index holds it (the store, and the alerts' batch index)."""
    return entry(doc, prepare(doc), citation_keys(doc), doc.cited_by_count)
