"""Whether a form was posted from another site.

A sign-in form posted from another site would sign the visitor in with the other site's
key (login CSRF): what they then register or read on ``/fuentes`` would be that
institution's, unknown to them. Browsers say where a form came from: ``Origin`` on every
POST (``null`` when the page hides it), ``Referer`` unless hidden, ``Sec-Fetch-Site``. A
post that names another origin, or hides its own, is refused; one that names none (a
program, not a browser) cannot have been forged by a page and is let through. This needs
no JavaScript and no token in the form.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request


def _authority(address: str) -> str | None:
    """``host[:port]`` of an absolute http(s) address, lower-cased; None for any other."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.rpartition("@")[2].lower()


def _own(request: Request) -> set[str]:
    """The authorities this service answers as: the request's ``Host`` and, when set,
    ``ABIERTO_PUBLIC_URL``'s (a proxy in front may pass on another ``Host``)."""
    own = {request.headers.get("host", "").lower()}
    public = request.app.state.settings.public_url
    if public:
        own.add(_authority(public) or "")
    return own - {""}


def from_elsewhere(request: Request) -> bool:
    """Whether the browser says the post came from another site (or hid where from)."""
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        return True
    origin = request.headers.get("origin")
    if origin is None:
        origin = request.headers.get("referer")
    if origin is None:
        return False
    return _authority(origin) not in _own(request)
