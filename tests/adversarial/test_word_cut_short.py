"""A Word file cut short (a download interrupted): its zip lost the directory at its end,
which ``zipfile`` needs, while the parts before the cut are whole. It was refused as
``unsupported_type`` «un archivo ZIP dañado, un tipo cuyo texto no se lee»: a false
cause, and the sentence's text lost. Now the whole parts are read (as ``unzip`` salvages
them) and a file cut inside its body is ``malformed``, saying so in Spanish."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from indexer.extract import ExtractionError, extract_text
from tests.adversarial.hostile import docx_bytes_body

SENTENCE = "Sentencia del Pleno en el amparo en revisión 12/2024."
_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _word(media_first: bool = False, body: str = SENTENCE) -> bytes:
    """A Word package; its photo (incompressible, 300 KB) before or after the body."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        if media_first:
            archive.writestr("word/media/image1.png", os.urandom(300_000))
        archive.writestr("word/document.xml", docx_bytes_body(body))
        if not media_first:
            archive.writestr("word/media/image1.png", os.urandom(300_000))
    return buffer.getvalue()


def _cut_after(data: bytes, part: str, keep: int) -> bytes:
    """``data`` cut ``keep`` bytes after the local header of ``part`` starts."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return data[: archive.getinfo(part).header_offset + keep]


@pytest.mark.parametrize("media_first", [False, True])
def test_a_word_file_cut_after_its_body_is_read(media_first: bool) -> None:
    whole = _word(media_first)
    cut = (
        whole[: len(whole) - 200]
        if media_first
        else _cut_after(whole, "word/media/image1.png", 5000)
    )
    assert extract_text(cut, None, "sentencia.docx").text == SENTENCE


def test_a_word_file_cut_inside_its_body_says_so() -> None:
    cut = _cut_after(_word(body=SENTENCE * 200), "word/document.xml", 90)
    with pytest.raises(ExtractionError) as refused:
        extract_text(cut, None, "sentencia.docx")
    assert refused.value.cause == "malformed"
    assert "el documento Word está incompleto" in str(refused.value)


def test_a_cut_zip_that_is_no_word_file_is_still_refused_by_its_kind() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datos.csv", "a,b\n" * 1000)
    with pytest.raises(ExtractionError) as refused:
        extract_text(buffer.getvalue()[:-40], None, "datos.zip")
    assert refused.value.cause == "unsupported_type"


def test_a_part_whose_checksum_fails_is_not_read() -> None:
    whole = bytearray(_word())
    at = whole.find(b"word/document.xml") + len("word/document.xml") + 10
    whole[at] ^= 0xFF  # one byte of the packed body changed
    cut = bytes(whole[: len(whole) - 200])
    with pytest.raises(ExtractionError) as refused:
        extract_text(cut, None, "sentencia.docx")
    assert "Sentencia" not in str(refused.value)
