"""A listing published as a CSV table (the Poder Judicial de Nuevo León's sentences
export: ``Fecha Emisión,Fecha Publicación,Delitos-Modalidades,Juez,Sentido del
Fallo,Sentencia`` then one row per sentence, its link in the last cell).

Each row becomes a record keyed by its column's header written as a path can name it:
without accents, in lowercase, words joined by ``_`` («Fecha Emisión» → ``fecha_emision``,
«Sentido del Fallo» → ``sentido_del_fallo``), so ``json_api``'s paths and templates read
it as they read a JSON record. Tables exported by Excel on Windows are Windows-1252 with
``;`` between cells and sometimes a ``sep=;`` first line: the text is decoded by its
bytes (a byte-order mark, valid UTF-8, the declared charset, then Windows-1252) and the
separator is the one the header line uses most."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from itertools import islice

from indexer.extract.sniff import charset_from_content_type, decode_declared

SEPARATORS = ",;\t|"
_SEP_LINE = re.compile(r"^\ufeff?\"?sep=(.)\"?\s*$", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d{1,12}")
# a SIPOT export's own rows above its header: the title, TÍTULO…, the format's name,
# the types, the ids, «Tabla Campos» (a few more are no such export)
SIPOT_PREAMBLE = 10
# the largest cell read (a whole sentence's text pasted into one cell is text; more is
# no listing); csv's own default is 128 KiB
MAX_CELL = 1_000_000


EMPTY = "the table is empty: it has no header line"
MARKUP = "the answer is no CSV table: it is an HTML or XML page"
LONG_CELL = f"the answer is no CSV table: a cell is longer than {MAX_CELL} characters"
UNREADABLE = "the answer is no CSV table: it cannot be read as one"
NO_HEADER = "no row of the table has the header cell json_api.header names"


class CsvError(ValueError):
    """A body that is no CSV table (empty, a page, a cell past ``MAX_CELL``)."""


def column_key(header: str, position: int) -> str:
    """A header as a path names it: «Fecha Emisión» → ``fecha_emision``; an empty or
    symbol-only header is ``columna_<n>`` (counted from 1)."""
    folded = unicodedata.normalize("NFKD", header.strip().lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_WORD.sub("_", plain).strip("_") or f"columna_{position + 1}"


def _separator(first_line: str, default: str | None = ",") -> str | None:
    """The separator the header line uses most outside quotes (``default`` when none)."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {s: outside.count(s) for s in SEPARATORS}
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else default


def csv_records(
    body: bytes, content_type: str | None, header: str | None = None
) -> list[dict[str, str]]:
    """The table's rows as records keyed by ``column_key`` of its header (its first row
    of more than one cell: title lines of one cell above it are passed over); blank rows
    and rows repeating the header (tables exported page by page and joined) are left
    out; a cell past the header's columns has no name and is left out; a missing one is
    "". ``header`` (``json_api.header``) names a cell of the header row: the first row
    holding it is the header, whatever is above it."""
    text = decode_declared(body, (charset_from_content_type(content_type),))[0]
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    separator = None
    if lines and (said := _SEP_LINE.match(lines[0])):
        separator = said[1]
        text = "".join(lines[1:])
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise CsvError(EMPTY)
    if first.lstrip().startswith("<"):  # a site's error page sent with a 200
        raise CsvError(MARKUP)
    if separator is None:  # a title alone above the table says nothing of its separator
        heads = islice((line for line in text.splitlines() if line.strip()), SIPOT_PREAMBLE)
        first = next((line for line in heads if _separator(line, None)), first)
    reader = csv.reader(io.StringIO(text), delimiter=separator or _separator(first) or ",")
    previous = csv.field_size_limit(MAX_CELL)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise CsvError(LONG_CELL if "field limit" in str(exc) else UNREADABLE) from exc
    finally:
        csv.field_size_limit(previous)
    return table_records(rows, header)


def _filled(row: list[str]) -> list[int]:
    """The positions of a row's cells that hold something."""
    return [n for n, cell in enumerate(row) if cell.strip()]


def sipot_header(rows: list[list[str]]) -> int | None:
    """Where the header of a SIPOT export is (the Plataforma Nacional de Transparencia's
    formats of the LGTAIP's obligations, as every court and congress publishes them), or
    None when the table is no such export or not laid out as the formats fix it.

    Such an export opens with the format's own rows: its title alone («Sentencias
    emitidas…», or the format's number), «TÍTULO | NOMBRE CORTO | DESCRIPCIÓN», the
    format's name, short name and description, a row of each column's type (``1``, ``4``,
    ``7``…) and one of each column's id (``418771``…), «Tabla Campos» alone; then the
    real header («Ejercicio | Fecha de inicio del periodo que se informa | … | Nota»).
    The header is taken only when it is where the ids say: a cell of text over each id,
    none elsewhere; anything else is no certainty, and a wrong header reads wrong
    values."""
    start = None
    for at, row in enumerate(rows[:SIPOT_PREAMBLE]):
        cells = [row[n] for n in _filled(row)]
        if [column_key(c, 0) for c in cells[:3]] == ["titulo", "nombre_corto", "descripcion"]:
            start = at
            break
    if start is None:
        return None
    ids: list[int] | None = None
    for at in range(start + 2, min(len(rows), start + SIPOT_PREAMBLE)):
        row, where = rows[at], _filled(rows[at])
        if where and all(_DIGITS.fullmatch(row[n].strip()) for n in where):
            if ids is not None and where != ids:  # types and ids of different columns
                return None
            ids = where
        elif ids is not None and len(where) == 1 and len(ids) > 1:
            continue  # «Tabla Campos»
        elif ids is not None and where == ids:
            return None if any(_DIGITS.fullmatch(row[n].strip()) for n in where) else at
        else:
            return None
    return None


def _named_header(rows: list[list[str]], name: str) -> int:
    """The first row with a cell named ``name`` (compared as keys: «NÚMERO DE
    EXPEDIENTE» is «Número de expediente»), or CsvError: a table without it is not the
    one the spec describes, and a header guessed instead would read wrong values."""
    wanted = column_key(name, 0)
    for at, row in enumerate(rows):
        if any(column_key(cell, 0) == wanted for cell in row if cell.strip()):
            return at
    raise CsvError(NO_HEADER)


def table_records(rows: list[list[str]], header: str | None = None) -> list[dict[str, str]]:
    """A table's rows (a CSV's, a worksheet's) as records, as ``csv_records`` says; a
    SIPOT export's from the header its format's rows announce (``sipot_header``)."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise CsvError(EMPTY)
    if header is not None:
        rows = rows[_named_header(rows, header) :]
    elif (header_at := sipot_header(rows)) is not None:
        rows = rows[header_at:]
    widest = max(sum(bool(cell.strip()) for cell in row) for row in rows)
    # a title line above the table («SENTENCIAS PÚBLICAS 2021») is no header
    if widest > 1 and header is None:
        while sum(bool(cell.strip()) for cell in rows[0]) == 1:
            rows = rows[1:]
    names = [cell.strip() for cell in rows[0]]
    keys: list[str] = []
    for position, name in enumerate(names):
        key = base = column_key(name, position)
        repeat = 1
        while key in keys:  # «Fecha», «Fecha» → fecha, fecha_2
            repeat += 1
            key = f"{base}_{repeat}"
        keys.append(key)
    records = []
    for row in rows[1:]:
        cells = [cell.strip() for cell in row]
        if cells[: len(names)] == names:
            continue
        records.append({key: (cells[n] if n < len(cells) else "") for n, key in enumerate(keys)})
    return records
