"""A listing cell whose text stands between comments (a template's ``<!-- fila -->`` and
a line break, repeated) is read in the time its size takes. A field naming an element
(``css:td.t``) is read as its text nodes, which lxml built by walking back over the
comments before each one: 40,000 of them in one cell (560 KB) held the crawl's only thread past
``ABIERTO_PARSE_TIMEOUT_S``, and the run failed with ``parse_timeout`` telling the
institution to simplify selectors that were not at fault; no row was read. Served by a
real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer


def _site(root: Path) -> None:
    rows = []
    for n in (1, 2, 3):
        # a template's comments, each followed by its line's white space
        junk = "<!-- fila -->\n" * 40_000 if n == 2 else " "
        rows.append(
            f"<tr><td class='t'>Sentencia {n}{junk}del Pleno</td>"
            f"<td><a href='d{n}.html'>ver</a></td></tr>"
        )
        (root / f"d{n}.html").write_text(
            f"<html><body><main>Texto de la sentencia {n} del Pleno.</main></body></html>"
        )
    (root / "lista.html").write_text(
        f"<html><body><table><tbody>{''.join(rows)}</tbody></table></body></html>"
    )


def test_a_cell_of_text_between_comments_is_read_by_a_crawl(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-comentarios")
            spec["listing"]["fields"] = {"title": "css:td.t"}
            run = _run(api, spec, ABIERTO_PARSE_TIMEOUT_S="10")
        assert run["status"] != "failed", run
        assert "parse_timeout" not in run["errors"], run["errors"]
        assert api.library.db.count_documents() == 3, (run["errors"], run["notices"], run["stats"])
        titles = sorted(d.title for d in api.library.db.iter_documents())
        assert titles == [f"Sentencia {n} del Pleno" for n in (1, 2, 3)]
    finally:
        api.close()
