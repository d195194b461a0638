"""Instants at the edges of the calendar in feeds and sitemaps: a published date of year
9999 west of UTC or year 1 east of it, or a four-digit year 0001 that RFC 822's two-digit
rule would read as 2001, is no date at all; the entry is still a document."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.formats.feeds import parse_moment
from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

FEED_SPEC = """
id: avisos-fechas
kind: legislativo
shape: feed
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/avisos.atom"]
feed:
  follow: false
"""

SITEMAP_SPEC = """
id: mapa-fechas
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
detail:
  fields: {title: "css:h1::text"}
"""

EDGES = [
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "Sat, 31 Dec 9999 23:00:00 -1100",
    "Mon, 01 Jan 0001 00:00:00 +0100",
    "Tue, 01 Jan 0099 00:00:00 GMT",
]


@pytest.mark.parametrize("written", EDGES)
def test_an_instant_outside_plausible_years_is_no_moment(written: str) -> None:
    assert parse_moment(written) is None


def test_ordinary_instants_still_read() -> None:
    moment = parse_moment("Tue, 18 Feb 25 10:00:00 GMT")
    assert moment is not None and moment.year == 2025
    moment = parse_moment("2025-02-18T02:10:00Z")
    assert moment is not None and moment.day == 18


def _entry(n: int, written: str) -> str:
    return (
        f"<entry><id>urn:aviso:{n}</id><title>Aviso {n}</title>"
        f"<published>{written}</published>"
        f"<content type='text'>Aviso parlamentario número {n} sobre la reforma.</content></entry>"
    )


def test_feed_entries_dated_off_the_calendar_are_kept_undated(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "avisos.yaml").write_text(FEED_SPEC)
    entries = [*EDGES, "2025-02-18T16:00:00-06:00"]
    (www / "avisos.atom").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Avisos</title>'
        + "".join(_entry(n, w) for n, w in enumerate(entries, 1))
        + "</feed>"
    )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("avisos-fechas")[0]
        assert "item_failed" not in run.errors, run.errors
        dates = {doc.title: doc.date for doc in db.iter_documents()}
        assert len(dates) == len(entries)
        assert dates.pop(f"Aviso {len(entries)}").isoformat() == "2025-02-18"
        assert set(dates.values()) == {None}
    finally:
        db.close()


def test_sitemap_lastmods_off_the_calendar_do_not_cost_their_urls(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SITEMAP_SPEC)
    (www / "sitemap.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>hijo.xml</loc><lastmod>0001-01-01T00:00:00+14:00</lastmod></sitemap>"
        "</sitemapindex>"
    )
    (www / "hijo.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(
            f"<url><loc>doc-{n}.html</loc><lastmod>{w}</lastmod></url>"
            for n, w in enumerate(EDGES, 1)
        )
        + "</urlset>"
    )
    for n in range(1, len(EDGES) + 1):
        (www / f"doc-{n}.html").write_text(
            f"<html><body><h1>Iniciativa {n}</h1><p>Reforma al código civil {n}.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("mapa-fechas")[0]
        assert "item_failed" not in run.errors, run.errors
        titles = sorted(doc.title for doc in db.iter_documents())
        assert titles == [f"Iniciativa {n}" for n in range(1, len(EDGES) + 1)]
    finally:
        db.close()


def test_an_offset_of_four_digits_is_not_taken_for_the_year() -> None:
    moment = parse_moment("Tue, 18 Feb 25 10:00:00 +0100")
    assert moment is not None and moment.year == 2025
    moment = parse_moment("Tue, 18 Feb 2025 10:00:00 -0600")
    assert moment is not None and (moment.year, moment.month, moment.day) == (2025, 2, 18)


@pytest.mark.parametrize(
    "written", ["2025-01-01T00:00:00+25:00", "2025-01-01T25:00:00", "2025-01-01T00:00:00-24:30"]
)
def test_a_malformed_iso_instant_is_no_moment_not_its_bare_date(written: str) -> None:
    # the offset or the hour cannot be read, so the day it names cannot be known either
    assert parse_moment(written) is None


def test_iso_instants_python_reads_in_other_forms_still_read() -> None:
    for written in ("2025-02-18T10:00", "20250218T100000-0600", "2025-02-18T10:00:00.123456789Z"):
        moment = parse_moment(written)
        assert moment is not None and (moment.month, moment.day) == (2, 18), written
