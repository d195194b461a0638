"""Web addresses as written by people and sites: the scheme is case-insensitive (RFC 3986
§3.1), so ``HTTP://`` and ``Https://`` are the http(s) they say and are kept in lower
case (one spelling per address: a document is not stored twice under two). A port must
be a number from 1 to 65535: port 0 reaches no server, and Python's parser accepts it."""

from __future__ import annotations

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
