"""``abierto dump DIR``: the open dataset, rewritten in full on each run and, from the
second run on, the delta since the previous one.

The full dump is one pass over the database in id order, each published document written
to its kind's ``{kind}.jsonl.gz`` and ``{kind}.parquet`` as it is read (bounded memory at
any size). Withheld documents are left out; the text is the stored, masked one.

The delta covers the period from the previous run's cut to this run's: documents saved
since (``updated_at``, a few minutes of overlap so a clock a little apart is not
missed, and from when the oldest write open at the previous cut began, so a commit
landing late is not either; applying a document twice changes nothing), and removals
(``eliminados``): rows deleted from the database (the ``document_deletions`` tombstones
a trigger writes) and documents withheld since, each only if a reader of the earlier
dumps could hold it (``_held``): its id is in the previous full dump or a kept delta's
records. A document withheld as it arrived was never published: listing it told anyone
that a document (id, kind, when) exists under privacy review. Every removal gives the
same reason (``RETIRED``), withheld or deleted alike: a reader needs to drop it, not to
learn that it is under review. Deltas live in ``deltas/<cut>/`` and are kept
``keep_days`` days; ``catalog.json`` lists the full dump and every kept delta.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gzip
import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from indexer.db import Database
from indexer.dump.catalog import (
    DELTAS,
    catalog,
    delta_dataset,
    delta_folders,
    distribution,
    full_dataset,
    kept_deltas,
    last_cut,
    read_from,
    read_previous,
    write_catalog,
)
from indexer.dump.changes import Tombstone, changed_since, deleted_since
from indexer.dump.files import TableWriter
from indexer.dump.schema import DELETION_COLUMNS, columns, describe
from indexer.models import KINDS, Legislativo, Sentencia, Sesion

AnyDocument = Sentencia | Sesion | Legislativo
KEEP_DAYS = 30
OVERLAP = dt.timedelta(minutes=10)
DELETIONS = "eliminados"
# the one reason a removal gives: the document left publication (withheld or deleted)
RETIRED = "retirado"
GONE_BATCH = 50_000  # removals checked against the earlier dumps at a time
LOCK = ".abierto-dump.lock"
BATCH_CHARS = 8_000_000  # text read from the database at a time, about
# a document's page address and citation (``schema.LINKS``), given the day of the dump
Links = Callable[[AnyDocument, dt.date], dict[str, str | None]]


class DumpBusy(RuntimeError):
    """Another dump is writing the same folder (a cron run and a manual one)."""


@contextlib.contextmanager
def _only_dump(folder: Path) -> Iterator[None]:
    """Hold the folder for this run. Two runs wrote the same ``.part`` files at once and
    renamed whatever they held into place, their checksums taken after the rename: a
    garbled file published with a checksum that vouched for it."""
    with (folder / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise DumpBusy(
                f"otro volcado está escribiendo en {folder}: espere a que termine"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class DeltaReport:
    folder: Path
    start: dt.datetime
    end: dt.datetime
    rows: dict[str, int] = field(default_factory=dict)
    deleted: int = 0


@dataclass
class DumpReport:
    rows: dict[str, int] = field(default_factory=dict)
    withheld: int = 0
    delta: DeltaReport | None = None
    catalog: dict[str, Any] = field(default_factory=dict)


class _Tables:
    """A writer per table of one dataset (full dump or delta): written, closed, and only
    then published, together with the other dataset of the run."""

    def __init__(self, folder: Path, stems: Iterable[str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.writers: dict[str, TableWriter] = {}
        try:
            for stem in stems:
                cols = DELETION_COLUMNS if stem == DELETIONS else columns(stem)
                self.writers[stem] = TableWriter(folder, stem, cols)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()
        with contextlib.suppress(OSError):  # a delta's own folder, left empty
            self.folder.rmdir()

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()

    def publish(self, root: Path, title: str, issued: dt.datetime) -> list[dict[str, Any]]:
        distributions = []
        for stem, writer in self.writers.items():
            label = "Bajas" if stem == DELETIONS else f"{title}: {stem}"
            schema = describe(writer.cols)
            for file in writer.publish():
                distributions.append(distribution(file, root, label, schema, issued))
        return distributions


def _published(doc: AnyDocument) -> bool:
    return doc.privacy is None or not doc.privacy.withheld


def _record(doc: AnyDocument, links: Links | None, day: dt.date) -> dict[str, Any]:
    record = doc.model_dump(mode="json")
    if links is not None:
        record |= links(doc, day)
    return record


def _full(
    db: Database, root: Path, report: DumpReport, links: Links | None, day: dt.date
) -> _Tables:
    tables = _Tables(root, KINDS)
    try:
        for doc in db.iter_documents(max_chars=BATCH_CHARS):
            if not _published(doc):
                report.withheld += 1
                continue
            tables.writers[doc.kind].add(_record(doc, links, day))
            report.rows[doc.kind] += 1
        tables.close()
    except BaseException:
        tables.abort()
        raise
    return tables


def _stamp(root: Path, cut: dt.datetime) -> Path:
    name = cut.astimezone(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    folder, n = root / DELTAS / name, 1
    while folder.exists():
        n += 1
        folder = root / DELTAS / f"{name}-{n}"
    return folder


def _delta(
    db: Database,
    root: Path,
    previous: dict[str, Any],
    cut: dt.datetime,
    overlap: dt.timedelta,
    links: Links | None,
) -> tuple[DeltaReport, _Tables]:
    start, since = last_cut(previous), read_from(previous) - overlap
    delta = DeltaReport(_stamp(root, cut), start, cut, rows=dict.fromkeys(KINDS, 0))
    tables = _Tables(delta.folder, (*KINDS, DELETIONS))
    removals = tables.writers[DELETIONS]
    # what left publication in the period, by id: written once it is known that a reader
    # could hold it, at most GONE_BATCH at a time (an operator deleting a whole source)
    gone: dict[str, Tombstone] = {}

    def settle() -> None:
        held = _held(root, previous, set(gone))
        for tombstone in gone.values():
            if tombstone.id in held:
                removals.add(_removal(tombstone))
        gone.clear()

    # a document saved again while the delta is read comes back later in the read (its
    # time moved): once is enough, its newer state is after the cut, in the next delta
    seen: set[str] = set()
    try:
        for doc in changed_since(db, since):
            if doc.id in seen:
                continue
            seen.add(doc.id)
            if _published(doc):
                tables.writers[doc.kind].add(_record(doc, links, cut.date()))
                delta.rows[doc.kind] += 1
            else:
                gone[doc.id] = Tombstone(doc.id, doc.kind, doc.updated_at or cut)
                if len(gone) >= GONE_BATCH:
                    settle()
        settle()
        for tombstone in deleted_since(db, since):
            gone[tombstone.id] = tombstone
            if len(gone) >= GONE_BATCH:
                settle()
        settle()
        tables.close()
    except BaseException:
        tables.abort()
        raise
    delta.deleted = removals.rows
    return delta, tables


def _held(root: Path, previous: dict[str, Any], wanted: set[str]) -> set[str]:
    """Which of ``wanted`` a reader of the earlier dumps could hold: those in the previous
    full dump (still in place: this run's files replace it only once all are written) or
    among the records of a delta the previous catalog keeps. Only the ``id`` column of
    each Parquet file is read (its JSONL when the Parquet file cannot be read); a file
    missing lists nothing of its own: a removal is only said of what was published."""
    if not wanted:
        return set()
    value_set = pa.array(sorted(wanted), pa.string())
    held: set[str] = set()
    for folder in (root, *delta_folders(previous, root)):
        for kind in KINDS:
            held |= _ids_in(folder, kind, value_set)
    return held


def _ids_in(folder: Path, stem: str, value_set: pa.Array) -> set[str]:
    try:
        found: set[str] = set()
        for batch in pq.ParquetFile(folder / f"{stem}.parquet").iter_batches(
            batch_size=65_536, columns=["id"]
        ):
            ids = batch.column(0)
            found.update(ids.filter(pc.is_in(ids, value_set=value_set)).to_pylist())
        return found
    except (OSError, pa.ArrowException, KeyError):
        pass
    wanted = set(value_set.to_pylist())
    found = set()
    try:
        with gzip.open(folder / f"{stem}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if isinstance(record, dict) and record.get("id") in wanted:
                    found.add(record["id"])
    except (OSError, EOFError, ValueError):
        return found
    return found


def _removal(tombstone: Tombstone) -> dict[str, Any]:
    at = tombstone.at if tombstone.at.tzinfo else tombstone.at.replace(tzinfo=dt.UTC)
    return {"id": tombstone.id, "kind": tombstone.kind, "reason": RETIRED, "at": at.isoformat()}


def write_dump(
    db: Database,
    folder: Path,
    now: dt.datetime | None = None,
    keep_days: int = KEEP_DAYS,
    overlap: dt.timedelta = OVERLAP,
    links: Links | None = None,
) -> DumpReport:
    """The full dump into ``folder`` and, when ``folder`` holds a previous run's catalog,
    the delta since that run; then the cumulative catalog. Every file is renamed into
    place only once all of them are written; expired deltas go once the new catalog no
    longer lists them. ``links``: each record's page address and citation (left empty
    without)."""
    folder.mkdir(parents=True, exist_ok=True)
    with _only_dump(folder):
        return _write_dump(db, folder, now, keep_days, overlap, links)


def _write_dump(
    db: Database,
    folder: Path,
    now: dt.datetime | None,
    keep_days: int,
    overlap: dt.timedelta,
    links: Links | None,
) -> DumpReport:
    cut = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    # a write begun before the cut and committed after this run read carries the time it
    # was made: the next delta reads from when the oldest one open began (PostgreSQL);
    # SQLite's single writer is waited for, and is then committed before anything is read
    open_since = db.oldest_open_write(settle=True)
    previous = read_previous(folder)
    report = DumpReport(rows=dict.fromkeys(KINDS, 0))
    full = _full(db, folder, report, links, cut.date())
    delta_tables = None
    if previous is not None:
        try:
            report.delta, delta_tables = _delta(db, folder, previous, cut, overlap, links)
        except BaseException:
            full.abort()
            raise
    kept, expired = kept_deltas(previous, folder, cut, keep_days)
    datasets = [full_dataset(full.publish(folder, "Documentos", cut), cut)]
    if report.delta is not None and delta_tables is not None:
        distributions = delta_tables.publish(folder, "Cambios", cut)
        kept.append(delta_dataset(report.delta.folder.name, report.delta.start, cut, distributions))
    report.catalog = catalog(cut, datasets[0], kept, keep_days, open_since)
    write_catalog(folder, report.catalog)
    for old in expired:
        shutil.rmtree(old, ignore_errors=True)
    return report
