"""A sitemap or feed of the site's own format, large but under the download limit, is
read in steps: the crawl keeps its other work going and the parse bound
(``ABIERTO_PARSE_TIMEOUT_S``, meant for a spec's selectors) is never spent on it. Read
whole in one step, a sitemap of 400,000 URLs (35 MB) held the crawl 16 CPU seconds here
(60-80 s for 750,000 on a loaded machine, past the default 60 s bound): the run failed as
``parse_timeout``, telling the institution to simplify selectors it does not have. Every
URL or entry is crawled or counted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.adversarial.hostile import large_feed
from tests.adversarial.service import open_api
from tests.e2e.helpers import REPO
from tests.shapes.server import FixtureServer

URLS = 200_000


def _crawl(api: Any, spec: dict[str, Any]) -> dict[str, Any]:
    created = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert created.status_code == 201, created.text
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(api.settings.data_dir),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        # each step is one piece of the document (~0.1-0.5 s on a loaded machine)
        "ABIERTO_PARSE_TIMEOUT_S": "6",
    }
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1, 3), done.stdout + done.stderr
    runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
    return runs["runs"][0]


def test_a_sitemap_of_200000_urls_is_read_in_steps_and_each_url_crawled_or_counted(
    tmp_path: Path,
) -> None:
    url = "<url><loc>/a/{n}.html</loc><lastmod>2025-02-18</lastmod></url>"
    (tmp_path / "www" / "a").mkdir(parents=True)
    (tmp_path / "www" / "sitemap.xml").write_text(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(url.format(n=n) for n in range(URLS))
        + "</urlset>"
    )
    for n in range(3):
        (tmp_path / "www" / "a" / f"{n}.html").write_text(
            f"<html><head><title>Acuerdo {n}</title></head><body><main>Texto del acuerdo "
            f"{n} del pleno.</main></body></html>"
        )
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = {
                "id": "pj-gto-mapa-grande", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "sitemap", "start_urls": [f"{server.url}/sitemap.xml"],
                "sitemap": {"max_urls": 3},
                "detail": {"fields": {"title": "css:title::text"}},
            }  # fmt: skip
            run = _crawl(api, spec)
        assert run["status"] != "failed", run
        assert api.library.db.count_documents() == 3, run
        assert run["errors"] == {}, run["errors"]
        [example] = run["notices"]["limit_reached"]["examples"]
        assert f"{URLS - 3} URLs of this sitemap after the first 3" in example["message"]
        assert f"{URLS - 3} direcciones de este mapa del sitio" in example["mensaje"]
    finally:
        api.close()


def test_a_feed_of_200000_items_filtered_by_title_is_read_in_steps(tmp_path: Path) -> None:
    """``max_entries`` at its highest (100,000) and a ``keep`` pattern only three titles
    pass: every entry up to the limit is read (the pattern needs its title), the rest
    counted."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "feed.xml").write_bytes(large_feed(URLS))
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = {
                "id": "pj-gto-canal-grande", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "feed", "start_urls": [f"{server.url}/feed.xml"],
                "feed": {"follow": False, "max_entries": 100_000,
                         "keep": "^Acuerdo (7|70|700)$"},
            }  # fmt: skip
            run = _crawl(api, spec)
        assert run["status"] != "failed", run
        assert api.library.db.count_documents() == 3, run
        assert run["errors"] == {}, run["errors"]
        [example] = run["notices"]["limit_reached"]["examples"]
        assert f"{URLS - 100_000} entries after the first 100000" in example["message"]
    finally:
        api.close()
