"""Small Word documents (.docx) as Word writes them, for tests: a zip with its content
types and ``word/document.xml``, paragraphs of bold runs, a tab written as ``<w:tab/>``."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def paragraph(*runs: str) -> str:
    """A paragraph as Word writes it: runs of text, a tab written as ``\\t``."""
    out = []
    for run in runs:
        pieces = run.split("\t")
        inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
        out.append(f"<w:r><w:rPr><w:b/></w:rPr>{inner}</w:r>")
    return f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{"".join(out)}</w:p>'


def docx(body: str, head: str = "") -> bytes:
    """A .docx whose document body is ``body`` (``head`` goes before its root)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{head}'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def docx_sentence(*lines: str) -> bytes:
    """A .docx of these lines, one paragraph each."""
    return docx("".join(paragraph(line) for line in lines))
