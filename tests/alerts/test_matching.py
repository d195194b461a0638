"""Alerts are matched when documents are indexed: once per document and alert, with the
search's own meaning (words, phrases, filters), never for withheld documents, never
twice after a crash or a re-index, and never lost by a crash."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from indexer.alerts import search_of
from tests.alerts.conftest import Service, sentencia, webhook_alert

HOOK = "http://127.0.0.1:9/hook"


def matched(service: Service) -> list[tuple[str, str]]:
    with service.library.db.engine.connect() as connection:
        rows = connection.execute(sa.text("select alert_id, document_id from alert_matches"))
        return sorted((a, d) for a, d in rows)


def test_a_new_document_matches_the_alerts_whose_search_finds_it(service: Service) -> None:
    phrase = webhook_alert(service, HOOK, {"q": '"pensión alimenticia"', "matter": "familiar"})
    penal = webhook_alert(service, HOOK, {"q": "pensión", "matter": "penal"})
    words = webhook_alert(service, HOOK, {"q": "alimenticia juez"})
    family = sentencia("1/2026", "El juez fija la pensión alimenticia definitiva del menor.")
    apart = sentencia("2/2026", "La pensión es alimenticia, dijo el juez.")  # not the phrase
    service.library.add_document(family)
    service.library.add_document(apart)
    service.library.flush()
    assert matched(service) == sorted(
        [(phrase["id"], family.id), (words["id"], family.id), (words["id"], apart.id)]
    )
    assert penal["id"] not in {a for a, _ in matched(service)}


def test_withheld_documents_never_match(service: Service) -> None:
    alert = webhook_alert(service, HOOK, {"q": "pensión"})
    service.library.add_document(sentencia("3/2026", "pensión alimenticia", withheld=True))
    service.library.flush()
    assert matched(service) == []
    view = service.client.get(
        f"/v1/alerts/{alert['id']}", headers={"Authorization": f"Bearer {service.key}"}
    ).json()
    assert view["matches"] == 0


def test_documents_already_in_the_library_are_not_sent_to_a_new_alert(service: Service) -> None:
    old = sentencia("4/2026", "pensión alimenticia")
    service.library.add_document(old)
    service.library.flush()
    alert = webhook_alert(service, HOOK, {"q": "pensión"})
    assert alert["matching_now"] == 1  # the search finds it…
    changed = old.model_copy(update={"text": "pensión alimenticia, monto actualizado"})
    service.library.add_document(changed)  # …and it is indexed again after a change
    service.library.flush()
    assert matched(service) == []


def test_a_reindex_matches_nothing_twice(service: Service) -> None:
    alert = webhook_alert(service, HOOK, {"q": "pensión"})
    doc = sentencia("5/2026", "pensión alimenticia")
    service.library.add_document(doc)
    service.library.flush()
    service.library.db.mark_all_unindexed()  # what a new index version does
    service.library.flush()
    service.library.reindex()
    assert matched(service) == [(alert["id"], doc.id)]


def test_a_crash_before_the_commit_loses_no_match_and_makes_none_twice(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    alert = webhook_alert(service, HOOK, {"q": "pensión"})
    doc = sentencia("6/2026", "pensión alimenticia")
    service.library.add_document(doc)
    store = service.library.store

    def crash() -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "commit", crash)
    with pytest.raises(RuntimeError):
        service.library.flush()
    monkeypatch.undo()
    assert service.library.db.count_pending() == 1  # the document is indexed again…
    service.library.flush()
    assert service.library.db.count_pending() == 0
    assert matched(service) == [(alert["id"], doc.id)]  # …and its match is there once


def test_an_unconfirmed_or_deleted_alert_matches_nothing(service: Service) -> None:
    alert = webhook_alert(service, HOOK, {"q": "pensión"})
    answer = service.client.delete(
        f"/v1/alerts/{alert['id']}", headers={"Authorization": f"Bearer {service.key}"}
    )
    assert answer.status_code == 204
    service.library.add_document(sentencia("7/2026", "pensión alimenticia"))
    service.library.flush()
    assert matched(service) == []


QUERIES = [
    {"q": "pensión"},
    {"q": "pensión alimenticia"},
    {"q": '"pensión alimenticia"'},
    {"q": '"pensión definitiva"~3'},
    {"q": "pensi*"},
    {"q": "arrendamiento OR desahucio"},
    {"q": "pensión NOT definitiva"},
    {"q": "pensión -menor"},
    {"q": "title:arrendamiento"},
    {"q": "", "matter": "civil"},
    {"q": "pensión", "matter": ["familiar", "civil"]},
    {"q": "juez", "date_from": "2026-06-01"},
    {"q": "Sala Familiar"},
    {"q": 'expediente:"Toca 41/2026"'},
]


def test_an_alert_matches_exactly_what_its_search_finds(service: Service) -> None:
    alerts = {webhook_alert(service, HOOK, query)["id"]: query for query in QUERIES}
    docs = [
        sentencia("40/2026", "El juez fija la pensión alimenticia definitiva del menor."),
        sentencia("41/2026", "La pensión es alimenticia y provisional.", day=dt.date(2026, 1, 5)),
        sentencia("42/2026", "Contrato de arrendamiento y desahucio.", matter="civil"),
        sentencia("43/2026", "Pensión definitiva por viudez.", matter="civil"),
        sentencia("44/2026", "Se confirma la condena por robo.", matter="penal"),
    ]
    for doc in docs:  # one batch each: the sieve of required words skips most alerts
        service.library.add_document(doc)
        service.library.flush()
    found = {}
    for alert_id in alerts:
        view = service.client.get(
            f"/v1/alerts/{alert_id}", headers={"Authorization": f"Bearer {service.key}"}
        ).json()
        found[alert_id] = search_of(view["query"], limit=100)
    got = matched(service)
    for alert_id, search in found.items():
        expected = {hit.id for hit in service.library.search(search).hits}
        assert {d for a, d in got if a == alert_id} == expected, alerts[alert_id]
    assert len(got) >= len(QUERIES)  # the searches find something: the comparison means it
