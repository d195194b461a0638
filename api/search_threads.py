"""The threads searches run in, handed their work without ``concurrent.futures``.

A search runs off the event loop (its native part lets go of the GIL, so the loop goes
on with other requests). ``loop.run_in_executor`` on a ``ThreadPoolExecutor`` makes, for
every call, a ``concurrent.futures.Future`` (a ``threading.Condition`` over an ``RLock``,
written in Python), a work item, takes two locks and a Python semaphore, and chains
the future to an asyncio one through callbacks; the answer then comes back through the
condition and those callbacks. Here a call is one tuple put on a C queue and its answer
one ``call_soon_threadsafe`` that sets the asyncio future: the same threads, the same
order, less CPU on the loop's thread for every search.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

_Work = tuple[asyncio.AbstractEventLoop, asyncio.Future[Any], Callable[[], Any]]


class SearchThreads:
    """Up to ``most`` threads, started as calls find none idle, kept for the next."""

    def __init__(self, most: int, name: str) -> None:
        self._most = most
        self._name = name
        self._work: queue.SimpleQueue[_Work] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0  # threads waiting for work that no call has been promised yet

    def call(self, function: Callable[[], Any]) -> asyncio.Future[Any]:
        """``function()`` in one of the threads; its value (or exception) on the future."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        with self._lock:
            if self._idle:
                self._idle -= 1  # promised this call
                start = False
            else:
                start = self._threads < self._most
                if start:
                    self._threads += 1
        self._work.put((loop, future, function))
        if start:
            threading.Thread(
                target=self._serve, name=f"{self._name}_{self._threads}", daemon=True
            ).start()
        return future

    def _serve(self) -> None:
        while True:
            loop, future, function = self._work.get()
            value = None
            try:
                # a request gone before its turn (its client left): not searched, as an
                # executor's cancelled call is not run
                value = None if future.cancelled() else function()
            except BaseException as exc:  # as the executor does: the caller gets it
                _answer(loop, _failed, future, exc)
            else:
                _answer(loop, _done, future, value)
            del loop, future, function, value
            with self._lock:
                self._idle += 1


def _answer(loop: asyncio.AbstractEventLoop, setter: Any, *args: Any) -> None:
    with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: no one waits
        loop.call_soon_threadsafe(setter, *args)


def _done(future: asyncio.Future[Any], value: Any) -> None:
    if not future.done():  # a cancelled request's future takes nothing
        future.set_result(value)


def _failed(future: asyncio.Future[Any], exc: BaseException) -> None:
    if not future.done():
        future.set_exception(exc)
