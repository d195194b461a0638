"""A name that the server's own resolver maps to an address of its network (``postgres``
and ``elasticsearch`` in the compose deployment, a split-horizon zone, /etc/hosts) is
refused, and the refusal does not say which address: whoever holds a key (an
institution's, or a reader's, which anyone with an e-mail address gets) would read the
server's internal network off the 422s one name at a time. ``localhost`` stands for
such a name here: it resolves to 127.0.0.1 on every machine, and loopback is refused
when ``allow_loopback`` is off."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from crawlers.causas import error_mensaje
from indexer.db.reader_keys import ReaderKeys
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.service import listing_spec

NAME = "localhost"
SECRETS = ("127.0.0.1", "::1")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"), allow_loopback=False, write_rate_per_minute=1000
    )
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court", "MX-GUA")
    _, key = registry.issue_key("pj-gto")
    with TestClient(create_app(library, settings)) as client:
        yield client, {"Authorization": f"Bearer {key}"}
    library.close()


def _hidden(answer: Any) -> dict[str, Any]:
    assert answer.status_code == 422, answer.text
    assert NAME in answer.text  # the name asked for is said, and why
    for secret in SECRETS:
        assert secret not in answer.text, answer.text
    return answer.json()


@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_start_address_refused_does_not_say_where_the_name_leads(
    api: tuple[TestClient, dict[str, str]], path: str
) -> None:
    client, key = api
    body = _hidden(client.post(path, json=listing_spec(f"http://{NAME}:8080/"), headers=key))
    [problem] = body["detail"]
    assert problem["loc"] == ["body", "start_urls", 0]
    assert "público" in problem["mensaje"]


def test_a_webhook_refused_does_not_say_where_the_name_leads(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, key = api
    hook = {"query": {"q": "amparo"}, "delivery": {"webhook": f"http://{NAME}:9200/_cat"}}
    body = _hidden(client.post("/v1/alerts", json=hook, headers=key))
    [problem] = body["detail"]
    assert problem["mensaje"] == (  # in Spanish, as the rest of the answer
        f"no se admite esa dirección de webhook: {NAME} apunta a una dirección local (loopback)"
    )


def test_a_reader_key_learns_no_internal_address_either(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, _ = api
    library: Library = client.app.state.library  # type: ignore[attr-defined]
    _, reader = ReaderKeys(library.db).issue("Ana", "ana@ejemplo.mx")
    hook = {"query": {"q": "amparo"}, "delivery": {"webhook": f"http://{NAME}:5432/"}}
    _hidden(client.post("/v1/alerts", json=hook, headers={"Authorization": f"Bearer {reader}"}))


def test_a_crawls_error_and_its_spanish_say_the_kind_of_address_only() -> None:
    """The crawl's guard words it the same way; a run recorded before (with the address)
    is still said in Spanish."""
    from crawlers.addresses import BlockedAddress, check_url

    with pytest.raises(BlockedAddress) as refused:
        check_url(f"http://{NAME}:8080/lista.html", allow_loopback=False)
    message = f"blocked address: {refused.value}"
    assert not any(secret in message for secret in SECRETS), message
    said = error_mensaje("blocked_address", message)
    assert said == f"dirección no permitida: {NAME} apunta a una dirección local (loopback)", said
    old = "blocked address: interno.ejemplo resolves to 10.0.0.7, a private address"
    assert error_mensaje("blocked_address", old) == (
        "dirección no permitida: interno.ejemplo apunta a una dirección privada"
    )
