"""A JSON body written with a UTF-8 byte-order mark, or in UTF-16 or UTF-32 (which JSON
readers, Python's and FastAPI's, take as readily as UTF-8): the checks every body goes
through (a key written twice, NUL or a lone surrogate, which no database stores as text)
looked only at bodies starting with ``{`` or ``[`` byte for byte, so such a body slipped
past them: a spec with two ``listing`` kept the last unseen and one with NUL was stored
(a 500 on PostgreSQL). Over a real server on 127.0.0.1, every encoding is now refused
alike, and an ordinary body in any of them is still read."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx
import pytest

from api.app import create_app
from tests.adversarial.service import Api, listing_spec, open_api
from tests.uvicorn_thread import serving

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8 with its mark": lambda text: b"\xef\xbb\xbf" + text.encode(),
    "utf-16": lambda text: text.encode("utf-16"),
    "utf-16-be without mark": lambda text: text.encode("utf-16-be"),
    "utf-32": lambda text: text.encode("utf-32"),
}
HOOK = "http://127.0.0.1:9/gancho"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Api]]:
    api = open_api(
        tmp_path_factory.mktemp("data"), write_rate_per_minute=1_000, alert_rate_per_minute=1_000
    )
    with serving(create_app(api.library, api.settings)) as url:
        yield url, api
    api.close()


def _post(served: tuple[str, Api], path: str, body: bytes) -> httpx.Response:
    url, api = served
    headers = api.headers | {"Content-Type": "application/json"}
    return httpx.post(f"{url}{path}", content=body, headers=headers, timeout=30)


def _spec_twice(source_id: str) -> str:
    """A spec whose ``listing`` is written twice: JSON keeps the second silently."""
    text = json.dumps(listing_spec("http://127.0.0.1:9/", id=source_id))
    return text[:-1] + ', "listing": {"items": "css:p", "link": "css:a::attr(href)"}}'


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_key_written_twice_is_refused_in_every_encoding(
    served: tuple[str, Api], encoding: str, path: str
) -> None:
    answer = _post(served, path, ENCODINGS[encoding](_spec_twice("pj-gto-doble")))
    assert answer.status_code == 422, answer.text[:300]
    problem = answer.json()["detail"][0]
    assert problem["type"] == "duplicate_key" and problem["loc"] == ["body", "listing"]
    assert "dos veces" in problem["mensaje"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_an_alert_with_two_deliveries_is_refused_in_every_encoding(
    served: tuple[str, Api], encoding: str
) -> None:
    once = json.dumps({"query": {"q": "amparo"}, "delivery": {"webhook": f"{HOOK}/a"}})
    text = once[:-1] + f', "delivery": {{"webhook": "{HOOK}/b"}}}}'
    answer = _post(served, "/v1/alerts", ENCODINGS[encoding](text))
    assert answer.status_code == 422, answer.text[:300]
    assert answer.json()["detail"][0]["type"] == "duplicate_key"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("written", ["\\u0000", "\\ud800"])
def test_unstorable_text_is_refused_in_every_encoding(
    served: tuple[str, Api], encoding: str, written: str
) -> None:
    """NUL was stored in an alert's search (and its webhook address); a lone surrogate
    was a 500."""
    text = json.dumps({"query": {"q": "amparo@"}, "delivery": {"webhook": HOOK}})
    text = text.replace("@", written)
    answer = _post(served, "/v1/alerts", ENCODINGS[encoding](text))
    assert answer.status_code == 422, answer.text[:300]
    problem = answer.json()["detail"][0]
    assert problem["loc"] == ["body", "query", "q"] and problem["mensaje"], problem


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_an_ordinary_body_is_read_in_every_encoding(served: tuple[str, Api], encoding: str) -> None:
    text = json.dumps({"query": {"q": "amparo"}, "delivery": {"webhook": HOOK}})
    answer = _post(served, "/v1/alerts", ENCODINGS[encoding](text))
    assert answer.status_code == 201, answer.text[:300]
