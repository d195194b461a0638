"""Tesseract in a child process of the extraction worker, so a page can really be stopped.

tesserocr's ``Recognize(timeout=…)`` bounds only the recognition of words: the layout
analysis before it runs to its end, and a page of noise (user input) kept a worker there
for over a minute. So each worker keeps one long-lived reader child holding Tesseract's
Spanish model (loaded once, as before); a page the child has not answered within its
deadline gets the child killed (SIGKILL) and reaped, the page is reported as timed out,
and the next page starts a fresh child. A reader dies with its worker (``PR_SET_PDEATHSIG``,
and EOF on its socket when the worker exits normally), so no Tesseract outlives the job.
"""

from __future__ import annotations

import os
import signal
import subprocess
from multiprocessing.connection import Connection

from PIL import Image

from indexer.log_guard import guard_logs

from . import socket_child

STARTUP_TIMEOUT_S = 60.0
GRACE_S = 1.0  # past the soft timeout, for Tesseract to hand back what it read so far
MAX_SIDE = 32767  # Tesseract refuses an image wider or taller than this ("Image too large")
MAX_PIXELS = 64_000_000  # the most a page hands the reader (64 MB of grey)
_MODULE = "indexer.extract.tess_reader"


class PageTimeout(Exception):
    """Tesseract did not finish a page within its deadline; its process was killed."""


class ReaderUnavailable(RuntimeError):
    """No Tesseract to read with (tesserocr or the Spanish data missing, or no start)."""


class PageUnreadable(ReaderUnavailable):
    """Tesseract cannot read this page's image (empty, too large, or refused by it); the
    reader is left running for the next page."""


class Reader:
    """The worker's end of one reader child; started on first use, restarted after a kill."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.conn: Connection | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def start(self) -> None:
        defaults = {"OMP_THREAD_LIMIT": "1"}  # one thread: the pool runs a worker per core
        try:
            self.proc, self.conn = socket_child.spawn(_MODULE, STARTUP_TIMEOUT_S, defaults)
        except socket_child.CannotStart as exc:
            raise ReaderUnavailable(f"cannot start the OCR reader: {exc}") from exc
        except socket_child.NotReady as exc:
            raise ReaderUnavailable(f"the OCR reader did not start: {exc}") from exc

    def stop(self) -> None:
        """Kill the child and reap it (no zombie, no orphan)."""
        conn, proc, self.conn, self.proc = self.conn, self.proc, None, None
        socket_child.stop(conn, proc, kill=True)

    def read(self, image: Image.Image, timeout_s: float) -> tuple[str, float, bool]:
        """Text and mean word confidence of ``image``, and whether Tesseract read it to its
        end (False: its recognition stopped at ``timeout_s``, the text is what it had);
        PageTimeout when Tesseract is not done ``GRACE_S`` after ``timeout_s`` (it is then
        killed), PageUnreadable for an image it cannot take (checked here, before any byte
        is handed over)."""
        width, height = image.size
        if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or width * height > MAX_PIXELS:
            raise PageUnreadable(f"a page image of {width}x{height} pixels cannot be read")
        if self.proc is None or self.proc.poll() is not None:
            self.stop()
            self.start()
        conn = self.conn
        assert conn is not None
        gray = image if image.mode == "L" else image.convert("L")
        try:
            conn.send((gray.size, timeout_s))
            conn.send_bytes(gray.tobytes())
            if not conn.poll(timeout_s + GRACE_S):
                self.stop()
                raise PageTimeout(f"Tesseract did not finish the page in {timeout_s:g} s")
            text, confidence, complete = conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise ReaderUnavailable(f"the OCR reader died: {exc}") from exc
        if text is None:
            raise PageUnreadable(f"Tesseract refused the page: {confidence}")
        return text, confidence, complete


def serve(fd: int) -> None:
    """Child entry point: read the pages sent on socket ``fd`` until EOF."""
    guard_logs()
    parent = os.getppid()
    socket_child.die_with_parent()
    if os.getppid() != parent:  # the worker died before the kernel was told
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    from .ocr import LANGUAGE, tessdata_dir

    path = tessdata_dir()
    try:
        import tesserocr
    except ImportError:
        conn.send("tesserocr is not installed")
        return
    if path is None:
        conn.send(f"no {LANGUAGE}.traineddata")
        return
    api = tesserocr.PyTessBaseAPI(path=path, lang=LANGUAGE, psm=tesserocr.PSM.AUTO)
    api.SetVariable("tessedit_do_invert", "0")  # scans are dark ink on light paper
    conn.send("ready")
    while True:
        try:
            size, timeout_s = conn.recv()
            image = Image.frombytes("L", size, conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            api.SetImage(image)
            del image
            complete = api.Recognize(timeout=int(timeout_s * 1000))
            text = api.GetUTF8Text()
            answer = (text, float(api.MeanTextConf()) if text.strip() else 0.0, complete)
        except RuntimeError as exc:  # an image Tesseract will not take: this page only
            answer = (None, str(exc)[:200], False)
        api.Clear()
        conn.send(answer)
