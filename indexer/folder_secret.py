"""A secret kept in the data folder (owner-only, at least 32 random bytes): one per
deployment, so every worker and process that shares the folder signs alike, while a dump
of the database alone holds nothing that signs."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_BYTES = 32


def folder_secret(path: Path) -> bytes:
    """The secret at ``path``, made on first use."""
    value = read_secret(path)
    return value if value is not None else write_secret(path)


def read_secret(path: Path) -> bytes | None:
    """The stored secret; None when there is none, or one too short to keep (an empty
    file: a signature anyone could make)."""
    try:
        value = path.read_bytes()
    except FileNotFoundError:
        return None
    return value if len(value) >= SECRET_BYTES else None


def write_secret(path: Path) -> bytes:
    """A new secret, written aside (owner-only) and put in place whole: a reader never
    sees a file half-written. Of two processes writing at once, the first link wins and
    both use what it holds; a file too short to keep is replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_bytes(SECRET_BYTES)
    aside = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(aside, path)
        except FileExistsError:
            kept = read_secret(path)
            if kept is not None:
                return kept
            os.replace(aside, path)  # too short: ours takes its place
    finally:
        aside.unlink(missing_ok=True)
    return read_secret(path) or value
