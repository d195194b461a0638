"""Links as legacy sites write them: with spaces, backslashes, ``javascript:`` wrappers."""

from __future__ import annotations

import re
from urllib.parse import urljoin

_NOT_A_PAGE = ("javascript:", "mailto:", "tel:", "data:", "#")
_JS_URL = re.compile(r"""['"]([^'"]+\.(?:pdf|html?|aspx?|php|docx?)(?:\?[^'"]*)?)['"]""", re.I)


def clean_link(link: str | None) -> str | None:
    """The address in a link as a browser would read it, or None when it is not one:
    whitespace trimmed (sites pad ``href``s), backslashes as slashes (IIS sites), a file
    named inside ``javascript:abrir('doc.pdf')`` taken out. Backslashes in the query are
    data (``controller.aspx?file=~\\files\\x.pdf``) and stay."""
    if not link:
        return None
    path, mark, query = link.strip().partition("?")
    value = path.replace("\\", "/") + mark + query
    lowered = value.lower()
    if lowered.startswith("javascript:"):
        found = _JS_URL.search(value)
        return found[1] if found else None
    if not value or lowered.startswith(_NOT_A_PAGE):
        return None
    return value


def absolute(base: str, link: str | None) -> str | None:
    cleaned = clean_link(link)
    return urljoin(base, cleaned) if cleaned else None
