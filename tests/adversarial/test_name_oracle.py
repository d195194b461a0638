"""Whether a name exists inside the server's network is not told to a caller: a name the
server's resolver maps to one of its own addresses (``postgres`` in the compose network,
a split-horizon zone, /etc/hosts) gets, on every route that checks an address (a source's
start addresses, its preview, an alert's webhook, the crawl's own guard), the very answer
a name that resolves to nothing gets. Refusing the first and taking the second let anyone
with a key (a reader's key is had for an e-mail address) probe names one at a time. The
operator still reads why in the server's log.

The machine's own host name stands for an internal name: /etc/hosts maps it, usually to
a loopback or private address (the test skips where it maps to a public one)."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from crawlers.addresses import BlockedAddress, UnresolvableHost, check_url, forbidden_reason
from crawlers.fetch import FetchError, pinned_target
from indexer.db.reader_keys import ReaderKeys
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.service import listing_spec

MISSING = "nombre-que-no-existe.invalid"
SECONDS = re.compile(r'"(\w+_s)":[0-9.]+')  # how long it took differs from run to run


def _internal_name() -> str:
    name = socket.gethostname()
    try:
        found = {info[4][0] for info in socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)}
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if name.lower().rstrip(".") == "localhost" or not any(
        forbidden_reason(ipaddress.ip_address(a.split("%")[0])) for a in found
    ):
        pytest.skip(f"this machine's name {name!r} is not an internal one: {found}")
    return name


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


def _same(inside: Any, missing: Any, name: str) -> None:
    """Two answers alike once the name asked for is swapped."""
    assert inside.status_code == missing.status_code, (inside.text, missing.text)
    said = [SECONDS.sub(r'"\1":0', a.text) for a in (inside, missing)]
    assert said[0].replace(name, "NOMBRE") == said[1].replace(MISSING, "NOMBRE")


def test_a_start_address_inside_reads_as_one_that_does_not_exist(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, key = api
    name = _internal_name()
    for n, host in enumerate((name, MISSING)):
        spec = listing_spec(f"http://{host}:5432/", id=f"pj-gto-nombre-{n}")
        assert client.post("/v1/sources", json=spec, headers=key).status_code == 201
    spec = listing_spec(f"http://{name}:5432/", id="pj-gto-otra")
    inside = client.put("/v1/sources/pj-gto-otra", json=spec, headers=key)
    spec["start_urls"] = [f"http://{MISSING}:5432/"]
    missing = client.put("/v1/sources/pj-gto-otra", json=spec, headers=key)
    assert inside.status_code == missing.status_code


def test_a_preview_inside_reads_as_one_that_does_not_exist(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, key = api
    name = _internal_name()
    answers = [
        client.post("/v1/sources/preview", json=listing_spec(f"http://{host}:8080/"), headers=key)
        for host in (name, MISSING)
    ]
    _same(*answers, name)
    assert "privad" not in answers[0].text and "local" not in answers[0].text


@pytest.mark.parametrize("reader", [False, True])
def test_a_webhook_inside_reads_as_one_that_does_not_exist(
    api: tuple[TestClient, dict[str, str]], reader: bool
) -> None:
    client, key = api
    name = _internal_name()
    if reader:
        library: Library = client.app.state.library  # type: ignore[attr-defined]
        _, token = ReaderKeys(library.db).issue("Ana", "ana@ejemplo.mx")
        key = {"Authorization": f"Bearer {token}"}
    answers = []
    for host in (name, MISSING):
        hook = {"query": {"q": "amparo"}, "delivery": {"webhook": f"http://{host}:9200/_cat"}}
        answers.append(client.post("/v1/alerts", json=hook, headers=key))
    _same(*answers, name)
    assert answers[0].status_code == 422
    assert "pública" in answers[0].json()["detail"][0]["mensaje"]


def test_the_crawls_guard_says_the_same_and_the_log_says_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    name = _internal_name()
    said = []
    with caplog.at_level(logging.INFO, logger="crawlers.addresses"):
        for host in (name, MISSING):
            with pytest.raises(BlockedAddress) as refused:
                check_url(f"http://{host}:8080/lista.html", allow_loopback=False)
            assert isinstance(refused.value, UnresolvableHost)
            said.append(str(refused.value).replace(host, "NOMBRE"))
            with pytest.raises(FetchError) as failed:
                pinned_target(f"http://{host}:8080/lista.html", False)
            said.append((failed.value.cause, str(failed.value).replace(host, "NOMBRE")))
    assert said[:2] == said[2:]
    assert any(name in r.getMessage() and "address" in r.getMessage() for r in caplog.records)
