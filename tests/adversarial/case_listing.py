"""A court's listing of case rows (case number, link to its sentence) written to a folder,
served from 127.0.0.1 and crawled with ``abierto crawl`` as an operator runs it: the setup
of the tests that put a hostile link in a row and read what the crawl kept and counted."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl


def case_listing_spec(source_id: str) -> str:
    """The spec of a listing whose rows (``tr.fila``) give a case number and a link."""
    return f"""
id: {source_id}
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${{ABIERTO_SAMPLES_URL}}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""


def sentence_page(name: str) -> str:
    """A sentence's page that reads as a document."""
    return f"<html><body><h1>Sentencia {name}</h1><p>Arrendamiento de un local.</p></body></html>"


@dataclass(frozen=True)
class ListingCrawl:
    result: subprocess.CompletedProcess[str]
    #: the served folder's base address
    url: str
    data_dir: Path

    def database(self) -> Database:
        """The crawl's database (the caller closes it)."""
        return Database(f"sqlite:///{self.data_dir / 'abierto.db'}")


def crawl_case_listing(
    folder: Path, source_id: str, rows: Iterable[tuple[str, str]], pages: Mapping[str, str]
) -> ListingCrawl:
    """``listado.html`` with one row per (case number, link), and ``pages`` (file name:
    HTML) beside it, crawled into ``folder / "data"``."""
    www, specs = folder / "www", folder / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(case_listing_spec(source_id))
    cells = "".join(
        f'<tr class="fila"><td class="exp">{exp}</td><td><a href="{href}">ver</a></td></tr>'
        for exp, href in rows
    )
    (www / "listado.html").write_text(
        f'<html><head><meta charset="utf-8"></head><body><table>{cells}</table></body></html>',
        encoding="utf-8",
    )
    for name, html in pages.items():
        (www / name).write_text(html, encoding="utf-8")
    with serve(www) as server:
        result = run_crawl(folder / "data", server.url, sources_dir=specs)
    return ListingCrawl(result, server.url, folder / "data")
