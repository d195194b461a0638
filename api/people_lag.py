"""A session withheld for personal data takes its speakers with it at the next flush
(``indexer.speeches.service.forget_sessions``: someone only it named is no longer listed).
Until then the people table still lists them: ``unpublished_people`` tells which of some
people are known only from sessions withheld now (no speech in a published session, no
term a roster gave), so ``/v1/people``, a person's record and ``/personas`` leave them out
meanwhile. The withheld sessions are read through their partial index (migration 0028),
and the speeches only when one of them still has some (before its flush)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from indexer.db.speech_tables import SpeechRow
from indexer.library import Library
from indexer.speeches.people import Person
from indexer.speeches.store import roster_part

CHUNK = 500


def unpublished_people(library: Library, people: Sequence[Person]) -> set[str]:
    """The ids of ``people`` that only sessions withheld now have named."""
    if not people:
        return set()
    held = sorted({d.id for d in library.db.withheld_documents("sesion")})
    if not held:
        return set()
    speeches = SpeechRow.__table__
    wanted = {person.id for person in people}
    named: set[str] = set()
    with library.db.session() as s:
        for at in range(0, len(held), CHUNK):  # the speeches a flush has not taken yet
            stmt = select(speeches.c.person_id).where(
                speeches.c.session_id.in_(held[at : at + CHUNK])
            )
            named.update(p for p in s.scalars(stmt.distinct()) if p in wanted)
        if not named:
            return set()
        # of those, who no roster names: a term a roster gave keeps a person listed
        unsure = sorted(
            person.id
            for person in people
            if person.id in named and not any(roster_part(t) for t in person.terms)
        )
        published: set[str] = set()
        for at in range(0, len(unsure), CHUNK):
            stmt = select(speeches.c.person_id).where(
                speeches.c.person_id.in_(unsure[at : at + CHUNK]),
                speeches.c.session_id.not_in(held),
            )
            published.update(s.scalars(stmt.distinct()))
    return set(unsure) - published
