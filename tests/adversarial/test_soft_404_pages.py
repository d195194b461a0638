"""A site's "not found" page sent with a 200 (a "soft 404") wherever it answers: a detail
page («Página no encontrada» in its heading, «La página que busca no existe» in the
site's frame), a listing («La página solicitada no fue encontrada»), a dated gazette's
day without an issue («No hay gaceta para esta fecha»). Only a file's address was
checked, by its title: the detail pages were kept as sentences whose text is the error
page, and the listings counted ``selector_empty`` (a selector to fix, though the spec was
right). A page titled «Expediente 404/2023», a ruling quoting «el documento no existe»
in a sentence, a detail page saying its public version is «no disponible» are real
documents and are kept. Crawled end to end from a real
server on 127.0.0.1; the preview says the same."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.adversarial.court_listing import court_listing
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

RULING = (
    "<p>Vistos para resolver los autos del expediente 404/2023, relativo al juicio de "
    "arrendamiento urbano promovido por la parte actora en contra de la demandada.</p>"
    "<p>La demandada alegó que el contrato base de la acción no la obliga, pues a su "
    "decir el documento no existe en los términos en que se exhibió; sin embargo, de las "
    "constancias de autos se advierte que fue firmado por ambas partes y ratificado ante "
    "la fe del secretario de acuerdos, por lo que su objeción resulta infundada.</p>"
) * 3


def _frame(title: str, main: str) -> bytes:
    """The site's frame: its menu (long, as a portal's is), the page's own part, a footer."""
    menu = "".join(
        f"<li><a href='/seccion-{n}.html'>Sección {n} del portal</a></li>" for n in range(40)
    )
    return (
        f"<html><head><title>{title}</title></head><body><nav><ul>{menu}</ul></nav>"
        f"<main>{main}</main><footer>Poder Judicial del Estado de Oaxaca</footer></body></html>"
    ).encode()


PAGES = {
    "/listado.html": _frame(
        "Sentencias publicadas",
        "<table>"
        + "".join(
            f'<tr class="fila"><td class="exp">{exp}</td><td><a class="ver" href="{href}">ver'
            "</a></td></tr>"
            for exp, href in (
                ("404/2023", "/expediente-404-2023.html"),
                ("77/2024", "/sentencia-77.html"),
                ("78/2024", "/sentencia-78.html"),
                ("80/2024", "/sentencia-80.html"),
            )
        )
        + "</table>",
    ),
    "/expediente-404-2023.html": _frame(
        "Expediente 404/2023", f"<h1>Expediente 404/2023</h1>{RULING}"
    ),
    "/sentencia-77.html": _frame(
        "Poder Judicial del Estado", "<h1>Página no encontrada</h1><p>Regrese al inicio.</p>"
    ),
    "/sentencia-78.html": _frame(
        "Poder Judicial del Estado",
        "<div class='aviso'><p>La página que busca no existe.</p></div>",
    ),
    # a real detail page: its file is not published yet, and a short paragraph quotes
    # «el documento no existe» in the middle of its sentence
    "/sentencia-80.html": _frame(
        "Sentencia 80/2024",
        "<h1>Sentencia 80/2024</h1><h3>Versión pública: documento no disponible</h3>"
        "<p>Se tuvo por no presentada la prueba ofrecida, pues el documento no existe en "
        f"autos.</p>{RULING}",
    ),
    "/boletin.html": _frame(
        "Boletín judicial", "<p><b>La página solicitada no fue encontrada</b></p>"
    ),
    "/gaceta/20240301.html": _frame(
        "Gaceta del 1 de marzo",
        '<table><tr class="fila"><td class="exp">12/2024</td><td><a class="ver" '
        'href="/expediente-404-2023.html">ver</a></td></tr></table>',
    ),
    "/gaceta/20240302.html": _frame(
        "Gaceta Parlamentaria", "<h2>No hay gaceta para esta fecha</h2>"
    ),
    # a frameset whose listing frame is gone: the menu frame lists nothing, the other
    # answers the site's "not found" page
    "/marcos.html": b'<html><frameset cols="20%,80%"><frame src="/menu.html">'
    b'<frame src="/contenido.html"></frameset></html>',
    "/menu.html": b"<html><body><ul><li><a href='/'>Inicio</a></li></ul></body></html>",
    "/contenido.html": _frame("Poder Judicial", "<h1>Página no encontrada</h1>"),
    # a feed, a sitemap and an API moved away: the portal answers its error page
    "/noticias.xml": _frame("Error", "<h2>La página solicitada no fue encontrada</h2>"),
    "/mapa.xml": _frame("Error", "<h2>La página solicitada no fue encontrada</h2>"),
    "/api/sentencias": _frame("Error", "<h2>La página solicitada no fue encontrada</h2>"),
}


class _Site(QuietHandler):
    def do_GET(self) -> None:
        page = PAGES.get(self.path)
        if page is None:
            self.answer(b"", "text/plain", status=404)
        else:
            self.answer(page, "text/html; charset=utf-8")


def _shaped(source_id: str, start: str, shape: str, rules: dict[str, object]) -> dict[str, object]:
    """A feed, sitemap or API source of the same court."""
    spec = court_listing(source_id, start, shape=shape, **{shape: rules})
    del spec["listing"]
    return spec


SPECS = {
    "juzgado-paginas": court_listing("juzgado-paginas", "${ABIERTO_SAMPLES_URL}/listado.html"),
    "boletin-vacio": court_listing("boletin-vacio", "${ABIERTO_SAMPLES_URL}/boletin.html"),
    "gaceta-dia": court_listing(
        "gaceta-dia",
        "${ABIERTO_SAMPLES_URL}/gaceta/{date:%Y%m%d}.html",
        start_dates={"since": "2024-03-01", "step": "day", "recent": 2},
    ),
    "marcos-vacios": court_listing("marcos-vacios", "${ABIERTO_SAMPLES_URL}/marcos.html"),
    "noticias": _shaped("noticias", "${ABIERTO_SAMPLES_URL}/noticias.xml", "feed", {}),
    "mapa": _shaped("mapa", "${ABIERTO_SAMPLES_URL}/mapa.xml", "sitemap", {}),
    "consulta": _shaped(
        "consulta",
        "${ABIERTO_SAMPLES_URL}/api/sentencias",
        "json_api",
        {"records": "resultados", "link": "/documento/{id}"},
    ),
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving_handler(_Site) as url:
        yield url


@pytest.fixture(scope="module")
def crawled(site: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    work = tmp_path_factory.mktemp("soft404")
    specs = work / "specs"
    specs.mkdir()
    for name, spec in SPECS.items():
        (specs / f"{name}.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True))
    result = run_abierto(
        work / "data", site, specs, "--since", "2024-03-01", "--until", "2024-03-02",
        env={"ABIERTO_OBEY_ROBOTS": "false"},
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
    yield db
    db.close()


def _said(run: object) -> dict[str, str]:
    return {
        example["url"].rsplit("/", 1)[1]: error_mensaje(cause, example["message"])
        for cause, entry in run.errors.items()  # type: ignore[attr-defined]
        for example in entry["examples"]
    }


def test_detail_pages_saying_not_found_are_counted_and_a_case_numbered_404_is_kept(
    crawled: Database,
) -> None:
    run = crawled.list_runs("juzgado-paginas")[0]
    kept = [
        d.url.rsplit("/", 1)[1] for d in crawled.iter_documents() if d.source_id == run.source_id
    ]
    assert sorted(kept) == ["expediente-404-2023.html", "sentencia-80.html"], (kept, run.errors)
    assert set(run.errors) == {"http_404"} and run.errors["http_404"]["count"] == 2
    assert _said(run) == {
        "sentencia-77.html": "el sitio respondió HTTP 200 con su página de «no encontrado» "
        "(«Página no encontrada») en lugar del documento: no se guardó",
        "sentencia-78.html": "el sitio respondió HTTP 200 con su página de «no encontrado» "
        "(«La página que busca no existe.») en lugar del documento: no se guardó",
    }


def test_a_listing_saying_not_found_is_no_empty_selector(crawled: Database) -> None:
    run = crawled.list_runs("boletin-vacio")[0]
    assert set(run.errors) == {"http_404"}, run.errors
    assert _said(run) == {
        "boletin.html": "el sitio respondió HTTP 200 con su página de «no encontrado» "
        "(«La página solicitada no fue encontrada») en lugar del listado: no se leyó"
    }


def test_a_day_without_a_gazette_is_counted_as_its_404_would_be(crawled: Database) -> None:
    run = crawled.list_runs("gaceta-dia")[0]
    assert run.errors == {}, run.errors
    assert run.stats.get("dated_pages_absent") == 1, run.stats


def test_the_preview_skips_the_pages_the_crawl_does_not_keep(site: str) -> None:
    spec = SourceSpec.model_validate(court_listing("juzgado-paginas", f"{site}/listado.html"))
    preview = listing_preview(
        spec, Settings(allow_loopback=True, obey_robots=False), time_limit_s=20
    )
    shown = {d["fields"]["expediente"]: d for d in preview["documents"]}
    assert "skipped" not in shown["404/2023"] and "skipped" not in shown["80/2024"]
    assert shown["404/2023"]["detail"]["type"] == "html"
    assert {e: shown[e]["skipped"]["cause"] for e in ("77/2024", "78/2024")} == {
        "77/2024": "http_404",
        "78/2024": "http_404",
    }
    assert "en lugar del documento" in shown["77/2024"]["problemas"][0]
    empty = SourceSpec.model_validate(court_listing("boletin-vacio", f"{site}/boletin.html"))
    listing = listing_preview(
        empty, Settings(allow_loopback=True, obey_robots=False), time_limit_s=20
    )
    assert listing["error_counts"] == {"http_404": 1}, listing["errors"]


def test_a_frame_saying_not_found_is_no_empty_selector(crawled: Database, site: str) -> None:
    """A frameset none of whose frames lists anything, one of them the site's "not
    found" page: that frame is what is missing, not a selector to fix (it was
    ``selector_empty``, in the crawl and the preview)."""
    run = crawled.list_runs("marcos-vacios")[0]
    assert set(run.errors) == {"http_404"}, run.errors
    assert _said(run) == {
        "contenido.html": "el sitio respondió HTTP 200 con su página de «no encontrado» "
        "(«Página no encontrada») en lugar del listado: no se leyó"
    }
    spec = SourceSpec.model_validate(court_listing("marcos-vacios", f"{site}/marcos.html"))
    preview = listing_preview(
        spec, Settings(allow_loopback=True, obey_robots=False), time_limit_s=20
    )
    assert preview["error_counts"] == {"http_404": 1}, preview["errors"]
    assert preview["errors"][0]["url"] == f"{site}/contenido.html"


@pytest.mark.parametrize(
    ("source_id", "in_place_of"),
    [("noticias", "del canal RSS o Atom"), ("mapa", "del mapa del sitio"),
     ("consulta", "de la respuesta de la API")],
)  # fmt: skip
def test_a_feed_sitemap_or_api_saying_not_found_is_no_wrong_format(
    crawled: Database, source_id: str, in_place_of: str
) -> None:
    """A feed, sitemap or API whose address now answers the portal's "not found" page
    with a 200: it was ``not_a_feed`` («no es un canal RSS o Atom»), ``not_a_sitemap``
    or ``not_json``, as if the spec named the wrong shape."""
    run = crawled.list_runs(source_id)[0]
    assert set(run.errors) == {"http_404"}, run.errors
    [said] = _said(run).values()
    assert said == (
        "el sitio respondió HTTP 200 con su página de «no encontrado» («La página "
        f"solicitada no fue encontrada») en lugar {in_place_of}: no se leyó"
    )
