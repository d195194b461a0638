"""A query whose telling words match a hit's metadata only (its court, its matter) and
whose short words («no», «el», «y») match its text: the snippet marks the short words
the search matched, on every store (the embedded one looked for the telling words
alone, found none in the text, and showed its opening with nothing marked)."""

from __future__ import annotations

import datetime as dt

from indexer.stores import SearchQuery, Store
from tests.stores.corpus import sentencia

DOC = sentencia(
    950,
    "Visto el expediente, se resuelve lo siguiente: se niega el amparo solicitado; "
    "no procede la revisión de la sentencia.",
    "Sala Especializada en Ejecución",
    "penal",
    dt.date(2023, 2, 1),
)


def test_the_short_words_that_matched_the_text_are_marked(store: Store) -> None:
    store.upsert([DOC])
    for q, marked in (("especializada no", "no"), ("ejecución NOT robo no", "no")):
        hits = store.search(SearchQuery(q=q, limit=10)).hits
        assert [hit.id for hit in hits] == [DOC.id], q
        joined = " ".join(hits[0].highlights)
        assert f"<mark>{marked}</mark> procede" in joined, (q, joined)
        assert joined.count("<mark>") == 1, (q, joined)


def test_a_telling_word_in_the_text_still_places_the_passage(store: Store) -> None:
    store.upsert([DOC])
    hits = store.search(SearchQuery(q="amparo no", limit=10)).hits
    joined = " ".join(hits[0].highlights)
    assert "<mark>amparo</mark>" in joined and "<mark>no</mark>" in joined, joined
