"""Congress sources over time: the legislature each document belongs to, and the backfill
of a gazette published as one page per day.

A fixed ``legislature: LXVI`` stamped every document of a backfill (or of the next
legislature) with the current one: the Senado's sessions table of the LXV Legislatura
says its own, the Diputados' Gaceta of 2023 is the LXV's by the federal calendar, and a
spec's constant its date contradicts is left empty and said. The Gaceta keeps one page
per sitting day (/Gaceta/65/2023/may/20230502.html), with no listing of past issues: the
catalogue's ``start_dates`` reads each day of a backfill window, a day without an issue
(404) being no error. The sites are built here after the real ones (ISO-8859-1 pages
headed by #NGaceta; the Senado's table under an «LXV Legislatura» heading).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.build import build_document
from indexer.db import Database
from tests.adversarial.service import listing_spec, open_api
from tests.shapes.harness import REPO, run_abierto
from tests.shapes.server import FixtureServer

CATALOGUE = REPO / "config" / "sources" / "catalogue"
HOME = "https://gaceta.diputados.gob.mx/"
MONTHS = {"05": "may"}


def _issue(day: str, number: str, weekday: str) -> str:
    """A day's issue as the Gaceta publishes it: its heading, an annex in HTML and one in
    PDF, linked by file name; an index entry into its own page by anchor."""
    y, d = day[:4], day[6:]
    heading = f"Gaceta Parlamentaria, año XXVI, número {number}, {weekday} {int(d)} de mayo de {y}"
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{heading}</title></head><body>
<div id="NGaceta">{heading}</div>
<div id="Anexos">
<p><a href="{day}-II.html">Anexo II</a> Dictámenes de la Comisión de Hacienda</p>
</div>
<div id="Indice"><a class="Indice" href="#Comunicaciones">Comunicaciones</a></div>
<a name="Comunicaciones"></a><p>Comunicaciones de la Mesa Directiva.</p>
</body></html>"""


def _annex(day: str, number: str, weekday: str) -> str:
    y, d = day[:4], day[6:]
    heading = (
        f"Gaceta Parlamentaria, año XXVI, número {number}-II, {weekday} {int(d)} de mayo de {y}"
    )
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{heading}</title></head><body>
<div id="NGaceta">{heading}</div>
<p class="Titulo">Dictamen de la Comisión de Hacienda y Crédito Público, con proyecto de
decreto por el que se reforma el artículo 2o. de la Ley del Impuesto Especial.</p>
</body></html>"""


def _sitting(number: str, day: str, kind: str, transcript: str) -> str:
    """A row of the Senado's sessions table: number, date, type, the nested links."""
    return f"""<tr><td class="text-center">{number}</td>
<td class="text-center">{day}</td><td class="text-center">{kind}</td>
<td style="padding: 0;"><table class="table"><tr>
<td><a href="/65/gaceta_del_senado/2023_04_25/3100">Gaceta</a></td>
<td><a href="/65/version_estenografica/2023_04_25/{transcript}">Versión Estenográfica</a></td>
</tr></table></td></tr>"""


SENADO_LXV = (
    "<html><head><meta charset='UTF-8'><title>Sesiones Plenarias</title></head><body>"
    "<div class='panel-heading'><h2 class='text-center'><strong>LXV Legislatura</strong>"
    "</h2></div><table class='table'><thead><tr><th>No.</th><th>Fecha de Sesión</th>"
    "<th>Sesión</th><th>Documentos de la Sesión</th></tr></thead><tbody>"
    + _sitting("140", "Miércoles 03 de mayo de 2023", "Ordinaria", "1901")
    + _sitting("139", "Martes 02 de mayo de 2023", "Ordinaria", "1900")
    + "</tbody></table></body></html>"
)
TRANSCRIPT = (
    "<html><head><title>Versión estenográfica</title></head><body><p>El Presidente "
    "Senador: Se abre la sesión.</p></body></html>"
)
ISSUES = {"20230502": ("6265", "martes"), "20230504": ("6267", "jueves")}


def _site(root: Path) -> None:
    for day, (number, weekday) in ISSUES.items():
        folder = root / "Gaceta" / "65" / day[:4] / MONTHS[day[4:6]]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{day}.html").write_bytes(_issue(day, number, weekday).encode("iso-8859-1"))
        annex = _annex(day, number, weekday).encode("iso-8859-1")
        (folder / f"{day}-II.html").write_bytes(annex)
    sessions = root / "65" / "sesiones"
    sessions.mkdir(parents=True)
    (sessions / "index.html").write_text(SENADO_LXV, encoding="utf-8")
    for transcript in ("1900", "1901"):
        page = root / "65" / "version_estenografica" / "2023_04_25" / transcript
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(TRANSCRIPT, encoding="utf-8")


def _catalogue(name: str) -> dict[str, Any]:
    return dict(yaml.safe_load((CATALOGUE / f"{name}.yaml").read_text(encoding="utf-8")))


def _gaceta(base: str, **change: Any) -> dict[str, Any]:
    """The catalogue's Gaceta spec on the fixture site: its dated start address only."""
    spec = _catalogue("diputados-gaceta")
    dated = [url.replace(HOME, f"{base}/") for url in spec["start_urls"] if url != HOME]
    return spec | {"start_urls": dated, "allowed_domains": ["127.0.0.1"]} | change


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    work = tmp_path_factory.mktemp("dated")
    _site(work / "site")
    with FixtureServer(work / "site") as server:
        senado = _catalogue("senado-sesiones")
        # its table of each legislature the window spans: the LXV's for May 2023
        senado["start_urls"] = [
            url.replace("https://www.senado.gob.mx", server.url) for url in senado["start_urls"]
        ]
        senado["allowed_domains"] = ["127.0.0.1"]
        specs = {
            "diputados-gaceta": _gaceta(server.url),
            # an institution's own spec that still fixes the legislature it was written in
            "gaceta-fija": _gaceta(
                server.url,
                id="gaceta-fija",
                constants={"doc_type": "gaceta", "legislature": "LXVI"},
            ),
            "senado-sesiones": senado,
        }
        for name, spec in specs.items():
            path = work / "specs" / f"{name}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        result = run_abierto(
            work / "data", server.url, work / "specs", "--since", "2023-05-01", "--until",
            "2023-05-04",
        )  # fmt: skip
        assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
    yield db
    db.close()


def _docs(db: Database, source_id: str) -> dict[str, Any]:
    return {d.url.rsplit("/", 1)[1]: d for d in db.iter_documents() if d.source_id == source_id}


def _run(db: Database, source_id: str) -> Any:
    return db.list_runs(source_id, limit=1)[0]


def test_a_backfill_reads_each_day_of_its_window(crawled: Database) -> None:
    """2 and 4 May have an issue, each with its annex; 1 and 3 May none (404): counted as
    days without a page, not as errors."""
    docs = _docs(crawled, "diputados-gaceta")
    assert sorted(docs) == ["20230502-II.html", "20230504-II.html"]
    annex = docs["20230504-II.html"]
    assert annex.number == "6267-II" and annex.date.isoformat() == "2023-05-04"
    assert "/Gaceta/65/2023/may/" in annex.url
    run = _run(crawled, "diputados-gaceta")
    assert run.errors == {} and run.stats.get("dated_pages_absent") == 2


def test_a_document_is_of_the_legislature_sitting_on_its_date(crawled: Database) -> None:
    """An issue of May 2023 belongs to the LXV Legislatura (2021-09-01 to 2024-08-31), as
    the federal calendar says, and says where that came from."""
    docs = _docs(crawled, "diputados-gaceta").values()
    assert len(docs) == 2
    for doc in docs:
        assert doc.legislature == "LXV"
        assert doc.field_sources["legislature"] == "calendar"


def test_the_senado_table_says_its_own_legislature(crawled: Database) -> None:
    docs = _docs(crawled, "senado-sesiones")
    assert sorted(docs) == ["1900", "1901"]
    assert {d.legislature for d in docs.values()} == {"LXV"}
    assert {d.field_sources["legislature"] for d in docs.values()} == {"listing"}
    assert _run(crawled, "senado-sesiones").errors == {}


def test_a_fixed_legislature_its_date_contradicts_is_left_empty_and_said(
    crawled: Database,
) -> None:
    docs = _docs(crawled, "gaceta-fija")
    assert len(docs) == 2 and {d.legislature for d in docs.values()} == {None}
    assert all("legislature" not in d.field_sources for d in docs.values())
    errors = _run(crawled, "gaceta-fija").errors["legislature_contradicted"]
    assert errors["count"] == 2
    example = errors["examples"][0]
    said = error_mensaje("legislature_contradicted", example["message"])
    assert said.startswith("la legislatura fija de la especificación (LXVI) no es la que")
    assert "(la LXV, por el calendario): el documento queda sin legislatura" in said


def test_the_calendar_fills_a_missing_legislature_and_keeps_one_it_agrees_with() -> None:
    """A federal document of 2019 is the LXIV's; one of 30 August 2024, while the LXVI
    installs itself and the LXV's recess has not ended, none (unsure); a state
    congress's constant (Nuevo León, LXXVII from 1 September 2024) its date agrees with
    stays; a jurisdiction without a known calendar reads none from the date."""

    def built(jurisdiction: str, **fields: str) -> Any:
        return build_document(
            kind="legislativo", source_id="s", url="https://x.mx/1", text="",
            institution="Congreso", jurisdiction=jurisdiction,
            fields={"title": "Gaceta", **fields},
            origins=dict.fromkeys(set(fields) - {"date"}, "spec"),
        )  # fmt: skip

    federal = built("MX", date="2019-03-12")
    assert federal.legislature == "LXIV" and federal.field_sources["legislature"] == "calendar"
    assert built("MX", date="2024-08-30").legislature is None
    assert built("MX", date="2024-09-01").legislature == "LXVI"
    kept = built("MX-NLE", date="2025-03-04", legislature="LXXVII")
    assert kept.legislature == "LXXVII" and kept.field_sources["legislature"] == "spec"
    assert built("MX-OAX", date="2025-03-04").legislature is None


def test_the_preview_reads_the_latest_date_and_says_the_rest(tmp_path: Path) -> None:
    """Without a window the crawl reads the last week, newest first; the preview reads
    the first of those and says the crawl reads the others."""
    _site(tmp_path / "site")
    with FixtureServer(tmp_path / "site") as server:
        spec = SourceSpec.model_validate(_gaceta(server.url))
        preview = listing_preview(spec, Settings(allow_loopback=True), max_details=0)
        asked = [hit.target for hit in server.log if hit.target != "/robots.txt"]
    assert len(asked) == 1 and asked[0].startswith("/Gaceta/66/")  # today's, LXVI
    said = " ".join(preview["problemas"])
    assert "esta vista previa leyó solo la primera dirección de inicio" in said
    assert "el rastreo lee 6 más (fechas del" in said


def test_an_institution_previews_and_registers_a_source_by_date(tmp_path: Path) -> None:
    """Through the API: the preview reads today's page of a bulletin kept by day and says
    the crawl reads the two days before too; the spec is stored with its dates."""
    today = dt.date.today()
    for day in (today, today - dt.timedelta(days=1)):
        page = tmp_path / "site" / "boletin" / f"{day:%Y%m%d}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"<html><body><table><tbody><tr><td>{day:%d/%m/%Y}</td><td><a href='s{day:%d}.pdf'>"
            "Sentencia</a></td></tr></tbody></table></body></html>",
            encoding="utf-8",
        )
    service = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "site") as server:
            spec = listing_spec(
                f"{server.url}/boletin/{{date:%Y%m%d}}.html",
                id="pj-gto-boletin",
                start_dates={"since": "2020-01-01", "recent": 3},
            )
            preview = service.client.post("/v1/sources/preview", json=spec, headers=service.headers)
            assert preview.status_code == 200, preview.text
            body = preview.json()
            assert [d["url"].rsplit("/", 1)[1] for d in body["documents"]] == [f"s{today:%d}.pdf"]
            assert any("el rastreo lee 2 más (fechas del" in p for p in body["problemas"])
            created = service.client.post("/v1/sources", json=spec, headers=service.headers)
            assert created.status_code == 201, created.text
        stored = service.registry.get_source("pj-gto-boletin")
        assert stored is not None and stored.spec["start_dates"]["recent"] == 3
    finally:
        service.close()
