"""Pages of speeches read from the commit the first page was (the cursor names it): a
speech re-indexed with a name masked since never shows the name again from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.speeches.model import Speech
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.tantivy_index import TantivySpeechIndex

COUNT = 30
NAME = "Rogelio Villaseñor Ortega"
START = dt.date(2023, 1, 1)


def _speech(n: int, text: str) -> Speech:
    return Speech(
        id=f"s1-{n:03d}",
        session_id="s1",
        order=n,
        person_name="Pedro Salas Mora",
        text=text,
        date=START + dt.timedelta(days=n),
        congress="Congreso del Estado de Prueba",
    )


def _speeches(named: set[int], name: str) -> list[Speech]:
    return [
        _speech(
            n, f"Intervención {n} sobre el agua potable" + (f" de {name}." if n in named else ".")
        )
        for n in range(1, COUNT + 1)
    ]


@pytest.mark.parametrize("q", ["agua potable", "Villaseñor"], ids=["still-matches", "the-name"])
def test_a_speech_masked_between_pages_shows_no_old_text(tmp_path: Path, q: str) -> None:
    index = TantivySpeechIndex(tmp_path / "discursos")
    named = {15, 16, 30} if q == "agua potable" else {15, 16, 28, 29, 30, 4, 5, 6}
    told = _speeches(named, NAME)
    index.replace_sessions(["s1"], told, previous=[])
    query = SpeechQuery(q=q, sort="date_desc", limit=10 if q == "agua potable" else 3)
    first = index.search(query)
    assert NAME in first.model_dump_json()
    index.replace_sessions(["s1"], _speeches(named, "****"), previous=[s.id for s in told])
    answers, page = [], first
    while page.next_cursor:
        page = index.search(query.model_copy(update={"cursor": page.next_cursor}))
        answers.append(page)
    for answer in answers:
        assert "Villaseñor" not in answer.model_dump_json()
        assert answer.total == first.total  # the held commit's paging
    shown = [hit.speech.id for answer in answers for hit in answer.hits]
    if q == "agua potable":
        assert shown == [f"s1-{n:03d}" for n in range(20, 0, -1)]
        masked = next(h for a in answers for h in a.hits if h.speech.order == 15)
        assert masked.speech.text.endswith("****.")
    else:
        # none matches any more; every page of the held commit still read
        assert shown == [] and len(answers) == 2
