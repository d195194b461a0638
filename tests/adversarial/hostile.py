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


# --- PDFs whose cost is in the interpretation, not in the bytes -----------------------


def _one_page(
    content: bytes,
    resources: bytes = _RESOURCES,
    extra: list[bytes] | None = None,
    media_box: bytes = b"[0 0 612 792]",
) -> bytes:
    """One page with ``content`` (compressed); ``extra`` objects numbered from 6."""
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s %s /Contents 5 0 R >>"
            % (media_box, resources),
            _stream(content),
            *(extra or []),
        ]
    )


def blank_operators_pdf(operators: int = 300_000) -> bytes:
    """One page of ``operators`` text operators that show only spaces (~30 KB): pdfium
    finds no letter, so pdfminer is tried, and interprets every operator in Python."""
    return _one_page(b"BT /F1 1 Tf " + b"1 0 Td ( ) Tj " * (operators // 2) + b"ET")


def empty_pages_pdf(pages: int = 200_000) -> bytes:
    """``pages`` pages sharing one empty content stream: a long document of nothing."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _FONT,
        _stream(b""),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % _RESOURCES
        for _ in range(pages)
    ]
    return _assemble(objects)


def giant_inline_image_pdf(side: int = 60_000) -> bytes:
    """A page drawing an inline grey image of ``side`` x ``side`` pixels (3.6 GB at 60,000)
    whose few bytes of data a reader must stretch to the declared size."""
    packed = zlib.compress(b"\x80" * 4096, 9)
    image = b"q 612 0 0 792 0 0 cm BI /W %d /H %d /CS /G /BPC 8 /F /Fl ID\n%s\nEI Q" % (
        side,
        side,
        packed,
    )
    return _one_page(image + b" " + text_content("x"))


def giant_image_xobject_pdf(
    side: int = 100_000,
    filter_: bytes = b"/CCITTFaxDecode",
    params: bytes = b"<< /K -1 /Columns %d /Rows %d >>",
) -> bytes:
    """A page drawing a 1-bit image XObject of ``side`` x ``side`` pixels (1.25 GB of bits
    at 100,000) from a few bytes of CCITT (or JBIG2) data."""
    decode = params % (side, side) if b"%d" in params else params
    data = b"\x00" * 64
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 1 /Filter %s /DecodeParms %s /Length %d >>\nstream\n%s\nendstream"
        % (side, side, filter_, decode, len(data), data)
    )
    resources = b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >>"
    return _one_page(b"q 612 0 0 792 0 0 cm /Im1 Do Q", resources, [image])


def nested_arrays_pdf(depth: int = 100_000) -> bytes:
    """A page whose content stream opens ``depth`` arrays (and a dictionary as deep in its
    resources): recursive readers overflow their stack."""
    deep_dict = b"<< /A " * 2000 + b"1" + b" >>" * 2000
    content = b"[" * depth + b"]" * depth + b" " + text_content("Texto tras los corchetes")
    resources = b"/Resources << /Font << /F1 3 0 R >> /Deep %s >>" % deep_dict
    return _one_page(content, resources)


def huge_tounicode_pdf(entries: int = 1_000_000) -> bytes:
    """A page of text in a font whose ToUnicode CMap maps ``entries`` codes (~30 MB of
    CMap inflated from a few hundred KB) and whose text maps to nothing readable."""
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CMapName /Hostil def 1 begincodespacerange <0000> <FFFF> endcodespacerange"
    ]
    for start in range(0, entries, 100):
        count = min(100, entries - start)
        lines.append(b"%d beginbfchar" % count)
        lines += [b"<%04X> <0020>" % ((start + i) % 0x10000) for i in range(count)]
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] "
        b"/ToUnicode 6 0 R >>"
    )
    resources = b"/Resources << /Font << /F1 7 0 R >> >>"
    content = b"BT /F1 12 Tf 72 720 Td <" + b"0041" * 200 + b"> Tj ET"
    return _one_page(content, resources, [_stream(b"\n".join(lines)), font])


# --- Word, and what is not Word --------------------------------------------------------


def many_entries_zip(entries: int = 500_000, body: bool = True) -> bytes:
    """A zip of ``entries`` empty members (each ~80 bytes of headers: 40 MB at 500,000),
    with a Word body first: listing its members costs time and memory, not inflating."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        if body:
            archive.writestr("word/document.xml", docx_bytes_body("Sentencia con anexos"))
        empty = zipfile.ZipInfo("a")
        for index in range(entries):
            empty.filename = empty.orig_filename = f"{index:x}"
            archive.writestr(empty, b"")
    return buffer.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes_body(text: str) -> str:
    return (
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )


def docx_external_pdf(target: str = "file:///etc/passwd") -> bytes:
    """A Word file whose relationships point outside it (an external image, a linked
    subdocument) and whose body asks for an XInclude of ``target``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/subDocument" Target="{target}" TargetMode="External"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/image" Target="http://127.0.0.1:9/x.png" TargetMode="External"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{_W}" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f"<w:body><w:p><w:r><w:t>Texto propio</w:t></w:r></w:p>"
            f'<xi:include href="{target}" parse="text"/>'
            f'<w:p><w:r><w:t><xi:include href="{target}" parse="text"/></w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()


# --- markup and text ------------------------------------------------------------------


def entity_html(count: int = 1_000_000) -> bytes:
    """A paragraph of ``count`` character references, named, numeric and unknown."""
    return (
        b"<html><body><p>" + b"&amp;&#241;&#x10FFFF;&nosuch;" * (count // 4) + b"</p></body></html>"
    )


def one_line_text(megabytes: int = 9) -> bytes:
    """A text file of one line of ``megabytes`` MB: words without a line break."""
    return b"palabra " * (megabytes * 1024 * 1024 // 8)


def content_pages_pdf(contents: list[bytes], resources: bytes = _RESOURCES,
                      extra: list[bytes] | None = None) -> bytes:  # fmt: skip
    """One page per content stream (compressed); ``extra`` objects follow the streams."""
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        _FONT,
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents %d 0 R >>"
        % (resources, 4 + count + i)
        for i in range(count)
    ]
    objects += [_stream(content) for content in contents]
    return _assemble(objects + (extra or []))


def blank_operators(operators: int) -> bytes:
    """Content of ``operators`` text operators that show only spaces (14 bytes a pair)."""
    return b"BT /F1 1 Tf " + b"1 0 Td ( ) Tj " * (operators // 2) + b"ET"


def form_drawn_pdf(form_operators: int = 2_000, draws: int = 2_000) -> bytes:
    """One page drawing ``draws`` times a form of ``form_operators`` blank text operators:
    a small page whose interpretation is the form's content ``draws`` times over."""
    form = blank_operators(form_operators)
    packed = zlib.compress(form, 9)
    xobject = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] %s /Length %d "
        b"/Filter /FlateDecode >>\nstream\n%s\nendstream" % (_RESOURCES, len(packed), packed)
    )
    resources = b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >>"
    return _one_page(b"/Fm1 Do " * draws, resources, [xobject])


def image_drawn_pdf(side: int = 5_000, draws: int = 500) -> bytes:
    """One page drawing ``draws`` times a grey image of ``side`` x ``side`` pixels (a few
    KB of Flate): rendering it for OCR scales the whole image ``draws`` times."""
    packed = zlib.compress(b"\xf0" * side * side, 9)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (side, side, len(packed), packed)
    )
    resources = b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >>"
    return _one_page(b"q 612 0 0 792 0 0 cm /Im1 Do Q " * draws, resources, [image])


def _nested_forms(first: int, levels: int, fanout: int) -> list[bytes]:
    """Forms numbered from ``first``, each drawing the next ``fanout`` times; the last
    holds 20 blank text operators."""
    forms = []
    for level in range(levels):
        number = first + level
        if level == levels - 1:
            content, resources = blank_operators(20), _RESOURCES
        else:
            content = b"/Fm Do " * fanout
            resources = b"/Resources << /XObject << /Fm %d 0 R >> >>" % (number + 1)
        packed = zlib.compress(content, 9)
        forms.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] %s /Length %d "
            b"/Filter /FlateDecode >>\nstream\n%s\nendstream" % (resources, len(packed), packed)
        )
    return forms


def nested_forms_pdf(levels: int = 7, fanout: int = 10, text: str = "") -> bytes:
    """One page drawing a form that draws the next form ``fanout`` times, ``levels`` deep:
    some 2 KB that pdfium loads as ``fanout ** (levels - 1)`` forms (a million at 7
    levels: 2 GB and a dead worker). ``text`` is shown first, on the same page."""
    shown = text_content(text) + b" " if text else b""
    resources = b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm 6 0 R >> >>"
    return _one_page(shown + b"/Fm Do", resources, _nested_forms(6, levels, fanout))


def pages_with_forms_pdf(texts: list[str], costly: int, levels: int = 7) -> bytes:
    """A page per text, and at ``costly`` (from 0) a page drawing the nested forms of
    :func:`nested_forms_pdf`: a good document with one page no reader can afford."""
    contents = [text_content(text) for text in texts]
    contents.insert(costly, b"/Fm Do")
    first = 4 + 2 * len(contents)
    resources = b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm %d 0 R >> >>" % first
    return content_pages_pdf(contents, resources, _nested_forms(first, levels, 10))


def broken_map_pdf(texts: list[str], first: int, broken: set[int] | None = None) -> bytes:
    """A page per text in Helvetica; the pages in ``broken`` (from 0; all by default) in
    a Helvetica whose ToUnicode map sends each printable byte ``c`` to ``first + c % 32``:
    the glyphs drawn are the text's, what a reader extracts is not (0x4E00: CJK
    ideographs; 0xE000: private use; 0: control characters)."""
    count = len(texts)
    pairs = b"\n".join(b"<%02X> <%04X>" % (c, first + c % 32) for c in range(32, 127))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Broken def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 95 beginbfchar\n%s\nendbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % pairs
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>"
    resources = b"/Resources << /Font << /F1 3 0 R /F2 %d 0 R >> >>" % (5 + 2 * count)
    contents = [
        text_content(text).replace(b"/F1 ", b"/F2 ")
        if broken is None or index in broken
        else text_content(text)
        for index, text in enumerate(texts)
    ]
    return content_pages_pdf(contents, resources, [_stream(cmap), font % (4 + 2 * count)])


def remapped_pdf(texts: list[str], remap: dict[int, int], broken: set[int] | None = None) -> bytes:
    """Like :func:`broken_map_pdf`, but the broken pages' ToUnicode map sends each
    printable byte ``c`` to ``remap.get(c, c)``: Latin-looking junk, as old Word-to-PDF
    converters wrote it (every code shifted by 29: "6HQWHQFLD" for "Sentencia") or a
    substitution of letters for other letters."""
    count = len(texts)
    pairs = b"\n".join(b"<%02X> <%04X>" % (c, remap.get(c, c)) for c in range(32, 256))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Remap def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 224 beginbfchar\n%s\nendbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % pairs
    )
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        b"/ToUnicode %d 0 R >>"
    )
    resources = b"/Resources << /Font << /F1 3 0 R /F2 %d 0 R >> >>" % (5 + 2 * count)
    contents = [
        _lines_content(text, b"/F2" if broken is None or index in broken else b"/F1")
        for index, text in enumerate(texts)
    ]
    return content_pages_pdf(contents, resources, [_stream(cmap), font % (4 + 2 * count)])


def _lines_content(text: str, font: bytes) -> bytes:
    """Each line of ``text`` on a line of its own, 14 points apart."""
    shown = b" ".join(
        b"(%s) Tj T*"
        % line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        for line in text.split("\n")
    )
    return b"BT %s 10 Tf 14 TL 40 760 Td %s ET" % (font, shown)


# --- Word files whose cost is in the unpacking (test_docx_bounds) ---------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_OPEN = f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Sentencia</w:t></w:r></w:p>'
_CLOSE = "</w:body></w:document>"


def word_zip(pieces: list[bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as body:
            for piece in pieces:
                body.write(piece)
    return buffer.getvalue()


def paragraphs_bomb(megabytes: int = 40) -> bytes:
    """``megabytes`` MB of one-letter paragraphs: some 350 to 1 packed."""
    block = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000  # ~1 MB
    return word_zip([_OPEN.encode(), *([block] * megabytes), _CLOSE.encode()])


def bzip2_body(megabytes: int = 8) -> bytes:
    text = b"a" * (1 << 20)
    run = [b"<w:p><w:r><w:t>", *([text] * megabytes), b"</w:t></w:r></w:p>"]
    return word_zip([_OPEN.encode(), *run, _CLOSE.encode()], zipfile.ZIP_BZIP2)


def _patched(data: bytes, local: tuple[int, bytes], central: tuple[int, bytes]) -> bytes:
    """``data`` with the bytes at an offset of every local and central header replaced
    (``|`` ORs a single byte in: a flag bit)."""
    out = bytearray(data)
    for signature, (offset, value) in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            where = start + offset
            out[where : where + len(value)] = value
            start += 4
    return bytes(out)


def encrypted_body() -> bytes:
    """The general-purpose flag's bit 0 set: zipfile asks for a password."""
    data = docx_bytes("Sentencia definitiva")
    flags = int.from_bytes(data[6:8], "little") | 1
    return _patched(data, (6, flags.to_bytes(2, "little")), (8, flags.to_bytes(2, "little")))


def deflate64_body() -> bytes:
    """Method 9 (Deflate64), which zipfile does not implement."""
    nine = (9).to_bytes(2, "little")
    return _patched(docx_bytes("Sentencia definitiva"), (8, nine), (10, nine))


def unknown_encoding() -> bytes:
    body = f'<?xml version="1.0" encoding="x-inventada"?>{_OPEN}{_CLOSE}'
    return word_zip([body.encode()])


def _raw_deflate_then_zeros(head: bytes, zeros: int) -> bytes:
    """Raw deflate of ``head`` then ``zeros`` zero bytes, built from one flushed segment
    repeated (each full flush starts afresh, so copies of it join into one stream)."""
    segment = 64 * 1024 * 1024
    first = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    repeated = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = repeated.compress(b"\0" * min(segment, zeros)) + repeated.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return b"".join(
        [first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)]
        + [block] * (zeros // segment)
        + [last.compress(b"\0" * (zeros % segment)) + last.flush()]
    )


def coding_stack_bomb(page: bytes, trailing_mb: int = 1024) -> tuple[bytes, str]:
    """A few kilobytes sent as ``Content-Encoding: gzip, deflate, gzip``: ``page`` gzipped,
    then ``trailing_mb`` MB of zeros after that stream's end, all deflated, then gzipped.
    Decoded, the last coding gives ``page`` alone; the one before it, gigabytes."""
    inner = gzip.compress(page, 9)
    body = gzip.compress(_raw_deflate_then_zeros(inner, trailing_mb << 20), 9)
    return body, "gzip, deflate, gzip"


# --- PDF streams that decode to gigabytes through another filter than one Flate -------


def lzw_run(total: int, byte: int = 0x20) -> bytes:
    """LZW codes (EarlyChange 1, as PDFs write them) of ``total`` copies of ``byte``:
    after each clear code, the byte, then codes 258, 259, ..., each standing for one byte
    more than the last (some 1,100 to 1), built code by code in a fraction of a second."""
    out = bytearray()
    held = bits = 0

    def emit(code: int, width: int) -> None:
        nonlocal held, bits
        held, bits = held << width | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append(held >> bits & 0xFF)
        held &= (1 << bits) - 1

    def width(size: int) -> int:  # the decoder's code width with ``size`` table entries
        return 9 if size < 511 else 10 if size < 1023 else 11 if size < 2047 else 12

    written, size = 0, 258
    while written < total:
        emit(256, width(size))
        size, run = 258, 2
        emit(byte, 9)
        written += 1
        while run <= 3800 and written + run <= total:
            emit(256 + run, width(size))
            size, written, run = size + 1, written + run, run + 1
    emit(257, width(size))
    if bits:
        out.append(held << (8 - bits) & 0xFF)
    return bytes(out)


def filtered_bomb_pdf(filters: bytes, inflated_mb: int = 1024) -> bytes:
    """One page whose content stream decodes to ``inflated_mb`` MB of spaces through
    ``filters``: ``[/FlateDecode /FlateDecode]`` (a zlib bomb packed again: 3 KB for
    1 GB), ``/LZWDecode`` (800 KB for 1 GB) or ``[/FlateDecode /LZWDecode]`` (30 KB)."""
    *outer, last = filters.strip(b"[]").split()
    packed = lzw_run(inflated_mb << 20) if last == b"/LZWDecode" else _zeros_deflate(inflated_mb)
    for _ in outer:  # the outer layers, each a Flate of the one inside
        packed = zlib.compress(packed, 9)
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 5 0 R >>"
            % _RESOURCES,
            b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream" % (len(packed), filters, packed),
        ]
    )


def repeated_contents_pdf(stream_mb: int = 150, times: int = 8) -> bytes:
    """One page whose content is an array listing one stream of ``stream_mb`` MB of
    spaces ``times`` times: pdfium joins them into one (1.2 GB from 150 KB)."""
    packed = _zeros_deflate(stream_mb)
    listed = b" ".join([b"5 0 R"] * times)
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents [%s] >>"
            % (_RESOURCES, listed),
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed),
        ]
    )


def many_paths_pdf(paths: int = 2_000_000) -> bytes:
    """One page drawing ``paths`` short lines (28 MB of operators packed into 55 KB at
    two million) before a word: pdfium holds an object per line."""
    return _one_page(b"q " + b"1 1 m 2 2 l S " * paths + b"Q " + text_content("Texto"))


def word_online_docx(text: str, body: str = "word/document2.xml") -> bytes:
    """A Word file as Word Online and SharePoint save it: the body under another name
    than ``word/document.xml``, named by the package's ``officeDocument`` relationship."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="/{body}"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", relationships)
        archive.writestr(
            body,
            f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return buffer.getvalue()
