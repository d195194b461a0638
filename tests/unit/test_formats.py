"""The parsing functions the spiders use, on the ugly inputs real sources serve."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from scrapy.http import HtmlResponse, Response

from crawlers.encoding import as_page
from crawlers.formats.feeds import local_day, parse_feed
from crawlers.formats.players import find_players
from crawlers.formats.sitemaps import parse_sitemap, robots_sitemaps
from crawlers.jsonpath import as_text, read_path
from crawlers.links import absolute, clean_link
from crawlers.templates import render, render_all, render_complete, render_json, with_query
from crawlers.window import Window

RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Gaceta</title>
<item><title>Gaceta núm. 152 & anexos</title><link> https://c.example/g/152 </link>
<pubDate>mié, 19 feb 2025 11:00:00 -0600</pubDate><dc:creator>Dip. Laura Treviño</dc:creator>
<enclosure url="https://c.example/a.pdf" type="application/pdf"/></item>
</channel></rss>""".encode()


def test_rss_with_a_lying_declaration_and_a_bare_ampersand() -> None:
    feed = parse_feed(RSS)
    [entry] = feed.entries
    assert feed.title == "Gaceta"
    assert entry.title == "Gaceta núm. 152 & anexos"
    assert entry.link == "https://c.example/g/152"
    assert entry.day == dt.date(2025, 2, 19)
    assert entry.authors == ["Dip. Laura Treviño"]
    assert entry.enclosures == ["https://c.example/a.pdf"]


def test_youtube_feed_times_are_mexico_city_days() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/">
      <link rel="next" href="https://c.example/feed?page=2"/>
      <entry><yt:videoId>Abc123xyz</yt:videoId><title>Sesi\xc3\xb3n</title>
      <link rel="alternate" href="https://www.youtube.com/watch?v=Abc123xyz"/>
      <published>2025-01-09T02:30:00+00:00</published>
      <media:group><media:description>Orden del d\xc3\xada</media:description></media:group>
      </entry></feed>"""
    feed = parse_feed(atom)
    [entry] = feed.entries
    assert entry.day == dt.date(2025, 1, 8)
    assert entry.summary == "Orden del día"
    assert entry.node is not None and entry.node.xpath("./videoId/text()").get() == "Abc123xyz"
    assert feed.next_page == "https://c.example/feed?page=2"
    assert local_day(dt.datetime(2025, 2, 18, 23, 0)) == dt.date(2025, 2, 18)
    with pytest.raises(ValueError):
        parse_feed(b"<html><body>no</body></html>")


def test_sitemaps_indexes_gzip_news_and_robots() -> None:
    index = parse_sitemap(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://c.example/s1.xml.gz</loc><lastmod>2025-02-20</lastmod></sitemap>"
        b"</sitemapindex>"
    )
    assert [c.loc for c in index.children] == ["https://c.example/s1.xml.gz"]
    urlset = gzip.compress(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        b"<loc>https://c.example/i/1</loc><lastmod>2025-02-18T12:00:00-06:00</lastmod>"
        b"<news:news><news:title>Iniciativa</news:title></news:news></url></urlset>"
    )
    [url] = parse_sitemap(urlset).urls
    assert (url.loc, url.title, url.lastmod and url.lastmod.day) == (
        "https://c.example/i/1", "Iniciativa", 18,
    )  # fmt: skip
    assert robots_sitemaps("User-agent: *\nSitemap: https://c.example/s.xml\n") == [
        "https://c.example/s.xml"
    ]


def test_players_in_congress_pages() -> None:
    page = HtmlResponse(
        url="https://congreso.example/tv/",
        encoding="utf-8",
        body=b"""<div><iframe src="//www.youtube.com/embed/Abc123xyz"></iframe>
        <video><source src="/vod/1.m3u8"></video>
        <a href="https://www.facebook.com/C/videos/1234567890/">Facebook</a>
        <a href="/noticias.html">Noticias</a></div>""",
    )
    assert [p.url for p in find_players(page, page.url)] == [
        "https://www.youtube.com/embed/Abc123xyz",
        "https://congreso.example/vod/1.m3u8",
        "https://www.facebook.com/C/videos/1234567890/",
    ]


def test_a_video_s_spanish_caption_track() -> None:
    page = HtmlResponse(
        url="https://congreso.example/tv/",
        encoding="utf-8",
        body=b"""<video src="/vod/2.mp4"><track kind="chapters" src="/vod/2.cap.vtt">
        <track kind="subtitles" srclang="en" src="/vod/2.en.vtt">
        <track kind="captions" srclang="es-MX" src="/vod/2.es.vtt"></video>
        <video><source src="/vod/3.mp4"></video>""",
    )
    assert [(p.url, p.captions) for p in find_players(page, page.url)] == [
        ("https://congreso.example/vod/2.mp4", "https://congreso.example/vod/2.es.vtt"),
        ("https://congreso.example/vod/3.mp4", None),
    ]


SCJN = {
    "total": 3725,
    "resultados": [
        {"organoJurisdiccional": "Primera Sala", "fechaSesion": "19/02/2025", "idVT": "20521",
         "asuntos": [{"numero": "12/2022"}, {"numero": "206/2023"}], "extractos": {}},
    ],
}  # fmt: skip


def test_json_paths_and_templates() -> None:
    assert read_path(SCJN, "total") == 3725
    assert read_path(SCJN, "resultados[0].fechaSesion") == "19/02/2025"
    assert read_path(SCJN, "resultados[*].asuntos[*].numero") == ["12/2022", "206/2023"]
    assert read_path(SCJN, "resultados[3].idVT") is None
    assert as_text(read_path(SCJN, "resultados[0].extractos")) is None
    record = SCJN["resultados"][0]
    assert render("https://bj.example/vt/{idVT}", {}, record) == "https://bj.example/vt/20521"
    assert render_complete("https://bj.example/{archivo}", {}, record) is None
    since = {"since": dt.date(2025, 2, 1), "until": None, "page": 2}
    assert render_all({"desde": "{since:%d/%m/%Y}", "hasta": "{until:%d/%m/%Y}"}, since) == {
        "desde": "01/02/2025"
    }
    assert render_json({"pagina": "{page}", "q": "*"}, since) == {"pagina": 2, "q": "*"}
    assert with_query("https://c.example/l.php?pag=1&x=a", {"pag": "2"}) == (
        "https://c.example/l.php?x=a&pag=2"
    )


def test_a_stored_paths_name_without_folder_and_extension() -> None:
    """``{path:stem}``: what a storage service asks for when the record gives the path
    (the SCJN's archivoURL "1/2023/10/2_309928_7324.docx")."""
    record = {"archivoURL": "1/2023/10/2_309928_7324.docx", "win": "~\\files\\a.b.pdf",
              "bare": "sentencia", "dot": ".docx"}  # fmt: skip
    url = "https://bj.example/storage?fileparams=filename:{archivoURL:stem}"
    assert render_complete(url, {}, record) == (
        "https://bj.example/storage?fileparams=filename:2_309928_7324"
    )
    assert render("{win:stem}|{bare:stem}|{dot:stem}", {}, record) == "a.b|sentencia|.docx"
    assert render("{archivos:stem}", {}, {"archivos": ["1/a.docx", "2/b.pdf"]}) == "a b"
    assert render_complete("https://bj.example/{falta:stem}", {}, record) is None


def test_links_as_legacy_sites_write_them() -> None:
    assert clean_link(" docs\\sentencia 12.pdf ") == "docs/sentencia 12.pdf"
    assert clean_link("javascript:abrirDocumento('docs/s-1.pdf')") == "docs/s-1.pdf"
    assert clean_link("javascript:void(0)") is None
    # an onclick read as the link: its script's document, never the script as a path
    assert clean_link("window.open('docs/Sentencia 12.PDF','_blank')") == "docs/Sentencia 12.PDF"
    assert clean_link("location.href='sesion.php?id=4'") == "sesion.php?id=4"
    assert clean_link('abrirDoc("VerDoc.aspx?id=3");return false;') == "VerDoc.aspx?id=3"
    assert clean_link("mostrarMenu('principal')") is None
    assert clean_link("sentencia(2).pdf") == "sentencia(2).pdf"
    assert clean_link("#arriba") is None
    assert clean_link("mailto:a@b.mx") is None
    assert absolute("https://c.example/a/b.php", "../x.pdf") == "https://c.example/x.pdf"


def test_pages_are_decoded_by_their_bytes() -> None:
    latin = "<html><body><p>Díaz Órgano</p></body></html>".encode("latin-1")
    lying = HtmlResponse(
        url="https://c.example/", body=latin, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    assert "Díaz Órgano" in as_page(lying).text  # type: ignore[union-attr]
    utf8 = '<html><head><meta charset="iso-8859-1"></head><body>Díaz</body></html>'.encode()
    assert "Díaz" in as_page(HtmlResponse(url="https://c.example/", body=utf8)).text  # type: ignore[union-attr]
    as_pdf = Response(
        url="https://c.example/v", body=b"<html><body>Hola</body></html>",
        headers={"Content-Type": "application/pdf"},
    )  # fmt: skip
    page = as_page(as_pdf)
    assert page is not None and page.css("body::text").get() == "Hola"
    assert as_page(Response(url="https://c.example/x.pdf", body=b"%PDF-1.7\n...")) is None


def test_windows() -> None:
    window = Window(dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert window.contains(dt.date(2025, 1, 15)) and window.contains(None)
    assert not window.contains(dt.date(2024, 12, 31))
    assert window.before(dt.date(2024, 12, 31)) and not window.before(dt.date(2025, 2, 1))
    assert Window().is_open
    with pytest.raises(ValueError):
        Window(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
