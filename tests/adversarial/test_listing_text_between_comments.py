"""A listing cell whose text stands between comments (a template's ``<!-- fila -->`` and
a line break, repeated) is read in the time its size takes. A field naming an element
(``css:td.t``) is read as its text nodes, which lxml built by walking back over the
comments before each one: 40,000 of them in one cell (560 KB) held the crawl's only thread past
``ABIERTO_PARSE_TIMEOUT_S``, and the run failed with ``parse_timeout`` telling the
institution to simplify selectors that were not at fault; no row was read. A document
page whose heading holds 400,000 comments (3 MB) did the same through ``itertext`` (read to
see whether the page says «no encontrado»). Served by a real server on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.adversarial.service import Api, listing_spec, open_api
from tests.e2e.helpers import REPO
from tests.shapes.server import FixtureServer


def _site(root: Path, heading: int = 0) -> None:
    rows = []
    for n in (1, 2, 3):
        # a template's comments, each followed by its line's white space
        junk = "<!-- fila -->\n" * 40_000 if n == 2 and not heading else " "
        rows.append(
            f"<tr><td class='t'>Sentencia {n}{junk}del Pleno</td>"
            f"<td><a href='d{n}.html'>ver</a></td></tr>"
        )
        comments = "<!--c-->" * heading if n == 2 else ""
        (root / f"d{n}.html").write_text(
            f"<html><body><h1>Sentencia {n}{comments}</h1>"
            f"<main>Texto de la sentencia {n} del Pleno.</main></body></html>"
        )
    (root / "lista.html").write_text(
        f"<html><body><table><tbody>{''.join(rows)}</tbody></table></body></html>"
    )


def _run(api: Api, spec: dict[str, Any], parse_timeout_s: int) -> dict[str, Any]:
    """Register ``spec``, crawl it in a process of its own under ``parse_timeout_s``
    and return its run."""
    created = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert created.status_code == 201, created.text
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(api.settings.data_dir),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        "ABIERTO_PARSE_TIMEOUT_S": str(parse_timeout_s),
    }
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1, 3), done.stdout + done.stderr
    runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
    return runs["runs"][0]  # type: ignore[no-any-return]


def test_a_cell_of_text_between_comments_is_read_by_a_crawl(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-comentarios")
            spec["listing"]["fields"] = {"title": "css:td.t"}
            run = _run(api, spec, parse_timeout_s=10)
        assert run["status"] != "failed", run
        assert "parse_timeout" not in run["errors"], run["errors"]
        assert api.library.db.count_documents() == 3, (run["errors"], run["notices"], run["stats"])
        titles = sorted(d.title for d in api.library.db.iter_documents())
        assert titles == [f"Sentencia {n} del Pleno" for n in (1, 2, 3)]
    finally:
        api.close()


def test_a_document_whose_heading_holds_comments_is_read_by_a_crawl(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www", heading=400_000)
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-encabezado")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            # three reads of the heading, each linear now: seconds on a loaded machine
            run = _run(api, spec, parse_timeout_s=30)
        assert run["status"] != "failed", run
        assert run["errors"] == {}, run["errors"]
        assert api.library.db.count_documents() == 3
    finally:
        api.close()
