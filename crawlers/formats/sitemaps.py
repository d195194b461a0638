"""sitemap.xml, sitemap indexes, Google News sitemaps and robots.txt ``Sitemap:`` lines."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
from dataclasses import dataclass, field

from crawlers.formats.feeds import parse_moment
from crawlers.formats.xml import HostileXML, first_text, xml_selector

MAX_UNZIPPED = 50 * 1024 * 1024
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class SitemapUrl:
    loc: str
    lastmod: dt.datetime | None = None
    title: str | None = None  # news:title
    published: dt.datetime | None = None  # news:publication_date


@dataclass
class Sitemap:
    urls: list[SitemapUrl] = field(default_factory=list)
    children: list[SitemapUrl] = field(default_factory=list)  # an index's sitemaps


def unzip(body: bytes) -> bytes:
    """Gzipped sitemaps (``sitemap.xml.gz`` served as a file), bounded in size."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        data = stream.read(MAX_UNZIPPED + 1)
    if len(data) > MAX_UNZIPPED:
        raise HostileXML(
            "too_large", f"gzipped sitemap of {len(body)} bytes inflates past 50 MB: refused"
        )
    return data


def robots_sitemaps(text: str) -> list[str]:
    return _ROBOTS_SITEMAP.findall(text)


def parse_sitemap(body: bytes) -> Sitemap:
    root = xml_selector(unzip(body))
    found = Sitemap()
    for node in root.xpath("//sitemapindex/sitemap"):
        loc = first_text(node, "./loc/text()")
        if loc:
            lastmod = parse_moment(first_text(node, "./lastmod/text()"))
            found.children.append(SitemapUrl(loc, lastmod))
    for node in root.xpath("//urlset/url"):
        loc = first_text(node, "./loc/text()")
        if not loc:
            continue
        found.urls.append(
            SitemapUrl(
                loc,
                lastmod=parse_moment(first_text(node, "./lastmod/text()")),
                title=first_text(node, "./news/title/text()"),
                published=parse_moment(first_text(node, "./news/publication_date/text()")),
            )
        )
    if not found.children and not found.urls and not root.xpath("//urlset|//sitemapindex"):
        raise ValueError("neither a urlset nor a sitemapindex")
    return found
