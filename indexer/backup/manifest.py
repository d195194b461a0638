"""A backup's ``manifest.json`` read as untrusted: a backup may come from anywhere (a copy
handed over, an archive downloaded), and what its manifest names is laid into the data
folder. Every name must be a plain relative name inside the backup, reached through no
symbolic link, and every part of the manifest the restore reads must have its shape; so a
manifest can neither read a file outside the backup nor write one outside the data
folder, and a malformed one is a ``BackupError`` naming the key, not a traceback."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from indexer.backup.parts import BackupError
from indexer.backup.take import FORMAT, MANIFEST

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Manifest:
    """What a restore lays in: each path inside the backup, each hash a sha256."""

    database: Path
    database_sha256: str
    listing: Path
    listing_sha256: str
    count: int
    index_folder: Path | None  # None: the backup holds no index to copy
    index_files: dict[str, str]
    alerts_key: Path | None = None  # None: made before keys were backed up, or none kept
    alerts_key_sha256: str = ""


def read_manifest(src: Path) -> Manifest:
    try:
        data = json.loads(inside(src, MANIFEST, MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{src} no es una copia de seguridad: no tiene {MANIFEST}") from exc
    # said where, not in Python's English («Expecting ',' delimiter: line 3 column 5»)
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start + 1}"
        raise BackupError(f"{src / MANIFEST} no es texto UTF-8: falla en el {where}") from exc
    except json.JSONDecodeError as exc:
        where = f"línea {exc.lineno}, columna {exc.colno}"
        raise BackupError(f"{src / MANIFEST} no es JSON válido: falla en la {where}") from exc
    except RecursionError as exc:  # "[[[[…" nested deeper than Python reads
        raise BackupError(f"{src / MANIFEST} anida demasiadas listas u objetos") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{src / MANIFEST} no es un manifiesto del formato {FORMAT}")
    database, files, index = (_part(data, key) for key in ("database", "files", "index"))
    count = files.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise _malformed("files.count", "un número de archivos")
    folder, names = None, {}
    if index.get("kind") == "tantivy":
        folder = inside(src, _text(index, "index.folder", "folder"), "index.folder")
        listed = index.get("files")
        if not isinstance(listed, dict):
            raise _malformed("index.files", "un objeto de nombres de archivo y su sha256")
        names = {
            _plain(name): _digest(digest, f"index.files.{name}") for name, digest in listed.items()
        }
    alerts_key, alerts_sha256 = _alerts_key(src, data.get("secrets"))
    return Manifest(
        alerts_key=alerts_key,
        alerts_key_sha256=alerts_sha256,
        database=inside(src, _text(database, "database.file", "file"), "database.file"),
        database_sha256=_digest(database.get("sha256"), "database.sha256"),
        listing=inside(src, _text(files, "files.listing", "listing"), "files.listing"),
        listing_sha256=_digest(files.get("sha256"), "files.sha256"),
        count=count,
        index_folder=folder,
        index_files=names,
    )


def _alerts_key(src: Path, secrets: Any) -> tuple[Path | None, str]:
    """The backed-up key of alerts, if the manifest names one (older backups do not)."""
    if secrets is None:
        return None, ""
    if not isinstance(secrets, dict):
        raise _malformed("secrets", "un objeto")
    entry = secrets.get("alerts")
    if entry is None:
        return None, ""
    if not isinstance(entry, dict):
        raise _malformed("secrets.alerts", "un objeto")
    path = inside(src, _text(entry, "secrets.alerts.file", "file"), "secrets.alerts.file")
    return path, _digest(entry.get("sha256"), "secrets.alerts.sha256")


def inside(src: Path, name: str, key: str) -> Path:
    """``src / name`` when ``name`` is a relative path that stays inside ``src`` and none of
    its parts is a symbolic link (which could lead anywhere); else a ``BackupError``."""
    parts = PurePosixPath(name).parts
    if (
        not parts
        or PurePosixPath(name).is_absolute()
        or ".." in parts
        or "\\" in name
        or "\0" in name
    ):
        raise _malformed(key, "un nombre relativo dentro de la copia")
    path = src
    for part in parts:
        path = path / part
        if path.is_symlink():
            raise BackupError(
                f"{key} pasa por un enlace simbólico ({path}): una copia de seguridad guarda "
                "sus propios archivos, nunca enlaces a otros; no se restauró nada"
            )
    return path


def listed_digests(listing: Path) -> list[str]:
    """The sha256 a backup's listing names; a name that is none is a ``BackupError``."""
    try:
        digests = listing.read_text(encoding="ascii").split()
    except UnicodeDecodeError as exc:
        raise BackupError(
            f"{listing.name} no es una lista de sha256: tiene un carácter que no es ASCII "
            f"(byte {exc.start + 1} del archivo)"
        ) from exc
    wrong = next((d for d in digests if not _SHA256.fullmatch(d)), None)
    if wrong is not None:
        raise BackupError(f"{listing.name} nombra {wrong[:80]!r}, que no es un sha256")
    return digests


def no_link(path: Path, key: str) -> None:
    """A file a backup lists may not be a symbolic link (see :func:`inside`)."""
    if path.is_symlink():
        raise BackupError(
            f"{key} es un enlace simbólico ({path}): una copia de seguridad guarda sus propios "
            "archivos, nunca enlaces a otros; no se restauró nada"
        )


def _plain(name: Any) -> str:
    """An index file's name: one name, no folder (a Tantivy index is one flat folder)."""
    if not isinstance(name, str) or name in ("", ".", "..") or any(c in name for c in "/\\\0"):
        raise _malformed(
            f"index.files ({str(name)[:80]!r})", "nombres de archivo simples, sin carpetas"
        )
    return name


def _part(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _malformed(key, "un objeto")
    return value


def _text(part: dict[str, Any], key: str, field: str) -> str:
    value = part.get(field)
    if not isinstance(value, str):
        raise _malformed(key, "un nombre de archivo")
    return value


def _digest(value: Any, key: str) -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise _malformed(key, "un sha256 en hexadecimal")
    return value


def _malformed(key: str, expected: str) -> BackupError:
    return BackupError(
        f"el manifiesto no es de los que escribe `abierto backup`: {key} debe ser {expected}; "
        "no se restauró nada"
    )
