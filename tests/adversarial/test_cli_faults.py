"""The real ``abierto`` command under faults: one clear Spanish line, a non-zero exit,
no traceback, bounded time, and nothing lost once the fault is gone."""

from __future__ import annotations

import os
import random
import socket
import sqlite3
import string
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.abierto import abierto
from tests.e2e.helpers import client_for


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _note(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reindex_with_an_unreachable_engine_says_so_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    abierto(data, "index", "--kind", "legislativo", str(_note(tmp_path, "n.txt", "Dictamen")))
    url = f"http://operador:secreto@127.0.0.1:{_free_port()}"
    result = abierto(data, "reindex", env={"ABIERTO_SEARCH_URL": url}, timeout=30)
    line = _one_clear_line(result)
    assert line.startswith("abierto reindex: no se pudo conectar con el motor de búsqueda en")
    assert url.replace("operador:secreto@", "") in line and "secreto" not in line


@pytest.mark.parametrize("command", [["sources"], ["reindex"], ["index", "x.txt"], ["serve"]])
def test_an_unknown_search_engine_lists_the_valid_ones(tmp_path: Path, command: list[str]) -> None:
    result = abierto(tmp_path, *command, env={"ABIERTO_SEARCH_ENGINE": "solr"}, timeout=30)
    line = _one_clear_line(result)
    assert line == (
        "abierto: ABIERTO_SEARCH_ENGINE='solr' no es un valor válido; "
        "valores válidos: elasticsearch, opensearch"
    )
    assert result.returncode == 2


# --- a full disk ---------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (root only); remounted larger by the test to free space."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    mount = tmp_path / "disco"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _random_text(megabytes: float) -> str:
    rng = random.Random(7)
    words = ["".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(5000)]
    count = int(megabytes * 1024 * 1024 / 9)
    return " ".join(rng.choice(words) for _ in range(count))


def test_a_full_disk_during_index_is_named_and_recovers(tmp_path: Path, small_disk: Path) -> None:
    folder = tmp_path / "lote"
    _note(folder, "a_acuerdo.txt", "Acuerdo de la junta de coordinación política.")
    _note(folder, "b_expediente.txt", "Expediente de la comisión " + _random_text(6))
    _note(folder, "c_dictamen.txt", "Dictamen de la comisión de presupuesto.")
    data = small_disk / "data"

    full = abierto(data, "index", "--kind", "legislativo", str(folder))
    line = _one_clear_line(full)
    assert "no queda espacio en el disco (no space left on device)" in line
    assert str(data.resolve()) in line
    assert not list(data.rglob(".part-*"))  # no half-written original in the archive

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = abierto(data, "index", "--kind", "legislativo", str(folder))
    assert again.returncode == 0, again.stdout + again.stderr
    with client_for(data) as api:
        for words in ("junta de coordinación", "Expediente de la comisión", "presupuesto"):
            assert api.get("/v1/search", params={"q": f'"{words}"'}).json()["total"] == 1


# --- a database held by another writer ----------------------------------------------------


def test_a_locked_database_is_named_after_the_busy_timeout(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = _note(tmp_path / "uno", "acuerdo.txt", "Acuerdo sobre el calendario de sesiones.")
    assert abierto(data, "index", "--kind", "legislativo", str(first)).returncode == 0
    second = _note(tmp_path / "dos", "dictamen.txt", f"Dictamen {uuid.uuid4().hex} de hacienda.")

    holder = sqlite3.connect(data / "abierto.db", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        locked = abierto(data, "index", "--kind", "legislativo", str(second), timeout=90)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    line = _one_clear_line(locked)
    assert "está ocupada por otro proceso que escribe (se esperó 15 s)" in line
    assert str((data / "abierto.db").resolve()) in line

    again = abierto(data, "index", "--kind", "legislativo", str(second))
    assert again.returncode == 0, again.stdout + again.stderr
    with client_for(data) as api:
        assert api.get("/v1/search", params={"q": "calendario"}).json()["total"] == 1
        assert api.get("/v1/search", params={"q": "hacienda"}).json()["total"] == 1


# --- a read-only data folder ----------------------------------------------------------


def test_serve_on_a_read_only_data_folder_refuses_with_what_to_do(tmp_path: Path) -> None:
    """A snapshot mounted read-only: SQLite and the index's lock need to write beside
    their files even to read, so ``serve`` says why it cannot start and what to do,
    instead of a traceback (from each worker)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a folder read-only needs root")
    written, snapshot = tmp_path / "escrita", tmp_path / "instantanea"
    snapshot.mkdir()
    made = abierto(written / "data", "institutions", "list")
    assert made.returncode == 0, made.stderr
    done = subprocess.run(["mount", "--bind", str(written), str(snapshot)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(snapshot)], check=True)
        for workers in ("1", "2"):
            served = abierto(snapshot / "data", "serve", "--port", "9", "--workers", workers)
            assert served.returncode == 2
            assert "Traceback" not in served.stderr
            assert "no puede escribir en la carpeta de datos" in served.stderr
            assert "Read-only file system" in served.stderr
        listed = abierto(snapshot / "data", "institutions", "list")  # any command: named
        assert listed.returncode == 1 and "Traceback" not in listed.stderr
        assert "no puede escribir en la carpeta de datos" in listed.stderr
    finally:
        subprocess.run(["umount", "-l", str(snapshot)], check=False)
