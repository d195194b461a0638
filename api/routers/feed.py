"""``GET /v1/search.atom``: every search is an Atom feed of its newest matching documents.

The same parameters as ``/v1/search`` (the same checks and 422s), newest act first unless
``sort`` says otherwise: ordered by the document's own date (resolution, session,
publication), never by when it was indexed, documents without a date after every dated
one; each entry's ``updated`` says when it last changed in the library. A feed reader
polls it; ``ETag`` and ``Last-Modified`` let it ask "anything new?" and get a 304 without
a body when nothing changed.

``Last-Modified`` is when the library last changed in a way a reader could see (a
document published saved, one withdrawn, one deleted), not the newest entry's
``updated``: a document deleted or withdrawn leaves the feed, and the next one moves in,
without any entry becoming newer. A reader that asks only ``If-Modified-Since`` was told
"not modified" and kept showing the withdrawn document. A document withheld since it
arrived moves neither validator: ``Last-Modified`` leaves its save out
(``Database.last_visible_save``) and the ``ETag`` is the body's, or a watcher would learn
that something withheld came in though no entry appeared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import threading
from collections import OrderedDict
from collections.abc import Hashable
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select

from api.atom import EPOCH, Entry, Feed, Link, document_urn, feed_urn, render
from api.deps import LibraryDep, run_search
from api.index_lag import Uncounted, hidden_key, lagging, review, still_held, uncounted
from api.public_address import link_base
from api.routers.documents import original_withheld, preview
from api.routers.pages.common import KIND_LABELS, value_label
from api.schemas import ValidationErrorResponse
from api.search_params import search_query
from api.web_links import web_address
from indexer.db.tables import DocumentDeletionRow
from indexer.library import Library
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.stores import SearchHit, SearchQuery

router = APIRouter(prefix="/v1", tags=["search"])

ATOM_TYPE = "application/atom+xml"
_MARKS = re.compile(r"</?mark>")
SUMMARY_CHARS = 300
AnyDocument = Sentencia | Sesion | Legislativo


@router.get(
    "/search.atom",
    response_class=Response,
    responses={
        200: {"content": {ATOM_TYPE: {}}, "description": "An Atom 1.0 feed"},
        304: {"description": "Not modified since the ETag / date the client has"},
        422: {"model": ValidationErrorResponse, "description": "Malformed parameter"},
    },
    summary="A search as an Atom feed: its newest matching documents",
)
def search_feed(
    request: Request,
    library: LibraryDep,
    query: Annotated[SearchQuery, Depends(search_query)],
) -> Response:
    """Entries: stable ``urn:uuid`` ids, ``updated`` when the document last changed, the
    highlighted snippet as an HTML summary, links to the document page (``alternate``),
    the archived original (``enclosure``) and the page at its source (``via``)."""
    if "sort" not in request.query_params:
        query = query.model_copy(update={"sort": "date_desc"})
    base = link_base(request)
    # read before the feed is built: a change meanwhile is answered under the older state
    # (never a body older than its state: a poll after the change builds it again)
    state = _state(library, request, base)
    if state is not None and _conditional(request):
        known = _validators(request).get(state)
        if known is not None:  # the same state built this feed: these are its validators
            etag, changed = known
            if _not_modified(request, etag, changed):
                return Response(status_code=304, headers=_validator_headers(etag, changed))
    asked = query.model_copy(update={"facets": []})
    result = run_search(library, asked)
    docs = library.db.get_documents([hit.id for hit in result.hits])
    masked_served = request.app.state.settings.serve_masked_originals
    # The index lags the database until the indexer's next commit: a document deleted or
    # withheld (personal data a review found) since is still found, and is not listed;
    # nor one found only by a name masked since (``review``): its entry in a feed of that
    # name told that the person is named in it.
    lag = lagging(library, [hit.id for hit in result.hits])
    less = uncounted(library, asked)  # what the subtitle does not count is not listed
    shown = [
        hit
        for hit in result.hits
        if _listable(docs.get(hit.id)) and review(lag, hit.id, list(hit.highlights), less)[0]
    ]
    entries = [_entry(hit, docs.get(hit.id), base, masked_served) for hit in shown]
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    canonical = urlencode(sorted(params))
    feed = Feed(
        id=feed_urn(canonical),
        title=f"Estado Abierto: {query.q.strip() or 'documentos nuevos'}",
        subtitle=_subtitle(_shown_total(less, result.total, len(result.hits), shown)),
        links=[
            Link(f"{base}/v1/search.atom?{urlencode(params)}", "self", ATOM_TYPE),
            Link(f"{base}/?{urlencode(params)}", "alternate", "text/html"),
        ],
        entries=entries,
    )
    body = render(feed)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    changed = max(feed.updated, _library_changed(library))
    if state is not None:
        _validators(request).put(state, (etag, changed))
    headers = _validator_headers(etag, changed)
    if _not_modified(request, etag, changed):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=f"{ATOM_TYPE}; charset=utf-8", headers=headers)


# A feed reader polls with the validators of the feed it has; building the feed to find
# them unchanged (a search, the hits' rows, the lag's checks, the rendering) cost a 304
# as much as the feed. What a feed shows depends on the index's commit (its generation),
# the documents withheld, deleted or masked since then (``hidden_key``: what the lag
# subtracts), the last change a reader could see in the database (a save of a document
# published now or once, a deletion: ``_library_changed``), the question and the address
# its links are written under. While those are as they were when this process built the
# feed, its validators are those it had: remembered per state, for the embedded store
# (an engine has no generation: each feed is built). The ETag stays the body's, so a
# state that changed without changing the feed still answers 304 once built again.
VALIDATORS_HELD = 1024


class _Validators:
    """Each state's ETag and Last-Modified, the most recently used kept."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, tuple[str, dt.datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, state: Hashable) -> tuple[str, dt.datetime] | None:
        with self._lock:
            known = self._kept.get(state)
            if known is not None:
                self._kept.move_to_end(state)
            return known

    def put(self, state: Hashable, known: tuple[str, dt.datetime]) -> None:
        with self._lock:
            self._kept[state] = known
            self._kept.move_to_end(state)
            while len(self._kept) > VALIDATORS_HELD:
                self._kept.popitem(last=False)


_VALIDATORS_LOCK = threading.Lock()


def _validators(request: Request) -> _Validators:
    """The application's (each its own library and settings)."""
    state = request.app.state
    kept = getattr(state, "feed_validators", None)
    if kept is None:
        with _VALIDATORS_LOCK:
            kept = getattr(state, "feed_validators", None)
            if kept is None:
                kept = state.feed_validators = _Validators()
    return kept  # type: ignore[no-any-return]


def _state(library: Library, request: Request, base: str) -> tuple[Hashable, ...] | None:
    """What the feed ``request`` asks for depends on now (see ``_Validators``); None
    behind an engine."""
    generation = getattr(library.store, "generation", None)
    if generation is None:
        return None
    asked = tuple(sorted(request.query_params.multi_items()))
    return (asked, base, generation(), hidden_key(library), _changed_key(library))


# ``_library_changed``'s two reads in one statement, as the driver gives them (no ORM:
# a third of a 304's CPU went to building and compiling them)
_CHANGED_SQL = (
    "SELECT (SELECT updated_at FROM documents WHERE never_published IS NULL"
    " ORDER BY updated_at DESC LIMIT 1),"
    " (SELECT deleted_at FROM document_deletions ORDER BY seq DESC LIMIT 1)"
)


def _changed_key(library: Library) -> tuple[object, ...]:
    """The last visible save's and the last deletion's moments, as stored: what
    ``_library_changed`` reads, to tell a change, not to be written."""
    engine = library.db.engine
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":  # the driver's own connection
            driver = connection.connection.driver_connection
            return tuple(driver.execute(_CHANGED_SQL).fetchone())  # type: ignore[union-attr]
        return tuple(connection.exec_driver_sql(_CHANGED_SQL).one())


def _conditional(request: Request) -> bool:
    return "if-none-match" in request.headers or "if-modified-since" in request.headers


def _validator_headers(etag: str, changed: dt.datetime) -> dict[str, str]:
    return {
        "ETag": etag,
        "Last-Modified": format_datetime(changed.astimezone(dt.UTC), usegmt=True),
        "Cache-Control": "public, max-age=60",
        "Vary": "Accept-Encoding",
    }


def _subtitle(total: int) -> str:
    """How many documents the search finds, in Spanish that agrees with the number."""
    if total == 1:
        return "1 documento coincide con esta búsqueda."
    return f"{total} documentos coinciden con esta búsqueda; los más recientes."


def _shown_total(less: Uncounted, total: int, hits: int, shown: list[SearchHit]) -> int:
    """The index's total less what it still counts but the database no longer publishes
    (withheld or deleted since its last commit, on the page or beyond it: ``uncounted``),
    or less the page's hits left out when the index's lag is not known that way: a
    subtitle saying "3 documentos" over one entry tells a reader that something matching
    was just withheld. ``less``: the question's ``uncounted``."""
    if less:
        return max(total - len(less.ids), len(shown))
    return max(total - (hits - len(shown)), len(shown))


def _listable(doc: AnyDocument | None) -> bool:
    """Whether the database still has the document and publishes it."""
    return doc is not None and (doc.privacy is None or not doc.privacy.withheld)


def _library_changed(library: Library) -> dt.datetime:
    """The last time a document a reader could see was saved, withdrawn or deleted: no
    search's feed can have changed since."""
    saved = library.db.last_visible_save()
    with library.db.session() as s:
        deleted = s.scalar(
            select(DocumentDeletionRow.deleted_at).order_by(DocumentDeletionRow.seq.desc()).limit(1)
        )
    moments = [m if m.tzinfo else m.replace(tzinfo=dt.UTC) for m in (saved, deleted) if m]
    return max(moments, default=EPOCH)


def _not_modified(request: Request, etag: str, updated: dt.datetime) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; else If-Modified-Since."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        moment = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return updated.replace(microsecond=0) <= moment


def _updated(hit: SearchHit, doc: AnyDocument | None) -> dt.datetime:
    moment = (doc.updated_at or doc.fetched_at) if doc is not None else None
    if moment is None:
        day = hit.date or dt.date(1970, 1, 1)
        moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _entry(hit: SearchHit, doc: AnyDocument | None, base: str, masked_served: bool) -> Entry:
    """An enclosure for each original that is served: a masked document's are not (a
    feed reader fetching them would get a 451), as its page does not link them."""
    doc_path = quote(hit.id, safe="")
    links = [Link(f"{base}/documentos/{doc_path}", "alternate", "text/html")]
    if doc is not None and not original_withheld(doc, masked_served):
        for n, ref in enumerate(doc.files):
            links.append(
                Link(
                    f"{base}/v1/documents/{doc_path}/file?n={n}",
                    "enclosure",
                    ref.content_type or "application/octet-stream",
                    "Archivo original",
                    ref.size or None,
                )
            )
    source = web_address(hit.url)
    if source is not None:
        links.append(Link(source, "via", None, "Publicación en la fuente"))
    # the index lags a masking: a snippet the stored text no longer holds is not shown
    current = doc is not None and still_held(hit.highlights, doc)
    summary = " … ".join(hit.highlights) if current else ""
    if not summary:
        summary = _escaped(preview(doc.text, SUMMARY_CHARS) if doc is not None else "")
    when = f"{hit.date.isoformat()} · " if hit.date else ""
    summary = f"<p>{_escaped(when + KIND_LABELS.get(hit.kind, hit.kind))}</p><p>{summary}</p>"
    categories = [(hit.kind, KIND_LABELS.get(hit.kind, hit.kind))]
    # a session's legislative period is a category too: a reader groups sessions by it
    for name in ("matter", "doc_type", "session_type", "period"):
        value = hit.fields.get(name)
        if isinstance(value, str) and value:
            categories.append((value, value_label(name, value)))
    return Entry(
        id=document_urn(hit.id),
        title=doc.title if doc is not None else hit.title,  # the index lags a masking
        updated=_updated(hit, doc),
        summary_html=summary,
        author=hit.institution,
        links=links,
        published=doc.fetched_at if doc is not None else None,
        categories=categories,
    )


def _escaped(text: str) -> str:
    return html.escape(text)
