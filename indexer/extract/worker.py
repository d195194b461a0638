"""Pool of long-lived worker subprocesses that extract documents under a hard timeout.

pdfium and pdfminer (and lxml) run native/CPU-bound code that a thread cannot
interrupt, so each PDF (or large HTML/text) is parsed in a child process; on
timeout the child is killed and a fresh one is started on the next call.
A child that hands a PDF's pages to OCR says so (``OCR_STARTED``) and the job's
deadline becomes the OCR budget from then on (:func:`ocr_budget`), so a scan may take
minutes while a hostile text PDF is still stopped at ``timeout_s``.
Children are plain ``subprocess`` processes running :func:`serve` (not
``multiprocessing.Process``), so nothing re-imports the caller's ``__main__``
(scrapy, twistd, pytest or an unguarded script) and no global start-method
state is touched.

Lifecycle: workers start lazily (one per concurrent caller, up to the pool
size), are reused LIFO so a sequential caller keeps one warm process, and are
recycled after ``MAX_JOBS_PER_WORKER`` jobs. They exit when the parent closes
its end (``atexit`` / :func:`shutdown`), when the parent dies (a watchdog
thread polls ``getppid``), or when a job overruns its deadline by
``WATCHDOG_GRACE_S`` even if the parent did not kill them. Each child has an
address-space limit (``ABIERTO_EXTRACT_WORKER_MEMORY_MB``, default 2048 MB).
The pool size is ``ABIERTO_EXTRACT_WORKERS`` (default: min(4, CPUs)).

Calls block the calling thread: from Twisted/Scrapy, call through
``deferToThread`` (or ``asyncio.to_thread``), not in the reactor thread.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import signal
import subprocess
import threading
import time
import traceback
from multiprocessing.connection import Connection

from indexer.log_guard import guard_logs
from indexer.process_memory import child_peak_bytes, own_peak_bytes

from . import socket_child
from .bombs import largest_inflation
from .core import Job, extract_local
from .model import Extraction, ExtractionError, OcrLimits

STARTUP_TIMEOUT_S = 60.0
OCR_STARTED = ("phase", "ocr")  # a child's notice: the deadline becomes the OCR budget
MAX_JOBS_PER_WORKER = 500
WATCHDOG_GRACE_S = 5.0
_OUT_OF_MEMORY_SHARE = 0.5  # a dead worker that had used this share of its cap ran out
_FALLBACK_SHARE = 0.8  # pdfminer fallback stops after this share of the timeout
_MODULE = "indexer.extract.worker"


def ocr_budget(limits: OcrLimits) -> float:
    """Time a file's OCR may take: its budget, the page that may be under way, a margin."""
    return limits.file_timeout_s + limits.page_timeout_s + 10.0


class WorkerUnavailable(RuntimeError):
    """A worker process could not be started (an environment problem, not the input's)."""


class _Died(Exception):
    """The worker process went away during a job (``peak``: its peak memory, bytes)."""

    def __init__(self, message: str, peak: int = 0) -> None:
        super().__init__(message)
        self.peak = peak


def _reap(proc: subprocess.Popen[bytes] | None, started_over: int) -> tuple[int | None, int]:
    """(exit status, own peak resident memory in bytes, 0 when unknown) of a child that
    is exiting; ``started_over``: the parent's peak when the child was started."""
    if proc is None:
        return None, 0
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            return proc.returncode, 0
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, child_peak_bytes(usage.ru_maxrss, started_over)
        time.sleep(0.02)
    return None, 0


_TOO_DEEP = "la estructura del archivo está anidada a demasiada profundidad para leerla"


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"el proceso lector murió con la señal {signal.Signals(-code).name}"
    return f"el proceso lector terminó con el código {code}"


class _Worker:
    """One child process and the parent's end of its socket."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.conn: Connection | None = None
        self.jobs = 0
        self.started_over = 0

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def start(self) -> None:
        self.started_over = own_peak_bytes()
        try:
            self.proc, self.conn = socket_child.spawn(_MODULE, STARTUP_TIMEOUT_S)
        except socket_child.CannotStart as exc:
            raise WorkerUnavailable(f"cannot start extraction worker: {exc}") from exc
        except socket_child.NotReady as exc:
            raise WorkerUnavailable("extraction worker did not start") from exc
        self.jobs = 0

    def stop(self, kill: bool = False) -> None:
        """Stop the child: close its socket (it exits on EOF); kill if asked or stuck."""
        conn, proc, self.conn, self.proc = self.conn, self.proc, None, None
        socket_child.stop(conn, proc, kill)

    def _ensure_started(self) -> Connection:
        if self.proc is None or self.proc.poll() is not None or self.jobs >= MAX_JOBS_PER_WORKER:
            self.stop()
            self.start()
        assert self.conn is not None
        return self.conn

    def _attempt(self, job: Job, data: bytes, deadline: float) -> object:
        """Send one job and wait for the reply; raise _Died if the child goes away."""
        conn = self.conn
        assert conn is not None
        try:
            conn.send(job)
            conn.send_bytes(data)
            self.jobs += 1
            while True:
                if not conn.poll(max(0.0, deadline - time.monotonic())):
                    self.stop(kill=True)
                    raise ExtractionError(
                        "timeout",
                        f"leer el archivo pasó su tiempo límite de {job.timeout_s:g} s: se detuvo",
                    )
                reply = conn.recv()
                if reply != OCR_STARTED or job.ocr is None:
                    return reply
                deadline = time.monotonic() + ocr_budget(job.ocr)
        except (EOFError, OSError) as exc:
            code, peak = _reap(self.proc, self.started_over)
            self.stop(kill=True)
            raise _Died(_death(code), peak) from exc

    def run(self, job: Job, data: bytes) -> Extraction:
        """Run one job under a wall-clock deadline that excludes worker startup.

        A child that dies mid-job (killed from outside, or crashed by the input)
        is replaced and the job retried once within the same deadline; a second
        death means the input crashes the parser: ExtractionError("malformed").
        A PDF that kills or outlasts its worker is first checked for a
        decompression bomb, so that is the cause reported, not the death.
        """
        self._ensure_started()
        deadline = time.monotonic() + job.timeout_s
        try:
            reply = self._attempt(job, data, deadline)
        except ExtractionError as exc:
            _refuse_bomb(job, data, exc)
            raise
        except _Died as died:
            _refuse_bomb(job, data, died)
            self._ensure_started()
            try:
                reply = self._attempt(job, data, deadline)
            except _Died as exc:
                if exc.peak >= _OUT_OF_MEMORY_SHARE * _memory_limit_bytes():
                    raise ExtractionError(
                        "too_large",
                        f"leer el archivo necesita más memoria que los "
                        f"{_memory_limit_bytes() >> 20} MB del proceso que lo lee ({exc})",
                    ) from exc
                raise ExtractionError(
                    "malformed", f"el lector del archivo se cayó dos veces leyéndolo ({exc})"
                ) from exc
        status, payload = reply if isinstance(reply, tuple) else (None, reply)
        if status == "ok" and isinstance(payload, Extraction):
            return payload
        if isinstance(payload, ExtractionError):
            if payload.cause == "too_large":
                _refuse_bomb(job, data, payload)
            raise payload
        raise ExtractionError("internal", f"respuesta inesperada del proceso lector: {status!r}")


def _memory_limit_bytes() -> int:
    megabytes = int(os.environ.get("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "2048"))
    return (megabytes if megabytes > 0 else 2048) * 1024 * 1024


def _refuse_bomb(job: Job, data: bytes, failure: Exception) -> None:
    """Raise ExtractionError("decompression_bomb") if a stream of the PDF inflates past
    half the worker's memory cap (what a death or overrun on it most likely was)."""
    if job.kind != "pdf":
        return
    limit = _memory_limit_bytes() // 2
    if largest_inflation(data, limit) > limit:
        raise ExtractionError(
            "decompression_bomb",
            f"un flujo comprimido de este PDF de {len(data)} bytes se expande a más de "
            f"{limit // 2**20} MB (una bomba de compresión); al leerlo: {failure}",
        ) from failure


class WorkerPool:
    """A fixed number of lazily started workers shared by threads."""

    def __init__(self, size: int) -> None:
        self._workers = [_Worker() for _ in range(max(1, size))]
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        for worker in reversed(self._workers):
            self._idle.put(worker)

    def run(self, job: Job, data: bytes) -> Extraction:
        """Extract ``data`` in a worker; ExtractionError("timeout") after ``job.timeout_s``."""
        worker = self._idle.get()
        try:
            return worker.run(job, data)
        finally:
            self._idle.put(worker)

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        return [w.pid for w in self._workers if w.pid is not None]

    def close(self) -> None:
        for worker in self._workers:  # closing every socket first lets them exit in parallel
            if worker.conn is not None:
                worker.conn.close()
                worker.conn = None
        for worker in self._workers:
            worker.stop()


_pool: WorkerPool | None = None
_pool_lock = threading.Lock()


def _default_size() -> int:
    configured = os.environ.get("ABIERTO_EXTRACT_WORKERS")
    return int(configured) if configured else min(4, os.cpu_count() or 1)


def get_pool() -> WorkerPool:
    """Return the process-wide pool, creating it on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = WorkerPool(_default_size())
        return _pool


def shutdown() -> None:
    """Stop all workers (also registered with ``atexit``); the next call restarts them."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.close()


def _forget_pool_after_fork() -> None:
    """In a forked child the workers belong to the parent: drop them, do not stop them."""
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


atexit.register(shutdown)
os.register_at_fork(after_in_child=_forget_pool_after_fork)


# --- child side -------------------------------------------------------------


class _Watchdog(threading.Thread):
    """Exit the child if the parent dies or a job overruns its deadline."""

    def __init__(self) -> None:
        super().__init__(name="extract-watchdog", daemon=True)
        self.parent = os.getppid()
        self.deadline: float | None = None

    def run(self) -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != self.parent:
                os._exit(0)
            deadline = self.deadline
            if deadline is not None and time.monotonic() > deadline + WATCHDOG_GRACE_S:
                os._exit(3)


def _limit_memory() -> None:
    if int(os.environ.get("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "2048")) <= 0:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        limit = _memory_limit_bytes()
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


log = logging.getLogger(__name__)
# the project's root: a frame under it, not in an installed package, is our own code
_OURS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _unexpected(kind: str, exc: Exception) -> ExtractionError:
    """An exception no reader turned into a cause, as one: ``malformed`` when it came
    out of a parser's own code (pdfium, zipfile, zlib, expat refused the bytes), else
    ``internal`` (a TypeError in our code is our bug, not a damaged file). The message
    is ``<kind>: <exception>: <detail>``, the technical part kept for the log and the
    file's row; ``crawlers.causas`` says it in Spanish. The traceback goes to the log."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = os.path.abspath(frames[-1].filename) if frames else ""
    ours = (
        type(exc).__module__ == "builtins"
        and last.startswith(_OURS + os.sep)
        and "site-packages" not in last
    )
    log.error("extraction of a %s file failed unexpectedly", kind, exc_info=exc)
    cause = "internal" if ours else "malformed"
    return ExtractionError(cause, f"{kind}: {type(exc).__name__}: {exc}"[:500])


def _job(conn: Connection, watchdog: _Watchdog) -> bool:
    """Serve one request; return False when the parent has gone."""
    try:
        job: Job = conn.recv()
        data = conn.recv_bytes()
    except (EOFError, OSError):
        return False
    started = time.monotonic()
    watchdog.deadline = started + job.timeout_s

    def ocr_begins() -> None:
        if job.ocr is not None:
            watchdog.deadline = time.monotonic() + ocr_budget(job.ocr)
            conn.send(OCR_STARTED)

    try:
        result: tuple[str, object] = (
            "ok",
            extract_local(job, data, started + _FALLBACK_SHARE * job.timeout_s, ocr_begins),
        )
    except ExtractionError as exc:
        result = ("err", exc)
    except MemoryError:
        cap = _memory_limit_bytes() >> 20
        said = f"leer el archivo agotó la memoria del proceso que lo lee ({cap} MB)"
        result = ("err", ExtractionError("too_large", said))
    except RecursionError:
        result = ("err", ExtractionError("malformed", _TOO_DEEP))
    except Exception as exc:
        result = ("err", _unexpected(job.kind, exc))
    finally:
        watchdog.deadline = None
        del data
    try:
        conn.send(result)
    except OSError:
        return False
    return True


def serve(fd: int) -> None:
    """Child entry point: answer requests on socket ``fd`` until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    guard_logs()  # a file's name is its address's end: a spec's ``?api_key=…`` too
    _limit_memory()
    from . import pdf  # noqa: F401  (import pypdfium2 before reporting ready)

    conn = Connection(fd)
    watchdog = _Watchdog()
    watchdog.start()
    conn.send("ready")
    while _job(conn, watchdog):
        pass
