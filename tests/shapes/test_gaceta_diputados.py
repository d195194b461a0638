"""The Cámara de Diputados' Gaceta Parlamentaria, crawled by the catalogue's own spec over
a site built as third parties' scrapers show the real one (the case
tests/fixtures/html_listing/gaceta-diputados): its home page a frameset, the day's issue
in a frame, an index that links its sections by anchor. And the two listing behaviours
it needs, on any site: a listing read through its frames, an anchor into a page being
that page.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.shapes.harness import FIXTURES, REPO, run_abierto
from tests.shapes.server import FixtureServer

CATALOGUE = REPO / "config" / "sources" / "catalogue" / "diputados-gaceta.yaml"
CASE = FIXTURES / "html_listing" / "gaceta-diputados"
SITE = "https://gaceta.diputados.gob.mx"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_fixture_case_crawls_the_catalogue_spec() -> None:
    """The case's expected JSON is what the catalogue's listing and detail make."""
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    case = yaml.safe_load((CASE / "spec.yaml").read_text(encoding="utf-8"))
    for key in ("listing", "detail", "constants", "required", "kind"):
        assert case[key] == catalogue[key], key


# a site of plain listings for the behaviours in general: rows linking sections of one
# page; a frameset whose frames hold no items; a page showing its listing in an iframe
# beside another host's player
SECTIONS = """<html><body><table>
<tr><td>Acta</td><td><a href="acta.html#punto1">Punto 1</a></td></tr>
<tr><td>Acta</td><td><a href="acta.html#punto2">Punto 2</a></td></tr>
<tr><td>Acta</td><td><a href="acta.html">Acta completa</a></td></tr>
<tr><td>Orden</td><td><a href="orden.html#inicio">Orden del día</a></td></tr>
</table></body></html>"""
ACTA = "<html><head><title>Acta de la sesión</title></head><body><p>Acta.</p></body></html>"
ORDEN = "<html><head><title>Orden del día</title></head><body><p>Orden.</p></body></html>"
EMPTY_FRAMES = """<html><frameset cols="20%,*"><frame src="menu.html">
<frame src="portada.html"></frameset></html>"""
MENU = "<html><body><p>Menú</p></body></html>"
IFRAMED = """<html><body><h1>Sesiones</h1>
<iframe src="https://www.youtube.com/embed/abc"></iframe>
<iframe src="tabla.html"></iframe></body></html>"""
TABLE = '<html><body><table><tr><td><a href="acta.html">Acta</a></td></tr></table></body></html>'
SCRIPTED = """<html><body><table>
<tr><td><a href="#" onclick="window.open('acta.html','_blank');return false;">Acta</a></td></tr>
<tr><td><a href="javascript:verDetalle(12)">Detalle</a></td></tr>
</table></body></html>"""


def _sitting(number: str, kind: str, transcript: str, day: str | None) -> str:
    """A row of the Senado's sessions table as published (number cell, date, type, a
    nested table of the session's documents); no date cell where the day's first sitting
    spans it."""
    date = f'<td class="text-center" rowspan="2">{day}</td>' if day else ""
    return (
        f'<tr><td class="text-center">{number}</td>{date}<td class="text-center">{kind}</td>'
        '<td style="padding: 0;"><table class="table"><tr>'
        '<td><a href="/66/gaceta_del_senado/2026_04_08/2605">Gaceta</a></td>'
        f'<td><a href="/66/version_estenografica/2026_04_08/{transcript}">Versión '
        "Estenográfica</a></td></tr></table></td></tr>"
    )


PAGED = """<html><body><table><tr><td><a href="acta.html">Acta</a></td></tr></table>
<p><span>1</span> <a class="pager" href="{next}">Siguiente</a></p></body></html>"""


# two sittings of one day under one date cell (rowspan), as tables of sessions merge it
SENADO = (
    "<html><body><table class='table'><thead><tr><th>No.</th><th>Fecha de Sesión</th>"
    "<th>Sesión</th><th>Documentos de la Sesión</th></tr></thead><tbody>"
    + _sitting("174", "Ordinaria", "2605", "Miércoles 08 de abril de 2026")
    + _sitting("173", "Ordinaria Vespertina", "2606", None)
    + _sitting("172", "Ordinaria", "2604", None).replace(
        '<td class="text-center">Ordinaria', "<td>Martes 07 de abril de 2026</td><td>Ordinaria"
    )
    + "</tbody></table></body></html>"
)


def _site(root: Path) -> None:
    files = {
        "secciones/index.html": SECTIONS, "secciones/acta.html": ACTA,
        "secciones/orden.html": ORDEN, "vacio/index.html": EMPTY_FRAMES,
        "vacio/menu.html": MENU, "vacio/portada.html": MENU,
        "marco/index.html": IFRAMED, "marco/tabla.html": TABLE, "marco/acta.html": ACTA,
        "guion/index.html": SCRIPTED, "guion/acta.html": ACTA,
        "66/sesiones/index.html": SENADO,
        "guionpag/index.html": PAGED.format(next="javascript:cargarPagina(2)"),
        "guionpag/acta.html": ACTA,
        "ultima/index.html": PAGED.format(next="javascript:void(0)"),
        "ultima/acta.html": ACTA,
        **{f"66/version_estenografica/2026_04_08/{n}/index.html": ACTA for n in (2604, 2605, 2606)},
    }  # fmt: skip
    for path, text in files.items():
        _write(root / path, text)


def _plain_spec(source_id: str, start: str) -> dict[str, Any]:
    return {
        "id": source_id, "kind": "legislativo", "institution": "Congreso del Estado",
        "jurisdiction": "MX-GUA", "start_urls": [start], "allowed_domains": ["127.0.0.1"],
        "listing": {"items": "xpath://table//tr[td/a]", "link": "xpath:.//a/@href"},
        "detail": {"fields": {"title": "xpath:normalize-space(//title)"}},
    }  # fmt: skip


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    work = tmp_path_factory.mktemp("gaceta")
    root = work / "site"
    _site(root)
    shutil.copytree(CASE, root / "html_listing" / "gaceta-diputados")
    with FixtureServer(root) as server:
        specs = {
            "diputados-gaceta": _catalogue(server.url),
            "secciones": _plain_spec("secciones", f"{server.url}/secciones/"),
            "vacio": _plain_spec("vacio", f"{server.url}/vacio/"),
            "marco": _plain_spec("marco", f"{server.url}/marco/"),
            "guion": _plain_spec("guion", f"{server.url}/guion/"),
        }
        specs["senado-sesiones"] = _senado_spec(server.url)
        for name in ("guionpag", "ultima"):
            specs[name] = _plain_spec(name, f"{server.url}/{name}/")
            specs[name]["listing"]["next_page"] = "xpath://a[@class='pager']/@href"
        specs["guion"]["listing"]["link_fallback"] = ["xpath:.//a/@onclick"]
        for name, spec in specs.items():
            _write(work / "specs" / f"{name}.yaml", json.dumps(spec, ensure_ascii=False))
        result = run_abierto(work / "data", server.url, work / "specs")
        assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
    yield db
    db.close()


def _catalogue(base: str) -> dict[str, Any]:
    spec = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    home = "https://gaceta.diputados.gob.mx/"
    spec["start_urls"] = [
        url.replace(home, f"{base}/html_listing/gaceta-diputados/") for url in spec["start_urls"]
    ]
    spec["allowed_domains"] = ["127.0.0.1"]
    return dict(spec)


def _senado_spec(base: str) -> dict[str, Any]:
    path = REPO / "config" / "sources" / "catalogue" / "senado-sesiones.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["start_urls"] = [u.replace("https://www.senado.gob.mx", base) for u in spec["start_urls"]]
    spec["allowed_domains"] = ["127.0.0.1"]
    return dict(spec)


def _docs(db: Database, source_id: str) -> list[Any]:
    return [d for d in db.iter_documents() if d.source_id == source_id]


def _run(db: Database, source_id: str) -> Any:
    return db.list_runs(source_id, limit=1)[0]


def test_gaceta_one_document_per_issue_page_and_annex(crawled: Database) -> None:
    docs = {d.url.rsplit("/", 1)[1]: d for d in _docs(crawled, "diputados-gaceta")}
    # read through the home page's frames; the annex the index links section by section
    # (#Proposicion1, #Proposicion2) is one document, the PDFs (.pdf and .PDF) theirs
    assert sorted(docs) == ["20260706-I.pdf", "20260706-II.PDF", "20260706-III.html"]
    annex = docs["20260706-III.html"]
    # named by its own heading, not by the first section's line in the index
    assert annex.title == (
        "Gaceta Parlamentaria, año XXIX, número 7075-III, lunes 6 de julio de 2026"
    )
    assert annex.number == "7075-III"
    assert "Proposicion" not in annex.url and "Suscrita por la diputada" in annex.text
    pdf = docs["20260706-II.PDF"]
    assert pdf.title == (
        "Gaceta Parlamentaria: Anexo II Comunicaciones de la Junta de Coordinación Política"
    )
    assert [f.content_type for f in pdf.files] == ["application/pdf"]
    assert {d.date.isoformat() for d in docs.values()} == {"2026-07-06"}
    assert all(d.doc_type == "gaceta" for d in docs.values())
    # the banner and the menu frames, with no issue links, are no error of the crawl
    run = _run(crawled, "diputados-gaceta")
    assert run.status == "ok" and run.errors == {}


def test_links_into_sections_of_a_page_are_that_page_once(crawled: Database) -> None:
    docs = sorted(_docs(crawled, "secciones"), key=lambda d: d.url)
    assert [d.url.rsplit("/", 1)[1] for d in docs] == ["acta.html", "orden.html"]
    assert [d.title for d in docs] == ["Acta de la sesión", "Orden del día"]
    run = _run(crawled, "secciones")
    assert run.stats.get("duplicate_links") == 2 and run.errors == {}


def test_a_frameset_without_items_is_one_counted_empty_listing(crawled: Database) -> None:
    assert _docs(crawled, "vacio") == []
    errors = _run(crawled, "vacio").errors
    assert set(errors) == {"selector_empty"} and errors["selector_empty"]["count"] == 1
    assert "frames" in json.dumps(errors["selector_empty"])


def test_a_listing_in_an_iframe_is_read_and_another_hosts_frame_is_not(
    crawled: Database,
) -> None:
    (doc,) = _docs(crawled, "marco")
    assert doc.url.endswith("/marco/acta.html")
    run = _run(crawled, "marco")
    assert run.status == "ok" and run.errors == {}


def test_links_a_script_opens(crawled: Database) -> None:
    """An onclick naming its page is followed; a script naming none is said to need a
    browser, not to be a selector that found nothing."""
    (doc,) = _docs(crawled, "guion")
    assert doc.url.endswith("/guion/acta.html")
    errors = _run(crawled, "guion").errors
    assert set(errors) == {"missing_link"} and errors["missing_link"]["count"] == 1
    (example,) = errors["missing_link"]["examples"]
    assert "javascript:verDetalle(12)" in example["message"]
    assert error_mensaje("missing_link", example["message"]) == (
        "elemento 2: listing.link es solo JavaScript (javascript:verDetalle(12)): no hay "
        "dirección que seguir sin un navegador"
    )


def test_a_pager_only_a_script_turns_is_said(crawled: Database) -> None:
    """The pages after the first are there and are not read: said, not lost silently;
    a pager's void link on its last page is no loss."""
    assert len(_docs(crawled, "guionpag")) == 1
    errors = _run(crawled, "guionpag").errors
    assert set(errors) == {"missing_link"}
    (example,) = errors["missing_link"]["examples"]
    assert error_mensaje("missing_link", example["message"]) == (
        "listing.next_page es solo JavaScript (javascript:cargarPagina(2)): no hay dirección "
        "que seguir sin un navegador"
    )
    assert len(_docs(crawled, "ultima")) == 1
    assert _run(crawled, "ultima").errors == {}


def test_an_empty_frameset_is_said_in_spanish() -> None:
    message = "listing.items matched nothing, neither on the page nor in its frames"
    assert error_mensaje("selector_empty", message) == (
        "listing.items no encontró nada, ni en la página ni en sus marcos"
    )


def test_a_date_cell_spanning_two_sittings_dates_both(crawled: Database) -> None:
    docs = {d.session_number: d for d in _docs(crawled, "senado-sesiones")}
    assert sorted(docs) == ["172", "173", "174"]
    assert docs["173"].date == docs["174"].date
    assert docs["173"].date.isoformat() == "2026-04-08"
    assert docs["172"].date.isoformat() == "2026-04-07"
    assert (docs["174"].sitting, docs["173"].sitting) == (None, "vespertina")
    assert {d.session_type for d in docs.values()} == {"ordinaria"}
    assert docs["173"].url.endswith("/2606")
    assert _run(crawled, "senado-sesiones").errors == {}


def test_the_preview_shows_what_the_crawl_takes(tmp_path: Path) -> None:
    """An operator trying the spec sees the frames' documents, each page once."""
    root = tmp_path / "site"
    shutil.copytree(CASE, root / "html_listing" / "gaceta-diputados")
    with FixtureServer(root) as server:
        spec = SourceSpec.model_validate(_catalogue(server.url))
        preview = listing_preview(spec, Settings(allow_loopback=True), max_details=1)
    names = [d["url"].rsplit("/", 1)[1] for d in preview["documents"]]
    assert names == ["20260706-I.pdf", "20260706-II.PDF", "20260706-III.html"]
    assert preview["errors"] == []
    # what it did not read, the crawl will: the other frames, the week's dated issues
    said = preview["problemas"]
    assert any("3 marcos" in p and "el rastreo los lee todos" in p for p in said), said
    assert any("el rastreo lee 7 más (fechas del" in p for p in said), said
