"""A JSON answer's text, read by JSON's own rules before the web's.

JSON text starts with two ASCII characters (RFC 4627 §3), so the NUL bytes among its
first four say whether it is UTF-16 or UTF-32 and in which byte order, with or without a
byte-order mark (RFC 8259 requires UTF-8 only of new writers; ``json.loads`` of bytes
reads the same way). An API answering ``{\\x00"\\x00…`` read as UTF-8 or Windows-1252 was
a letter and a NUL by turns, and was counted "la API no respondió con JSON": the wrong
cause, and its records lost."""

from __future__ import annotations

import json

from indexer.extract.sniff import charset_from_content_type, decode_declared

_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def json_text(body: bytes, content_type: str | None) -> str:
    """``body`` as text: a byte-order mark first, then the width and byte order its NUL
    bytes show (before a declared ``charset=utf-16``, which says no order), then valid
    UTF-8, then the HTTP ``charset``, then Windows-1252."""
    declared = charset_from_content_type(content_type)
    seen = json.detect_encoding(body[:4])
    declarations = (seen, declared) if seen in _WIDE else (declared,)
    return decode_declared(body, declarations)[0]
