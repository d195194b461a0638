"""A process forked after the API looked a name up (a worker's crawl, say) still looks
names up: the lookup pool's threads are not inherited, so the child starts its own."""

from __future__ import annotations

import os

from crawlers import addresses


def test_a_forked_child_resolves_names() -> None:
    assert addresses.resolve_checked("localhost", 80, allow_loopback=True)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            answer = addresses.resolve_checked("localhost", 80, allow_loopback=True)
            os.write(write, ",".join(answer).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        answer = pipe.read()
    os.waitpid(child, 0)
    assert "127.0.0.1" in answer.split(",") or "::1" in answer.split(",")
