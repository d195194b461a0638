"""Two ``abierto dump`` runs on one folder (a cron run and a manual one) wrote the same
``.part`` files: the second renamed the first's half-written file into place and took
its checksum, the first went on writing into the published file and then died on its own
rename. A second run now refuses while the first holds the folder, and the first's dump
is whole and matches its catalog."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.db import Database
from indexer.dump import DumpBusy, write_dump
from tests.adversarial.abierto import abierto
from tests.dump.test_delta import _save, _sentencia

DOCS = 30


class PausedDatabase(Database):
    """The real database; its reading pauses after the first document until released,
    so a second run starts while the first is writing."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.writing, self.release = threading.Event(), threading.Event()

    def iter_documents(self, *args: object, **kwargs: object) -> Iterator:  # type: ignore[override]
        for n, doc in enumerate(super().iter_documents(*args, **kwargs)):  # type: ignore[arg-type]
            yield doc
            if n == 0:
                self.writing.set()
                assert self.release.wait(30)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    _save(folder, *(_sentencia(f"{n}/2024") for n in range(DOCS)))
    return folder


def test_a_second_run_on_the_same_folder_is_refused(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump"
    url = Settings(data_dir=data, database_url=None).database
    first_db = PausedDatabase(url)
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            outcome["report"] = write_dump(first_db, out)
        except BaseException as exc:  # the test reads it below
            outcome["error"] = exc

    runner = threading.Thread(target=first)
    runner.start()
    try:
        assert first_db.writing.wait(30)
        second_db = Database(url)
        try:
            with pytest.raises(DumpBusy, match="otro volcado está escribiendo"):
                write_dump(second_db, out)
        finally:
            second_db.close()
        busy = abierto(data, "dump", str(out))  # the command says so, with no traceback
        assert busy.returncode == 75
        assert "otro volcado está escribiendo" in busy.stderr and "Traceback" not in busy.stderr
    finally:
        first_db.release.set()
        runner.join(60)
        first_db.close()
    assert "error" not in outcome, outcome.get("error")
    catalog = json.loads((out / "catalog.json").read_text())
    for item in catalog["dataset"][0]["distribution"]:
        path = out / item["downloadURL"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == item["checksum"]["checksumValue"]
        if path.name == "sentencia.jsonl.gz":
            assert len(gzip.decompress(path.read_bytes()).splitlines()) == DOCS == item["rows"]


def test_one_run_after_another_both_write(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "dump"
    assert abierto(data, "dump", str(out)).returncode == 0
    again = abierto(data, "dump", str(out))
    assert again.returncode == 0, again.stderr
