"""Which stored addresses may be emitted as links: only web ones (``http``/``https``).

A ``javascript:`` or ``data:`` address can still reach a document through a restored
backup or an old row; the page, the Atom feed and the JSON-LD all ask here so none of
them links it.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def web_address(url: object) -> str | None:
    """The address itself when it is a web address, else None."""
    text = str(url or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return text if scheme in ("http", "https") else None


def safe_href(url: object) -> str:
    """An ``href`` for a page: the web address, or ``#`` for anything else."""
    return web_address(url) or "#"
