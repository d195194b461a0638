"""``Range`` on an archived original, judged before the file is sent: a header that is
not a byte range is ignored (RFC 9110 lets a server send the whole file), so nobody gets
the file server's English plain-text 400; a range beyond the file is a 416 in both
languages with ``Content-Range``. A good one is left to the file response.

A number is read only when it is short enough to mean a byte of a file: ``int`` refuses
a decimal of more than 4,300 digits (a 500 for ``bytes=0-999…9``), and the file response
reads the header again with ``int``. A start past any file is a 416; any other range
written with a longer number is served as the whole file (it asks for the file to its
end, and RFC 9110 lets a server ignore ``Range``)."""

from __future__ import annotations

import re

from fastapi import Request

from api.mensajes import Refused

_PART = re.compile(r"^(\d*)-(\d*)$")
MAX_RANGES = 100
MAX_DIGITS = 18  # a byte offset of any file, written in full; 10**18 is an exabyte


def check_range(request: Request, size: int) -> None:
    """Drop a malformed ``Range`` from the request; refuse an unsatisfiable one."""
    asked = request.headers.get("range")
    if asked is None:
        return
    starts = _starts(asked, size)
    if starts is None:
        scope_headers = request.scope["headers"]
        request.scope["headers"] = [(k, v) for k, v in scope_headers if k.lower() != b"range"]
        return
    if any(not 0 <= start < size for start in starts):
        raise Refused(
            416,
            f"the range asked lies beyond the file's {size} bytes",
            f"el rango pedido queda fuera del archivo, que tiene {size} bytes",
            {"Content-Range": f"bytes */{size}"},
        )


def _starts(asked: str, size: int) -> list[int] | None:
    """Where each range begins, or None when the header is no byte range at all."""
    unit, equals, spec = asked.partition("=")
    if unit.strip().lower() != "bytes" or not equals:
        return None
    parts = [part.strip() for part in spec.split(",")]
    if not 0 < len(parts) <= MAX_RANGES:
        return None
    starts = []
    for part in parts:
        found = _PART.match(part)
        if found is None or not (found[1] or found[2]):
            return None
        first, last = found[1], found[2]
        if len(first) > MAX_DIGITS or len(last) > MAX_DIGITS:
            if len(first.lstrip("0")) > MAX_DIGITS:
                starts.append(size)  # past the file, however it ends
                continue
            return None
        if first and last and int(last) < int(first):
            return None
        starts.append(int(first) if first else max(size - int(last), 0) if int(last) else size)
    return starts
