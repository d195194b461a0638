"""A session's turns become speeches: each speaker line resolved to a person of the
session's congress (or court), chair-only turns to whoever presides at that moment."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.chair import court_attendance, heading_chair
from indexer.speeches.model import Speech, speech_id
from indexer.speeches.people import People, Person
from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns


def scope_of(session: Sesion) -> str:
    """Whose people a session's speakers are: its congress, or the court that sits."""
    return session.congress or session.institution


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
        if turn.speaker is not None:
            speaker = read_speaker(turn.speaker)
            role, party = speaker.role, speaker.party
            if speaker.name:
                person = people.resolve(speaker.name)
                if speaker.chair and person is not None:
                    chair = person  # the last named presidency presides from here on
            elif speaker.chair:
                person = chair
            if person is not None:
                if role == "legislador" or (party and role != "ministro"):
                    person.add_term(session.legislature, party, session.chamber, "discurso")
                party = party or (
                    person.party_in(session.legislature)
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
