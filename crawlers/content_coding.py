"""An answer's ``Content-Encoding`` undone a bounded piece at a time. A site may send gzip,
deflate or brotli though it was asked for none, and a few hundred bytes of them inflate to
gigabytes: httpx undoes each piece it receives whole, so the size limit would only speak
once the memory was spent. Here each step of the decoding gives at most ``PIECE`` bytes
at a time, and the caller counts them against its limit as they come.

A stack of codings ("gzip, deflate, gzip") is bounded at every step, not only at its
last: an inner stream that ends after a few bytes, followed by gigabytes an outer coding
inflated from a few hundred, gave the caller almost nothing to count while the outer
coding ran on (and zlib kept every byte after a stream's end, each piece copied onto the
rest: a body of 734 bytes held a crawl for a minute, a few more for hours). Each coding's
output now counts against the limit, and bytes after a stream's end are not kept.

A gzip answer may be several members one after the other (what ``cat a.gz b.gz`` makes;
some servers stream that way): each is read, so a page is not cut at its first member's
end, and a member that stops mid-stream is a cut answer. Members that give (next to)
nothing are refused past ``MAX_MEMBERS``: twenty megabytes of empty members held
Scrapy's gunzip half a minute."""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import brotli

if sys.version_info >= (3, 14):
    from compression.zstd import ZstdDecompressor, ZstdError
else:  # what Scrapy itself undoes zstd with (its dependency)
    from backports.zstd import ZstdDecompressor, ZstdError

from crawlers.causas import CODING_STACK, GZIP_MEMBERS

PIECE = 1024 * 1024
MAX_CODINGS = 3
"""The most codings undone on one answer: servers send one, a proxy may add a second;
each one more is another pass of up to the size limit (a thousand of them, a few
megabytes sent, would be a thousand passes of the limit)."""
MAX_MEMBERS = 64
MEMBER_BYTES = 1024
"""A gzip answer of more than ``MAX_MEMBERS`` members is refused once it has more members
than kilobytes (``MEMBER_BYTES``) decoded: a server streaming members gives kilobytes
each, and a member costs the decoders (Scrapy's GzipFile ~25 µs) however little it
gives."""
SLICE = 16 * 1024
"""The most compressed bytes handed to one gzip member's inflater at a time: zlib copies
whatever follows a member's end (``unused_data``), so a piece of many members was copied
once per member."""
Step = Callable[[bytes], Iterator[bytes]]


class CodingError(ValueError):
    """The bytes are not what their ``Content-Encoding`` says."""


class TooManyMembers(ValueError):
    """A gzip coding of more members than what they gave warrants (``MAX_MEMBERS``)."""

    def __init__(self, coding: str, members: int, given: int) -> None:
        super().__init__(GZIP_MEMBERS.format(coding=coding, members=members, given=given))


class PastLimit(ValueError):
    """One coding of the stack gave more than the limit: ``read`` bytes so far."""

    def __init__(self, coding: str, read: int, limit: int) -> None:
        super().__init__(f"{coding}: more than {limit} bytes decoded ({read} so far)")
        self.coding, self.read, self.limit = coding, read, limit


class Decoder:
    """Undoes a ``Content-Encoding`` header's codings (last applied, first undone);
    ``identity`` and codings this reader does not know pass the bytes through, as httpx
    does."""

    def __init__(self, content_encoding: str | None, limit: int = 0) -> None:
        """``limit``: when above 0, the most bytes any coding but the last may give
        (``PastLimit`` past it); the last one's pieces the caller counts as they come."""
        self._limit = limit
        names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
        self._codings = [
            (name, coding) for name in reversed(names) if (coding := _coding(name)) is not None
        ]

    def undone(self) -> str:
        """The codings this reader undoes, as a header in the order applied (``gzip,
        br``): what the crawl's decompression is given, so that it undoes the same."""
        return ", ".join(name for name, _ in reversed(self._codings))

    def too_many(self) -> str | None:
        """Why the answer is refused when its header declares more than ``MAX_CODINGS``
        codings this reader undoes, or None."""
        if len(self._codings) <= MAX_CODINGS:
            return None
        said = ", ".join(name for name, _ in reversed(self._codings))
        said = said if len(said) <= 60 else said[:59] + "…"
        return CODING_STACK.format(count=len(self._codings), codings=said, most=MAX_CODINGS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next bytes received, each at most ``PIECE`` long
        (made one at a time, as the caller takes them)."""
        pieces: Iterator[bytes] = iter((data,))
        for number, (name, coding) in enumerate(self._codings, 1):
            pieces = _each(coding.step, pieces)
            if self._limit > 0 and number < len(self._codings):
                pieces = _counted(pieces, name, coding, self._limit)
        try:
            yield from (piece for piece in pieces if piece)
        except (zlib.error, brotli.error, ZstdError) as exc:
            raise CodingError(str(exc)) from exc

    def unfinished(self) -> str | None:
        """Once every byte is decoded: the coding whose compressed data stopped before its
        stream's end (zlib and brotli say nothing when the input just stops: a body cut
        mid-stream reads as a shorter whole), or None when each came to its end."""
        for name, coding in self._codings:
            if not coding.ended():
                return name
        return None


@dataclass
class _Coding:
    step: Step
    ended: Callable[[], bool]
    given: int = 0


def _each(step: Step, pieces: Iterator[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from step(piece)


def _counted(pieces: Iterator[bytes], name: str, coding: _Coding, limit: int) -> Iterator[bytes]:
    for piece in pieces:
        coding.given += len(piece)
        if coding.given > limit:
            raise PastLimit(name, coding.given, limit)
        yield piece


def _coding(name: str) -> _Coding | None:
    if name in ("gzip", "x-gzip"):
        return _gzip(name)
    if name == "deflate":
        return _deflate()
    if name == "br":
        return _brotli()
    if name == "zstd":  # the crawl asks for it (Scrapy's Accept-Encoding)
        return _zstd()
    return None


def _zlib(wbits: int) -> _Coding:
    inflater = zlib.decompressobj(wbits)

    def step(data: bytes) -> Iterator[bytes]:
        if inflater.eof:  # bytes after the stream's end: zlib would keep them all
            return
        pending = data
        while True:
            piece = inflater.decompress(pending, PIECE)
            if piece:
                yield piece
            pending = inflater.unconsumed_tail
            if not pending and len(piece) < PIECE:
                return

    return _Coding(step, lambda: inflater.eof)


def _gzip(name: str) -> _Coding:
    """gzip's members one after another, each read in ``SLICE``s; after a member's end,
    bytes that do not begin another (zeros a server padded with, say) are not kept, as
    GzipFile (Scrapy's gunzip) keeps none."""
    state = {"members": 1, "given": 0, "over": False}
    inflater: list[Any] = [zlib.decompressobj(zlib.MAX_WBITS | 16)]
    carry = bytearray()  # a member's first byte, its second yet to come

    def begun(view: memoryview, at: int) -> int | None:
        """The bytes of ``view`` from ``at`` taken by another member's magic number (its
        inflater given them), or None when none begins there (or not yet known)."""
        taken = bytes(view[at : at + 2 - len(carry)])
        carry.extend(taken)
        if len(carry) < 2:
            return None
        if carry != b"\x1f\x8b":
            state["over"] = True
            return None
        state["members"] += 1
        members, given = state["members"], state["given"]
        if members > MAX_MEMBERS and members * MEMBER_BYTES > given:
            raise TooManyMembers(name, members, given)
        inflater[0] = zlib.decompressobj(zlib.MAX_WBITS | 16)
        inflater[0].decompress(bytes(carry))  # part of a header: nothing comes out
        carry.clear()
        return len(taken)

    def step(data: bytes) -> Iterator[bytes]:
        view, at = memoryview(data), 0
        while at < len(view) and not state["over"]:
            if inflater[0] is None:
                if (taken := begun(view, at)) is None:
                    return
                at += taken
            end = min(at + SLICE, len(view))
            pending: Any = view[at:end]
            while True:
                piece = inflater[0].decompress(pending, PIECE)
                if piece:
                    state["given"] += len(piece)
                    yield piece
                if inflater[0].eof:
                    at = end - len(inflater[0].unused_data)
                    inflater[0] = None
                    break
                pending = inflater[0].unconsumed_tail
                if not pending and len(piece) < PIECE:
                    at = end
                    break

    return _Coding(step, lambda: inflater[0] is None)


def _deflate() -> _Coding:
    """``deflate`` as servers send it: zlib-wrapped as the standard says, or raw. The
    choice is made on the stream's first two bytes (a zlib header), however they come: a
    first piece of one byte (a chunk, a read) was taken for raw deflate, and a page the
    server sent wrapped was refused as not the coding it declares."""
    chosen: list[_Coding] = []
    head = bytearray()  # the stream's first byte, while its second is yet to come

    def step(data: bytes) -> Iterator[bytes]:
        if not chosen:
            head.extend(data)
            if len(head) < 2:
                return
            data = bytes(head)
            head.clear()
            wrapped = (data[0] * 256 + data[1]) % 31 == 0 and data[0] & 15 == 8
            chosen.append(_zlib(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS))
        yield from chosen[0].step(data)

    # an empty body is no stream begun: nothing to end; a lone byte is a stream begun
    return _Coding(step, lambda: chosen[0].ended() if chosen else not head)


def _brotli() -> _Coding:
    decompressor = brotli.Decompressor()
    fed = [False]

    def step(data: bytes) -> Iterator[bytes]:
        if decompressor.is_finished():
            return
        fed[0] = fed[0] or bool(data)
        yield decompressor.process(data, output_buffer_limit=PIECE)
        while not decompressor.can_accept_more_data() and not decompressor.is_finished():
            yield decompressor.process(b"", output_buffer_limit=PIECE)

    return _Coding(step, lambda: not fed[0] or decompressor.is_finished())


def _zstd() -> _Coding:
    decompressor = ZstdDecompressor()
    fed = [False]

    def step(data: bytes) -> Iterator[bytes]:
        pending = data
        while not decompressor.eof:  # bytes after the frame's end are not kept
            fed[0] = fed[0] or bool(pending)
            piece = decompressor.decompress(pending, PIECE)
            pending = b""
            if piece:
                yield piece
            if decompressor.needs_input:
                return

    return _Coding(step, lambda: not fed[0] or decompressor.eof)
