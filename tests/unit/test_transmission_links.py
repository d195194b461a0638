"""Links to a congress's transmission as its pages embed them, and titles of sessions of
an extraordinary period: what a citizen follows to watch a session must be that
session's video, never one key shared by every transmission of a channel."""

from __future__ import annotations

from indexer.readers.sessions import recognise_session
from indexer.readers.videos import canonical_video_url, video_id, video_key, youtube_id

CHANNEL_LIVE = "https://www.youtube.com/embed/live_stream?channel=UCq8ZbJ2vX1Lw3eRkT9pYs0A"
PLAYLIST = "https://www.youtube.com/embed/videoseries?list=PLx7Qm2cVb9Nz4"


def test_a_channel_live_embed_is_no_video_id() -> None:
    # a congress page embeds "whatever the channel streams now": no one video
    assert youtube_id(CHANNEL_LIVE) is None and video_id(CHANNEL_LIVE) is None
    assert video_key(CHANNEL_LIVE) == CHANNEL_LIVE
    assert canonical_video_url(CHANNEL_LIVE) == CHANNEL_LIVE
    other = "https://www.youtube.com/embed/live_stream?channel=UC5sW0nKb8yHq1Pz3dRx7LmT"
    assert video_key(other) != video_key(CHANNEL_LIVE)


def test_a_playlist_embed_is_no_video_id() -> None:
    assert youtube_id(PLAYLIST) is None
    assert canonical_video_url(PLAYLIST) == PLAYLIST


def test_a_real_embed_and_live_link_still_key_by_their_video() -> None:
    assert video_key("https://www.youtube.com/embed/Kq3vX9bT2mA?start=30") == "youtube:Kq3vX9bT2mA"
    assert video_key("https://www.youtube.com/live/Kq3vX9bT2mA?si=abc") == "youtube:Kq3vX9bT2mA"


def test_a_session_of_an_extraordinary_period_is_extraordinary() -> None:
    info = recognise_session("Periodo Extraordinario de Sesiones - Sesión 2 - 20 de junio de 2025")
    assert info.session_type == "extraordinaria"
    # a type the title states stays the title's
    solemn = recognise_session(
        "Sesión Solemne del Primer Periodo Extraordinario, 3 de julio de 2025"
    )
    assert solemn.session_type == "solemne"


def test_a_quoted_legislature_numeral_is_read() -> None:
    title = (
        "Sesión Deliberante de la H. “LXII” Legislatura del Estado de México, 14 de marzo de 2025"
    )
    assert recognise_session(title).legislature == "LXII"
