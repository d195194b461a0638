"""Video players embedded in congress pages: iframes (YouTube, Facebook, Vimeo),
``<video>``/``<source>`` elements, and plain links to videos or streams."""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector, SelectorList

from crawlers.links import BadLink, absolute
from indexer.videos import is_video_url

_PLAYER_URLS = (
    ".//iframe/@src | .//iframe/@data-src | .//embed/@src | .//object/@data"
    " | .//video/@src | .//video/source/@src | .//source/@src"
)


@dataclass(frozen=True)
class Player:
    url: str
    label: str | None = None


def find_players(node: Selector | SelectorList, base_url: str) -> list[Player]:
    """Every video a block of a page plays or links to, in page order, once each."""
    found: dict[str, Player] = {}
    for src in node.xpath(_PLAYER_URLS).getall():
        url = _video(base_url, src)
        if url:
            found.setdefault(url, Player(url))
    for link in node.xpath(".//a[@href]"):
        url = _video(base_url, link.xpath("@href").get())
        if url:
            label = " ".join(" ".join(link.xpath(".//text()").getall()).split()) or None
            found.setdefault(url, Player(url, label))
    return list(found.values())


def _video(base_url: str, link: str | None) -> str | None:
    """The link if it is a video's; a malformed link is no player (it could not be played)."""
    try:
        url = absolute(base_url, link)
    except BadLink:
        return None
    return url if url and is_video_url(url) else None
