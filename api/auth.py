"""API keys for institutions: ``Authorization: Bearer ea_…`` (or ``X-API-Key``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.deps import LibraryDep
from indexer.db.registry import Caller, Registry


def get_registry(library: LibraryDep) -> Registry:
    return Registry(library.db)


RegistryDep = Annotated[Registry, Depends(get_registry)]


def _presented(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("x-api-key") or None


def require_caller(request: Request, registry: RegistryDep) -> Caller:
    """The institution behind the request's key; 401 for a missing, unknown or revoked key."""
    presented = _presented(request)
    if presented is None:
        raise HTTPException(
            401,
            "an API key is required: Authorization: Bearer <key>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    caller = registry.authenticate(presented)
    if caller is None:
        raise HTTPException(
            401, "the API key is not valid or has been revoked", {"WWW-Authenticate": "Bearer"}
        )
    return caller


CallerDep = Annotated[Caller, Depends(require_caller)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
