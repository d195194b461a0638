"""The crawl's resolver (``crawlers.resolver.GuardedResolver``) is the one Scrapy installs,
named by the setting this Scrapy reads: a crawl to a name that resolves to a forbidden
address (``localhost``, loopback not allowed) is refused by it at connect time and the
server is never reached, and the crawl's output carries no warning that the setting's
name is deprecated (Scrapy 2.19 warned ``DNS_RESOLVER`` in every crawl)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crawlers.settings import RESOLVER_SETTING

SCRIPT = textwrap.dedent(
    """
    import logging, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from config.settings import Settings
    from crawlers.addresses import log
    from crawlers.settings import scrapy_settings

    said = []
    class Keep(logging.Handler):
        def emit(self, record):
            said.append(record.getMessage())
    log.addHandler(Keep())
    log.setLevel(logging.WARNING)

    class Probe(scrapy.Spider):
        name = "probe"
        async def start(self):
            yield scrapy.Request(sys.argv[1], callback=self.got, errback=self.failed,
                                 dont_filter=True)
        def got(self, response):
            print("FETCHED", response.status)
        def failed(self, failure):
            print("FAILED", type(failure.value).__name__, failure.value)

    settings = scrapy_settings(Settings(allow_loopback=False), "WARNING", False)
    settings.update({"ROBOTSTXT_OBEY": False, "RETRY_ENABLED": False, "ITEM_PIPELINES": {},
                     "EXTENSIONS": {}})
    # the checks made before a request leaves are taken out: only the resolver is left
    for key, name in (("DOWNLOADER_MIDDLEWARES", "AddressGuardMiddleware"),
                      ("SPIDER_MIDDLEWARES", "FetchLookupMiddleware")):
        settings[key] = {**settings.get(key, {}), "crawlers.middlewares." + name: None}
    process = CrawlerProcess(settings)
    process.crawl(Probe)
    process.start()
    for line in said:
        print("LOG", line)
    """
)


def test_a_name_resolving_to_loopback_is_refused_at_connect_time(tmp_path: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    port = listener.getsockname()[1]
    script = tmp_path / "probe.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    try:
        done = subprocess.run(
            [sys.executable, "-W", "default", str(script), f"http://localhost:{port}/"],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=tmp_path,
        )
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing connected: the refusal came before the connection
    finally:
        listener.close()
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "FAILED " in done.stdout, output  # the errback: the request did not succeed
    assert "no results for hostname lookup: localhost" in done.stdout, output
    # the guarded resolver's own word, not Scrapy's default resolver or a middleware's
    assert "LOG refused 'localhost' at connect time: it resolves to a loopback" in done.stdout, (
        output
    )
    assert "DNS_RESOLVER setting is deprecated" not in output, output


def test_the_setting_is_named_as_the_installed_scrapy_reads_it() -> None:
    from scrapy.settings import default_settings

    if hasattr(default_settings, "TWISTED_DNS_RESOLVER"):
        assert RESOLVER_SETTING == "TWISTED_DNS_RESOLVER"
    else:  # an older Scrapy (the pin allows >=2.11) reads only the old name
        assert RESOLVER_SETTING == "DNS_RESOLVER"
