"""Which addresses the crawler may reach: public ones only. A setting allows loopback
(127.0.0.0/8, ::1) for tests and the demo, and nothing else: private networks,
link-local (cloud metadata), multicast and reserved ranges are always refused. Checked on
every request, redirects included, after resolving the host name."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")


class BlockedAddress(Exception):
    """A URL the crawler refuses to fetch."""


def forbidden_reason(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_loopback: bool = False
) -> str | None:
    """Why the crawler must not connect to this address (None when it may)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if allow_loopback and address.is_loopback:
        return None
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("shared address space", address in SHARED_ADDRESS_SPACE),
    )
    return next((name for name, hit in checks if hit), None)


def lookup(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))


def resolve_checked(host: str, port: int, allow_loopback: bool) -> list[str]:
    """The addresses a host resolves to, refusing the whole host if any is forbidden (a
    name that answers with a private address is not trusted for its public ones)."""
    try:
        addresses = lookup(host, port)
    except (OSError, UnicodeError) as exc:
        raise BlockedAddress(f"host {host!r} does not resolve: {exc}") from exc
    for text in addresses:
        reason = forbidden_reason(ipaddress.ip_address(text), allow_loopback)
        if reason:
            raise BlockedAddress(f"{host} resolves to {text}, a {reason} address")
    return addresses


def check_url(url: str, allow_loopback: bool = False) -> None:
    """Raise BlockedAddress when the URL is not http(s) or resolves to a forbidden address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"scheme {parts.scheme!r} is not allowed: only http and https")
    host = parts.hostname
    if not host:
        raise BlockedAddress("URL has no host")
    resolve_checked(host, parts.port or 443, allow_loopback)
