"""Listings paged through an ASP.NET AJAX UpdatePanel: the next page comes only to a
partial postback, answered as a delta (``length|type|id|content|``) that carries the
grid's new rows and the new ``__VIEWSTATE``. A spec naming the panel
(``next_form.update_panel``) pages through all of it, each postback with the state the
last delta gave; a delta that breaks its format (a length past or short of its content,
no delta at all) is a counted ``bad_delta`` error saying what is wrong, in Spanish, and
the rows already read are kept; a ``pageRedirect`` is followed and the site's ``error``
entry counted with its status. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.adversarial.aspnet_ajax import GRID, MODES, PANEL, AjaxGridSite
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto


def _spec(mode: str, base: str) -> dict[str, Any]:
    return {
        "id": f"ajax-{mode}",
        "kind": "sentencia",
        "institution": "Poder Judicial del Estado de Nuevo León",
        "jurisdiction": "MX-NLE",
        "start_urls": [f"{base}/{mode}/Penales.aspx"],
        "listing": {
            "items": "xpath://table[@id='ContentPlaceHolder1_gdvPenal']/tr[td][not(.//table)]",
            "link": "xpath:.//a[contains(@href, 'Visor.aspx')]/@href",
            "next_form": {"form": "css:form#form1", "postback": GRID, "update_panel": PANEL},
            "fields": {"title": "xpath:normalize-space(./td[3])"},
        },
    }


def _crawl(tmp_path: Path) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    specs = tmp_path / "specs"
    specs.mkdir()
    AjaxGridSite.posts = []
    with serving_handler(AjaxGridSite) as base:
        for mode in MODES:
            (specs / f"{mode}.yaml").write_text(yaml.safe_dump(_spec(mode, base)))
        done = run_abierto(tmp_path / "data", base, specs)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs: dict[str, list[str]] = {m: [] for m in MODES}
        for doc in db.iter_documents():
            docs[doc.source_id.removeprefix("ajax-")].append(doc.url.split("?p=")[1].rstrip("="))
        runs = {m: db.list_runs(f"ajax-{m}", limit=1)[0].errors or {} for m in MODES}
    finally:
        db.close()
    return {m: sorted(d) for m, d in docs.items()}, runs


def _said(errors: dict[str, Any], cause: str) -> tuple[str, str]:
    entry = errors[cause]
    message = entry["examples"][0]["message"]
    return message, error_mensaje(cause, message)


def test_an_update_panel_listing_is_paged_and_broken_deltas_are_counted(tmp_path: Path) -> None:
    docs, errors = _crawl(tmp_path)
    # the good site: three pages, each posted as a partial postback with the last state
    assert docs["ok"] == [f"ok{p}{n}" for p in (1, 2, 3) for n in (1, 2)], docs["ok"]
    assert errors["ok"] == {}
    posts = [p for p in AjaxGridSite.posts if p["mode"] == "ok"]
    assert [(p["partial"], p["__EVENTARGUMENT"], p["__VIEWSTATE"]) for p in posts] == [
        (True, "Page$2", "vs1"),
        (True, "Page$3", "vs2|x"),
    ]
    # the broken sites keep their first page and count the second
    for mode, said in (
        ("largo", "anuncia 99999 caracteres y solo le siguen"),
        ("corto", "no termina con «|» tras sus"),
        ("basura", "no empieza con una longitud seguida de «|» (dice «<p>Servicio"),
    ):
        assert docs[mode] == [f"{mode}1{n}" for n in (1, 2)], (mode, docs[mode])
        assert set(errors[mode]) == {"bad_delta"}, (mode, errors[mode])
        _, mensaje = _said(errors[mode], "bad_delta")
        assert mensaje.startswith("la respuesta parcial del sitio (delta de un UpdatePanel")
        assert said in mensaje, mensaje
    # a pageRedirect leads to the page it names, read as a listing page
    assert docs["redirige"] == sorted(
        [f"redirige{p}{n}" for p in (1, 3) for n in (1, 2)] + ["redirigida21", "redirigida22"]
    ), docs["redirige"]
    # the site's error entry: its status and its words
    assert set(errors["error"]) == {"http_5xx"}, errors["error"]
    message, mensaje = _said(errors["error"], "http_5xx")
    assert "Error de servidor en la aplicación" in message
    assert mensaje == (
        "el sitio respondió a la página siguiente (un postback parcial de ASP.NET) con su "
        "error 500: «Error de servidor en la aplicación '/'.»; la página no se leyó"
    ), mensaje
