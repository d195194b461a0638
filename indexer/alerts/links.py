"""The unsubscribe link of an e-mail alert, signed instead of stored: every e-mail must
carry it, yet the database keeps only its SHA-256, so whoever reads a dump or a backup of
the database cannot end (or read the links of) someone else's alert. The link names its
alert and an HMAC of it under a secret of the data folder."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from pathlib import Path

from indexer.db.database import Database
from indexer.db.webhook_secrets import holds_keyed_alerts
from indexer.folder_secret import folder_secret, read_secret

LINKS_FILE = ".alerts-secret"
ALERT_PREFIX = "al_"
_SIGNED = re.compile(r"([0-9a-f]{16})\.([A-Za-z0-9_-]{43})")


class MissingLinksKey(RuntimeError):
    """The data folder lost its key while the database still holds webhook secrets
    sealed under it (restored without it): no new key is made, which would leave them
    unreadable for good; the message says what to do."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"falta la clave de las alertas de la carpeta de datos ({path}): la base de datos "
            "tiene webhooks cuyos secretos de firma se sellaron con ella, y con otra no se "
            "abren. Restáurela desde la copia de seguridad (abierto restore la repone; es el "
            "archivo .alerts-secret); si se perdió, borre esos webhooks (DELETE "
            "/v1/alerts/{id}) y créelos de nuevo"
        )
        self.path = path


def links_key(data_dir: Path, db: Database | None = None) -> bytes:
    """The data folder's key of alerts, made on first use, but never made anew while
    ``db`` holds webhook secrets sealed under a lost one (``MissingLinksKey``)."""
    path = Path(data_dir) / LINKS_FILE
    kept = read_secret(path)
    if kept is not None:
        return kept
    if db is not None and holds_keyed_alerts(db.engine):
        raise MissingLinksKey(path)
    return folder_secret(path)


def unsubscribe_token(key: bytes, alert_id: str) -> str:
    mac = hmac.new(key, f"baja|{alert_id}".encode(), hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(mac).decode().rstrip("=")
    return f"{alert_id.removeprefix(ALERT_PREFIX)}.{signature}"


def signed_alert_id(token: str) -> str | None:
    """The alert a signed link names (not yet checked), or None for another shape (the
    random links of alerts made before links were signed)."""
    found = _SIGNED.fullmatch(token)
    return f"{ALERT_PREFIX}{found.group(1)}" if found else None


def signed_by(key: bytes, token: str, alert_id: str) -> bool:
    return hmac.compare_digest(token.encode(), unsubscribe_token(key, alert_id).encode())


# A confirmation link says when it was sent, under the same key: once its alert was
# removed for never being confirmed, the link still tells "expired" from "never existed".
_CONFIRM = re.compile(r"([0-9a-f]{1,9})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})")


def _confirm_mac(key: bytes, sent: str, nonce: str) -> str:
    mac = hmac.new(key, f"confirmar|{sent}|{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def confirm_token(key: bytes, sent: dt.datetime) -> str:
    """A new confirmation link's token: when it was sent (whole seconds), 16 random bytes
    and an HMAC of both; the database keeps only its SHA-256, as before."""
    stamp = f"{int(sent.timestamp()):x}"
    nonce = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode().rstrip("=")
    return f"{stamp}.{nonce}.{_confirm_mac(key, stamp, nonce)}"


def confirm_sent(key: bytes, token: str) -> dt.datetime | None:
    """When a confirmation link of this folder was sent, or None when ``token`` is not
    one (a random link of before, or made up)."""
    found = _CONFIRM.fullmatch(token)
    if found is None:
        return None
    stamp, nonce, mac = found.groups()
    if not hmac.compare_digest(mac.encode(), _confirm_mac(key, stamp, nonce).encode()):
        return None
    return dt.datetime.fromtimestamp(int(stamp, 16), dt.UTC)
