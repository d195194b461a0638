"""A journalist's proximity phrase of three words or more (``"violencia de género"~10``,
274 arrangements) is an alert as it is a search: alert creation answered 422
``query_too_costly`` because tantivy-py's path asked it as its exact arrangements and
refused past 256. It is matched by the rule among the batch's documents holding its words
(``indexer.stores.phrase_rule``), and finds what ``/v1/search`` (the native search, the
rule in ``sloppy.rs``) finds, document for document; the index-lag check too. Hostile
phrases (``"de de de de de"~50`` three times) are still refused."""

from __future__ import annotations

import random

import sqlalchemy as sa

from api.index_lag import stored_matching
from indexer.analysis import stem_tokens
from indexer.query.arrangements import arrangements
from indexer.stores import SearchQuery
from tests.alerts.conftest import Service, sentencia, webhook_alert

HOOK = "http://127.0.0.1:9/hook"
FILL = "zzz"
# (phrase, slop): each past 256 arrangements, repeated words among them
PHRASES = [
    ("violencia de género", 10),
    ("pensión alimenticia menores", 15),
    ("interés superior del menor", 6),
    ("la guarda de la custodia", 4),
    ("de la de", 14),
    ("guanajuato poder judicial", 12),  # the institution: the descriptive words (``meta``)
]


def _placed(words: list[str], shifts: list[int]) -> str:
    """``words`` with word ``i`` at position ``i + shifts[i] - min(shifts)``, «zzz» around."""
    low = min(shifts)
    at = {i + s - low: w for i, (w, s) in enumerate(zip(words, shifts, strict=True))}
    if len(at) < len(words):
        return ""
    return " ".join(at.get(p, FILL) for p in range(max(at) + 1))


def _texts() -> list[tuple[str, str]]:
    """(title, text) pairs sitting just inside and just outside each phrase's slop, in
    order and reversed, then random mixes of the phrases' words (repeats included)."""
    out: list[tuple[str, str]] = []
    for phrase, slop in PHRASES:
        words = phrase.split()
        n = len(words)
        for span in (slop, slop + 1):
            spread = [0] * (n - 1) + [span]  # the last word far
            first = [span] + [0] * (n - 1)  # the first word far
            out.append(("Toca", _placed(words, spread)))
            out.append((_placed(words, first), "sin relación"))  # in the title
        # reversed: word i at n - 1 - i, a span of 2(n - 1)
        out.append(("Toca", " ".join(reversed(words))))
        # split: half the words in the title, half in the text (no field holds them all)
        out.append((" ".join(words[: n // 2]), " ".join(words[n // 2 :])))
    vocabulary = sorted({w for phrase, _ in PHRASES for w in phrase.split()} | {FILL})
    rng = random.Random(33)
    for _ in range(60):
        text = " ".join(rng.choice(vocabulary + [FILL] * 6) for _ in range(rng.randint(5, 28)))
        out.append(("Toca", text))
    return out


def _search_ids(service: Service, q: str) -> set[str]:
    answer = service.client.get("/v1/search", params={"q": q, "limit": 100})
    assert answer.status_code == 200, answer.text[:300]
    body = answer.json()
    assert body["total"] < 100
    return {hit["id"] for hit in body["hits"]}


def test_a_wide_phrase_alert_matches_what_the_search_finds(service: Service) -> None:
    questions = [f'"{phrase}"~{slop}' for phrase, slop in PHRASES]
    for phrase, slop in PHRASES:
        assert arrangements(stem_tokens(phrase), slop) is None  # the rule's path
    alerts = {q: webhook_alert(service, HOOK, {"q": q})["id"] for q in questions}
    docs = [
        sentencia(f"{k}/2026", text, title=title or "Toca")
        for k, (title, text) in enumerate(_texts(), start=1)
    ]
    for doc in docs:
        service.library.add_document(doc)
    service.library.flush()
    with service.library.db.engine.connect() as connection:
        rows = connection.execute(sa.text("select alert_id, document_id from alert_matches"))
        matched = {(a, d) for a, d in rows}
    some = 0
    for q in questions:
        found = _search_ids(service, q)
        assert {d for a, d in matched if a == alerts[q]} == found, q
        lag = stored_matching(service.library, SearchQuery(q=q), docs)
        assert lag == found, q
        some += bool(found) and len(found) < len(docs)
    assert some >= len(questions) - 1  # the phrases tell documents apart


def test_realistic_phrases_pass_hostile_ones_do_not(service: Service) -> None:
    webhook_alert(service, HOOK, {"q": '"pensión alimenticia menores"~15'})
    webhook_alert(service, HOOK, {"q": '"violencia de género"~20 "interés superior del menor"~8'})
    # each counts as the widest phrase asked: three pass the question's bound (thirty,
    # its length)
    hostile = " ".join(['"de de de de de"~50'] * 3)
    answer = service.client.post(
        "/v1/alerts",
        json={"query": {"q": hostile}, "delivery": {"webhook": HOOK}},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert answer.status_code == 422, answer.text[:300]
    (problem,) = answer.json()["detail"]
    assert problem["type"] == "query_too_costly"
    assert "use menos frases con proximidad" in problem["mensaje"]
