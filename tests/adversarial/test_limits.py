"""Write budgets belong to keys: behind one reverse proxy, one institution cannot spend
another's. The client address comes from X-Forwarded-For only through trusted proxies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from starlette.requests import Request

from api.app import create_app
from api.auth import client_address
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library


def _spec(source_id: str) -> dict[str, Any]:
    return {
        "id": source_id,
        "kind": "legislativo",
        "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:9/gaceta/"],
        "listing": {"items": "css:article", "link": "css:a::attr(href)"},
    }


def test_one_institution_cannot_spend_anothers_write_budget(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, allow_loopback=True, write_rate_per_minute=3)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    registry.add_institution("pj-gto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
    congreso, tribunal = (
        {"Authorization": f"Bearer {registry.issue_key(i)[1]}"} for i in ("congreso-gto", "pj-gto")
    )
    api = TestClient(create_app(library, settings))  # every call from one address
    for n in range(3):
        made = api.post("/v1/sources", json=_spec(f"congreso-gto-f{n}"), headers=congreso)
        assert made.status_code == 201, made.text
    assert (
        api.post("/v1/sources", json=_spec("congreso-gto-f9"), headers=congreso).status_code == 429
    )
    for n in range(3):
        made = api.post("/v1/sources", json=_spec(f"pj-gto-f{n}"), headers=tribunal)
        assert made.status_code == 201, made.text
    assert api.post("/v1/sources", json=_spec("pj-gto-f9"), headers=tribunal).status_code == 429
    library.close()


def test_calls_without_a_valid_key_spend_their_address_budget(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, write_rate_per_minute=3)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    valid = {"Authorization": f"Bearer {registry.issue_key('congreso-gto')[1]}"}
    api = TestClient(create_app(library, settings))
    guesses = [api.get("/v1/sources", headers={"Authorization": f"Bearer ea_x_{n}"})
               for n in range(5)]  # fmt: skip
    assert [r.status_code for r in guesses] == [401, 401, 401, 429, 429]
    assert int(guesses[-1].headers["retry-after"]) >= 1
    assert api.get("/v1/sources").status_code == 429
    assert api.get("/v1/sources", headers=valid).status_code == 200
    library.close()


def _request(peer: str, forwarded: list[str], proxies: str) -> Request:
    app = FastAPI()
    app.state.settings = Settings(trusted_proxies=proxies)
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    scope = {"type": "http", "client": (peer, 50000), "headers": headers, "app": app}
    return Request(scope)


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "client"),
    [
        # No proxy configured: the header is anyone's to forge.
        ("203.0.113.7", ["198.51.100.1"], "", "203.0.113.7"),
        # A peer that is not a configured proxy: ignored too.
        ("203.0.113.7", ["198.51.100.1"], "10.0.0.0/8", "203.0.113.7"),
        # Through the proxy: the address it saw.
        ("10.0.0.5", ["198.51.100.1"], "10.0.0.0/8", "198.51.100.1"),
        # A forged left part: the right-most untrusted address wins.
        ("10.0.0.5", ["1.2.3.4, 198.51.100.1"], "10.0.0.0/8", "198.51.100.1"),
        # Two proxies in a chain, one header each.
        ("10.0.0.5", ["1.2.3.4, 198.51.100.1", "10.0.0.9"], "10.0.0.0/8", "198.51.100.1"),
        # Garbage right of a trusted hop: the last hop we can vouch for.
        ("10.0.0.5", ["198.51.100.1, nonsense"], "10.0.0.0/8", "10.0.0.5"),
        # IPv6 proxies by address.
        ("2001:db8::2", ["2001:db8:1::9"], "2001:db8::2", "2001:db8:1::9"),
    ],
)
def test_forwarded_for_is_believed_only_from_trusted_proxies(
    peer: str, forwarded: list[str], proxies: str, client: str
) -> None:
    assert client_address(_request(peer, forwarded, proxies)) == client


def test_a_malformed_proxy_list_is_a_clear_settings_error() -> None:
    with pytest.raises(
        ValidationError, match=re.escape("'10.0.0.0/33' is not an IP address or CIDR")
    ):
        Settings(trusted_proxies="10.0.0.5, 10.0.0.0/33")
