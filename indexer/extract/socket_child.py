"""A Python child process spoken to over a socketpair, for work that must be killable.

The extraction worker and the OCR reader run native code a thread cannot stop, so each
runs in a child: ``python -c "from MODULE import serve; serve(FD)"`` with its end of a
socketpair as ``FD`` (the only descriptor it inherits), which says ``"ready"`` once set
up. The parent kills and reaps it (no zombie, no orphan) when it overruns or dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path

from config.child_environment import operator_choices, system_environment

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_PR_SET_PDEATHSIG = 1
_EXIT_WAIT_S = 2.0  # for a child told to stop by EOF, before it is killed


class CannotStart(Exception):
    """The child process could not be started (the operating system refused)."""


class NotReady(Exception):
    """The child started but did not say ``"ready"`` in time (the message it sent, if any);
    it has been killed and reaped."""


def spawn(
    module: str, startup_timeout_s: float, env_defaults: Mapping[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], Connection]:
    """Start ``module.serve(fd)`` in a child and wait for its ``"ready"``; ``env_defaults``
    are set in its environment unless already there (``config.child_environment``)."""
    parent_sock, child_sock = socket.socketpair()
    # of this process's environment, only the system's variables and the operator's
    # extraction choices: the child reads what sites sent with native code, and the
    # database's, the engine's or any other account is none of its business
    env = system_environment() | operator_choices()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
    for name, value in (env_defaults or {}).items():
        env.setdefault(name, value)
    code = f"import sys; from {module} import serve; serve(int(sys.argv[1]))"
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(child_sock.fileno())],
            pass_fds=(child_sock.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            env=env,
        )
    except OSError as exc:
        parent_sock.close()
        raise CannotStart(str(exc)) from exc
    finally:
        child_sock.close()
    conn = Connection(parent_sock.detach())
    try:
        message = conn.recv() if conn.poll(startup_timeout_s) else None
    except (EOFError, OSError):
        message = None
    if message != "ready":
        stop(conn, proc, kill=True)
        raise NotReady(message or "no answer")
    return proc, conn


def stop(conn: Connection | None, proc: subprocess.Popen[bytes] | None, kill: bool) -> None:
    """Close the child's socket (it exits on EOF) and reap it; kill it first if asked, or
    when it has not exited ``_EXIT_WAIT_S`` after the EOF."""
    if conn is not None:
        conn.close()
    if proc is None:
        return
    if not kill:
        try:
            proc.wait(timeout=_EXIT_WAIT_S)
            return
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait()


def die_with_parent() -> None:
    """Child side, Linux: the kernel kills this process when its parent dies."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
