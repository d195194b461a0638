"""An institution's refused attempts on another's source are written to that source's
audit; the audit listed only its newest 100 entries, so 150 such attempts (a few minutes
at the write rate) pushed the owner's own entries out of view. Now it is paged, and the
owner can list their own entries apart from others' refusals, which stay counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from tests.adversarial.service import Api, gaceta_spec, open_api
from tests.uvicorn_thread import serving

SOURCE = "pj-gto-gaceta"
ATTEMPTS = 150


@pytest.fixture(scope="module")
def flooded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Api]]:
    api = open_api(
        tmp_path_factory.mktemp("data"),
        write_rate_per_minute=1000,
        source_read_rate_per_minute=1000,
    )
    api.registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    _, other = api.registry.issue_key("congreso-gto")
    stranger = {"Authorization": f"Bearer {other}"}
    with serving(create_app(api.library, api.settings)) as url, httpx.Client(base_url=url) as c:
        made = c.post("/v1/sources", json=gaceta_spec(SOURCE), headers=api.headers)
        assert made.status_code == 201, made.text
        assert c.post(f"/v1/sources/{SOURCE}/pause", headers=api.headers).status_code == 200
        for _ in range(ATTEMPTS):
            assert c.get(f"/v1/sources/{SOURCE}", headers=stranger).status_code == 404
        yield url, api
    api.close()


def _audit(url: str, api: Api, **params: Any) -> dict[str, Any]:
    answer = httpx.get(f"{url}/v1/sources/{SOURCE}/audit", params=params, headers=api.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_owners_entries_are_listed_apart_from_others_refusals(
    flooded: tuple[str, Api],
) -> None:
    url, api = flooded
    newest = _audit(url, api)
    assert {e["action"] for e in newest["entries"]} == {"refused_read"}  # out of view
    own = _audit(url, api, who="own")
    assert [e["action"] for e in own["entries"]] == ["pause", "create"]
    assert all(e["key_id"] and e["client"] for e in own["entries"])
    others = _audit(url, api, who="others", limit=200)
    # attempts faster than they are noted one by one come as one entry that counts them
    assert sum(e["attempts"] for e in others["entries"]) == ATTEMPTS
    assert others["next_before"] is None
    assert {(e["institution_id"], e["key_id"]) for e in others["entries"]} == {
        ("congreso-gto", None)
    }


def test_every_entry_is_reached_page_by_page(flooded: tuple[str, Api]) -> None:
    url, api = flooded
    seen: list[int] = []
    times: list[str] = []
    attempts = 0
    page = _audit(url, api, limit=40)
    while True:
        seen += [e["id"] for e in page["entries"]]
        times += [e["at"] for e in page["entries"]]
        attempts += sum(e["attempts"] for e in page["entries"])
        if page["next_before"] is None:
            break
        assert page["next_url"].endswith(f"before={page['next_before']}")
        page = httpx.get(url + page["next_url"], headers=api.headers).json()
    assert len(seen) == len(set(seen)) and attempts == ATTEMPTS + 2
    # newest first (the numbers shown are opaque: ``test_audit_numbers``)
    assert [dt.datetime.fromisoformat(t) for t in times] == sorted(
        (dt.datetime.fromisoformat(t) for t in times), reverse=True
    )


@pytest.mark.parametrize("params", [{"limit": 201}, {"limit": 0}, {"who": "todos"}])
def test_a_page_past_the_bounds_is_a_422(flooded: tuple[str, Api], params: dict[str, Any]) -> None:
    url, api = flooded
    answer = httpx.get(f"{url}/v1/sources/{SOURCE}/audit", params=params, headers=api.headers)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["mensaje"]
