"""A registered institution's documents may name as their court (or a session's chamber)
only a court of that institution. The walls compared a court's name with the registered
institutions' names and with other states', so a registered congress could publish
judgments «of» its own state's high court when that judiciary was only in the operator's
catalogue, or of a federal Juzgado de Distrito, Tribunal Colegiado or Pleno Regional (no
institution registered them). Courts are known by how they are named: a publisher that
holds no court names none; the federal judiciary's circuit and district bodies are only
its own; a state's high court or Poder Judicial only that state's judiciary's. Through
the API such a spec is a 422; a spec stored past it crawls with the court emptied and
counted. A court's own judgments, registered or in the catalogue, keep their courts.
Real crawls of sites served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.specs import parse_spec
from tests.adversarial.test_tenancy import Two, _loc, _service, session_spec
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

CONGRESO = "Poder Legislativo del Estado de Guanajuato"
STJ = "Supremo Tribunal de Justicia del Estado de Guanajuato"
CATALOGUE_PJ = "Poder Judicial del Estado de Guanajuato"  # only in the catalogue
IMPERSONATED = (
    "SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE GUANAJUATO",
    "Juzgado Primero de Distrito en el Estado de Guanajuato",
    "Segundo Tribunal Colegiado en Materia Civil del Decimosexto Circuito",
    "Pleno Regional en Materia Civil de la Región Centro-Norte",
)
OWN = (f"Primera Sala Civil del {CATALOGUE_PJ}", "Juzgado Segundo Civil de Partido de León")


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def _site(root: Path, courts: tuple[str, ...], word: str) -> None:
    """A judgment per court, the court in its listing row and in its heading."""
    (root / "sentencias").mkdir(parents=True)
    rows = []
    for n, court in enumerate(courts, start=1):
        rows.append(
            f'<tr class="fila"><td class="expediente">{n}/2025</td>'
            f'<td class="organo">{court}</td><td class="fecha">0{n}/04/2025</td>'
            f'<td><a class="ver" href="sentencias/{n}.html">Ver</a></td></tr>'
        )
        text = (
            f"<p>{court}.</p><p>TOCA CIVIL {n}/2025.</p>"
            f"<p>Guanajuato, Guanajuato, a 0{n} de abril de 2025.</p>"
            f"<p>VISTOS los autos del toca {n}/2025 {word}, y</p>"
            "<p>RESULTANDO: primero, que la parte actora promovió el juicio.</p>"
        )
        page = _page(f"Sentencia del toca {n}/2025", text)
        (root / "sentencias" / f"{n}.html").write_text(page, encoding="utf-8")
    table = f'<table class="sentencias">{"".join(rows)}</table>'
    (root / "sentencias.html").write_text(_page("Sentencias", table), encoding="utf-8")


def _judgments(base: str, source_id: str, institution: str, **changes: Any) -> dict[str, Any]:
    spec = {
        "id": source_id,
        "kind": "sentencia",
        "institution": institution,
        "jurisdiction": "MX-GUA",
        "start_urls": [f"{base}/sentencias.html"],
        "required": ["expediente"],
        "listing": {
            "items": "css:table.sentencias tr.fila",
            "link": "css:a.ver::attr(href)",
            "fields": {
                "expediente": "css:td.expediente::text",
                "date": "css:td.fecha::text",
                "court": "css:td.organo::text",
            },
        },
        "detail": {"fields": {"title": "css:h1::text"}, "text": "css:main"},
    }
    return spec | changes


def _guanajuato(two: Two) -> tuple[dict[str, str], dict[str, str]]:
    """Keys of a registered Guanajuato congress and of Guanajuato's high court."""
    keys = []
    for made, name, kind in (("congreso-gto", CONGRESO, "congress"), ("stj-gto", STJ, "court")):
        two.registry.add_institution(made, name, kind, "MX-GUA")
        keys.append({"Authorization": f"Bearer {two.registry.issue_key(made)[1]}"})
    return keys[0], keys[1]


def _catalogue(folder: Path, base: str) -> None:
    spec = _judgments(f"{base}/pj", "pj-gto-catalogo", CATALOGUE_PJ)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pj-gto-catalogo.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True))


@dataclass
class Crawled:
    two: Two
    output: str
    refused: dict[str, Any]  # each impersonating spec's answer through the API


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """The congress's specs (stored past the API) read a court from its pages; the high
    court registers its own judgments; the operator's catalogue crawls the judiciary's."""
    root = tmp_path_factory.mktemp("courts")
    _site(root / "sites" / "congreso", IMPERSONATED, "impostada")
    _site(root / "sites" / "stj", OWN, "propia")
    _site(root / "sites" / "pj", OWN, "catalogada")
    with FixtureServer(root / "sites") as server:
        _catalogue(root / "specs", server.url)
        two = _service(root / "data", sources_dir=root / "specs")
        congress, court = _guanajuato(two)
        read = _judgments(f"{server.url}/congreso", "congreso-gto-sentencias", CONGRESO)
        refused = {}
        for n, name in enumerate(IMPERSONATED):
            constant = _judgments(f"{server.url}/congreso", f"congreso-gto-c{n}", CONGRESO)
            constant["constants"] = {"court": name}
            refused[name] = two.api.post("/v1/sources", json=constant, headers=congress)
        two.registry.create_source("congreso-gto", parse_spec(read), set())
        own = _judgments(f"{server.url}/stj", "stj-gto-sentencias", STJ)
        created = two.api.post("/v1/sources", json=own, headers=court)
        assert created.status_code == 201, created.text
        ids = ["congreso-gto-sentencias", "stj-gto-sentencias", "pj-gto-catalogo"]
        run = run_crawl(two.settings.data_dir, server.url, *ids, sources_dir=root / "specs")
    yield Crawled(two, run.stdout + run.stderr, refused)
    two.library.close()


def _judgments_of(crawled: Crawled, institution: str) -> list[dict[str, Any]]:
    api = crawled.two.api
    found = api.get("/v1/search", params={"institution": institution, "limit": "50"}).json()
    return [api.get(hit["permalink"]).json() for hit in found["hits"]]


def test_a_congress_may_not_register_a_court_as_its_judgments(crawled: Crawled) -> None:
    for name, answer in crawled.refused.items():
        assert _loc(answer) == [("body", "constants", "court")], name
        assert "institución" in answer.json()["detail"][0]["mensaje"], answer.text
    ids = {row.id for row in crawled.two.registry.list_sources()}
    assert not any(i.startswith("congreso-gto-c") for i in ids), ids


def test_a_stored_spec_publishes_no_court_it_read_and_counts_each(crawled: Crawled) -> None:
    documents = _judgments_of(crawled, CONGRESO)
    assert len(documents) == len(IMPERSONATED), crawled.output
    assert [d["court"] for d in documents] == [None] * len(IMPERSONATED), documents
    lines = [line for line in crawled.output.splitlines() if "[foreign_name]" in line]
    assert len(lines) == 1 and f"[foreign_name]: {len(IMPERSONATED)} errores" in lines[0], (
        crawled.output
    )
    api = crawled.two.api
    for name in IMPERSONATED:  # no judgment is filed under the court it named
        hits = api.get("/v1/search", params={"q": "impostada", "court": name}).json()["hits"]
        assert hits == [], name


def test_a_courts_own_judgments_keep_their_courts(crawled: Crawled) -> None:
    for institution in (STJ, CATALOGUE_PJ):  # registered itself; in the catalogue
        documents = _judgments_of(crawled, institution)
        assert len(documents) == len(OWN), (institution, crawled.output)
        assert {d["court"] for d in documents} == {
            "Primera Sala Civil del Poder Judicial del Estado de Guanajuato",
            "Juzgado Segundo Civil de Partido de León",
        }, documents


def test_a_court_may_name_its_own_judiciary_and_bodies_inside_it(tmp_path: Path) -> None:
    two = _service(tmp_path / "data", sources_dir=tmp_path / "specs")
    try:
        _catalogue(tmp_path / "specs", "http://127.0.0.1:9")
        congress, court = _guanajuato(two)
        base = "http://127.0.0.1:9/stj"
        for n, name in enumerate((*OWN, STJ, "Pleno")):
            spec = _judgments(base, f"stj-gto-{n}", STJ, constants={"court": name})
            answer = two.api.post("/v1/sources", json=spec, headers=court)
            assert answer.status_code == 201, (name, answer.text)
        sessions = session_spec(base, "congreso-gto-plenos", institution=CONGRESO,
                                jurisdiction="MX-GUA", constants={"chamber": "Pleno"})  # fmt: skip
        assert two.api.post("/v1/sources", json=sessions, headers=congress).status_code == 201
        judges = sessions | {"id": "congreso-gto-salas",
                             "constants": {"chamber": f"Primera Sala Penal del {STJ}"}}  # fmt: skip
        assert _loc(two.api.post("/v1/sources", json=judges, headers=congress)) == [
            ("body", "constants", "chamber")
        ]
    finally:
        two.library.close()
