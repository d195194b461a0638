"""An answer's ``Content-Encoding`` undone a bounded piece at a time. A site may send gzip,
deflate or brotli though it was asked for none, and a few hundred bytes of them inflate to
gigabytes: httpx undoes each piece it receives whole, so the size limit would only speak
once the memory was spent. Here each step of the decoding gives at most ``PIECE`` bytes
at a time, and the caller counts them against its limit as they come."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

import brotli

PIECE = 1024 * 1024
Step = Callable[[bytes], Iterator[bytes]]


class CodingError(ValueError):
    """The bytes are not what their ``Content-Encoding`` says."""


class Decoder:
    """Undoes a ``Content-Encoding`` header's codings (last applied, first undone);
    ``identity`` and codings this reader does not know pass the bytes through, as httpx
    does."""

    def __init__(self, content_encoding: str | None) -> None:
        names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
        self._steps = [step for name in reversed(names) if (step := _step(name)) is not None]

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next bytes received, each at most ``PIECE`` long
        (made one at a time, as the caller takes them)."""
        pieces: Iterator[bytes] = iter((data,))
        for step in self._steps:
            pieces = _each(step, pieces)
        try:
            yield from (piece for piece in pieces if piece)
        except (zlib.error, brotli.error) as exc:
            raise CodingError(str(exc)) from exc


def _each(step: Step, pieces: Iterator[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from step(piece)


def _step(name: str) -> Step | None:
    if name in ("gzip", "x-gzip"):
        return _zlib(zlib.MAX_WBITS | 16)
    if name == "deflate":
        return _deflate()
    if name == "br":
        return _brotli()
    return None


def _zlib(wbits: int) -> Step:
    inflater = zlib.decompressobj(wbits)

    def step(data: bytes) -> Iterator[bytes]:
        pending = data
        while True:
            piece = inflater.decompress(pending, PIECE)
            if piece:
                yield piece
            pending = inflater.unconsumed_tail
            if not pending and len(piece) < PIECE:
                return

    return step


def _deflate() -> Step:
    """``deflate`` as servers send it: zlib-wrapped as the standard says, or raw."""
    chosen: list[Step] = []

    def step(data: bytes) -> Iterator[bytes]:
        if not chosen:
            if not data:
                return
            wrapped = len(data) >= 2 and (data[0] * 256 + data[1]) % 31 == 0 and data[0] & 15 == 8
            chosen.append(_zlib(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS))
        yield from chosen[0](data)

    return step


def _brotli() -> Step:
    decompressor = brotli.Decompressor()

    def step(data: bytes) -> Iterator[bytes]:
        if decompressor.is_finished():
            return
        yield decompressor.process(data, output_buffer_limit=PIECE)
        while not decompressor.can_accept_more_data() and not decompressor.is_finished():
            yield decompressor.process(b"", output_buffer_limit=PIECE)

    return step
