"""Scrapy's memory limit (``MEMUSAGE_LIMIT_MB``, from ``ABIERTO_CRAWL_MAX_MEMORY_MB``)
read on the crawl's own memory: Scrapy reads ``ru_maxrss``, which in a crawl started by
a larger process is that process's high mark (``indexer.process_memory``)."""

from __future__ import annotations

from scrapy.extensions.memusage import MemoryUsage

from indexer.process_memory import own_peak_bytes

SCRAPY_MEMORY_USAGE = "scrapy.extensions.memusage.MemoryUsage"


class OwnMemoryUsage(MemoryUsage):
    """The same checks, stats and shutdown reason (``memusage_exceeded``) as Scrapy's,
    on this process's own peak."""

    def get_virtual_size(self) -> int:
        return own_peak_bytes()
