"""A hostile corpus generated on the spot: small files whose cost explodes when parsed.

Every builder returns bytes; nothing here is committed as a binary. Bombs are small on
disk and large once inflated (the point is the ratio), so the suite stays quick.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_RESOURCES = b"/Resources << /Font << /F1 3 0 R >> >>"


def _assemble(objects: list[bytes], extra_trailer: bytes = b"") -> bytes:
    """A PDF with ``objects`` numbered from 1, a correct xref table and trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, extra_trailer, xref)
    )
    return out.getvalue()


def _stream(content: bytes, compress: bool = True) -> bytes:
    if not compress:
        return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)


def text_content(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")


def text_pdf(texts: list[str]) -> bytes:
    """One page per text, Helvetica: the good document of a batch."""
    count = len(texts)
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        _FONT,
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents %d 0 R >>"
        % (_RESOURCES, 4 + count + i)
        for i in range(count)
    ]
    objects += [_stream(text_content(text)) for text in texts]
    return _assemble(objects)


def signs_only_pdf() -> bytes:
    """One page whose text is control characters and dashes: pdfium reads bytes 0x02 as
    line-end hyphens, so the page gives "-" and no letter or digit."""
    shown = bytes([*range(1, 9), 11, 14, 15, *range(16, 32)]) * 2 + b" - - -"
    shown = shown.replace(b"\\", b"").replace(b"(", b"").replace(b")", b"")
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 5 0 R >>"
            % _RESOURCES,
            _stream(b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % shown),
        ]
    )


def _zeros_deflate(inflated_mb: int) -> bytes:
    """A zlib stream of ``inflated_mb`` MB of spaces, built in about a second.

    After the first megabyte every fully flushed deflate block of spaces is identical,
    so one block is repeated and only the Adler-32 checksum is computed in full.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1024 * 1024)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    steady = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(inflated_mb):
        checksum = zlib.adler32(chunk, checksum)
    body = first + steady * (inflated_mb - 1) + packer.flush()
    return b"\x78\xda" + body + checksum.to_bytes(4, "big")


def decompression_bomb_pdf(inflated_mb: int = 2048) -> bytes:
    """One page whose content stream inflates to ``inflated_mb`` MB of spaces (~1000:1)."""
    packed = _zeros_deflate(inflated_mb)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(packed),
        packed,
    )
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 5 0 R >>"
            % _RESOURCES,
            stream,
        ]
    )


def deep_page_tree_pdf(depth: int = 5000) -> bytes:
    """A page with text under ``depth`` nested /Pages nodes (readers give up or recurse)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT]
    # Object 2 is the root node; nodes 4 .. 4+depth-1 nest; then the page and its content.
    first_node, page = 4, 4 + depth
    objects[1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first_node
    for level in range(depth):
        number = first_node + level
        parent = 2 if level == 0 else number - 1
        child = number + 1 if level < depth - 1 else page
        objects.append(
            b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (parent, child)
        )
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] %s /Contents %d 0 R >>"
        % (page - 1, _RESOURCES, page + 1)
    )
    objects.append(_stream(text_content("Texto bajo un arbol de paginas profundo")))
    return _assemble(objects)


def cyclic_pdf() -> bytes:
    """A page tree whose node lists itself as its own kid (and its parent as a kid)."""
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
            _FONT,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 1 >>",
        ]
    )


def many_pages_pdf(pages: int = 5000) -> bytes:
    """``pages`` short pages sharing one content stream (a small file, a long document)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _FONT,
        _stream(text_content("Pagina de un expediente muy largo")),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % _RESOURCES
        for _ in range(pages)
    ]
    return _assemble(objects)


def truncated_pdf(share: float = 0.4) -> bytes:
    whole = text_pdf(["Documento truncado a medio camino"] * 3)
    return whole[: int(len(whole) * share)]


def docx_bytes(text: str = "Sentencia") -> bytes:
    """A minimal Word document (a ZIP): what a '.pdf' link sometimes serves."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    """A minimal spreadsheet package (a ZIP with no Word body): not read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# --- HTML -----------------------------------------------------------------------------


def deep_html(depth: int = 100_000, text: str = "Texto profundo del acuerdo") -> bytes:
    return (
        "<html><body><p>Inicio del documento</p>"
        + "<div>" * depth
        + f"<p>{text}</p>"
        + "</div>" * depth
        + "<p>Final del documento</p></body></html>"
    ).encode()


def chrome_in_depth(tag: str = "header", depth: int = 2_000) -> bytes:
    """Under 1 MB (parsed in the crawler's own process, no worker's time limit): page
    chrome elements as many as fit, ``depth`` elements deep, a footer outside the content
    and a header inside an article, then the text."""
    element = f"<{tag}>x</{tag.split()[0]}>"
    count = (1000 * 1000 - 12 * depth) // len(element)
    return (
        "<html><body><footer>Pie del sitio</footer>"
        + "<div>" * depth
        + element * count
        + "<article><header>Acuerdo 12/2025</header><p>Texto del acuerdo</p></article>"
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def empty_cells(count: int) -> bytes:
    """One table row of ``count`` empty cells and a word after them, then the text."""
    return (
        "<html><body><table><tr>" + "<td></td>" * count + "Expediente 12/2025</tr></table>"
        "<p>Texto del acuerdo</p></body></html>"
    ).encode()


def huge_html(megabytes: int = 50) -> bytes:
    paragraph = b"<p>Acuerdo de la Mesa Directiva sobre el orden del d\xc3\xada.</p>\n"
    repeats = megabytes * 1024 * 1024 // len(paragraph) + 1
    return b"<html><body>" + paragraph * repeats + b"</body></html>"


# --- feeds and sitemaps -------------------------------------------------------------------


def billion_laughs(levels: int = 10) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [' + "\n".join(entities) + "]>\n"
        '<rss version="2.0"><channel><title>Bomba</title>'
        f"<item><title>&lol{levels - 1};</title><link>http://127.0.0.1/x</link>"
        "<description>texto</description></item></channel></rss>"
    ).encode()


def xxe_feed(target: str = "file:///etc/passwd") -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY secreto SYSTEM "{target}">]>\n'
        '<rss version="2.0"><channel><title>XXE</title>'
        "<item><title>Fuga &secreto;</title><link>http://127.0.0.1/x</link>"
        "<description>&secreto;</description></item></channel></rss>"
    ).encode()


def xxe_sitemap(target: str = "file:///etc/passwd") -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE urlset [<!ENTITY secreto SYSTEM "{target}">]>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://127.0.0.1/&secreto;</loc></url></urlset>"
    ).encode()


def gzip_bomb_sitemap(inflated_mb: int = 200) -> bytes:
    """A sitemap.xml.gz inflating to ``inflated_mb`` MB: a urlset start, then spaces."""
    head = b'<?xml version="1.0"?><urlset><url><loc>http://127.0.0.1/a</loc></url>'
    return gzip.compress(head, 9) + _gzip_member_of_spaces(inflated_mb)


def _gzip_member_of_spaces(inflated_mb: int) -> bytes:
    """A gzip member (concatenated members are one gzip file) of spaces, built quickly."""
    deflated = _zeros_deflate(inflated_mb)[2:-4]  # raw deflate without zlib framing
    size = inflated_mb * 1024 * 1024
    crc = 0
    chunk = b" " * (1024 * 1024)
    for _ in range(inflated_mb):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + deflated + crc.to_bytes(4, "little") + (size & 0xFFFFFFFF).to_bytes(4, "little")


def large_feed(items: int = 300_000) -> bytes:
    """An RSS 2.0 feed of ``items`` short ordinary items (300,000 make about 35 MB):
    what a site that never trims its feed serves."""
    item = (
        "<item><title>Acuerdo {n}</title><link>https://127.0.0.1/a/{n}</link>"
        "<pubDate>Tue, 18 Feb 2025 20:30:00 -0600</pubDate></item>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Gaceta</title>"
        + "".join(item.format(n=n) for n in range(items))
        + "</channel></rss>"
    ).encode()
