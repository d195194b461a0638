"""Dependencies and helpers shared by the routers."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError

from api.next_page import next_page_url
from api.passages import path_quoted
from api.public_address import link_base
from indexer.library import Library
from indexer.query import FILTER_PARAMS, QuerySyntaxError, QueryTooCostly, operator_suggestion
from indexer.query.names import NameTooBroad
from indexer.stores import FACET_FIELDS, FACETABLE_FIELDS, SearchQuery, SearchResult
from indexer.stores.base import CursorError, FieldNotIndexed, Searching
from indexer.stores.plain import PlainResult

Answer = TypeVar("Answer")

# Store field → the API parameter that names it (``source_id`` is ``source``).
PARAM_OF: dict[str, str] = {field: param for param, field in FILTER_PARAMS.items()}


async def get_library(request: Request) -> Library:
    """The app's one library (opened by ``create_app``; asynchronous so that FastAPI does
    not send this attribute read to the thread pool and back)."""
    library: Library = request.app.state.library
    return library


LibraryDep = Annotated[Library, Depends(get_library)]


def invalid(field: str, msg: str, kind: str, **extra: Any) -> RequestValidationError:
    """A 422 for a query parameter, in FastAPI's own validation-error shape (``extra`` may
    add ``mensaje``, the Spanish message, ``position`` or ``sugerencia``)."""
    extra = {k: v for k, v in extra.items() if v is not None}
    return RequestValidationError([{"loc": ("query", field), "msg": msg, "type": kind, **extra}])


class BadSearch(ValueError):
    """A search the user must change: which parameter, why (in English and Spanish),
    where in ``q``, and the query with operators in capitals if that may be what was meant."""

    def __init__(
        self,
        field: str,
        msg: str,
        kind: str,
        position: int | None = None,
        mensaje: str | None = None,
        suggestion: str | None = None,
        unindexed_facets: tuple[str, ...] = (),
    ) -> None:
        super().__init__(msg)
        self.field, self.msg, self.kind, self.position = field, msg, kind, position
        self.mensaje, self.suggestion = mensaje, suggestion
        # only facets the index has no field for were asked: a page may leave them out
        self.unindexed_facets = unindexed_facets

    def as_422(self) -> RequestValidationError:
        return invalid(
            self.field,
            self.msg,
            self.kind,
            position=self.position,
            mensaje=self.mensaje,
            sugerencia=suggestion_text(self.suggestion),
        )


def suggestion_text(suggestion: str | None) -> str | None:
    """The Spanish "¿Quiso decir…?" for a query whose lower-case or/and/not are words."""
    if not suggestion:
        return None
    return f"¿Quiso decir «{suggestion}»? En mayúsculas, OR, AND y NOT son operadores."


def query_error_kind(exc: QuerySyntaxError) -> str:
    """The ``type`` every route answers for a query text it cannot ask: a too-costly
    phrase is told apart from a mistyped one wherever a query is read."""
    if isinstance(exc, QueryTooCostly):
        return "query_too_costly"
    return "unknown_field" if exc.field else "query_syntax"


def search_library(library: Searching, query: SearchQuery) -> SearchResult:
    """Search (a library, or a snapshot of its index); every way the user's input can be
    wrong becomes ``BadSearch``."""
    return _asked(library.search, query)


def _asked(search: Callable[[SearchQuery], Answer], query: SearchQuery) -> Answer:
    """``search(query)``, its user's errors as ``BadSearch``."""
    try:
        return search(query)
    except QuerySyntaxError as exc:
        raise BadSearch(
            "q",
            exc.message,
            query_error_kind(exc),
            exc.position,
            exc.mensaje,
            operator_suggestion(query.q),
        ) from exc
    except CursorError as exc:
        raise BadSearch(
            "cursor",
            str(exc),
            "cursor",
            mensaje="el cursor no es válido para esta búsqueda: repítala desde la primera página",
        ) from exc
    except NameTooBroad as exc:
        raise BadSearch(
            PARAM_OF.get(exc.field, exc.field),
            str(exc),
            "value_too_broad",
            mensaje=exc.mensaje,
        ) from exc
    except FieldNotIndexed as exc:
        raise BadSearch(
            PARAM_OF.get(exc.asked, exc.asked),
            str(exc),
            "field_not_indexed",
            mensaje=exc.mensaje,
            unindexed_facets=exc.fields if exc.asked == "facets" else (),
        ) from exc


def run_search(library: Library, query: SearchQuery) -> SearchResult:
    """Search, answering 422 for a malformed query text or cursor."""
    try:
        return search_library(library, query)
    except BadSearch as exc:
        raise exc.as_422() from exc


def run_search_plain(library: Library, query: SearchQuery) -> SearchResult | PlainResult:
    """``run_search`` for an answer only written as JSON (``Library.search_plain``)."""
    try:
        return _asked(library.search_plain, query)
    except BadSearch as exc:
        raise exc.as_422() from exc


def check_dates(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise invalid(
            "date_from",
            f"date_from ({date_from}) must be on or before date_to ({date_to})",
            "date_range",
            mensaje=f"la fecha inicial ({date_from}) es posterior a la final ({date_to})",
        )


def parse_facets(values: list[str] | None) -> list[str]:
    """``facets=kind,matter`` or repeated; nothing → the default set; ``none`` → none."""
    names = [part.strip() for value in values or [] for part in value.split(",")]
    names = [FILTER_PARAMS.get(name, name) for name in names if name]
    if not names or "all" in names:
        return list(FACET_FIELDS)
    if "none" in names:
        return []
    for name in names:
        if name not in FACETABLE_FIELDS:
            choices = ", ".join(("none", "all", *(PARAM_OF[f] for f in FACETABLE_FIELDS)))
            raise invalid(
                "facets",
                f"unknown facet {name[:50]!r}; choose from: {choices}",
                "facet",
                mensaje=f"no hay faceta «{name[:50]}»; elija entre: {choices}",
            )
    return list(dict.fromkeys(names))


def build_filters(params: dict[str, list[str] | None]) -> dict[str, list[str]]:
    """Repeatable filter parameters → the store's ``filters`` (empty values dropped)."""
    filters: dict[str, list[str]] = {}
    for name, values in params.items():
        wanted = [v for v in values or [] if v.strip()]
        if wanted:
            filters[FILTER_PARAMS.get(name, name)] = wanted
    return filters


@functools.lru_cache(maxsize=16384)
def permalink(doc_id: str) -> str:
    """This API's address of a document (kept: the same hits come back in many answers)."""
    return f"/v1/documents/{path_quoted(doc_id)}"


def page_address(request: Request, doc_id: str) -> str:
    """The absolute address of a document's page, ``/d/{id}`` (see :func:`link_base`)."""
    return document_page(link_base(request), doc_id)


def document_page(base: str, doc_id: str) -> str:
    return f"{base}/d/{path_quoted(doc_id)}"


def page_url(request: Request, cursor: str | None) -> str | None:
    """This request's address with ``cursor`` replaced (None when there is no next page)."""
    return None if cursor is None else next_page_url(request, cursor)
