"""Sign-ins of ``/fuentes`` ended before their hour.

The cookie is the whole sign-in (signed, nothing kept on the server), so signing out
used to ask the browser alone to forget it: a copy (a shared computer's profile, a log of
a proxy or a browser extension) went on reading the institution's own crawls until the
hour ran out. Each sign-in carries a random id; signing out leaves an empty file named by
it in the data folder, read by every process that serves the folder, and deleted once
the cookie would have expired anyway."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER = ".pages-signouts"
SIGN_IN_ID = re.compile(r"[0-9a-f]{32}")


def _mark(data_dir: Path, sign_in_id: str) -> Path | None:
    """Where the mark of ``sign_in_id`` lies; None for an id no sign-in was given."""
    if not SIGN_IN_ID.fullmatch(sign_in_id):
        return None
    return Path(data_dir) / FOLDER / sign_in_id


def ended(data_dir: Path, sign_in_id: str) -> bool:
    """Whether this sign-in was ended by signing out (an id of another shape never was
    one: it signs nobody in)."""
    mark = _mark(data_dir, sign_in_id)
    return mark is None or mark.exists()


def end(data_dir: Path, sign_in_id: str, lifetime_s: int) -> bool:
    """Mark the sign-in ended, and forget the marks of sign-ins past their lifetime.
    False (said in the log) when the folder takes no file: a full disk, a read-only
    folder; the browser still forgets its cookie."""
    mark = _mark(data_dir, sign_in_id)
    if mark is None:
        return False
    try:
        mark.parent.mkdir(mode=0o700, exist_ok=True)
        mark.touch()
    except OSError as exc:
        log.warning(
            "no se pudo anotar el cierre de una sesión de /fuentes en %s (%s): una copia "
            "de su cookie vale hasta que venza",
            mark.parent,
            exc.strerror or exc,
        )
        return False
    _forget_expired(mark.parent, time.time() - lifetime_s)
    return True


def _forget_expired(folder: Path, before: float) -> None:
    """Delete the marks made before ``before``: their cookies have expired."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if entry.stat().st_mtime < before:
                        os.unlink(entry.path)
                except OSError:
                    continue  # another process took it, or it cannot go: the next time
    except OSError:
        return
