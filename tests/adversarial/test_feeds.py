"""Hostile feeds and sitemaps: entity bombs, XXE and gzip bombs are refused with a
clear, counted error, quickly and without leaking a file into any document."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from crawlers.formats.feeds import parse_feed
from crawlers.formats.sitemaps import parse_sitemap
from crawlers.formats.xml import HostileXML
from indexer.db import Database
from samples.server import serve
from tests.adversarial import hostile
from tests.e2e.helpers import run_crawl

SECRET = Path("/etc/passwd")


@pytest.mark.parametrize(
    ("parse", "body", "cause", "words"),
    [
        (parse_feed, hostile.billion_laughs(10), "xml_entities", "entity bomb"),
        (parse_feed, hostile.xxe_feed("file:///etc/passwd"), "xml_entities", "external"),
        (parse_feed, hostile.xxe_feed("http://127.0.0.1:9/x"), "xml_entities", "external"),
        (parse_sitemap, hostile.xxe_sitemap("file:///etc/passwd"), "xml_entities", "external"),
        (parse_sitemap, hostile.billion_laughs(10), "xml_entities", "entity bomb"),
        (
            parse_sitemap,
            hostile.gzip_bomb_sitemap(200),
            "too_large",
            "inflates past 52428800 bytes",
        ),
    ],
)
def test_hostile_xml_is_refused_by_name(parse: object, body: bytes, cause: str, words: str) -> None:
    started = time.monotonic()
    with pytest.raises(HostileXML) as info:
        parse(body)  # type: ignore[operator]
    assert time.monotonic() - started < 30
    assert info.value.cause == cause and words in str(info.value)
    assert isinstance(info.value, ValueError)  # spiders count it as an unreadable feed


def test_a_plain_doctype_without_entities_is_still_read() -> None:
    rss = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
        b"<title>Gaceta</title><item><title>Gaceta 1</title><link>http://127.0.0.1/g/1</link>"
        b"</item></channel></rss>"
    )
    [entry] = parse_feed(rss).entries
    assert entry.title == "Gaceta 1" and entry.link == "http://127.0.0.1/g/1"


def test_a_feed_quoting_an_entity_declaration_after_a_plain_doctype_is_read() -> None:
    """RSS 0.91's public document type has no internal subset, so it declares no entity:
    a description quoting ``<!ENTITY`` in a CDATA section (a gazette about XML, say) had
    the whole feed refused as an entity bomb, every item lost."""
    rss = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
        b"<title>Gaceta</title><item><title>Gaceta 1</title><link>http://127.0.0.1/g/1</link>"
        b'<description><![CDATA[El anexo declara <!ENTITY folio "1"> en su DTD]]></description>'
        b"</item></channel></rss>"
    )
    [entry] = parse_feed(rss).entries
    assert entry.title == "Gaceta 1"
    # a subset behind an identifier holding ">" is still read as one
    with pytest.raises(HostileXML):
        parse_feed(b'<!DOCTYPE rss PUBLIC "a>b" "c" [<!ENTITY a "b">]><rss/>')


SPEC = """
id: mapa-hostil
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
detail:
  fields: {title: "css:h1::text"}
"""


def test_a_crawl_counts_hostile_sitemaps_and_keeps_the_good_ones(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SPEC)
    children = ["bueno.xml", "xxe.xml", "risas.xml", "bomba.xml.gz"]
    (www / "sitemap.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<sitemap><loc>{name}</loc></sitemap>" for name in children)
        + "</sitemapindex>"
    )
    (www / "bueno.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>doc-1.html</loc></url><url><loc>doc-2.html</loc></url></urlset>"
    )
    for n in (1, 2):
        (www / f"doc-{n}.html").write_text(
            f"<html><body><h1>Iniciativa {n}</h1><p>Reforma al código civil {n}.</p></body></html>"
        )
    (www / "xxe.xml").write_bytes(hostile.xxe_sitemap("file:///etc/passwd"))
    (www / "risas.xml").write_bytes(hostile.billion_laughs(10))
    (www / "bomba.xml.gz").write_bytes(hostile.gzip_bomb_sitemap(200))

    started = time.monotonic()
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("mapa-hostil")[0]
        assert run.errors["xml_entities"]["count"] == 2
        assert run.errors["too_large"]["count"] == 1
        examples = [
            e for cause in ("xml_entities", "too_large") for e in run.errors[cause]["examples"]
        ]
        messages = sorted(example["message"] for example in examples)
        assert any("external entity" in m for m in messages)
        assert any("entity bomb" in m for m in messages)
        assert any("inflates past 52428800 bytes" in m for m in messages)
        titles = sorted(doc.title for doc in db.iter_documents())
        assert titles == ["Iniciativa 1", "Iniciativa 2"]
        secret = SECRET.read_text() if SECRET.exists() else "root:x:0:0"
        first_line = secret.splitlines()[0]
        assert all(first_line not in doc.text for doc in db.iter_documents())
    finally:
        db.close()
