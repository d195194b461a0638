"""Where a page sends its reader on with ``<meta http-equiv="refresh">``, as the crawl
follows it: Scrapy's ``MetaRefreshMiddleware`` takes a refresh of less than
``METAREFRESH_MAXDELAY`` seconds, outside ``<noscript>``, to an http(s) address. The
preview's fetch followed HTTP redirects only: a start page that sends on by a refresh
previewed as a listing with nothing in it (``selector_empty``) while the crawl read the
listing behind it, and a document behind one showed the refresh page, or was not marked
skipped when the refresh leads off ``allowed_domains``."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.http import HtmlResponse
from scrapy.settings.default_settings import METAREFRESH_IGNORE_TAGS, METAREFRESH_MAXDELAY
from scrapy.utils.response import get_meta_refresh

from config.web_urls import WEB_SCHEMES
from crawlers.base_tag import readable_base


def refreshed_to(url: str, content_type: str | None, body: bytes) -> str | None:
    """The address a page's meta refresh sends to, as the crawl would follow it, or None
    (not HTML, no refresh, too long a delay, not a web address, the page itself)."""
    kind = (content_type or "text/html").lower()
    if "html" not in kind:
        return None
    page = readable_base(HtmlResponse(url=url, body=body, headers={"Content-Type": kind}))
    interval, target = get_meta_refresh(page, ignore_tags=METAREFRESH_IGNORE_TAGS)
    if not target or interval is None or interval >= METAREFRESH_MAXDELAY:
        return None
    if urlsplit(target).scheme not in WEB_SCHEMES or target == url:
        return None
    return str(target)
