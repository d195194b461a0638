"""Build one e-mail: plain text always, HTML optionally, UTF-8 throughout."""

from __future__ import annotations

from datetime import UTC, datetime
from email.header import Header
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
        if name.lower() in _ADDRESS_HEADERS or value.isascii():
            message[name] = value
        else:
            message.set_raw(name, _encoded(name, value))
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=_domain(sender))
    message.set_content(text, charset="utf-8")
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8")
    return message


# headers the policy must parse as addresses (their display names encoded apart)
_ADDRESS_HEADERS = frozenset(("from", "to", "cc", "bcc", "reply-to", "sender"))


def _encoded(name: str, value: str) -> str:
    """A text header with accents as RFC 2047 encoded words, every space inside them.

    The default policy's folder breaks a long value with accents before an encoded word
    after a space and leaves that space at the end of the line, so the reader sees two
    («primer␣␣año»); between two encoded words it drops the space altogether
    («pensiónNación»). Encoded whole, the words the fold separates hold all the text, and
    a reader joins them back exactly; lines stay within 78 characters, so nothing refolds.
    """
    return Header(value, "utf-8", header_name=name).encode()


def _domain(address: str) -> str:
    part = address.rsplit("@", 1)[-1].strip(" >")
    return part or "localhost"
