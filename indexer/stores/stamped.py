"""Opening a Tantivy index folder stamped with the version of its texts' analysis (the
documents' index, the speeches'): one written by another version of the program, by its
schema (Tantivy refuses it) or by its stamp (beside ``meta.json``: the same fields,
analysed otherwise), is started anew by a writer, which the caller then fills from the
database (``reindex``); a reader refuses the first and searches the second as it is,
with a warning. Only those: a folder Tantivy cannot open for another reason (a file it
cannot read: a disk or a permission) is left as it is, never wiped, and said so."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tantivy

from indexer.stores.base import ANALYSIS_STAMP, StoreUnavailable, outdated_index

log = logging.getLogger(__name__)

# what Tantivy says of a folder another schema wrote, and of one whose ``meta.json`` it
# cannot read (a write cut short)
SCHEMA_MISMATCH = "schema does not match"
CORRUPTED = "Data corrupted"


@dataclass(frozen=True)
class Stamp:
    """An index's kind of folder: its analysis ``version``, its name in messages
    (``which``: «búsqueda», «discursos»), what a reader says of one of another analysis
    (``outdated``), and whether a folder whose ``meta.json`` is unreadable is started
    anew by a writer too (``corrupt_replaced``: an index the database fills again)."""

    version: int
    which: str
    outdated: Callable[[Path], str]
    corrupt_replaced: bool = False


def stamped_version(path: Path) -> int:
    """The version of the analysis the index folder ``path`` was written with: 1 with no
    stamp (before stamps were written), 0 with an unreadable one."""
    try:
        return int((path / ANALYSIS_STAMP).read_text().strip() or 0)
    except FileNotFoundError:
        return 1
    except (ValueError, OSError):
        return 0


def write_stamp(path: Path, version: int) -> None:
    stamp = path / ANALYSIS_STAMP
    partial = stamp.with_suffix(".tmp")
    partial.write_text(f"{version}\n")
    os.replace(partial, stamp)


def open_stamped(
    schema: tantivy.Schema, path: Path, stamp: Stamp, replace_outdated: bool
) -> tuple[tantivy.Index, bool]:
    """The index in ``path`` and whether it was started anew (``replace_outdated``: a
    writer's opening)."""
    fresh = not (path / "meta.json").exists()
    try:
        index = tantivy.Index(schema, path=str(path), reuse=True)
    except ValueError as exc:
        if not replaceable(exc, stamp):
            raise StoreUnavailable(unopened(stamp.which, path, exc)) from exc
        if not replace_outdated:
            raise StoreUnavailable(outdated_index(stamp.which, path)) from exc
    else:
        if fresh:
            write_stamp(path, stamp.version)
        if fresh or stamped_version(path) == stamp.version:
            return index, False
        if not replace_outdated:
            # the same fields, analysed as before: it answers as it did until a writer
            # (``abierto reindex``, the next crawl) rebuilds it
            log.warning(stamp.outdated(path))
            return index, False
        del index
    shutil.rmtree(path)
    path.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(path), reuse=True)
    write_stamp(path, stamp.version)
    return index, True


def replaceable(exc: ValueError, stamp: Stamp) -> bool:
    """Whether Tantivy's refusal is of a folder another version wrote (or, where the
    kind allows, one left unreadable), which a writer starts anew."""
    said = str(exc)
    return SCHEMA_MISMATCH in said or (stamp.corrupt_replaced and CORRUPTED in said)


def unopened(which: str, path: Path, exc: ValueError) -> str:
    return (
        f"no se pudo abrir el índice de {which} en {path} ({exc}); no se ha modificado: "
        "revise el disco y los permisos de la carpeta"
    )
