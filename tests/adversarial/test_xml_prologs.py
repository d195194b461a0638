"""A document type is refused when it declares entities wherever the prolog puts it:
past 64 KB of comments, white space or processing instructions it was not looked for,
and lxml, which does not expand entities here, dropped them silently — a feed title
``Fuga &secreto;`` became ``Fuga`` and a sitemap's ``<loc>`` lost its end, wrong values
instead of the counted ``xml_entities`` error. A prolog of any length is read in one
pass, so a long one costs no more than reading it."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from crawlers.formats.feeds import parse_feed
from crawlers.formats.sitemaps import parse_sitemap
from crawlers.formats.xml import HostileXML
from tests.adversarial import hostile

PADDING = {
    "comments": "<!--" + "relleno " * 10_000 + "-->",
    "white space": " \n" * 40_000,
    "instructions": "".join(f"<?pi-{n} {'x' * 100}?>" for n in range(800)),
}


def _padded(body: bytes, padding: str) -> bytes:
    declaration, rest = body.split(b"\n", 1)
    return declaration + padding.encode() + rest


@pytest.mark.parametrize("padding", PADDING.values(), ids=PADDING.keys())
@pytest.mark.parametrize(
    ("parse", "body", "words"),
    [
        (parse_feed, hostile.xxe_feed("file:///etc/passwd"), "external"),
        (parse_feed, hostile.billion_laughs(10), "entity bomb"),
        (parse_sitemap, hostile.xxe_sitemap("file:///etc/passwd"), "external"),
    ],
    ids=["feed external", "feed bomb", "sitemap external"],
)
def test_a_long_prolog_does_not_hide_declared_entities(
    parse: Callable[[bytes], object], body: bytes, words: str, padding: str
) -> None:
    with pytest.raises(HostileXML) as info:
        parse(_padded(body, padding))
    assert info.value.cause == "xml_entities" and words in str(info.value)


def test_a_long_prolog_without_a_document_type_is_read() -> None:
    rss = (
        '<?xml version="1.0"?>' + PADDING["comments"] + '<rss version="2.0"><channel>'
        "<title>Gaceta</title><item><title>Gaceta 1 &amp; anexos</title>"
        "<link>http://127.0.0.1/g/1</link></item></channel></rss>"
    ).encode()
    [entry] = parse_feed(rss).entries
    assert entry.title == "Gaceta 1 & anexos" and entry.link == "http://127.0.0.1/g/1"


def test_an_unclosed_comment_of_megabytes_is_read_in_bounded_time() -> None:
    body = b'<?xml version="1.0"?>' + b"<!--" + b"<?<!--" * 1_000_000
    started = time.process_time()  # CPU time: a loaded machine's wall clock is no bound
    with pytest.raises(ValueError):
        parse_feed(body)
    assert time.process_time() - started < 10
