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
    return HealthResponse(
        status="ok" if healthy else "error",
        mensaje=_mensaje(bool(database.get("ok")), bool(store.get("ok"))),
        database=database,
        store=store,
    )


def _mensaje(database: bool, store: bool) -> str:
    """What a person reads: which part does not answer, in Spanish."""
    failing = [
        name
        for name, ok in (("la base de datos", database), ("el índice de búsqueda", store))
        if not ok
    ]
    if not failing:
        return "la base de datos y el índice de búsqueda responden"
    return f"no responde{'n' if len(failing) > 1 else ''} {' ni '.join(failing)}"


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"
