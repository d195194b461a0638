"""Which documents an export holds, in which order, and the columns it may have.

Without words the database is read in id order in batches and each document is checked
against the filters (constant memory at any size); each answer covers at most
``PART_DOCUMENTS`` documents of the library and names the next part in a ``Link``
header. With words the search store finds the documents, a date window at a time
(api/export/windows.py): its pages are read in turn and the documents fetched from the
database by id.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from api.citation import citation_text, consulted_day
from api.deps import search_library
from api.export.matching import matches, name_book_of
from api.index_lag import lagging, stored_matching
from indexer.library import AnyDocument, Library
from indexer.query.parser import QueryTooCostly
from indexer.stores import SearchQuery
from indexer.stores.base import Searching

log = logging.getLogger(__name__)

PART_DOCUMENTS = 100_000
DB_BATCH = 500
FIRST_BATCH = 20
# text a batch read from the database should hold: each batch is sized by the largest
# text of the one before (a 500-page sentence's text is a few MB: a fixed batch of 500
# such documents held GBs for one anonymous request)
BATCH_CHARS = 8_000_000
STORE_PAGE = 100
STORE_FETCH = 10  # documents of a store page read from the database at a time
# Columns, in this order; a kind without a field leaves its cell empty.
FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "date",
    "institution",
    "jurisdiction",
    "source_id",
    "url",
    "page_url",
    "court",
    "matter",
    "expediente",
    "ponente",
    "resolution_date",
    "ruling",
    "congress",
    "legislature",
    "chamber",
    "session_type",
    "doc_type",
    "number",
    "committee",
    "status",
    # added later: after the columns existing exports had, so their positions hold
    "secretario",
    # the suggested citation (``api.citation``: court, expediente, ponente, date, page
    # here, the day of the export), ready to paste into a note
    "citation",
    # a session's legislative period («Primer periodo ordinario, segundo año de
    # ejercicio»), and where each field was read (``listing``, ``spec``, ``heading``…: a
    # session's legislature read from its transcript's heading says ``heading``), a JSON
    # object (CSV: its text)
    "period",
    # a sentence's parties as its caption names them, each «role: name» (CSV: one cell,
    # one party a line: a name is read with its spaces collapsed, so it holds no line
    # break; JSON Lines: a list)
    "parties",
    "field_sources",
    "text",
)
# asked for by name: the text, and the provenance (a JSON object per row, about half
# again the bytes of a default row: 345 -> 521 bytes a session row)
ASKED_ONLY = ("text", "field_sources")
DEFAULT_FIELDS: tuple[str, ...] = tuple(f for f in FIELDS if f not in ASKED_ONLY)


class ExportCursor(ValueError):
    """A cursor that is malformed or belongs to another export."""


def encode_cursor(
    query: SearchQuery, after: str, saved_upto: int | None = None, key: bytes = b""
) -> str:
    """The next part's cursor: where it starts and, without words, the library the first
    part read (``saved_upto``: the number of the document saved last then). That number
    counts every document ever saved, the withheld and deleted ones too: against the
    export's total it would say how many there are, so it goes masked with the server's
    ``key`` and signed (``_mask``), and a cursor whose number was changed is refused."""
    data: dict[str, Any] = {"a": after, "q": query.fingerprint()}
    if saved_upto is not None:
        masked = saved_upto ^ _mask(key, after, data["q"])
        data["b"] = masked
        data["t"] = _tag(key, after, data["q"], masked)
    raw = json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: SearchQuery, key: bytes = b"") -> tuple[str, int | None]:
    """The id after which this part starts ("" for the first part) and the number of the
    document saved last when the first part was asked (None: the first part, or a cursor
    of an export with words)."""
    if not query.cursor:
        return "", None
    try:
        padded = query.cursor + "=" * (-len(query.cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded))
        after, owner, upto, tag = data["a"], data["q"], data.get("b"), data.get("t")
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, AttributeError) as exc:
        raise ExportCursor("cursor is not valid: pass it exactly as in the Link header") from exc
    if not isinstance(after, str) or owner != query.fingerprint():
        raise ExportCursor("cursor belongs to a different export: repeat the same parameters")
    if upto is None:
        return after, None
    if (
        type(upto) is not int
        or not 0 <= upto < 2**63
        or not isinstance(tag, str)
        or not hmac.compare_digest(tag, _tag(key, after, owner, upto))
    ):
        raise ExportCursor("cursor is not valid: pass it exactly as in the Link header")
    return after, upto ^ _mask(key, after, owner)


def _mask(key: bytes, after: str, owner: str) -> int:
    """63 bits that only the server can make, different for each part of each export."""
    digest = hmac.new(key, f"export-bound|{after}|{owner}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _tag(key: bytes, after: str, owner: str, masked: int) -> str:
    message = f"export-tag|{after}|{owner}|{masked}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:24]


def part_end(library: Library, after: str) -> str | None:
    """The last id of the part that starts after ``after``, if more documents follow it."""
    end = library.db.id_after(after, PART_DOCUMENTS)
    return end if end is not None and library.db.id_after(end, 1) is not None else None


def published(doc: AnyDocument) -> bool:
    return doc.privacy is None or not doc.privacy.withheld


def from_database(
    library: Library,
    query: SearchQuery,
    after: str,
    end: str | None,
    charge: Callable[[int], None] | None = None,
    saved_upto: int | None = None,
) -> Iterator[AnyDocument]:
    """Documents after ``after`` up to ``end`` (inclusive; None: to the last) that match;
    a filter matching few documents reads only those (``api/export/sparse.py``: the
    search pages that finds them are ``charge``d). ``saved_upto``: only the documents
    numbered up to it (the library the first part read: a document saved during a
    download of several parts is in none of them, whichever part its id falls in, and
    the parts sum to the first part's total; a changed one keeps its number and place)."""
    from api.export import sparse

    ids = sparse.matching_ids(library, query, charge)
    if ids is not None:
        yield from sparse.documents(library, query, ids, after, end, saved_upto)
        return
    size = FIRST_BATCH
    book = name_book_of(library, query)
    while docs := library.db.documents_after(after, size, end, saved_upto):
        for doc in docs:
            if published(doc) and matches(doc, query, book):
                yield doc
        after = docs[-1].id
        largest = max(len(doc.text) for doc in docs)
        size = max(1, min(DB_BATCH, BATCH_CHARS // max(largest, 1)))


def from_store(
    library: Library,
    index: Searching,
    query: SearchQuery,
    question: SearchQuery | None = None,
    began: dt.datetime | None = None,
) -> Iterator[AnyDocument]:
    """Documents in the store's order, page after page, as far as its paging reaches;
    ``index``: what is searched (``Library.snapshot``: one commit for every page, or a
    commit between two pages would shift the next, a document read twice or skipped).
    Each batch read from the database is asked ``question`` (the export's; default
    ``query``) again of the index as it is now (``_still_matching``): a download lasts
    minutes, and a document re-indexed meanwhile so that it no longer matches (the name
    searched for masked after a privacy review) must not be listed for the text the
    snapshot still holds. ``began``: when the snapshot was taken (default: now)."""
    asked = question or query
    since = began or dt.datetime.now(dt.UTC)
    page = query.model_copy(update={"limit": STORE_PAGE, "facets": [], "highlight": False})
    while True:
        result = search_library(index, page)
        for start in range(0, len(result.hits), STORE_FETCH):
            hits = result.hits[start : start + STORE_FETCH]
            found = library.db.get_documents([hit.id for hit in hits])
            # asked after the rows were read: a row masked since the page was read is not
            # listed once its index entry is too
            now = _still_matching(library, asked, found, since)
            # ...but the index lags the database until its next commit: a row whose content
            # is still pending is checked against the stored row (``_unconfirmed``)
            now -= _unconfirmed(library, asked, found)
            for hit in hits:
                doc = found.get(hit.id)
                if doc is not None and hit.id in now and published(doc):
                    yield doc
        if result.next_cursor is None:
            return
        page = page.model_copy(update={"cursor": result.next_cursor})


def _still_matching(
    library: Library, question: SearchQuery, found: dict[str, AnyDocument], began: dt.datetime
) -> set[str]:
    """The ids of ``found`` the index matches now. When the question now needs more work
    than a search may take (costlier documents indexed since the snapshot), the rows
    saved before the snapshot are those it matched; one saved since cannot be confirmed
    and is left out (a listing for text a document no longer has is worse than none)."""
    try:
        return library.matching_now(question, list(found))
    except QueryTooCostly:
        kept = {i for i, doc in found.items() if not _saved_since(doc, began)}
        if len(kept) < len(found):
            log.warning("export: %d rows changed meanwhile left out", len(found) - len(kept))
        return kept


def _unconfirmed(
    library: Library, question: SearchQuery, found: dict[str, AnyDocument]
) -> set[str]:
    """The ids of ``found`` changed since the index's last commit (``api.index_lag``) that
    the question no longer finds as they are stored (the index still holds the old
    text: the name a review has masked since): its filters and its words asked of the
    stored rows (``stored_matching``), as the export's count leaves them out
    (``uncounted``); one still found is listed as it is stored."""
    pending = set(lagging(library, list(found)).stored) & set(found)
    if not pending:
        return set()
    return pending - stored_matching(library, question, [found[i] for i in sorted(pending)])


def _saved_since(doc: AnyDocument, moment: dt.datetime) -> bool:
    saved = doc.updated_at
    if saved is None:
        return False
    return (saved if saved.tzinfo else saved.replace(tzinfo=dt.UTC)) >= moment


def row(doc: AnyDocument, fields: tuple[str, ...], page_url: str) -> dict[str, Any]:
    values = doc.model_dump(mode="json", include=set(fields) - {"page_url", "citation"})
    values["page_url"] = page_url
    if "citation" in fields:
        values["citation"] = citation_text(doc, page_url, consulted_day())
    return {name: values.get(name) for name in fields}
