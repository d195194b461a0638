"""What handing a build to a worker process costs the crawl process: its CPU per build
through ``crawlers.building.Builders`` (a pipe per ticket, the waiting thread sends and
receives itself, with the time limit's stamp and poll) beside a bare hand-off over one
pipe per ticket (no time limit, no restart of a dead worker: the floor), the same real
builds of 3 KB sentence pages, from the pipeline's 10 threads, alternately in one run.
Before the pipes, ``Builders`` was a ``ProcessPoolExecutor`` (the submitting thread, the
executor's manager thread and its queue's feeder thread each woke for every build): to
compare with it, run this file of both revisions alternately.

Usage: python bench/build_handoff.py [--builds 2000] [--rounds 3]

The build's own CPU (in the worker) is the same in both and not counted here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import queue
import resource
import statistics
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from crawlers.building import _WORKERS, Builders, BuildOrder, PageHtml, build  # noqa: E402

THREADS = 10  # the reactor's thread pool, where the pipeline waits for its builds


def orders(n: int) -> list[BuildOrder]:
    made = []
    for i, doc in enumerate(LegalCorpus(n, mix="3k"), start=1):
        paragraphs = "".join(f"<p>{p}</p>" for p in doc.text.split("\n") if p.strip())
        body = f"<html><body><h1>{doc.title}</h1>{paragraphs}</body></html>".encode()
        made.append(
            BuildOrder(
                kind="sentencia",
                source_id="bench",
                institution="Juzgado de Prueba",
                jurisdiction="MX-OAX",
                url=f"http://127.0.0.1/s{i}.html",
                fields={"expediente": f"{i}/2024", "date": "01/02/2024"},
                page_text="",
                page=PageHtml(body, "utf-8", None),
                file_texts=[],
                files=[],
                required=[],
                fetched_at=dt.datetime.now(dt.UTC),
                videos=[],
                origin="listing",
                origins={},
                ocr_pages=[],
                text_source=None,
                privacy="mask",
            )
        )
    return made


def serve(connections: list[Connection]) -> None:
    """The stand-in worker: builds what arrives on any of its pipes, answers on it."""
    while connections:
        for connection in wait(connections):
            try:
                order = connection.recv()
            except EOFError:
                connections.remove(connection)  # type: ignore[arg-type]
                continue
            connection.send(build(order))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _from_threads(work: list[BuildOrder], one: Callable[[BuildOrder], Any]) -> float:
    """CPU seconds of this process to build ``work`` from ``THREADS`` threads."""
    todo: queue.SimpleQueue[BuildOrder] = queue.SimpleQueue()
    for order in work:
        todo.put(order)

    def run() -> None:
        while True:
            try:
                order = todo.get_nowait()
            except queue.Empty:
                return
            one(order)

    began = _cpu()
    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _cpu() - began


def through_builders(work: list[BuildOrder]) -> float:
    builders = Builders(1, timeout_s=30.0)
    builders.start()
    builders.build(work[0])  # the worker has started
    try:
        return _from_threads(work, builders.build)
    finally:
        builders.close()


def through_pipes(work: list[BuildOrder]) -> float:
    from bench import build_handoff  # by its module name, for the spawned worker

    pairs = [_WORKERS.Pipe() for _ in range(2)]  # a ticket each: one building, one queued
    worker = _WORKERS.Process(target=build_handoff.serve, args=([b for _, b in pairs],))
    worker.start()
    tickets: queue.SimpleQueue[Connection] = queue.SimpleQueue()
    for ours, _ in pairs:
        tickets.put(ours)

    def one(order: BuildOrder) -> Any:
        connection = tickets.get()
        try:
            connection.send(order)
            return connection.recv()
        finally:
            tickets.put(connection)

    try:
        one(work[0])
        return _from_threads(work, one)
    finally:
        for ours, theirs in pairs:
            ours.close()
            theirs.close()
        worker.join(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builds", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = orders(args.builds)
    ways = {"Builders": through_builders, "pipe per ticket": through_pipes}
    ms: dict[str, list[float]] = {name: [] for name in ways}
    for round_ in range(args.rounds):
        for name, way in ways.items():
            ms[name].append(1000 * way(work) / len(work))
            print(f"round {round_ + 1} {name}: {ms[name][-1]:.3f} ms of CPU a build", flush=True)
    print("\n| hand-off | crawl process CPU ms a build (median) |\n|---|---|")
    for name, values in ms.items():
        print(f"| {name} | {statistics.median(values):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
