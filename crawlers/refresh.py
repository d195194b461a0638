"""The crawl's refresh follower, in place of Scrapy's ``MetaRefreshMiddleware``: it also
follows the HTTP ``Refresh`` header, and fails a refresh leading off the web as
``redirect_refused`` rather than reading the page that asked for it as the document.
A refresh followed is a redirect like a 3xx: counted in the same ``REDIRECT_MAX_TIMES``,
checked by the address guard and robots.txt like any request, and a loop back to an
address of its chain is a ``redirect_loop`` (``BaseSpider.request_dropped``)."""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.httpobj import urlparse_cached

from config.web_urls import WEB_SCHEMES
from crawlers.meta_refresh import page_refresh

SCRAPY_REFRESH = "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"


class RefusedRedirect(IgnoreRequest):
    """A refresh to an address that is not on the web (``file:``…): not followed."""


class GuardedRefreshMiddleware(MetaRefreshMiddleware):
    """Follows a page's meta refresh or ``Refresh`` header (``crawlers.meta_refresh``)."""

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if (
            request.meta.get("dont_redirect", False)
            or request.method == "HEAD"
            or not isinstance(response, HtmlResponse)
            or urlparse_cached(request).scheme not in WEB_SCHEMES
        ):
            return response
        header = response.headers.get(b"Refresh")
        found = page_refresh(response, header.decode("latin-1") if header is not None else None)
        if found is None:
            return response
        if found.refused:
            raise RefusedRedirect(found.refused_message())
        redirected = self._redirect_request_using_get(request, response, found.target)
        return self._redirect(redirected, request, found.by)
