"""Speeches, people and mentions in the database: written per session, read per
session, per person and per document."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, func, insert, select, update

from indexer.db import Database, DocumentRow, MentionRow, PersonRow, SpeechRow
from indexer.db.bulk import insert_rows
from indexer.speeches.model import Mention, Speech
from indexer.speeches.party_source import LEGISLATIVE, ROSTER, SESSION, stated_on_line
from indexer.speeches.people import ROSTER as PEOPLE_ROSTER
from indexer.speeches.people import People, Person, display_name
from indexer.speeches.people_index import people_index
from indexer.speeches.roles import read_speaker
from indexer.speeches.version import SPEECH_READERS_VERSION

ALIGNMENT_FIELDS = ("start_s", "end_s", "align_confidence", "align_method", "video")


def save_speeches(db: Database, session_id: str, speeches: Sequence[Speech]) -> None:
    """Replace the session's speeches; a speech whose id and text are unchanged keeps
    the timings an aligner gave it."""
    save_sessions(db, [(session_id, list(speeches), None)])


SessionWrite = tuple[str, list[Speech], list[Mention] | None]
CHUNK = 400  # session ids per statement, well under both databases' parameter limits


def save_sessions(
    db: Database,
    sessions: Sequence[SessionWrite],
    people: Sequence[People] = (),
    replaced: list[str] | None = None,
    recount_people: bool = False,
    recount_also: Sequence[str] = (),
) -> list[Speech]:
    """Replace the speeches (and, when given, the mentions) of several sessions and write
    their rosters, in one transaction and a few statements; a speech whose id and text
    are unchanged keeps the timings an aligner gave it. Returns the speeches as stored;
    ``replaced`` receives the ids the sessions held before (read here anyway), so a
    speech index can delete the ones gone without searching for them. ``recount_people``
    (sessions withdrawn): the people who spoke in them keep only what the speeches left
    say of them (see :func:`_recount_people`), and so do ``recount_also``, the people the
    withdrawn sessions named without a speech (a court's attendance)."""
    ids = list(dict.fromkeys(session_id for session_id, _, _ in sessions))
    speeches = SpeechRow.__table__
    mentions_table = MentionRow.__table__
    kept_columns = [speeches.c.id, speeches.c.text, *(speeches.c[n] for n in ALIGNMENT_FIELDS)]
    kept_columns.append(speeches.c.person_id)
    stored: list[Speech] = []
    with db.engine.begin() as connection:
        old: dict[str, Any] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            stmt = select(*kept_columns).where(speeches.c.session_id.in_(chunk))
            old.update((row.id, row) for row in connection.execute(stmt))
            connection.execute(delete(speeches).where(speeches.c.session_id.in_(chunk)))
        rows: list[dict[str, Any]] = []
        sources: list[str | None] = []  # no column: kept beside the rows
        mention_rows: list[dict[str, Any]] = []
        mentioned: list[str] = []
        for session_id, session_speeches, session_mentions in sessions:
            for speech in session_speeches:
                values = speech.model_dump(exclude={"party_source"})
                sources.append(speech.party_source)
                kept = old.get(speech.id)
                if kept is not None and kept.text == speech.text:
                    for name in ALIGNMENT_FIELDS:
                        if values[name] is None:
                            values[name] = getattr(kept, name)
                rows.append(values)
            if session_mentions is not None:
                mentioned.append(session_id)
                mention_rows.extend(m.model_dump() for m in session_mentions)
        if rows:  # one statement for all of them, at the driver's speed on SQLite
            stamped = [{**row, "reader": SPEECH_READERS_VERSION} for row in rows]
            insert_rows(connection, speeches, stamped)
        for start in range(0, len(mentioned), CHUNK):
            chunk = mentioned[start : start + CHUNK]
            connection.execute(delete(mentions_table).where(mentions_table.c.session_id.in_(chunk)))
        if mention_rows:
            insert_rows(connection, mentions_table, mention_rows)
        for roster in people:
            _write_people(connection, roster)
        if recount_people:
            spoke = {r.person_id for r in old.values() if r.person_id}
            _recount_people(connection, sorted(spoke | set(recount_also)))
        stored = [
            Speech.model_validate({**values, "party_source": source})
            for values, source in zip(rows, sources, strict=True)
        ]
    if replaced is not None:
        replaced.extend(old)
    return stored


def stale_sessions(db: Database, version: int = SPEECH_READERS_VERSION) -> int:
    """How many sessions' speeches an older speech reader split (NULL: before versions
    were counted): counted through ``ix_speeches_reader``, never reading a speech."""
    older = (SpeechRow.reader.is_(None)) | (SpeechRow.reader < version)
    stmt = select(func.count(func.distinct(SpeechRow.session_id))).where(older)
    with db.session() as s:
        return s.scalar(stmt) or 0


def stale_session_ids(
    db: Database, after: str = "", limit: int = 200, version: int = SPEECH_READERS_VERSION
) -> list[str]:
    """The next ``limit`` ids (after ``after``) of sessions an older speech reader split."""
    older = (SpeechRow.reader.is_(None)) | (SpeechRow.reader < version)
    stmt = (
        select(SpeechRow.session_id)
        .where(older, SpeechRow.session_id > after)
        .distinct()
        .order_by(SpeechRow.session_id)
        .limit(limit)
    )
    with db.session() as s:
        return list(s.scalars(stmt))


def session_speeches(db: Database, session_id: str) -> list[Speech]:
    stmt = _SELECT.where(_SPEECHES.c.session_id == session_id).order_by(_SPEECHES.c.order)
    return _read(db, stmt)


def session_matters(db: Database, session_id: str, limit: int = 200) -> list[tuple[str, int]]:
    """The matters a session's speeches fall under, in the order first spoken of (a
    court's asuntos, read from its secretary's account when the session has no agenda),
    each with the number of the first speech under it."""
    first = func.min(SpeechRow.order)
    stmt = (
        select(SpeechRow.agenda_item, first)
        .where(SpeechRow.session_id == session_id, SpeechRow.agenda_item.is_not(None))
        .group_by(SpeechRow.agenda_index, SpeechRow.agenda_item)
        .order_by(first)
        .limit(limit)
    )
    with db.session() as s:
        return [(item, order) for item, order in s.execute(stmt) if item]


def session_speech_page(
    db: Database, session_id: str, offset: int, limit: int, spoken: bool = False
) -> list[Speech]:
    """One slice of a session's speeches in order (``spoken``: stage directions left out),
    so a transcript of any length is read a page at a time."""
    stmt = _SELECT.where(_SPEECHES.c.session_id == session_id)
    if spoken:
        stmt = stmt.where(_SPEECHES.c.procedural.is_(False))
    return _read(db, stmt.order_by(_SPEECHES.c.order).offset(offset).limit(limit))


def speeches_after(db: Database, session_id: str, after: int, limit: int) -> list[Speech]:
    """A session's speeches numbered after ``after``, in order, at most ``limit``."""
    table = _SPEECHES
    stmt = _SELECT.where(table.c.session_id == session_id, table.c.order > after)
    return _read(db, stmt.order_by(table.c.order).limit(limit))


def session_speech_counts(db: Database, session_id: str) -> tuple[int, int, int]:
    """How many speeches a session has: all, spoken (no stage directions), and spoken with
    a time in the video."""
    spoken = SpeechRow.procedural.is_(False)
    with db.session() as s:
        total, said, timed = s.execute(
            select(
                func.count(),
                func.count().filter(spoken),
                func.count(SpeechRow.start_s).filter(spoken),
            ).where(SpeechRow.session_id == session_id)
        ).one()
    return total, said, timed


def spoken_before(db: Database, session_id: str, order: int) -> int:
    """How many spoken speeches come before the one numbered ``order``: where it falls
    in the session's list."""
    with db.session() as s:
        return (
            s.scalar(
                select(func.count()).where(
                    SpeechRow.session_id == session_id,
                    SpeechRow.procedural.is_(False),
                    SpeechRow.order < order,
                )
            )
            or 0
        )


def get_speeches(db: Database, ids: Sequence[str]) -> dict[str, Speech]:
    """Speeches by id, as the database has them now (timings included)."""
    stmt = _SELECT.where(_SPEECHES.c.id.in_(list(ids)))
    return {speech.id: speech for speech in _read(db, stmt)}


def person_speeches(db: Database, person_id: str, limit: int = 50, offset: int = 0) -> list[Speech]:
    """What a person said, newest session first, in order within a session."""
    table = _SPEECHES
    stmt = (
        _SELECT.where(table.c.person_id == person_id, table.c.procedural.is_(False))
        .order_by(table.c.date.desc(), table.c.session_id, table.c.order)
        .limit(limit)
        .offset(offset)
    )
    return _read(db, stmt)


def person_speech_count(db: Database, person_id: str) -> int:
    """How many speeches a person gave (stage directions are no one's): their pages."""
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count()).where(
                    SpeechRow.person_id == person_id, SpeechRow.procedural.is_(False)
                )
            )
            or 0
        )


def iter_speeches(db: Database, batch: int = 1000) -> Iterator[Speech]:
    last = ""
    while True:
        stmt = _SELECT.where(_SPEECHES.c.id > last).order_by(_SPEECHES.c.id).limit(batch)
        speeches = _read(db, stmt)
        if not speeches:
            return
        yield from speeches
        last = speeches[-1].id


def set_alignment(
    db: Database,
    speech_id: str,
    start_s: float | None,
    end_s: float | None,
    confidence: float | None,
    method: str | None,
    video: int | None = None,
) -> bool:
    """Record where a speech is in its session's video (``video``: which of them, 0-based);
    False when there is no such speech (the session was re-split meanwhile). A time that
    is no second of a video (negative, infinite, not a number) is stored as none: a
    speech's page and answers must be able to say it, and a wrong time is worse."""
    if not (_second(start_s) and _second(end_s)):
        start_s = end_s = confidence = video = None
    if confidence is not None and not math.isfinite(confidence):
        confidence = None
    with db.session() as s, s.begin():
        result = s.execute(
            update(SpeechRow)
            .where(SpeechRow.id == speech_id)
            .values(
                start_s=start_s,
                end_s=end_s,
                align_confidence=confidence,
                align_method=method,
                video=video,
            )
        )
        return bool(result.rowcount)


def _second(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and value >= 0)


_SPEECHES = SpeechRow.__table__
# the columns a speech is read from (``reader`` is the store's own), read as plain rows:
# an ORM object per row cost about 10 µs more than the speech made of it (a session's
# page, a search's hits, a person's speeches, the speech index's rebuild)
_COLUMNS = tuple(_SPEECHES.c[name] for name in Speech.model_fields if name in _SPEECHES.c)
_NAMES = tuple(column.name for column in _COLUMNS)
_SELECT = select(*_COLUMNS)


def _read(db: Database, stmt: Any) -> list[Speech]:
    """The speeches ``stmt`` (``_SELECT`` narrowed) finds, as :func:`_speeches` reads them."""
    with db.engine.connect() as connection:
        names = _NAMES
        rows = [Speech(**dict(zip(names, row, strict=True))) for row in connection.execute(stmt)]
        return _speeches(connection, rows)


def _speeches(connection: Connection, speeches: list[Speech]) -> list[Speech]:
    """Speeches as read, each party's source read back (no column keeps it): a party the
    line does not state is the session's when another line of the same person in the
    same session states it as a legislator (the rule :mod:`~indexer.speeches.attribute`
    filled it by), else the roster's."""
    unsure = [sp for sp in speeches if sp.party_source == ROSTER and sp.person_id]
    if not unsure:
        return speeches
    stated: set[tuple[str, str | None, str | None]] = set()
    sessions = sorted({sp.session_id for sp in unsure})
    persons = sorted({sp.person_id for sp in unsure if sp.person_id})
    for start in range(0, len(sessions), CHUNK):
        stmt = select(
            SpeechRow.session_id, SpeechRow.person_id, SpeechRow.speaker_as_written,
            SpeechRow.party, SpeechRow.role,
        ).where(
            SpeechRow.session_id.in_(sessions[start : start + CHUNK]),
            SpeechRow.person_id.in_(persons),
            SpeechRow.party.is_not(None),
        )  # fmt: skip
        stated.update(
            (row.session_id, row.person_id, row.party)
            for row in connection.execute(stmt)
            if row.role in LEGISLATIVE and stated_on_line(row.speaker_as_written, row.party)
        )
    for speech in unsure:
        if (speech.session_id, speech.person_id, speech.party) in stated:
            speech.party_source = SESSION
    return speeches


# -- people ------------------------------------------------------------------------------


def load_people(db: Database, scope: str) -> People:
    """A congress's or court's roster."""
    return load_rosters(db, [scope])[scope]


def load_rosters(db: Database, scopes: Sequence[str]) -> dict[str, People]:
    """The rosters of several congresses or courts (read at every batch of sessions
    indexed: one statement for all its scopes, not one each, whose fixed cost was most
    of the read; their columns, not ORM objects, as they grow with the library)."""
    people = PersonRow.__table__
    columns = (people.c.id, people.c.name, people.c.scope, people.c.forms, people.c.terms)
    wanted = list(dict.fromkeys(scopes))
    found: dict[str, list[Person]] = {scope: [] for scope in wanted}
    with db.engine.connect() as connection:
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start : start + CHUNK]
            stmt = select(*columns).where(people.c.scope.in_(part))
            for row in connection.execute(stmt):
                found[row.scope].append(_person(row))
    return {scope: People(scope, found[scope]) for scope in wanted}


def save_people(db: Database, people: People) -> None:
    """Write the roster: one statement for the new people and one for the known ones
    (not a read and a write per person, which dominated re-splitting every session)."""
    with db.engine.begin() as connection:
        _write_people(connection, people)


def _write_people(connection: Connection, people: People) -> None:
    now = dt.datetime.now(dt.UTC)
    values = [
        {
            "id": person.id,
            "name": person.name,
            "scope": person.scope,
            "forms": list(person.forms),
            "terms": [dict(t) for t in person.terms],
            "updated_at": now,
        }
        for person in people.by_id.values()
    ]
    if not values:
        return
    table = PersonRow.__table__
    ids = [v["id"] for v in values]
    known: set[str] = set()
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        known.update(connection.scalars(select(table.c.id).where(table.c.id.in_(part))))
    new = [v for v in values if v["id"] not in known]
    old = [{"b_id": v["id"], **{k: x for k, x in v.items() if k != "id"}} for v in values
           if v["id"] in known]  # fmt: skip
    if new:
        connection.execute(insert(table), new)
    if old:  # by primary key, one prepared statement
        connection.execute(table.update().where(table.c.id == bindparam("b_id")), old)


def _recount_people(connection: Connection, person_ids: Sequence[str]) -> None:
    """What the people of withdrawn sessions keep: their roster's terms and parties, and
    the terms and written forms of the speeches still published; a person no roster
    names and no published speech is left out. A term, party or way of writing a name
    learnt only from a session no longer published is not said by ``/v1/people`` nor a
    person's page (speeches add to a person and never take away: this takes away)."""
    people, speeches = PersonRow.__table__, SpeechRow.__table__
    sessions = DocumentRow.__table__
    now = dt.datetime.now(dt.UTC)
    for start in range(0, len(person_ids), CHUNK):
        chunk = list(person_ids[start : start + CHUNK])
        rows = connection.execute(
            select(people.c.id, people.c.name, people.c.scope, people.c.forms, people.c.terms)
            .where(people.c.id.in_(chunk))
        ).all()  # fmt: skip
        said = connection.execute(
            select(
                speeches.c.person_id, speeches.c.session_id, speeches.c.legislature,
                speeches.c.role, speeches.c.party, speeches.c.speaker_as_written,
                speeches.c.person_name,
            )
            .where(speeches.c.person_id.in_(chunk))
            .order_by(speeches.c.date, speeches.c.session_id, speeches.c.order)
        ).all()  # fmt: skip
        wanted = sorted({row.session_id for row in said})
        chambers: dict[str, str | None] = {}
        for at in range(0, len(wanted), CHUNK):
            stmt = select(sessions.c.id, sessions.c.data["chamber"].as_string()).where(
                sessions.c.id.in_(wanted[at : at + CHUNK])
            )
            chambers.update((doc_id, chamber) for doc_id, chamber in connection.execute(stmt))
        by_person: dict[str, list[Any]] = {}
        for row in said:
            by_person.setdefault(row.person_id, []).append(row)
        gone: list[str] = []
        for row in rows:
            person = _person(row)
            person.terms = [t for t in map(roster_part, person.terms) if t is not None]
            written: set[str] = set()
            for speech in by_person.get(person.id, []):
                stated = (
                    speech.party
                    if stated_on_line(speech.speaker_as_written, speech.party)
                    else None
                )
                if speech.role == "legislador" or (stated and speech.role != "ministro"):
                    chamber = chambers.get(speech.session_id)
                    person.add_term(speech.legislature, stated, chamber, "discurso")
                name = (
                    read_speaker(speech.speaker_as_written).name
                    if speech.speaker_as_written
                    else None
                )
                written.update(display_name(n) for n in (name, speech.person_name) if n)
            if person.id not in by_person and not person.terms:
                gone.append(person.id)
                continue
            person.forms = [f for f in person.forms if f in written or f == person.name]
            connection.execute(
                people.update()
                .where(people.c.id == person.id)
                .values(forms=person.forms, terms=person.terms, updated_at=now)
            )
        if gone:
            connection.execute(delete(people).where(people.c.id.in_(gone)))


def roster_part(term: dict[str, Any]) -> dict[str, Any] | None:
    """What of a term a roster said: the term itself (its party only when a roster gave
    it), or a speech's term whose party a roster gave (its chamber was the speech's: not
    kept); none when speeches alone said it."""
    source = term.get("source")
    party_source = term.get("party_source") or (source if term.get("party") else None)
    if source != PEOPLE_ROSTER and party_source != PEOPLE_ROSTER:
        return None
    party = term.get("party") if party_source == PEOPLE_ROSTER else None
    return {
        "legislature": term.get("legislature"),
        "party": party,
        "chamber": term.get("chamber") if source == PEOPLE_ROSTER else None,
        "source": PEOPLE_ROSTER,
    }


def person_names(db: Database, person_ids: Iterable[str]) -> dict[str, str]:
    """The name each person goes by now (the fullest any session or roster gave them),
    by id; a page's speeches carry the one known when their session was read."""
    wanted = sorted(set(person_ids))
    names: dict[str, str] = {}
    with db.session() as s:
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            stmt = select(PersonRow.id, PersonRow.name).where(PersonRow.id.in_(chunk))
            names.update((row.id, row.name) for row in s.execute(stmt))
    return names


def get_person(db: Database, person_id: str) -> Person | None:
    with db.session() as s:
        row = s.get(PersonRow, person_id)
        return _person(row) if row is not None else None


def find_people(
    db: Database,
    name: str = "",
    scope: str | None = None,
    legislature: str | None = None,
    limit: int = 50,
    every_word: bool = False,
) -> list[Person]:
    """People of a congress or court (``scope``, as written, any case or accents), of a
    ``legislature``, whose name (any written form) the words of ``name`` can be, by
    name (``every_word``: whose name holds every word of ``name``, as a search box
    asks). Looked up in the folded index of everyone (rebuilt when the table changed),
    not by folding every row at each question."""
    return people_index(db).find(name, scope, legislature, limit, every_word)


def _person(row: Any) -> Person:
    """A person from its row (an ORM object or a row of its columns)."""
    return Person(
        row.id, row.name, row.scope, list(row.forms or []), [dict(t) for t in row.terms or []]
    )


# -- mentions ----------------------------------------------------------------------------


def save_mentions(db: Database, session_id: str, mentions: Sequence[Mention]) -> None:
    with db.session() as s, s.begin():
        s.execute(delete(MentionRow).where(MentionRow.session_id == session_id))
        if mentions:
            s.execute(insert(MentionRow.__table__), [m.model_dump() for m in mentions])


def link_documents(db: Database, docs: Sequence[tuple[str, str, str, str]]) -> int:
    """Fill in the document of mentions made before it was in the library: ``docs`` are
    (document id, jurisdiction, publishing institution, reference key). Only the
    mentions of sessions the same institution published are filled: another
    institution's document with the same number is not what they named."""
    mentions = MentionRow.__table__
    sessions = DocumentRow.__table__
    same_publisher = (
        exists()
        .where(
            sessions.c.id == mentions.c.session_id,
            sessions.c.institution == bindparam("b_institution"),
        )
        .correlate(mentions)
    )
    stmt = (
        mentions.update()
        .where(
            mentions.c.jurisdiction == bindparam("b_jurisdiction"),
            mentions.c.reference_key == bindparam("b_key"),
            mentions.c.document_id.is_(None),
            same_publisher,
        )
        .values(document_id=bindparam("b_doc"))
    )
    rows = [
        {"b_doc": d, "b_jurisdiction": j, "b_institution": i, "b_key": k} for d, j, i, k in docs
    ]
    with db.engine.begin() as connection:  # one prepared statement, run for each key
        return connection.execute(stmt, rows).rowcount or 0


def mentions_of_document(db: Database, document_id: str) -> list[Mention]:
    with db.session() as s:
        rows = s.scalars(select(MentionRow).where(MentionRow.document_id == document_id)).all()
        return [Mention.model_validate(row, from_attributes=True) for row in rows]


def mentions_in_session(db: Database, session_id: str) -> list[Mention]:
    with db.session() as s:
        rows = s.scalars(select(MentionRow).where(MentionRow.session_id == session_id)).all()
        return [Mention.model_validate(row, from_attributes=True) for row in rows]
