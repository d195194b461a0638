"""Where a viewer page keeps the file it shows, when no tag (iframe, embed, object)
names it: in the viewer's own address (PDF.js's ``viewer.html?file=<the PDF>``, relative
to that address as PDF.js reads it) or in the page's one script that opens it
(``PDFObject.embed("…/sentencia.pdf", "#visor")``, ``location.href = '…pdf'``).

Both are read only from a page that answered where a document or its file was expected
and embeds nothing else: a file server's own path in a query
(``controller.aspx?file=~\\files\\x.pdf``) is no address and is never taken for one; a
page whose scripts name several PDFs (a listing drawn by script) shows none of them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

_SCRIPT_PDF = re.compile(r"""(["'])([^"'<>\r\n]{1,1000}?\.pdf(?:[?#][^"'<>\s]*)?)\1""", re.I)
_MAX_SCRIPT = 200_000  # characters of a page's inline scripts looked at


def _is_pdf_address(value: str) -> bool:
    path = value.split("#", 1)[0].split("?", 1)[0].strip()
    name = path.rsplit("/", 1)[-1]
    if not name.lower().endswith(".pdf") or len(name) == 4:  # ".pdf" alone: a script's
        return False  # ending of an address it builds ("docs/" + id + ".pdf"), no address
    if "\\" in value or value.startswith("~"):
        return False
    scheme = urlsplit(value).scheme.lower()
    return scheme in ("", "http", "https")


def named_file(url: str) -> str | None:
    """The PDF a viewer's address names in its query (``viewer.html?file=../x.pdf``,
    ``?url=https://…/x.pdf``), absolute against that address; None when none does."""
    for _, value in parse_qsl(urlsplit(url).query):
        value = value.strip()
        if value and _is_pdf_address(value):
            return urljoin(url, value)
    return None


def scripted_file(page: Any) -> str | None:
    """The one PDF a page's inline scripts name (``PDFObject.embed("x.pdf", …)``), as
    written (relative to the page); None when they name none or several."""
    scripts = " ".join(page.xpath("//script[not(@src)]/text()").getall())[:_MAX_SCRIPT]
    if ".pdf" not in scripts.lower():
        return None
    found = {
        m[2].replace("\\/", "/").strip()
        for m in _SCRIPT_PDF.finditer(scripts)
        if _is_pdf_address(m[2].replace("\\/", "/"))
    }
    return found.pop() if len(found) == 1 else None
