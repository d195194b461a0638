"""A session's turns become speeches: each speaker line resolved to a person of the
session's congress (or court), chair-only turns to whoever presides at that moment."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import fold_keyword
from indexer.models import Sesion
from indexer.speeches.chair import (
    court_attendance,
    heading_chair,
    heading_chair_body,
    heading_chair_gender,
)
from indexer.speeches.model import Speech, speech_id
from indexer.speeches.nueva_alianza import is_na, nueva_alianza_then
from indexer.speeches.party_source import LEGISLATIVE, ROSTER, SESSION, TRANSCRIPT
from indexer.speeches.people import People, Person, name_tokens, other_body, same_person
from indexer.speeches.roles import Speaker, body_of, read_speaker
from indexer.speeches.split import Turn, split_session, split_turns


def scope_of(session: Sesion) -> str:
    """Whose people a session's speakers are: its congress, or the court that sits."""
    return session.congress or session.institution


def _stated_party(speaker: Speaker, scope: str, session: Sesion) -> str | None:
    """The party the speaker's line states; "(NA)" not where Nueva Alianza could not be
    (a federal legislature after 2018 or before 2006)."""
    written = speaker.party_as_written
    if written and is_na(written) and nueva_alianza_then(scope, session.legislature) is False:
        return None
    return speaker.party


@dataclass
class _Attributed:
    """One turn once its line is read: who, in what role, the party its line states and
    the name it writes (none for a chair-only turn)."""

    turn: Turn
    person: Person | None = None
    role: str | None = None
    party: str | None = None
    name: str | None = None
    shown: str | None = None  # the person's name as known at this turn
    written: str | None = None  # the name ``person`` was resolved from (line or chair)
    body: str | None = None  # the body the line places the speaker in (see ``body_of``)
    short: Speaker | None = None  # a line naming one word of a name, no one as yet


def speeches_of(session: Sesion, people: People) -> list[Speech]:
    """Every turn of the session's text, in order, attributed. ``people`` (the scope's
    known people, from rosters and earlier sessions) gains whoever speaks here first."""
    text = session.text
    turns, opening = split_session(text, session.agenda)
    # what the record says before anyone speaks, or a text whose headings no reader
    # knows: kept, searchable and shown, at order 0 (the turns' ids stay as they were)
    # and no one's (a procedural part of no speaker)
    first = [_Attributed(Turn(0, None, opening, procedural=True))] if opening else []
    if not turns:
        return [_speech(session, one, {}) for one in first]
    for name in court_attendance(text):
        people.resolve(name)
    chair_name = heading_chair(text)
    # in the chamber the heading's line names them in, as a change of chair is resolved
    # (a joint sitting's "Presidencia del diputado Juan Pérez" is no senator Juan Pérez)
    chair = people.resolve(chair_name, body=heading_chair_body(text)) if chair_name else None
    attributed = []
    genders: dict[str, set[str]] = {}  # person id → the grammar of the lines naming them
    if chair is not None and (said := heading_chair_gender(text)):
        genders.setdefault(chair.id, set()).add(said)
    # the vice-president a line names presiding ("La vicepresidenta diputada Dolores
    # Padierna Luna: …"): whom a later "La vicepresidenta:" means; never the president,
    # whom a bare vice-president's line is not
    vice: tuple[Person, str] | None = None
    for turn in turns:
        one = _Attributed(turn)
        if turn.chair:
            chair_name = turn.chair
            # the record says who presides from here, in the chamber its line names
            chair = people.resolve(turn.chair, body=turn.chair_body)
            # ("Preside la vicepresidenta diputada …": "La vicepresidenta:" is her too)
            vice = (chair, turn.chair) if chair is not None and turn.chair_vice else None
            if chair is not None and turn.chair_gender:
                genders.setdefault(chair.id, set()).add(turn.chair_gender)
        if turn.speaker is not None:
            speaker = read_speaker(turn.speaker)
            one.role, one.party = speaker.role, _stated_party(speaker, scope_of(session), session)
            one.name = speaker.name
            one.body = body_of(turn.speaker) if speaker.name or speaker.short_name else None
            if speaker.short_name:
                one.short = speaker
            if speaker.short_name and (earlier := _short_named(speaker, attributed, one.body)):
                # "El Senador Anaya:" after "El Senador Ricardo Anaya Cortés (PAN):"
                one.person, one.written = earlier, earlier.name
            elif speaker.name:
                one.person = people.resolve(speaker.name, body=one.body)
                one.written = speaker.name
                if speaker.chair and one.person is not None:
                    chair, chair_name = one.person, speaker.name  # presides from here on
                    # (a vice-president's line says she presides: "La vicepresidenta:"
                    # is her from here on, and only a vice-president's is)
                    vice = (one.person, speaker.name) if _vice(turn.speaker) else None
            elif speaker.chair and _vice(turn.speaker):
                # "El vicepresidente:" is the vice-president named presiding, never the
                # president; no one when none was named
                one.person, one.written = vice if vice is not None else (None, None)
            elif speaker.chair:
                one.person, one.written = chair, chair_name
            one.shown = one.person.name if one.person else None
        attributed.append(one)
    _named_later(attributed, people)
    _short_named_later(attributed)
    if session.congress:
        _unseat_other_chairs(attributed, genders)
    speakers = {one.person.id: one.person for one in attributed if one.person and one.name}
    _uncredit_shared(attributed, speakers)
    for one in attributed:
        if one.person is not None and (
            one.role == "legislador" or (one.party and one.role != "ministro")
        ):
            one.person.add_term(
                session.legislature, one.party, session.chamber, "discurso", one.body
            )
    for one in attributed:
        # the fullest name the session gave the person, on every turn of theirs (a name
        # met briefly first and whole later was shown brief on the first turns)
        if one.person is not None and one.shown is not None:
            one.shown = one.person.name
    said = _parties_said(attributed)
    return [_speech(session, one, said) for one in first + attributed]


def _named_later(attributed: list[_Attributed], people: People) -> None:
    """A turn whose line names someone too briefly to make a person of ("El diputado José
    Pérez (desde la curul):", a given name and a surname) is theirs once the session
    names them whole later ("El diputado José Pérez García (PAN):"), as it would be had
    the whole name come first; never when the brief name could be more than one person
    (``find`` answers none then, and a name two speakers go by is undone afterwards)."""
    for one in attributed:
        if one.person is None and one.name:
            person = people.find(one.name, one.body)
            if person is not None:
                one.person, one.written, one.shown = person, one.name, person.name


def _short_named_later(attributed: list[_Attributed]) -> None:
    """A short heading met before the whole name ("El diputado Ramírez:" then "El
    diputado Juan Ramírez Pérez (PAN):") is that speaker's when the session names one
    such speaker only, before or after (see :func:`_short_named`); two of the name
    ("Ana Ortega Ruiz", "Luisa Ortega Díaz") leave it to no one, even when the article
    tells them apart: named before anyone of the name, the short line may be a third."""
    for one in attributed:
        if one.person is None and one.short is not None:
            found = _short_named(one.short, attributed, one.body)
            if found is not None and _short_named(one.short, attributed, one.body, False):
                one.person, one.written, one.shown = found, found.name, found.name


def _gender(as_written: str | None) -> str | None:
    """ "f" for a line that opens "La …", "m" for "El …"."""
    first = fold_keyword(as_written or "").lstrip(" -–—").split(" ", 1)[0]
    return {"la": "f", "el": "m"}.get(first)


def _short_named(
    speaker: Speaker, before: list[_Attributed], body: str | None = None, gendered: bool = True
) -> Person | None:
    """The one earlier speaker of the session a short heading ("El Senador Anaya:", one
    word of a name) can be: a speaker named whole before, one of whose words after the
    first given name it is, and whose lines open with the same article ("La Senadora
    Anaya" is no "El Senador Ricardo Anaya Cortés"). None when no one or more than one
    such speaker spoke before: the line keeps its name as written and no one is
    credited (a guess could be wrong). A speaker whose line placed them in another body
    than ``body`` is not one ("El Senador Anaya:" is no "El diputado Ricardo Anaya
    Cortés")."""
    word = fold_keyword(speaker.short_name or "")
    gender = _gender(speaker.as_written)
    found: dict[str, Person] = {}
    for one in before:
        person = one.person
        if person is None or not one.name or word not in name_tokens(one.name)[1:]:
            continue
        said = _gender(one.turn.speaker)
        if gendered and gender and said and said != gender:
            continue
        if body and one.body and one.body != body:
            continue
        found[person.id] = person
    return next(iter(found.values())) if len(found) == 1 else None


def named_without_turns(session: Sesion) -> list[str]:
    """The names the session's text gives outside its speakers' headings: a court's
    attendance (present and absent), who presides as the heading says, and each change of
    chair; what :func:`speeches_of` learns of people who may never speak."""
    text = session.text or ""
    names = court_attendance(text)
    chair = heading_chair(text)
    if chair:
        names.append(chair)
    names += [turn.chair for turn in split_turns(text, session.agenda) if turn.chair]
    return names


def _chair_gender(as_written: str | None) -> str | None:
    """ "f" for "La Presidenta" ("La Vicepresidenta"), "m" for "El Presidente", None when
    the line says neither."""
    folded = fold_keyword(as_written or "")
    if re.search(r"\b(?:vice)?presidenta\b", folded):
        return "f"
    if re.search(r"\b(?:vice)?presidente\b", folded):
        return "m"
    return None


def _vice(as_written: str | None) -> bool:
    """Whether a chair's line calls them vice-president ("El Vicepresidente:", "LA C.
    VICEPRESIDENTA DIPUTADA …"), before any comma; one "…, en funciones de Presidente"
    presides as the president."""
    folded = fold_keyword(as_written or "")
    if re.search(r",\s*en\s+funciones\s+de\s+president[ae]\b", folded):
        return False
    return bool(re.search(r"\bvicepresident[ae]\b", folded.split(",")[0]))


def _unseat_other_chairs(attributed: list[_Attributed], genders: dict[str, set[str]]) -> None:
    """Credit no one with a chair-only turn ("-La Presidenta:") whose grammar says another
    person than the one taken to preside: the chair passes among the Mesa Directiva's
    members within a sitting, and a change the record does not state ("El Presidente
    senador Juan Pérez" presiding, then "-La Presidenta:") leaves who it is unknown. A
    court is left alone: one President presides its whole session. ``genders`` holds what
    the record's "Presidencia de la senadora …" lines say; the named chair turns add
    theirs."""
    for one in attributed:
        if one.person is not None and one.name and one.role == "presidencia":
            gender = _chair_gender(one.turn.speaker)
            if gender:
                genders.setdefault(one.person.id, set()).add(gender)
    for one in attributed:
        if one.person is None or one.name or one.role != "presidencia":
            continue
        known = genders.get(one.person.id, set())
        said = _chair_gender(one.turn.speaker)
        if said and len(known) == 1 and said not in known:
            one.person = one.shown = one.written = None


def _uncredit_shared(attributed: list[_Attributed], speakers: dict[str, Person]) -> None:
    """Credit no one with a turn whose name another of the session's speakers also goes
    by: "El diputado López Ruiz" read before "Juan López Ruiz" and "María López Ruiz"
    both spoke was credited to the one known then, which the whole session shows it
    need not be (a wrong person is worse than none). Its line, and any party it states,
    stay; a chair-only turn follows the name the chair was known by."""
    for one in attributed:
        if one.person and one.written and _shared(one.written, one.person, speakers, one.body):
            one.person = one.shown = None


def _parties_said(attributed: list[_Attributed]) -> dict[str, set[str]]:
    """The parties each person's own lines state in this session, as a legislator (a
    line whose name another speaker of the session also goes by is credited to no one,
    see :func:`_uncredit_shared`, and says nothing of anyone)."""
    said: dict[str, set[str]] = {}
    for one in attributed:
        person = one.person
        if person is not None and one.party and one.role in LEGISLATIVE:
            said.setdefault(person.id, set()).add(one.party)
    return said


Said = dict[str, set[str]]  # person id → the parties their lines state in the session


def _filled(one: _Attributed, legislature: str | None, said: Said) -> tuple[str | None, str | None]:
    """The party (and its source) of a turn whose line states none. The same person's
    party that day, when this session's other lines state one and only one (a turn whose
    name another speaker goes by has no person, see :func:`_uncredit_shared`); else,
    when the session states none for them, a roster of this legislature's (``people``
    resolves a name no roster or speech settles to no one). Never another session's:
    people change party."""
    person = one.person
    if person is None or one.role not in LEGISLATIVE:
        return None, None
    parties = said.get(person.id, set())
    if not parties:
        return person.roster_party(legislature), ROSTER
    if len(parties) > 1:
        return None, None  # the record contradicts itself
    return next(iter(parties)), SESSION


def _shared(
    name: str, person: Person, speakers: dict[str, Person], body: str | None = None
) -> bool:
    """Whether another of the session's speakers goes by ``name`` ("López Ruiz" when a
    María and a Juan López Ruiz both spoke); one known in another body than the line's
    ``body`` does not (a senator "Juan Pérez López" is no "El diputado Juan Pérez")."""
    written = name_tokens(name)
    return any(
        written == name_tokens(form) or same_person(written, name_tokens(form))
        for other in speakers.values()
        if other.id != person.id and not other_body(other, body)
        for form in (other.name, *other.forms)
    )


def _speech(session: Sesion, one: _Attributed, said: Said) -> Speech:
    party, source = one.party, TRANSCRIPT if one.party else None
    if not party:
        party, source = _filled(one, session.legislature, said)
    turn, person = one.turn, one.person
    return Speech(
        id=speech_id(session.id, turn.order),
        session_id=session.id,
        order=turn.order,
        speaker_as_written=turn.speaker,
        person_id=person.id if person else None,
        person_name=one.shown,
        role=one.role,
        party=party,
        party_source=source if party else None,
        agenda_index=turn.agenda_index,
        agenda_item=turn.agenda_item,
        procedural=turn.procedural,
        text=turn.text,
        date=session.date,
        congress=scope_of(session),
        legislature=session.legislature,
        jurisdiction=session.jurisdiction,
    )
