"""Whether a document answers a search without words: the same filters and dates the
stores apply, read from the same values they index (indexer/stores/documents.py), so an
export straight from the database finds what ``/v1/search`` finds."""

from __future__ import annotations

from indexer.analysis import stem_tokens
from indexer.library import AnyDocument, Library
from indexer.query.names import NAME_FIELDS, NameBook, asks_names, holds
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


def name_book_of(library: Library, query: SearchQuery) -> NameBook | None:
    """The store's book of ponentes and courts when ``query`` filters by one: what the
    search compares a typed name with (a whole common value, «Sala», only itself), so
    the export finds the same documents. None: a store that keeps none (names then
    matched by their words)."""
    read = getattr(library.store, "name_book", None)
    if read is None or not asks_names(query.filters, query.q):
        return None
    book: NameBook | None = read(query)
    return book


def _names_match(name: str, stored: list[str], wanted: list[str], book: NameBook | None) -> bool:
    """Whether a stored ponente or court is one the typed ``wanted`` names stand for."""
    if book is None:
        return any(holds(v, w) for v in stored for w in wanted)
    group = {key for w in wanted for key in book.group(name, w)}
    # the typed value itself is the group's first key: a value the book never read
    # (past its first ``VALUES_READ``) matches whole, as the search's filter does
    return any(keyword_key(v) in group for v in stored)


def matches(doc: AnyDocument, query: SearchQuery, book: NameBook | None = None) -> bool:
    """Filters are ANDed, values of one filter ORed; a date range leaves undated out.
    ``book``: ``name_book_of`` the library, for a ponente or a court."""
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
            if not _names_match(name, indexed.get(name, []), wanted, book):
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
