"""Absolute links never carry a forged ``Host``: anyone may send any ``Host``, and a cache
in front that does not key by it would hand the forged links to everybody. With
``ABIERTO_PUBLIC_URL`` every link begins with it; without it links take the request's
address and the answer says ``Vary: Host`` (and the service's own answer cache keys by it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.answer_cache import AnswerCache
from api.app import create_app
from api.export import rows as export_rows
from config.settings import Settings
from indexer.library import Library

PUBLIC = "https://estadoabierto.example"
FORGED = {"Host": "atacante.example"}


@pytest.fixture(scope="module")
def public(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("public"), database_url=None, public_url=PUBLIC
    )
    with TestClient(create_app(library, settings)) as client:
        yield client


@pytest.fixture(scope="module")
def unset(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("unset"), database_url=None)
    with TestClient(create_app(library, settings)) as client:
        yield client


def _answers(client: TestClient, doc_id: str) -> dict[str, tuple[str, dict[str, str]]]:
    """Every kind of answer with absolute links, asked with the forged ``Host``."""
    asked = {
        "json": f"/v1/documents/{doc_id}",
        "atom": "/v1/search.atom",
        "csv": "/v1/export.csv?fields=id&fields=page_url",
        "jsonl": "/v1/export.jsonl?fields=id&fields=page_url",
        "html": f"/d/{doc_id}",
    }
    found = {}
    for kind, path in asked.items():
        answer = client.get(path, headers=FORGED)
        assert answer.status_code == 200, (kind, answer.text[:300])
        found[kind] = (answer.text, dict(answer.headers))
    return found


def test_with_a_public_address_no_link_takes_the_forged_host(
    public: TestClient, ids: dict[str, str]
) -> None:
    answers = _answers(public, ids["s1"])
    for kind, (text, headers) in answers.items():
        assert "atacante.example" not in text and PUBLIC in text, kind
        assert "atacante.example" not in headers.get("link", ""), kind
        assert "host" not in headers.get("vary", "").lower(), kind
    assert public.get(f"/v1/documents/{ids['s1']}", headers=FORGED).json()["page_url"] == (
        f"{PUBLIC}/d/{ids['s1']}"
    )
    assert f'<link rel="canonical" href="{PUBLIC}/d/{ids["s1"]}">' in answers["html"][0]
    assert f'<meta property="og:url" content="{PUBLIC}/d/{ids["s1"]}">' in answers["html"][0]
    assert f"{PUBLIC}/documentos/" in answers["atom"][0] and f"{PUBLIC}/d/" in answers["csv"][0]


def test_an_exports_next_part_begins_with_the_public_address(
    public: TestClient, unset: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", 2)
    answer = public.get("/v1/export.jsonl?fields=id", headers=FORGED)
    assert answer.headers["link"].startswith(f"<{PUBLIC}/v1/export.jsonl?"), answer.headers
    answer = unset.get("/v1/export.jsonl?fields=id", headers=FORGED)
    assert answer.headers["link"].startswith("<http://atacante.example/v1/export.jsonl?")
    assert "Host" in answer.headers["vary"]


def test_without_a_public_address_links_take_the_host_and_say_so(
    unset: TestClient, ids: dict[str, str]
) -> None:
    answers = _answers(unset, ids["s1"])
    for kind in ("json", "atom", "csv", "jsonl", "html"):
        text, headers = answers[kind]
        assert "http://atacante.example/d" in text, kind
        assert "Host" in headers.get("vary", ""), kind
    plain = unset.get("/v1/documents/" + ids["s1"])
    assert plain.json()["page_url"] == f"http://testserver/d/{ids['s1']}"
    assert "Host" in plain.headers.get("vary", "")
    # an answer without absolute links does not vary by host
    assert "Host" not in unset.get("/v1/search?q=sentencia").headers.get("vary", "")


def test_the_answer_cache_keys_by_host() -> None:
    # /v1/search answers hold no absolute link today; were one added, a kept answer
    # must not be replayed to another host
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/v1/search",
        "query_string": b"q=x",
        "headers": [(b"host", b"atacante.example")],
    }
    cache = AnswerCache(None, generation=lambda: 1)
    other = {**scope, "headers": [(b"host", b"estadoabierto.example")]}
    assert cache._key(scope) is not None
    assert cache._key(scope) != cache._key(other)
