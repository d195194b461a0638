"""An institution signs in on ``/fuentes`` with its API key, posted in a form (never in the
address); it is remembered for an hour by a signed cookie that holds the key's id, not the
key. A revoked key ends the sign-in at the next page."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from fastapi import Request

from indexer.db.registry import Caller, Registry

COOKIE = "ea_fuentes"
LIFETIME_S = 3600
SECRET_FILE = ".pages-secret"
SECRET_BYTES = 32


def _secret(request: Request) -> bytes:
    """One secret per data folder, so every worker of a deployment signs alike."""
    cached = getattr(request.app.state, "pages_secret", None)
    if cached:
        return bytes(cached)
    path = Path(request.app.state.settings.data_dir) / SECRET_FILE
    value = _read_secret(path)
    if value is None:
        value = _write_secret(path)
    request.app.state.pages_secret = value
    return value


def _read_secret(path: Path) -> bytes | None:
    """The stored secret; None when there is none, or one too short to keep (an empty
    file: a signature anyone could make)."""
    try:
        value = path.read_bytes()
    except FileNotFoundError:
        return None
    return value if len(value) >= SECRET_BYTES else None


def _write_secret(path: Path) -> bytes:
    """A new secret, written aside (owner-only) and put in place whole: a reader never
    sees a file half-written. Of two workers writing at once, the first link wins and
    both use what it holds; a file too short to keep is replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_bytes(SECRET_BYTES)
    aside = path.with_name(f"{SECRET_FILE}.{secrets.token_hex(8)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(aside, path)
        except FileExistsError:
            kept = _read_secret(path)
            if kept is not None:
                return kept
            os.replace(aside, path)  # too short: ours takes its place
    finally:
        aside.unlink(missing_ok=True)
    return _read_secret(path) or value


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
