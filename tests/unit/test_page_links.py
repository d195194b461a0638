"""Links a session page gives as its videos and files: a page of the Senado's kind (a
sessions table, one row a session) also links within itself, to each speech's anchor
(``#intervencion-3``) or to a script (``javascript:void(0)``); those are no video or file
and must not become the page's own address as one."""

from __future__ import annotations

from parsel import Selector as Page

from config.selector import Selector
from crawlers.selectors import read_fields

BASE = "https://www.congreso.example.gob.mx/66/sesiones/"
PAGE = """<html><body><table class="table">
<thead><tr><th>No.</th><th>Fecha de Sesión</th><th>Sesión</th><th>Documentos</th></tr></thead>
<tbody>
<tr><td>174</td><td>29/04/2026</td><td>Ordinaria</td>
 <td><a href="#intervencion-3">Video de la intervención</a>
     <a href="https://www.youtube.com/watch?v=abcdEFGhijk#t=30">Video de la sesión</a>
     <a href="javascript:void(0)">Video</a>
     <a href=" /66/version_estenografica/2026_04_29/174 ">Versión Estenográfica</a>
     <a href="#top">Estenográfica (arriba)</a>
     <a href="mailto:prensa@congreso.example.gob.mx">Video por correo</a></td></tr>
</tbody></table></body></html>"""


def _read(field: str, expression: str) -> list[str]:
    row = Page(text=PAGE).xpath("//tbody/tr")[0]
    found = read_fields(row, {field: Selector(select=expression)}, BASE)
    value = found.get(field, [])
    return value if isinstance(value, list) else [value]


def test_a_link_within_the_page_is_no_video() -> None:
    assert _read("video_urls", "xpath:.//a[contains(., 'Video')]/@href") == [
        "https://www.youtube.com/watch?v=abcdEFGhijk#t=30"
    ]


def test_a_link_within_the_page_is_no_transcript() -> None:
    assert _read("stenographic_urls", "xpath:.//a[contains(., 'Estenogr')]/@href") == [
        "https://www.congreso.example.gob.mx/66/version_estenografica/2026_04_29/174"
    ]


def test_a_page_whose_only_video_link_is_an_anchor_has_no_video() -> None:
    assert _read("video_urls", "xpath:.//a[starts-with(@href, '#')]/@href") == []
