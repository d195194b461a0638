"""A feed whose next page (``?pagina=2``, ``?pagina=3``…) ignores the page asked for and
repeats the first one's entries: each page made its entries documents again (``items``
twenty times the feed's size, with ``feed.follow: false``) and the crawl ended at its
20 feed pages with a ``limit_reached`` saying there was more to read. Now an entry an
earlier page gave is counted as a duplicate, and paging ends at the first page with
nothing new. Served by a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.adversarial.service import open_api
from tests.adversarial.test_crawl_limits import _run
from tests.http_thread import QuietHandler, serving_handler


class _IgnoresPages(QuietHandler):
    """An RSS feed of three bulletins, each page naming the next, none moving on."""

    def do_GET(self) -> None:
        page = int(parse_qs(urlsplit(self.path).query).get("pagina", ["1"])[0])
        items = "".join(
            f"<item><title>Boletín {n}</title><link>http://ejemplo.invalid/boletin/{n}</link>"
            f"<description>Contenido del boletín judicial número {n}.</description>"
            "<pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate></item>"
            for n in (1, 2, 3)
        )
        body = (
            "<?xml version='1.0'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
            f"<channel><title>Boletines</title><atom:link rel='next' href='/feed.xml?pagina="
            f"{page + 1}'/>{items}</channel></rss>"
        )
        self.answer(body.encode(), "application/rss+xml; charset=utf-8")


def test_a_feed_repeating_its_entries_on_every_page_is_read_once(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        with serving_handler(_IgnoresPages) as url:
            spec = {
                "id": "pj-gto-boletines", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "feed", "start_urls": [f"{url}/feed.xml"],
                "feed": {"follow": False},
            }  # fmt: skip
            run = _run(api, spec)
        assert api.library.db.count_documents() == 3
    finally:
        api.close()
    assert run["errors"] == {}, run["errors"]
    assert run["stats"]["items"] == 3, run["stats"]
    assert run["stats"]["duplicate_links"] == 3, run["stats"]  # page 2's, then it stops
