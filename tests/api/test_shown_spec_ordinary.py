"""A long ordinary value a spec sends a site (a path, a CSS selector, a field name, a
phrase) reads as it is in ``GET /v1/sources``, so the spec still reads and a ``PUT`` of it
as read changes nothing unseen; a value shaped as a key (hex, base64, a JWT, an
``sk_live_…`` token) is masked as ``(oculto)`` wherever it stands, under any name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer.db.tables import SourceRow
from tests.adversarial.service import Api, open_api

SOURCE = "pj-gto-api"
ORDINARY = {
    "ruta": "/transparencia/2024/sentencias-publicas-primera-instancia",
    "selector": "div.resultado:nth-child(2) > a.enlace-documento",
    "campo": "sentencias_2024_primera_sala",
    "frase": "Sesión ordinaria del 12 de diciembre de 2024, LXVI_Legislatura",
    "expediente": "AR-1234/2024-PRIMERA-SALA",
    "juego": "utf8mb4_unicode_ci",
}
KEYS = {
    "p1": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",  # hex (a digest, a key)
    "p2": "q3F+9xZk/8mNpL2wR7tYc0Lh5sQ==",  # base64
    "p3": "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "p4": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9Pl",
    "p5": "550e8400-e29b-41d4-a716-446655440000",
    "p6": "AKIAIOSFODNN7EXAMPLE",
}


def _spec(params: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    return {
        "id": SOURCE, "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": ["http://127.0.0.1:9/api"],
        "json_api": {"records": "resultados", "link": "/documento/{id}",
                     "headers": headers, "params": params},
    }  # fmt: skip


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    made = open_api(tmp_path, write_rate_per_minute=1000)
    yield made
    made.close()


def _stored(api: Api) -> dict[str, Any]:
    with api.library.db.session() as s:
        row = s.get(SourceRow, SOURCE)
        assert row is not None
        return row.spec


def test_long_ordinary_values_read_as_they_are_and_survive_a_put(api: Api) -> None:
    headers = {"X-Referer-Path": ORDINARY["ruta"], "Accept": "application/json"}
    made = api.client.post("/v1/sources", json=_spec(ORDINARY, headers), headers=api.headers)
    assert made.status_code == 201, made.text
    shown = api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers).json()["spec"]
    assert shown["json_api"]["params"] == ORDINARY
    assert shown["json_api"]["headers"] == headers
    shown["json_api"]["params"]["tipo"] = "sentencia"
    put = api.client.put(f"/v1/sources/{SOURCE}", json=shown, headers=api.headers)
    assert put.status_code == 200, put.text
    assert _stored(api)["json_api"]["params"] == ORDINARY | {"tipo": "sentencia"}


def test_values_shaped_as_keys_are_masked_under_any_name(api: Api) -> None:
    headers = {"X-Cliente": KEYS["p3"], "Accept": "application/json"}
    made = api.client.post("/v1/sources", json=_spec(KEYS, headers), headers=api.headers)
    assert made.status_code == 201, made.text
    answer = api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers)
    for key in KEYS.values():
        assert key not in answer.text
    shown = answer.json()["spec"]["json_api"]
    assert shown["params"] == dict.fromkeys(KEYS, "(oculto)")
    assert shown["headers"] == {"X-Cliente": "(oculto)", "Accept": "application/json"}
    put = api.client.put(f"/v1/sources/{SOURCE}", json=answer.json()["spec"], headers=api.headers)
    assert put.status_code == 200, put.text
    assert _stored(api)["json_api"]["params"] == KEYS
