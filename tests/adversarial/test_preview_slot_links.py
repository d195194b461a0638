"""Preview slots are files in the data folder the server opens, creating them when
missing: a symbolic link planted there (the slot's name is a digest anyone can compute)
made the server create or open whatever file the link named, anywhere its user may
write. A linked slot or folder is never followed: the slots are counted in the process,
as where the folder cannot be written, and previews still run and still run out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from crawlers.preview_slots import FOLDER, Slots


def test_a_linked_slot_is_never_created_through(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "fuera"
    (data / FOLDER).mkdir(parents=True)
    elsewhere.mkdir()
    stem = hashlib.sha256(b"all").hexdigest()[:20]
    (data / FOLDER / f"{stem}-0").symlink_to(elsewhere / "creado-por-el-servidor")
    slots = Slots(data)
    with (
        slots.take("all", 2) as first,
        slots.take("all", 2) as second,
        slots.take("all", 2) as third,
    ):
        assert (first, second, third) == (True, True, False)
    assert list(elsewhere.iterdir()) == []


def test_a_linked_folder_is_never_written_through(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "fuera"
    data.mkdir()
    elsewhere.mkdir()
    (data / FOLDER).symlink_to(elsewhere, target_is_directory=True)
    slots = Slots(data)
    with slots.take("all", 1) as first, slots.take("all", 1) as second:
        assert (first, second) == (True, False)
    assert list(elsewhere.iterdir()) == []
