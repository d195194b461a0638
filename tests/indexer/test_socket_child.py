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

def serve(fd):
    conn = Connection(fd)
    with open(os.environ["CHILD_PID_FILE"], "w") as out:
        out.write(str(os.getpid()))
    behaviour = os.environ["CHILD_BEHAVIOUR"]
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
    pid_file = tmp_path / "pid"
    monkeypatch.setenv("CHILD_PID_FILE", str(pid_file))
    return pid_file


def gone(pid: int) -> bool:
    """Neither running nor a zombie: reaped."""
    return not Path(f"/proc/{pid}").exists()


def test_a_ready_child_answers_and_exits_on_eof(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILD_BEHAVIOUR", "echo")
    proc, conn = socket_child.spawn("fake_child", 30)
    conn.send(21)
    assert conn.recv() == 42
    socket_child.stop(conn, proc, kill=False)
    assert proc.returncode == 0  # it left on EOF, it was not killed
    assert gone(proc.pid)


def test_a_child_that_refuses_is_reported_with_its_message_and_reaped(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILD_BEHAVIOUR", "refuses")
    with pytest.raises(socket_child.NotReady, match="sin modelo"):
        socket_child.spawn("fake_child", 30)
    assert gone(int(child_module.read_text()))


def test_a_silent_child_is_killed_and_reaped_at_the_startup_deadline(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILD_BEHAVIOUR", "silent")
    with pytest.raises(socket_child.NotReady, match="no answer"):
        socket_child.spawn("fake_child", 8)  # time enough to write its pid
    assert gone(int(child_module.read_text()))


def test_a_missing_entry_point_is_not_ready() -> None:
    with pytest.raises(socket_child.NotReady, match="no answer"):
        socket_child.spawn("indexer.extract.model", 30)


def test_a_child_deaf_to_eof_is_killed_and_reaped(
    child_module: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILD_BEHAVIOUR", "deaf")
    proc, conn = socket_child.spawn("fake_child", 30)
    began = time.monotonic()
    socket_child.stop(conn, proc, kill=False)
    assert proc.returncode == -9
    assert time.monotonic() - began < 30
    assert gone(proc.pid)
