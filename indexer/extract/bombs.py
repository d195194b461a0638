"""Decompression bombs: a small PDF whose Flate streams inflate to gigabytes.

pdfium inflates a page's content stream whole; past the worker's memory cap it aborts
the process, which says nothing about why. After a worker dies or overruns on a PDF,
:func:`largest_inflation` inflates each stream in bounded steps, never holding more
than one chunk, and stops past the limit, so the true cause can be reported.
"""

from __future__ import annotations

import re
import zlib

_STREAM_START = re.compile(rb"stream\r?\n")
_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 1024 * 1024


def _zlib_header(head: bytes) -> bool:
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _inflated_size(data: memoryview, limit: int) -> int:
    """Bytes the zlib stream starting ``data`` inflates to; counting stops past ``limit``."""
    inflater = zlib.decompressobj()
    total = position = 0
    try:
        while position < len(data) and total <= limit and not inflater.eof:
            pending: bytes | memoryview = data[position : position + _IN_CHUNK]
            position += len(pending)
            while pending and total <= limit and not inflater.eof:
                total += len(inflater.decompress(pending, _OUT_CHUNK))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return total


def largest_inflation(data: bytes, limit: int) -> int:
    """The largest inflated size of any zlib stream in ``data``, stopping past ``limit``."""
    view = memoryview(data)
    largest = 0
    for match in _STREAM_START.finditer(data):
        if not _zlib_header(data[match.end() : match.end() + 2]):
            continue
        largest = max(largest, _inflated_size(view[match.end() :], limit))
        if largest > limit:
            break
    return largest
