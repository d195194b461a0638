"""CSV and JSONL written a batch of rows at a time, as UTF-8 bytes.

CSV opens cleanly in spreadsheet programs: a header row, every cell with a line break,
comma or quote quoted, lists joined with ``; ``, an optional byte-order mark (Excel reads
UTF-8 only with it), and a cell that a spreadsheet would run as a formula (starting with
``= + - @``, or a tab or carriage return) prefixed with ``'`` so it stays text. What
starts a cell is its first visible character: spreadsheets trim blanks before it (a
space, a line feed, a no-break or zero-width space) and read full-width forms (``＝``)
as their ASCII ones.

An export that breaks before its first batch went out answers an error status (500):
the compression middleware holds the status line until the body's first bytes. One that
breaks later cannot: it says so in the file, then ends the transfer without its final
chunk (curl exits with code 18, Python's requests raises ``ChunkedEncodingError``). JSONL
ends with a line ``{"_error": {...}}`` (the key ``_error`` and no ``id``: the lines
before it are whole documents, the rest are missing); CSV with a line ``# ERROR: …`` (a
comment line for readers that skip them, such as pandas with ``comment="#"``; the last
row a spreadsheet shows). Each counts the whole rows before it. A file that ends without
either and without the transfer's end was cut by the network. A search refused partway
(its work budget spent, the store gone) says why in that line, not "internal error".
"""

from __future__ import annotations

import csv
import io
import json
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from api.deps import BadSearch
from indexer.jsonlines import json_line
from indexer.stores.base import StoreUnavailable

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH_ROWS = 200
BATCH_CHARS = 1 << 20  # a batch is sent at this size too: rows with long texts
log = logging.getLogger(__name__)


class ExportBroken(RuntimeError):
    """The export stopped after its notice was written: the transfer ends unfinished."""


def _broken(sent: int, exc: Exception) -> dict[str, Any]:
    """The notice of an export that broke after ``sent`` rows: why, when the search
    refused to go on (past its work budget, the store gone), else an internal error
    (whose cause is in the log)."""
    why = _refusal(exc)
    if why is None:
        return {
            "detail": f"the export broke after {sent} rows: an internal error while reading "
            "the documents; the rows before this line are complete, repeat the request for "
            "the rest",
            "mensaje": f"la exportación se interrumpió tras {sent} filas por un error interno "
            "al leer los documentos; las filas anteriores están completas: repita la descarga "
            "para obtener el resto",
            "rows": sent,
        }
    detail, mensaje = why
    return {
        "detail": f"the export broke after {sent} rows: {detail}; the rows before this line "
        "are complete, the rest is missing",
        "mensaje": f"la exportación se interrumpió tras {sent} filas: {mensaje}; las filas "
        "anteriores están completas, falta el resto",
        "rows": sent,
    }


def _refusal(exc: Exception) -> tuple[str, str] | None:
    """Why the search stopped giving rows, in English and Spanish, or None."""
    if isinstance(exc, BadSearch):
        return exc.msg, exc.mensaje or exc.msg
    if isinstance(exc, StoreUnavailable):
        return (
            "the search index stopped answering",
            "el índice de búsqueda dejó de responder; repita la descarga en unos minutos",
        )
    return None


def cell(value: Any, name: str = "") -> str:
    if value is None:
        return ""
    if name == "parties" and isinstance(value, list):  # one a line (no name holds one)
        text = "\n".join(str(v) for v in value)
    elif isinstance(value, list):
        text = "; ".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if _runs(text) else text


def _runs(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula, however many blanks come
    first (the loop ends at the first other character)."""
    if text.startswith(FORMULA_STARTS):
        return True
    for char in text.lstrip():
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
    count = sent = 0
    started = False
    try:
        for row in rows:
            writer.writerow([cell(row.get(name), name) for name in fields])
            count += 1
            if count == BATCH_ROWS or buffer.tell() >= BATCH_CHARS:
                started = True
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
                sent, count = sent + count, 0
    except Exception as exc:
        if not started:
            raise  # nothing sent yet: an error status says it best
        log.exception("CSV export broken after %d rows", sent + count)
        notice = _broken(sent + count, exc)["mensaje"]
        yield (buffer.getvalue() + f"# ERROR: {notice}\r\n").encode()
        raise ExportBroken(notice) from exc
    yield buffer.getvalue().encode()


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    lines: list[str] = []
    size = sent = 0
    try:
        for row in rows:
            lines.append(json_line(row))
            size += len(lines[-1])
            if len(lines) == BATCH_ROWS or size >= BATCH_CHARS:
                yield ("\n".join(lines) + "\n").encode()
                sent, lines, size = sent + len(lines), [], 0
    except Exception as exc:
        if not sent:
            raise  # nothing sent yet: an error status says it best
        log.exception("JSONL export broken after %d rows", sent + len(lines))
        lines.append(json_line({"_error": _broken(sent + len(lines), exc)}))
        yield ("\n".join(lines) + "\n").encode()
        raise ExportBroken(lines[-1]) from exc
    if lines:
        yield ("\n".join(lines) + "\n").encode()
