"""An alert that follows a legislative period says so in Spanish, as it does a
legislature or a session type: «periodo: …» on the confirmation page and in the notice's
subject (a real SMTP server), never the parameter's English name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.alerts.delivery import Deliverer
from indexer.alerts.mails import describe
from indexer.build import build_document
from tests.alerts.conftest import Service, open_mailing
from tests.services.smtp import Inbox

PERIOD = "Segundo periodo ordinario, primer año de ejercicio"
# modelled on the head of a Senado versión estenográfica
HEADING = """CÁMARA DE SENADORES DE LA REPÚBLICA
LXVI LEGISLATURA
SEGUNDO PERIODO ORDINARIO DE SESIONES DEL PRIMER AÑO DE EJERCICIO
VERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA DEL MARTES 11 DE MARZO DE 2025
"""


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


def test_the_search_in_words_names_the_period_in_spanish() -> None:
    said = describe({"filters": {"kind": ["sesion"], "period": [PERIOD]}})
    assert said == f"tipo: sesion · periodo: {PERIOD}"


def test_the_page_and_the_notice_say_periodo(mailing: Service, smtp_server: Inbox) -> None:
    answer = mailing.client.post(
        "/v1/alerts",
        json={"query": {"period": PERIOD}, "delivery": {"email": "reportera@example.org"}},
    )
    assert answer.status_code == 201, answer.text
    (confirmation,) = smtp_server.wait_for(1)
    body = confirmation.get_body(("plain",)).get_content()
    path = re.search(r"https://estadoabierto\.example(/v1/alerts/confirm/\S+)", body)
    assert path, body
    page = mailing.client.get(path.group(1))
    assert page.status_code == 200
    assert f"periodo: {PERIOD}" in page.text and "period:" not in page.text
    assert mailing.client.post(path.group(1)).status_code == 200

    session = build_document(
        kind="sesion", source_id="senado", institution="Senado de la República",
        jurisdiction="MX", url="https://senado.example/11-marzo",
        fields={"title": "Sesión ordinaria del 11 de marzo", "date": "2025-03-11",
                "congress": "Congreso de la Unión"},
        text=HEADING,
    )  # fmt: skip
    mailing.library.add_document(session)
    mailing.library.flush()
    Deliverer(mailing.settings, mailing.library.db).run_once()
    notice = smtp_server.wait_for(2)[1]
    # (Python's e-mail folding doubles the space before an encoded word: not ours)
    assert " ".join(notice["Subject"].split()) == f"1 documento nuevo: periodo: {PERIOD}"
