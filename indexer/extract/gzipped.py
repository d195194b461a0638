"""A document packed with gzip and served as such (``application/gzip``, a ``.pdf.gz``
name, or gzip's magic bytes under any declared type), not as a ``Content-Encoding`` the
crawler undoes: it was counted as a file of a type not read, the sentence inside lost.
It is unpacked a bounded piece at a time (every member read, a member cut short
noticed, ``MAX_MEMBERS`` at most: members that give nothing cost time and no bytes) up
to the size limit of a file, and what is inside is read as any file is. Past that limit it is a
``decompression_bomb`` (packed more than ``MAX_RATIO`` to 1) or ``too_large``; gzip
inside gzip is not unpacked again."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from .model import ExtractionError

GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip's magic number and its only method, deflate
MAX_RATIO = 100  # a PDF or a page packs some 2 to 10 to 1; a bomb, thousands
MAX_MEMBERS = 1000  # a file packed whole is one member; a few when appended (cat a.gz b.gz)
PIECE = 1024 * 1024
_GZIP_TYPES = {"application/gzip", "application/x-gzip", "application/x-gunzip"}


def gunzipped(
    data: bytes, content_type: str | None, filename: str | None, max_bytes: int
) -> tuple[bytes, str | None, str | None]:
    """The bytes inside ``data`` (gzip), and the type and name that describe them: a
    gzip type is no longer what they are, and ``x.pdf.gz`` names ``x.pdf``."""
    inside = bytearray()
    try:
        for piece in _unpacked(data):
            inside += piece
            if len(inside) > max_bytes:
                packed = max(1, len(data))
                if len(inside) > MAX_RATIO * packed:
                    raise ExtractionError(
                        "decompression_bomb",
                        f"el archivo gzip de {len(data)} bytes se expande a más de "
                        f"{len(inside)} (más de {MAX_RATIO} veces; máximo {max_bytes} bytes)",
                    )
                raise ExtractionError(
                    "too_large",
                    f"el archivo gzip se expande a más de {max_bytes} bytes (el máximo)",
                )
    except zlib.error as exc:
        raise ExtractionError(
            "malformed", "archivo gzip dañado: sus datos no se descomprimen"
        ) from exc
    if bytes(inside[:3]) == GZIP_MAGIC:
        raise ExtractionError("unsupported_type", "un archivo gzip dentro de otro: no se lee")
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in _GZIP_TYPES:
        content_type = None
    if filename:
        path = filename.split("?", 1)[0].split("#", 1)[0]
        if path.lower().endswith((".gz", ".gzip")):
            filename = path.rsplit(".", 1)[0]
    return bytes(inside), content_type, filename


def _unpacked(data: bytes) -> Iterator[bytes]:
    """The bytes of every member of ``data``, ``PIECE`` at most at a time; a member cut
    before its end, or more than ``MAX_MEMBERS``, is an ``ExtractionError`` (data that is
    no gzip, a ``zlib.error``)."""
    rest, members = data, 0
    while rest:
        if not rest.startswith(b"\x1f\x8b") and not rest.strip(b"\0"):
            break  # some writers pad the last member with zeros
        members += 1
        if members > MAX_MEMBERS:
            raise ExtractionError(
                "malformed", f"archivo gzip de más de {MAX_MEMBERS} partes: no se lee"
            )
        member = zlib.decompressobj(wbits=31)
        chunk = rest
        while not member.eof:
            piece = member.decompress(chunk, PIECE)
            left = member.unconsumed_tail
            if piece:
                yield piece
            elif len(left) >= len(chunk):  # nothing given, nothing taken: the data ended
                raise ExtractionError("malformed", "el archivo gzip está cortado antes de su final")
            chunk = left
        rest = member.unused_data
