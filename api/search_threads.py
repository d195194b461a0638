"""Threads that run searches handed to them by the event loop, at the least cost a hand-off
can have in Python.

A search's native part lets go of the GIL, so it runs off the event loop, which goes on
with other requests meanwhile. ``loop.run_in_executor`` on a ``ThreadPoolExecutor`` does
that with two futures chained by callbacks (a ``concurrent.futures.Future`` with its
condition variable, an asyncio future wrapping it), a work item, two locks taken at each
submission and a semaphore written in Python, released and acquired around every call.
Here a call goes on a C queue with the asyncio future it settles; a thread takes it, runs
it and settles the future from the loop's own thread (``call_soon_threadsafe``): the same
work in the same threads, the same result or exception, with the caller's context
variables (as ``run_in_threadpool`` gives them).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SearchThreads:
    """At most ``size`` threads, started as calls find none idle; each waits for the next
    call on one shared queue. Threads of a process that forked are the parent's: a child
    starts its own."""

    def __init__(self, size: int, name: str) -> None:
        self.size = size
        self.name = name
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        self._pid = os.getpid()
        self._calls: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0

    async def run(self, call: Callable[..., T], *args: Any) -> T:
        """``call(*args)`` in one of the threads, with this task's context variables."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[T] = loop.create_future()
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._start()
        self._calls.put((loop, done, contextvars.copy_context(), call, args))
        if self._idle == 0 and len(self._threads) < self.size:
            self._more()
        return await done

    def _more(self) -> None:
        with self._lock:
            if self._idle > 0 or len(self._threads) >= self.size:
                return
            thread = threading.Thread(
                target=self._serve,
                args=(self._calls,),
                name=f"{self.name}_{len(self._threads)}",
                daemon=True,
            )
            self._threads.append(thread)
        thread.start()

    def _serve(self, calls: queue.SimpleQueue[Any]) -> None:
        while True:
            with self._lock:
                self._idle += 1
            job = calls.get()
            with self._lock:
                self._idle -= 1
            loop, done, context, call, args = job
            del job
            try:
                result = context.run(call, *args)
            except BaseException as exc:  # handed to the caller, as an executor does
                _settle_soon(loop, done, None, exc)
            else:
                _settle_soon(loop, done, result, None)
            del loop, done, context, call, args


def _settle_soon(
    loop: asyncio.AbstractEventLoop,
    done: asyncio.Future[Any],
    result: Any,
    error: BaseException | None,
) -> None:
    with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits
        loop.call_soon_threadsafe(_settle, done, result, error)


def _settle(done: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if done.cancelled():
        return  # the request went away while its search ran
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)
