"""A failed crawl is read in Spanish wherever a person sees it: the runs API's
``mensaje``, the ``/fuentes`` page of the institution signed in, and ``abierto crawl``'s
lines; the cause codes and the stored English ``message`` stay for API clients."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.shapes.server import FixtureServer

RUN_SPANISH = "ningún elemento llegó a ser documento"
REDIRECT_SPANISH = (
    "el sitio respondió HTTP 302 hacia file:///etc/passwd y la redirección no se siguió"
)


def _failing_site(root: Path) -> None:
    """A listing whose two items fail: one redirects off the web, the other is gone."""
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='{href}'>ver</a></td></tr>"
        for n, href in enumerate(["afuera", "falta.html"], 1)
    )
    (root / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody></table>")
    routes = [{"path": "/afuera", "status": 302, "headers": {"Location": "file:///etc/passwd"}}]
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}))


def test_a_failed_crawl_says_its_cause_in_spanish(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _failing_site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html")
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, spec["id"])
        assert done.returncode == 1, done.stdout + done.stderr
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        [run] = runs["runs"]
        assert run["status"] == "empty" and run["message"].startswith("no_items: ")
        assert run["mensaje"] == RUN_SPANISH
        [redirect] = run["errors"]["http_3xx"]["examples"]
        assert redirect["message"].startswith("HTTP 302 to ")  # kept for API clients
        assert redirect["mensaje"] == REDIRECT_SPANISH
        [missing] = run["errors"]["http_404"]["examples"]
        assert missing["mensaje"] == "el sitio respondió HTTP 404"
        assert run["errors"]["http_404"]["descripcion"] == "página no encontrada (404)"

        assert f"{spec['id']}: vacía ({RUN_SPANISH}) · " in done.stdout, done.stdout
        assert "no item became a document" not in done.stdout
        assert "redirección no seguida (3xx) [http_3xx]: 1 error; p. ej. " in done.stdout
        assert REDIRECT_SPANISH in done.stdout and "which was not followed" not in done.stdout

        key = api.headers["Authorization"].removeprefix("Bearer ")
        signed = api.client.post("/fuentes/entrar", data={"clave": key})
        assert signed.status_code == 200, signed.text
        page = signed.text
        assert f"Sin documentos: {RUN_SPANISH}" in page
        assert REDIRECT_SPANISH in page and "página no encontrada (404)" in page
        assert "no item became" not in page and "which was not followed" not in page
    finally:
        api.close()


def test_runs_stored_in_english_before_read_in_spanish(tmp_path: Path) -> None:
    """Runs recorded by the earlier code (English texts in the database) need no
    migration: their Spanish is made from the cause and details when read."""
    api = open_api(tmp_path / "data")
    try:
        spec = listing_spec("http://127.0.0.1:9/lista.html")
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        errors = {
            "timeout": {"count": 2, "examples": [{
                "url": "http://127.0.0.1:9/lista.html",
                "message": "Getting http://127.0.0.1:9/lista.html took longer than 180.0 seconds..",
            }]},
            "blocked_address": {"count": 1, "examples": [{
                "url": "http://interno.ejemplo/",
                "message": "blocked address: interno.ejemplo resolves to 10.0.0.7, a private"
                " address",
            }]},
        }  # fmt: skip
        db = api.library.db
        db.finish_run(
            db.start_run(spec["id"]), "failed", {"pages": 0}, errors, "no page could be fetched"
        )
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        [run] = runs["runs"]
        assert run["message"] == "no page could be fetched"
        assert run["mensaje"] == "no se pudo leer ninguna página"
        [late] = run["errors"]["timeout"]["examples"]
        assert late["mensaje"] == "tiempo agotado: el sitio no respondió en 180 s"
        [blocked] = run["errors"]["blocked_address"]["examples"]
        assert blocked["mensaje"] == (
            "dirección no permitida: interno.ejemplo apunta a una dirección privada"
        )
    finally:
        api.close()


def test_each_error_says_its_detail_in_spanish_not_only_its_cause(tmp_path: Path) -> None:
    """An item without a link and one whose link is no web address: the crawl's lines,
    the runs API and the page say which item and what is wrong with it, in Spanish (they
    said only "entrada sin enlace" and "dirección no válida")."""
    (tmp_path / "www").mkdir()
    rows = (
        "<tr><td>Sentencia 1</td><td>sin enlace</td></tr>"
        "<tr><td>Sentencia 2</td><td><a href='ftp://archivo.ejemplo/2.pdf'>ver</a></td></tr>"
    )
    (tmp_path / "www" / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody>")
    missing = "elemento 1: listing.link no encontró nada en la página"
    bad = "elemento 2: dirección no válida: 'ftp://archivo.ejemplo/2.pdf': no es una dirección web"
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html")
            assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
            done = _crawl(api, spec["id"])
        assert missing in done.stdout and bad in done.stdout, done.stdout
        assert "matched nothing" not in done.stdout and "not a web address" not in done.stdout
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        [run] = runs["runs"]
        [no_link] = run["errors"]["missing_link"]["examples"]
        assert no_link["message"] == "item 1: listing.link matched nothing"  # kept for clients
        assert no_link["mensaje"] == missing
        [ftp] = run["errors"]["bad_url"]["examples"]
        assert ftp["mensaje"].startswith(bad)
        key = api.headers["Authorization"].removeprefix("Bearer ")
        page = api.client.post("/fuentes/entrar", data={"clave": key}).text
        assert missing in page and "matched nothing" not in page
    finally:
        api.close()


# (cause, English message stored by the spiders and pipelines, its Spanish)
STORED = [
    (
        "selector_empty",
        "listing.items matched nothing",
        "listing.items no encontró nada en la página",
    ),
    ("not_html", "listing page is not HTML", "la página del listado no es HTML"),
    ("not_json", "the API did not answer JSON: Expecting value", "la API no respondió con JSON"),
    ("missing_link", "entry 'Sesión 4' has no link", "la entrada 'Sesión 4' no tiene enlace"),
    ("item_failed", "item 4: KeyError: 'title'", "elemento 4: no se pudo procesar (KeyError)"),
    (
        "spider_error",
        "AttributeError: 'NoneType' object",
        "error al leer una página (AttributeError)",
    ),
    ("save_failed", "OperationalError: disk is full", "no se pudo guardar (OperationalError)"),
    (
        "missing_field",
        "required field 'expediente' is missing or empty (needed by identity.key)",
        "falta el campo obligatorio «expediente» o está vacío (lo necesita identity.key)",
    ),
    (
        "dns",
        "DNS lookup failed: no results for hostname lookup: nada.invalid.",
        "el dominio nada.invalid no existe o no se resuelve",
    ),
]


def test_stored_english_details_are_read_in_spanish(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        spec = listing_spec("http://127.0.0.1:9/lista.html")
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        errors = {
            cause: {"count": 1, "examples": [{"url": "http://127.0.0.1:9/x", "message": said}]}
            for cause, said, _ in STORED
        }
        db = api.library.db
        db.finish_run(db.start_run(spec["id"]), "failed", {"pages": 1}, errors, "no_items: x")
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        [run] = runs["runs"]
        shown = {cause: run["errors"][cause]["examples"][0]["mensaje"] for cause, _, _ in STORED}
        assert shown == {cause: spanish for cause, _, spanish in STORED}
    finally:
        api.close()
