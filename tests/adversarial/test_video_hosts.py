"""A video link is YouTube's (or Facebook's, or Vimeo's) only on that platform's own
hosts: a look-alike host (``evilyoutube.com``) is a plain link, never keyed, embedded or
handed to yt-dlp as if it were the platform (yt-dlp would fetch the look-alike site and
follow whatever it redirects to)."""

from __future__ import annotations

import pytest

from api.routers.pages.videos import embed_url
from indexer.models import VideoLink
from indexer.readers.videos import canonical_video_url, video_key, youtube_id

LOOKALIKES = [
    "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
    "https://notyoutube-nocookie.com/embed/dQw4w9WgXcQ",
    "https://evil.mx/?x=youtube.com&v=dQw4w9WgXcQ",
    "https://myfacebook.com/videos/1234567890",
    "https://fakevimeo.com/123456789",
    "https://xfb.watch/videos/1234567890",
]
GENUINE = {
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ": "youtube:dQw4w9WgXcQ",
    "https://m.youtube.com/live/dQw4w9WgXcQ": "youtube:dQw4w9WgXcQ",
    "https://youtube.com/embed/dQw4w9WgXcQ": "youtube:dQw4w9WgXcQ",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ": "youtube:dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ": "youtube:dQw4w9WgXcQ",
    "https://www.facebook.com/congreso/videos/1234567890": "facebook:1234567890",
    "https://vimeo.com/123456789": "vimeo:123456789",
}


@pytest.mark.parametrize("url", LOOKALIKES)
def test_a_lookalike_host_is_a_plain_link(url: str) -> None:
    assert youtube_id(url) is None
    assert video_key(url) == url
    assert canonical_video_url(url) == url


@pytest.mark.parametrize(("url", "key"), sorted(GENUINE.items()))
def test_the_platforms_own_hosts_are_still_recognised(url: str, key: str) -> None:
    assert video_key(url) == key


@pytest.mark.parametrize(
    "url",
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ%0A",
     "https://youtu.be/dQw4w9WgXcQ%0A",
     "https://www.youtube.com/embed/dQw4w9WgXcQdQw4w9WgXcQxx",
     "https://www.facebook.com/congreso/videos/12345678901234567890123456789",
     "https://vimeo.com/1234567890123456"],
)  # fmt: skip
def test_an_id_with_more_after_it_is_no_id(url: str) -> None:
    """A newline after an id passed ``^…$``; an id path longer than any id was cut to its
    first characters: another video's key, embed and deep link."""
    assert youtube_id(url) is None
    assert video_key(url) == url


def test_the_page_embeds_no_id_with_a_line_break() -> None:
    hostile = VideoLink(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ%0A",
                        platform="youtube", video_id="dQw4w9WgXcQ\n")  # fmt: skip
    assert embed_url([hostile]) is None
    genuine = VideoLink(url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", platform="youtube")
    assert embed_url([genuine]) == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
