"""Two crawl processes of one identity scope at once (a congress's session pages in one
worker, its video channel in another) each read the shared session, merge and write it.
A lock held within one process let the pages' crawl read the session, the channel write
a video into it, and the pages' write (merged into the copy read before) drop that
video: a contribution silently lost. Every video the channel saved must stay."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from config.settings import Settings
from crawlers.pipelines import LibraryPipeline
from crawlers.tenancy import Tenant
from indexer.build import build_document
from indexer.library import Library
from tests.unit.test_session_identity import CHANNEL, TABLE

DAY = "Miércoles 08 de abril de 2026"
VIDEOS = 80


def _session_page(round_: int) -> Any:
    return build_document(
        kind="sesion", source_id=TABLE.id, institution=TABLE.institution, jurisdiction="MX",
        url="https://www.senado.gob.mx/66/version_estenografica/174",
        text=f"Versión estenográfica, lectura {round_}.",
        fields={"date": DAY, "session_type": "Ordinaria"},
    )  # fmt: skip


def _video(number: int) -> Any:
    return build_document(
        kind="sesion", source_id=CHANNEL.id, institution=CHANNEL.institution, jurisdiction="MX",
        url=f"https://video.example/watch?v=parte{number}", text="",
        fields={
            "title": f"Sesión Ordinaria, 8 de abril de 2026 (parte {number})",
            "video_urls": f"https://video.example/watch?v=parte{number}",
        },
    )  # fmt: skip


def _crawl(role: str, data_dir: str, database_url: str, start: Any, done: Any) -> None:
    """The pages' crawl saves the session again and again until the channel has saved
    all its videos, so that the two overlap however the processes are scheduled."""
    library = Library.open(Settings(data_dir=Path(data_dir), database_url=database_url))
    start.wait()
    try:
        if role == "pages":
            round_ = 0
            while not done.is_set():
                LibraryPipeline._save(TABLE, library, _session_page(round_), Tenant(TABLE.id))
                round_ += 1
        else:
            for number in range(VIDEOS):
                LibraryPipeline._save(CHANNEL, library, _video(number), Tenant(CHANNEL.id))
    finally:
        done.set()
        library.close()


def test_no_process_loses_another_s_contribution(tmp_path: Path, database_url: str) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    first = Library.open(settings)
    LibraryPipeline._save(TABLE, first, _session_page(-1), Tenant(TABLE.id))
    first.close()
    spawn = multiprocessing.get_context("spawn")
    start, done = spawn.Event(), spawn.Event()
    crawls = [
        spawn.Process(target=_crawl, args=(role, str(tmp_path), database_url, start, done))
        for role in ("pages", "channel")
    ]
    for crawl in crawls:
        crawl.start()
    start.set()
    for crawl in crawls:
        crawl.join(timeout=180)
    assert [crawl.exitcode for crawl in crawls] == [0, 0]

    library = Library.open(settings)
    try:
        [session] = list(library.db.iter_documents())
    finally:
        library.close()
    saved = {link.url for link in session.video_urls if "parte" in link.url}
    missing = VIDEOS - len(saved)
    assert missing == 0, f"{missing} of {VIDEOS} videos lost to the pages' concurrent writes"
    assert session.text.startswith("Versión estenográfica, lectura ")
