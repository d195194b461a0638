"""Web addresses as written by people and sites: the scheme is case-insensitive (RFC 3986
§3.1), so ``HTTP://`` and ``Https://`` are the http(s) they say and are kept in lower
case (one spelling per address: a document is not stored twice under two). A port must
be a number from 1 to 65535: port 0 reaches no server, and Python's parser accepts it."""

from __future__ import annotations

import ipaddress
import re

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
WEB_SCHEMES = ("http", "https")
# the longest address the crawl requests (Scrapy's URLLENGTH_LIMIT, set from this): a
# longer one is a counted ``bad_url`` (``crawlers.url_length``), a longer start URL a 422
MAX_URL_CHARS = 2083


def lower_scheme(url: str) -> str:
    """``url`` with its scheme in lower case (the rest as written)."""
    found = _SCHEME.match(url)
    if not found or found[1].islower():
        return url
    return found[1].lower() + url[found.end(1) :]


def port_problem(port: str) -> tuple[str, str] | None:
    """Why the text after a host's ``:`` is not a port one can connect to, in English and
    Spanish; None when it is one (or empty: the scheme's default)."""
    if port == "":
        return None
    if not (port.isascii() and port.isdigit()):
        return (
            f"the port {port[:20]!r} is not a number",
            f"el puerto «{port[:20]}» no es un número",
        )
    if not 1 <= int(port) <= 65535:
        return (
            f"the port {port[:20]} is out of range: it must be from 1 to 65535",
            f"el puerto {port[:20]} no existe: debe ser un número de 1 a 65535",
        )
    return None


def authority_port(netloc: str) -> str:
    """The text after the host's ``:`` in an authority (``user@host:port``), or ''."""
    host = netloc.rpartition("@")[2]
    if host.startswith("["):  # an IPv6 literal holds colons of its own
        return host.partition("]")[2].removeprefix(":")
    return host.partition(":")[2]


def bracket_problem(netloc: str) -> tuple[str, str] | None:
    """Why an authority's brackets hold no IPv6 address the crawler can reach, in English
    and Spanish; None when it has none or a valid one. Brackets hold only an IPv6 address
    (RFC 3986 §3.2.2) in ASCII: the resolver reads no full-width «１» in one (IDNA maps
    names, not addresses), an IPvFuture «[v1.x]» or an IPv4 address is read by none, and a
    zone id («[fe80::1%eth0]», RFC 6874) names the connecting machine's network card."""
    host = netloc.rpartition("@")[2]
    if "[" not in host and "]" not in host:
        return None
    inside, closed, _ = host.removeprefix("[").partition("]")
    example = "p. ej. http://[2001:db8::1]/"
    if not host.startswith("[") or not closed or "[" in inside or "]" in _:
        return (
            f"brackets in the host {host[:60]!r} must enclose the whole IPv6 address, once",
            f"los corchetes de «{host[:60]}» deben rodear una sola vez la dirección IPv6 "
            f"entera ({example})",
        )
    odd = next((c for c in inside if not c.isascii() or not c.isprintable()), None)
    if odd is not None:
        return (
            f"the IPv6 address {inside[:60]!r} holds {odd!r}, which is not ASCII",
            f"la dirección IPv6 «{inside[:60]}» lleva «{odd}», que no es una cifra ni una "
            f"letra simple: escríbala solo con cifras 0-9, letras a-f y dos puntos ({example})",
        )
    address, zoned, zone = inside.partition("%")
    if zoned:
        # a zone id («%eth0», «%25eth0») names a network card of the machine that
        # connects: no public address has one, and the address guard reads none
        return (
            f"the IPv6 address {inside[:60]!r} carries a zone id ({zone[:20]!r}): "
            "a public address has none",
            f"la dirección IPv6 «{inside[:60]}» lleva un identificador de zona "
            f"(«%{zone[:20]}»), que nombra una tarjeta de red de la máquina que se conecta: "
            f"una dirección pública no lo lleva; escríbala sin «%…» ({example})",
        )
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        if _is_v4(address):
            return (
                f"{address[:60]!r} is an IPv4 address: only IPv6 goes in brackets",
                f"«{address[:60]}» es una dirección IPv4: escríbala sin corchetes "
                "(solo una IPv6 va entre corchetes)",
            )
        return (
            f"{inside[:60]!r} is not an IPv6 address",
            f"«{inside[:60]}» no es una dirección IPv6: entre corchetes solo va una "
            f"dirección IPv6, con cifras 0-9, letras a-f y dos puntos ({example})",
        )
    return None


def _is_v4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True
