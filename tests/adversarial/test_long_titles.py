"""A title is what a source's selector read: one that took the page's whole text (here a
60,000-character "title") was saved as the title and drawn whole in every list of
results, on /buscar, in /sesiones and in the Atom feed. It is refused as implausible,
counted naming the field, and the document keeps the title its case number gives."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer

LONG = "Sentencia " + "considerando del fallo " * 2_700


def _site(root: Path) -> None:
    rows = [("12/2025", "Sentencia del juicio de amparo 12/2025", "corto"),
            ("13/2025", LONG, "largo")]  # fmt: skip
    (root / "lista.html").write_text(
        "<html><body><table><tbody>"
        + "".join(
            f"<tr><td class='e'>{number}</td><td class='t'>{title}</td>"
            f"<td><a href='{name}.html'>ver</a></td></tr>"
            for number, title, name in rows
        )
        + "</tbody></table></body></html>"
    )
    for _, _, name in rows:
        (root / f"{name}.html").write_text(f"<html><body><main>Amparo {name}.</main></body></html>")


def test_a_title_of_pages_is_refused_and_counted(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-titulos")
            spec["listing"] |= {"fields": {"title": "css:td.t::text",
                                           "expediente": "css:td.e::text"}}  # fmt: skip
            run = _run(api, spec)
        refused = run["errors"]["implausible_field"]
        assert refused["count"] == 1
        [example] = refused["examples"]
        assert example["url"].endswith("/largo.html") and "title" in example["message"]
        titles = sorted(
            hit["title"]
            for hit in api.client.get("/v1/search", params={"q": "amparo"}).json()["hits"]
        )
        assert titles == ["Sentencia del expediente 13/2025",
                          "Sentencia del juicio de amparo 12/2025"]  # fmt: skip
        page = api.client.get("/buscar", params={"q": "amparo"})
        assert page.status_code == 200 and len(page.content) < 60_000
    finally:
        api.close()
