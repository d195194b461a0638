"""Links as legacy sites write them: with spaces, backslashes, ``javascript:`` wrappers;
and links no request can be made for (port 0 or 99999, a port that is not a number, a broken
IPv6 host, a user and password before the host) told apart from missing ones, so a
spider counts them as ``bad_url``."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from scrapy.utils.response import get_base_url

from config.web_urls import WEB_SCHEMES, authority_port, lower_scheme, port_problem
from indexer.db.audited_spec import without_secrets

_NOT_A_PAGE = ("javascript:", "mailto:", "tel:", "data:", "#")


class BadLink(ValueError):
    """A link that is there but malformed; the message quotes it and says what is wrong."""


# a script's quoted document: a file, or a server page that serves one (an ASP.NET
# handler "ObtenerDocumento.ashx?id=9", a Java "ver.jsp?id=7" or "consulta.do?id=3", as
# state judiciaries' listings call them)
_JS_URL = re.compile(
    r"""['"]([^'"]+\.(?:pdf|html?|aspx?|ashx|php|jsp|do|cfm|docx?)(?:\?[^'"]*)?)['"]""", re.I
)
# an ``onclick`` a spec reads as the link: a call or an assignment given a quoted text
# (``window.open('Sentencia 12.PDF')``, ``location.href='ver.php?id=4'``,
# ``return abrir("doc.pdf")``), script as a ``javascript:`` link's is
_SCRIPT = re.compile(r"""^(?:return\s+)?[\w.$]+\s*(?:\(|=)\s*['"]""")


def is_script(link: str) -> bool:
    """Whether a link is script (``javascript:…``, an ``onclick``'s call) rather than
    an address."""
    value = link.strip()
    return value.lower().startswith("javascript:") or bool(_SCRIPT.match(value))


_NO_OP = re.compile(r"javascript:\s*(?:void\s*\(\s*0?\s*\)|false|null|undefined)?\s*;?\s*$", re.I)


def does_nothing(link: str) -> bool:
    """``javascript:void(0)``, ``javascript:;``: a link that stands for none (a pager's
    "Siguiente" on its last page, a button whose handler is elsewhere)."""
    return bool(_NO_OP.match(link.strip()))


def script_only(link: str | None) -> bool:
    """A link a script follows (``javascript:cargarPagina(2)``) that names no address:
    there is a page behind it that only a browser reaches."""
    if not link:
        return False
    return is_script(link) and not does_nothing(link) and not clean_link(link)


def clean_link(link: str | None) -> str | None:
    """The address in a link as a browser would read it, or None when it is not one:
    whitespace trimmed (sites pad ``href``s), backslashes as slashes (IIS sites), a file
    named inside ``javascript:abrir('doc.pdf')`` taken out. Backslashes in the query are
    data (``controller.aspx?file=~\\files\\x.pdf``) and stay. An ``onclick``'s script
    (``window.open('doc.pdf')``) is read as a ``javascript:`` link is."""
    if not link:
        return None
    path, mark, query = link.strip().partition("?")
    value = path.replace("\\", "/") + mark + query
    lowered = value.lower()
    if lowered.startswith("javascript:") or _SCRIPT.match(value):
        found = _JS_URL.search(value)
        return found[1] if found else None
    if not value or lowered.startswith(_NOT_A_PAGE):
        return None
    return value


NO_ADDRESS = "is no address to fetch"


def not_an_address(link: str | None) -> str | None:
    """Why a link that is written is no address a crawl can fetch (``clean_link`` gives
    None for it): a script with no file in it, a ``data:`` URI, an e-mail, a fragment of
    the page; None when there is no link, or it is an address. Said in English, ending
    in ``NO_ADDRESS`` (``crawlers.causas`` says it in Spanish)."""
    if not link or not link.strip() or clean_link(link):
        return None
    value = " ".join(link.split())
    shown = repr(value[:80] + ("…" if len(value) > 80 else ""))
    if value.startswith("#"):
        return f"{shown} points within a page: it {NO_ADDRESS}"
    scheme = value.partition(":")[0].lower() if ":" in value else ""
    if scheme == "javascript" or _SCRIPT.match(value):
        return f"{shown} is script only: it {NO_ADDRESS}"
    return f"{shown} is a {scheme[:20]}: link: it {NO_ADDRESS}"


_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _shown_as_requested(url: str) -> str:
    """``url`` with its invisible characters percent-encoded, as the request carries them:
    a control or format character (U+202E, which reverses how the rest displays; U+200B)
    kept raw in a document's address would show a different address than was fetched."""
    if url.isascii():
        return _ASCII_CONTROL.sub(lambda m: quote(m[0], safe=""), url)
    return "".join(quote(c, safe="") if unicodedata.category(c) in ("Cc", "Cf") else c for c in url)


# parameters whose meaning is certain and selects no content: a session by its server
# platform's own name, and a campaign's tracking. ``sid`` and ``sessionid`` name other
# things too (a section, a series; a legislature's session, ``sessionid=45``): only a
# long random token in them (phpBB's 32 hex digits) is a server's session.
_SESSION_NAMES = frozenset({"jsessionid", "phpsessid"})
_TOKEN_NAMES = frozenset({"sid", "sessionid", "session_id"})
_TRACKING_NAMES = frozenset({"gclid", "fbclid", "msclkid"})
_ASP_SESSION = re.compile(r"aspsessionid[a-z]{8}", re.IGNORECASE)
_TOKEN = re.compile(r"(?=.*[a-zA-Z])[0-9a-zA-Z]{20,}")
_PATH_SESSION = re.compile(r";jsessionid=[^/?#;]*", re.IGNORECASE)
# ASP.NET's cookieless session, and its other cookieless tickets, as a segment of the
# path: /(S(lit3py55t21z5v55vlm25s55))/default.aspx, /(X(1)S(…)A(…))/…; the site
# redirects an address without one to a new one, so every crawl met other addresses
_ASPNET_SESSION = re.compile(r"/\((?:[A-Za-z]\([0-9A-Za-z_-]*\))+\)(?=/|$)")


def _session_or_tracking(pair: str) -> bool:
    name, _, value = pair.partition("=")
    name = name.lower()
    return (
        name in _SESSION_NAMES
        or name in _TRACKING_NAMES
        or name.startswith("utm_")
        or bool(_ASP_SESSION.fullmatch(name))
        or (name in _TOKEN_NAMES and bool(_TOKEN.fullmatch(value)))
    )


def without_session(url: str) -> str:
    """``url`` without the session and tracking parameters that make one page many
    addresses (``;jsessionid=…``, ASP.NET's ``/(S(…))/``, ``PHPSESSID``,
    ``ASPSESSIONID…``, a ``sid`` or ``sessionid`` holding a token, ``utm_*``,
    ``gclid``/``fbclid``): each became a document of its own. Anything else is kept as
    it was written, in its order; a URL without them is returned unchanged, character
    for character (its document's id depends on it)."""
    rest, hash_mark, fragment = url.partition("#")
    path, mark, query = rest.partition("?")
    if ";jsessionid=" in path.lower():
        path = _PATH_SESSION.sub("", path)
    if "/(" in path:
        path = _ASPNET_SESSION.sub(lambda m: "" if m.end() < len(path) else "/", path)
    if mark and query:
        pairs = query.split("&")
        kept = [pair for pair in pairs if not _session_or_tracking(pair)]
        if len(kept) != len(pairs):
            query = "&".join(kept)
            mark = "?" if query else ""
    return path + mark + query + hash_mark + fragment


def without_credentials(url: str, secrets: tuple[str, ...]) -> str:
    """``url`` as a document or file address is published: without the query parameters
    that carry one of its spec's credentials (``secrets``, ``spec_secrets``), a key a
    feed's or a site's address asks for; anything else as it was written. A credential
    elsewhere in it (the path) is masked."""
    if not secrets or without_secrets(url, secrets) == url:
        return url
    rest, hash_mark, fragment = url.partition("#")
    path, _, query = rest.partition("?")
    kept = [pair for pair in query.split("&") if pair and without_secrets(pair, secrets) == pair]
    query = f"?{'&'.join(kept)}" if kept else ""
    return f"{without_secrets(path, secrets)}{query}{hash_mark}{without_secrets(fragment, secrets)}"


def absolute(base: str, link: str | None) -> str | None:
    """The link made absolute against ``base``; None when there is no link, BadLink when
    there is one that cannot be fetched."""
    cleaned = clean_link(link)
    if not cleaned:
        return None
    try:
        url = _shown_as_requested(lower_scheme(urljoin(base, cleaned)))
        url.encode("utf-8")
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check: it raises on a bad port
    except ValueError as exc:  # UnicodeError included
        raise BadLink(f"{cleaned[:200]!r}: {exc}") from exc
    bad_port = port_problem(authority_port(parts.netloc))
    if bad_port:
        raise BadLink(f"{cleaned[:200]!r}: {bad_port[0]}")
    if parts.scheme not in WEB_SCHEMES:
        raise BadLink(f"{cleaned[:200]!r}: not a web address ({parts.scheme}:)")
    if not parts.hostname:
        raise BadLink(f"{cleaned[:200]!r}: the link has no host")
    if parts.username is not None or parts.password is not None:
        # no request can carry it (the downloader refuses such a host), and its address
        # would publish the credentials with every document and file made from it
        shown = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        raise BadLink(f"{shown[:200]!r}: the link carries a user or password (user:password@)")
    return without_session(url)


def without_fragment(url: str | None) -> str | None:
    """The document a link names: its address without the ``#section`` that points into
    it. The server is never sent the fragment, so ``issue.html#Iniciativa1`` and
    ``issue.html#Iniciativa2`` (a gazette's index of its own sections) are one page, one
    document, not one per anchor under the first anchor's name."""
    return url.partition("#")[0] if url else url


def page_base(page: Any) -> str:
    """The address a page's relative links are read against: its ``<base href>``, unless
    that is no web address (``file:``, ``javascript:``, ``ftp:``: no crawl could follow
    a link read against it); then the page's own. One bad tag must not cost every link."""
    try:
        base = get_base_url(page)
        scheme = urlsplit(base).scheme.lower()
    except ValueError:
        return str(page.url)
    return base if scheme in WEB_SCHEMES else str(page.url)
