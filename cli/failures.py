"""What goes wrong around a command, said in one Spanish line instead of a traceback.

A bad setting, an engine that does not answer, a full disk or a database held by
another writer are the operator's to fix, not bugs: the command names the setting,
the address or the folder, exits non-zero, and leaves the data as it was (files are
archived atomically and documents saved one by one, so the next run carries on).
"""

from __future__ import annotations

import errno
import os
import socket
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from config.settings import Settings
from indexer.disk_full import disk_full_at, error_chain

ENV_PREFIX = "ABIERTO_"
BUSY_TIMEOUT_S = 15  # the SQLite busy timeout every connection sets (indexer.db)
_KINDS = {
    "int": "se espera un número entero",
    "float": "se espera un número",
    "bool": "se espera true o false",
    "greater": "el valor es demasiado pequeño",
    "less": "el valor es demasiado grande",
    "url": "se espera una dirección URL",
}


def settings_problem(error: ValidationError) -> str:
    """One line per invalid setting, naming its environment variable and what it takes."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        name = f"{ENV_PREFIX}{field.upper()}"
        given = problem.get("input")
        expected = (problem.get("ctx") or {}).get("expected")
        if problem["type"] == "literal_error" and expected:
            valid = expected.replace("'", "").replace(" or ", ", ")
            lines.append(f"{name}={given!r} no es un valor válido; valores válidos: {valid}")
        else:
            why = _KINDS.get(problem["type"].split("_", 1)[0], problem["msg"])
            lines.append(f"{name}={given!r} no es válido: {why}")
    return "\n".join(f"abierto: {line}" for line in lines)


def public_url(url: str) -> str:
    """``url`` without any user or password in it (safe to print)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def engine_unreachable(url: str, timeout_s: float = 5.0) -> str | None:
    """Why the engine at ``url`` cannot be reached (one quick attempt), or None."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 9200)
    try:
        with socket.create_connection((parts.hostname or "localhost", port), timeout_s):
            return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def explain(error: BaseException, settings: Settings) -> str | None:
    """A one-line Spanish message for an environment failure, or None for a real bug."""
    from indexer.stores.base import StoreUnavailable
    from indexer.stores.engine.retry import EngineUnavailable

    for cause in error_chain(error):
        text = str(cause).lower()
        if disk_full_at(cause, settings.data_dir):
            return (
                f"no queda espacio en el disco (no space left on device) de la carpeta de "
                f"datos {settings.data_dir.resolve()}: libere espacio y repita la orden; "
                "lo ya guardado se conserva"
            )
        if _cannot_write(cause, text):
            problem = read_only_problem(settings)
            if problem is not None:
                return problem
        if "database is locked" in text or "database table is locked" in text:
            return (
                f"la base de datos {_database_name(settings)} está ocupada por otro proceso "
                f"que escribe (se esperó {BUSY_TIMEOUT_S} s); repita la orden cuando termine"
            )
        if isinstance(cause, EngineUnavailable) and settings.search_url:
            return (
                f"no se pudo conectar con el motor de búsqueda en "
                f"{public_url(settings.search_url)} ({_short(cause)})"
            )
        if isinstance(cause, StoreUnavailable):  # its message is written for a person
            return _short(cause, 400)
    return None


def _database_name(settings: Settings) -> str:
    url = settings.database
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else public_url(url)


def _short(error: Any, limit: int = 160) -> str:
    message = getattr(error, "message", None) or str(error)
    return str(message).splitlines()[0][:limit]


def read_only_problem(settings: Settings) -> str | None:
    """Why this process cannot write the data folder an SQLite library lives in (a
    read-only mount, a snapshot, another user's folder), in Spanish; None when it can
    (or the database lives elsewhere). SQLite writes beside its file even to read (its
    write-ahead log), and the library keeps its keys and indexes there."""
    if settings.database_url and not settings.database_url.startswith("sqlite"):
        return None
    folder = settings.data_dir
    database = Path(settings.database.removeprefix("sqlite:///"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".prueba-de-escritura-", dir=folder)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
    else:
        os.close(handle)
        Path(name).unlink()
        if not database.exists() or os.access(database, os.W_OK):
            return None
        why = f"sin permiso de escritura en {database.name}"
    return (
        f"este proceso no puede escribir en la carpeta de datos {folder.resolve()} ({why}): "
        "la base de datos SQLite escribe junto a su archivo incluso para leer. Sirva una "
        "copia de la carpeta en un disco con permiso de escritura, o dé ese permiso al "
        "usuario del servicio"
    )


def _cannot_write(cause: BaseException, text: str) -> bool:
    if isinstance(cause, OSError) and cause.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    return any(
        words in text
        for words in ("unable to open database file", "readonly database", "read-only file system")
    )
