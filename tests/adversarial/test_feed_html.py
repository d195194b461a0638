"""A feed entry's own HTML (``feed.follow: false``) is read where documents are built, as
a page's is: in a worker, under ``ABIERTO_BUILD_TIMEOUT_S``. Read in the spider's
callback, one hostile entry (megabytes of nested HTML, seconds to read) held the crawl
until the stall watch ended it (``parse_timeout``, nothing indexed); now that entry is one
``build_timeout`` error and the rest of the feed is indexed."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.shapes.server import FixtureServer

HOSTILE_DEPTH = 900_000  # about 10 MB, read in some 4.5 s of CPU: well past the 1 s build bound
BUILD_TIMEOUT_S = "1"  # the other entries build in milliseconds; the stall watch stays at 3 s


def _feed(root: Path) -> None:
    items = [
        f"<item><title>Boletín {n}</title><guid>boletin-{n}</guid>"
        f"<description><![CDATA[<p>Contenido del boletín número {n}.</p>]]></description>"
        "<pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate></item>"
        for n in range(4)
    ]
    nested = "<div>" * HOSTILE_DEPTH + "trampa" + "</div>" * HOSTILE_DEPTH
    items.insert(
        2,
        "<item><title>Boletín hostil</title><guid>hostil</guid>"
        f"<description><![CDATA[{nested}]]></description>"
        "<pubDate>Tue, 18 Feb 2025 10:00:00 GMT</pubDate></item>",
    )
    (root / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>B</title>"
        f"{''.join(items)}</channel></rss>"
    )


def test_a_hostile_entry_is_one_counted_error_and_the_feed_goes_on(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _feed(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            feed = f"{server.url}/feed.xml"
            spec = {
                "id": "pj-gto-boletines", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "feed", "start_urls": [feed], "feed": {"follow": False},
            }  # fmt: skip
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, "pj-gto-boletines", ABIERTO_BUILD_TIMEOUT_S=BUILD_TIMEOUT_S)
        assert done.returncode in (0, 1, 3), done.stdout + done.stderr
        runs = api.client.get("/v1/sources/pj-gto-boletines/runs", headers=api.headers).json()
        [run] = runs["runs"]
        assert "parse_timeout" not in run["errors"], run
        [example] = run["errors"]["build_timeout"]["examples"]
        assert example["url"] == f"{server.url}/hostil" and "1 s" in example["message"]
        assert api.library.db.count_documents() == 4
        texts = {doc.text for doc in api.library.db.iter_documents()}
        assert texts == {f"Contenido del boletín número {n}." for n in range(4)}
    finally:
        api.close()
