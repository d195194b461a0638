"""A Diario de los Debates section title in capitals after a line left without its full
stop ("…dar lectura al orden del día⏎ORDEN DEL DÍA", "Pasamos al siguiente apartado:⏎
COMUNICACIONES OFICIALES") is still the heading: what follows it is the record's, not
the chair's words. Capitals that finish the sentence ("…vengo a dar lectura al⏎ORDEN DEL
DÍA⏎de la sesión.") and titles that are no section of the Diario stay the speaker's."""

from __future__ import annotations

from indexer.speeches.split import split_turns

CHAIR = "La Presidenta diputada Kenia López Rabadán"


def _turns(text: str) -> list[tuple[str | None, bool, str | None, str]]:
    return [(t.speaker, t.procedural, t.agenda_item, t.text) for t in split_turns(text)]


def test_a_section_title_after_a_line_without_its_stop_is_the_heading() -> None:
    text = (
        f"-{CHAIR}: Proceda la Secretaría a dar lectura al orden del día\n"
        "ORDEN DEL DÍA\n"
        "Lectura del acta de la sesión anterior.\n"
        f"-{CHAIR}: Pasamos al siguiente apartado:\n"
        "COMUNICACIONES OFICIALES\n"
        "De la Mesa Directiva.\n"
    )
    assert _turns(text) == [
        (CHAIR, False, None, "Proceda la Secretaría a dar lectura al orden del día"),
        (None, True, "ORDEN DEL DÍA", "Lectura del acta de la sesión anterior."),
        (CHAIR, False, "ORDEN DEL DÍA", "Pasamos al siguiente apartado:"),
        (None, True, "COMUNICACIONES OFICIALES", "De la Mesa Directiva."),
    ]


def test_capitals_that_finish_the_sentence_stay_the_speakers() -> None:
    text = (
        f"-{CHAIR}: Con su venia, vengo a dar lectura al\n"
        "ORDEN DEL DÍA\n"
        "Que es el siguiente.\n"
        f"-{CHAIR}: Se refiere a la\n"
        "DECLARATORIA DE PUBLICIDAD\n"
        "Gracias.\n"
        f"-{CHAIR}: Y ahora la ley\n"
        "GENERAL DE SALUD\n"
        "Sigue.\n"
    )
    assert [(who, procedural) for who, procedural, _, _ in _turns(text)] == [
        (CHAIR, False),
        (CHAIR, False),
        (CHAIR, False),
    ]
