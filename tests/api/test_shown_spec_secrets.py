"""What holds an institution's key reads its sources' specs, but not the credentials those
specs send to the institution's own sites: they are shown masked (``(oculto)``), in every
answer that shows a spec, while plain values (``Accept``, ``tipo=sentencia``, ``{page}``)
read as they are. A spec read from the API can be sent back as it is: the masked values
stay as stored and the crawler keeps sending them; ``(oculto)`` anywhere else is a 422."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer.db.tables import SourceRow
from tests.adversarial.service import Api, open_api

TOKEN = "Zx81kPq3LmN7vRt2"
PASSWORD = "contrasena-del-portal"
SOURCE = "pj-gto-api"
FORM_SOURCE = "pj-gto-lista"


def _api_spec(token: str = TOKEN) -> dict[str, Any]:
    return {
        "id": SOURCE, "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": [f"http://127.0.0.1:9/api?clave={PASSWORD}&formato=json"],
        "json_api": {
            "records": "resultados", "link": "/documento/{id}",
            "headers": {"Authorization": f"Bearer {token}", "Accept": "application/json"},
            "params": {"api_key": token, "acceso": f"{token}9", "tipo": "sentencia",
                       "pagina": "{page}", "tamano": 50},
        },
    }  # fmt: skip


def _form_spec() -> dict[str, Any]:
    return {
        "id": FORM_SOURCE, "kind": "sentencia", "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:9/lista"],
        "listing": {
            "items": "css:tr", "link": "css:a::attr(href)",
            "next_form": {"form": "css:form", "click": "btnSiguiente",
                          "data": {"txtContrasena": PASSWORD, "txtPagina": "{page}"}},
        },
    }  # fmt: skip


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    made = open_api(tmp_path, write_rate_per_minute=1000)
    yield made
    made.close()


def _stored(api: Api, source_id: str) -> dict[str, Any]:
    with api.library.db.session() as s:
        row = s.get(SourceRow, source_id)
        assert row is not None
        return row.spec


def test_every_answer_showing_a_spec_masks_its_credentials(api: Api) -> None:
    created = api.client.post("/v1/sources", json=_api_spec(), headers=api.headers)
    assert created.status_code == 201, created.text
    form = api.client.post("/v1/sources", json=_form_spec(), headers=api.headers)
    assert form.status_code == 201, form.text
    answers = [
        created,
        form,
        api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers),
        api.client.get("/v1/sources", headers=api.headers),
        api.client.post(f"/v1/sources/{SOURCE}/pause", headers=api.headers),
    ]
    for answer in answers:
        assert answer.status_code < 300, answer.text
        assert TOKEN not in answer.text and PASSWORD not in answer.text, answer.text
    shown = answers[2].json()["spec"]
    assert shown["start_urls"] == ["http://127.0.0.1:9/api?clave=(oculto)&formato=json"]
    assert shown["json_api"]["headers"] == {
        "Authorization": "(oculto)",
        "Accept": "application/json",
    }
    assert shown["json_api"]["params"] == {
        "api_key": "(oculto)", "acceso": "(oculto)", "tipo": "sentencia", "pagina": "{page}",
        "tamano": 50,
    }  # fmt: skip
    data = form.json()["spec"]["listing"]["next_form"]["data"]
    assert data == {"txtContrasena": "(oculto)", "txtPagina": "{page}"}
    # what the crawler sends is kept whole
    assert _stored(api, SOURCE)["json_api"]["params"]["api_key"] == TOKEN


def test_a_spec_sent_back_as_read_keeps_its_credentials(api: Api) -> None:
    assert api.client.post("/v1/sources", json=_api_spec(), headers=api.headers).status_code == 201
    assert api.client.post("/v1/sources", json=_form_spec(), headers=api.headers).status_code == 201
    for source_id in (SOURCE, FORM_SOURCE):
        before = _stored(api, source_id)
        read = api.client.get(f"/v1/sources/{source_id}", headers=api.headers).json()["spec"]
        read["description"] = "Sentencias públicas"
        put = api.client.put(f"/v1/sources/{source_id}", json=read, headers=api.headers)
        assert put.status_code == 200, put.text
        after = _stored(api, source_id)
        assert after == before | {"description": "Sentencias públicas"}
        assert TOKEN not in put.text and PASSWORD not in put.text


def test_a_new_value_in_place_of_the_mask_replaces_the_credential(api: Api) -> None:
    assert api.client.post("/v1/sources", json=_api_spec(), headers=api.headers).status_code == 201
    read = api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers).json()["spec"]
    read["json_api"]["headers"]["Authorization"] = "Bearer Nu3voToken2027xyz"
    put = api.client.put(f"/v1/sources/{SOURCE}", json=read, headers=api.headers)
    assert put.status_code == 200, put.text
    stored = _stored(api, SOURCE)["json_api"]
    assert stored["headers"]["Authorization"] == "Bearer Nu3voToken2027xyz"
    assert stored["params"]["api_key"] == TOKEN  # still masked when sent back: kept


@pytest.mark.parametrize("where", ["new", "moved", "edited"])
def test_a_mask_standing_for_nothing_is_a_422_naming_the_field(api: Api, where: str) -> None:
    """A mask is the stored value only where the API showed it: in a new source, or at a
    place the stored spec masks nothing, or edited, it would send the text «(oculto)»
    to the site as a key."""
    spec = _api_spec()
    if where == "new":
        spec["json_api"]["headers"]["Authorization"] = "(oculto)"
        answer = api.client.post("/v1/sources", json=spec, headers=api.headers)
        loc = ["body", "json_api", "headers", "Authorization"]
    else:
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        read = api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers).json()["spec"]
        if where == "moved":
            read["json_api"]["headers"]["X-Api-Key"] = "(oculto)"
            loc = ["body", "json_api", "headers", "X-Api-Key"]
        else:
            read["json_api"]["params"]["api_key"] = "(oculto)2"
            loc = ["body", "json_api", "params", "api_key"]
        answer = api.client.put(f"/v1/sources/{SOURCE}", json=read, headers=api.headers)
    assert answer.status_code == 422, answer.text
    [problem] = answer.json()["detail"]
    assert problem["loc"] == loc
    assert "(oculto)" in problem["mensaje"] and "escriba el valor" in problem["mensaje"]
    if where != "new":
        assert _stored(api, SOURCE) == json.loads(json.dumps(_stored(api, SOURCE)))
        assert _stored(api, SOURCE)["json_api"]["params"]["api_key"] == TOKEN


def test_a_preview_of_a_spec_as_read_uses_the_stored_credentials(api: Api) -> None:
    assert api.client.post("/v1/sources", json=_form_spec(), headers=api.headers).status_code == 201
    read = api.client.get(f"/v1/sources/{FORM_SOURCE}", headers=api.headers).json()["spec"]
    answer = api.client.post("/v1/sources/preview", json=read, headers=api.headers)
    assert answer.status_code == 200, answer.text
    assert PASSWORD not in answer.text


@pytest.mark.parametrize(
    "change",
    [
        {"start_urls": ["http://127.0.0.1:8/api"]},  # another port: another site
        {"start_urls": ["http://127.0.0.1:9/api", "https://recolector.example/api"]},
        {"allowed_domains": ["recolector.example"]},
        {"json_api": "link"},  # (made below) documents fetched from another site
    ],
    ids=["start-url", "one-more-url", "domain", "link"],
)
def test_a_masked_key_never_goes_to_a_site_the_spec_did_not_name(
    api: Api, change: dict[str, Any]
) -> None:
    """Whoever holds the institution's key cannot read a masked key, nor have the
    crawler carry it to their own site by sending the spec back with their address."""
    assert api.client.post("/v1/sources", json=_api_spec(), headers=api.headers).status_code == 201
    before = _stored(api, SOURCE)
    read = api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers).json()["spec"]
    if change == {"json_api": "link"}:
        change = {"json_api": read["json_api"] | {"link": "//recolector.example/d/{id}"}}
    answer = api.client.put(f"/v1/sources/{SOURCE}", json=read | change, headers=api.headers)
    assert answer.status_code == 422, answer.text
    problem = answer.json()["detail"][0]
    assert problem["loc"][:2] == ["body", "start_urls"] or problem["loc"][:2] == [
        "body",
        "json_api",
    ], problem
    assert "escriba de nuevo el valor oculto" in problem["mensaje"], problem
    assert _stored(api, SOURCE) == before
    if "allowed_domains" in change:
        return  # (127.0.0.1 would be outside them: no spec to write again)
    # written again, the key may go there
    read = read | change
    read["start_urls"] = [u.replace("(oculto)", PASSWORD) for u in read["start_urls"]]
    read["json_api"]["headers"]["Authorization"] = f"Bearer {TOKEN}"
    read["json_api"]["params"] |= {"api_key": TOKEN, "acceso": f"{TOKEN}9"}
    again = api.client.put(f"/v1/sources/{SOURCE}", json=read, headers=api.headers)
    assert again.status_code == 200, again.text
