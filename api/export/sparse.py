"""An export without words whose filters match few documents reads only those.

Without words an export reads the database in id order and checks every document against
the filters: right for the whole library or a filter most documents pass, but a filter
that matches a handful (or none: ``?matter=nada``) read every document of a 100k library,
texts included, to send a few rows: minutes of one core for one anonymous request that
the read limits charge as any other export. When the search store counts at most
``REACH`` matches, their ids are taken from it (its filters are the same, read from the
same values: ``api/export/matching.py``) and only those documents are read, in the same
id order, each still checked against the filters, so the rows and the parts are the same.

More matches than that are found a date window at a time (``windows``: each holds at
most ``REACH``), while they are at most ``SCAN_SHARE`` of the library: a filter most
documents pass is read by the scan, which costs about what its rows do anyway. Matches
without a date, or a day holding more than a window, are beyond the store's paging: the
scan reads those exports.

Reading those ids takes search pages (up to ``REACH / PAGE``, and the windows' counts),
whatever the part sends (a part past every match sends none): each is charged to the
caller as the search it is (``charge``), and the ids are kept per commit of the index and
query (``KEPT`` lists), so the parts of one export, or the same export asked again, read
them once.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator

from api.deps import search_library
from api.export.matching import matches, name_book_of
from api.export.rows import published
from api.export.windows import DAY, count
from indexer.library import AnyDocument, Library
from indexer.stores import SearchQuery
from indexer.stores.base import FIRST_DAY, LAST_DAY, MAX_OFFSET, Searching

REACH = MAX_OFFSET  # the store pages this deep: every match's id is within reach
PAGE = 100  # the most a search page holds
FETCH = 50  # documents read from the database at a time
# Past ``REACH``, matches found through the store while they are at most this share of
# the library (read as ids, a few hundred bytes each, then by id from the database)
SCAN_SHARE = 0.5
EVERY = {"filters": {}, "date_from": None, "date_to": None}
KEPT = 16  # id lists kept per library, each of at most REACH ids (about a megabyte)

Charge = Callable[[int], None]
Kept = OrderedDict[tuple[int, str], list[str] | None]
_kept: weakref.WeakKeyDictionary[Library, Kept] = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def matching_ids(
    library: Library, query: SearchQuery, charge: Charge | None = None
) -> list[str] | None:
    """Every id the store finds for a search without words, in id order; None when the
    search has no filter or date (the whole library: read in order), matches more than
    ``SCAN_SHARE`` of the library or has matches the store's paging cannot reach. Each
    search page read is a read ``charge``d; an answer kept for this commit costs none."""
    if not any(v.strip() for vs in query.filters.values() for v in vs) and not (
        query.date_from or query.date_to
    ):
        return None
    page = query.model_copy(
        update={"q": "", "limit": 1, "facets": [], "highlight": False, "cursor": None}
    )
    pay = charge or (lambda _reads: None)
    generation = getattr(library.store, "generation", None)
    if generation is None:  # an engine: no commit to key by
        return _read_ids(library, page, pay)
    key = (generation(), page.fingerprint())
    with _kept_lock:
        kept = _kept.setdefault(library, OrderedDict())
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    ids = _read_ids(library, page, pay)
    if ids is not None and len(ids) > REACH:
        return ids  # read a window at a time: too large to keep for the next part
    with _kept_lock:
        kept[key] = ids
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return ids


def _read_ids(library: Library, page: SearchQuery, charge: Charge) -> list[str] | None:
    index = library.snapshot()  # one commit counted and read
    total = search_library(index, page).total
    if total <= REACH:
        ids = _ids(index, page, charge)
        return sorted(set(ids)) if len(ids) <= REACH else None
    if total > SCAN_SHARE * search_library(index, page.model_copy(update=EVERY)).total:
        return None
    return _windowed_ids(index, page, total, charge)


def _ids(index: Searching, query: SearchQuery, charge: Charge) -> list[str]:
    """The ids of every page of ``query`` (at most ``REACH`` and a page more)."""
    ids: list[str] = []
    page = query.model_copy(update={"limit": PAGE, "cursor": None})
    while True:
        result = search_library(index, page)
        charge(1)
        ids += [hit.id for hit in result.hits]
        if result.next_cursor is None or len(ids) > REACH:
            return ids
        page = page.model_copy(update={"cursor": result.next_cursor})


def _windowed_ids(
    index: Searching, query: SearchQuery, total: int, charge: Charge
) -> list[str] | None:
    """The ids of ``total`` matches read a date window at a time (each of at most
    ``REACH``, halved until it is); None if some are undated or a day holds too many."""
    ids: set[str] = set()
    pending = [(query.date_from or FIRST_DAY, query.date_to or LAST_DAY)]
    while pending:
        first, last = pending.pop()
        found = count(index, query, first, last)
        charge(1)
        if found == 0:
            continue
        if found > REACH:
            if first == last:
                return None
            middle = first + (last - first) // 2
            pending += [(middle + DAY, last), (first, middle)]
            continue
        window = {"date_from": first, "date_to": last, "sort": "date_asc"}
        window_ids = _ids(index, query.model_copy(update=window), charge)
        if len(window_ids) > REACH:
            return None
        ids.update(window_ids)
    return sorted(ids) if len(ids) == total else None


def documents(
    library: Library,
    query: SearchQuery,
    ids: list[str],
    after: str,
    end: str | None,
    saved_upto: int | None = None,
) -> Iterator[AnyDocument]:
    """The documents of ``ids`` after ``after`` up to ``end`` (inclusive) that match,
    numbered up to ``saved_upto`` (``rows.from_database``)."""
    chosen = [i for i in ids if i > after and (end is None or i <= end)]
    book = name_book_of(library, query)
    for start in range(0, len(chosen), FETCH):
        batch = chosen[start : start + FETCH]
        found = library.db.get_documents(batch, saved_upto)
        for doc_id in batch:
            doc = found.get(doc_id)
            if doc is not None and published(doc) and matches(doc, query, book):
                yield doc
