"""An alert on a ponente or a court written as people write them («Pérez Dayán»,
``tribunal:segunda``) is sent the new documents whose stored value holds those words,
values nobody had written when the alert was made included, as its search finds them."""

from __future__ import annotations

from indexer.alerts import search_of
from tests.alerts.conftest import Service, sentencia, webhook_alert
from tests.alerts.test_matching import HOOK, matched

SCJN_1 = "Primera Sala de la Suprema Corte de Justicia de la Nación"
SCJN_2 = "Segunda Sala de la Suprema Corte de Justicia de la Nación"


def test_an_alert_on_a_ponente_gets_new_values_holding_the_name(service: Service) -> None:
    alert = webhook_alert(service, HOOK, {"ponente": "Pérez Dayán"})
    by_words = webhook_alert(service, HOOK, {"q": "ponente:Dayán tribunal:segunda"})
    whole = webhook_alert(service, HOOK, {"court": SCJN_1})
    first = sentencia("1/2026", "Amparo en revisión.").model_copy(
        update={"ponente": "Ministro Alberto Pérez Dayán", "court": SCJN_2}
    )
    other = sentencia("2/2026", "Amparo directo.").model_copy(
        update={"ponente": "Ministra Norma Lucía Piña Hernández", "court": SCJN_1}
    )
    service.library.add_document(first)
    service.library.add_document(other)
    service.library.flush()
    later = sentencia("3/2026", "Amparo en revisión.").model_copy(
        update={"ponente": "ALBERTO PÉREZ DAYÁN", "court": SCJN_2}
    )
    service.library.add_document(later)
    service.library.flush()
    assert matched(service) == sorted(
        [(alert["id"], first.id), (alert["id"], later.id), (by_words["id"], first.id),
         (by_words["id"], later.id), (whole["id"], other.id)]
    )  # fmt: skip
    # what the alert was sent is what its search finds now
    for made in (alert, by_words, whole):
        view = service.client.get(
            f"/v1/alerts/{made['id']}", headers={"Authorization": f"Bearer {service.key}"}
        ).json()
        found = {hit.id for hit in service.library.search(search_of(view["query"])).hits}
        assert {d for a, d in matched(service) if a == made["id"]} == found


def test_an_alert_on_a_word_in_too_many_names_is_refused(service: Service) -> None:
    docs = [
        sentencia(f"{n}/2025", "Texto.").model_copy(update={"ponente": f"Juez {n} de Prueba"})
        for n in range(210)
    ]
    service.library.add_documents(docs)
    service.library.flush()
    answer = service.client.post(
        "/v1/alerts",
        json={"query": {"ponente": "de"}, "delivery": {"webhook": HOOK}},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert answer.status_code == 422, answer.text
    assert "escriba más palabras" in answer.text
