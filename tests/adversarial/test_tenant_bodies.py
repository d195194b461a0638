"""A registered source's documents belong to its institution in every field that says
whose they are, not only ``institution``: a session's ``congress`` (where ``/sesiones``
lists it, whose people its speakers are) is the key's institution, and a ``court`` or
``chamber`` may name a body inside it but never another institution. Through the API such
a spec is a 422 naming the field; a spec stored otherwise crawls with the value emptied."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from api.routers.pages.sessions import slug
from config.specs import parse_spec
from tests.adversarial.test_tenancy import QRO, Two, _loc, _service, session_spec
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

TSJ = "Tribunal Superior de Justicia de Querétaro"
SCJN_SALA = "PRIMERA SALA DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN"
SENADO = "Senado de la República"


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def _site(root: Path, word: str, days: tuple[int, int]) -> None:
    """Two sessions (each page naming QRO as congress and the Senate as chamber) and two
    judgments of a court that call themselves the SCJN's Primera Sala."""
    (root / "sesiones").mkdir(parents=True)
    (root / "sentencias").mkdir()
    items = []
    for day in days:
        items.append(
            f'<li class="sesion"><span class="fecha">{day:02d}/03/2025</span> · '
            f'<span class="tipo">Ordinaria</span> · '
            f'<a class="detalle" href="sesiones/{day}.html">Ver</a></li>'
        )
        body = (
            f'<p class="congreso">{QRO}</p><p class="camara">{SENADO}</p>'
            f"<p>Sesión {word} del Pleno celebrada el {day} de marzo de 2025.</p>"
            f"<p>Presidencia de la diputada Rosa Elvira {word.title()} Pérez</p>"
            f"<p>-El diputado Tomás {word.title()} Ruiz (PAN): Propongo aprobar el dictamen.</p>"
            f"<p>-La diputada Rosa Elvira {word.title()} Pérez: Se somete a votación.</p>"
        )
        page = _page(f"Sesión Ordinaria {word} del {day} de marzo de 2025", body)
        (root / "sesiones" / f"{day}.html").write_text(page, encoding="utf-8")
    listing = f'<ul class="sesiones">{"".join(items)}</ul>'
    (root / "sesiones.html").write_text(_page("Sesiones", listing), encoding="utf-8")
    rows = []
    for n in (101, 102):
        rows.append(
            f'<tr class="fila"><td class="expediente">{n}/2024</td>'
            f'<td class="organo">{SCJN_SALA}</td><td class="fecha">0{n - 100}/03/2025</td>'
            f'<td><a class="ver" href="sentencias/{n}.html">Ver</a></td></tr>'
        )
        text = (
            f"<p>AMPARO DIRECTO EN REVISIÓN {n}/2024.</p><p>{SCJN_SALA}.</p>"
            f"<p>Ciudad de México, a 0{n - 100} de marzo de 2025.</p>"
            f"<p>VISTOS los autos del amparo directo en revisión {n}/2024 {word}, y</p>"
            "<p>RESULTANDO: primero, que la parte quejosa promovió el juicio.</p>"
        )
        page = _page(f"Amparo directo en revisión {n}/2024", text)
        (root / "sentencias" / f"{n}.html").write_text(page, encoding="utf-8")
    table = f'<table class="sentencias">{"".join(rows)}</table>'
    (root / "sentencias.html").write_text(_page("Sentencias", table), encoding="utf-8")


def _judgments(base: str, source_id: str, **fields: str) -> dict[str, Any]:
    return {
        "id": source_id,
        "kind": "sentencia",
        "institution": TSJ,
        "jurisdiction": "MX-QUE",
        "start_urls": [f"{base}/sentencias.html"],
        "required": ["expediente"],
        "listing": {
            "items": "css:table.sentencias tr.fila",
            "link": "css:a.ver::attr(href)",
            "fields": {"expediente": "css:td.expediente::text", "date": "css:td.fecha::text"}
            | fields,
        },
        "detail": {"fields": {"title": "css:h1::text"}, "text": "css:main"},
    }


def _claims(base: str) -> dict[str, dict[str, Any]]:
    """The court's (B's) specs naming the congress (A), the Senate or the SCJN as theirs."""
    constant = session_spec(base, "tsj-qro-congreso", institution=TSJ)
    constant["constants"] = {"congress": QRO}
    read = session_spec(base, "tsj-qro-congreso-leido", institution=TSJ)
    read["detail"]["fields"] |= {"congress": "css:p.congreso::text"}
    chamber = session_spec(base, "tsj-qro-camara", institution=TSJ)
    chamber["constants"] = {"chamber": SENADO}
    court = _judgments(base, "tsj-qro-sala")
    court["constants"] = {"court": SCJN_SALA}
    court_bare = _judgments(base, "tsj-qro-gto")
    court_bare["constants"] = {"court": "Juzgado Segundo Civil de Guanajuato"}
    committee = session_spec(base, "tsj-qro-comision", institution=TSJ, kind="legislativo")
    del committee["identity"], committee["listing"]["fields"]["session_type"]
    committee["constants"] = {"committee": f"Comisión de Justicia del {QRO}"}
    return {"congress": constant, "congress_read": read, "chamber": chamber, "court": court,
            "court_bare": court_bare, "committee": committee}  # fmt: skip


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data")
    yield made
    made.library.close()


@pytest.mark.parametrize(
    ("case", "loc"),
    [("congress", ("body", "constants", "congress")),
     ("congress_read", ("body", "detail", "fields", "congress")),
     ("chamber", ("body", "constants", "chamber")),
     ("court", ("body", "constants", "court")),
     ("court_bare", ("body", "constants", "court")),
     ("committee", ("body", "constants", "committee"))],
)  # fmt: skip
def test_a_spec_naming_another_institutions_body_is_a_422_naming_the_field(
    two: Two, case: str, loc: tuple[str, ...]
) -> None:
    spec = _claims("http://127.0.0.1:9")[case]
    for path in ("/v1/sources", "/v1/sources/preview"):
        refused = two.api.post(path, json=spec, headers=two.b)
        assert _loc(refused) == [loc], path
        mensaje = refused.json()["detail"][0]["mensaje"]
        assert mensaje.startswith(".".join(loc[1:]) + ":") and "institución" in mensaje, mensaje
    assert two.registry.list_sources() == []
    created = two.api.post("/v1/sources", json=spec | {"id": "tsj-qro-actualizada"},
                           headers=two.b)  # fmt: skip
    assert created.status_code == 422
    own = session_spec("http://127.0.0.1:9", "tsj-qro-propia", institution=TSJ)
    assert two.api.post("/v1/sources", json=own, headers=two.b).status_code == 201
    updated = two.api.put("/v1/sources/tsj-qro-propia", json=spec | {"id": "tsj-qro-propia"},
                          headers=two.b)  # fmt: skip
    assert _loc(updated) == [loc]


def test_its_own_name_and_bodies_inside_it_are_accepted(two: Two) -> None:
    base = "http://127.0.0.1:9"
    sessions = session_spec(base, "tsj-qro-plenos", institution=TSJ)
    sessions["constants"] = {"congress": TSJ, "chamber": "Pleno"}
    judgments = _judgments(base, "tsj-qro-salas", court="css:td.organo::text")
    judgments["constants"] = {"court": f"Primera Sala Civil del {TSJ}"}
    senate = session_spec(base, "congreso-qro-senado", constants={"chamber": "Pleno"})
    for spec, key in ((sessions, two.b), (judgments, two.b), (senate, two.a)):
        assert two.api.post("/v1/sources", json=spec, headers=key).status_code == 201, spec["id"]
    federal = session_spec(base, "congreso-qro-federal", constants={"chamber": SENADO})
    assert _loc(two.api.post("/v1/sources", json=federal, headers=two.a)) == [
        ("body", "constants", "chamber")
    ]


@dataclass
class Crawled:
    two: Two
    output: str


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """A (the congress) registers and crawls its own sessions; B (the court) crawls specs
    stored past the API that name A as its sessions' congress, the Senate as their
    chamber and the SCJN's Primera Sala as its judgments' court (as a constant, read from
    the listing, or read by the library from the judgment's heading), a Guanajuato court as
    its judgments' and A's committee as its records'."""
    root = tmp_path_factory.mktemp("bodies")
    _site(root / "sites" / "a", "legislativa", (3, 4))
    _site(root / "sites" / "b", "forjada", (10, 11))
    (root / "specs").mkdir()
    two = _service(root / "data")
    with FixtureServer(root / "sites") as server:
        own = session_spec(f"{server.url}/a", "congreso-qro-sesiones")
        assert two.api.post("/v1/sources", json=own, headers=two.a).status_code == 201
        base = f"{server.url}/b"
        specs = list(_claims(base).values())
        chamber_read = session_spec(base, "tsj-qro-camara-leida", institution=TSJ)
        chamber_read["detail"]["fields"] |= {"chamber": "css:p.camara::text"}
        court_read = _judgments(base, "tsj-qro-sala-leida", court="css:td.organo::text")
        court_heading = _judgments(base, "tsj-qro-sala-encabezado")
        for spec in [*specs, chamber_read, court_read, court_heading]:
            spec["id"] = spec["id"].replace("tsj-qro-", "tsj-qro-b-")
            two.registry.create_source("tsj-qro", parse_spec(spec), set())
        ids = ["congreso-qro-sesiones", *(s.id for s in two.registry.list_sources()
                                          if s.id.startswith("tsj-qro-b-"))]  # fmt: skip
        run = run_crawl(two.settings.data_dir, server.url, *ids, sources_dir=root / "specs")
    assert run.returncode == 3, run.stdout + run.stderr
    yield Crawled(two, run.stdout)
    two.library.close()


def _hits(crawled: Crawled, **params: str) -> list[dict[str, Any]]:
    found = crawled.two.api.get("/v1/search", params=params | {"limit": "50"}).json()
    return found["hits"]


def test_the_court_crawled_every_document_under_its_own_name(crawled: Crawled) -> None:
    court = _hits(crawled, institution=TSJ)
    assert len(court) == 18, crawled.output
    reported = [line for line in crawled.output.splitlines() if "foreign_name" in line]
    assert len(reported) == 9 and all("[foreign_name]: 2 errores" in line for line in reported), (
        reported
    )


def test_another_congress_lists_none_of_the_courts_sessions(crawled: Crawled) -> None:
    api = crawled.two.api
    page = api.get(f"/sesiones/{slug(QRO)}")
    assert page.status_code == 200
    assert "legislativa" in page.text and "forjada" not in page.text
    finder = api.get("/sesiones", params={"congreso": QRO})
    assert "legislativa" in finder.text and "forjada" not in finder.text
    sessions = api.get("/v1/sessions", params={"congress": QRO, "limit": "50"}).json()
    assert sessions["total"] == 2, sessions
    assert {hit["institution"] for hit in _hits(crawled, congress=QRO)} == {QRO}


def test_the_congress_people_are_only_its_own(crawled: Crawled) -> None:
    api = crawled.two.api
    people = api.get("/v1/people", params={"congress": QRO, "limit": "50"})
    assert people.status_code == 200, people.text
    names = [person["name"] for person in people.json()["people"]]
    assert any("Legislativa" in name for name in names), names
    assert not any("Forjada" in name for name in names), names
    forged = api.get("/v1/people", params={"name": "Tomás Forjada Ruiz"}).json()["people"]
    assert forged and {person["scope"] for person in forged} == {TSJ}, forged


def test_the_courts_sessions_are_listed_under_the_court(crawled: Crawled) -> None:
    api = crawled.two.api
    page = api.get(f"/sesiones/{slug(TSJ)}")
    assert page.status_code == 200 and "forjada" in page.text
    for hit in _hits(crawled, institution=TSJ, kind="sesion"):
        document = api.get(hit["permalink"]).json()
        assert document["congress"] == TSJ, document
        assert document["chamber"] != SENADO, document


def test_no_document_of_the_court_is_filed_under_the_senate_the_scjn_or_another_body(
    crawled: Crawled,
) -> None:
    api = crawled.two.api
    assert _hits(crawled, chamber=SENADO) == []
    assert _hits(crawled, court="Primera Sala de la SCJN") == []
    judgments = _hits(crawled, institution=TSJ, kind="sentencia")
    assert len(judgments) == 8
    for hit in judgments:
        assert api.get(hit["permalink"]).json()["court"] is None, hit
    records = _hits(crawled, institution=TSJ, kind="legislativo")
    assert len(records) == 2
    for hit in records:
        assert api.get(hit["permalink"]).json()["committee"] is None, hit
    coverage = api.get("/fuentes")
    assert coverage.status_code == 200 and "Primera Sala de la SCJN" not in coverage.text
