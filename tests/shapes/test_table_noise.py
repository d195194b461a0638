"""The catalogue's table listings (pj-cdmx-sentencias, pj-gto-sentencias,
congreso-gto-iniciativas) over tables as legacy sites print them: the head printed again
between the rows in plain cells (``<td><b>Expediente</b></td>``) and the pager a row of
the table itself, one cell across it (``<td colspan="5">Páginas: 1 <a href="?pagina=2">2
</a>…``). Those rows are no documents: the head's words were read as a sentence with no
file (a ``missing_link`` error each page), and the pager's "Siguiente" was followed as an
initiative.

The fixture ``tests/fixtures/listing_tables/ruido-legado`` served on 127.0.0.1, each spec
as the catalogue has it with only its host replaced, crawled with ``abierto crawl``; the
documents expected are in ``expected-items.json`` beside the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from indexer.db import Database
from tests.shapes.harness import FIXTURES, REPO, run_abierto
from tests.shapes.server import FixtureServer

CATALOGUE = REPO / "config" / "sources" / "catalogue"
SITE = FIXTURES / "listing_tables" / "ruido-legado"
STARTS = {
    "pj-cdmx-sentencias": "sentencias.html",
    "pj-gto-sentencias": "sentencias.html",
    "congreso-gto-iniciativas": "iniciativas.html",
}


def _item(doc: Any, base: str) -> dict[str, Any]:
    return {
        "url": doc.url.replace(base, "{base}"),
        "expediente": getattr(doc, "expediente", None),
        "title": doc.title if doc.kind == "legislativo" else None,
        "date": doc.date.isoformat() if doc.date else None,
        "files": [f.url.replace(base, "{base}") for f in doc.files],
    }


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("tablas")
    specs = work / "specs"
    specs.mkdir()
    with FixtureServer(SITE) as server:
        for source_id, start in STARTS.items():
            data = yaml.safe_load((CATALOGUE / f"{source_id}.yaml").read_text(encoding="utf-8"))
            data |= {"start_urls": [f"{server.url}/{start}"], "allowed_domains": ["127.0.0.1"]}
            (specs / f"{source_id}.yaml").write_text(json.dumps(data, ensure_ascii=False))
        result = run_abierto(work / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
        db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
        try:
            found: dict[str, Any] = {}
            for source_id in STARTS:
                docs = [d for d in db.iter_documents() if d.source_id == source_id]
                run = db.list_runs(source_id, limit=1)[0]
                found[source_id] = {
                    "documents": sorted((_item(d, server.url) for d in docs), key=str),
                    "errors": {cause: e["count"] for cause, e in sorted(run.errors.items())},
                }
            return found
        finally:
            db.close()


@pytest.mark.parametrize("source_id", list(STARTS))
def test_only_the_rows_of_data_are_documents(crawled: dict[str, Any], source_id: str) -> None:
    expected = json.loads((SITE / "expected-items.json").read_text(encoding="utf-8"))
    assert crawled[source_id] == expected[source_id]
