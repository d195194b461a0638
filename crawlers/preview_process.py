"""The preview's own process, timed from when it is ready to work, not from its spawn.

Starting Python and importing the crawl takes a second on an idle machine and ten on a
loaded one: a budget counted from the spawn let a slow start eat the preview's time, and
a site that merely never answered was reported as selectors too slow to finish (a 504).
The child says when it starts (one byte on a pipe of its own); its budget, and the kill
that bounds the API's wait, count from then. A child that cannot even start within
``START_LIMIT_S`` never reached the site: that is said as such, not as the spec's fault.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading

START_LIMIT_S = 30.0  # a start slower than this is a machine in trouble, said as busy
KILL_GRACE_S = 5.0  # the child's own deadline comes first; this covers writing its answer
READY_FLAG = "--ready-fd"


class DidNotStart(Exception):
    """The child was not ready to work within ``START_LIMIT_S``: no request was sent."""


class TimedOut(Exception):
    """The child started but did not finish within its budget and was killed."""


def run_child(
    module: str, request: str, env: dict[str, str], time_limit_s: float
) -> tuple[str, str]:
    """``python -m module --ready-fd N`` given ``request`` on stdin: its stdout and stderr.
    Killed ``time_limit_s`` + ``KILL_GRACE_S`` after it signals it is ready."""
    ready_read, ready_write = os.pipe()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", module, READY_FLAG, str(ready_write)], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            pass_fds=(ready_write,),
        )  # fmt: skip
    finally:
        os.close(ready_write)
    answer: list[tuple[str, str]] = []
    talker = threading.Thread(target=lambda: answer.append(child.communicate(request)))
    talker.start()
    try:
        # readable once the child writes its byte, or exits (the pipe's end is closed)
        if not select.select([ready_read], [], [], START_LIMIT_S)[0]:
            raise DidNotStart
        talker.join(time_limit_s + KILL_GRACE_S)
        if talker.is_alive():
            raise TimedOut
    finally:
        os.close(ready_read)
        if child.poll() is None:
            child.kill()
        talker.join()
    return answer[0]


def say_ready(argv: list[str]) -> None:
    """In the child: tells the parent its budget starts now (nothing when not asked)."""
    if READY_FLAG not in argv:
        return
    fd = int(argv[argv.index(READY_FLAG) + 1])
    os.write(fd, b"1")
    os.close(fd)
