"""A listing whose ``<base href>`` is no web address (``file:``, ``javascript:``, ``ftp:``)
has its links read against the page's own address, as a browser does: such a tag made
every link of the page a bad_url, and the page's documents were lost. So is a base that
cannot be parsed at all (``http://[::1/``, ``http://h:99999/``): Scrapy raised on it, and
the page was lost as a network error."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from indexer.db import Database
from indexer.library import Library
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-base
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""


@pytest.mark.parametrize(
    "base",
    ["file:///etc/", "javascript:void(0)", "ftp://127.0.0.1/", "http://[::1/", "http://h:99999/"],
)
def test_a_base_that_is_no_web_address_is_ignored(tmp_path: Path, base: str) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    rows = "".join(
        f'<tr class="fila"><td class="exp">{n}/2024</td><td><a href="s-{n}.html">ver</a></td></tr>'
        for n in (100, 101)
    )
    (www / "listado.html").write_text(
        f'<html><head><base href="{base}"></head><body><table>{rows}</table></body></html>'
    )
    for n in (100, 101):
        (www / f"s-{n}.html").write_text(
            f"<html><body><h1>Sentencia {n}</h1><p>Arrendamiento de un local {n}.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-base")[0]
        assert run.errors == {}, run.errors
        assert sorted(doc.expediente for doc in db.iter_documents()) == ["100/2024", "101/2024"]
    finally:
        db.close()


def test_a_cached_page_with_an_unparsable_base_is_read_when_the_site_answers_304(
    tmp_path: Path,
) -> None:
    """A page rebuilt from the archive on a 304 goes through the same check: a page
    archived by a crawl before the check existed (so with its tag as the site wrote it)
    failed again at every recrawl the site answered "not modified"."""
    www, specs, data = tmp_path / "www", tmp_path / "specs", tmp_path / "data"
    www.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    rows = "".join(
        f'<tr class="fila"><td class="exp">{n}/2024</td><td><a href="s-{n}.html">ver</a></td></tr>'
        for n in (100, 101)
    )
    listing = (
        f'<html><head><base href="http://[::1/"></head><body><table>{rows}</table></body></html>'
    ).encode()
    (www / "listado.html").write_bytes(listing)
    for n in (100, 101):
        (www / f"s-{n}.html").write_text(
            f"<html><body><h1>Sentencia {n}</h1><p>Arrendamiento de un local {n}.</p></body></html>"
        )
    with serve(www) as server:
        assert run_crawl(data, server.url, sources_dir=specs).returncode == 0
        # the listing's last fetch as a crawl before the check kept it: the site's bytes
        library = Library.open(Settings(data_dir=data))
        try:
            url = f"{server.url}/listado.html"
            [row] = library.db.get_fetches([url]).values()
            row.sha256 = library.archive.put(listing)
            library.db.save_fetches([row])
        finally:
            library.close()
        server.reset_counts()
        again = run_crawl(data, server.url, sources_dir=specs)
        assert server.not_modified["/listado.html"] == 1
    assert "Traceback" not in again.stderr, again.stderr[-3000:]
    db = Database(f"sqlite:///{data / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-base")[0]
        assert run.errors == {}, run.errors
        assert run.stats["not_modified"] >= 1
    finally:
        db.close()
