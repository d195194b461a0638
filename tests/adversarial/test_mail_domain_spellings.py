"""One mailbox, many spellings of its domain: a mail system reads a domain as IDNA does
(``ｅｘａｍｐｌｅ.org`` in full-width letters, ``bücher.example`` composed or with a
combining diaeresis, and its ``xn--bcher-kva.example`` are each one domain), so each
spelling was a fresh address to the per-address bounds (alert confirmations, reader-key
e-mails) while every message reached the same inbox: an address of ten letters has
hundreds of spellings. An address is counted and sent with its domain in its one ASCII
form, through a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.library import Library
from indexer.mail.address import mailbox
from tests.alerts.conftest import Service, open_mailing
from tests.api.test_reader_keys import app_client, library, mailing
from tests.services.smtp import Inbox

VICTIM = "redaccion@example.org"
SPELLINGS = [
    "redaccion@ｅxample.org",  # a full-width «ｅ»
    "redaccion@exａmple.org",
    "redaccion@ｅｘａｍｐｌｅ.ｏｒｇ",
    "redaccion@EXAMPLE.ORG",
]
PER_HOUR = 2
__all__ = ["library"]  # the reader-key tests' library fixture, reused


@pytest.mark.parametrize(
    ("spelled", "canonical"),
    [
        ("redaccion@ｅｘａｍｐｌｅ.ｏｒｇ", VICTIM),
        ("ana@bücher.example", "ana@xn--bcher-kva.example"),
        ("ana@bu\u0308cher.example", "ana@xn--bcher-kva.example"),
        ("ana@BÜCHER.example", "ana@xn--bcher-kva.example"),
        ("ana@xn--bcher-kva.example", "ana@xn--bcher-kva.example"),
        ("ana@correo.みんな", "ana@correo.xn--q9jyb4c"),
    ],
)
def test_a_domain_is_read_in_its_one_ascii_form(spelled: str, canonical: str) -> None:
    assert mailbox(spelled) == canonical


def test_only_the_domain_changes_and_one_without_an_ascii_form_is_refused() -> None:
    assert mailbox("José.Pérez@ＣＯＲＲＥＯ.mx") == "José.Pérez@correo.mx"
    # a joiner, a lone combining mark, a hyphen first, a dot leader (U+2024, a "." once
    # normalised: a label may not become two)
    for address in ["a@exa\u200dmple.org", "a@ex\u0301.org", "a@-ｘ.org", "a@example\u2024org"]:
        assert mailbox(address) is None, address


@pytest.fixture
def alerts(tmp_path: Path, smtp_server: Inbox) -> Iterator[Service]:
    yield from open_mailing(tmp_path, smtp_server, alert_confirmations_per_hour=PER_HOUR)


def test_spellings_of_a_domain_add_no_confirmation_to_the_bound(
    alerts: Service, smtp_server: Inbox
) -> None:
    def subscribe(address: str) -> int:
        body = {"query": {"q": "amparo"}, "delivery": {"email": address}}
        return alerts.client.post("/v1/alerts", json=body).status_code

    made = [subscribe(address) for address in [VICTIM] * PER_HOUR + SPELLINGS]
    assert made == [201] * PER_HOUR + [429] * len(SPELLINGS)
    smtp_server.wait_for(PER_HOUR + 1, timeout=1.0)
    assert len(smtp_server.messages) == PER_HOUR
    assert len(smtp_server.to(VICTIM)) == PER_HOUR


def test_spellings_of_a_domain_get_no_reader_key_mail(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    settings = mailing(tmp_path, smtp_server, reader_key_requests_per_hour=PER_HOUR)
    statuses = []
    for n, address in enumerate([VICTIM] * PER_HOUR + SPELLINGS):
        client = app_client(library, settings, f"203.0.113.{n + 30}")  # many clients
        asked = client.post("/v1/reader-keys", json={"email": address, "name": "Ana"})
        statuses.append(asked.status_code)
    assert statuses == [202] * (PER_HOUR + len(SPELLINGS))
    smtp_server.wait_for(PER_HOUR + 1, timeout=1.0)
    assert len(smtp_server.messages) == PER_HOUR


# RFC 5233 sub-addresses: ``redaccion+1@example.org`` reaches ``redaccion@example.org``
# at most providers, and the tag is the sender's to pick: a fresh address per mail
TAGGED = ["redaccion+1@example.org", "redaccion+b@example.org", "Redaccion+%@example.org"]


def test_sub_addresses_add_no_confirmation_to_the_bound(
    alerts: Service, smtp_server: Inbox
) -> None:
    def subscribe(address: str) -> int:
        body = {"query": {"q": "amparo"}, "delivery": {"email": address}}
        return alerts.client.post("/v1/alerts", json=body).status_code

    made = [subscribe(address) for address in [VICTIM] * PER_HOUR + TAGGED]
    assert made == [201] * PER_HOUR + [429] * len(TAGGED)
    assert subscribe("redaccion2@example.org") == 201  # another mailbox has its own
    smtp_server.wait_for(PER_HOUR + 2, timeout=1.0)
    assert len(smtp_server.messages) == PER_HOUR + 1


def test_sub_addresses_get_no_reader_key_mail(
    library: Library, tmp_path: Path, smtp_server: Inbox
) -> None:
    settings = mailing(tmp_path, smtp_server, reader_key_requests_per_hour=PER_HOUR)
    statuses = []
    # a tagged address first: its tag counts against the mailbox, and the other way round
    for n, address in enumerate([TAGGED[0], VICTIM, *TAGGED[1:], "redaccion_@example.org"]):
        client = app_client(library, settings, f"203.0.113.{n + 30}")  # many clients
        asked = client.post("/v1/reader-keys", json={"email": address, "name": "Ana"})
        statuses.append(asked.status_code)
    assert statuses == [202] * 5
    smtp_server.wait_for(PER_HOUR + 2, timeout=1.0)
    sent = sorted(str(m["To"]) for m in smtp_server.messages)
    assert sent == ["redaccion+1@example.org", "redaccion@example.org", "redaccion_@example.org"]
