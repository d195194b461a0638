"""Where a speech's party comes from, and how to tell it again from what is stored.

The transcript's own line is the best word; the same person's line elsewhere in the same
session's transcript is the next (that day they were of that party); a roster of the
session's legislature is the last. The database keeps no column for it: a stored
speech's source is read back from its line and its session's other turns, by the same
rule that chose it."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from indexer.speeches.roles import read_speaker

TRANSCRIPT: Final = "transcripcion"
SESSION: Final = "sesion"
ROSTER: Final = "padron"

# Where a speech's party comes from.
PARTY_SOURCES = {
    TRANSCRIPT: "the speaker's line in the transcript states it",
    SESSION: "another turn of the same person in the same session's transcript states it",
    ROSTER: "the roster of the session's legislature, for the one person the name is",
}

# Roles a legislator speaks in: a board member (presidencia, secretaría) is a legislator
# of the chamber, so a party one of these turns states is that person's in all of them.
LEGISLATIVE = frozenset({"legislador", "presidencia", "secretaria"})


def stated_on_line(speaker_as_written: str | None, party: str | None) -> bool:
    """Whether the turn's own line states ``party`` (as stored: a "(NA)" read as no
    party where Nueva Alianza could not be is stored as none, and states nothing)."""
    if not party or not speaker_as_written:
        return False
    return _line_party(speaker_as_written) == party


@lru_cache(maxsize=8192)
def _line_party(speaker_as_written: str) -> str | None:
    """The party a line states: read once per line (a session's chair and members speak
    under the same line tens of times, and every speech read back asks it)."""
    return read_speaker(speaker_as_written).party


def line_or_roster(speaker_as_written: str | None, party: str | None) -> str | None:
    """The source a speech alone tells: its line, else a roster (until its session's
    other turns say it was :data:`SESSION`)."""
    if not party:
        return None
    return TRANSCRIPT if stated_on_line(speaker_as_written, party) else ROSTER
