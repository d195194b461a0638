"""The ids and identity scopes of the catalogue the project ships are no other
institution's to register, whichever catalogue the operator crawls today: an institution
whose namespace covers «congreso-gto-gaceta» or «scjn-sentencias» registered it (201)
when the operator's folder held other specs, and once the operator crawled the shipped
one, the two sources' documents were filed under one id. Now a Spanish 422 names the
shipped source; the institution that spec publishes for may still register it."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import gaceta_spec, listing_spec, open_api


def test_shipped_catalogue_names_are_reserved_for_their_own_institution(tmp_path: Path) -> None:
    own_folder = tmp_path / "operador"
    own_folder.mkdir()  # the operator crawls a catalogue of its own: none of the shipped
    api = open_api(tmp_path / "data", sources_dir=own_folder)
    try:
        for institution, name, jurisdiction in (
            ("congreso", "Congreso Ejemplar", "MX-GUA"),
            ("scjn", "Suprema Corte Ejemplar", "MX"),
        ):
            api.registry.add_institution(institution, name, "court", jurisdiction)
        keys = {i: api.registry.issue_key(i)[1] for i in ("congreso", "scjn")}

        def post(institution: str, spec: dict) -> tuple[int, dict]:
            headers = {"Authorization": f"Bearer {keys[institution]}"}
            answer = api.client.post("/v1/sources", json=spec, headers=headers)
            return answer.status_code, answer.json()

        for institution, spec, loc in (
            ("congreso", gaceta_spec("congreso-gto-gaceta"), "id"),  # config/sources
            ("scjn", listing_spec("http://127.0.0.1:9/", id="scjn-sentencias",
                                  jurisdiction="MX"), "id"),  # config/sources/catalogue
            ("scjn", listing_spec("http://127.0.0.1:9/", id="scjn-canal", jurisdiction="MX",
                                  identity={"scope": "scjn-sentencias", "key": ["date"]}),
             "identity"),
        ):  # fmt: skip
            status, body = post(institution, spec)
            assert status == 422, (spec["id"], body)
            [problem] = body["detail"]
            assert problem["loc"][1] == loc, problem
            assert "catálogo que trae el proyecto" in problem["mensaje"], problem
        assert api.registry.get_source("congreso-gto-gaceta") is None
        assert api.registry.get_source("scjn-sentencias") is None

        # the Poder Judicial de Guanajuato's own shipped source stays its to register
        made = api.client.post(
            "/v1/sources",
            json=listing_spec("http://127.0.0.1:9/", id="pj-gto-sentencias"),
            headers=api.headers,
        )
        assert made.status_code == 201, made.text
    finally:
        api.close()
