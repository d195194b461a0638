"""Alerts are matched when documents are indexed: once per document and alert, with the
search's own meaning (words, phrases, filters), never for withheld documents, never
twice after a crash or a re-index, and never lost by a crash."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

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
