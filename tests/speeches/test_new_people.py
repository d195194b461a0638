"""A speaker's line makes a new person only from a whole name (a given name and both
surnames): "El diputado López Ruiz" or "La diputada Ana Ruiz", with no one known by it,
is credited to no one (its line and the party it states stay), rather than become a
person who would gather the speeches of every López Ruiz of the congress and stay apart
from the legislator's whole name. A short name one known person goes by still resolves."""

from __future__ import annotations

from indexer.speeches.people import People
from tests.speeches.test_shared_names import CONGRESS, _speeches

SESSION = """-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-El diputado López Ruiz (PAN): Con su venia, presidenta.
-La diputada Ana Ruiz: Una moción, presidenta.
"""
LATER = """-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-La diputada María López Ruiz (PRI): Con su venia, presidenta.
-El diputado López Ruiz: Una moción, presidenta.
"""


def test_a_short_name_no_one_is_known_by_makes_no_person() -> None:
    people = People(CONGRESS)
    chair, lopez, ana = _speeches(SESSION, people)
    assert chair.person_name == "Kenia Ruiz Salas" and chair.person_id
    for speech in (lopez, ana):
        assert (speech.person_id, speech.person_name) == (None, None), speech.speaker_as_written
    assert lopez.party == "PAN" and "López Ruiz" in (lopez.speaker_as_written or "")
    assert [p.name for p in people.by_id.values()] == ["Kenia Ruiz Salas"]
    # a later session: the short name is the one legislator known by it, not a person of
    # its own made earlier from the two surnames (who would have taken it)
    _, maria, short = _speeches(LATER, people)
    assert maria.person_name == "María López Ruiz"
    assert short.person_id == maria.person_id
    assert "López Ruiz" not in [p.name for p in people.by_id.values()]


def test_a_short_name_a_known_person_goes_by_resolves() -> None:
    people = People(CONGRESS)
    people.resolve("Ana Ruiz Olvera")
    _, _, ana = _speeches(SESSION, people)
    assert ana.person_name == "Ana Ruiz Olvera"
