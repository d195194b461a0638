"""A source id the system writes under itself is no institution's: ``abierto index PATH``
files its documents under «local», and an institution whose id is «local» registered a
source «local» (201), or gave one that identity scope, whose documents, runs and audit
log would then mix with the operator's local index. Now a 422 naming the field, in
Spanish, before anything was ever indexed under it."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.service import listing_spec
from tests.adversarial.test_tenancy import _service


def test_no_institution_registers_a_source_under_an_internal_id(tmp_path: Path) -> None:
    two = _service(tmp_path / "data")
    try:
        two.registry.add_institution(
            "local", "Tribunal de Justicia Administrativa de Querétaro", "court", "MX-QUE"
        )
        key = {"Authorization": f"Bearer {two.registry.issue_key('local')[1]}"}
        sent = {
            ("id",): listing_spec("http://127.0.0.1:9/l", id="local", jurisdiction="MX-QUE"),
            ("identity", "scope"): listing_spec(
                "http://127.0.0.1:9/l",
                id="local-sentencias",
                jurisdiction="MX-QUE",
                identity={"scope": "local", "key": ["expediente"]},
            ),
        }
        for loc, spec in sent.items():
            for path in ("/v1/sources", "/v1/sources/preview"):
                answer = two.api.post(path, json=spec, headers=key)
                assert answer.status_code == 422, (path, answer.text)
                [problem] = answer.json()["detail"]
                assert tuple(problem["loc"][1:]) == loc, problem
                assert "el sistema usa para sí" in problem["mensaje"], problem
        assert two.api.get("/v1/sources", headers=key).json()["sources"] == []
        own = listing_spec("http://127.0.0.1:9/l", id="local-sentencias", jurisdiction="MX-QUE")
        made = two.api.post("/v1/sources", json=own, headers=key)
        assert made.status_code == 201, made.text
    finally:
        two.library.close()
