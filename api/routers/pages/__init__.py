"""HTML pages for people, in Spanish, server-rendered and working without JavaScript. Each
page has its own module; ``router`` gathers them and ``install_errors`` the error pages."""

from __future__ import annotations

from fastapi import APIRouter

from api.routers.pages import (
    assets,
    docs,
    document,
    info,
    people,
    reader_keys,
    search,
    sessions,
    sources,
)
from api.routers.pages.errors import install as install_errors

router = APIRouter(include_in_schema=False)
for _module in (assets, docs, search, sessions, document, people, sources, info, reader_keys):
    router.include_router(_module.router)

__all__ = ["install_errors", "router"]
