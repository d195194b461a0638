"""Decompression bombs: a small PDF whose streams inflate to gigabytes.

pdfium decodes a page's content stream whole; past the worker's memory cap it aborts
the process, which says nothing about why. After a worker dies or overruns on a PDF,
:func:`largest_inflation` decodes each stream in bounded steps, never holding more
than one chunk, and stops past the limit, so the true cause can be reported.

A stream is decoded through the filters its dictionary names, in order: Flate (zlib)
and LZW, the two whose output is not bounded by their input (RunLength is at most 128
to 1, and an image codec's size is its declared width and height). A Flate stream
packed again with Flate (``[/FlateDecode /FlateDecode]``: 3 KB that inflate to 1 GB)
or an LZW stream (some 1,100 to 1 for a run of one byte: 800 KB to 1 GB) killed the
worker as surely as one Flate layer, and was counted as a damaged or too large file.
So did a page whose content is an array listing one stream of 150 MB eight times:
pdfium joins them into one, and that is what is measured for such a page.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Iterable, Iterator

_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
# the last /Filter of the dictionary before a stream: one name or an array of names
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_FLATE = {b"FlateDecode", b"Fl"}
_LZW = {b"LZWDecode", b"LZW"}
# a page's content as an array of streams, the references in it, and where objects begin
_CONTENTS = re.compile(rb"/Contents\s*\[([^\]]*)\]")
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJECT = re.compile(rb"(?<![\d.])(\d+)\s+(\d+)\s+obj\b")
_HEAD_BYTES = 4096  # how far back a stream's dictionary is looked for
_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 1024 * 1024
# LZW is decoded in Python (a code at a time, about 1 s per MB of codes): past this many
# bytes of codes in a file it is not measured further (at 1,100 to 1 they decode to GBs)
_LZW_BUDGET = 8 * 1024 * 1024


class _Count:
    """Bytes that passed through one stage of a stream's decoding."""

    def __init__(self) -> None:
        self.total = 0


def _zlib_header(head: bytes) -> bool:
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _pieces(data: memoryview) -> Iterator[memoryview]:
    for position in range(0, len(data), _IN_CHUNK):
        yield data[position : position + _IN_CHUNK]


def _inflate(pieces: Iterable[bytes | memoryview], count: _Count, limit: int) -> Iterator[bytes]:
    """The zlib stream in ``pieces`` inflated, a chunk at a time; stops past ``limit``."""
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            pending: bytes | memoryview = piece
            while not inflater.eof:
                out = inflater.decompress(pending, _OUT_CHUNK)
                count.total += len(out)
                if out:
                    yield out
                if count.total > limit:
                    return
                pending = inflater.unconsumed_tail
                if not pending and not out:
                    break
            if inflater.eof:
                return
    except zlib.error:
        return


def _lzw_size(pieces: Iterable[bytes | memoryview], limit: int, budget: _Count) -> int:
    """Bytes the LZW codes in ``pieces`` decode to (EarlyChange 1, as PDFs write them),
    counted from the length of each table entry, never the entries themselves; stops
    past ``limit`` or once ``budget`` bytes of codes were read in this file."""
    lengths = [1] * 258
    width, total, previous = 9, 0, 0
    bits = held = 0
    for piece in pieces:
        budget.total += len(piece)
        for byte in bytes(piece):
            bits = bits << 8 | byte
            held += 8
            while held >= width:
                held -= width
                code = bits >> held
                bits &= (1 << held) - 1
                if code == 256:
                    del lengths[258:]
                    width, previous = 9, 0
                    continue
                if code == 257:
                    return total
                if code < len(lengths):
                    length = lengths[code]
                elif code == len(lengths) and previous:
                    length = previous + 1
                else:
                    return total  # a code past the table: the decoder stops there too
                if previous and len(lengths) < 4096:
                    lengths.append(previous + 1)
                previous = length
                total += length
                if total > limit:
                    return total
                size = len(lengths) + 1
                width = 9 if size < 512 else 10 if size < 1024 else 11 if size < 2048 else 12
        if budget.total > _LZW_BUDGET:
            return total
    return total


def _filters(data: bytes, start: int, body: int) -> list[str]:
    """The filters the stream's dictionary names (``flate``, ``lzw`` or ``other``), in
    order; without a /Filter, ``flate`` if the stream (from ``body``) starts as zlib does."""
    head = data[max(0, start - _HEAD_BYTES) : start]
    head = head[head.rfind(b"obj") + 1 :]
    named = _FILTER.findall(head)  # the last one is the stream's
    if not named:
        return ["flate"] if _zlib_header(data[body : body + 2]) else []
    names = _NAME.findall(named[-1])
    return ["flate" if n in _FLATE else "lzw" if n in _LZW else "other" for n in names]


def _decoded_size(data: memoryview, filters: list[str], limit: int, budget: _Count) -> int:
    """The largest size a stage of the stream's decoding reaches, stopping past ``limit``."""
    pieces: Iterable[bytes | memoryview] = _pieces(data)
    counts: list[_Count] = []
    for name in filters:
        if name == "flate":
            counts.append(_Count())
            pieces = _inflate(pieces, counts[-1], limit)
        elif name == "lzw":
            return max([_lzw_size(pieces, limit, budget), *(c.total for c in counts)])
        else:
            break  # an image codec or the like: its output is not what is measured
    if not counts:
        return 0
    for _ in pieces:
        if any(count.total > limit for count in counts):
            break
    return max(count.total for count in counts)


def _largest_page(data: bytes, sizes: dict[int, int], limit: int) -> int:
    """The largest decoded size of a page's content given as an array of streams, which
    pdfium joins into one: the sizes of its streams (``sizes``, by where each begins)
    added up, each as often as it is listed (one stream of 150 MB listed eight times is
    1.2 GB to hold for a file of 150 KB); stops past ``limit``."""
    arrays = _CONTENTS.findall(data)
    if not arrays:
        return 0
    objects = {(m.group(1), m.group(2)): m.end() for m in _OBJECT.finditer(data)}  # last wins
    starts = sorted(sizes)
    largest = 0
    for array in arrays:
        total = 0
        for number, generation in _REFERENCE.findall(array):
            if (at := objects.get((number, generation))) is None:
                continue
            index = bisect.bisect_left(starts, at)
            end = data.find(b"endobj", at)
            if index < len(starts) and (end < 0 or starts[index] < end):  # its own stream
                total += sizes[starts[index]]
            if total > limit:
                return total
        largest = max(largest, total)
    return largest


def largest_inflation(data: bytes, limit: int) -> int:
    """The largest decoded size of any Flate or LZW stream in ``data``, or of a page's
    content made of several, stopping past ``limit``."""
    view = memoryview(data)
    sizes: dict[int, int] = {}  # decoded size by where the stream begins
    budget = _Count()  # bytes of LZW codes read so far
    for match in _STREAM_START.finditer(data):
        filters = _filters(data, match.start(), match.end())
        if not filters or filters[0] == "other":
            continue
        if filters[0] == "lzw" and budget.total > _LZW_BUDGET:
            continue
        size = sizes[match.end()] = _decoded_size(view[match.end() :], filters, limit, budget)
        if size > limit:
            return size
    return max(max(sizes.values(), default=0), _largest_page(data, sizes, limit))
