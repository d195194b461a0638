"""The FastAPI application: ``create_app`` wires one library to the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api import __version__
from api.access_log import hide_token_after
from api.answer_cache import AnswerCache
from api.auth import presented_key
from api.compression import Compression
from api.cors import SpanishCors
from api.entry_numbers import EntryNumbers, RunNumbers
from api.head_requests import HeadAsGet
from api.index_lag import hidden_key, lagging
from api.nosniff import NoSniff
from api.private_answers import PrivateAnswers
from api.public_address import VaryHost, slash_redirects_in_place
from api.ratelimit import SharedBuckets, SourceReadLimiter, WriteLimiter
from api.readlimit import ReadLimits, SharedCounter
from api.readlimit.keys import KeyCache
from api.refusal_log import RefusalLog
from api.request_body import BoundedBodies
from api.request_path import NulPaths
from api.routers import (
    alert_edits,
    alert_links,
    alerts,
    citations,
    documents,
    export,
    feed,
    health,
    pages,
    reader_keys,
    search,
    sessions,
    sources,
    speeches,
)
from api.routers.pages.errors import refusal_page, wants_html
from api.routers.pages.signin import pages_secret
from api.schemas import ErrorResponse, RefusalResponse
from api.search_shortcut import SearchShortcut
from api.single_values import OneValueEach
from api.telemetry_check import keep_telemetry_check
from config.settings import Settings, get_settings
from crawlers import lookups
from crawlers.addresses import ResolverBusy
from indexer.db import DatabaseBusy
from indexer.db.rate_limits import counter_engine
from indexer.db.reader_keys import READER_PREFIX, ReaderKeys
from indexer.library import Library

# answers smaller than this go as they are; larger ones compressed (the answer cache
# keeps them gzipped the same way)
COMPRESS_MIN_BYTES = 1000
GZIP_LEVEL = 3
DESCRIPTION = """
**Estado Abierto** — buscador de sentencias judiciales, sesiones de los congresos (con sus
transmisiones en video) y documentos legislativos de México, recopilados de sus fuentes
públicas oficiales.

Open-justice and open-parliament search for Mexico: court sentences, congress sessions
with their video transmissions, and legislative records, collected from official public
sources. Full-text search in Spanish (accents and plurals do not matter), exact filters,
facets, cursor paging; every document with its text and archived originals.
"""

# What any /v1/sources operation may answer besides its own success and 422 (each
# operation adds its own: 404 by id, 409 when registering, 413 with a body).
SOURCE_ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorResponse, "description": "Missing, unknown or revoked API key"},
    403: {"model": ErrorResponse, "description": "A reader's key: sources need an institution's"},
    429: {
        "model": ErrorResponse,
        "description": "Too many changes, or reads, this minute: wait (see Retry-After)",
    },
    503: {
        "model": RefusalResponse,
        "description": "Every host-name lookup is in use (slow DNS servers): see Retry-After",
    },
    507: {"model": RefusalResponse, "description": "The disk is full: nothing was saved"},
}

# What any public read may answer besides its own: a spent budget, a key that is not valid.
READ_ERRORS: dict[int | str, dict] = {
    401: {"model": RefusalResponse, "description": "The key presented is unknown or revoked"},
    429: {
        "model": RefusalResponse,
        "description": "Too many reads this minute: wait (see Retry-After and RateLimit-*)",
    },
}

# Headers a page on another site may read from an answer (the budget it has left).
EXPOSED = [
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
    "Retry-After",
]


RESOLVER_RETRY_S = 10  # a place frees when a slow lookup ends or the resolver gives up


def create_app(library: Library | None = None, settings: Settings | None = None) -> FastAPI:
    """The app, serving ``library`` (or the one ``settings`` point at, opened here and
    closed on shutdown; a library passed in stays the caller's to close)."""
    settings = settings or get_settings()
    owned = library is None
    lib = library if library is not None else Library.open(settings)

    database = lib.db.engine.url.database
    shared = lib.db.engine if database in (None, "", ":memory:") else counter_engine(lib.db.url)
    counter = SharedCounter(
        shared, settings.read_limit_settle_s, settings.read_limit_settle_requests
    )

    refusals = RefusalLog(lib.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        counter.settle()
        refusals.close()
        if shared is not lib.db.engine:
            shared.dispose()
        if owned:
            lib.close()

    app = FastAPI(
        title="Estado Abierto",
        description=DESCRIPTION,
        version=__version__,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    keep_telemetry_check(app)
    slash_redirects_in_place(app.router)  # never a Location built from the Host
    app.state.library = lib
    app.state.settings = settings
    lookups.configure(
        settings.dns_timeout_s, settings.dns_max_lookups, settings.dns_lookups_per_institution
    )
    # the budgets of writes, of an institution's own reads and of alerts are kept in the
    # database, so every API process (``serve --workers``, other machines) spends one
    app.state.write_limiter = WriteLimiter(shared, "writes", settings.write_rate_per_minute)
    app.state.refusal_notes = SharedBuckets(shared, "refusal-notes", settings.write_rate_per_minute)
    app.state.refusal_decoys = SharedBuckets(
        shared, "refusal-decoys", settings.write_rate_per_minute
    )
    app.state.refusal_log = refusals  # written off the request's path
    app.state.source_read_limiter = SourceReadLimiter(shared, settings.source_read_rate_per_minute)
    app.state.read_counter = counter
    app.state.key_cache = KeyCache(ReaderKeys(lib.db), settings.key_cache_s)
    app.state.alert_limiter = WriteLimiter(shared, "alerts", settings.alert_rate_per_minute)
    # now, not at the first sign-in: a disk full by then must not refuse every sign-in
    app.state.pages_secret = pages_secret(settings.data_dir)
    # audit entries are shown numbered under a key of it (``api.entry_numbers``)
    app.state.entry_numbers = EntryNumbers(app.state.pages_secret)
    app.state.run_numbers = RunNumbers(app.state.pages_secret)  # and crawl runs under another
    # confirmation e-mails per recipient address are counted in the database (AlertBook)
    # innermost first. A search answered without the router once the router has shown
    # it the search's path (api/search_shortcut.py)
    app.add_middleware(SearchShortcut)
    # a parameter read as one value is given once (a 422 otherwise)
    app.add_middleware(OneValueEach)
    # answers whose links took the request's Host say so (Vary: Host)
    app.add_middleware(VaryHost)
    # a search asked again is answered with the bytes the app made last
    # time, inside the read limits (a replayed answer is still counted, with its headers)
    app.add_middleware(
        AnswerCache,
        generation=_index_generation(lib),
        minimum_size=COMPRESS_MIN_BYTES,
        gzip_level=GZIP_LEVEL,
        current=lambda ids: not lagging(lib, ids),
    )
    # a 429 still gets CORS headers, so pages elsewhere can read it
    app.add_middleware(ReadLimits, settings=settings, counter=counter, keys=app.state.key_cache)
    app.add_middleware(
        SpanishCors, allow_origins=["*"], allow_methods=["GET"], expose_headers=EXPOSED
    )
    # search answers with highlights are a few KB of JSON: compressed when the client asks.
    # gzip by ISA-L where installed (api/compression.py: a quarter of zlib's CPU), else
    # zlib's level 3 (its fast matcher): on the mix's 18 KB answers 45% less CPU than
    # level 6 (0.15 against 0.28 ms an answer) for 10% more bytes (4.0 against 3.6 KB);
    # Brotli quality 1, where accepted, half of level 3's CPU for 8% more bytes
    app.add_middleware(
        Compression, minimum_size=COMPRESS_MIN_BYTES, gzip_level=GZIP_LEVEL, brotli_quality=1
    )
    # outermost: no body larger than a spec needs is held, whoever sends it
    app.add_middleware(
        BoundedBodies, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s
    )
    # no id holds NUL (and PostgreSQL cannot compare it): "not found", before any lookup
    app.add_middleware(NulPaths)
    # an answer made for one key or token is never kept by a cache in front for others
    app.add_middleware(PrivateAnswers)
    # every answer, errors included, tells browsers not to guess its type
    app.add_middleware(NoSniff)
    # a HEAD is answered wherever a GET is, as that GET's head (no 405, no body made)
    app.add_middleware(HeadAsGet)
    pages.install_errors(app)
    app.add_exception_handler(DatabaseBusy, _database_busy)
    app.add_exception_handler(ResolverBusy, _resolver_busy)
    reads = (
        search,
        export,
        feed,
        alerts,
        alert_links,
        alert_edits,
        documents,
        citations,
        sessions,
        speeches,
    )
    for module in reads:
        app.include_router(module.router, responses=READ_ERRORS)
    for prefix in alert_links.TOKEN_PATHS:
        hide_token_after(prefix)
    reader_keys.install(app)
    for module in (health, pages):
        app.include_router(module.router)
    app.include_router(sources.router, responses=SOURCE_ERRORS)
    return app


async def _resolver_busy(request: Request, exc: Exception) -> Any:
    """Every host-name lookup this server may have in flight is taken (slow DNS servers
    hold them): a 503 to retry, naming the host, nothing stored."""
    assert isinstance(exc, ResolverBusy)
    retry = {"Retry-After": str(RESOLVER_RETRY_S)}
    if wants_html(request):
        return refusal_page(request, 503, retry)
    host = exc.host[:100]
    who = (
        "su institución ya tiene en curso todas las consultas de nombres (DNS) que puede "
        "tener a la vez"
        if exc.own
        else "el servidor tiene ocupadas todas sus consultas de nombres (DNS)"
    )
    if exc.own and (presented_key(request) or "").startswith(f"{READER_PREFIX}_"):
        who = (  # every reader key's webhooks share one part of the lookups
            "las claves de lector tienen en curso todas las consultas de nombres (DNS) que "
            "pueden tener a la vez"
        )
    return JSONResponse(
        {
            "detail": f"{exc}; try again shortly",
            "mensaje": f"{who} y no pudo buscar «{host}»: vuelva a intentarlo en unos "
            "segundos (no se guardó nada)",
        },
        status_code=503,
        headers=retry,
    )


def _index_generation(library: Library) -> Callable[[], Hashable | None]:
    """The embedded index's generation, checked at each call, with the documents withheld
    or deleted since its last commit (``api.index_lag``: the answers' counts leave them
    out, so a release or a withholding makes a kept answer old); None behind an engine."""
    generation = getattr(library.store, "generation", None)
    if generation is None:
        return lambda: None
    return lambda: (generation(), hidden_key(library))


async def _database_busy(request: Request, _exc: Exception) -> Any:
    """Another process holds the database's write lock: a 503 to retry, nothing written;
    said in Spanish (a page for a browser, ``mensaje`` beside the English ``detail``)."""
    retry = {"Retry-After": "15"}
    if wants_html(request):
        return refusal_page(request, 503, retry)
    return JSONResponse(
        {
            "detail": "the database is busy with another writer; try again shortly",
            "mensaje": "la base de datos está ocupada por otro proceso que escribe; "
            "vuelva a intentarlo en unos segundos (no se guardó nada)",
        },
        status_code=503,
        headers=retry,
    )
