"""A JSON API that reads a posted form, not a JSON body: a DataTables table loaded
"server side" posts its fields form-encoded (draw, start, length, ``search[value]``
empty, the order) and its PHP endpoint reads ``$_POST``; a JSON body finds it empty and
gets no records. The spec's ``json_api.form`` is sent as the table's script sends it,
paged by offset to the total (``recordsTotal``, a string). The case
``tests/fixtures/json_api/datatables-post`` (served on 127.0.0.1, crawled with ``abierto
crawl``); its ``expected.json`` holds every field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from config.specs import SpecError, load_spec
from indexer.db.audited_spec import audited_spec
from tests.shapes.harness import FIXTURES, Case, crawl_cases

CASE = Case(FIXTURES / "json_api" / "datatables-post")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("datatables"))[CASE.name]


def test_every_row_of_the_posted_table_is_a_sentence(found: dict[str, Any]) -> None:
    docs = {d["expediente"]: d for d in found["documents"]}
    assert sorted(docs) == sorted(
        f"Expediente {n}" for n in ("1203/2022", "455/2021", "78/2023", "990/2022", "31/2023")
    )
    assert docs["Expediente 1203/2022"]["resolution_date"] == "2023-03-18"
    assert all(len(d["files"]) == 1 for d in docs.values())
    run = found["runs"]["fixture-datatables-post"]
    assert run["status"] == "ok" and run["errors"] == {} and run["items"] == 5


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected


def _spec(tmp_path: Path, json_api: dict[str, Any]) -> Path:
    data = {"id": "formulario", "kind": "sentencia", "shape": "json_api",
            "institution": "Poder Judicial", "jurisdiction": "MX",
            "start_urls": ["https://pj.example.gob.mx/listado.php"],
            "json_api": {"records": "data", "link": "{archivo}"} | json_api}  # fmt: skip
    path = tmp_path / "formulario.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_form_with_a_body_or_without_post_is_refused_in_spanish(tmp_path: Path) -> None:
    both = {"method": "POST", "form": {"start": "{offset}"}, "body": {"page": "{page}"}}
    with pytest.raises(SpecError, match="no ambos"):
        load_spec(_spec(tmp_path, both))
    with pytest.raises(SpecError, match="ponga method: POST"):
        load_spec(_spec(tmp_path, {"form": {"start": "{offset}"}}))


def test_a_forms_fixed_values_are_hidden_in_the_audit_log() -> None:
    spec = {"json_api": {"method": "POST", "form": {"start": "{offset}", "usuario": "portal-7"}}}
    kept = json.dumps(audited_spec(spec))
    assert "portal-7" not in kept and "{offset}" in kept
