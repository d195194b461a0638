"""People are found by looking up a folded index of everyone, not by folding every row
at each question: the answers are the ones the scan gave (same people, same order by
name, same limit), and a person another process writes is found at the next question."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import event

from indexer.db import Database, PersonRow
from indexer.speeches import people_index
from indexer.speeches.people import People, Person
from indexer.speeches.store import find_people, save_people
from tests.speeches.people_corpus import QUESTIONS, find_people_by_scan, generated_people


def _answer(people: list[Person]) -> list[dict[str, object]]:
    return [dataclasses.asdict(p) for p in people]


def test_the_index_answers_what_the_scan_answered(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    for people in generated_people(3000):
        save_people(db, people)
    for name, scope, legislature, limit in QUESTIONS:
        expected = find_people_by_scan(db, name, scope, legislature, limit)
        got = find_people(db, name, scope, legislature, limit)
        assert _answer(got) == _answer(expected), (name, scope, legislature, limit)
    # the questions are not vacuous: most find someone, some fill their limit
    assert sum(bool(find_people(db, *q)) for q in QUESTIONS) >= 12
    assert len(find_people(db, "", "CAMARA DE  diputados", None, 50)) == 50


def test_a_person_written_by_another_connection_is_found_at_the_next_question(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'abierto.db'}"
    api, crawler = Database(url), Database(url)  # two engines: as two processes would
    for people in generated_people(300):
        save_people(crawler, people)
    assert find_people(api, "Xóchitl Gálvez Ruiz") == []
    scope = "Senado de la República"
    newcomer = Person("nueva", "Xóchitl Gálvez Ruiz", scope, [], [{"legislature": "LXIV"}])
    save_people(crawler, People(scope, [newcomer]))
    assert [p.id for p in find_people(api, "xochitl galvez ruiz")] == ["nueva"]
    assert "nueva" in [p.id for p in find_people(api, "", "senado de la republica", "lxiv", 500)]
    # a changed person (a new form) is found by it at once too
    newcomer.forms.append("GÁLVEZ RUIZ, BERTHA XÓCHITL")
    save_people(crawler, People(scope, [newcomer]))
    assert [p.id for p in find_people(api, "Bertha Xóchitl Gálvez Ruiz")] == ["nueva"]
    assert _answer(find_people(api, "Gálvez Ruiz")) == _answer(
        find_people_by_scan(api, "Gálvez Ruiz")
    )


def test_a_question_asked_again_reads_no_person_rows(tmp_path: Path) -> None:
    """What a question costs grows with what it finds, not with the library: once the
    index is built, a question reads only whether the table changed."""
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    for people in generated_people(500):
        save_people(db, people)
    find_people(db, "María López Pérez")
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.lower().split()))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        for question in QUESTIONS:
            find_people(db, *question)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    on_people = [s for s in statements if "from people" in s]
    assert on_people, statements
    assert all("count(" in s and "people.name" not in s for s in on_people), on_people[:2]


def test_a_change_the_stamp_misses_is_seen_once_the_index_is_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write whose time was taken before another's but committed after it changes
    neither the count nor the newest time: the index's age bounds how long it is missed."""
    url = f"sqlite:///{tmp_path / 'abierto.db'}"
    api, crawler = Database(url), Database(url)
    for people in generated_people(200):
        save_people(crawler, people)
    assert find_people(api, "Bertha Xóchitl Gálvez Ruiz") == []
    table = PersonRow.__table__
    with crawler.engine.begin() as connection:  # the late commit, its time kept
        connection.execute(
            table.update()
            .where(table.c.id == "p000001")
            .values(forms=["Bertha Xóchitl Gálvez Ruiz"])
        )
    monkeypatch.setattr(people_index, "REFRESH_SECONDS", 0.0)
    assert [p.id for p in find_people(api, "Bertha Xóchitl Gálvez Ruiz")] == ["p000001"]
