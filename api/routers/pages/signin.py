"""An institution signs in on ``/fuentes`` with its API key, posted in a form (never in the
address); it is remembered for an hour by a signed cookie that holds the key's id, not the
key. A revoked key ends the sign-in at the next page, and so does signing out, for every
copy of the cookie (``api.routers.pages.signouts``).

The cookie's key is settled when the app starts (``pages_secret``), not at the first
sign-in: a disk that fills up later, or a data folder mounted read-only, must not turn
every sign-in into a 507. It is the folder's ``.pages-secret`` (never backed up: whoever
holds a backup could forge a sign-in), shared by every process that serves the folder."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request

from api.routers.pages.signouts import ended
from indexer.db.registry import Caller, Registry
from indexer.folder_secret import SECRET_BYTES, folder_secret

log = logging.getLogger(__name__)

COOKIE = "ea_fuentes"
LIFETIME_S = 3600
SECRET_FILE = ".pages-secret"
# the key ``serve`` hands its workers (hex) when the folder has no room for the file
HANDED_DOWN = "ABIERTO_PAGES_SECRET_HANDED_DOWN"


def pages_secret(data_dir: Path) -> bytes:
    """The key sign-in cookies are signed with: the one ``serve`` handed down, else the
    folder's file (made now if missing). When the file can neither be read nor written
    (full disk, read-only folder), one of this process's own, said in the log: sign-ins
    then last while it runs."""
    handed = os.environ.get(HANDED_DOWN, "")
    if len(handed) >= 2 * SECRET_BYTES:
        try:
            return bytes.fromhex(handed)
        except ValueError:
            log.warning("%s no es hexadecimal: se ignora", HANDED_DOWN)
    try:
        return folder_secret(Path(data_dir) / SECRET_FILE)
    except OSError as exc:
        log.warning(
            "no se pudo leer ni crear %s (%s): las sesiones de /fuentes se firman con una "
            "clave de este proceso y terminan al reiniciarlo",
            Path(data_dir) / SECRET_FILE,
            exc.strerror or exc,
        )
        return secrets.token_bytes(SECRET_BYTES)


def hand_down_pages_secret(data_dir: Path) -> None:
    """Before ``serve`` starts its workers: settle the key once, and when it is not in
    the folder (no room to write it), pass it on in the environment the workers inherit,
    so that every worker signs alike."""
    key = pages_secret(data_dir)
    try:
        kept = (Path(data_dir) / SECRET_FILE).read_bytes()
    except OSError:
        kept = b""
    if kept != key:
        os.environ[HANDED_DOWN] = key.hex()


def _sign(request: Request, payload: str) -> str:
    key: bytes = request.app.state.pages_secret
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def cookie_value(request: Request, caller: Caller) -> str:
    """``institution|key id|expiry|sign-in id|signature``: the sign-in id, random, is
    what signing out ends (``api.routers.pages.signouts``)."""
    expires = int(time.time()) + LIFETIME_S
    payload = f"{caller.institution_id}|{caller.key_id}|{expires}|{secrets.token_hex(16)}"
    return f"{payload}|{_sign(request, payload)}"


def secure_cookie(request: Request) -> bool:
    """Whether the browser came over https: the request's own scheme, or the public
    ``https`` address it named (a proxy in front that ends TLS speaks ``http`` to us)."""
    if request.url.scheme == "https":
        return True
    public = urlsplit(request.app.state.settings.public_url or "")
    host = request.headers.get("host", "").lower()
    return public.scheme == "https" and bool(host) and host == public.netloc.lower()


def sign_in_of(request: Request, registry: Registry) -> tuple[Caller, str] | None:
    """The caller a request's cookie signs in, and the sign-in's id; None when the
    cookie is missing, forged, expired, signed out, or its key revoked."""
    raw = request.cookies.get(COOKIE, "")
    payload, _, signature = raw.rpartition("|")
    parts = payload.split("|")
    # compared as bytes: a browser may send any byte in a cookie, and comparing a str
    # that is not ASCII raises (a 500 for a mangled or hostile cookie)
    given = signature.encode("utf-8", "surrogateescape")
    if len(parts) != 4 or not hmac.compare_digest(given, _sign(request, payload).encode()):
        return None
    institution, key_id, expires, sign_in_id = parts
    if not (expires.isascii() and expires.isdigit()) or int(expires) < time.time():
        return None
    if ended(request.app.state.settings.data_dir, sign_in_id):
        return None
    live = {k.id for k in registry.list_keys(institution) if k.revoked_at is None}
    return (Caller(institution, key_id), sign_in_id) if key_id in live else None


def signed_in(request: Request, registry: Registry) -> Caller | None:
    found = sign_in_of(request, registry)
    return found[0] if found is not None else None
