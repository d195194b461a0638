"""A session's transmission as congresses link it more than one way: Facebook's short
links (``fb.watch/CODE``, with or without its slash and tracking parameters), its reels
and shared links, and the congresses' own players (the Canal del Congreso's
``canaldelcongreso.gob.mx/vivo``, with or without ``www.`` and its slash). Each was a
second button to the same video on the session's page; the Canal's was named by its host
(the API's value is now a key, ``canal_del_congreso``, the page's label its name).
And a sitting over two days as a title dates it («…Diputados, 17 y 18 de junio de
2025»): the day it began, as the session finder lists it, not its second day."""

from __future__ import annotations

import datetime as dt
import re
import urllib.request
from pathlib import Path

import pytest

from indexer.build import build_document
from indexer.models import Sesion
from indexer.readers.videos import video_key
from tests.api.conftest import serving_documents

DIPUTADOS = "Cámara de Diputados"


def _session(title: str, videos: list[str], name: str = "s1") -> Sesion:
    doc = build_document(
        kind="sesion",
        source_id="diputados-sesiones",
        institution=DIPUTADOS,
        jurisdiction="MX",
        url=f"https://diputados.example/sesiones/{name}",
        fields={"title": title, "video_urls": videos, "chamber": DIPUTADOS},
        text="",
    )
    assert isinstance(doc, Sesion)
    return doc


@pytest.mark.parametrize(
    ("one", "other", "key"),
    [
        ("https://fb.watch/AbC12_dEf/", "http://fb.watch/AbC12_dEf?mibextid=wwXIfr",
         "fb.watch:AbC12_dEf"),
        ("https://www.facebook.com/reel/1234567890", "https://www.facebook.com/watch/?v=1234567890",
         "facebook:1234567890"),
        ("https://www.facebook.com/share/v/1AbCdEf/", "https://m.facebook.com/share/v/1AbCdEf",
         "facebook-share:v/1AbCdEf"),
        ("https://www.canaldelcongreso.gob.mx/vivo", "http://canaldelcongreso.gob.mx/vivo/#señal",
         "canal:canaldelcongreso.gob.mx/vivo"),
        ("https://comunicacion.senado.gob.mx/videos/sesion-8-oct/",
         "https://comunicacion.senado.gob.mx/videos/sesion-8-oct?utm_source=x",
         "senado:comunicacion.senado.gob.mx/videos/sesion-8-oct"),
    ],
)  # fmt: skip
def test_two_spellings_of_one_transmission_are_one_link(one: str, other: str, key: str) -> None:
    assert video_key(one) == video_key(other) == key
    assert len(_session("Sesión Ordinaria, 12 de noviembre de 2024", [one, other]).video_urls) == 1


def _buttons(page: str) -> list[str]:
    return re.findall(r'<a class="boton grande" href="([^"]+)"', page)


def test_the_session_page_offers_each_transmission_once(tmp_path: Path) -> None:
    """Read over real HTTP: one button per transmission, the Canal's named as such."""
    session = _session(
        "Sesión Ordinaria de la Cámara de Diputados, 12 de noviembre de 2024",
        [
            "https://fb.watch/AbC12_dEf/",
            "https://fb.watch/AbC12_dEf?mibextid=wwXIfr",
            "https://www.canaldelcongreso.gob.mx/vivo",
            "https://canaldelcongreso.gob.mx/vivo/",
        ],
    )
    with (
        serving_documents(tmp_path / "lib", [session]) as base,
        urllib.request.urlopen(f"{base}/d/{session.id}", timeout=60) as answer,
    ):
        page = answer.read().decode("utf-8")
    buttons = _buttons(page)
    assert len(buttons) == 2, buttons
    # the API's value is a key; the page names the platform in words
    assert [v.platform for v in session.video_urls] == ["facebook", "canal_del_congreso"]
    assert "· Facebook</a>" in page
    assert "· Canal del Congreso</a>" in page
    # other videos, and look-alike hosts, stay apart
    assert video_key("https://fb.watch/AbC12_dEf/") != video_key("https://fb.watch/Zyx98_dEf/")
    assert video_key("https://www.canaldelcongreso.gob.mx/portal/video?id=12") != video_key(
        "https://www.canaldelcongreso.gob.mx/portal/video?id=13"
    )
    for url in ("https://evilcanaldelcongreso.gob.mx/vivo", "https://fb.watch.example/AbC12"):
        assert video_key(url) == url


def test_a_sitting_over_two_days_is_dated_by_its_first() -> None:
    session = _session(
        "Sesión Extraordinaria del Pleno de la Cámara de Diputados, 17 y 18 de junio de 2025", []
    )
    assert session.date == dt.date(2025, 6, 17)
    assert _session("Sesión Ordinaria, martes 17 y miércoles 18 de junio de 2025", []).date == (
        dt.date(2025, 6, 17)
    )
    # a session's number before the date is no first day
    assert _session("Sesión 12, 13 de junio de 2025", []).date == dt.date(2025, 6, 13)
