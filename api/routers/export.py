"""``GET /v1/export.csv`` and ``GET /v1/export.jsonl``: every document a search finds,
streamed (see api/export/rows.py for the order and the size of each part)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import BadSearch, LibraryDep, document_page, invalid, search_library
from api.export.formats import csv_chunks, jsonl_chunks
from api.export.rows import (
    ASKED_ONLY,
    DEFAULT_FIELDS,
    FIELDS,
    ExportCursor,
    decode_cursor,
    encode_cursor,
    from_database,
    part_end,
    row,
)
from api.export.windows import documents, plan
from api.head_requests import head_only
from api.index_lag import pending_unmatched, uncounted
from api.public_address import link_base
from api.readlimit.middleware import charged_rows
from api.schemas import ValidationErrorResponse
from api.search_params import search_query
from indexer.library import Library
from indexer.query.names import asks_names
from indexer.stores import SearchQuery
from indexer.stores.base import FIRST_DAY, StoreUnavailable

router = APIRouter(prefix="/v1", tags=["export"])

FIELDS_HELP = (
    f"Columns, comma list or repeated, from: {', '.join(FIELDS)}. Default: all but "
    f"{' and '.join(ASKED_ONLY)}."
)
# the one-hit search that checks a ponente's or a court's words before a download
NAMES_CHECK = {"limit": 1, "facets": [], "cursor": None, "highlight": False}
ERRORS = {422: {"model": ValidationErrorResponse, "description": "Malformed parameter"}}


def export_fields(fields: list[str] | None) -> tuple[str, ...]:
    names = [part.strip() for value in fields or [] for part in value.split(",")]
    names = list(dict.fromkeys(name for name in names if name))
    unknown = [name for name in names if name not in FIELDS]
    if unknown:
        valid = ", ".join(FIELDS)
        raise invalid(
            "fields",
            f"unknown field {unknown[0][:50]!r}; valid fields: {valid}",
            "unknown_field",
            mensaje=f"el campo «{unknown[0][:50]}» no existe; campos válidos: {valid}",
        )
    return tuple(names) or DEFAULT_FIELDS


def _whole_count(library: Library, query: SearchQuery) -> int | None:
    """How many documents a search without words finds (the whole export, every part):
    what ``/v1/search`` says for the same filters, so a reader can check the download is
    complete. None when the store cannot count now (the rows come from the database).
    A ponente's or a court's words too common to list are refused here (422), before the
    download rather than inside it."""
    names = asks_names(query.filters, query.q)
    try:
        counted = query.model_copy(update=NAMES_CHECK)
        # not counting what was withheld or deleted since the index's last commit
        return max(0, search_library(library, counted).total - _uncounted(library, counted))
    except BadSearch as exc:
        if names:
            raise exc.as_422() from exc
        return None
    except StoreUnavailable:
        if names:
            raise
        return None


def _uncounted(library: Library, query: SearchQuery) -> int:
    """How many documents the index still counts for ``query`` that were withheld or
    deleted since its last commit (``api.index_lag``)."""
    return len(uncounted(library, query.model_copy(update={"facets": []})).ids)


def _rows(
    request: Request, library: Library, query: SearchQuery, fields: tuple[str, ...]
) -> tuple[Iterator[dict[str, Any]], dict[str, str]]:
    """The rows of this part and the headers that describe it (checked before streaming,
    so a bad cursor or query is a 422, never a broken download)."""
    headers: dict[str, str] = {}
    try:
        key = request.app.state.pages_secret  # the server's: masks the cursor's bound
        after, saved_upto = decode_cursor(query, key)
        start = dt.date.fromisoformat(after) if after and query.q.strip() else None
    except (ExportCursor, ValueError) as exc:
        raise invalid(
            "cursor",
            str(exc) if isinstance(exc, ExportCursor) else "cursor is not valid",
            "cursor",
            mensaje="el cursor no es válido para esta exportación: repítala desde el inicio",
        ) from exc
    if query.q.strip():
        query = query.model_copy(update={"cursor": None})  # the export's, not the store's
        # one commit of the index counted, planned and read, however long the download
        began = dt.datetime.now(dt.UTC)  # before it: no row saved meanwhile taken as older
        index = library.snapshot()
        try:
            total = search_library(index, query.model_copy(update={"limit": 1, "facets": []}))
            part = plan(index, query, start or query.date_from or FIRST_DAY)
        except BadSearch as exc:
            raise exc.as_422() from exc
        docs = documents(library, index, query, part, began)
        pending = pending_unmatched(library, query)  # the rows ``documents`` leaves out
        less = uncounted(library, query.model_copy(update={"facets": []})).ids
        headers["X-Total-Count"] = str(max(0, total.total - len(less | (pending or set()))))
        headers["X-Export-Complete"] = "true" if part.complete else "false"
        following = part.next_start.isoformat() if part.next_start else None
    else:
        # the library as the first part found it, fixed before it is counted: every part
        # reads it (a document saved meanwhile is in no part, whatever its id)
        if saved_upto is None:
            saved_upto = library.db.highest_number()
        counted = _whole_count(library, query)
        if counted is not None:
            headers["X-Total-Count"] = str(counted)
        following = part_end(library, after)
        charge = getattr(request.state, "read_charge", None)
        docs = from_database(library, query, after, following, charge, saved_upto)
    base = link_base(request)  # now: the answer's headers are sent before its rows
    if following is not None:
        cursor = encode_cursor(query, following, saved_upto, key)
        nxt = request.url.include_query_params(cursor=cursor)
        headers["Link"] = f'<{base}{nxt.path}?{nxt.query}>; rel="next"'
    if head_only(request):  # its head is all a HEAD gets: no document is read
        return iter(()), headers
    rows = (row(doc, fields, document_page(base, doc.id)) for doc in docs)
    return charged_rows(request, rows), headers


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={**ERRORS, 200: {"content": {"text/csv": {}}}},
    summary="Every document a search finds, as CSV",
)
def export_csv(
    request: Request,
    library: LibraryDep,
    query: Annotated[SearchQuery, Depends(search_query)],
    fields: Annotated[list[str] | None, Query(description=FIELDS_HELP)] = None,
    bom: Annotated[bool, Query(description="Begin with a UTF-8 byte-order mark (Excel)")] = False,
) -> StreamingResponse:
    """The search parameters of /v1/search (``limit`` and ``sort`` aside). Without words
    the documents come in id order and each answer covers at most 100,000 documents of
    the library; with words, in date order (undated last), about 100,000 matches. A
    ``Link: <…>; rel="next"`` header names the next part (none: this was the last).
    Every part reads the library as the first part found it: a document saved during the
    download is in none (a new export has it), one changed comes once, as it is then.
    ``X-Total-Count`` says how many documents the whole export holds (every part: the
    ``total`` of /v1/search for the same parameters); with words ``X-Export-Complete: false``
    that a single day holds more than the store can page (10,000). An export that breaks
    after its first rows were sent ends with a line ``# ERROR: …`` saying how many whole
    rows came before it, and the transfer ends unfinished (no final chunk)."""
    columns = export_fields(fields)
    rows, headers = _rows(request, library, query, columns)
    headers["Content-Disposition"] = 'attachment; filename="estado-abierto.csv"'
    return StreamingResponse(
        csv_chunks(rows, columns, bom), media_type="text/csv; charset=utf-8", headers=headers
    )


@router.get(
    "/export.jsonl",
    response_class=StreamingResponse,
    responses={**ERRORS, 200: {"content": {"application/x-ndjson": {}}}},
    summary="Every document a search finds, one JSON document a line",
)
def export_jsonl(
    request: Request,
    library: LibraryDep,
    query: Annotated[SearchQuery, Depends(search_query)],
    fields: Annotated[list[str] | None, Query(description=FIELDS_HELP)] = None,
) -> StreamingResponse:
    """Like /v1/export.csv, one JSON object a line (lists stay lists). An export that
    breaks after its first rows were sent ends with a line ``{"_error": {"detail",
    "mensaje", "rows"}}`` (no ``id``; ``rows``: the whole documents before it), and the
    transfer ends unfinished (no final chunk)."""
    columns = export_fields(fields)
    rows, headers = _rows(request, library, query, columns)
    headers["Content-Disposition"] = 'attachment; filename="estado-abierto.jsonl"'
    return StreamingResponse(jsonl_chunks(rows), media_type="application/x-ndjson", headers=headers)
