"""An institution signs in on ``/fuentes`` with its API key, posted in a form (never in the
address); it is remembered for an hour by a signed cookie that holds the key's id, not the
key. A revoked key ends the sign-in at the next page."""

from __future__ import annotations

import hashlib
import hmac
import time
from pathlib import Path

from fastapi import Request

from indexer.db.registry import Caller, Registry
from indexer.folder_secret import folder_secret

COOKIE = "ea_fuentes"
LIFETIME_S = 3600
SECRET_FILE = ".pages-secret"


def _secret(request: Request) -> bytes:
    """One secret per data folder, so every worker of a deployment signs alike."""
    cached = getattr(request.app.state, "pages_secret", None)
    if cached:
        return bytes(cached)
    value = folder_secret(Path(request.app.state.settings.data_dir) / SECRET_FILE)
    request.app.state.pages_secret = value
    return value


def _sign(request: Request, payload: str) -> str:
    return hmac.new(_secret(request), payload.encode(), hashlib.sha256).hexdigest()


def cookie_value(request: Request, caller: Caller) -> str:
    payload = f"{caller.institution_id}|{caller.key_id}|{int(time.time()) + LIFETIME_S}"
    return f"{payload}|{_sign(request, payload)}"


def signed_in(request: Request, registry: Registry) -> Caller | None:
    raw = request.cookies.get(COOKIE, "")
    payload, _, signature = raw.rpartition("|")
    parts = payload.split("|")
    if len(parts) != 3 or not hmac.compare_digest(signature, _sign(request, payload)):
        return None
    institution, key_id, expires = parts
    if not expires.isdigit() or int(expires) < time.time():
        return None
    live = {k.id for k in registry.list_keys(institution) if k.revoked_at is None}
    return Caller(institution, key_id) if key_id in live else None
