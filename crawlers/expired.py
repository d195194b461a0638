"""A page that says the visitor's session expired («Su sesión ha caducado», JSF's
ViewExpiredException), answered with a 200 in place of a listing, a document's page or a
file. Sites whose pages hang on a server session answer so to a crawl that carries none
(or a stale one): the listing was counted as «ningún elemento llegó a ser documento»,
a detail page became a document whose text was that notice. Read as ``soft_404`` reads
its pages: the title and headings, and short blocks that say so from their start; a
congress's transcript quoting «la sesión» is no such page."""

from __future__ import annotations

import re
from typing import Any

from crawlers.soft_404 import notice_said

_EXPIRED = re.compile(
    r"\bsesi[oó]n\s+(?:ha\s+)?(?:expirad[ao]|caducad[ao]|expir[oó]|caduc[oó]|vencid[ao]|venci[oó])\b"
    r"|\bsesi[oó]n\s+(?:de\s+usuario\s+)?(?:ha\s+)?(?:expirado|caducado)\b"
    r"|\bsession\s+(?:has\s+)?(?:expired|timed\s+out)\b|\bViewExpiredException\b",
    re.IGNORECASE,
)
# crawlers.causas reads it back: what the notice stood in place of, and what it said
SESSION = "session_expired"
SESSION_EXPIRED = "the site answered its 'session expired' page in place of the {what}"


def expired_said(page: Any) -> str | None:
    """What on ``page`` (an HTML response) says the session expired, at most 200
    characters, or None: read as an error page is (:func:`crawlers.soft_404.notice_said`)."""
    return notice_said(page, _EXPIRED, _EXPIRED, _EXPIRED)
