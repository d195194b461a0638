"""Every operation of the OpenAPI, fuzzed by schemathesis: no answer is a server error
and every answer matches what the schema documents (status, media type, body).

The sources operations are called with an institution's real key, so they get past
authentication to their validation. A bounded number of examples per operation keeps the
whole run to about a minute.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from config.settings import Settings
from indexer.alerts import AlertBook
from indexer.alerts.book import INSTITUTION_OWNER, NewAlert
from indexer.alerts.links import links_key
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import FileRef
from tests.api.conftest import HTML_BYTES, PDF_BYTES, _docs

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """An app over a small library of every kind, and a key of an institution."""
    root: Path = tmp_path_factory.mktemp("fuzz")
    config = Settings(
        data_dir=root,
        write_rate_per_minute=1_000_000,
        alert_rate_per_minute=1_000_000,
        read_limit_anonymous=1_000_000,
        read_limit_institution=1_000_000,
    )
    library = Library.open(config)
    pdf = FileRef(
        url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES), size=40
    )
    page = FileRef(url="https://ejemplo.gob.mx/f/", sha256=library.archive.put(HTML_BYTES))
    for doc in _docs(pdf, page):
        library.add_document(doc)
    library.flush()
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso de Guanajuato", "congress", "MX-GUA")
    _key_id, key = registry.issue_key("congreso-gto")
    with TestClient(create_app(library, config)) as client:
        yield client, key
    library.close()


OPERATIONS = [
    "GET /v1/search",
    "GET /v1/export.csv",
    "GET /v1/export.jsonl",
    "GET /v1/sessions",
    "GET /v1/search/syntax",
    "GET /v1/search.atom",
    "POST /v1/alerts",
    "GET /v1/alerts",
    "GET /v1/alerts/{alert_id}",
    "DELETE /v1/alerts/{alert_id}",
    "PATCH /v1/alerts/{alert_id}",
    "GET /v1/alerts/editar/{token}",
    "POST /v1/alerts/editar/{token}",
    "GET /v1/alerts/confirm/{token}",
    "POST /v1/alerts/confirm/{token}",
    "POST /v1/alerts/confirm/{token}/renovar",
    "GET /v1/alerts/unsubscribe/{token}",
    "POST /v1/alerts/unsubscribe/{token}",
    "GET /v1/speeches",
    "GET /v1/sessions/{session_id}/speeches",
    "GET /v1/people",
    "GET /v1/people/{person_id}",
    "GET /v1/documents/{doc_id}",
    "GET /v1/documents/{doc_id}/text",
    "GET /v1/documents/{doc_id}/file",
    "GET /v1/documents/{doc_id}/citations",
    "GET /healthz",
    "GET /v1/sources",
    "POST /v1/sources",
    "POST /v1/sources/preview",
    "GET /v1/sources/{source_id}",
    "PUT /v1/sources/{source_id}",
    "DELETE /v1/sources/{source_id}",
    "POST /v1/sources/{source_id}/pause",
    "POST /v1/sources/{source_id}/resume",
    "POST /v1/sources/{source_id}/crawl",
    "GET /v1/sources/{source_id}/runs",
    "GET /v1/sources/{source_id}/audit",
    "POST /v1/reader-keys",
]


# the operations whose path names one alert: fuzzed once more on a real alert, so their
# bodies (a search and a rate, the page's form) reach the checks, not only the 404
ON_A_REAL_ALERT = [
    "PATCH /v1/alerts/{alert_id}",
    "GET /v1/alerts/editar/{token}",
    "POST /v1/alerts/editar/{token}",
]


@pytest.fixture(scope="module")
def real_alerts(fuzzed: tuple[TestClient, str]) -> dict[str, str]:
    """The path parameters of a webhook alert of the key's institution and of an e-mail
    alert (its e-mails' link token)."""
    client, _key = fuzzed
    state = client.app.state  # type: ignore[attr-defined]
    book = AlertBook(state.library.db, links_key(state.settings.data_dir, state.library.db))

    def made(owner: str, channel: str, target: str) -> NewAlert:
        return book.create(
            owner=owner,
            key_id=None,
            query={"q": "pensión"},
            channel=channel,
            target=target,
            rate="inmediata",
            base_url="https://ejemplo.mx",
        )

    hook = made(f"{INSTITUTION_OWNER}congreso-gto", "webhook", "https://receptor.ejemplo.mx/a")
    mail = made("email:lectora@ejemplo.mx", "email", "lectora@ejemplo.mx")
    return {"alert_id": hook.row.id, "token": book.unsubscribe_token(mail.row)}


@pytest.fixture(scope="module")
def api_schema(fuzzed: tuple[TestClient, str]) -> schemathesis.BaseSchema:
    client, _key = fuzzed
    return schemathesis.openapi.from_asgi("/openapi.json", client.app)


def test_every_operation_is_fuzzed(api_schema: schemathesis.BaseSchema) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", [pytest.param(label) for label in OPERATIONS])
def test_no_answer_is_a_server_error_or_off_its_schema(
    label: str,
    mode: GenerationMode,
    api_schema: schemathesis.BaseSchema,
    fuzzed: tuple[TestClient, str],
) -> None:
    _fuzz(api_schema, fuzzed[1], label, mode, None)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", ON_A_REAL_ALERT)
def test_a_real_alert_changed_with_any_input_gets_no_server_error(
    label: str,
    mode: GenerationMode,
    api_schema: schemathesis.BaseSchema,
    fuzzed: tuple[TestClient, str],
    real_alerts: dict[str, str],
) -> None:
    _fuzz(api_schema, fuzzed[1], label, mode, real_alerts)


def _fuzz(
    api_schema: schemathesis.BaseSchema,
    key: str,
    label: str,
    mode: GenerationMode,
    path_values: dict[str, str] | None,
) -> None:
    """Call ``label`` with examples of ``mode``; with ``path_values``, its path names
    them instead of what was generated."""
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]
    named = re.findall(r"{(\w+)}", path)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        # no "explain" phase: it replays each failure under a line tracer (slow), and the
        # failing request's curl line already says what to reproduce
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case) -> None:
        if path_values is not None:
            case.path_parameters = {name: path_values[name] for name in named}
        case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)

    try:
        call()
    except Unsatisfiable:
        pytest.skip(f"{label} takes no input that could be invalid")
