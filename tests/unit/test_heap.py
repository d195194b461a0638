"""A settled heap (``indexer.heap``): what a writing process made at start is out of
the collector's passes, and what it makes later is still collected. Run in a process of
its own: freezing this one would keep every test's leftovers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent(
    """
    import gc
    import weakref

    import indexer.library  # what a writer imports at start
    from indexer.heap import settle_heap

    class Node:
        pass

    kept = Node()
    kept.me = kept  # made at start, alive: frozen
    settle_heap()
    frozen = gc.get_freeze_count()
    gc.collect()
    assert gc.get_freeze_count() == frozen, "frozen objects came back"
    later = Node()
    later.me = later  # a cycle made after settling
    gone = weakref.ref(later)
    del later
    gc.collect()
    assert gone() is None, "a cycle made after settling was not collected"
    assert gc.isenabled()
    print(frozen)
    """
)


def test_start_up_objects_are_frozen_and_later_cycles_still_collected() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 50_000  # the imported modules and schemas
