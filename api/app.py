"""The FastAPI application: ``create_app`` wires one library to the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from api import __version__
from api.ratelimit import TokenBuckets, WriteLimiter
from api.routers import documents, health, pages, search, sessions, sources
from config.settings import Settings, get_settings
from indexer.library import Library

DESCRIPTION = """
**Estado Abierto** — buscador de sentencias judiciales, sesiones de los congresos (con sus
transmisiones en video) y documentos legislativos de México, recopilados de sus fuentes
públicas oficiales.

Open-justice and open-parliament search for Mexico: court sentences, congress sessions
with their video transmissions, and legislative records, collected from official public
sources. Full-text search in Spanish (accents and plurals do not matter), exact filters,
facets, cursor paging; every document with its text and archived originals.
"""


def create_app(library: Library | None = None, settings: Settings | None = None) -> FastAPI:
    """The app, serving ``library`` (or the one ``settings`` point at, opened here and
    closed on shutdown; a library passed in stays the caller's to close)."""
    settings = settings or get_settings()
    owned = library is None
    lib = library if library is not None else Library.open(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
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
    app.state.library = lib
    app.state.settings = settings
    app.state.write_limiter = WriteLimiter(settings.write_rate_per_minute)
    app.state.refusal_notes = TokenBuckets(settings.write_rate_per_minute)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    pages.install_errors(app)
    for module in (search, documents, sessions, sources, health, pages):
        app.include_router(module.router)
    return app
