"""``abierto index FOLDER`` publishes what a folder holds, and the folder may be someone
else's (an archive a court sent, unpacked as it came). A symbolic link in it was followed:
``sentencia.txt`` pointing at the operator's own files published them, text and original,
under a ``file://`` address of their real place. A named pipe with a document's name held
the command for ever, a folder named ``x.pdf`` stopped it with a traceback, and a file past
the size limit was read whole into memory before anything refused it. Each is now a
counted refusal naming the file, and the folder's real documents are indexed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from cli.causes import cause_said
from tests.adversarial.abierto import abierto

SECRET = "CONTRASEÑA DEL OPERADOR hunter2 clave privada"
GOOD = "Dictamen de la Comisión de Justicia sobre la iniciativa de reforma."


def _texts(data: Path) -> list[str]:
    with sqlite3.connect(data / "abierto.db") as connection:
        return [row[0] for row in connection.execute("SELECT text FROM documents")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    outside = tmp_path / "home" / "operador"
    outside.mkdir(parents=True)
    (outside / "notas.txt").write_text(SECRET, encoding="utf-8")
    (outside / "privado").mkdir()
    (outside / "privado" / "otra.txt").write_text(SECRET, encoding="utf-8")
    received = tmp_path / "recibido"
    received.mkdir()
    (received / "dictamen.txt").write_text(GOOD, encoding="utf-8")
    (received / "sentencia.txt").symlink_to(outside / "notas.txt")
    (received / "anexos").symlink_to(outside / "privado", target_is_directory=True)
    (received / "carpeta.pdf").mkdir()
    os.mkfifo(received / "tuberia.txt")
    with (received / "enorme.txt").open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # sparse: past the limit below, nothing on disk
    return received


def test_a_received_folder_publishes_only_its_own_files(folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = abierto(
        data, "index", "--kind", "legislativo", str(folder),
        env={"ABIERTO_MAX_FILE_BYTES": str(1024 * 1024)}, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    texts = _texts(data)
    assert texts == [GOOD]
    assert all(SECRET not in text for text in texts)
    for name in ("sentencia.txt", "anexos", "carpeta.pdf", "tuberia.txt", "enorme.txt"):
        assert name in done.stdout, done.stdout
    # the summary counts files by cause, each said in Spanish
    for cause, n in (("symlink", 2), ("too_large", 1), ("not_a_file", 2)):
        assert f"  {cause_said(cause)}: {n}\n" in done.stdout, done.stdout


def test_a_file_named_on_the_command_line_is_still_indexed(folder: Path, tmp_path: Path) -> None:
    """The operator names a file: that one is read, as before (a link they chose too)."""
    data = tmp_path / "data"
    done = abierto(data, "index", "--kind", "legislativo", str(folder / "dictamen.txt"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _texts(data) == [GOOD]
