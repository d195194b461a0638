"""Pages whose forms multiply their content past what pdfium may interpret.

A form XObject's content is interpreted again at each drawing (``/Fm Do``), and a form
may draw other forms: six levels of forms each drawing the next ten times is a 1.7 KB
page that pdfium loads as a million forms, minutes in ``FPDF_LoadPage`` that nothing
can stop but the worker's time limit (which then loses the file's other pages too).
Before pdfium loads a page, :func:`costly_pages` adds up the content it would
interpret, each drawing of a form counted with what it draws in turn, without
interpreting anything: pdfminer's parser resolves the objects, a regular expression
finds the ``Do`` operators. Only files that hold a form are looked at.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping

# The densest page of a 62-page SCJN transcript holds 30 KB of content; a page of
# vector drawings (a plan, a map) some MB. pdfium interprets 1 to 5 MB a second
MAX_DRAWN_BYTES = 16 * 1024 * 1024
DRAWING_COST = 256  # each drawing of a form is an object of its own to pdfium
# "/Form" as a stream's subtype, its letters possibly written as #xx: a form is a stream,
# and streams are never packed in object streams, so its dictionary is in the bytes
_FORM = re.compile(rb"/(?:F|#46)(?:o|#6[fF])(?:r|#72)(?:m|#6[dD])(?![^\s/\[\]()<>{}%])")
_DRAWN = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _name(raw: bytes) -> str:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


class _Over(Exception):
    """The page's content is past the limit: counting stops there."""


class _Counter:
    """Content bytes a page makes pdfium interpret, forms counted at each drawing."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.forms: dict[int, int] = {}  # a form's cost, once counted (shared by pages)
        self.open: set[int] = set()  # forms being counted, to find one drawn in itself

    def streams(self, streams: list[object], resources: object) -> int:
        from pdfminer.pdftypes import resolve1, stream_value

        total = 0
        drawn: Counter[str] = Counter()
        for stream in streams:
            data = stream_value(stream).get_data()
            total += len(data)
            drawn.update(_name(m.group(1)) for m in _DRAWN.finditer(data))
        xobjects = resolve1(resolve1(resources).get("XObject")) if resources else None
        for name, times in drawn.items():
            form = xobjects.get(name) if isinstance(xobjects, Mapping) else None
            total += times * (DRAWING_COST + self.form(form, resources))
            if total > self.limit:
                raise _Over
        return total

    def form(self, reference: object, inherited: object) -> int:
        from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

        key = reference.objid if isinstance(reference, PDFObjRef) else id(reference)
        stream = resolve1(reference)
        if not isinstance(stream, PDFStream):
            return 0
        if getattr(resolve1(stream.get("Subtype")), "name", None) != "Form":
            return 0
        if key in self.forms:
            return self.forms[key]
        if key in self.open:  # pdfium draws it again in itself to its nesting limit: a
            raise _Over  # form drawing itself twice is 2 ** that limit drawings
        self.open.add(key)
        try:
            cost = self.streams([stream], stream.get("Resources") or inherited)
        finally:
            self.open.discard(key)
        self.forms[key] = cost
        return cost


def costly_pages(data: bytes, max_pages: int, limit: int = MAX_DRAWN_BYTES) -> set[int]:
    """Indexes (from 0) of the first ``max_pages`` pages whose forms make them interpret
    more than ``limit`` bytes of content. A file pdfminer cannot walk is left to pdfium
    (empty set): its own errors say what is wrong with it."""
    if not _FORM.search(data):
        return set()
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    costly: set[int] = set()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        counter = _Counter(limit)
        for index, page in enumerate(PDFPage.create_pages(document)):
            if index >= max_pages:
                break
            contents = page.contents if isinstance(page.contents, list) else []
            try:
                counter.streams(contents, page.resources)
            except _Over:
                costly.add(index)
            except MemoryError:
                raise  # a stream inflating past the worker's memory: a bomb, named as such
            except Exception:  # a broken page is pdfium's to report
                continue
    except MemoryError:
        raise
    except Exception:  # a broken or too deeply nested file, likewise (RecursionError too)
        return costly
    return costly
