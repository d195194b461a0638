"""A court's source names as its documents' court only its own bodies, known by their
kind and their number. Before, a state's administrative, electoral or workers' tribunal,
a federal tribunal and a federal circuit body could name a state judiciary's juzgado, a
juez de control or a sala penal as their own (201), and a numbered colegiado could name
«the» colegiado of its matter and circuit with no number (any of them), a sole colegiado
a numbered one. Through the API each is a 422 in Spanish naming the field; their own
bodies, however written, stay."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.test_tenancy import _service
from tests.adversarial.test_tenant_courts import _judgments

PUBLISHERS = {
    # id: (name, jurisdiction, courts of others, its own courts)
    "tja-gto": (
        "Tribunal de Justicia Administrativa del Estado de Guanajuato",
        "MX-GUA",
        (
            "Juzgado Primero Civil de Guanajuato",
            "Juzgado Segundo Penal de Partido de León",
            "Juzgado de Control del Primer Distrito Judicial",
            "Tribunal de Enjuiciamiento de la Región A",
            "Tribunal Laboral de León",
            "Segunda Sala Penal",
            "Juzgado-Tercero-Familiar",
        ),
        ("Primera Sala", "Sala Especializada en Materia de Responsabilidades Administrativas"),
    ),
    "tee-gto": (
        "Tribunal Estatal Electoral de Guanajuato",
        "MX-GUA",
        ("Juzgado Tercero Familiar de Celaya",),
        ("Pleno",),
    ),
    "tfja": (
        "Tribunal Federal de Justicia Administrativa",
        "MX",
        ("Juzgado Primero Civil", "Sala Familiar"),
        ("Sala Regional del Centro I",),
    ),
    "colegiado-civil-3": (
        "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
        "MX",
        (
            "Tribunal Colegiado en Materia Civil del Tercer Circuito",
            "Tribunal Colegiado en Materia Civil del III Circuito, con residencia en Zapopan",
            "Juzgado Tercero de lo Civil de Zapopan",
        ),
        (
            "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
            "Primer Tribunal Colegiado del III Circuito",
        ),
    ),
    "colegiado-penal-2": (
        "Tribunal Colegiado en Materia Penal del Segundo Circuito",
        "MX",
        (
            "Primer Tribunal Colegiado en Materia Penal del Segundo Circuito",
            "Tribunal Colegiado en Materia Civil del Segundo Circuito",
        ),
        ("Tribunal Colegiado en Materia Penal del II Circuito",),
    ),
    "stj-gto": (
        "Supremo Tribunal de Justicia del Estado de Guanajuato",
        "MX-GUA",
        (),
        ("Juzgado Primero Civil de León", "Tribunal Laboral de León", "Segunda Sala Penal"),
    ),
}


def test_a_court_names_no_body_of_another_kind_or_number(tmp_path: Path) -> None:
    two = _service(tmp_path / "data")
    try:
        for made, (name, jurisdiction, theirs, own) in PUBLISHERS.items():
            two.registry.add_institution(made, name, "court", jurisdiction)
            key = {"Authorization": f"Bearer {two.registry.issue_key(made)[1]}"}
            for n, court in enumerate(theirs + own):
                spec = _judgments("http://127.0.0.1:9", f"{made}-c{n}", name) | {
                    "jurisdiction": jurisdiction,
                    "constants": {"court": court},
                }
                answer = two.api.post("/v1/sources", json=spec, headers=key)
                if court in own:
                    assert answer.status_code == 201, (name, court, answer.text)
                    continue
                assert answer.status_code == 422, (name, court, answer.text)
                problem = answer.json()["detail"][0]
                assert problem["loc"][-2:] == ["constants", "court"], problem
                assert "nombra a otra institución" in problem["mensaje"], problem
    finally:
        two.library.close()
