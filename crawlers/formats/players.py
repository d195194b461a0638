"""Video players embedded in congress pages: iframes (YouTube, Facebook, Vimeo),
``<video>``/``<source>`` elements, and plain links to videos or streams; with the
caption track a ``<video>`` offers (``<track kind="captions">``, Spanish first), which
is what lets speeches be placed in the video without listening to it."""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector, SelectorList

from crawlers.links import BadLink, absolute
from indexer.readers.videos import is_video_url

_PLAYER_URLS = (
    ".//iframe/@src | .//iframe/@data-src | .//embed/@src | .//object/@data"
    " | .//video/@src | .//video/source/@src | .//source/@src"
)


_TRACKS = ".//track[@src][not(@kind) or @kind='captions' or @kind='subtitles']"


@dataclass(frozen=True)
class Player:
    url: str
    label: str | None = None
    captions: str | None = None


def find_players(node: Selector | SelectorList, base_url: str) -> list[Player]:
    """Every video a block of a page plays or links to, in page order, once each."""
    captions: dict[str, str] = {}
    for video in node.xpath(".//video"):
        track = _caption_track(video, base_url)
        if track is None:
            continue
        for src in video.xpath("@src | .//source/@src").getall():
            url = absolute(base_url, src)
            if url:
                captions.setdefault(url, track)
    found: dict[str, Player] = {}
    for src in node.xpath(_PLAYER_URLS).getall():
        url = _video(base_url, src)
        if url:
            found.setdefault(url, Player(url, captions=captions.get(url)))
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


def _caption_track(video: Selector, base_url: str) -> str | None:
    tracks = video.xpath(_TRACKS)
    spanish = [t for t in tracks if (t.xpath("@srclang").get() or "").lower().startswith("es")]
    chosen = (spanish or tracks)[:1]
    if not chosen:
        return None
    try:
        return absolute(base_url, chosen[0].xpath("@src").get())
    except BadLink:  # a malformed track is no track: the video is still kept
        return None
