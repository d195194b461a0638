"""Build one e-mail: plain text always, HTML optionally, UTF-8 throughout."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def compose(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """A message ready to send; ``headers`` adds e.g. ``List-Unsubscribe``.

    Header values are refused when they hold a line break, so nothing a user typed can
    add headers of its own.
    """
    message = EmailMessage()
    fields = {"From": sender, "To": to, "Subject": subject, **(headers or {})}
    for name, value in fields.items():
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} holds a line break")
        message[name] = value
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=_domain(sender))
    message.set_content(text, charset="utf-8")
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def _domain(address: str) -> str:
    part = address.rsplit("@", 1)[-1].strip(" >")
    return part or "localhost"
