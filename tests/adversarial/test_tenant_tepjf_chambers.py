"""The federal electoral court's chambers as its own documents name them, without the
court: «Sala Regional Monterrey, Nuevo León», «Sala Regional Especializada en materia de
…», «Sala Superior». A state publisher took them as its own (a 201 for a source whose
every judgment says it is the TEPJF's); now a 422 in Spanish. A state's own bodies stay
its own: the «Sala Superior» of a state administrative or electoral court, the «Primera
Sala Regional Toluca» of the Estado de México's administrative court."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import listing_spec
from tests.adversarial.test_tenancy import _service

PUBLISHERS = {
    # id: (name, jurisdiction, TEPJF chambers it may not name, its own bodies)
    "tsj-nle": (
        "Tribunal Superior de Justicia del Estado de Nuevo León",
        "MX-NLE",
        (
            "Sala Regional Monterrey, Nuevo León",
            "Sala Regional Monterrey (Segunda Circunscripción)",
            "Sala Regional Especializada en materia de procedimientos sancionadores",
            "Sala Superior",
        ),
        ("Primera Sala Civil",),
    ),
    "tja-mex": (
        "Tribunal de Justicia Administrativa del Estado de México",
        "MX-MEX",
        ("Sala Regional Toluca, Estado de México", "Sala Regional Ciudad de México, CDMX"),
        ("Sala Superior", "Primera Sala Regional Toluca"),
    ),
    "tee-jal": (
        "Tribunal Electoral del Estado de Jalisco",
        "MX-JAL",
        ("Sala Regional Guadalajara, Jalisco", "Sala Regional Xalapa; Veracruz"),
        ("Sala Superior",),
    ),
}


def test_a_state_publisher_names_no_tepjf_chamber_as_its_own(tmp_path: Path) -> None:
    two = _service(tmp_path / "data")
    try:
        for made, (name, jurisdiction, theirs, own) in PUBLISHERS.items():
            two.registry.add_institution(made, name, "court", jurisdiction)
            key = {"Authorization": f"Bearer {two.registry.issue_key(made)[1]}"}
            for n, court in enumerate(theirs + own):
                spec = listing_spec(
                    "http://127.0.0.1:9/lista",
                    id=f"{made}-c{n}",
                    jurisdiction=jurisdiction,
                    constants={"court": court},
                )
                answer = two.api.post("/v1/sources", json=spec, headers=key)
                if court in own:
                    assert answer.status_code == 201, (name, court, answer.text)
                    continue
                assert answer.status_code == 422, (name, court, answer.text)
                [problem] = answer.json()["detail"]
                assert problem["loc"][-2:] == ["constants", "court"], problem
                assert "nombra a otra institución" in problem["mensaje"], problem
    finally:
        two.library.close()
