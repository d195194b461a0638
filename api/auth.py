"""API keys for institutions: ``Authorization: Bearer ea_…`` (or ``X-API-Key``)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request

from api.deps import LibraryDep
from api.mensajes import Refused
from api.raw_headers import first
from config.settings import IPNetwork
from indexer.db.reader_keys import READER_PREFIX, ReaderKeys
from indexer.db.registry import Caller, Registry


def get_registry(library: LibraryDep) -> Registry:
    return Registry(library.db)


RegistryDep = Annotated[Registry, Depends(get_registry)]


def presented_key(request: Request) -> str | None:
    """The key a request presents, if any (``Authorization: Bearer`` or ``X-API-Key``).
    Read from the raw headers (the first of each name, as ``request.headers.get``): every
    public read asks, and Starlette's ``Headers`` took 15 µs to say there is none."""
    raw = request.scope["headers"]
    authorization = first(raw, b"authorization")
    header = authorization.decode("latin-1") if authorization is not None else ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    key = first(raw, b"x-api-key")
    return key.decode("latin-1") or None if key is not None else None


def require_caller(request: Request, registry: RegistryDep) -> Caller:
    """The institution behind the request's key; 401 for a missing, unknown or revoked key.
    Calls without a valid key spend their client address's budget (429 once spent), so
    guessing keys is slow while institutions with keys never share a budget."""
    presented = presented_key(request)
    caller = registry.authenticate(presented) if presented is not None else None
    if caller is not None:
        return caller
    request.app.state.write_limiter.check(None, client_bucket(request))
    if presented is None:
        raise Refused(
            401,
            "an API key is required: Authorization: Bearer <key>",
            "se necesita una clave de acceso: Authorization: Bearer <clave>",
            {"WWW-Authenticate": "Bearer"},
        )
    if presented.startswith(f"{READER_PREFIX}_") and is_reader_key(registry, presented):
        raise Refused(
            403,
            "a reader key reads and holds alerts; sources are managed with an institution's key",
            "esta es una clave de lector: sirve para leer y para las alertas; las fuentes se "
            "registran y se consultan con la clave de una institución",
        )
    raise invalid_key()


def is_reader_key(registry: Registry, presented: str) -> bool:
    """Whether a key refused here is a reader's, valid: said as such (told "not valid or
    revoked", its holder would think the key lost)."""
    holder = ReaderKeys(registry.db).identify(presented)
    return holder is not None and holder.kind == "reader"


def invalid_key() -> Refused:
    """A key was presented that is unknown or revoked."""
    return Refused(
        401,
        "the API key is not valid or has been revoked",
        "la clave de acceso no es válida o fue revocada",
        {"WWW-Authenticate": "Bearer"},
    )


CallerDep = Annotated[Caller, Depends(require_caller)]


def client_address(request: Request) -> str:
    """The address the request came from. ``X-Forwarded-For`` is believed only when the
    peer is a configured proxy (``ABIERTO_TRUSTED_PROXIES``); then the client is the
    right-most address no trusted proxy added (the ones left of it anyone can forge)."""
    peer = request.client.host if request.client else "unknown"
    settings = getattr(request.app.state, "settings", None)
    proxies = settings.proxy_networks if settings is not None else ()
    if not proxies or not _within(peer, proxies):
        return peer
    hops = [h.strip() for v in request.headers.getlist("x-forwarded-for") for h in v.split(",")]
    client = peer
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # garbage before a trusted hop: the last hop we can vouch for sent it
        client = hop
        if not _within(hop, proxies):
            break
    return client


def client_bucket(request: Request) -> str:
    """Whose budget a call without a key spends: its client address (see
    :func:`address_bucket`)."""
    return address_bucket(client_address(request))


@lru_cache(maxsize=4096)  # the same few addresses ask again and again
def address_bucket(address: str) -> str:
    """The budget an address counts against: itself, but an IPv6 address by its /64 (one
    subscriber's network, whose 2^64 addresses are its own to pick from, so a limit per
    address would be no limit) and an IPv4-mapped one as its IPv4 address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((ip, 64), strict=False))


def _within(address: str, networks: tuple[IPNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)
