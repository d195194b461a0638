"""One table of the dataset written as it streams, in two formats at once: gzipped JSON
lines and Parquet. Parquet rows are buffered only up to a row group (a number of rows or
of text bytes, whichever comes first), so memory stays bounded at any size.

Both files are written under temporary names (``.name.part``); ``publish`` renames them
into place once complete, so a dump that stops half way leaves no file the catalog does
not describe.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from indexer.dump.schema import Column, arrow_schema
from indexer.jsonlines import json_line

GROUP_ROWS = 5_000
GROUP_BYTES = 16 << 20  # of text in a row group's buffer
CHUNK = 1 << 20
ZSTD_LEVEL = 6  # about gzip -6's size, faster; zstd's default (1) writes a fifth more


@dataclass
class WrittenFile:
    path: Path
    media_type: str
    format: str
    compression: str
    rows: int
    size: int = 0
    sha256: str = ""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


class TableWriter:
    """``{stem}.jsonl.gz`` and ``{stem}.parquet`` in ``folder``, filled row by row."""

    def __init__(self, folder: Path, stem: str, cols: tuple[Column, ...]) -> None:
        self.folder, self.stem, self.cols = folder, stem, cols
        self.schema = arrow_schema(cols)
        self.rows = 0
        # closed by close() or abort(): the writer outlives any one block
        self._jsonl: IO[str] = gzip.open(  # noqa: SIM115
            self._part("jsonl.gz"), "wt", compresslevel=6, encoding="utf-8"
        )
        self._parquet = pq.ParquetWriter(
            self._part("parquet"), self.schema, compression="zstd", compression_level=ZSTD_LEVEL
        )
        self._buffer: dict[str, list[Any]] = {c.name: [] for c in cols}
        self._buffered_rows = 0
        self._buffered_bytes = 0

    def _part(self, suffix: str) -> Path:
        return self.folder / f".{self.stem}.{suffix}.part"

    def add(self, record: dict[str, Any]) -> None:
        """One row: ``record`` as the API writes a document (JSON mode)."""
        self._jsonl.write(json_line(record))
        self._jsonl.write("\n")
        for column in self.cols:
            self._buffer[column.name].append(column.value(record))
        self.rows += 1
        self._buffered_rows += 1
        self._buffered_bytes += len(record.get("text") or "")
        if self._buffered_rows >= GROUP_ROWS or self._buffered_bytes >= GROUP_BYTES:
            self._flush_group()

    def _flush_group(self) -> None:
        if not self._buffered_rows:
            return
        table = pa.Table.from_pydict(self._buffer, schema=self.schema)
        self._parquet.write_table(table, row_group_size=self._buffered_rows)
        self._buffer = {c.name: [] for c in self.cols}
        self._buffered_rows = self._buffered_bytes = 0

    def close(self) -> None:
        self._flush_group()
        self._parquet.close()
        self._jsonl.close()

    def abort(self) -> None:
        """Stop without publishing: the partial files are removed."""
        for closing in (self._parquet.close, self._jsonl.close):
            with contextlib.suppress(Exception):  # already failing: the cleanup goes on
                closing()
        for suffix in ("jsonl.gz", "parquet"):
            self._part(suffix).unlink(missing_ok=True)

    def publish(self) -> list[WrittenFile]:
        """Rename the finished files into place; their sizes and sums, for the catalog."""
        written = [
            WrittenFile(self.folder / f"{self.stem}.jsonl.gz", "application/x-ndjson",
                        "JSONL", "application/gzip", self.rows),
            WrittenFile(self.folder / f"{self.stem}.parquet", "application/vnd.apache.parquet",
                        "Parquet", "zstd", self.rows),
        ]  # fmt: skip
        for file, suffix in zip(written, ("jsonl.gz", "parquet"), strict=True):
            self._part(suffix).replace(file.path)
            file.size = file.path.stat().st_size
            file.sha256 = sha256_of(file.path)
        return written
