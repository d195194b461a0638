"""A session's page read back from the database: where each speech's party comes from is
told again by reading its speaker's line, once per line (the chair and the members speak
under the same line tens of times), with the same answer as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.db import Database
from indexer.speeches import party_source
from indexer.speeches.model import Speech, speech_id
from indexer.speeches.party_source import ROSTER, SESSION, TRANSCRIPT
from indexer.speeches.store import get_speeches, save_speeches, session_speech_page

LINES = [
    ("La presidenta diputada Ana Ruiz Soto", "ana", "MORENA"),  # the roster's party
    ("El diputado Luis Mora Paz (PT)", "luis", "PT"),  # the line's
    ("El diputado Luis Mora Paz", "luis", "PT"),  # the session's: his other line says it
    ("La diputada Eva Lara Cruz", "eva", "PAN"),  # the roster's
]


def test_a_session_s_page_reads_each_speaker_line_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        speeches = [
            Speech(
                id=speech_id("s1", order),
                session_id="s1",
                order=order,
                speaker_as_written=LINES[order % 4][0],
                person_id=LINES[order % 4][1],
                person_name=LINES[order % 4][1],
                role="presidencia" if order % 4 == 0 else "legislador",
                party=LINES[order % 4][2],
                text=f"Palabras {order}.",
                date=dt.date(2031, 3, 6),
            )
            for order in range(1, 201)
        ]
        save_speeches(db, "s1", speeches)
        reads: list[str] = []
        real = party_source.read_speaker

        def counted(line: str):  # type: ignore[no-untyped-def]
            reads.append(line)
            return real(line)

        monkeypatch.setattr(party_source, "read_speaker", counted)
        cached = getattr(party_source, "_line_party", None)
        if cached is not None:  # lines read by an earlier test are not read again
            cached.cache_clear()
        page = session_speech_page(db, "s1", 0, 200)
        assert [(s.order, s.party, s.party_source) for s in page[:4]] == [
            (1, "PT", TRANSCRIPT),
            (2, "PT", SESSION),
            (3, "PAN", ROSTER),
            (4, "MORENA", ROSTER),
        ]
        assert len(page) == 200
        # four lines, each read once, for 200 speeches and the session's other turns
        assert sorted(reads) == sorted(line for line, _, _ in LINES)
        again = get_speeches(db, [s.id for s in page[:8]])
        assert [again[s.id] for s in page[:8]] == page[:8]
    finally:
        db.close()
