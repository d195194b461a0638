"""Mail reaches a real SMTP server intact, and every failure says its cause."""

from __future__ import annotations

import socket
from email.header import decode_header, make_header

import pytest

from config.settings import Settings
from indexer.mail import Mailer, MailError, compose
from tests.services.smtp import Inbox


def _mailer(inbox: Inbox, **extra: object) -> Mailer:
    settings = Settings(smtp_host=inbox.host, smtp_port=inbox.port, smtp_security="none", **extra)
    return Mailer(settings)


def test_a_spanish_message_arrives_with_its_headers(smtp_server: Inbox) -> None:
    mailer = _mailer(smtp_server)
    message = compose(
        sender=mailer.sender,
        to="reportera@example.org",
        subject="Nueva sentencia: pensión alimenticia",
        text="Se publicó una sentencia que coincide con «pensión definitiva».",
        html="<p>Se publicó una sentencia.</p>",
        headers={"List-Unsubscribe": "<https://estadoabierto.mx/baja/abc>"},
    )
    mailer.send(message)
    (received,) = smtp_server.wait_for(1)
    assert received["Subject"] == "Nueva sentencia: pensión alimenticia"
    assert received["List-Unsubscribe"] == "<https://estadoabierto.mx/baja/abc>"
    assert received["Message-ID"]
    text = received.get_body(("plain",)).get_content()
    assert "«pensión definitiva»" in text
    assert received.get_body(("html",)) is not None


def test_several_messages_share_one_connection(smtp_server: Inbox) -> None:
    mailer = _mailer(smtp_server)
    messages = [
        compose(sender=mailer.sender, to=f"p{i}@example.org", subject=f"aviso {i}", text="x")
        for i in range(3)
    ]
    mailer.send_all(messages)
    assert [m["Subject"] for m in smtp_server.wait_for(3)] == ["aviso 0", "aviso 1", "aviso 2"]


def test_a_refused_recipient_is_named(smtp_server: Inbox) -> None:
    smtp_server.reject.add("nadie@example.org")
    mailer = _mailer(smtp_server)
    message = compose(sender=mailer.sender, to="nadie@example.org", subject="s", text="t")
    with pytest.raises(MailError, match=r"nadie@example\.org"):
        mailer.send(message)


def test_an_unreachable_server_is_a_clear_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mailer = Mailer(Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none"))
    with pytest.raises(MailError, match="cannot reach the SMTP server"):
        mailer.send(compose(sender=mailer.sender, to="a@example.org", subject="s", text="t"))


def test_without_a_server_nothing_pretends_to_send() -> None:
    mailer = Mailer(Settings(smtp_host=None))
    assert not mailer.configured
    with pytest.raises(MailError, match="no SMTP server"):
        mailer.send(compose(sender=mailer.sender, to="a@example.org", subject="s", text="t"))


def test_a_header_cannot_smuggle_another() -> None:
    with pytest.raises(ValueError, match="line break"):
        compose(
            sender="a@example.org", to="b@example.org\r\nBcc: c@example.org", subject="s", text="t"
        )


# Long subjects with accents as alerts write them: the default folder left a space at a
# line's end before an encoded word («y␣␣alimenticia») or dropped one between two
# encoded words («pensiónNación»).
LONG_SUBJECTS = [
    "Resumen de la semana: 3 documentos nuevos — «pensión alimenticia» en el primer año"
    " de la Suprema Corte de Justicia de la Nación y el tribunal colegiado",
    "documentos Suprema Resumen Resumen Resumen el y Resumen Justicia en «pensión Nación"
    " moral» Resumen constitución alimenticia» 12/2024 ñandú acción y alimenticia»",
    "documentos Suprema semanal: Nación 3 Justicia AR nuevos 1234/2023 nuevos Suprema"
    " documentos la de AR Justicia 3 de y alimenticia» de 3 primer Corte año de y ñandú",
    "nuevos nuevos primer 1234/2023 primer Justicia de Justicia — la 3 alimenticia» acción"
    " Resumen — constitución Suprema constitución el ñandú en el moral»",
]


def test_long_subjects_with_accents_arrive_exactly_as_written(smtp_server: Inbox) -> None:
    mailer = _mailer(smtp_server)
    messages = [
        compose(sender=mailer.sender, to=f"p{i}@example.org", subject=subject, text="x")
        for i, subject in enumerate(LONG_SUBJECTS)
    ]
    mailer.send_all(messages)
    received = smtp_server.wait_for(len(LONG_SUBJECTS))
    assert [m["Subject"] for m in received] == LONG_SUBJECTS
    # as a client decodes the raw header (RFC 2047: the space between encoded words goes)
    for message, subject in zip(received, LONG_SUBJECTS, strict=True):
        raw = next(v for k, v in message.raw_items() if k == "Subject")
        assert str(make_header(decode_header(raw))) == subject
        assert all(len(line) <= 78 for line in raw.splitlines())
