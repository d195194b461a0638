"""``parse_feed`` reads feeds through compiled XPath on lxml's own elements: each entry
must come out exactly as reading it through parsel's selectors gave it (the reading
the spiders had), on every feed shape the crawler meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.formats.feeds import FeedEntry, parse_feed, parse_moment, plain_title
from crawlers.formats.xml import first_text, xml_selector
from tests.adversarial.hostile import large_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>  Gaceta   Parlamentaria </title>
<atom:link rel="next" href="/feed?pagina=2"/>
<item><title>Dictamen &amp; anexos &lt;b&gt;</title><link>  </link>
<guid isPermaLink="true">https://c.example/g/1</guid>
<pubDate>Tue, 18 Feb 2025 20:30:00 -0600</pubDate><dc:creator> Dip.  Ana </dc:creator>
<dc:creator></dc:creator><category>Dictámenes</category><category> </category>
<category>Salud   pública</category>
<enclosure url=" /docs/1.pdf " type="application/pdf"/><enclosure url=" "/>
<content:encoded><![CDATA[<p>Texto <b>completo</b> del dictamen</p>]]></content:encoded>
<description>Resumen</description></item>
<item><title><![CDATA[Acuerdo <i>núm.</i> 2]]></title>
<guid isPermaLink="false">interno-2</guid><dc:date>2025-02-19T02:30:00Z</dc:date>
<media:group><media:description>Sesión del Pleno</media:description></media:group></item>
<item><title>Sin fecha & con ampersand</title><link>relativo/3.html</link>
<pubDate>Jan 0001</pubDate><description>&lt;p&gt;escapado&lt;/p&gt;</description></item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://tribunal.example/sentencias/"
 xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/">
<title type="text">Sentencias</title><link rel="next" href="?p=2"/>
<entry><title type="html">SUP-JDC-1/2025 &amp;amp; acumulados</title>
<link rel="enclosure" href="1.pdf"/><link href="otra.html"/>
<link rel="alternate" href="1.html"/><id>urn:sup-jdc-1</id>
<published>2025-01-09T02:30:00+00:00</published><updated>2025-01-10T10:00:00Z</updated>
<author><name>Sala   Superior</name></author><author><name>Ponencia 3</name></author>
<category term="electoral"/><category term=" "/>
<summary>Resumen</summary><content type="html">&lt;p&gt;Contenido&lt;/p&gt;</content></entry>
<entry><yt:videoId>Abc123xyz</yt:videoId><title>Sesión</title>
<link href="https://www.youtube.com/watch?v=Abc123xyz"/><modified>2025-03-01</modified>
<issued>18 feb 2025</issued>
<media:group><media:description>Orden del día</media:description></media:group></entry>
<entry><title>Sin enlace</title><id> </id></entry>
</feed>""".encode()

RDF = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://c.example/"><title>Bolet\xedn</title></channel>
<item rdf:about="https://c.example/b/1"><title>Comunicado n\xfam. 1</title>
<link>https://c.example/b/1</link><dc:date>2025-02-18</dc:date>
<dc:creator>Coordinaci\xf3n</dc:creator><description>Texto</description></item>
</rdf:RDF>"""


def _as_parsel_read(body: bytes) -> tuple[object, ...]:
    """The feed read node by node through parsel's selectors, as the spiders read it
    before: the reference the faster reading must equal."""
    root = xml_selector(body)
    items = root.xpath("//item")
    rss = bool(items)
    nodes = items or root.xpath("//entry")
    title = first_text(root, "//channel/title/text()" if rss else "/feed/title/text()")
    next_page = first_text(root, "/*/link[@rel='next']/@href", "//channel/link[@rel='next']/@href")
    entries = []
    for node in nodes:
        if rss:
            link = first_text(node, "./link/text()", "./guid[not(@isPermaLink='false')]/text()")
            enclosures = node.xpath("./enclosure/@url").getall()
        else:
            link = first_text(node, "./link[@rel='alternate']/@href", "./link[not(@rel)]/@href",
                              "./link/@href")  # fmt: skip
            enclosures = node.xpath("./link[@rel='enclosure']/@href").getall()
        published = first_text(node, "./pubDate/text()", "./published/text()",
                               "./date/text()", "./issued/text()")  # fmt: skip
        entries.append((
            plain_title(first_text(node, "./title/text()")), link,
            first_text(node, "./guid/text()", "./id/text()"), parse_moment(published),
            parse_moment(first_text(node, "./updated/text()", "./modified/text()")),
            first_text(node, "./encoded/text()", "./content/text()", "./summary/text()",
                       "./description/text()", "./group/description/text()") or "",
            [e.strip() for e in enclosures if e.strip()],
            [" ".join(c.split()) for c in
             node.xpath("./category/text() | ./category/@term").getall() if c.strip()],
            [" ".join(a.split()) for a in
             node.xpath("./author/name/text() | ./creator/text()").getall() if a.strip()],
            node.xpath("string(.)").get(),
        ))  # fmt: skip
    return title, next_page, entries


def _read(entry: FeedEntry) -> tuple[object, ...]:
    node = entry.node
    assert node is not None
    text = node.xpath("string(.)").get()
    return (entry.title, entry.link, entry.id, entry.published, entry.updated, entry.content,
            entry.enclosures, entry.categories, entry.authors, text)  # fmt: skip


def _fixture_feeds() -> list[Path]:
    found = [p for p in FIXTURES.rglob("*") if p.suffix in (".xml", ".atom")]
    return sorted(p for p in found if b"<item" in p.read_bytes() or b"<entry" in p.read_bytes())


@pytest.mark.parametrize(
    "body",
    [RSS2, ATOM, RDF, large_feed(50)] + [p.read_bytes() for p in _fixture_feeds()],
    ids=["rss2", "atom", "rdf", "plain"] + [p.parent.name + "/" + p.name for p in _fixture_feeds()],
)
def test_every_entry_reads_as_parsels_selectors_read_it(body: bytes) -> None:
    feed = parse_feed(body)
    title, next_page, entries = _as_parsel_read(body)
    assert entries, "a fixture with no entries proves nothing"
    assert (feed.title, feed.next_page) == (title, next_page)
    assert [_read(e) for e in feed.entries] == entries
    assert feed.total == len(entries)


def test_the_shapes_read_what_a_person_sees() -> None:
    """The reference above could be wrong the same way: a few values by hand."""
    rss = parse_feed(RSS2)
    first, second, third = rss.entries
    assert rss.title == "Gaceta Parlamentaria" and rss.next_page == "/feed?pagina=2"
    assert first.link == "https://c.example/g/1" and first.authors == ["Dip. Ana"]
    assert first.categories == ["Dictámenes", "Salud pública"]
    assert first.enclosures == ["/docs/1.pdf"] and first.summary == "Texto completo del dictamen"
    assert first.title == "Dictamen & anexos"  # a title is plain text: HTML's tags dropped
    assert second.title == "Acuerdo núm. 2" and second.link is None
    assert second.id == "interno-2" and str(second.day) == "2025-02-18"
    assert third.published is None and third.link == "relativo/3.html"
    atom = parse_feed(ATOM)
    assert atom.next_page == "?p=2" and atom.entries[0].link == "1.html"
    assert atom.entries[0].enclosures == ["1.pdf"] and atom.entries[1].id is None
    assert atom.entries[1].node.xpath("./videoId/text()").get() == "Abc123xyz"  # type: ignore[union-attr]
    assert parse_feed(RDF).entries[0].authors == ["Coordinación"]


def test_entries_past_a_limit_are_counted_not_read() -> None:
    feed = parse_feed(large_feed(1_000), limit=10)
    assert [e.title for e in feed.entries] == [f"Acuerdo {n}" for n in range(10)]
    assert feed.total == 1_000
