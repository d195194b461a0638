"""A source deleted while its crawl runs is still its institution's. The crawl looked up
who it writes for when it stored its first document: a source its institution deleted
before then (while the crawl waited for its first page, which the institution's own site
can hold back as long as it likes) was no longer in the registry, and the crawl wrote as
the operator's catalogue does: a court read from the page naming another institution was
published as that institution's judgment. Real API, store, ``abierto crawl`` process and
HTTP site on 127.0.0.1; the site holds its listing until the test has deleted the source
(events, no sleeps)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.e2e.helpers import run_crawl
from tests.http_thread import QuietHandler, serving_handler

TSJ = "Tribunal Superior de Justicia de Querétaro"
TJA = "Tribunal de Justicia Administrativa del Estado de Querétaro"
OWN = "Primera Sala Penal"
TEXT = "SENTENCIA DEFINITIVA. Se resuelve el toca de apelación en definitiva. " * 6
WAIT_S = 240  # the crawl process's start on a loaded CI: an event, not a sleep
ASKED = threading.Event()  # the crawl asked for the listing
RELEASE = threading.Event()  # the source is deleted: the listing may be answered


class Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/toca/"):
            body = f"<html><body><h1>Toca</h1><main>{TEXT}</main></body></html>"
            self.answer(body.encode(), "text/html; charset=utf-8")
            return
        if self.path != "/":
            self.answer(b"", "text/plain", 404)
            return
        ASKED.set()
        RELEASE.wait(WAIT_S)
        rows = "".join(
            f"<li class='toca'><a href='/toca/{n}'>Toca {n}/2024</a>"
            f"<span class='fecha'>2024-03-0{n}</span><span class='organo'>{court}</span></li>"
            for n, court in enumerate([TJA, OWN], start=1)
        )
        self.answer(f"<html><body><ul>{rows}</ul></body></html>".encode(), "text/html")


def test_a_source_deleted_while_crawled_still_writes_as_its_institution(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "specs").mkdir()
    settings = Settings(data_dir=data, allow_loopback=True, crawl_delay_s=0)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("tsj-qro", TSJ, "court", "MX-QUE")
    registry.add_institution("tja-qro", TJA, "court", "MX-QUE")
    tsj = {"Authorization": f"Bearer {registry.issue_key('tsj-qro')[1]}"}
    crawled: dict[str, Any] = {}
    with serving_handler(Site) as base, TestClient(create_app(library, settings)) as api:
        spec = {
            "id": "tsj-qro-tocas", "kind": "sentencia", "jurisdiction": "MX-QUE",
            "start_urls": [f"{base}/"],
            "listing": {
                "items": "css:li.toca", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text", "date": "css:span.fecha::text",
                           "court": "css:span.organo::text"},
            },
        }  # fmt: skip
        created = api.post("/v1/sources", json=spec, headers=tsj)
        assert created.status_code == 201, created.text

        def crawl() -> None:
            crawled["run"] = run_crawl(data, base, "tsj-qro-tocas", sources_dir=tmp_path / "specs")

        thread = threading.Thread(target=crawl)
        thread.start()
        try:
            assert ASKED.wait(WAIT_S), "the crawl never asked for the listing"
            gone = api.delete("/v1/sources/tsj-qro-tocas", headers=tsj)
            assert gone.status_code == 204, gone.text
        finally:
            RELEASE.set()
            thread.join(WAIT_S + 60)
    run = crawled["run"]
    assert registry.get_source("tsj-qro-tocas") is None
    docs = list(library.db.iter_documents())
    courts = sorted(str(getattr(doc, "court", None)) for doc in docs)
    library.close()
    assert len(docs) == 2, run.stdout + run.stderr
    # the other court's name read from the page is left out, as for a source not deleted
    assert TJA not in courts, courts
    assert OWN in courts, courts
    assert {doc.institution for doc in docs} == {TSJ}
