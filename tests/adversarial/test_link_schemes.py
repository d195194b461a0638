"""A link that is no web address (``file:``, ``ftp:``, ``gopher:``…) is a counted
``bad_url``, never a document's address: a feed entry linking ``file:///etc/passwd`` was
kept with that URL, shown by the API and the exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.links import BadLink, absolute
from tests.adversarial.service import open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer

NOT_WEB = ["file:///etc/passwd", "ftp://ejemplo.gob.mx/a.pdf", "gopher://ejemplo.gob.mx/",
           "ldap://ejemplo.gob.mx/", "smb://servidor/compartido/a.pdf"]  # fmt: skip


@pytest.mark.parametrize("link", NOT_WEB)
def test_absolute_refuses_a_link_that_is_no_web_address(link: str) -> None:
    with pytest.raises(BadLink, match="not a web address"):
        absolute("https://ejemplo.gob.mx/lista/", link)


def test_web_and_relative_links_are_still_links() -> None:
    assert absolute("https://a.gob.mx/l/", "doc.pdf") == "https://a.gob.mx/l/doc.pdf"
    assert absolute("https://a.gob.mx/l/", "//b.gob.mx/x") == "https://b.gob.mx/x"
    assert absolute("https://a.gob.mx/l/", "HTTP://a.gob.mx/y") == "http://a.gob.mx/y"
    assert absolute("https://a.gob.mx/", "mailto:x@a.gob.mx") is None


def test_a_feed_entry_linking_no_web_address_is_kept_and_counted(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Boletín {n}</title><link>{link}</link>"
        f"<description>Contenido del boletín {n}.</description></item>"
        for n, link in enumerate(NOT_WEB)
    )
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "feed.xml").write_text(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>B</title>{items}</channel></rss>"
    )
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = {
                "id": "pj-gto-enlaces", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "feed", "start_urls": [f"{server.url}/feed.xml"],
                "feed": {"follow": False},
            }  # fmt: skip
            run = _run(api, spec)
            hits = api.client.get("/v1/search", params={"limit": 50}).json()["hits"]
        assert len(hits) == len(NOT_WEB)
        assert all(hit["url"].startswith(server.url) for hit in hits), [h["url"] for h in hits]
        assert run["errors"]["bad_url"]["count"] == len(NOT_WEB)
    finally:
        api.close()
