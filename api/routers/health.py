"""``GET /healthz``: is the database answering, is the search store answering."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from api.deps import LibraryDep
from api.schemas import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, responses={503: {"model": HealthResponse}})
def healthz(library: LibraryDep, response: Response) -> HealthResponse:
    """200 when every part answers; 503 (same body, ``ok: false`` on the failing part)."""
    database: dict[str, Any]
    store: dict[str, Any]
    try:
        database = {"ok": True, "documents": library.db.count_documents()}
    except Exception as exc:  # a probe reports every failure, it never raises
        database = {"ok": False, "error": _describe(exc)}
    try:
        store = {"ok": True, **library.store.health()}
    except Exception as exc:
        store = {"ok": False, "error": _describe(exc)}
    healthy = bool(database.get("ok")) and bool(store.get("ok"))
    response.status_code = 200 if healthy else 503
    return HealthResponse(status="ok" if healthy else "error", database=database, store=store)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"
