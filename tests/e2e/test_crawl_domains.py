"""A spec's ``allowed_domains`` keeps its crawl on them: a listing's link to another host
is not fetched, while a spec without them in the same crawl follows such a link. (A crawl
none of whose specs limit domains does without Scrapy's offsite check.)"""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: {id}
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${{ABIERTO_SAMPLES_URL}}/{id}.html"]
{limit}
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""


def _listing(site: Path, name: str, links: list[str]) -> None:
    rows = "".join(
        f'<tr class="fila"><td class="exp">{n}/2024</td><td><a href="{link}">ver</a></td></tr>'
        for n, link in enumerate(links, start=1)
    )
    (site / f"{name}.html").write_text(f"<table>{rows}</table>", encoding="utf-8")


def _urls(data: Path, source_id: str) -> set[str]:
    db = Database(f"sqlite:///{data / 'abierto.db'}")
    try:
        return {doc.url for doc in db.iter_documents() if doc.source_id == source_id}
    finally:
        db.close()


def test_allowed_domains_keep_their_crawl_on_them(tmp_path: Path) -> None:
    site, specs = tmp_path / "site", tmp_path / "specs"
    site.mkdir()
    specs.mkdir()
    for n in (1, 2):
        (site / f"s{n}.html").write_text(
            f"<html><body><h1>Amparo en revisión {n}/2024</h1><p>Texto {n}.</p></body></html>",
            encoding="utf-8",
        )
    (specs / "limitado.yaml").write_text(
        SPEC.format(id="limitado", limit='allowed_domains: ["127.0.0.1"]'), encoding="utf-8"
    )
    (specs / "libre.yaml").write_text(SPEC.format(id="libre", limit=""), encoding="utf-8")
    with serve(site) as server:
        port = server.url.rsplit(":", 1)[1]
        other_host = f"http://localhost:{port}/s2.html"  # the same server, another host
        _listing(site, "limitado", ["s1.html", other_host])
        _listing(site, "libre", ["s1.html", other_host])
        done = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _urls(tmp_path / "data", "limitado") == {f"{server.url}/s1.html"}
    assert _urls(tmp_path / "data", "libre") == {f"{server.url}/s1.html", other_host}
