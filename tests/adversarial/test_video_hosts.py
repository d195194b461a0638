"""A video link is YouTube's (or Facebook's, or Vimeo's) only on that platform's own
hosts: a look-alike host (``evilyoutube.com``) is a plain link, never keyed, embedded or
handed to yt-dlp as if it were the platform (yt-dlp would fetch the look-alike site and
follow whatever it redirects to)."""

from __future__ import annotations

import pytest

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
