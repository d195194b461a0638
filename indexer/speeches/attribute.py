"""A session's turns become speeches: each speaker line resolved to a person of the
session's congress (or court), chair-only turns to whoever presides at that moment."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.chair import court_attendance, heading_chair
from indexer.speeches.model import Speech, speech_id
from indexer.speeches.nueva_alianza import is_na, nueva_alianza_then
from indexer.speeches.people import People, Person
from indexer.speeches.roles import Speaker, read_speaker
from indexer.speeches.split import split_turns


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


def speeches_of(session: Sesion, people: People) -> list[Speech]:
    """Every turn of the session's text, in order, attributed. ``people`` (the scope's
    known people, from rosters and earlier sessions) gains whoever speaks here first."""
    text = session.text
    turns = split_turns(text, session.agenda)
    if not turns:
        return []
    for name in court_attendance(text):
        people.resolve(name)
    chair_name = heading_chair(text)
    chair = people.resolve(chair_name) if chair_name else None
    speeches = []
    for turn in turns:
        person: Person | None = None
        role = party = None
        if turn.chair:
            chair = people.resolve(turn.chair)  # the record says who presides from here
        if turn.speaker is not None:
            speaker = read_speaker(turn.speaker)
            role, party = speaker.role, _stated_party(speaker, scope_of(session), session)
            if speaker.name:
                person = people.resolve(speaker.name)
                if speaker.chair and person is not None:
                    chair = person  # the last named presidency presides from here on
            elif speaker.chair:
                person = chair
            if person is not None:
                if role == "legislador" or (party and role != "ministro"):
                    person.add_term(session.legislature, party, session.chamber, "discurso")
                # only a roster of this legislature fills a party the line does not
                # state, and only for the one person the name is (``people`` resolves a
                # name no roster or speech settles to no one)
                party = party or (
                    person.roster_party(session.legislature)
                    if role in ("legislador", "presidencia", "secretaria")
                    else None
                )
        speeches.append(
            Speech(
                id=speech_id(session.id, turn.order),
                session_id=session.id,
                order=turn.order,
                speaker_as_written=turn.speaker,
                person_id=person.id if person else None,
                person_name=person.name if person else None,
                role=role,
                party=party,
                agenda_index=turn.agenda_index,
                agenda_item=turn.agenda_item,
                procedural=turn.procedural,
                text=turn.text,
                date=session.date,
                congress=scope_of(session),
                legislature=session.legislature,
                jurisdiction=session.jurisdiction,
            )
        )
    return speeches
