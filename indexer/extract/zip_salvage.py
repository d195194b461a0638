"""A Word file cut short (a download interrupted, a site that stopped sending): its zip
has lost the directory at its end, which ``zipfile`` needs, while the parts before the
cut are whole. Refused as «un archivo ZIP dañado, un tipo cuyo texto no se lee», the
document's cause was wrong (the type is read) and its text lost.

The parts are walked by their local headers, as ``unzip`` salvages, each checked by its
CRC and the whole bounded: what they inflate to in all (``max_inflated``), how many
(``MAX_PARTS``); media parts are skipped. A package whose Word body is among the whole
parts is rebuilt as a zip and read as Word; one whose body was cut is refused as
``malformed`` saying so."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from .model import ExtractionError

_LOCAL = b"PK\x03\x04"
_HEADER = struct.Struct("<4sHHHIIIIHH")  # signature … name and extra lengths
MAX_PARTS = 5_000
_DESCRIPTOR = 0x08
_ENCRYPTED = 0x01
_UTF8 = 0x800
BODIES = ("word/document.xml", "word/document2.xml")
CUT = (
    "el documento Word está incompleto: se corta antes de su final (le falta el índice "
    "del ZIP, ¿una descarga interrumpida?) y su cuerpo (word/document.xml) no está entero"
)


_END = b"PK\x05\x06"
_END_REACH = 65_557  # the end record and the longest comment after it


def _cut(data: bytes) -> bool:
    """No end record where ``zipfile`` looks for it: the zip's end is lost (its
    directory is not listed here: a huge one is refused by the Word reader)."""
    return data.rfind(_END, max(0, len(data) - _END_REACH)) < 0


def _inflate(data: bytes, start: int, most: int) -> tuple[bytes, int] | None:
    """The deflated part at ``start``, inflated, and where it ends; None when cut or over
    ``most`` bytes."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        out = inflater.decompress(memoryview(data)[start:], most + 1)
    except zlib.error:
        return None
    if not inflater.eof or len(out) > most:
        return None
    return out, len(data) - len(inflater.unused_data)


def _parts(data: bytes, max_inflated: int) -> dict[str, bytes]:
    """The whole parts of ``data`` (no media), by name, read by their local headers."""
    parts: dict[str, bytes] = {}
    position, left = 0, max_inflated
    while data.startswith(_LOCAL, position) and len(parts) < MAX_PARTS:
        if len(data) < position + _HEADER.size:
            break
        _, _, flags, method, _, crc, packed, _, name_len, extra_len = _HEADER.unpack_from(
            data, position
        )
        raw = data[position + _HEADER.size : position + _HEADER.size + name_len]
        name = raw.decode("utf-8" if flags & _UTF8 else "cp437", "replace")
        start = position + _HEADER.size + name_len + extra_len
        if flags & _ENCRYPTED or method not in (0, 8):
            break
        media = name.startswith("word/media/")
        if media and not flags & _DESCRIPTOR:  # an image: skipped, never inflated
            position = start + packed
            continue
        if method == 8:
            got = _inflate(data, start, left)
            if got is None:
                break
            body, end = got
        elif flags & _DESCRIPTOR or start + packed > len(data):
            break
        else:
            body, end = data[start : start + packed], start + packed
        if not flags & _DESCRIPTOR and zlib.crc32(body) != crc:
            break
        left -= len(body)
        if not media:
            parts[name] = body
        following = data.find(_LOCAL, end, end + 64) if flags & _DESCRIPTOR else end
        if following < 0:
            break
        position = following
    return parts


def salvaged_word(data: bytes, max_inflated: int) -> bytes | None:
    """``data`` rebuilt from its whole parts when it is a Word file whose zip directory is
    lost; None when it is whole or no Word file. ``malformed`` when it is a Word file cut
    inside its body."""
    if not data.startswith(_LOCAL) or not _cut(data):
        return None
    parts = _parts(data, max_inflated)
    if not any(body in parts for body in BODIES):
        if any(body.encode() in data[:65_536] for body in BODIES):
            raise ExtractionError("malformed", CUT)
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()
