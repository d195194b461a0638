"""A feed whose fields hold text between comments (``a<!--c-->`` repeated) is read in
the time its size takes. lxml builds each text node an XPath returns (``./link/text()``)
by walking back over the comments before it, so 40,000 of them in one field (360 KB)
held the crawl's only thread for a minute, past ``ABIERTO_PARSE_TIMEOUT_S``: the run
failed with ``parse_timeout`` and none of the feed's bulletins was read (``itertext``,
for a title, was quadratic too). Served by a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import open_api
from tests.adversarial.test_listing_text_between_comments import _run
from tests.shapes.server import FixtureServer

PIECES = 40_000


def _feed(field: str) -> bytes:
    junk = "1<!--c-->" * PIECES
    items = []
    for n in (1, 2, 3):
        title = f"Boletín {n}" + (junk if field == "title" and n == 2 else "")
        date = "Tue, 18 Feb 2025 10:00:00 GMT" + (junk if field == "pubDate" and n == 2 else "")
        items.append(
            f"<item><title>{title}</title><link>http://ejemplo.invalid/boletin/{n}</link>"
            f"<description>Contenido del boletín judicial número {n}.</description>"
            f"<guid>http://ejemplo.invalid/boletin/{n}{junk if field == 'guid' and n == 2 else ''}"
            f"</guid><category>Avisos{junk if field == 'category' and n == 2 else ''}</category>"
            f"<pubDate>{date}</pubDate></item>"
        )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Boletines"
        f"{junk if field == 'channel' else ''}</title>{''.join(items)}</channel></rss>"
    ).encode()


def test_a_feed_of_text_between_comments_is_read_whole_by_a_crawl(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "feed.xml").write_bytes(_feed("guid"))
    (tmp_path / "www" / "canal.xml").write_bytes(_feed("channel"))
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            for name, source in (("feed", "pj-gto-boletines"), ("canal", "pj-gto-canal")):
                spec = {
                    "id": source, "kind": "sentencia", "jurisdiction": "MX-GUA",
                    "shape": "feed", "start_urls": [f"{server.url}/{name}.xml"],
                    "feed": {"follow": False},
                }  # fmt: skip
                run = _run(api, spec, parse_timeout_s=10)
                assert run["status"] != "failed", run
                assert run["errors"] == {}, run["errors"]
                assert run["stats"]["items"] == 3, run["stats"]
        assert api.library.db.count_documents() == 6
    finally:
        api.close()
