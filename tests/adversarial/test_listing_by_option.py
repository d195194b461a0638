"""Listings reached through a form's ``<select>``: congress and court sites (the Poder
Judicial de Nuevo León's ``SentenciasPublicas``, many state congresses' gacetas) list one
year at a time, chosen in an ASP.NET ``AutoPostBack`` dropdown that posts the page's form
back (``__doPostBack('ctl00$ContentPlaceHolder1$ddlAnio','')``) with its ``__VIEWSTATE``
and ``__EVENTVALIDATION``; the start page shows only the current year. Such a site could
not be crawled past its first year. ``listing.each_option`` submits the form once per
option (bounded by ``max_options``; a year outside ``--since``/``--until`` not asked for),
reads each answer as a listing and pages it (the grid's own ``Page$2`` postback), and
says what went wrong: an option the site answered with another's listing
(``option_ignored``), a select that is not there (``selector_empty``), options past the
bound (``limit_reached``).

The site is a real HTTP server on 127.0.0.1 that behaves as ASP.NET WebForms do: a post
without the page's ``__VIEWSTATE`` or with an ``__EVENTVALIDATION`` that does not allow
the posted year is answered with the server's error page, and it lists the year the
form posts, the pager's page of that year. Crawled with the real ``abierto crawl``."""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml

from config.specs import SpecError, parse_spec
from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

SELECT = "ctl00$ContentPlaceHolder1$ddlAnio"
GRID = "ctl00$ContentPlaceHolder1$gdvPenal"
# the rows of each year (2023 over two pages of the grid); 2022 has none
YEARS = {
    "2025": [["07/01/2025", "Robo calificado"], ["15/02/2025", "Fraude"]],
    "2024": [["03/05/2024", "Homicidio culposo"]],
    "2023": [["11/01/2023", "Lesiones"], ["20/03/2023", "Despojo"], ["08/09/2023", "Abuso"]],
    "2022": [],
}
PAGE_SIZE = 2
VALIDATION = "/wEdAAWx9kQ2AnioValidos" + "".join(YEARS)


class _Site:
    """What the server saw and how it behaves."""

    def __init__(self, ignores_the_year: bool = False, failing_year: str = "") -> None:
        self.ignores_the_year = ignores_the_year
        self.failing_year = failing_year  # its post answers a server error
        self.lock = threading.Lock()
        self.posts: list[dict[str, str]] = []


def _page(year: str, page: int) -> str:
    rows = YEARS[year]
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    grid = "".join(
        f"<tr><td>{day}</td><td>{crime}</td><td><a href='../PDFVisor/Visor.aspx?p={year}-"
        f"{(page - 1) * PAGE_SIZE + n}'>Ver</a></td></tr>"
        for n, (day, crime) in enumerate(shown, start=1)
    )
    pages = (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE
    pager = "".join(
        f"<td><a href=\"javascript:__doPostBack('{GRID}','Page${n}')\">{n}</a></td>"
        if n != page
        else f"<td><span>{n}</span></td>"
        for n in range(1, pages + 1)
    )
    if pages > 1:
        grid += f"<tr class='pager'><td colspan='3'><table><tr>{pager}</tr></table></td></tr>"
    body = (
        f"<table id='ContentPlaceHolder1_gdvPenal'><tr><th>Fecha</th><th>Delito</th>"
        f"<th></th></tr>{grid}</table>"
        if rows
        else "<span id='ContentPlaceHolder1_lblMensaje'>No se encontraron registros</span>"
    )
    options = "<option value=''>-- Seleccione --</option>" + "".join(
        f"<option value='{y}'{' selected' if y == year else ''}>{y}</option>" for y in YEARS
    )
    state = html.escape(f"/wEPDwUKMTY1{year}p{page}", quote=True)
    return (
        "<!DOCTYPE html><html><head><title>Sentencias Públicas</title></head><body>"
        "<form method='post' action='./Penales.aspx' id='form1'>"
        "<input type='hidden' name='__EVENTTARGET' id='__EVENTTARGET' value=''>"
        "<input type='hidden' name='__EVENTARGUMENT' id='__EVENTARGUMENT' value=''>"
        f"<input type='hidden' name='__VIEWSTATE' id='__VIEWSTATE' value='{state}'>"
        f"<input type='hidden' name='__EVENTVALIDATION' value='{VALIDATION}'>"
        f"<select name='{SELECT}' id='ContentPlaceHolder1_ddlAnio' onchange=\"javascript:"
        f"setTimeout('__doPostBack(\\'{SELECT}\\',\\'\\')', 0)\">{options}</select>"
        f"{body}</form></body></html>"
    )


def _handler(site: _Site) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/PDFVisor/"):
                key = self.path.rpartition("=")[2]
                self.answer(
                    f"<html><head><title>Sentencia {key}</title></head><body><main>Sentencia "
                    f"penal {key} del Juzgado de Control, versión pública.</main></body></html>"
                    .encode(), "text/html; charset=utf-8",
                )  # fmt: skip
            elif self.path == "/Modulos/Penales.aspx":
                self.answer(_page("2025", 1).encode(), "text/html; charset=utf-8")
            else:
                self.answer(b"no", "text/plain", status=404)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            with site.lock:
                site.posts.append(form)
            year = form.get(SELECT, "")
            failing = year and year == site.failing_year
            if (
                failing
                or not form.get("__VIEWSTATE")
                or form.get("__EVENTVALIDATION") != VALIDATION
            ):
                self.answer(b"<h1>Server Error in '/' Application.</h1>", "text/html", 500)
                return
            if year not in YEARS or site.ignores_the_year:
                year = "2025"  # the post not taken: the default year again
            page = 1
            if form.get("__EVENTTARGET") == GRID:
                page = int(form.get("__EVENTARGUMENT", "Page$1").removeprefix("Page$"))
            self.answer(_page(year, page).encode(), "text/html; charset=utf-8")

    return Handler


def _spec(**each: Any) -> dict[str, Any]:
    return {
        "id": "pjenl-penales-por-anio", "kind": "sentencia",
        "institution": "Poder Judicial del Estado de Nuevo León", "jurisdiction": "MX-NLE",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/Modulos/Penales.aspx"],
        "allowed_domains": ["127.0.0.1"],
        "listing": {
            "items": "xpath://table[@id='ContentPlaceHolder1_gdvPenal']/tr[td/a]",
            "link": "xpath:.//a[contains(@href, 'Visor.aspx')]/@href",
            "fields": {"resolution_date": "xpath:normalize-space(./td[1])"},
            "each_option": {"form": "css:form#form1", "select": SELECT, "postback": True}
            | each,
            "next_form": {"form": "css:form#form1", "postback": GRID},
        },
        "detail": {"fields": {"title": "css:title::text"}},
    }  # fmt: skip


def _crawl(tmp_path: Path, spec: dict[str, Any], site: _Site, *args: str) -> tuple[Any, set[str]]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with serving_handler(_handler(site)) as url:
        done = run_abierto(tmp_path / "data", url, specs, *args)
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs(spec["id"])[0]
        keys = {doc.url.rpartition("=")[2] for doc in db.iter_documents()}
    finally:
        db.close()
    return run, keys


def _every(*years: str) -> set[str]:
    return {f"{y}-{n}" for y in years for n in range(1, len(YEARS[y]) + 1)}


def test_each_year_of_the_select_is_posted_back_and_paged(tmp_path: Path) -> None:
    site = _Site()
    run, keys = _crawl(tmp_path, _spec(), site)
    assert keys == _every("2025", "2024", "2023")  # 2023's second page too
    assert run.status == "ok", (run.status, run.errors)
    # one post per year (the «Seleccione» without a value is none) and 2023's Page$2
    asked = [(p[SELECT], p["__EVENTTARGET"], p.get("__EVENTARGUMENT", "")) for p in site.posts]
    assert sorted(asked) == sorted([(y, SELECT, "") for y in YEARS] + [("2023", GRID, "Page$2")])
    assert run.stats["options_empty"] == 1  # 2022: «No se encontraron registros»


def test_options_are_bounded_and_the_rest_said(tmp_path: Path) -> None:
    site = _Site()
    run, keys = _crawl(tmp_path, _spec(max_options=2), site)
    assert keys == _every("2025", "2024")
    assert len(site.posts) == 2
    assert run.status == "partial", (run.status, run.errors)
    [example] = run.errors["limit_reached"]["examples"]
    said = error_mensaje("limit_reached", example["message"])
    assert "listing.each_option.max_options (2)" in said
    assert "no se pidieron 2 opciones" in said and "2023, 2022" in said


def test_years_outside_the_window_are_not_asked_for(tmp_path: Path) -> None:
    site = _Site()
    run, keys = _crawl(tmp_path, _spec(), site, "--since", "2024-01-01")
    assert keys == _every("2025", "2024")
    assert sorted(p[SELECT] for p in site.posts) == ["2024", "2025"]
    assert run.status == "ok", (run.status, run.errors)


def test_a_site_answering_another_years_listing_is_no_ok_run(tmp_path: Path) -> None:
    site = _Site(ignores_the_year=True)
    run, keys = _crawl(tmp_path, _spec(), site)
    assert keys == _every("2025")  # what it did answer is kept
    assert run.status == "partial", (run.status, run.errors)
    entry = run.errors["option_ignored"]
    assert entry["count"] == 3  # 2024, 2023 and 2022 answered 2025's rows
    said = [error_mensaje("option_ignored", e["message"]) for e in entry["examples"]]
    assert all(s.startswith("el formulario enviado con la opción '20") for s in said), said
    assert all("el listado de esa opción no se leyó" in s for s in said), said


def test_a_select_that_is_not_there_is_a_counted_error(tmp_path: Path) -> None:
    site = _Site()
    run, keys = _crawl(tmp_path, _spec(select="ctl00$ContentPlaceHolder1$ddlSala"), site)
    assert keys == set() and site.posts == []
    assert run.status != "ok", (run.status, run.errors)
    [example] = run.errors["selector_empty"]["examples"]
    said = error_mensaje("selector_empty", example["message"])
    assert said == (
        "listing.each_option: el formulario no tiene la lista 'ctl00$ContentPlaceHolder1$ddlSala'"
    )


def test_click_and_postback_together_are_refused_in_spanish() -> None:
    spec = _spec(click="ctl00$ContentPlaceHolder1$btnBuscar")
    spec["start_urls"] = ["https://www.pjenl.gob.mx/SentenciasPublicas/Modulos/Penales.aspx"]
    with pytest.raises(SpecError, match=r"each_option lleva click .* o postback"):
        parse_spec(spec)


def test_the_preview_reads_the_listings_of_the_first_options(tmp_path: Path) -> None:
    """The preview shows what the crawl would extract: the listings of the select's first
    options (the start page only gives the form), not the start page's year alone, and
    says how many options there are and which it asked for."""
    from config.settings import Settings
    from crawlers.preview import OPTIONS_PREVIEWED, listing_preview

    spec = _spec()
    site = _Site()
    with serving_handler(_handler(site)) as url:
        spec["start_urls"] = [f"{url}/Modulos/Penales.aspx"]
        shown = listing_preview(
            parse_spec(spec), Settings(allow_loopback=True), max_details=0, time_limit_s=30
        )
    assert OPTIONS_PREVIEWED == 3
    assert {d["url"].rpartition("=")[2] for d in shown["documents"]} == {
        "2025-1", "2025-2", "2024-1", "2023-1", "2023-2",
    }  # fmt: skip
    options = shown["each_option"]
    assert options["options"] == len(YEARS)
    assert [(a["value"], a["items"], a["new_items"]) for a in options["asked"]] == [
        ("2025", 2, 2), ("2024", 1, 1), ("2023", 2, 2),
    ]  # fmt: skip
    assert sorted(p[SELECT] for p in site.posts) == ["2023", "2024", "2025"]
    assert shown["errors"] == [], shown["errors"]
    assert any(
        "ofrece 4 opciones; esta vista previa pidió las primeras 3 (2025, 2024, 2023)" in p
        for p in shown["problemas"]
    ), shown["problemas"]


def test_the_preview_says_why_an_option_was_not_read_in_spanish() -> None:
    """An option whose listing the site refused: the option says why in Spanish too (its
    ``error`` was the crawl's English only)."""
    from api.schemas import PreviewEachOption
    from config.settings import Settings
    from crawlers.preview import listing_preview

    spec = _spec()
    with serving_handler(_handler(_Site(failing_year="2024"))) as url:
        spec["start_urls"] = [f"{url}/Modulos/Penales.aspx"]
        shown = listing_preview(
            parse_spec(spec), Settings(allow_loopback=True), max_details=0, time_limit_s=30
        )
    failed = PreviewEachOption(**shown["each_option"]).asked[1]
    assert failed.value == "2024"
    assert failed.error is not None and "500" in failed.error
    assert failed.mensaje == "el sitio respondió HTTP 500", failed
