"""Generic spiders, one per source shape."""

from crawlers.spiders.html_listing import HtmlListingSpider

SPIDERS_BY_SHAPE = {"html_listing": HtmlListingSpider}

__all__ = ["SPIDERS_BY_SHAPE", "HtmlListingSpider"]
