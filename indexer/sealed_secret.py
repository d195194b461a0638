"""A secret the service must read back (a webhook's signing secret signs every delivery,
so it cannot be hashed) kept sealed: AES-256-GCM under a key derived from the data
folder's secret, bound to the row it belongs to. A dump or a backup of the database alone
holds nothing that signs a delivery; one row's sealed value copied onto another row does
not open there."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALED_PREFIX = "enc1:"
NONCE_BYTES = 12
_PURPOSE = b"estado-abierto/webhook-secret/v1"


class UnreadableSecret(ValueError):
    """A sealed secret that does not open with this folder's key: the database was
    restored without its data folder, or the value was altered."""


def sealing_key(folder_key: bytes) -> bytes:
    """A key of its own for sealing, derived from the folder's secret (never the secret
    itself, which also signs links)."""
    return hmac.new(folder_key, _PURPOSE, hashlib.sha256).digest()


def is_sealed(stored: str) -> bool:
    return stored.startswith(SEALED_PREFIX)


def seal(key: bytes, owner: str, secret: str) -> str:
    """``secret`` sealed for the row ``owner`` (a fresh nonce each time)."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, secret.encode(), owner.encode())
    return SEALED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def unseal(key: bytes, owner: str, stored: str) -> str:
    """The secret ``seal`` kept for ``owner``; a value kept before secrets were sealed
    comes back as it is."""
    if not is_sealed(stored):
        return stored
    body = stored.removeprefix(SEALED_PREFIX)
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        opened = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], owner.encode())
        return opened.decode()
    except (InvalidTag, ValueError) as exc:
        raise UnreadableSecret(owner) from exc
