"""An export without words whose filters match few documents reads only those.

Without words an export reads the database in id order and checks every document against
the filters: right for the whole library or a filter most documents pass, but a filter
that matches a handful (or none: ``?matter=nada``) read every document of a 100k library,
texts included, to send a few rows: minutes of one core for one anonymous request that
the read limits charge as any other export. When the search store counts at most
``REACH`` matches, their ids are taken from it (its filters are the same, read from the
same values: ``api/export/matching.py``) and only those documents are read, in the same
id order, each still checked against the filters, so the rows and the parts are the same.

Reading those ids takes up to ``REACH / PAGE`` search pages, whatever the part sends (a
part past every match sends none): each page is charged to the caller as the search it
is (``charge``), and the ids are kept per commit of the index and query (``KEPT``
lists), so the parts of one export, or the same export asked again, read them once.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator

from api.deps import search_library
from api.export.matching import matches
from api.export.rows import published
from indexer.library import AnyDocument, Library
from indexer.stores import SearchQuery
from indexer.stores.base import MAX_OFFSET

REACH = MAX_OFFSET  # the store pages this deep: every match's id is within reach
PAGE = 100  # the most a search page holds
FETCH = 50  # documents read from the database at a time
KEPT = 16  # id lists kept per library (each at most REACH ids: well under a megabyte)

Charge = Callable[[int], None]
Kept = OrderedDict[tuple[int, str], list[str] | None]
_kept: weakref.WeakKeyDictionary[Library, Kept] = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def matching_ids(
    library: Library, query: SearchQuery, charge: Charge | None = None
) -> list[str] | None:
    """Every id the store finds for a search without words, in id order; None when the
    search has no filter or date (the whole library: read in order) or more than
    ``REACH`` matches (reading the database costs about what the rows do). Each search
    page read is a read ``charge``d; an answer kept for this commit costs none."""
    if not any(v.strip() for vs in query.filters.values() for v in vs) and not (
        query.date_from or query.date_to
    ):
        return None
    page = query.model_copy(
        update={"q": "", "limit": 1, "facets": [], "highlight": False, "cursor": None}
    )
    generation = getattr(library.store, "generation", None)
    if generation is None:  # an engine: no commit to key by
        return _read_ids(library, page, charge or (lambda _reads: None))
    key = (generation(), page.fingerprint())
    with _kept_lock:
        kept = _kept.setdefault(library, OrderedDict())
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    ids = _read_ids(library, page, charge or (lambda _reads: None))
    with _kept_lock:
        kept[key] = ids
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return ids


def _read_ids(library: Library, page: SearchQuery, charge: Charge) -> list[str] | None:
    if search_library(library, page).total > REACH:
        return None
    ids: list[str] = []
    page = page.model_copy(update={"limit": PAGE})
    while True:
        result = search_library(library, page)
        charge(1)
        ids += [hit.id for hit in result.hits]
        if result.next_cursor is None or len(ids) > REACH:
            break
        page = page.model_copy(update={"cursor": result.next_cursor})
    return sorted(set(ids)) if len(ids) <= REACH else None


def documents(
    library: Library, query: SearchQuery, ids: list[str], after: str, end: str | None
) -> Iterator[AnyDocument]:
    """The documents of ``ids`` after ``after`` up to ``end`` (inclusive) that match."""
    chosen = [i for i in ids if i > after and (end is None or i <= end)]
    for start in range(0, len(chosen), FETCH):
        batch = chosen[start : start + FETCH]
        found = library.db.get_documents(batch)
        for doc_id in batch:
            doc = found.get(doc_id)
            if doc is not None and published(doc) and matches(doc, query):
                yield doc
