"""A process's own peak resident memory, as the limits that stop a crawl or a reader
must read it.

``getrusage``'s ``ru_maxrss`` is no measure of a process started by another: Linux
keeps, across ``execve``, the high mark of the memory the process replaced, which after
``fork``/``vfork`` is its parent's. A crawl started by a test runner, a server or a
scheduler that once held a gigabyte read a gigabyte at its first check and stopped as
``memory_limit`` having fetched nothing. ``VmHWM`` is the high mark of this process's own
memory only (a new address space starts anew)."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

_STATUS = Path("/proc/self/status")


def _usage_peak_bytes() -> int:
    """``ru_maxrss`` in bytes (KiB on Linux, bytes on macOS): the fallback without /proc."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def own_peak_bytes() -> int:
    """This process's peak resident memory, never its parent's."""
    try:
        status = _STATUS.read_text(encoding="ascii", errors="replace")
    except OSError:
        return _usage_peak_bytes()
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            fields = line.split()
            if len(fields) >= 2 and fields[1].isdigit():
                return int(fields[1]) * 1024
    return _usage_peak_bytes()


def child_peak_bytes(reported_kib: int, parent_peak_at_start: int) -> int:
    """A finished child's own peak from the ``ru_maxrss`` (KiB) ``wait4`` reported, or 0
    when unknown: a value no higher than its parent's peak when it was started may be
    the parent's, carried over by ``execve``, and says nothing of the child."""
    reported = reported_kib * 1024
    return reported if reported > parent_peak_at_start else 0
