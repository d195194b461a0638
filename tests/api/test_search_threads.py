"""The threads searches run in: every call answered on its own request, its exception
raised there, several at once, and a request gone before its turn not searched."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading

import pytest

from api.search_threads import SearchThreads

ASKED: contextvars.ContextVar[str] = contextvars.ContextVar("asked", default="")


def test_each_call_gets_its_own_answer_with_its_context() -> None:
    threads = SearchThreads(4, "test")

    async def ask(n: int) -> tuple[str, str]:
        ASKED.set(f"q{n}")
        context = contextvars.copy_context()
        return await threads.call(functools.partial(context.run, lambda: (ASKED.get(), f"a{n}")))

    async def main() -> list[tuple[str, str]]:
        return await asyncio.gather(*(ask(n) for n in range(50)))

    assert asyncio.run(main()) == [(f"q{n}", f"a{n}") for n in range(50)]


def test_an_exception_is_raised_to_the_caller_and_the_thread_goes_on() -> None:
    threads = SearchThreads(1, "test")

    def refuse() -> None:
        raise ValueError("consulta inválida")

    async def main() -> str:
        with pytest.raises(ValueError, match="consulta inválida"):
            await threads.call(refuse)
        return await threads.call(lambda: "sigue")

    assert asyncio.run(main()) == "sigue"


def test_searches_run_at_once_up_to_the_limit() -> None:
    threads = SearchThreads(3, "test")
    together = threading.Barrier(3, timeout=10)  # broken unless three run at once

    async def main() -> list[int]:
        return await asyncio.gather(*(threads.call(together.wait) for _ in range(3)))

    assert sorted(asyncio.run(main())) == [0, 1, 2]


def test_a_request_cancelled_before_its_turn_is_not_searched() -> None:
    threads = SearchThreads(1, "test")
    release = threading.Event()
    ran: list[str] = []

    async def main() -> None:
        busy = threads.call(release.wait)  # the only thread, held
        waiting = threads.call(lambda: ran.append("searched"))
        waiting.cancel()
        release.set()
        await busy
        assert await threads.call(lambda: "next") == "next"  # the queue's order: after it

    asyncio.run(main())
    assert ran == []
