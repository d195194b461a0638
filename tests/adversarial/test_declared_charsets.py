"""A charset a page declares is believed only if browsers know it: Python's own codecs
(``unicode_escape`` rewrote ``\\u0041`` in a text into "A", ``undefined`` raised an error
no one caught) and EBCDIC or UTF-7 (which turn a Spanish page into garbage) are ignored,
and the bytes are decoded as the rest of the rules say."""

from __future__ import annotations

import pytest

from indexer.extract.sniff import decode_bytes

LATIN1_PAGE = "El tribunal resolvió la apelación; véase C:\\u0041\\new.".encode("cp1252")


@pytest.mark.parametrize(
    "declared",
    ["undefined", "unicode_escape", "raw_unicode_escape", "utf-7", "cp037", "cp500", "idna",
     "punycode", "charmap", "palmos", "mbcs", "rot13"],
)  # fmt: skip
def test_a_charset_no_browser_knows_is_ignored(declared: str) -> None:
    text, used = decode_bytes(LATIN1_PAGE, declared)
    assert used == "cp1252"
    assert text == "El tribunal resolvió la apelación; véase C:\\u0041\\new."


@pytest.mark.parametrize(
    ("declared", "data", "expected"),
    [("koi8-r", "Решение суда".encode("koi8-r"), "Решение суда"),
     ("shift_jis", "判決".encode("shift_jis"), "判決"),
     ("iso-8859-15", "Euro € sí".encode("iso-8859-15"), "Euro € sí"),
     ("windows-1250", "Příliš".encode("cp1250"), "Příliš")],
)  # fmt: skip
def test_web_charsets_still_decode(declared: str, data: bytes, expected: str) -> None:
    assert decode_bytes(data, declared)[0] == expected
