"""Which addresses the crawler may reach: public ones only. A setting allows loopback
(127.0.0.0/8, ::1) for tests and the demo, and nothing else. Every range of the IANA
IPv4 and IPv6 special-purpose address registries is refused (private, shared, link-local,
documentation, benchmarking, translation and tunnelling prefixes…), so are multicast and
IPv6 outside global unicast (2000::/3). IPv6 forms that carry an IPv4 address are judged
by it: ``::ffff:10.0.0.1`` is 10.0.0.1, and a NAT64 address ``64:ff9b::a.b.c.d`` is
refused when a.b.c.d is. Checked on every request, redirects included, after resolving
the host name; numeric hosts in any form the C library reads (``0x7f.1``, ``2130706433``)
are read here, without asking a resolver.

A *name* the resolver maps to a forbidden address is answered exactly as a name that
does not resolve (``HiddenHost``, a kind of ``UnresolvableHost``, with the same words):
the resolver is the server's, and telling "refused: it points inside" from "it does not
exist" would let anyone with a key learn which names exist in the server's network
(``postgres``, a split-horizon zone). The real reason goes to the server's log only. A
numeric host, and ``localhost`` and its subdomains (RFC 6761: loopback wherever asked),
are still refused by their kind: that answer depends on nothing the server knows.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from w3lib.url import safe_url_string

from config.web_urls import WEB_SCHEMES
from crawlers import lookups

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

log = logging.getLogger(__name__)

_V4 = ipaddress.ip_network
_SPECIAL_V4 = tuple(
    (_V4(network), name)
    for network, name in (
        ("0.0.0.0/8", "this-network"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "shared address space"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignment"),
        ("192.0.2.0/24", "documentation (TEST-NET-1)"),
        ("192.31.196.0/24", "AS112"),
        ("192.52.193.0/24", "AMT"),
        ("192.88.99.0/24", "6to4 relay anycast"),
        ("192.168.0.0/16", "private"),
        ("192.175.48.0/24", "AS112 direct delegation"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation (TEST-NET-2)"),
        ("203.0.113.0/24", "documentation (TEST-NET-3)"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("255.255.255.255/32", "limited broadcast"),
    )
)
# Most specific first: the first range containing an address names it.
_SPECIAL_V6 = tuple(
    (_V4(network), name)
    for network, name in (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("::/96", "IPv4-compatible (deprecated)"),
        ("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
        ("100::/64", "discard-only"),
        ("100:0:0:1::/64", "dummy prefix"),
        ("2001::/32", "Teredo"),
        ("2001:2::/48", "benchmarking"),
        ("2001:10::/28", "ORCHID"),
        ("2001:20::/28", "ORCHIDv2"),
        ("2001:30::/28", "drone remote ID"),
        ("2001::/23", "IETF protocol assignment"),
        ("2001:db8::/32", "documentation"),
        ("2002::/16", "6to4"),
        ("2620:4f:8000::/48", "AS112 direct delegation"),
        ("3fff::/20", "documentation"),
        ("5f00::/16", "segment routing"),
        ("fc00::/7", "unique local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local (deprecated)"),
        ("ff00::/8", "multicast"),
    )
)
_NAT64 = _V4("64:ff9b::/96")
_GLOBAL_UNICAST_V6 = _V4("2000::/3")
_LOOPBACK_V4 = _V4("127.0.0.0/8")
_INET_ATON_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


class BlockedAddress(Exception):
    """A URL the crawler refuses to fetch."""


class UnresolvableHost(BlockedAddress):
    """A host name the resolver gives no address for: not fetched, and not forbidden
    either (the crawl counts it as ``dns``, not as a blocked address)."""

    def __init__(self, host: str, reason: object) -> None:
        # the resolver's own words stay in the log: "no address associated with the
        # name" (it exists) and "name not known" would tell internal names apart
        super().__init__(f"host {host!r} does not resolve to a public address")
        self.host = host
        log.info("host %r does not resolve: %s", host[:200], reason)


class HiddenHost(UnresolvableHost):
    """A name the server's resolver maps to a forbidden address: said to the caller as
    an unresolvable one; its real reason (the kind of address) only in the server log."""

    def __init__(self, host: str, reason: str) -> None:
        BlockedAddress.__init__(self, f"host {host!r} does not resolve to a public address")
        self.host = host
        self.reason = refused_name(host, reason)
        log.warning(
            "refused %r: it resolves to a %s address (the caller is told it does not resolve)",
            host[:200],
            reason,
        )


class SlowHost(UnresolvableHost):
    """A host name whose DNS gave no answer in time: counted as ``dns`` by a crawl, named
    in a 4xx by the API."""

    def __init__(self, host: str, reason: lookups.LookupTooSlow) -> None:
        super().__init__(host, reason)
        self.args = (f"host {host!r} does not resolve: {reason}",)
        self.seconds = reason.seconds


class ResolverBusy(UnresolvableHost):
    """Every place for a host-name lookup is taken, the server's or the share of the
    institution asking (``own``): try again shortly (a 503)."""

    def __init__(self, host: str, reason: lookups.LookupsBusy) -> None:
        super().__init__(host, reason)
        self.args = (f"could not look up {host!r} now: {reason}",)
        self.own = reason.own


def forbidden_reason(address: Address, allow_loopback: bool = False) -> str | None:
    """Why the crawler must not connect to this address (None when it may)."""
    if isinstance(address, ipaddress.IPv6Address):
        return _forbidden_v6(address.__class__(address.packed), allow_loopback)
    if address in _LOOPBACK_V4 and allow_loopback:
        return None
    return next((name for network, name in _SPECIAL_V4 if address in network), None)


def _forbidden_v6(address: ipaddress.IPv6Address, allow_loopback: bool) -> str | None:
    if address.ipv4_mapped is not None:  # a connection to it is an IPv4 connection
        reason = forbidden_reason(address.ipv4_mapped, allow_loopback)
        return f"IPv4-mapped {reason}" if reason else None
    if address in _NAT64:  # a translator reaches the IPv4 address inside
        inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        reason = forbidden_reason(inner)  # said by its kind (see ``refused_name``)
        return f"NAT64 (carrying a {reason} IPv4 address)" if reason else None
    if address == ipaddress.IPv6Address("::1") and allow_loopback:
        return None
    named = next((name for network, name in _SPECIAL_V6 if address in network), None)
    if named:
        return named
    return None if address in _GLOBAL_UNICAST_V6 else "not global unicast"


# the full stops IDNA reads as a label separator (RFC 3490 §3.1)
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


def as_resolved(host: str) -> str:
    """A host as the crawler and the resolver read it: the crawler writes a URL's host as
    ``w3lib`` does (percent-escapes decoded, IDNA), and IDNA maps compatibility characters
    by NFKC, so «%31%32%37.0.0.1», «①②⑦.0.0.1», full-width «１２７．０．０．１»,
    mathematical digits and «ｌｏｃａｌｈｏｓｔ» are 127.0.0.1 and localhost, and must be
    judged as those. One that IDNA cannot encode (which no resolver then reaches) is
    read by NFKC alone."""
    if host.isascii() and "%" not in host:
        return host
    if ":" not in host:  # (an IPv6 literal is read as it is)
        try:
            read = urlsplit(safe_url_string(f"http://{host}/")).hostname or host
        except ValueError:
            read = host
        if read.isascii():
            return read
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return unicodedata.normalize("NFKC", host).translate(_DOTS).casefold()


def literal_address(host: str) -> Address | None:
    """The address a numeric host stands for, in every form ``inet_aton`` reads
    (``127.1``, ``0x7f.0.0.1``, ``017700000001``, ``2130706433``) and IPv6 (a zone
    ``%eth0`` dropped); None for a name."""
    host = host[:-1] if host.endswith(".") else host
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    values = [_aton_part(part) for part in host.split(".")]
    if not 1 <= len(values) <= 4 or None in values:
        return None
    *leading, last = values
    if any(v > 255 for v in leading) or last >= 256 ** (5 - len(values)):  # type: ignore[operator]
        return None
    number = last
    for position, value in enumerate(leading):
        number |= value << (8 * (3 - position))  # type: ignore[operator]
    return ipaddress.IPv4Address(number)


def _aton_part(text: str) -> int | None:
    """One dot-separated part as ``inet_aton`` reads it: hex, octal (leading 0), decimal."""
    if not _INET_ATON_PART.fullmatch(text):
        return None
    if text[:2].lower() == "0x":
        return int(text[2:] or "0", 16)
    if text.startswith("0"):
        return int(text, 8)
    # past any address (2**32 has 10 digits), and a decimal of thousands of digits is past
    # what int() converts (a ValueError: a start URL's host made registration a 500)
    return int(text) if len(text) <= 10 else 1 << 32


def resolve_checked(host: str, port: int, allow_loopback: bool, owner: str = "") -> list[str]:
    """The addresses a host resolves to, refusing the whole host if any is forbidden (a
    name that answers with a private address is not trusted for its public ones); the
    lookup is bounded (``crawlers.lookups``)."""
    outcome = check_hosts([(host, port)], allow_loopback, owner)[(host, port)]
    if isinstance(outcome, BlockedAddress):
        raise outcome
    return outcome


def check_hosts(
    targets: Iterable[tuple[str, int]], allow_loopback: bool, owner: str = ""
) -> dict[tuple[str, int], list[str] | BlockedAddress]:
    """Each host's checked addresses, or why it may not be fetched, the names among them
    looked up at once within one deadline."""
    targets = list(dict.fromkeys(targets))
    # each host as the crawler reads it (``as_resolved``) is the one judged and looked up
    read = {target: (as_resolved(target[0]), target[1]) for target in targets}
    literals = {target: literal_address(read[target][0]) for target in targets}
    outcomes: dict[tuple[str, int], list[str] | BlockedAddress] = {}
    for target, literal in literals.items():
        if literal is None and not allow_loopback and loopback_name(read[target][0]):
            outcomes[target] = BlockedAddress(refused_name(target[0], "loopback"))
    names = [read[t] for t, literal in literals.items() if literal is None and t not in outcomes]
    looked = lookups.LOOKUPS.resolve_all(names, owner) if names else {}
    found = {target: looked[read[target]] for target in targets if read[target] in looked}
    for target in targets:
        if target in outcomes:
            continue
        host = target[0]
        literal = literals[target]
        answer = [str(literal)] if literal is not None else found[target]
        if isinstance(answer, lookups.LookupTooSlow):
            outcomes[target] = SlowHost(host, answer)
        elif isinstance(answer, lookups.LookupsBusy):
            outcomes[target] = ResolverBusy(host, answer)
        elif isinstance(answer, Exception):
            outcomes[target] = UnresolvableHost(host, answer)
        else:
            outcomes[target] = _checked(host, answer, allow_loopback, literal is None)
    return outcomes


def loopback_name(host: str) -> bool:
    """``localhost`` and its subdomains, which RFC 6761 has resolve to loopback."""
    name = host.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


def _checked(
    host: str, addresses: list[str], allow_loopback: bool, named: bool = False
) -> list[str] | BlockedAddress:
    for text in addresses:
        reason = forbidden_reason(ipaddress.ip_address(text), allow_loopback)
        if reason:
            return HiddenHost(host, reason) if named else BlockedAddress(refused_name(host, reason))
    return addresses


def refused_name(host: str, reason: str) -> str:
    """Why a name is refused, without the address it resolved to: the answer is the
    server's resolver's (``postgres`` in a compose network, a split-horizon zone, its
    /etc/hosts), and whoever holds a key would map the server's network by it. The kind
    of range is said (a site's own DNS pointing at a private address is what to fix)."""
    return f"{host} resolves to a {reason} address"


def check_authority(netloc: str) -> None:
    """Refuse a host part that parsers read differently: ``a\\@b`` is host ``b`` with a
    user name to Python, and host ``a`` to browsers and the crawler (WHATWG reads a
    backslash as a slash), so the address checked would not be the one fetched."""
    if "\\" in netloc:
        raise BlockedAddress(
            f"the host part {netloc[:100]!r} holds a backslash: some read the host before "
            "it, others after it"
        )


def url_target(url: str) -> tuple[str, int]:
    """The (host, port) a URL reaches, refusing what is not an http(s) URL to a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedAddress(f"malformed URL {url[:200]!r}: {exc}") from exc
    if parts.scheme not in WEB_SCHEMES:
        raise BlockedAddress(f"scheme {parts.scheme!r} is not allowed: only http and https")
    check_authority(parts.netloc)
    host = parts.hostname
    if not host:
        raise BlockedAddress("URL has no host")
    if port == 0:
        raise BlockedAddress("port 0 reaches no server: a port is from 1 to 65535")
    return host, port or 443


def check_url(url: str, allow_loopback: bool = False, owner: str = "") -> None:
    """Raise BlockedAddress when the URL is not http(s) or resolves to a forbidden address."""
    resolve_checked(*url_target(url), allow_loopback, owner)


def spec_ports(value: Any) -> Iterable[int]:
    """The ports of every http(s) address written in a spec (its JSON form)."""
    for _, port in spec_authorities(value):
        yield port


def spec_authorities(value: Any) -> Iterable[tuple[str, int]]:
    """(host, port) of every http(s) address written in a spec (its JSON form): the host
    in lower case without a final dot, the port its scheme's when none is written."""
    if isinstance(value, dict):
        for item in value.values():
            yield from spec_authorities(item)
    elif isinstance(value, list):
        for item in value:
            yield from spec_authorities(item)
    elif isinstance(value, str) and value[:8].lower().startswith(("http://", "https://")):
        try:
            parts = urlsplit(value)
            port = parts.port or _default_port(parts.scheme)
        except ValueError:
            return
        yield (parts.hostname or "").rstrip(".").lower(), port


def _default_port(scheme: str) -> int:
    return 443 if scheme.lower() == "https" else 80


def unnamed_port(
    url: str,
    named: frozenset[tuple[str, int]],
    resolved: Callable[[], Iterable[str]],
    allow_loopback: bool,
) -> str | None:
    """The crawl's refusal of the port ``url`` reaches (its message), or None: ``named``
    holds the (host, port) pairs of the spec's addresses (``spec_authorities``),
    ``resolved()`` what the URL's host resolves to (asked only when needed; an empty
    answer when it fails: the fetch then says why). A port written in the URL other than
    its scheme's (80, 443) is reached only where the spec names that host and port (a
    redirect from a site to its own port 6379 reached whatever listens there); with
    loopback allowed (``ABIERTO_ALLOW_LOOPBACK``) this machine is reached only at the
    ports the spec names, whatever name or address leads to it."""
    try:
        parts = urlsplit(url)
        given = parts.port
    except ValueError:
        return None  # the fetch refuses a malformed address on its own
    host = (parts.hostname or "").rstrip(".").lower()
    port = given or _default_port(parts.scheme)
    if not named or (host, port) in named:
        return None
    ports = {p for _, p in named}
    written = loopback_address(host) or loopback_name(host)
    other = given is not None and given != _default_port(parts.scheme)
    if other and (not allow_loopback or (port not in ports and not written)):
        return other_port_message(host, port, named)  # said without a lookup
    if not (allow_loopback or other):
        return None  # a scheme's own port: allowed_domains' to say (loopback is refused)
    if not (written or any(loopback_address(a) for a in resolved())):
        return other_port_message(host, port, named) if other else None
    if allow_loopback and port not in ports:
        shown = ", ".join(str(p) for p in sorted(ports))
        return (
            f"blocked address: {host}:{port} is a loopback port the spec does not name "
            f"(its addresses name {shown})"
        )
    return None


def other_port_message(host: str, port: int, named: frozenset[tuple[str, int]]) -> str:
    """A port the spec's addresses do not name for its host, said as the crawl counts it."""
    shown = ", ".join(f"{h}:{p}" for h, p in sorted(named))
    if len(shown) > 200:
        shown = shown[:199] + "…"
    return (
        f"blocked address: {host}:{port} is a port the spec's addresses do not name "
        f"(they name {shown})"
    )


def loopback_address(address: str) -> bool:
    """Whether a resolved address (or a literal host) is a loopback one."""
    try:
        return ipaddress.ip_address(address.strip("[]").split("%", 1)[0]).is_loopback
    except ValueError:
        return False
