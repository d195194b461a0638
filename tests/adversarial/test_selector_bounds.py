"""Selectors are bounded when a spec is read: one whose translation nests past Python's
recursion limit (800 CSS combinators) was a 500; one of many kilobytes is no selector a
site needs. Both are a 422 naming the field, and the spec is not stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from config.selector import MAX_SELECTOR_CHARS, Selector
from tests.adversarial.service import Api, listing_spec, open_api

HOSTILE = {
    "descendants": "css:" + "a " * 900,
    "children": "css:" + "a > " * 600 + "b",
    "long xpath": "xpath://a[" + " or ".join(f"@id='{n}'" for n in range(400)) + "]",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    api = open_api(tmp_path_factory.mktemp("data"))
    yield api
    api.close()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_selector_is_a_value_error(name: str) -> None:
    with pytest.raises(ValueError, match="selector"):
        Selector(select=HOSTILE[name])


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_the_api_answers_422_naming_the_selector(service: Api, path: str, name: str) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-selector")
    spec["listing"]["items"] = HOSTILE[name]
    response = service.client.post(path, json=spec, headers=service.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"][:3] == ["body", "listing", "items"] and problem["mensaje"]
    assert (
        service.client.get("/v1/sources/pj-gto-selector", headers=service.headers).status_code
        == 404
    )


def test_a_long_but_ordinary_selector_is_kept() -> None:
    ordinary = "css:" + ", ".join(f"table.t{n} td.fecha::text" for n in range(40))
    assert len(ordinary) < MAX_SELECTOR_CHARS
    assert Selector(select=ordinary).engine == "css"


def test_a_spec_file_with_one_names_the_file(tmp_path: Path) -> None:
    from config.specs import SpecError, load_spec

    path = tmp_path / "hondo.yaml"
    path.write_text(
        "id: hondo-selector\nkind: sentencia\ninstitution: Poder Judicial\n"
        "jurisdiction: MX-GUA\nstart_urls: ['https://pj.gob.mx/lista']\n"
        f"listing: {{items: '{HOSTILE['descendants']}', link: 'css:a::attr(href)'}}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError, match=r"hondo\.yaml"):
        load_spec(path)
