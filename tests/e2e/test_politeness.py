"""A site that answers 429/503 is given the time it asks for (Retry-After) before it is
asked again; one that keeps refusing becomes a counted crawl error, not a hammering."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from crawlers.throttle import retry_after_seconds
from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = """
id: juzgado-saturado
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/sitio/listado.html"]
listing:
  items: "css:li"
  link: "css:a::attr(href)"
  fields: {expediente: "css:span::text"}
"""
ROUTES = """
routes:
  - path: /listado.html
    status: 429
    headers: {Retry-After: "1"}
    times: 1
  - path: /sentencia-2.html
    status: 503
    times: 1
  - path: /sentencia-3.html
    status: 429
    headers: {Retry-After: "1"}
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "www" / "sitio"
    folder.mkdir(parents=True)
    items = "".join(
        f'<li><span>{n}/2024</span> <a href="sentencia-{n}.html">ver</a></li>' for n in (1, 2, 3)
    )
    (folder / "listado.html").write_text(f"<html><body><ul>{items}</ul></body></html>")
    for n in (1, 2, 3):
        (folder / f"sentencia-{n}.html").write_text(
            f"<html><body><main><p>Sentencia del expediente {n}/2024.</p></main></body></html>"
        )
    (folder / "_http.yaml").write_text(ROUTES)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "juzgado.yaml").write_text(SPEC)
    return tmp_path


def test_retry_after_is_honoured_and_persistent_refusal_is_counted(site: Path) -> None:
    with FixtureServer(site / "www") as server:
        result = run_abierto(
            site / "data", server.url, site / "specs", env={"ABIERTO_BACKOFF_RETRIES": "2"}
        )
        listing = server.hits("/sitio/listado.html")
        second = server.hits("/sitio/sentencia-2.html")
        refused = server.hits("/sitio/sentencia-3.html")
    assert result.returncode == 3, result.stdout + result.stderr
    assert [hit.status for hit in listing] == [429, 200]
    assert listing[1].at - listing[0].at >= 0.9  # Retry-After: 1
    assert [hit.status for hit in second] == [503, 200]
    assert second[1].at - second[0].at >= 0.9  # no Retry-After: backed off 1 s
    assert [hit.status for hit in refused] == [429, 429, 429]  # first try + 2 retries
    assert all(b.at - a.at >= 0.9 for a, b in itertools.pairwise(refused))
    db = Database(f"sqlite:///{site / 'data' / 'abierto.db'}")
    run = db.list_runs("juzgado-saturado")[0]
    assert {cause: entry["count"] for cause, entry in run.errors.items()} == {"rate_limited": 1}
    assert sorted(doc.expediente for doc in db.iter_documents()) == ["1/2024", "2/2024"]
    db.close()


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412500.0) == 0.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("pronto") is None
