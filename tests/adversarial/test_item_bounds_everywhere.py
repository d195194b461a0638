"""A hostile page of 10^5 items costs memory by the bound, not by the page, wherever
items are selected: the crawl's listings did (``listing.max_items``), but the preview
selected every row of the page (a selector object and a document for each), and a video
channel's page (``video_channel.items``) read every block (its fields, its players),
each one a transmission. Now the preview reads the first ``listing.max_items`` as the
crawl does and says the rest as the crawl's ``limit_reached``; a channel page reads its
first ``video_channel.max_entries`` and counts the rest. Real servers on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from tests.adversarial.service import Api, listing_spec, open_api
from tests.e2e.helpers import REPO
from tests.http_thread import QuietHandler, serving_handler

HOSTILE = 100_000


def _rows() -> bytes:
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='/x{n}.html'>v</a></td></tr>"
        for n in range(HOSTILE)
    )
    return f"<html><body><table><tbody>{rows}</tbody></table></body></html>".encode()


def _blocks() -> bytes:
    blocks = "".join(
        f"<div class=t><h3>Sesión del {1 + n % 28} de marzo de 2025</h3>"
        f"<iframe src=https://www.youtube.com/embed/A{n:010d}></iframe></div>"
        for n in range(HOSTILE)
    )
    return f"<html><body>{blocks}</body></html>".encode()


class _Site(QuietHandler):
    pages: dict[str, bytes] = {}  # noqa: RUF012  # set once per test, read by the server

    def do_GET(self) -> None:
        if self.path in self.pages:
            self.answer(self.pages[self.path], "text/html; charset=utf-8")
        elif self.path.startswith("/x"):
            page = f"<html><body><main>Texto de la sentencia {self.path}.</main></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"", "text/plain", status=404)


def test_a_preview_of_a_page_of_100000_rows_reads_the_bound(tmp_path: Path) -> None:
    _Site.pages = {"/enorme.html": _rows()}
    with serving_handler(_Site) as url:
        spec = listing_spec(f"{url}/enorme.html", institution="Juzgado de Prueba")
        spec["listing"] |= {"max_items": 3, "fields": {"title": "css:td.t::text"}}
        tracemalloc.start()
        try:
            shown = listing_preview(
                SourceSpec.model_validate(spec), Settings(allow_loopback=True), time_limit_s=120
            )
            held = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert [d["fields"]["title"] for d in shown["documents"]] == [
        "Sentencia 0", "Sentencia 1", "Sentencia 2",
    ], shown["errors"]  # fmt: skip
    [cut] = [e for e in shown["errors"] if e["cause"] == "limit_reached"]
    said = error_mensaje("limit_reached", cut["message"])
    assert f"{HOSTILE - 3} elementos de esta página" in said and "(3)" in said, said
    # the page's bytes and text (~14 MB) and no object for each of its rows
    assert held < 40_000_000, held


def _congress(api: Api) -> dict[str, str]:
    api.registry.add_institution(
        "congreso-gto", "H. Congreso del Estado de Guanajuato", "congress", "MX-GUA"
    )
    return {"Authorization": f"Bearer {api.registry.issue_key('congreso-gto')[1]}"}


def _crawl(api: Api, headers: dict[str, str], spec: dict[str, Any]) -> dict[str, Any]:
    created = api.client.post("/v1/sources", json=spec, headers=headers)
    assert created.status_code == 201, created.text
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(api.settings.data_dir),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        "ABIERTO_PARSE_TIMEOUT_S": "120",  # a loaded machine: the bound is the items'
    }
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1, 3), done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=headers).json()
    return runs["runs"][0]


def test_a_channel_page_of_100000_blocks_reads_its_bound(tmp_path: Path) -> None:
    _Site.pages = {"/videos": _blocks()}
    api = open_api(tmp_path / "data")
    headers = _congress(api)
    try:
        with serving_handler(_Site) as url:
            spec = {
                "id": "congreso-gto-videos", "kind": "sesion", "jurisdiction": "MX-GUA",
                "shape": "video_channel", "start_urls": [f"{url}/videos"],
                "video_channel": {"format": "page", "items": "css:div.t",
                                  "fields": {"title": "css:h3::text"}, "max_entries": 3},
            }  # fmt: skip
            run = _crawl(api, headers, spec)
    finally:
        api.close()
    assert run["status"] != "failed", run
    assert run["stats"]["items"] == 3, run["stats"]
    [cut] = run["notices"]["limit_reached"]["examples"]
    assert cut["message"] == (
        f"video_channel.max_entries (3) reached: {HOSTILE - 3} items of this page after the "
        "first 3 were not read"
    )
    assert f"{HOSTILE - 3} elementos de esta página" in cut["mensaje"], cut["mensaje"]
