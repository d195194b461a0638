"""An alert's mail quotes, for each new document, the place that matched, however deep
in a long sentence (``indexer.alerts.snippet``, the search's passage finder): a name
with an ñ and an accent (Ibáñez), a short case number whose year is everywhere in dates
(A.D. 12/2021), a proximity phrase whose words stand alone all around it, an exact
phrase after more than ``MAX_CANDIDATES`` of its words apart. Through a real SMTP
server, as the other alert mails."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.conftest import Service, open_mailing
from tests.alerts.test_email import add, confirm, deliver, subscribe, text_of
from tests.services.smtp import Inbox

FILLER = "El tribunal analiza los agravios expuestos por la parte recurrente. " * 1200
DATES = "Por escrito presentado el 3 de marzo de 2021 y ampliado el 12 de abril de 2021. " * 40
# «pensión» every 150 characters, never near «definitiva»
PENSION = (
    "El tribunal analiza la constitucionalidad de los agravios expuestos por la parte "
    "recurrente en el juicio de amparo; la pensión fue fijada por el juez. "
) * 600
APART = "la pensión no es definitiva. " * 5200


@pytest.fixture
def mailing(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server)


@pytest.mark.parametrize(
    ("q", "text", "quoted"),
    [
        ("Ibáñez", FILLER + "Declaró el perito Ibáñez sobre el disparo. " + FILLER, "Ibáñez"),
        (
            '"A.D. 12/2021"',
            DATES + FILLER + "Se resuelve el amparo directo A.D. 12/2021 en definitiva. " + FILLER,
            "A.D. 12/2021",
        ),
        (
            '"pensión definitiva"~2',
            PENSION
            + "Declaró la señora madre sobre la pensión ya definitiva del menor. "
            + PENSION,
            "pensión ya definitiva",
        ),
        (
            '"pensión definitiva"',
            APART + "Se fija la pensión definitiva a cargo del deudor. " + APART[:3000],
            "la pensión definitiva a cargo",
        ),
    ],
)
def test_the_mail_quotes_where_a_long_sentence_matched(
    mailing: Service, smtp_server: Inbox, q: str, text: str, quoted: str
) -> None:
    subscribe(mailing, {"q": q})
    confirm(mailing, smtp_server.wait_for(1)[0])
    add(mailing, "31/2026", text, title="Toca 31/2026")
    deliver(mailing)
    notice = smtp_server.wait_for(2)[1]
    body = " ".join(text_of(notice).split())
    assert "Toca 31/2026" in body
    # the quote: after the document's date, before its link (the search is quoted before)
    snippet = body.split("30 de noviembre de 2026", 1)[1].split("https://", 1)[0]
    assert quoted in snippet, body
    page = " ".join(notice.get_body(("html",)).get_content().split())
    assert f"<p>{html.escape(snippet.strip())}</p>" in page
