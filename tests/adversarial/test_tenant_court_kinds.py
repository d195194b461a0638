"""Courts a registered court may not name as its own, known by their kind, registered or
not: a state's administrative, electoral or workers' tribunal (autonomous bodies, none of
the state's judiciary, nor a federal tribunal's), any state's court for a federal
publisher, and, for one federal circuit or district body, every other such body. Before,
the Tribunal Federal de Justicia Administrativa could publish judgments «of» Guanajuato's
Tribunal de Justicia Administrativa, Guanajuato's high court of that same tribunal, and a
Tribunal Colegiado of another colegiado. Through the API such a court is a 422 in
Spanish; read from a page, the crawl empties it and counts it. Their own courts stay.
Real crawls of sites served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.adversarial.test_tenancy import _service
from tests.adversarial.test_tenant_courts import _judgments, _site
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

TJA_GTO = "Tribunal de Justicia Administrativa del Estado de Guanajuato"
PUBLISHERS = {
    # id: (name, jurisdiction, courts of others, its own courts)
    "stj-gto": (
        "Supremo Tribunal de Justicia del Estado de Guanajuato",
        "MX-GUA",
        (
            TJA_GTO,
            "Tribunal de Justicia Administrativa de Guanajuato",
            "Tribunal Estatal Electoral de Guanajuato",
            "Tribunal de Conciliación y Arbitraje del Estado de Guanajuato",
            "Tribunal de lo Administrativo del Estado de Guanajuato",
            # words joined by hyphens or underscores: the same names
            "Suprema-Corte de Justicia de la Nación",
            "Juzgado-Primero-de-Distrito en el Estado de Guanajuato",
            "Tribunal_Estatal_Electoral",
        ),
        ("Primera Sala Civil", "Sala Administrativa del Supremo Tribunal de Justicia"),
    ),
    "tfja": (
        "Tribunal Federal de Justicia Administrativa",
        "MX",
        (
            TJA_GTO,
            "Sala Superior del Tribunal de lo Contencioso Administrativo del Estado de Jalisco",
            "Tribunal Laboral del Estado de Jalisco",
            "Juzgado Primero Civil de Guanajuato",
        ),
        ("Sala Regional del Centro I", "Primera Sala Regional Norte-Este del Estado de México"),
    ),
    "tsa": (
        "Tribunal Superior Agrario",
        "MX",
        (TJA_GTO, "Junta Local de Conciliación y Arbitraje del Estado de Jalisco"),
        ("Tribunal Unitario Agrario del Distrito 11, con sede en Guanajuato, Guanajuato",),
    ),
    "colegiado-civil-3": (
        "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
        "MX",
        (
            "Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito",
            "Tercer Tribunal Colegiado en Materia Civil del Primer Circuito",
            "Juzgado Primero de Distrito en Materia Civil en el Estado de Jalisco",
            "Pleno Regional en Materia Civil de la Región Centro-Norte",
            "Segundo-Tribunal-Colegiado-en-Materia-Civil-del-Tercer-Circuito",
        ),
        (
            "Primer Tribunal Colegiado del Tercer Circuito",
            "Primer Tribunal Colegiado en Materia Civil del III Circuito",
        ),
    ),
}


def _spec(base: str, made: str, name: str, jurisdiction: str, **more: Any) -> dict[str, Any]:
    return (
        _judgments(f"{base}/{made}", f"{made}-sentencias", name, jurisdiction=jurisdiction) | more
    )


def test_courts_of_another_kind_are_no_publishers_own(tmp_path: Path) -> None:
    for made, (_, _, theirs, own) in PUBLISHERS.items():
        _site(tmp_path / "sites" / made, theirs + own, "sentencia")
    with FixtureServer(tmp_path / "sites") as server:
        two = _service(tmp_path / "data")
        try:
            api = two.api
            for made, (name, jurisdiction, theirs, own) in PUBLISHERS.items():
                two.registry.add_institution(made, name, "court", jurisdiction)
                key = {"Authorization": f"Bearer {two.registry.issue_key(made)[1]}"}
                for n, court in enumerate(theirs + own):
                    spec = _spec(server.url, made, name, jurisdiction, id=f"{made}-c{n}")
                    answer = api.post(
                        "/v1/sources", json=spec | {"constants": {"court": court}}, headers=key
                    )
                    if court in own:
                        assert answer.status_code == 201, (name, court, answer.text)
                        continue
                    assert answer.status_code == 422, (name, court, answer.text)
                    problem = answer.json()["detail"][0]
                    assert problem["loc"][-2:] == ["constants", "court"], problem
                    assert problem["mensaje"], problem
                    assert not problem["mensaje"].isascii(), problem  # Spanish, with accents
                read = _spec(server.url, made, name, jurisdiction)
                created = api.post("/v1/sources", json=read, headers=key)
                assert created.status_code == 201, created.text

            ids = [f"{made}-sentencias" for made in PUBLISHERS]
            run = run_crawl(two.settings.data_dir, server.url, *ids)
            output = run.stdout + run.stderr
            for made, (name, _, theirs, own) in PUBLISHERS.items():
                found = api.get("/v1/search", params={"institution": name, "limit": "50"}).json()
                documents = [api.get(hit["permalink"]).json() for hit in found["hits"]]
                assert len(documents) == len(theirs) + len(own), (name, output)
                courts = sorted(d["court"] or "" for d in documents)
                assert courts.count("") == len(theirs), (name, courts)
                kept = [c for c in courts if c]
                assert len(kept) == len(own), (name, courts)
                assert not any(c in theirs for c in kept), (name, courts)
                said = f"[foreign_name]: {len(theirs)} errores"
                assert (
                    any(made in line and said in line for line in output.splitlines())
                    or said in output
                ), (name, output)
        finally:
            two.library.close()


def test_a_congress_names_no_federal_chamber_however_its_words_are_joined(
    tmp_path: Path,
) -> None:
    """A state congress's sessions «of» the Cámara de Diputados, its committees «of»
    another state's congress, written with underscores or hyphens for spaces: a 422 as
    the names written with spaces are."""
    two = _service(tmp_path / "data")
    try:
        two.registry.add_institution(
            "congreso-gto", "Congreso del Estado de Guanajuato", "congress", "MX-GUA"
        )
        key = {"Authorization": f"Bearer {two.registry.issue_key('congreso-gto')[1]}"}
        base = {
            "kind": "sesion",
            "jurisdiction": "MX-GUA",
            "start_urls": ["http://127.0.0.1:9/sesiones.html"],
            "listing": {"items": "css:li", "link": "css:a::attr(href)"},
        }
        cases = {
            "chamber": ("Camara_de_Diputados", "Cámara-de-Senadores", "Senado-de-la-República"),
            "committee": ("Comisión de Justicia del Congreso-del-Estado-de-Jalisco",),
        }
        n = 0
        for field, names in cases.items():
            for name in names:
                n += 1
                spec = base | {"id": f"congreso-gto-s{n}", "constants": {field: name}}
                answer = two.api.post("/v1/sources", json=spec, headers=key)
                assert answer.status_code == 422, (name, answer.text)
                problem = answer.json()["detail"][0]
                assert problem["loc"][-2:] == ["constants", field], problem
        own = base | {"id": "congreso-gto-pleno", "constants": {"chamber": "Pleno"}}
        assert two.api.post("/v1/sources", json=own, headers=key).status_code == 201
    finally:
        two.library.close()
