"""Where links in e-mails point. A link carries a one-time token, so it points at the
service's own address, ``ABIERTO_PUBLIC_URL``, and never at the ``Host`` a request
claims (anyone may send any ``Host``: asking for a key or an alert in a stranger's name
with a forged one would have the stranger's click hand the token to that host). Without
the setting, no link is mailed."""

from __future__ import annotations

from config.settings import Settings

MISSING = (
    "this server has no public address (ABIERTO_PUBLIC_URL) to put in e-mail links",
    "este servidor no tiene configurada su dirección pública (ABIERTO_PUBLIC_URL): no puede "
    "enviar enlaces por correo",
)


def mail_base(settings: Settings) -> str | None:
    """The address e-mail links begin with, or None when none is configured."""
    return settings.public_url.rstrip("/") if settings.public_url else None
