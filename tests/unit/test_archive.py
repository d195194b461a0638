"""The archive of originals on a real folder: bytes come back as stored, once per
content, with nothing half-written left beside them, whatever a killed process left
or whoever removed a folder meanwhile."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from indexer.archive import FileArchive


def _parts(root: Path) -> list[Path]:
    return sorted(root.rglob(".part-*"))


def test_bytes_are_stored_once_under_their_digest(tmp_path: Path) -> None:
    archive = FileArchive(tmp_path)
    data = b"<html><body>Sentencia 12/2024</body></html>"
    digest = archive.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert archive.put(data) == digest
    assert archive.get(digest) == data
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [archive.path_for(digest)]
    assert os.stat(archive.path_for(digest)).st_mode & 0o777 == 0o600


def test_a_temp_file_left_by_a_killed_process_is_passed_over(tmp_path: Path) -> None:
    archive = FileArchive(tmp_path)
    data = b"PDF de una gaceta"
    folder = archive.path_for(hashlib.sha256(data).hexdigest()).parent
    folder.mkdir(parents=True)
    left = folder / f".part-{os.getpid()}-0"  # the name this process would take first
    left.write_bytes(b"half")
    digest = archive.put(data)
    assert archive.get(digest) == data
    assert left.read_bytes() == b"half"  # not ours: neither taken nor overwritten
    assert _parts(tmp_path) == [left]


def test_a_folder_removed_meanwhile_is_made_again(tmp_path: Path) -> None:
    archive = FileArchive(tmp_path)
    digest = archive.put(b"uno")
    shutil.rmtree(tmp_path / digest[:2])  # the archive made it once and remembers it
    assert archive.put(b"uno") == digest
    assert archive.get(digest) == b"uno"
    assert _parts(tmp_path) == []


def test_a_large_body_is_written_whole(tmp_path: Path) -> None:
    archive = FileArchive(tmp_path)
    data = os.urandom(5 * 1024 * 1024)
    assert archive.get(archive.put(data)) == data
