"""Whether a document answers a search without words: the same filters and dates the
stores apply, read from the same values they index (indexer/stores/documents.py), so an
export straight from the database finds what ``/v1/search`` finds."""

from __future__ import annotations

from indexer.analysis import stem_tokens
from indexer.library import AnyDocument
from indexer.query.names import NAME_FIELDS, holds
from indexer.query.values import case_phrases, keyword_key, keyword_values
from indexer.stores import SearchQuery
from indexer.stores.base import WORD_FILTERS, indexable_day
from indexer.stores.documents import filter_values, metadata_text


def _contains(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return n > 0 and any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def _case_matches(doc: AnyDocument, wanted: list[str]) -> bool:
    """A case number matches any written form the document keeps among its words."""
    words = stem_tokens(metadata_text(doc))
    return any(_contains(words, stem_tokens(form)) for v in wanted for form in case_phrases(v))


def matches(doc: AnyDocument, query: SearchQuery) -> bool:
    """Filters are ANDed, values of one filter ORed; a date range leaves undated out."""
    indexed = filter_values(doc)
    for name, values in query.filters.items():
        wanted = [v for v in values if v.strip()]
        if not wanted:
            continue
        if name in WORD_FILTERS:
            if not _case_matches(doc, wanted):
                return False
            continue
        if name in NAME_FIELDS:  # a ponente or a court: the stored value holds the words
            if not any(holds(v, w) for v in indexed.get(name, []) for w in wanted):
                return False
            continue
        have = {keyword_key(v) for v in indexed.get(name, [])}
        if not have & {key for v in wanted for key in keyword_values(name, v)}:
            return False
    if query.date_from or query.date_to:
        if doc.date is None:
            return False
        day = indexable_day(doc.date)
        if (query.date_from and day < query.date_from) or (query.date_to and day > query.date_to):
            return False
    return True
