"""How a citizen finds a congress session: its type, number, period and day as the
heading or a transmission's title writes them, and one key per video however a page
links or embeds it. Shapes modelled on real ones: the number in words («SESIÓN ORDINARIA
NÚMERO TREINTA Y DOS, CELEBRADA…»), a count's ordinal before the session («Trigésima
Segunda Sesión Ordinaria»), a sitting declared permanent over several days, a column's
shortened year of exercise («1er. Año»), Facebook's embedded player and Vimeo's
channels."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.readers.session_numbers import session_number_in_heading
from indexer.readers.session_period import normalise_period
from indexer.readers.sessions import recognise_session, session_type_in_heading
from indexer.readers.videos import video_id, video_key


@pytest.mark.parametrize(
    ("heading", "kind", "number"),
    [
        (
            "CONGRESO DEL ESTADO DE JALISCO\nSESIÓN ORDINARIA NÚMERO TREINTA Y DOS, CELEBRADA "
            "EL 15 DE MAYO DE 2025",
            "ordinaria",
            "32",
        ),
        (
            "Sesión extraordinaria número tres\ncelebrada el 2 de julio de 2025",
            "extraordinaria",
            "3",
        ),
        (
            "DIARIO DE LOS DEBATES\nLXIV Legislatura\nSESIÓN ORDINARIA NÚMERO 32\n",
            "ordinaria",
            "32",
        ),
        ("H. Congreso del Estado\nTrigésima Segunda Sesión Ordinaria\n", "ordinaria", "32"),
    ],
)
def test_a_headings_session_type_is_read_however_its_number_is_written(
    heading: str, kind: str, number: str
) -> None:
    assert session_type_in_heading(heading) == kind
    assert session_number_in_heading(heading) == number
    # a type an agenda or a sentence names is still not the session's
    assert (
        session_type_in_heading(
            "Orden del día\n1. Lectura del acta de la sesión ordinaria número 31"
        )
        is None
    )
    assert session_type_in_heading("Se cita a sesión extraordinaria número tres.") is None


def test_a_counts_ordinal_is_no_second_sitting_of_the_day() -> None:
    # the 32nd ordinary session is one session: its page and its video stay one document
    assert (
        recognise_session("Trigésima Segunda Sesión Ordinaria del Congreso de Jalisco").sitting
        is None
    )
    assert recognise_session("Décima Tercera Sesión Ordinaria, 10 de abril de 2025").sitting is None


@pytest.mark.parametrize(
    ("title", "day"),
    [
        (
            "Sesión permanente iniciada el 30 de abril y concluida el 2 de mayo de 2025",
            dt.date(2025, 4, 30),
        ),
        ("Sesión Ordinaria del 29 al 30 de abril de 2025 | LXVI Legislatura", dt.date(2025, 4, 29)),
        (
            "Comisión Permanente, sesión del 31 de diciembre al 2 de enero de 2026",
            dt.date(2025, 12, 31),
        ),
        ("Sesión de los días 29 y 30 de abril de 2025", dt.date(2025, 4, 29)),
        # three days listed: the first, not the last before the month
        (
            "Diario de los Debates, sesión permanente de los días 14, 15 y 16 de marzo de 2023",
            dt.date(2023, 3, 14),
        ),
    ],
)
def test_a_sitting_over_several_days_is_dated_by_the_day_it_began(title: str, day: dt.date) -> None:
    assert recognise_session(title).date == day
    # a session's number or a period's span dates no session
    # "Sesión 2 - 5 de junio": the second session, on 5 June
    assert recognise_session(
        "Periodo Extraordinario - Sesión 2 - 5 de junio de 2025"
    ).date == dt.date(2025, 6, 5)
    # a period's days and the session's own date after them: the session's (as before)
    spanned = "Periodo extraordinario del 1 al 3 de julio de 2025 - Sesión del 2 de julio de 2025"
    assert recognise_session(spanned).date != dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("column", "label"),
    [
        ("2do. Periodo Ordinario, 1er. Año", "Segundo periodo ordinario, primer año de ejercicio"),
        (
            "Primer Periodo de Receso del Segundo Año",
            "Primer periodo de receso, segundo año de ejercicio",
        ),
    ],
)
def test_a_columns_year_of_exercise_without_its_last_words_is_read(column: str, label: str) -> None:
    assert normalise_period(column) == label


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            "https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com"
            "%2FCongresoJalisco%2Fvideos%2F1234567890123456%2F&show_text=false&width=560",
            "facebook:1234567890123456",
        ),
        ("https://vimeo.com/channels/congresoejemplo/123456789", "vimeo:123456789"),
        ("https://vimeo.com/showcase/9876543/video/123456789", "vimeo:123456789"),
        ("https://vimeo.com/groups/parlamento/videos/123456789", "vimeo:123456789"),
    ],
)
def test_an_embedded_or_listed_video_is_keyed_as_its_own_page(url: str, key: str) -> None:
    assert video_key(url) == key
    assert video_id(url) == key.split(":", 1)[1]
    # an embed of another site's page is no Facebook video
    url = "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fvideos%2F1234567890123456%2F"
    assert video_id(url) is None
