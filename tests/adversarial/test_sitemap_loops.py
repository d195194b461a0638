"""Sitemap indexes that name themselves, or each other in a ring, and a ``304`` nobody
asked for: each is a counted error with its true cause, never a run that reads nothing
and says ``ok``."""

from __future__ import annotations

from pathlib import Path

import yaml

from crawlers.causas import error_mensaje, label
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_crawl_limits import _run
from tests.shapes.server import FixtureServer


def _index(*children: str) -> str:
    named = "".join(f"<sitemap><loc>{child}</loc></sitemap>" for child in children)
    return f"<?xml version='1.0'?><sitemapindex>{named}</sitemapindex>"


def _sitemap_run(tmp_path: Path, start: str) -> dict:
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = {
                "id": "pj-gto-mapa", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "sitemap", "start_urls": [f"{server.url}/{start}"],
                "detail": {"fields": {"title": "css:title::text"}},
            }  # fmt: skip
            return _run(api, spec)
    finally:
        api.close()


def test_a_sitemap_index_naming_itself_is_a_counted_loop(tmp_path: Path) -> None:
    """It ended ``ok`` with 0 documents and 0 errors: the duplicate filter dropped the
    self-reference in silence."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "indice.xml").write_text(_index("/indice.xml"))
    run = _sitemap_run(tmp_path, "indice.xml")
    assert run["status"] != "ok", run
    [example] = run["errors"]["sitemap_loop"]["examples"]
    assert example["url"].endswith("/indice.xml")
    assert example["mensaje"].startswith("los mapas del sitio se nombran en bucle: http://")
    assert run["errors"]["sitemap_loop"]["descripcion"] == "mapas del sitio en bucle"


def test_a_ring_of_sitemap_indexes_is_a_counted_loop_and_shared_children_are_not(
    tmp_path: Path,
) -> None:
    """a -> b -> c -> a is a loop; a sitemap both a and b name is read once and is no
    error (nor is the robots.txt-like repetition of one child)."""
    www = tmp_path / "www"
    www.mkdir()
    (www / "a.xml").write_text(_index("/b.xml", "/hoja.xml", "/hoja.xml"))
    (www / "b.xml").write_text(_index("/c.xml", "/hoja.xml"))
    (www / "c.xml").write_text(_index("/a.xml"))
    (www / "hoja.xml").write_text(
        "<?xml version='1.0'?><urlset><url><loc>/d1.html</loc></url></urlset>"
    )
    (www / "d1.html").write_text(
        "<html><head><title>Sentencia 1/2024</title></head><body><main>Texto de la "
        "sentencia uno del pleno.</main></body></html>"
    )
    run = _sitemap_run(tmp_path, "a.xml")
    assert run["errors"]["sitemap_loop"]["count"] == 1, run["errors"]
    [example] = run["errors"]["sitemap_loop"]["examples"]
    assert example["url"].endswith("/c.xml")
    assert "/a.xml -> " in example["message"] and example["message"].count("a.xml") == 2
    assert set(run["errors"]) == {"sitemap_loop"}


def test_a_304_never_asked_for_says_so(tmp_path: Path) -> None:
    """A plain request answered ``304 Not Modified`` read as "redirección no seguida
    (3xx)": it is no redirect, and the crawl sent nothing to compare."""
    www = tmp_path / "www"
    www.mkdir()
    (www / "lista.html").write_text(
        "<html><body><table><tbody><tr><td class='t'>Sentencia 1</td><td>"
        "<a href='sin-cambios.html'>ver</a></td></tr></tbody></table></body></html>"
    )
    routes = [{"path": "/sin-cambios.html", "status": 304}]
    (www / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(www) as server:
            spec = listing_spec(f"{server.url}/lista.html")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            run = _run(api, spec)
    finally:
        api.close()
    assert "http_3xx" not in run["errors"], run["errors"]
    entry = run["errors"]["http_304"]
    assert entry["descripcion"] == "respuesta «sin cambios» (304) que no se pidió"
    [example] = entry["examples"]
    assert example["url"].endswith("/sin-cambios.html")
    assert example["mensaje"].startswith(
        "el sitio respondió «sin cambios» (HTTP 304) a una petición que no lo pidió"
    )


def test_the_new_causes_read_in_spanish() -> None:
    assert label("sitemap_loop") == "mapas del sitio en bucle"
    said = error_mensaje("sitemap_loop", "sitemap loop: http://a/x.xml -> http://a/x.xml, not "
                         "read again")  # fmt: skip
    assert said == (
        "los mapas del sitio se nombran en bucle: http://a/x.xml -> http://a/x.xml; "
        "no se leyó de nuevo"
    )
