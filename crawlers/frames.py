"""A listing page that is only a frameset (or a page that shows its listing in an
``<iframe>``) holds no items of its own: a browser shows the pages its frames name.
Legacy congress sites are built so (the Cámara de Diputados' Gaceta Parlamentaria: its
home page is three frames, ``gp_rotulo.html``, ``gp_indice.html``, ``gp_hoy.html``); a
spec whose start page is the site's home found nothing there and counted
``selector_empty``. The crawl reads the frames as the listing instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from crawlers.links import BadLink, absolute, page_base

# a frameset's frames; an iframe only on a page with no items (a video or a map in an
# iframe on a page that has its listing is never followed)
_FRAMES = "//frameset//frame/@src | //body//iframe/@src"
MAX_FRAMES = 8  # a frameset names a handful; a page of hundreds of iframes is no frameset
MAX_DEPTH = 2  # a frameset whose frame is a frameset, as some sites nest them


def content_frames(page: Any) -> list[str]:
    """The addresses of the page's frames on its own host, in page order, once each;
    frames of other hosts (a video player, a map) and links to no page are left out."""
    host = urlsplit(str(page.url)).hostname
    base = page_base(page)
    found: list[str] = []
    for src in page.xpath(_FRAMES).getall():
        try:
            url = absolute(base, src)
        except BadLink:
            continue
        if url and urlsplit(url).hostname == host and url not in found and url != page.url:
            found.append(url)
    return found[:MAX_FRAMES]


@dataclass
class FrameVisit:
    """One frameset's frames being read: whether any held items, so the frameset is
    called empty once, when the last has answered and none did."""

    url: str
    depth: int = 1
    pending: set[str] = field(default_factory=set)
    found: bool = False
    # frames that answered the site's "not found" page: (address, what it said)
    absent: list[tuple[str, str]] = field(default_factory=list)

    def answered(self, url: str, had_items: bool) -> bool:
        """Note one frame's answer; True when it was the last and none held items."""
        self.pending.discard(url)
        self.found = self.found or had_items
        return not self.pending and not self.found
