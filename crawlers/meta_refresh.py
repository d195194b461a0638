"""Where a page sends its reader on, by ``<meta http-equiv="refresh">`` or by the HTTP
``Refresh`` header (``Refresh: 0; url=/otra``), read alike by the crawl
(``crawlers.refresh``) and the preview: a refresh of less than ``METAREFRESH_MAXDELAY``
seconds, outside ``<noscript>``, of an HTML page. The preview's fetch followed HTTP
redirects only: a start page that sends on by a refresh previewed as a listing with
nothing in it (``selector_empty``) while the crawl read the listing behind it. Scrapy's
crawl read no ``Refresh`` header at all (the page sending on was read as the document),
and left a refresh to ``file:`` (or any scheme but http and https) unfollowed without a
word: the page was read as the document and counted ``missing_field``. Such a refresh
is now its own cause, ``redirect_refused``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from scrapy.http import HtmlResponse
from scrapy.settings.default_settings import METAREFRESH_IGNORE_TAGS, METAREFRESH_MAXDELAY
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

from config.web_urls import WEB_SCHEMES
from crawlers.base_tag import readable_base

REDIRECT_REFUSED = "redirect_refused"
BY_META = "meta refresh"
BY_HEADER = "Refresh header"
# the HTML refresh steps: a delay (digits, maybe a fraction), a separator, an optional
# ``url=``, the address (quotes around it dropped)
_HEADER = re.compile(
    r"\s*(?P<delay>[0-9]*\.?[0-9]+)[0-9.]*\s*[;,]?\s*(?:url\s*=\s*)?(?P<url>.*)",
    re.IGNORECASE | re.DOTALL | re.ASCII,
)
# what of a header's address is read: a longer one is no address a crawl follows
_MAX_TARGET_CHARS = 8192


@dataclass(frozen=True)
class Refresh:
    """A refresh to follow: where it leads, and by what (``BY_META``, ``BY_HEADER``)."""

    target: str
    by: str

    @property
    def refused(self) -> bool:
        """Whether it leads off the web (``file:``, ``ftp:``, ``javascript:``…)."""
        return urlsplit(self.target).scheme.lower() not in WEB_SCHEMES

    def refused_message(self) -> str:
        """The stored (English) note of a refusal; ``crawlers.causas`` says it in Spanish."""
        return f"{self.by} to {self.target[:300]}, which is not a web address: not followed"


def refresh_of(
    url: str, content_type: str | None, body: bytes, header: str | None = None
) -> Refresh | None:
    """The refresh an answer asks for, its ``Refresh`` header first (a browser's order),
    or None (not HTML, no refresh, too long a delay). One leading off the web is
    returned too, to be refused by its caller (``Refresh.refused``); one to the page
    itself too, a loop its caller says (``redirect_loop``)."""
    kind = (content_type or "text/html").lower()
    if "html" not in kind:
        return None
    return page_refresh(HtmlResponse(url=url, body=body, headers={"Content-Type": kind}), header)


def page_refresh(page: HtmlResponse, header: str | None = None) -> Refresh | None:
    """``refresh_of`` for a page already made (the crawl's response)."""
    if header is not None and (target := _header_target(page.url, header)) is not None:
        return Refresh(target, BY_HEADER)
    interval, target = get_meta_refresh(readable_base(page), ignore_tags=METAREFRESH_IGNORE_TAGS)
    if not target or interval is None or interval >= METAREFRESH_MAXDELAY:
        return None
    return Refresh(str(target), BY_META)


def _header_target(url: str, header: str) -> str | None:
    """The absolute address a ``Refresh`` header sends to within the delay followed."""
    found = _HEADER.match(header[:_MAX_TARGET_CHARS])
    if found is None or float(found.group("delay")) >= METAREFRESH_MAXDELAY:
        return None
    target = found.group("url").strip().strip("\"'").strip()
    if not target:
        return None  # «Refresh: 5» reloads the page itself
    try:
        return safe_url_string(urljoin(url, target))
    except ValueError:  # a port past 65535, say: no address a browser follows either
        return None
