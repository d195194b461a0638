"""Pages a SQLite database wrote, read from its write-ahead log: a measure of a write
path's cost that the machine's load does not change.

Each commit appends every page it changed to the log (``<db>-wal``) as a frame; a
checkpoint copies them into the database and the next writer starts the log again from
its beginning with new salts. ``WalPages.frames()`` is the number of frames written since
it was made, counted across those restarts (the frames of the old log past the new one's
end are still there, with the old salts); ``pages()`` the frames' page numbers, and
``trees()`` which table or index each page is (SQLite's ``dbstat``), so the pages a run
wrote can be told per index.
"""

from __future__ import annotations

import sqlite3
import struct
from collections import Counter
from pathlib import Path

HEADER = 32
FRAME_HEADER = 24


class WalPages:
    """Frames written to ``database``'s log since this was made (or ``reset``)."""

    def __init__(self, database: Path) -> None:
        self.wal = Path(f"{database}-wal")
        self.database = database
        self.salts = b""
        self.seen = 0  # frames of the current log counted
        self.total = 0
        self.numbers: list[int] = []
        self._look(record=False)
        self.total = 0

    def frames(self) -> int:
        self._look(record=True)
        return self.total

    def take_pages(self) -> list[int]:
        """The page numbers of the frames counted since the last call."""
        self._look(record=True)
        numbers, self.numbers = self.numbers, []
        return numbers

    def _look(self, record: bool) -> None:
        if not self.wal.is_file():
            return
        with self.wal.open("rb") as log:
            header = log.read(HEADER)
            if len(header) < HEADER:
                return
            page_size = struct.unpack(">I", header[8:12])[0]
            salts = header[16:24]
            if salts != self.salts:
                if self.salts:  # restarted: the old log's frames past our last look
                    self._count(log, page_size, self.salts, self.seen, record)
                self.salts, self.seen = salts, 0
            self.seen = self._count(log, page_size, salts, self.seen, record)

    def _count(self, log, page_size: int, salts: bytes, start: int, record: bool) -> int:  # type: ignore[no-untyped-def]
        """Count the frames with ``salts`` from frame ``start`` on; the index past them."""
        n = start
        size = FRAME_HEADER + page_size
        while True:
            log.seek(HEADER + n * size)
            head = log.read(FRAME_HEADER)
            if len(head) < FRAME_HEADER or head[8:16] != salts:
                return n
            if record:
                self.numbers.append(struct.unpack(">I", head[:4])[0])
            self.total += 1
            n += 1


def trees(database: Path) -> dict[int, str]:
    """Each page's table or index, now."""
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT pageno, name FROM dbstat"))


def per_tree(numbers: list[int], names: dict[int, str], documents: int) -> dict[str, float]:
    """Pages written per 100 documents, by table or index (most first)."""
    counts = Counter(names.get(n, "(other)") for n in numbers)
    return {name: round(100 * c / max(documents, 1), 1) for name, c in counts.most_common()}
