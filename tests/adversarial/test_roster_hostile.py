"""``abierto padron FILE`` reads a roster a congress or a civic group published: a file from
elsewhere. A cell longer than the csv module's field limit stopped the command with a
traceback; a NUL inside a name was stored on SQLite and a database error on PostgreSQL; a
"name" of thousands of characters became a person. Each is now one Spanish line naming
the line of the roster, exit 2, with nothing written; invisible characters in a cell (a NUL
among them) are dropped as in every other short field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from indexer.db import Database
from indexer.db.speech_tables import PersonRow
from tests.adversarial.abierto import abierto

CONGRESS = "Congreso del Estado de Guanajuato"


def _people(url: str) -> list[str]:
    db = Database(url)
    try:
        with db.session() as s:
            return sorted(s.scalars(select(PersonRow.name)))
    finally:
        db.close()


def _run(tmp_path: Path, url: str, text: str) -> tuple[int, str, str]:
    roster = tmp_path / "padron.txt"
    roster.write_text(text, encoding="utf-8")
    done = abierto(tmp_path / "data", "padron", str(roster), "--congreso", CONGRESS,
                   env={"ABIERTO_DATABASE_URL": url})  # fmt: skip
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("A" * 200_000 + "|PAN", "línea 3"),
        ("Pérez " * 100 + "|PAN", "línea 3"),
    ],
    ids=["cell-past-the-csv-limit", "a-name-of-600-characters"],
)
def test_a_hostile_row_is_one_line_naming_it_and_nothing_is_written(
    tmp_path: Path, database_url: str, row: str, says: str
) -> None:
    text = f"nombre|partido\nMaría López Ruiz|MORENA\n{row}\n"
    code, out, err = _run(tmp_path, database_url, text)
    assert code == 2, out + err
    assert "Traceback" not in err, err
    assert out.startswith("abierto: el padrón no se puede leer") and says in out, out
    assert _people(database_url) == []


def test_invisible_characters_in_a_name_are_dropped(tmp_path: Path, database_url: str) -> None:
    text = "nombre|partido\nMar\u200bía Ló\u00adpez\u2060 Ruiz|MORENA\nJuan\x00 Pérez Gil|PAN\n"
    code, out, err = _run(tmp_path, database_url, text)
    assert code == 0, out + err
    assert _people(database_url) == ["Juan Pérez Gil", "María López Ruiz"]
