"""A real browser on the real pages: Debian's Chromium driven by Playwright (never a
downloaded browser), the app served by uvicorn on 127.0.0.1 over a library crawled from
the sample sites, its sessions' speeches placed in their videos by ``abierto align`` (as
the worker does after a crawl). Every request that would leave 127.0.0.1 is refused and
recorded, and each test fails if one was attempted. Screenshots go to test-artifacts/ (git
ignores it). The browser and the server live for this package only: Playwright's
greenlets and the server thread are gone before other tests run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from api.app import create_app
from config.settings import Settings
from samples.generate import generate
from samples.manifest import Manifest
from samples.server import SampleServer, serve
from tests.e2e.helpers import run_crawl

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

if CHROMIUM is None:
    pytest.skip(
        "no Chromium on this machine: run `make system-deps` (Debian's chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")


@dataclass
class Site:
    url: str
    sites: SampleServer
    manifest: Manifest
    data_dir: Path


@dataclass
class Outside:
    """Requests the pages tried to make beyond 127.0.0.1 (each one refused)."""

    attempted: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("browser-sites")
    manifest = generate(root)
    data_dir = tmp_path_factory.mktemp("browser-data")
    with serve(root) as sites:
        crawl = run_crawl(data_dir, sites.url)
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        aligned = subprocess.run(
            [sys.executable, "-m", "cli.main", "align", "--sin-audio"],
            env=os.environ | {"ABIERTO_DATA_DIR": str(data_dir), "ABIERTO_ALLOW_LOOPBACK": "true"},
            cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert aligned.returncode == 0, aligned.stdout + aligned.stderr
        app = create_app(settings=Settings(data_dir=data_dir))
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
            time.sleep(0.05)
        yield Site(f"http://127.0.0.1:{port}", sites, manifest, data_dir)
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def outside() -> Iterator[Outside]:
    record = Outside()
    yield record
    assert record.attempted == [], f"requests left 127.0.0.1: {record.attempted}"


@pytest.fixture
def open_page(browser: Any, outside: Outside) -> Iterator[Callable[..., Any]]:
    """A new page in a fresh context: ``open_page(viewport=PHONE, javascript=False)``."""
    contexts: list[Any] = []

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.attempted.append(route.request.url)
            route.abort()

    def make(viewport: dict[str, int] = DESKTOP, javascript: bool = True, axe: bool = False) -> Any:
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            accept_downloads=True,
            bypass_csp=axe,  # axe's script is injected; the pages' own policy forbids that
            locale="es-MX",
        )
        context.route("**/*", guard)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    size = page.viewport_size
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's critical and serious violations on the page as it is."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
        if v["impact"] in ("critical", "serious")
    ]
