"""A run that read nothing is never ``ok``: ``empty`` with its cause, or ``failed``."""

from __future__ import annotations

from config.specs import parse_spec
from crawlers.causas import OUTCOMES, run_mensaje
from crawlers.outcome import MESSAGES, judge_run

SPEC = parse_spec(
    {
        "id": "senado-sesiones",
        "kind": "sesion",
        "institution": "Senado de la República",
        "jurisdiction": "MX",
        "start_urls": ["https://www.senado.gob.mx/66/sesiones/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
    }
)


def test_a_run_with_documents_is_ok() -> None:
    assert judge_run(SPEC, "finished", {"pages": 1, "items": 9}, 0, False) == ("ok", None)


def test_nothing_fetched_and_no_error_is_empty_not_ok() -> None:
    status, message = judge_run(SPEC, "finished", {}, 0, False)
    assert status == "empty" and message.startswith("no_items")


def test_a_start_url_off_the_allowed_domains_is_named_as_the_cause() -> None:
    stored = SPEC.model_copy(update={"allowed_domains": ["infosen.senado.gob.mx"]})
    status, message = judge_run(stored, "finished", {}, 0, False)
    assert status == "empty" and message.startswith("off_domain_start_url")


def test_no_page_answering_is_a_failure() -> None:
    assert judge_run(SPEC, "finished", {}, 3, False) == ("failed", "no page could be fetched")


def test_zero_items_after_earlier_runs_had_some_is_empty() -> None:
    status, message = judge_run(SPEC, "finished", {"pages": 2}, 0, True)
    assert status == "empty" and message.startswith("no_items")
    first_run_of_an_empty_site = judge_run(SPEC, "finished", {"pages": 1}, 0, False)
    assert first_run_of_an_empty_site == ("ok", None)


def test_everything_filtered_out_is_empty_all_filtered() -> None:
    status, message = judge_run(SPEC, "finished", {"pages": 1, "skipped": 4}, 0, True)
    assert status == "empty" and message.startswith("all_filtered")


def test_an_unchanged_site_answering_not_modified_stays_ok() -> None:
    counts = {"pages": 1, "not_modified": 1}
    assert judge_run(SPEC, "finished", counts, 0, True) == ("ok", None)


def test_every_outcome_reads_in_spanish() -> None:
    """Each message a judged run stores (English, for API clients) has its Spanish."""
    off = SPEC.model_copy(update={"allowed_domains": ["infosen.senado.gob.mx"]})
    judged = [
        judge_run(SPEC, "finished", {}, 0, False),
        judge_run(off, "finished", {}, 0, False),
        judge_run(SPEC, "finished", {}, 3, False),
        judge_run(SPEC, "finished", {"pages": 2, "skipped": 4}, 0, False),
        judge_run(SPEC, "memusage_exceeded", {"pages": 2}, 0, False),
        judge_run(SPEC, "shutdown", {"pages": 2}, 0, False),
    ]
    said = [run_mensaje(status, message) for status, message in judged]
    assert said == [
        "ningún elemento llegó a ser documento",
        "una dirección de inicio está fuera de allowed_domains: no se leyó nada",
        "no se pudo leer ninguna página",
        "los filtros de la especificación o la ventana de fechas dejaron fuera todos los elementos",
        "la lectura superó ABIERTO_CRAWL_MAX_MEMORY_MB y se detuvo; lo que guardó se conserva",
        "la lectura se detuvo porque el proceso recibió la orden de terminar",
    ]
    assert all(cause in OUTCOMES for cause in MESSAGES)
