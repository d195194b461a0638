"""CSV and JSONL written a batch of rows at a time, as UTF-8 bytes.

CSV opens cleanly in spreadsheet programs: a header row, every cell with a line break,
comma or quote quoted, lists joined with ``; ``, an optional byte-order mark (Excel reads
UTF-8 only with it), and a cell that a spreadsheet would run as a formula (starting with
``= + - @``, or a tab or carriage return) prefixed with ``'`` so it stays text. What
starts a cell is its first visible character: spreadsheets trim blanks before it (a
space, a line feed, a no-break or zero-width space) and read full-width forms (``＝``)
as their ASCII ones.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from indexer.jsonlines import json_line

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH_ROWS = 200
BATCH_CHARS = 1 << 20  # a batch is sent at this size too: rows with long texts


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = "; ".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if _runs(text) else text


def _runs(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    if text.startswith(FORMULA_STARTS):
        return True
    for char in text[:200]:
        if char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Zs"):
            continue
        return unicodedata.normalize("NFKC", char).startswith(FORMULA_STARTS)
    return False


def csv_chunks(
    rows: Iterable[dict[str, Any]], fields: tuple[str, ...], bom: bool
) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write(BOM)
    writer.writerow(fields)
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in fields])
        count += 1
        if count == BATCH_ROWS or buffer.tell() >= BATCH_CHARS:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            count = 0
    yield buffer.getvalue().encode()


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    lines: list[str] = []
    size = 0
    for row in rows:
        lines.append(json_line(row))
        size += len(lines[-1])
        if len(lines) == BATCH_ROWS or size >= BATCH_CHARS:
            yield ("\n".join(lines) + "\n").encode()
            lines, size = [], 0
    if lines:
        yield ("\n".join(lines) + "\n").encode()
