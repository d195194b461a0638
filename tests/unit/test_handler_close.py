"""Closing the crawl's HTTP handler while the machine is loaded: the pool finishes
closing in the same reactor turn as the close's time limit runs out (what a starved CPU
does to the one-second limit). Scrapy's own handler then calls back a Deferred twice and
an ``AlreadyCalledError`` traceback lands in the crawl's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scrapy.settings import default_settings

from config.settings import Settings
from crawlers.settings import scrapy_settings

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from scrapy.utils.reactor import install_reactor
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler
from twisted.internet import reactor, task
from twisted.python import log

log.startLogging(sys.stderr, setStdout=False)
handler = load_object(sys.argv[1])(get_crawler())
handler._disconnect_timeout = 0
handler._pool.closeCachedConnections = lambda: task.deferLater(reactor, 0)

def done(result):
    print("closed" if result is None else f"failed: {result}")
    reactor.callLater(0.2, reactor.stop)

deferred_from_coro(handler.close()).addBoth(done)
reactor.run()
"""


def test_closing_as_the_limit_runs_out_leaves_no_traceback() -> None:
    crawl = scrapy_settings(Settings())
    handler = (crawl.get("DOWNLOAD_HANDLERS") or {}).get(
        "http", default_settings.DOWNLOAD_HANDLERS_BASE["http"]
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, handler],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout.strip() == "closed", result.stderr
    assert "AlreadyCalledError" not in result.stderr
    assert "Traceback" not in result.stderr
