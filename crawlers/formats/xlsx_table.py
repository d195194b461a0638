"""A listing published as an Excel workbook (``.xlsx``): the transparency exports of
courts and congresses. Its first worksheet's rows are read as a CSV table's are
(``crawlers.formats.csv_table``): its cells' text, shared strings resolved, and a date
stored as Excel stores it (a serial number, ``46363``, in a cell styled as a date)
written as the date it is (``2026-12-07``), never as the number.

A workbook is a zip of XML parts: each part read is bounded (``MAX_PART``, and packed at
most ``MAX_RATIO`` to 1 past a floor), and one declaring a document type (entities) is
refused, as any XML the crawl reads."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from posixpath import join, normpath

from lxml import etree

from crawlers.formats.csv_table import CsvError

MAX_PART = 64 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
NOT_A_WORKBOOK = "the answer is no Excel workbook: it cannot be read as one"
TOO_LARGE = f"the answer is no Excel workbook: a part of it unpacks past {MAX_PART} bytes"
# the number formats Excel builds in for dates (14-22, 45-47)
_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year error included)
_COLUMN = re.compile(r"^([A-Z]{1,3})")


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def _part(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    """A part of the workbook parsed, or None when it is absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    packed = max(info.compress_size, 1)
    if info.file_size > MAX_PART or (
        info.file_size > RATIO_FLOOR and info.file_size > packed * MAX_RATIO
    ):
        raise CsvError(TOO_LARGE)
    with archive.open(info) as handle:
        data = handle.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise CsvError(TOO_LARGE)
    if b"<!DOCTYPE" in data[:4096].upper():
        raise CsvError(NOT_A_WORKBOOK)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise CsvError(NOT_A_WORKBOOK) from exc


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The first worksheet in the workbook's order (its relationship's target)."""
    book = _part(archive, "xl/workbook.xml")
    rels = _part(archive, "xl/_rels/workbook.xml.rels")
    if book is not None and rels is not None:
        targets = {
            r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"
        }
        for sheet in book.iter("{*}sheet"):
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rid)
            if target:
                path = target.lstrip("/") if target.startswith("/") else join("xl", target)
                return normpath(path)
    names = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n))
    if not names:
        raise CsvError(NOT_A_WORKBOOK)
    return names[0]


def _shared(archive: zipfile.ZipFile) -> list[str]:
    root = _part(archive, "xl/sharedStrings.xml")
    if root is None:
        return []
    return ["".join(t.text or "" for t in item.iter("{*}t")) for item in root.iter("{*}si")]


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell styles (``s``) whose number format is a date's."""
    root = _part(archive, "xl/styles.xml")
    if root is None:
        return set()
    custom = set()
    for fmt in root.iter("{*}numFmt"):
        code = _QUOTED.sub("", fmt.get("formatCode", "")).lower()
        if re.search(r"[dy]", code) and fmt.get("numFmtId", "").isdigit():
            custom.add(int(fmt.get("numFmtId", "0")))
    styles = set()
    for xfs in root.iter("{*}cellXfs"):
        for n, xf in enumerate(x for x in xfs if _local(x.tag) == "xf"):
            written = xf.get("numFmtId", "0")
            number = int(written) if written.isdigit() else 0
            if number in _DATE_FORMATS or number in custom:
                styles.add(n)
    return styles


def _index(reference: str | None, fallback: int) -> int:
    """``C7`` → 2 (the column, from 0); the next column when the cell names none."""
    found = _COLUMN.match(reference or "")
    if not found:
        return fallback
    number = 0
    for letter in found[1]:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _value(cell: etree._Element, shared: list[str], dates: set[int]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter("{*}t"))
    raw = next((v.text or "" for v in cell if _local(v.tag) == "v"), "")
    if kind == "s":
        return shared[int(raw)] if raw.isdigit() and int(raw) < len(shared) else ""
    style = cell.get("s", "0")
    if kind == "n" and raw and style.isdigit() and int(style) in dates:
        try:
            return (_EPOCH + dt.timedelta(days=int(float(raw)))).isoformat()
        except (ValueError, OverflowError):
            return raw
    if kind == "n" and raw.endswith(".0"):
        return raw[:-2]
    return raw


def xlsx_rows(body: bytes) -> list[list[str]]:
    """The first worksheet's rows, each cell's text in its column (gaps left "")."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            sheet = _part(archive, _first_sheet(archive))
            if sheet is None:
                raise CsvError(NOT_A_WORKBOOK)
            shared, dates = _shared(archive), _date_styles(archive)
            rows = []
            for row in sheet.iter("{*}row"):
                cells: dict[int, str] = {}
                for cell in row:
                    if _local(cell.tag) == "c":
                        at = _index(cell.get("r"), max(cells, default=-1) + 1)
                        cells[at] = _value(cell, shared, dates)
                width = max(cells, default=-1) + 1
                rows.append([cells.get(n, "") for n in range(min(width, 16_384))])
            return rows
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        if isinstance(exc, CsvError):
            raise
        raise CsvError(NOT_A_WORKBOOK) from exc
