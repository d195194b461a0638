"""``abierto restore SRC`` reads a backup that may come from anywhere (a copy handed over,
an archive downloaded): its ``manifest.json`` names the files to lay in. A manifest
naming ``a/b/../../../../x`` or an absolute path as an index file made the restore
write that file outside the data folder (and read it from outside the backup); a
manifest with a part missing, or a database that is no database, stopped it with a
traceback, as did a database a newer version made (after laying half of it in). Every
name is now a plain name inside the backup, no part is a symbolic link,
and a bad backup is refused whole, in one line, before anything is written."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, document_id
from tests.adversarial.abierto import abierto

PAYLOAD = b"echo 'owned'\n"


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real backup of a one-document library."""
    root = tmp_path_factory.mktemp("backup")
    library = Library.open(Settings(data_dir=root / "data"), writer=True)
    url = "https://congreso.example/iniciativa/1"
    library.add_document(
        Legislativo(
            id=document_id("prueba", url), title="Iniciativa uno", institution="Congreso",
            jurisdiction="MX", source_id="prueba", url=url, text="Texto de la iniciativa.",
        )
    )  # fmt: skip
    library.flush()
    library.close()
    made = abierto(root / "data", "backup", str(root / "bk"))
    assert made.returncode == 0, made.stdout + made.stderr
    return root / "bk"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _edited(backup: Path, tmp: Path, edit: Callable[[Path, dict[str, Any]], None]) -> Path:
    """A copy of the backup, its manifest changed by ``edit`` (which may add files)."""
    copy = tmp / "hostile" / "bk"
    shutil.copytree(backup, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    edit(copy, manifest)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    return copy


def _index_file(name: str) -> Callable[[Path, dict[str, Any]], None]:
    """A manifest naming one more index file, ``name``, whose bytes the backup holds where
    that name leads from its index folder (so its hash matches)."""

    def edit(copy: Path, manifest: dict[str, Any]) -> None:
        source = copy / "index" / name
        for depth in range(name.count("/")):  # the folders a path through ".." needs
            (copy / "index" / "/".join(name.split("/")[: depth + 1])).mkdir(exist_ok=True)
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(PAYLOAD)
        manifest["index"]["files"][name] = _sha(PAYLOAD)

    return edit


def _absolute(tmp: Path) -> Callable[[Path, dict[str, Any]], None]:
    target = tmp / "absoluto" / "planted.sh"

    def edit(copy: Path, manifest: dict[str, Any]) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(PAYLOAD)
        manifest["index"]["files"][str(target)] = _sha(PAYLOAD)

    return edit


def _outside_database(tmp: Path) -> Callable[[Path, dict[str, Any]], None]:
    """The database named by a path that leaves the backup (a file of the operator's)."""
    secret = tmp / "secreto.db"

    def edit(copy: Path, manifest: dict[str, Any]) -> None:
        shutil.copy(copy / "abierto.db", secret)
        manifest["database"]["file"] = "../../secreto.db"

    return edit


def _linked_index_file(tmp: Path) -> Callable[[Path, dict[str, Any]], None]:
    """An index file that is a symbolic link to a file outside the backup."""
    secret = tmp / "clave-privada"

    def edit(copy: Path, manifest: dict[str, Any]) -> None:
        secret.write_bytes(PAYLOAD)
        (copy / "index" / "extra.idx").symlink_to(secret)
        manifest["index"]["files"]["extra.idx"] = _sha(PAYLOAD)

    return edit


def _restore(data: Path, copy: Path) -> Any:
    done = abierto(data, "restore", str(copy))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("abierto restore: "), done.stderr
    return done


@pytest.mark.parametrize(
    "name", ["a/b/c/../../../../../../planted.sh", "../../planted.sh", "sub/planted.sh"]
)
def test_an_index_file_named_outside_the_index_is_refused(
    backup: Path, tmp_path: Path, name: str
) -> None:
    copy = _edited(backup, tmp_path, _index_file(name))
    placed = set(tmp_path.rglob("planted.sh"))  # the backup's own payload, where it leads
    data = tmp_path / "srv" / "deep" / "data"
    done = _restore(data, copy)
    assert "manifiesto" in done.stderr
    assert set(tmp_path.rglob("planted.sh")) == placed
    assert not data.exists() or not any(data.iterdir())


def test_an_absolute_index_file_is_refused(backup: Path, tmp_path: Path) -> None:
    copy = _edited(backup, tmp_path, _absolute(tmp_path))
    data = tmp_path / "data"
    _restore(data, copy)
    assert not data.exists() or not any(data.iterdir())


def test_a_database_outside_the_backup_is_never_read(backup: Path, tmp_path: Path) -> None:
    copy = _edited(backup, tmp_path, _outside_database(tmp_path))
    data = tmp_path / "data"
    _restore(data, copy)
    assert not data.exists() or not any(data.iterdir())


def test_a_symbolic_link_in_the_backup_is_refused(backup: Path, tmp_path: Path) -> None:
    copy = _edited(backup, tmp_path, _linked_index_file(tmp_path))
    data = tmp_path / "data"
    done = _restore(data, copy)
    assert "enlace simbólico" in done.stderr
    assert not data.exists() or not any(data.iterdir())


@pytest.mark.parametrize(
    "edit",
    [
        lambda _c, m: m.pop("database"),
        lambda _c, m: m["index"].update(files=["meta.json"]),
        lambda _c, m: m["files"].update(count="many"),
        lambda _c, m: m.update(index=None),
        lambda _c, m: m["database"].update(file=7),
        lambda _c, m: m["database"].update(file="abierto\x00.db"),
        lambda _c, m: m["index"]["files"].update({"x\x00.idx": "0" * 64}),
    ],
    ids=[
        "no-database",
        "files-a-list",
        "count-a-word",
        "index-null",
        "file-a-number",
        "nul-in-a-name",
        "nul-in-an-index-file",
    ],
)
def test_a_manifest_of_another_shape_is_one_line(
    backup: Path, tmp_path: Path, edit: Callable[[Path, dict[str, Any]], None]
) -> None:
    copy = _edited(backup, tmp_path, edit)
    _restore(tmp_path / "data", copy)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (b'{"format": 1,\n  "database" {}}', "no es JSON válido: falla en la línea 2, columna 14"),
        (b'{"format": "\xff"}', "no es texto UTF-8: falla en el byte 13"),
        (b"[" * 100_000, "anida demasiadas listas u objetos"),
    ],
    ids=["broken", "latin-1", "nested"],
)
def test_a_manifest_that_is_no_json_is_said_in_spanish_and_where(
    backup: Path, tmp_path: Path, written: bytes, said: str
) -> None:
    """A manifest cut or edited by hand was refused «no es JSON válido: Expecting ':'
    delimiter: line 2 column 14 (char 27)»: Python's English inside the Spanish line."""
    copy = tmp_path / "hostile" / "bk"
    shutil.copytree(backup, copy)
    (copy / "manifest.json").write_bytes(written)
    done = _restore(tmp_path / "data", copy)
    assert done.stderr.strip() == f"abierto restore: {copy / 'manifest.json'} {said}"


def test_a_database_that_is_no_database_restores_nothing(backup: Path, tmp_path: Path) -> None:
    garbage = b"no es una base de datos" * 100

    def edit(copy: Path, manifest: dict[str, Any]) -> None:
        (copy / "abierto.db").write_bytes(garbage)
        manifest["database"]["sha256"] = _sha(garbage)

    copy = _edited(backup, tmp_path, edit)
    data = tmp_path / "data"
    done = _restore(data, copy)
    assert "abierto.db" in done.stderr
    assert not data.exists() or not any(data.iterdir())


def test_a_database_of_a_newer_schema_restores_nothing(backup: Path, tmp_path: Path) -> None:
    def edit(copy: Path, manifest: dict[str, Any]) -> None:
        # closed before hashing: a connection left to the collector could still change
        # the file (a checkpoint, should the copy be in WAL mode) after its hash was taken
        with closing(sqlite3.connect(copy / "abierto.db")) as connection, connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
        manifest["database"]["sha256"] = _sha((copy / "abierto.db").read_bytes())

    copy = _edited(backup, tmp_path, edit)
    data = tmp_path / "data"
    done = _restore(data, copy)
    assert "9999" in done.stderr
    assert not data.exists() or not any(data.iterdir())


def test_the_real_backup_still_restores(backup: Path, tmp_path: Path) -> None:
    done = abierto(tmp_path / "data", "restore", str(backup))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "restaurados 1 documentos" in done.stdout
