"""Speeches, people and mentions on each relational backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from indexer.db import Database, PersonRow
from indexer.models import Legislativo, Sesion
from indexer.speeches.service import import_roster, process_sessions
from indexer.speeches.store import (
    find_people,
    load_people,
    load_rosters,
    mentions_of_document,
    person_speeches,
    session_speeches,
    set_alignment,
)

CONGRESS = "Congreso de Prueba"
TEXT = """Presidencia de la diputada Ana Ruiz Soto
1. Presentación de la Iniciativa 7/LXVI.
-La C. Presidenta: Tiene la palabra el diputado.
-El diputado Luis Mora Paz (PT): Presento la Iniciativa 7/LXVI.
(Aplausos)
"""


def test_speeches_people_and_mentions_are_kept(database_url: str) -> None:
    db = Database(database_url)
    try:
        import_roster(db, "nombre|partido\nRuiz Soto, Ana|MORENA\n", CONGRESS, "LXVI")
        initiative = Legislativo(
            id="i7",
            title="Iniciativa 7",
            institution=CONGRESS,
            jurisdiction="MX-GUA",
            source_id="c",
            url="https://c.mx/i7",
            doc_type="iniciativa",
            number="Iniciativa 7/LXVI",
        )
        db.save_document(initiative)
        session = Sesion(
            id="s",
            title="Sesión",
            date=dt.date(2025, 2, 18),
            institution=CONGRESS,
            jurisdiction="MX-GUA",
            source_id="c",
            url="https://c.mx/s",
            text=TEXT,
            agenda=["Presentación de la Iniciativa 7/LXVI."],
            congress=CONGRESS,
            legislature="LXVI",
        )
        # (the record's line before anyone speaks, kept at order 0 as no one's)
        assert process_sessions(db, None, [session]) == 4
        speeches = session_speeches(db, "s")[1:]
        assert [(s.order, s.person_name, s.party, s.procedural) for s in speeches] == [
            (1, "Ana Ruiz Soto", "MORENA", False),
            (2, "Luis Mora Paz", "PT", False),
            (3, None, None, True),
        ]
        assert set_alignment(db, speeches[1].id, 12.0, 30.5, 0.8, "audio")
        process_sessions(db, None, [session])
        again = session_speeches(db, "s")[2]
        assert (again.start_s, again.end_s, again.align_method) == (12.0, 30.5, "audio")
        [luis] = find_people(db, "Dip. Luis Mora")
        assert [s.order for s in person_speeches(db, luis.id)] == [2]
        mentions = mentions_of_document(db, "i7")
        assert {(m.agenda_index, m.speech_id) for m in mentions} == {
            (0, None),
            (0, speeches[1].id),
        }
    finally:
        db.close()


def test_a_roster_read_by_its_columns_is_the_roster_its_rows_hold(database_url: str) -> None:
    """``load_people`` (read at every batch of sessions) gives each person as the ORM row
    holds them: name, scope, every form and term, in the same order."""
    db = Database(database_url)
    try:
        roster = "nombre|partido\nRuiz Soto, Ana|MORENA\nMora Paz, Luis|PT\nPérez Núñez, Eva|PAN\n"
        import_roster(db, roster, CONGRESS, "LXVI")
        import_roster(db, "nombre|partido\nRuiz Soto, Ana|MORENA\n", CONGRESS, "LXVII")
        with db.session() as s:
            (scope,) = set(s.scalars(select(PersonRow.scope)))
            rows = s.scalars(select(PersonRow).where(PersonRow.scope == scope)).all()
            held = [
                (r.id, r.name, r.scope, list(r.forms), [dict(t) for t in r.terms]) for r in rows
            ]
        people = load_people(db, scope)
        read = [(p.id, p.name, p.scope, p.forms, p.terms) for p in people.by_id.values()]
        assert len(held) == 3
        assert any(len(terms) == 2 for *_, terms in held)  # a person of two legislatures
        assert read == held
    finally:
        db.close()


def test_rosters_read_together_are_each_scopes_own(database_url: str) -> None:
    """A batch of sessions reads its congresses' rosters in one statement: each holds its
    own people as their rows hold them, and a scope without people has an empty roster."""
    db = Database(database_url)
    try:
        import_roster(
            db, "nombre|partido\nRuiz Soto, Ana|MORENA\nMora Paz, Luis|PT\n", CONGRESS, "LXVI"
        )
        import_roster(
            db, "nombre|partido\nPérez Núñez, Eva|PAN\n", "Congreso de Otro Estado", "LXV"
        )
        held: dict[str, list[tuple]] = {}  # type: ignore[type-arg]
        with db.session() as s:
            for r in s.scalars(select(PersonRow)):
                person = (r.id, r.name, r.scope, list(r.forms), [dict(t) for t in r.terms])
                held.setdefault(r.scope, []).append(person)
        scopes = sorted(held)
        assert sorted(len(held[scope]) for scope in scopes) == [1, 2]
        together = load_rosters(db, [*scopes, "Congreso sin padrón", scopes[0]])
        assert list(together) == [*scopes, "Congreso sin padrón"]
        for scope in scopes:
            read = [
                (p.id, p.name, p.scope, p.forms, p.terms) for p in together[scope].by_id.values()
            ]
            assert sorted(read) == sorted(held[scope])
        assert together["Congreso sin padrón"].by_id == {}
    finally:
        db.close()
