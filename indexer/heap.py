"""A long-running process's heap put out of the garbage collector's full passes.

What a process makes at start (modules, classes, pydantic and SQLAlchemy schemas, the
library it opens: over 100k objects) lives as long as it does, yet each full collection
walks all of it again. Frozen (``gc.freeze``) once made, the collections walk only what
the process made since: an answer's allocations, or a batch of documents being saved
and indexed. What is made later is collected as before.
"""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Collect what start-up left over, then freeze the rest out of the collector's
    reach (measured in ``bench/write.py``: the collector's CPU per document saved and
    indexed fell from about 80 to 25 µs; on the 100k library a fresh answer's
    collections took 0.3–0.5 ms)."""
    gc.collect()
    gc.freeze()


# A crawl makes a few thousand short-lived objects a page (requests, responses, Deferreds,
# selectors) and almost no cycles (about one object of cyclic garbage a page was found
# by the collector at a crawl of 1,500 pages): at the default threshold (700) the young
# generation was collected some 450 times for 1,500 pages, 0.5 ms of CPU a page, a tenth
# of the crawl process's. Collected every this many new objects instead. An API answer
# makes hundreds (its payloads read, its hits and facets as dicts, the request's and the
# response's objects): at 700 the collector ran about once per 8 fresh answers of the
# 100k library, its older generations 63 times in 5,000 answers (a full pass 35 ms and
# more); at 10,000 twice, and its CPU per answer fell from 0.16 to 0.11 ms (two servers
# alternately under the same load).
CRAWL_YOUNG_THRESHOLD = 10_000


def loosen_collector() -> None:
    """Collect the young generation less often, in a process that makes many objects and
    few cycles (what the collector frees is the same; it waits for more allocations)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(CRAWL_YOUNG_THRESHOLD, middle, old)
