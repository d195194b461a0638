"""Deep links open the video at the speech; caption tracks are read as the platforms
publish them (WebVTT, SRT, YouTube's rolling automatic captions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.alignment.captions import CaptionError, fetch_captions, parse_captions
from indexer.alignment.links import deep_link
from indexer.alignment.words import words


def test_youtube_link_keeps_the_video_and_drops_other_times() -> None:
    assert (
        deep_link("https://youtu.be/DipVivo0218?t=5", 1234.7)
        == "https://www.youtube.com/watch?v=DipVivo0218&t=1234s"
    )
    assert (
        deep_link("https://www.youtube.com/watch?v=DipVivo0218&list=PL1&start=9", 61)
        == "https://www.youtube.com/watch?v=DipVivo0218&t=61s"
    )


def test_html5_video_gets_a_media_fragment() -> None:
    assert (
        deep_link("http://127.0.0.1:8765/video/media/abc.m3u8#t=3", 75.2)
        == "http://127.0.0.1:8765/video/media/abc.m3u8#t=75"
    )
    assert deep_link("https://vimeo.com/123456", 90) == "https://vimeo.com/123456#t=90s"
    assert deep_link("https://tv.example/v.mp4", None) == "https://tv.example/v.mp4"


def test_webvtt_with_rolling_automatic_captions() -> None:
    track = (
        "WEBVTT\nKind: captions\nLanguage: es\n\n"
        "00:00:01.000 --> 00:00:03.000 align:start\n<c>se abre</c> la sesión\n\n"
        "00:00:03.000 --> 00:00:05.500\nse abre la sesión\n"
        "<00:00:03.500><c>siendo</c> las 11 horas\n\n"
        "NOTE nada que leer\n\n"
        "01:02:03.250 --> 01:02:04.000\nvotos a favor &amp; en contra\n"
    )
    cues = parse_captions(track)
    assert [(c.start, c.text) for c in cues] == [
        (1.0, "se abre la sesión"),
        (3.5, "siendo las 11 horas"),
        (3723.25, "votos a favor & en contra"),
    ]


def test_youtube_automatic_captions_keep_their_word_times() -> None:
    """As yt-dlp saves them: lines of a single space inside cues, each cue rolling the
    previous line, and a timestamp before each word."""
    track = (
        "WEBVTT\nKind: captions\nLanguage: es\n\n"
        "00:00:00.000 --> 00:00:02.350 align:start position:0%\n \n"
        "se<00:00:00.320><c> abre</c><00:00:00.640><c> la</c>\n\n"
        "00:00:02.350 --> 00:00:02.360 align:start position:0%\nse abre la\n \n\n"
        "00:00:02.360 --> 00:00:05.000 align:start position:0%\nse abre la\n"
        "sesión<00:00:02.800><c> siendo</c>\n"
    )
    assert [(c.start, c.end, c.text) for c in parse_captions(track)] == [
        (0.0, 0.32, "se"),
        (0.32, 0.64, "abre"),
        (0.64, 2.35, "la"),
        (2.36, 2.8, "sesión"),
        (2.8, 5.0, "siendo"),
    ]


def test_srt_and_bad_tracks(tmp_path: Path) -> None:
    srt = tmp_path / "pista.srt"
    srt.write_text(
        "1\n00:00:02,500 --> 00:00:04,000\nBuenos días.\n\n2\n00:01:00,000 --> 00:01:02,000\n"
        "Hay quórum.\n",
        encoding="utf-8",
    )
    assert [(c.start, c.end, c.text) for c in fetch_captions(srt)] == [
        (2.5, 4.0, "Buenos días."),
        (60.0, 62.0, "Hay quórum."),
    ]
    with pytest.raises(CaptionError, match="no tiene subtítulos con tiempos"):
        parse_captions("<html>no es una pista</html>")
    with pytest.raises(CaptionError, match="no existe el archivo de subtítulos"):
        fetch_captions(tmp_path / "falta.vtt")


def test_words_agree_across_accents_and_numbers() -> None:
    assert words("Votación: 25 votos, Año 2024") == words(
        "votacion veinticinco votos ano dos mil veinticuatro"
    )
    assert words("1,234 y 31") == [
        "mil",
        "doscientos",
        "treinta",
        "y",
        "cuatro",
        "y",
        "treinta",
        "y",
        "uno",
    ]
