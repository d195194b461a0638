"""E-mail through the SMTP server the operator configures (``ABIERTO_SMTP_*``).

Alerts and reader keys send mail; both build a message with :func:`compose` and hand it
to a :class:`Mailer`. A failure is a :class:`MailError` whose text says what went wrong
(refused, timed out, rejected recipient), so callers can record a true cause.
"""

from indexer.mail.message import compose
from indexer.mail.sender import Mailer, MailError

__all__ = ["MailError", "Mailer", "compose"]
