"""Video links of session transmissions: one key per video whatever the URL form, and
the live / upcoming / recorded state read from how channels label their streams.

The same YouTube video is linked as ``watch?v=ID``, ``youtu.be/ID``, ``/embed/ID`` or
``/live/ID``; keying by ``youtube:ID`` lets a live stream and its later recording (the
same video on YouTube) be recognised as one link whose state changed.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from indexer.analysis import fold_keyword
from indexer.readers.normalise import video_platform

State = Literal["live", "upcoming", "recorded"]
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")
# The words an embed's path holds in place of a video: a channel's current live stream
# ("/embed/live_stream?channel=UC…", as congresses' pages embed their transmission) and a
# playlist ("/embed/videoseries?list=…"); neither is one video (its key would join every
# transmission of the channel into one).
_NOT_VIDEO_IDS = frozenset({"live_stream", "videoseries"})
# an id ends where its characters do: a longer run is no id, never its first 20 characters
_YOUTUBE_PATHS = re.compile(r"^/(?:embed|live|shorts|v|e)/([A-Za-z0-9_-]{6,20})(?![\w-])")
_FACEBOOK_ID = re.compile(r"/(?:videos/(?:[^/]+/)?|reel/)(\d{5,25})(?!\d)")
# a short link's code ("fb.watch/AbC12_dEf/", "facebook.com/share/v/1AbCdEf/"): no video
# id (only Facebook knows which video it leads to), but one link whatever its scheme,
# trailing slash or tracking parameters ("?mibextid=…")
_FACEBOOK_CODE = re.compile(r"[A-Za-z0-9_-]{4,30}")
# The congresses' own players, reached by their pages' addresses (the Canal del Congreso's
# "canaldelcongreso.gob.mx/vivo", the Senado's "comunicacion.senado.gob.mx/…"): one link
# whatever its scheme, "www.", trailing slash, fragment or tracking parameters.
OWN_PLAYERS = {"canaldelcongreso.gob.mx": "canal", "senado.gob.mx": "senado"}
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|mibextid|si|feature)$")
_VIMEO_ID = re.compile(r"^/(?:video/)?(\d{4,12})(?!\d)")
# a video shown within a channel, group, showcase or album ("/channels/congreso/123456789",
# "/groups/x/videos/123456789", "/showcase/987/video/123456789"): the same video
_VIMEO_LISTED = re.compile(
    r"^/(?:channels/[\w-]+|groups/[\w-]+/videos|(?:showcase|album)/\d+/video)/(\d{4,12})(?![\d\w])"
)
LIVE_WORDS = re.compile(
    r"(?:🔴|\ben vivo\b|\ben directo\b|\blive\b|\btransmision en vivo\b|\bhoy en vivo\b)"
)
UPCOMING_WORDS = re.compile(
    r"\b(?:proximamente|en breve|por iniciar|programad[ao]|upcoming|iniciaremos|inicia a las)\b"
)


def on_host(host: str, *domains: str) -> bool:
    """Whether ``host`` is one of ``domains`` or under one (``m.youtube.com``), never a
    look-alike that merely ends the same (``evilyoutube.com``)."""
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def youtube_id(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
        return candidate if _YOUTUBE_ID.fullmatch(candidate) else None
    if on_host(host, "youtube.com", "youtube-nocookie.com"):
        found = parse_qs(parts.query).get("v", [""])[0]
        if _YOUTUBE_ID.fullmatch(found):
            return found
        match = _YOUTUBE_PATHS.match(parts.path)
        return match[1] if match and match[1] not in _NOT_VIDEO_IDS else None
    return None


def video_key(url: str) -> str:
    """``youtube:ID``, ``facebook:ID``, ``vimeo:ID``; a Facebook short link's code
    (``fb.watch:CODE``, ``facebook-share:v/CODE``); a congress's own player's address
    (``canal:…``, ``senado:…``, see ``OWN_PLAYERS``); or the URL without its fragment."""
    vid = youtube_id(url)
    if vid:
        return f"youtube:{vid}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if on_host(host, "fb.watch"):
        code = parts.path.strip("/")
        if _FACEBOOK_CODE.fullmatch(code):
            return f"fb.watch:{code}"
    if on_host(host, "facebook.com", "fb.watch"):
        match = _FACEBOOK_ID.search(parts.path) or re.search(r"[?&]v=(\d+)(?!\d)", url)
        if match:
            return f"facebook:{match[1]}"
        shared = re.fullmatch(r"/share/([vr])/([A-Za-z0-9_-]{4,30})/?", parts.path)
        if shared:
            return f"facebook-share:{shared[1]}/{shared[2]}"
        # the page's embedded player names the video in its ``href``
        # ("/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2FX%2Fvideos%2F123…")
        embedded = parse_qs(parts.query).get("href", [""])[0]
        if parts.path.startswith("/plugins/") and embedded:
            inner = urlsplit(embedded)
            if on_host((inner.hostname or "").lower(), "facebook.com"):
                match = _FACEBOOK_ID.search(inner.path) or re.search(r"[?&]v=(\d+)", embedded)
                if match:
                    return f"facebook:{match[1]}"
    if on_host(host, "vimeo.com"):
        match = _VIMEO_ID.match(parts.path) or _VIMEO_LISTED.match(parts.path)
        if match:
            return f"vimeo:{match[1]}"
    for domain, name in OWN_PLAYERS.items():
        if on_host(host, domain):
            return f"{name}:{_plain_address(host, parts.path, parts.query)}"
    return url.split("#", 1)[0]


def _plain_address(host: str, path: str, query: str) -> str:
    """``host/path?query`` without "www.", a trailing slash or tracking parameters."""
    kept = "&".join(
        pair for pair in query.split("&") if pair and not _TRACKING.match(pair.split("=")[0])
    )
    address = host.removeprefix("www.") + (path.rstrip("/") or "")
    return f"{address}?{kept}" if kept else address


def video_id(url: str) -> str | None:
    """The platform's id of the video (``DipVivo0218``), None for plain media URLs."""
    key = video_key(url)
    platform, _, found = key.partition(":")
    return found if platform in ("youtube", "facebook", "vimeo") else None


def canonical_video_url(url: str) -> str:
    """The watch page of an embedded or shortened YouTube link; other links as they are."""
    vid = youtube_id(url)
    return f"https://www.youtube.com/watch?v={vid}" if vid else url


def state_from_text(*texts: str | None) -> State | None:
    """``live`` or ``upcoming`` when a title or label says so; None says nothing."""
    folded = " ".join(fold_keyword(t) for t in texts if t)
    has_emoji = any("🔴" in t for t in texts if t)
    if UPCOMING_WORDS.search(folded):
        return "upcoming"
    if has_emoji or LIVE_WORDS.search(folded):
        return "live"
    return None


def is_video_url(url: str) -> bool:
    """A link to a video platform or a media file (what a player would play)."""
    path = urlsplit(url).path.lower()
    if path.endswith((".mp4", ".m3u8", ".webm", ".mov", ".mpd")):
        return True
    return video_platform(url, "") in {"youtube", "facebook", "vimeo", "twitch", "dailymotion"}
