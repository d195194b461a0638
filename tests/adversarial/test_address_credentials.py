"""An address with a user and password before its host (``https://usuario:secreto@…``):
in a spec's start URLs it was accepted, then every fetch failed with a traceback
(«invalid hostname») and, had a downloader taken it, every document's address made from
it by ``urljoin`` would have published the password in results, pages, feeds and dumps.
It is refused when the spec is sent (a 422 in Spanish that does not echo the password),
and a link a site writes so is a counted ``bad_url``, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.specs import SpecError, load_spec
from indexer.db import Database
from indexer.db.tables import CrawlRunRow
from tests.adversarial.service import listing_spec, open_api
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer


@pytest.mark.parametrize(
    "url", ["https://usuario:secreto@pj.gob.mx/lista", "https://secreto@pj.gob.mx/lista"]
)
def test_a_start_url_with_credentials_is_refused_in_spanish(tmp_path: Path, url: str) -> None:
    api = open_api(tmp_path / "data")
    try:
        for path in ("/v1/sources", "/v1/sources/preview"):
            answer = api.client.post(path, json=listing_spec(url), headers=api.headers)
            assert answer.status_code == 422, answer.text
            assert "secreto" not in answer.text
            assert "usuario ni contraseña" in answer.text
        assert api.registry.get_source("pj-gto-prueba") is None
    finally:
        api.close()
    spec = tmp_path / "fuente.yaml"
    spec.write_text(yaml.safe_dump(listing_spec(url) | {"institution": "PJ"}), encoding="utf-8")
    with pytest.raises(SpecError) as refused:
        load_spec(spec)
    assert "secreto" not in str(refused.value)


def crawl_two_rows(tmp_path: Path, first: str, routes: list[dict] | None = None) -> CrawlRunRow:
    """Crawls a listing whose first row links ``first`` (``{host}`` is the site's) and
    whose second row links a plain page; the documents' addresses and the run."""
    site = tmp_path / "www" / "sitio"
    site.mkdir(parents=True)
    specs = tmp_path / "specs"
    specs.mkdir()
    if routes:
        (tmp_path / "www" / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))
    with FixtureServer(tmp_path / "www") as server:
        link = first.format(host=server.url.removeprefix("http://"))
        rows = (
            f'<tr><td><a href="{link}">Uno</a></td></tr>'
            '<tr><td><a href="dos.html">Dos</a></td></tr>'
        )
        (site / "lista.html").write_text(f"<table><tbody>{rows}</tbody></table>")
        for name in ("uno", "dos"):
            text = f"Sentencia {name}: el juez resuelve la pensión alimenticia. " * 10
            (site / f"{name}.html").write_text(f"<title>Sentencia {name}</title><p>{text}</p>")
        rules = {"items": "css:tbody tr", "link": "css:a::attr(href)",
                 "fields": {"title": "css:a::text"}}  # fmt: skip
        spec = listing_spec("${ABIERTO_SAMPLES_URL}/sitio/lista.html", listing=rules)
        spec["institution"] = "PJ"
        (specs / "fuente.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        urls = [doc.url for doc in db.iter_documents()]
        run = db.list_runs("pj-gto-prueba")[0]
    finally:
        db.close()
    assert urls == [f"{server.url}/sitio/dos.html"], (urls, run.errors)
    assert "network" not in run.errors
    return run


def test_a_link_with_credentials_is_a_counted_bad_url(tmp_path: Path) -> None:
    run = crawl_two_rows(tmp_path, "http://usuario:secreto@{host}/sitio/uno.html")
    [example] = run.errors["bad_url"]["examples"]
    assert "user or password" in example["message"] and "secreto" not in example["message"]


def test_a_redirect_to_an_address_with_credentials_is_a_counted_blocked_address(
    tmp_path: Path,
) -> None:
    away = "http://usuario:secreto@127.0.0.1:9/sitio/uno.html"
    routes = [{"path": "/sitio/vuelta", "status": 302, "headers": {"Location": away}}]
    run = crawl_two_rows(tmp_path, "vuelta", routes)
    [example] = run.errors["blocked_address"]["examples"]
    assert "user or password" in example["message"] and "secreto" not in example["message"]
