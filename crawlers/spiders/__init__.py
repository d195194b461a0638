"""Generic spiders, one per source shape."""

from crawlers.spiders.base import SpecSpider
from crawlers.spiders.feed import FeedSpider
from crawlers.spiders.html_listing import HtmlListingSpider
from crawlers.spiders.json_api import JsonApiSpider
from crawlers.spiders.sitemap import SitemapSpider
from crawlers.spiders.video_channel import VideoChannelSpider

SPIDERS_BY_SHAPE: dict[str, type[SpecSpider]] = {
    "html_listing": HtmlListingSpider,
    "feed": FeedSpider,
    "sitemap": SitemapSpider,
    "video_channel": VideoChannelSpider,
    "json_api": JsonApiSpider,
}

__all__ = [
    "SPIDERS_BY_SHAPE",
    "FeedSpider",
    "HtmlListingSpider",
    "JsonApiSpider",
    "SitemapSpider",
    "SpecSpider",
    "VideoChannelSpider",
]
