"""A search answer given as plain data (``search_plain``, what ``GET /v1/search`` writes)
is written as the very bytes of the validated answer (``search``): first asked, asked
again, page after page, scored or date-sorted, with or without highlights and facets.
A payload that validation would change or refuse is never read as plain data."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import to_json

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchHit, SearchQuery, SearchResult
from indexer.stores.documents import hit_payload
from indexer.stores.plain import PlainResult, plain_hits
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.test_kept_answers import QUESTIONS as KEPT_QUESTIONS

QUESTIONS = [
    *KEPT_QUESTIONS,
    SearchQuery(q="pensión -amparo", facets=[], limit=4),
    SearchQuery(q="palabrainexistente"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TantivyStore:
    path = tmp_path_factory.mktemp("plain") / "index"
    writer = TantivyStore(path)
    assert not writer.upsert(list(LegalCorpus(400, seed=5))).errors
    writer.close()
    return TantivyStore(path)


def written(answer: SearchResult | PlainResult) -> bytes:
    if isinstance(answer, PlainResult):
        return to_json(asdict(answer))
    return answer.model_dump_json().encode()


@pytest.mark.parametrize("query", QUESTIONS, ids=[str(n) for n in range(len(QUESTIONS))])
def test_plain_answers_write_as_the_validated_ones(store: TantivyStore, query: SearchQuery) -> None:
    """Every page (at most four), fresh and then kept, as plain data and validated."""
    for _ in range(4):
        fresh = store.search_plain(query)
        assert isinstance(fresh, PlainResult) or (fresh.total and not fresh.hits)
        validated = store.search(query)
        assert written(fresh) == validated.model_dump_json().encode()
        assert written(store.search_plain(query)) == written(fresh)
        if validated.next_cursor is None:
            break
        query = query.model_copy(update={"cursor": validated.next_cursor})


def test_a_plain_answer_is_its_callers_own(store: TantivyStore) -> None:
    """The API adds each hit's permalink to the answer it is given: the next caller's
    answer is as first given."""
    query = SearchQuery(q="amparo", limit=3)
    first = written(store.search_plain(query))
    mine = store.search_plain(query)
    assert isinstance(mine, PlainResult)
    mine.hits[0]["permalink"] = "/v1/documents/x"
    mine.hits[0]["highlights"].append("cambiado")
    mine.hits[0]["fields"]["court"] = "cambiado"
    mine.facets["kind"][0]["count"] = -1
    assert written(store.search_plain(query)) == first


def _payloads() -> list[bytes]:
    docs = list(LegalCorpus(30, seed=2))
    docs[0] = docs[0].model_copy(update={"date": None})
    return [to_json(hit_payload(doc)) for doc in docs]


def test_payloads_are_read_as_a_search_hit_reads_them() -> None:
    """The same values (a date a date), the fields in the model's order, the same JSON."""
    payloads = _payloads()
    scores = [float(n) / 7 for n in range(len(payloads))]
    highlights = [(f"<mark>{n}</mark>",) for n in range(len(payloads))]
    plain = plain_hits(payloads, scores, highlights)
    assert plain is not None
    for hit, payload, score, lit in zip(plain, payloads, scores, highlights, strict=True):
        model = SearchHit.model_validate_json(payload)
        model.score, model.highlights = score, list(lit)
        assert list(hit.items()) == list(model.model_dump().items())
        assert to_json(hit) == model.model_dump_json().encode()
    assert plain_hits(payloads, None, None) == [
        SearchHit.model_validate_json(p).model_dump() for p in payloads
    ]


ODD = {
    "a field missing": lambda p: {k: v for k, v in p.items() if k != "fields"},
    "no date": lambda p: {k: v for k, v in p.items() if k != "date"},
    "a text missing": lambda p: {k: v for k, v in p.items() if k != "title"},
    "a field more": lambda p: {**p, "score": 1.0, "otro": [1]},
    "fields in another order": lambda p: dict(reversed(p.items())),
    "a date and time": lambda p: {**p, "date": "2023-03-15T00:00:00"},
    "a date of no calendar": lambda p: {**p, "date": "2023-02-30"},
    "a date written short": lambda p: {**p, "date": "2023-3-5"},
    "a date as a number": lambda p: {**p, "date": 1678838400},
    "a number for a text": lambda p: {**p, "title": 12},
    "another kind": lambda p: {**p, "kind": "sesión"},
    "a number among the fields": lambda p: {**p, "fields": {"number": 3}},
    "a list of numbers among the fields": lambda p: {**p, "fields": {"number": [3]}},
    "not an object": lambda p: [p],
}


@pytest.mark.parametrize("odd", ODD, ids=list(ODD))
def test_an_odd_payload_is_read_or_refused_as_a_search_hit_reads_it(odd: str) -> None:
    """An index written otherwise: what the model takes, the plain hit takes the same
    way (the same JSON); what it refuses, the plain page is not (it is validated)."""
    payloads = _payloads()
    as_written = SearchHit.model_validate_json(payloads[3]).model_dump(
        mode="json", exclude={"score", "highlights"}
    )
    changed = to_json(ODD[odd](as_written))
    plain = plain_hits([*payloads[:3], changed, *payloads[4:]], None, None)
    try:
        model = SearchHit.model_validate_json(changed)
    except ValidationError:
        assert plain is None
        return
    assert plain is not None
    assert to_json(plain[3]) == model.model_dump_json().encode()


HIT = {
    "id": "sen-1",
    "kind": "sentencia",
    "title": "Amparo en revisión",
    "url": "https://ejemplo.gob.mx/1",
    "institution": "SCJN",
    "jurisdiction": "MX",
}
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=4),
    st.sampled_from([None, "2023-03-15", "2023-3-5", 3, "x"]),
    st.sampled_from([None, 1.5, "2", True, "x"]),
)
def test_any_fields_are_read_or_refused_as_a_search_hit_reads_them(
    fields: dict, date: object, score: object
) -> None:
    """A payload's fields of any JSON values (and odd dates and scores): the plain hit
    is the model's, or refused where the model refuses it."""
    payload = {**SearchHit(**HIT).model_dump(mode="json"), "fields": fields}
    payload.update(date=date, score=score)
    written_payload = to_json(payload)
    plain = plain_hits([written_payload], None, None)
    try:
        model = SearchHit.model_validate_json(written_payload)
    except ValidationError:
        assert plain is None
        return
    assert plain is not None
    assert to_json(plain[0]) == model.model_dump_json().encode()
