"""Edits of an ASGI message's raw header list, exactly as Starlette's ``MutableHeaders``
makes them, without its objects.

Starlette's ``Headers`` lowercases and encodes the name asked for, decodes every value it
returns and goes through ``Mapping``'s generic methods: the CORS and gzip layers spent
about a tenth of the event loop's CPU on a search answer reading and setting four
headers that way. These functions take and give bytes; the resulting list is the one
``MutableHeaders`` would leave (the same order, the same duplicates removed).
"""

from __future__ import annotations

RawHeaders = list[tuple[bytes, bytes]]


def first(headers: RawHeaders, name: bytes) -> bytes | None:
    """The first value of ``name`` (lowercase), as ``Headers.get`` finds it."""
    for key, value in headers:
        if key == name:
            return value
    return None


def set_header(headers: RawHeaders, name: bytes, value: bytes) -> None:
    """``MutableHeaders.__setitem__``: the first ``name`` (lowercase) takes ``value`` in
    its place and the others go; none, it is appended."""
    found = [i for i, (key, _) in enumerate(headers) if key == name]
    for i in reversed(found[1:]):
        del headers[i]
    if found:
        headers[found[0]] = (name, value)
    else:
        headers.append((name, value))


def add_vary(headers: RawHeaders, value: bytes) -> None:
    """``MutableHeaders.add_vary_header``: every ``Vary`` joined, ``value`` last, in one."""
    joined = b", ".join([*(v for key, v in headers if key == b"vary"), value])
    set_header(headers, b"vary", joined)
