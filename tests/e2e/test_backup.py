"""``abierto backup`` of a crawled library while a writer keeps adding documents, and
``abierto restore`` elsewhere: the same documents, the same originals, the same hits."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Crawled
from tests.e2e.helpers import REPO, client_for, run_crawl

WRITTEN = 150
# Adds WRITTEN documents one by one, indexing every 5, and says when it has begun.
WRITER = f"""
import sys
import time
from pathlib import Path
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, document_id

library = Library.open(Settings(data_dir=Path(sys.argv[1])), writer=True)
for n in range({WRITTEN}):
    url = f"https://congreso.example/escrito/{{n:04d}}"
    library.add_document(Legislativo(
        id=document_id("escritura", url), title=f"Iniciativa añadida {{n}}",
        institution="Congreso de prueba", jurisdiction="MX", source_id="escritura", url=url,
        text=f"Iniciativa añadida durante la copia de seguridad, número {{n}}.",
    ))
    if n % 5 == 4:
        library.flush()
    if n == 10:
        print("begun", flush=True)
    time.sleep(0.02)
library.flush()
library.close()
"""
QUERIES = ["amparo", "sesión ordinaria", "dictamen", "sentencia", "añadida"]


def _abierto(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(data), *args],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _documents(data: Path) -> dict[str, str]:
    """Every document's id and content hash, straight from the SQLite file."""
    with sqlite3.connect(data / "abierto.db") as connection:
        return dict(connection.execute("SELECT id, content_sha256 FROM documents"))


def _hits(data: Path, q: str) -> list[str]:
    with client_for(data) as api:
        ids, cursor = [], None
        while True:
            params = {"q": q, "limit": 100, "facets": "none"}
            body = api.get("/v1/search", params=params | ({"cursor": cursor} if cursor else {}))
            assert body.status_code == 200, body.text
            ids += [hit["id"] for hit in body.json()["hits"]]
            cursor = body.json()["next_cursor"]
            if cursor is None:
                return ids


@pytest.fixture
def live(crawled: Crawled, tmp_path: Path) -> Path:
    """A private copy of the crawled library (the shared one stays untouched)."""
    target = tmp_path / "live"
    shutil.copytree(crawled.data_dir, target)
    return target


def test_backup_while_a_writer_adds_documents_restores_the_same_library(
    live: Path, tmp_path: Path
) -> None:
    before = _documents(live)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(live)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "begun"
        backup = _abierto(live, "backup", str(tmp_path / "copia"))
    finally:
        _out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert backup.returncode == 0, backup.stdout + backup.stderr
    after = _documents(live)
    assert len(after) == len(before) + WRITTEN

    restored = tmp_path / "restored"
    result = _abierto(restored, "restore", str(tmp_path / "copia"))
    assert result.returncode == 0, result.stdout + result.stderr
    copy = _documents(restored)
    # every crawled document, with the same content; the writer's as far as it had got
    assert {k: copy[k] for k in before} == before
    added = sorted(set(copy) - set(before))
    assert all(copy[doc_id] == after[doc_id] for doc_id in added)
    assert 10 < len(added) <= WRITTEN

    with client_for(restored) as api:
        health = api.get("/healthz").json()
        assert health["database"]["documents"] == len(copy) == health["store"]["documents"]
        # the originals come back byte for byte
        with client_for(live) as original:
            shown = 0
            for doc_id in list(before)[:40]:
                doc = original.get(f"/v1/documents/{doc_id}").json()
                if doc["file_urls"]:
                    assert (
                        api.get(doc["file_urls"][0]).content
                        == original.get(doc["file_urls"][0]).content
                    )
                    shown += 1
            assert shown > 0
    for q in QUERIES[:-1]:  # the crawled documents answer as before
        hits = sorted(_hits(live, q))
        assert hits and sorted(_hits(restored, q)) == hits, q
    assert sorted(_hits(restored, "añadida")) == sorted(added)


def test_a_backup_without_an_index_is_rebuilt_on_restore(live: Path, tmp_path: Path) -> None:
    expected = {q: sorted(_hits(live, q)) for q in QUERIES[:-1]}
    shutil.rmtree(live / "index")
    backup = _abierto(live, "backup", str(tmp_path / "copia"))
    assert backup.returncode == 0, backup.stderr
    assert "abierto reindex" in backup.stdout
    result = _abierto(tmp_path / "restored", "restore", str(tmp_path / "copia"))
    assert result.returncode == 0, result.stderr
    assert "índice reconstruido" in result.stdout
    assert _documents(tmp_path / "restored") == _documents(live)
    for q, hits in expected.items():
        assert sorted(_hits(tmp_path / "restored", q)) == hits, q


def test_restore_refuses_a_damaged_backup_and_a_folder_in_use(live: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copia"
    assert _abierto(live, "backup", str(copy)).returncode == 0
    assert _abierto(live, "backup", str(copy)).returncode == 2  # never into a used folder

    occupied = _abierto(live, "restore", str(copy))
    assert occupied.returncode == 2 and "--force" in occupied.stderr

    original = next(p for p in (copy / "files").rglob("*") if p.is_file())
    kept = original.read_bytes()
    original.write_bytes(kept + b"x")
    damaged = _abierto(tmp_path / "elsewhere", "restore", str(copy))
    assert damaged.returncode == 2 and "dañada, no se restauró nada" in damaged.stderr
    assert original.name in damaged.stderr
    assert not (tmp_path / "elsewhere" / "abierto.db").exists()

    original.write_bytes(kept)
    forced = _abierto(live, "restore", "--force", str(copy))
    assert forced.returncode == 0, forced.stderr
    assert _documents(live)


def test_a_quiet_library_restores_its_index_as_copied(
    live: Path, tmp_path: Path, crawled: Crawled
) -> None:
    """Nothing changed for hours: the copied index is taken as it is, nothing re-indexed;
    the next crawl of the restored library fetches conditionally, as the original would."""
    with sqlite3.connect(live / "abierto.db") as connection:
        connection.execute("UPDATE documents SET updated_at = '2020-01-01 00:00:00.000000'")
    expected = {q: sorted(_hits(live, q)) for q in QUERIES[:-1]}
    backup = _abierto(live, "backup", str(tmp_path / "copia"))
    assert backup.returncode == 0, backup.stderr
    assert "(0 por indexar al restaurar)" in backup.stdout
    result = _abierto(tmp_path / "restored", "restore", str(tmp_path / "copia"))
    assert result.returncode == 0, result.stderr
    assert "índice restaurado (0 documentos indexados ahora)" in result.stdout
    for q, hits in expected.items():
        assert sorted(_hits(tmp_path / "restored", q)) == hits, q
    before = _documents(tmp_path / "restored")
    again = run_crawl(tmp_path / "restored", crawled.sites.url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "(0 nuevos," in again.stdout and "· 0 sin modificar" not in again.stdout
    assert _documents(tmp_path / "restored") == before


def test_a_damaged_original_is_reported_and_the_rest_backed_up(live: Path, tmp_path: Path) -> None:
    damaged = next(p for p in (live / "files").rglob("*") if p.is_file())
    damaged.write_bytes(damaged.read_bytes() + b"x")
    backup = _abierto(live, "backup", str(tmp_path / "copia"))
    assert backup.returncode == 1 and f"no coinciden con su sha256: {damaged.name}" in (
        backup.stderr
    )
    result = _abierto(tmp_path / "restored", "restore", str(tmp_path / "copia"))
    assert result.returncode == 0, result.stderr
    assert _documents(tmp_path / "restored") == _documents(live)
    restored_files = {p.name for p in (tmp_path / "restored" / "files").rglob("*") if p.is_file()}
    live_files = {p.name for p in (live / "files").rglob("*") if p.is_file()}
    assert restored_files == live_files - {damaged.name}
