"""Which addresses the crawler may reach: public ones only, unless a setting allows
loopback and private networks (tests and the demo). Checked on every request,
redirects included, after resolving the host name."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")


class BlockedAddress(Exception):
    """A URL the crawler refuses to fetch."""


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
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


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise BlockedAddress when the URL is not http(s) or resolves to a forbidden address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"scheme {parts.scheme!r} is not allowed: only http and https")
    host = parts.hostname
    if not host:
        raise BlockedAddress("URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise BlockedAddress(f"host {host!r} does not resolve: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        reason = _forbidden(address)
        if reason:
            raise BlockedAddress(f"{host} resolves to {address}, a {reason} address")
