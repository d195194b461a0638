"""A key written twice in one object of a spec or an alert: JSON and PyYAML keep the last
silently, so a second ``listing`` block replaced the first unseen (its link selector lost,
the spec still valid), a body's second ``start_urls`` the first, an alert's second ``q``
the first. Now the API answers a Spanish 422 naming the key where it is, and a spec file
is skipped saying where."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.spec_yaml import load_yaml
from config.specs import read_specs
from tests.adversarial.service import Api, listing_spec, open_api


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    opened = open_api(tmp_path_factory.mktemp("data"))
    yield opened
    opened.close()


def _twice(key: str, inner: bool = False) -> bytes:
    """A registration whose JSON writes ``key`` twice (in ``listing`` if ``inner``)."""
    text = json.dumps(listing_spec("http://127.0.0.1:9/a"))
    if inner:
        return text.replace('"items":', f'"{key}": "css:p", "items":').encode()
    return text.replace('"id":', f'"{key}": ["http://127.0.0.1:9/b"], "id":').encode()


@pytest.mark.parametrize(("body", "key"), [(_twice("start_urls"), "start_urls"),
                                           (_twice("link", inner=True), "link")])  # fmt: skip
@pytest.mark.parametrize("route", ["/v1/sources", "/v1/sources/preview"])
def test_a_key_written_twice_in_a_body_is_refused(
    api: Api, route: str, body: bytes, key: str
) -> None:
    headers = api.headers | {"Content-Type": "application/json"}
    answer = api.client.post(route, content=body, headers=headers)
    assert answer.status_code == 422, answer.text[:300]
    [problem] = answer.json()["detail"]
    assert problem["type"] == "duplicate_key"
    assert problem["loc"][-1] == key
    assert (
        problem["mensaje"]
        == f"la clave «{key}» se escribió dos veces en el mismo objeto: déjela una vez"
    )
    assert api.client.get("/v1/sources", headers=api.headers).json()["sources"] == []


def test_a_key_written_twice_in_an_alert_is_refused(api: Api) -> None:
    body = b'{"query": {"q": "amparo", "q": "divorcio"}, "delivery": {"webhook": "http://127.0.0.1:9/h"}}'
    headers = api.headers | {"Content-Type": "application/json"}
    answer = api.client.post("/v1/alerts", content=body, headers=headers)
    assert answer.status_code == 422, answer.text[:300]
    [problem] = answer.json()["detail"]
    assert problem["type"] == "duplicate_key" and problem["loc"] == ["body", "query", "q"]
    assert api.client.get("/v1/alerts", headers=api.headers).json()["alerts"] == []


def test_a_spec_file_with_a_block_written_twice_is_skipped_saying_where(tmp_path: Path) -> None:
    (tmp_path / "doble.yaml").write_text(
        "id: prueba-doble\nkind: sentencia\n"
        "institution: Poder Judicial del Estado de Guanajuato\njurisdiction: MX-GUA\n"
        'start_urls: ["https://ejemplo.gob.mx/a"]\n'
        'listing:\n  items: "css:li"\n  link: "css:a::attr(href)"\n'
        'listing:\n  items: "css:tr"\n',
        encoding="utf-8",
    )
    specs, skipped = read_specs(tmp_path)
    assert specs == []
    [why] = skipped
    assert "línea 9, columna 1: la clave «listing» se escribió dos veces" in why


def test_a_merge_may_still_be_overridden() -> None:
    text = "comun: &comun {kind: sentencia, jurisdiction: MX-GUA}\n"
    text += "fuente:\n  <<: *comun\n  kind: legislativo\n"
    assert load_yaml(text)["fuente"] == {"kind": "legislativo", "jurisdiction": "MX-GUA"}
