"""pdfminer.six as the fallback reader of a PDF whose pdfium text is sparse or garbled,
bounded within a page as well as between pages.

pdfminer interprets content streams in Python, some 10,000 operators a second: one page
of 300,000 operators that show only spaces (a 5 KB file) held a worker for 50 s and
300 MB before being called a scan. So the content it interprets is metered (each stream
as it is executed, a form drawn a thousand times counted a thousand times): a page past
``MAX_PAGE_CONTENT_BYTES`` (or in a font whose character map is over ``MAX_CMAP_BYTES``)
is left unread (pdfium's text stands for it) and counted, and
the deadline stops pdfminer wherever it is (SIGALRM, in the main thread of the process:
the worker's), not only between pages.
"""

from __future__ import annotations

import contextlib
import io
import signal
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1, stream_value

from .model import ExtractionError

# The densest page of a 62-page SCJN transcript holds 30 KB of content (2,500 operators):
# 256 KB is 8 times that: some 2.5 s of pdfminer on an idle core, 15 s on a busy one
MAX_PAGE_CONTENT_BYTES = 256 * 1024
# A font's ToUnicode map is parsed in Python too: a subset font's is a few KB, a whole
# CJK font's some hundreds; one of a million entries (15 MB) took pdfminer over 48 s
MAX_CMAP_BYTES = 1024 * 1024


class _Stop(BaseException):
    """Raised inside pdfminer to stop it: a BaseException, so that none of its own
    ``except Exception`` blocks can swallow it."""


class _PageTooLarge(_Stop):
    pass


class _OutOfTime(_Stop):
    pass


@dataclass
class FallbackPages:
    texts: list[str]
    total: int
    skipped: list[int] = field(default_factory=list)  # pages (from 1) over the content cap
    out_of_time: bool = False


class _Meter:
    """Bytes of content interpreted on the current page."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def charge(self, streams: object) -> None:
        for stream in streams if isinstance(streams, list) else [streams]:
            try:
                self.used += len(stream_value(stream).get_data())
            except _Stop:
                raise
            except Exception:  # pdfminer skips what is not a stream itself
                continue
        if self.used > self.limit:
            raise _PageTooLarge


class _MeteredResources(PDFResourceManager):
    """pdfminer's resources, refusing a font whose ToUnicode map is over the limit."""

    def get_font(self, objid: object, spec: Mapping[str, object]) -> PDFFont:
        try:
            cmap = resolve1(spec.get("ToUnicode")) if isinstance(spec, Mapping) else None
            size = len(cmap.get_data()) if isinstance(cmap, PDFStream) else 0
        except Exception:  # a broken map is pdfminer's to deal with, as before
            size = 0
        if size > MAX_CMAP_BYTES:
            raise _PageTooLarge
        return super().get_font(objid, spec)


class _MeteredInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, charging every stream it executes (page contents and each
    drawing of a form) to a meter shared with the interpreters of nested forms."""

    def __init__(self, rsrcmgr: PDFResourceManager, device: object, meter: _Meter) -> None:
        super().__init__(rsrcmgr, device)  # type: ignore[arg-type]
        self.meter = meter

    def dup(self) -> _MeteredInterpreter:
        return self.__class__(self.rsrcmgr, self.device, self.meter)

    def execute(self, streams: object) -> None:  # type: ignore[override]
        self.meter.charge(list(streams) if isinstance(streams, list | tuple) else streams)
        super().execute(streams)  # type: ignore[arg-type]


RING_AGAIN_S = 0.05


class _Alarm:
    """Raise _OutOfTime wherever the code is at ``deadline`` (monotonic). Only the main
    thread can take a signal: elsewhere only the checks between pages stop pdfminer.

    A signal's exception can be swallowed where it lands (a ``gc`` callback, a ``__del__``
    Python reports as unraisable and goes on), so the alarm rings again every
    ``RING_AGAIN_S`` until it is turned off; a ring after ``off`` does nothing."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline
        self.on = False
        self.previous: object = None

    def __enter__(self) -> _Alarm:
        if self.deadline is None or threading.current_thread() is not threading.main_thread():
            return self
        self.previous = signal.signal(signal.SIGALRM, self._ring)
        self.on = True
        signal.setitimer(signal.ITIMER_REAL, max(self.deadline - time.monotonic(), 0.001))
        return self

    def __exit__(self, *_exc: object) -> None:
        self.off()

    def _ring(self, _signum: int, _frame: object) -> None:
        if not self.on:
            return
        signal.setitimer(signal.ITIMER_REAL, RING_AGAIN_S)
        raise _OutOfTime

    def off(self) -> None:
        """Idempotent: called on the way out and again by whoever caught the ring."""
        if not self.on:
            return
        self.on = False
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, self.previous)  # type: ignore[arg-type]


def read_pages(
    data: bytes,
    max_pages: int,
    deadline: float | None,
    max_page_bytes: int = MAX_PAGE_CONTENT_BYTES,
) -> FallbackPages:
    """The text of each page by pdfminer, up to ``max_pages``; what ``deadline`` cut
    short is said in ``out_of_time`` (the pages read by then are kept)."""
    found = FallbackPages([], 0)
    alarm = _Alarm(deadline)
    try:
        with alarm:
            _read(data, max_pages, deadline, max_page_bytes, found)
    except _OutOfTime:
        found.out_of_time = True
    finally:
        while alarm.on:  # a ring that landed on the alarm's own way out
            with contextlib.suppress(_OutOfTime):
                alarm.off()
    found.total = max(found.total, len(found.texts))
    return found


def _read(
    data: bytes, max_pages: int, deadline: float | None, max_page_bytes: int, found: FallbackPages
) -> None:
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as exc:
        raise ExtractionError(
            "encrypted", "el PDF está cifrado: pide una contraseña para abrirse"
        ) from exc
    with contextlib.suppress(Exception):
        found.total = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    resources = _MeteredResources(caching=True)
    meter = _Meter(max_page_bytes)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = _MeteredInterpreter(resources, device, meter)
    for page in PDFPage.create_pages(document):
        if len(found.texts) >= max_pages:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise _OutOfTime
        meter.used = 0
        try:
            interpreter.process_page(page)
        except _PageTooLarge:
            found.skipped.append(len(found.texts) + 1)
            found.texts.append("")
            # the page's partial layout (a form left open on its stack) goes with it
            device = PDFPageAggregator(resources, laparams=LAParams())
            interpreter = _MeteredInterpreter(resources, device, meter)
            continue
        layout = device.get_result()
        boxes = [el.get_text() for el in layout if isinstance(el, LTTextContainer)]
        found.texts.append("\n".join(boxes))
