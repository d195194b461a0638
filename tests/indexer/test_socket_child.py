"""The child processes of extraction and OCR: started, refused when not ready, reaped."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from indexer.extract import socket_child

CHILD = """
import os, sys, time
from multiprocessing.connection import Connection
from pathlib import Path

def serve(fd):
    conn = Connection(fd)
    Path(__file__).with_name("pid").write_text(str(os.getpid()))
    behaviour = Path(__file__).with_name("behaviour").read_text()
    if behaviour == "environment":
        conn.send("ready")
        conn.send(dict(os.environ))
        time.sleep(600)
    if behaviour == "silent":
        time.sleep(600)
    elif behaviour == "refuses":
        conn.send("sin modelo")
    else:
        conn.send("ready")
        if behaviour == "deaf":
            time.sleep(600)
        while True:
            try:
                conn.send(conn.recv() * 2)
            except EOFError:
                sys.exit(0)
"""


@pytest.fixture
def child_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fake_child.py").write_text(textwrap.dedent(CHILD))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    return tmp_path / "pid"  # the child writes its pid there (its environment is not ours)


def gone(pid: int) -> bool:
    """Neither running nor a zombie: reaped."""
    return not Path(f"/proc/{pid}").exists()


def test_a_ready_child_answers_and_exits_on_eof(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (child_module.parent / "behaviour").write_text("echo")
    proc, conn = socket_child.spawn("fake_child", 30)
    conn.send(21)
    assert conn.recv() == 42
    socket_child.stop(conn, proc, kill=False)
    assert proc.returncode == 0  # it left on EOF, it was not killed
    assert gone(proc.pid)


def test_a_child_that_refuses_is_reported_with_its_message_and_reaped(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (child_module.parent / "behaviour").write_text("refuses")
    with pytest.raises(socket_child.NotReady, match="sin modelo"):
        socket_child.spawn("fake_child", 30)
    assert gone(int(child_module.read_text()))


def test_a_silent_child_is_killed_and_reaped_at_the_startup_deadline(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (child_module.parent / "behaviour").write_text("silent")
    with pytest.raises(socket_child.NotReady, match="no answer"):
        socket_child.spawn("fake_child", 8)  # time enough to write its pid
    assert gone(int(child_module.read_text()))


def test_a_missing_entry_point_is_not_ready() -> None:
    with pytest.raises(socket_child.NotReady, match="no answer"):
        socket_child.spawn("indexer.extract.model", 30)


def test_a_child_deaf_to_eof_is_killed_and_reaped(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (child_module.parent / "behaviour").write_text("deaf")
    proc, conn = socket_child.spawn("fake_child", 30)
    began = time.monotonic()
    socket_child.stop(conn, proc, kill=False)
    assert proc.returncode == -9
    assert time.monotonic() - began < 30
    assert gone(proc.pid)


def test_a_child_gets_the_systems_variables_and_no_account(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The children read what sites sent (PDFs, images) with native code: whatever the
    process that starts them holds (the database's address and password, the engine's,
    other programs' accounts) is not theirs."""
    monkeypatch.setenv("ABIERTO_DATABASE_URL", "postgresql://abierto:secreto@10.0.0.5/abierto")
    monkeypatch.setenv("ABIERTO_SEARCH_PASSWORD", "secreto-del-motor")
    monkeypatch.setenv("PGPASSWORD", "secreto-de-postgres")
    monkeypatch.setenv("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "1536")  # read by the child
    (child_module.parent / "behaviour").write_text("environment")
    proc, conn = socket_child.spawn("fake_child", 30, {"OMP_THREAD_LIMIT": "1"})
    try:
        environment = conn.recv()
    finally:
        socket_child.stop(conn, proc, kill=True)
    assert "secreto" not in repr(environment)
    assert environment["ABIERTO_EXTRACT_WORKER_MEMORY_MB"] == "1536"
    assert environment["OMP_THREAD_LIMIT"] == "1" and environment["PATH"]
    assert str(child_module.parent) in environment["PYTHONPATH"]
