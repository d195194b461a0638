"""A cited case whose court is written before its number, as the clause's subject («el
Tercer Tribunal Colegiado en Materia Civil del Primer Circuito, en el amparo directo
123/2020, sostuvo…»), or right after the case that opens the clause («En el amparo directo
610/2019, el Cuarto Tribunal Colegiado … sostuvo»): the citation had no court, and a user
following it could not tell that court's amparo from another's of the same number. A
court the clause names only where the case was filed («promovió ante el…»), an authority
that does not decide it («…rindió su informe»), a court's body alone or a court named
after the number (``del índice del…``, which wins) is never given to it so."""

from __future__ import annotations

import pytest

from indexer.citations import extract_citations


def courts(text: str) -> list[tuple[str, str | None]]:
    return [(c.key, c.court) for c in extract_citations(text) if c.kind == "case"]


@pytest.mark.parametrize(
    ("text", "key", "court"),
    [
        (
            "Similar criterio sostuvo el Cuarto Tribunal Colegiado en Materia Civil del Tercer "
            "Circuito en el amparo directo 610/2019, al estimar que",
            "AD 610/2019",
            "Cuarto Tribunal Colegiado en Materia Civil del Tercer Circuito",
        ),
        (
            "Al respecto, el Décimo Primer Tribunal Colegiado en Materia Administrativa del "
            "Primer Circuito, al resolver el amparo en revisión 88/2022, determinó que",
            "AR 88/2022",
            "Décimo Primer Tribunal Colegiado en Materia Administrativa del Primer Circuito",
        ),
        (
            "la Tercera Sala Familiar del Tribunal Superior de Justicia del Estado de Puebla, "
            "en el toca 512/2021, consideró",
            "Toca 512/2021",
            "Tercera Sala Familiar del Tribunal Superior de Justicia del Estado de Puebla",
        ),
        (
            "El Pleno Regional en Materia Civil de la Región Centro-Sur resolvió la "
            "contradicción de criterios 41/2023 en el sentido de",
            "Contradicción de Criterios 41/2023",
            "Pleno Regional en Materia Civil de la Región Centro-Sur",
        ),
    ],
)
def test_a_court_written_before_the_case_is_its_court(text: str, key: str, court: str) -> None:
    assert courts(text) == [(key, court)]


def test_a_two_word_ordinal_after_the_number_names_the_whole_court() -> None:
    # «del Décimo Tercer…» was read as no court (its first word kept it from matching)
    text = (
        "la sentencia del amparo directo 12/2020 del Décimo Tercer Tribunal Colegiado en "
        "Materia Civil del Primer Circuito."
    )
    assert courts(text) == [
        ("AD 12/2020", "Décimo Tercer Tribunal Colegiado en Materia Civil del Primer Circuito")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # filed before it, the clause has no word making it the case's court
        "la quejosa promovió ante el Tercer Tribunal Colegiado en Materia Civil del Primer "
        "Circuito el amparo directo 99/2020.",
        # a body alone may be any court's
        "el Tribunal Colegiado del conocimiento, en el amparo directo 55/2020, negó.",
        "la Primera Sala, en el amparo directo 56/2020, negó.",
    ],
)
def test_a_court_that_is_not_the_clause_s_subject_is_not_given(text: str) -> None:
    assert [court for _key, court in courts(text)] == [None]


def test_the_court_named_after_the_number_wins_over_the_subject() -> None:
    text = (
        "el Tercer Tribunal Colegiado en Materia Civil del Primer Circuito, en el amparo "
        "directo 123/2020 del índice del Cuarto Tribunal Colegiado en Materia Civil del "
        "Primer Circuito, resolvió"
    )
    assert courts(text) == [
        ("AD 123/2020", "Cuarto Tribunal Colegiado en Materia Civil del Primer Circuito")
    ]


@pytest.mark.parametrize(
    ("text", "key", "court"),
    [
        (
            "En el amparo directo 610/2019, el Cuarto Tribunal Colegiado en Materia Civil del "
            "Tercer Circuito sostuvo que",
            "AD 610/2019",
            "Cuarto Tribunal Colegiado en Materia Civil del Tercer Circuito",
        ),
        (
            "Al resolver el toca 512/2021, la Tercera Sala Familiar del Tribunal Superior de "
            "Justicia del Estado de Puebla consideró que",
            "Toca 512/2021",
            "Tercera Sala Familiar del Tribunal Superior de Justicia del Estado de Puebla",
        ),
    ],
)
def test_a_court_deciding_right_after_the_case_its_clause_opens_is_its_court(
    text: str, key: str, court: str
) -> None:
    assert courts(text) == [(key, court)]


@pytest.mark.parametrize(
    "text",
    [
        # an authority in the amparo, not its court: it reports, it does not decide
        "En el amparo directo 610/2019, la Primera Sala Civil del Tribunal Superior de "
        "Justicia del Estado de Puebla rindió su informe justificado.",
        # the clause does not open with the case
        "la demanda del amparo directo 610/2019, el Cuarto Tribunal Colegiado en Materia "
        "Civil del Tercer Circuito sostuvo que",
    ],
)
def test_a_court_after_the_case_that_does_not_decide_it_is_not_given(text: str) -> None:
    assert [court for _key, court in courts(text)] == [None]


def test_an_auxiliary_colegiado_is_named_up_to_its_region() -> None:
    # it was cut at «…de Circuito», a name of hundreds of courts
    text = (
        "el amparo directo 9/2018 del Segundo Tribunal Colegiado de Circuito del Centro "
        "Auxiliar de la Tercera Región, con residencia en Guadalajara, Jalisco."
    )
    assert courts(text) == [
        (
            "AD 9/2018",
            "Segundo Tribunal Colegiado de Circuito del Centro Auxiliar de la Tercera Región",
        )
    ]


def test_a_colegiado_named_by_its_kind_alone_is_no_court() -> None:
    text = "el amparo directo 9/2018 del Segundo Tribunal Colegiado de Circuito, que negó."
    assert courts(text) == [("AD 9/2018", None)]


@pytest.mark.parametrize(
    ("text", "court"),
    [
        (
            "Así lo sostuvo el Juzgado Tercero de Distrito en Materia Administrativa en la "
            "Ciudad de México, en el juicio de amparo indirecto 123/2020, al estimar que",
            "Juzgado Tercero de Distrito en Materia Administrativa en la Ciudad de México",
        ),
        (
            "Al respecto, el Juzgado Segundo de Distrito en el Estado de Jalisco, al resolver "
            "el amparo indirecto 123/2020, determinó que",
            "Juzgado Segundo de Distrito en el Estado de Jalisco",
        ),
        (
            "el Juzgado Décimo Primero de Distrito de Amparo en Materia Penal en la Ciudad de "
            "México, en el amparo indirecto 123/2020, concedió",
            "Juzgado Décimo Primero de Distrito de Amparo en Materia Penal en la Ciudad de México",
        ),
        (  # right after the case that opens the clause
            "En el amparo indirecto 123/2020, el Juzgado Segundo de Distrito en el Estado de "
            "Jalisco sostuvo que",
            "Juzgado Segundo de Distrito en el Estado de Jalisco",
        ),
        (  # after the number
            "la sentencia del amparo indirecto 123/2020 del Juzgado Primero de Distrito del "
            "Centro Auxiliar de la Primera Región.",
            "Juzgado Primero de Distrito del Centro Auxiliar de la Primera Región",
        ),
    ],
)
def test_a_juzgado_de_distrito_named_whole_is_the_case_s_court(text: str, court: str) -> None:
    assert courts(text) == [("AMP 123/2020", court)]


@pytest.mark.parametrize(
    "text",
    [
        # by its ordinal alone: any state's juzgado
        "el Juzgado Tercero de Distrito, en el amparo indirecto 123/2020, sostuvo",
        # where the case was filed, not who decided it
        "promovió ante el Juzgado Segundo de Distrito en el Estado de Jalisco el amparo "
        "indirecto 123/2020",
    ],
)
def test_a_juzgado_de_distrito_not_named_whole_or_not_the_subject_is_none(text: str) -> None:
    assert courts(text) == [("AMP 123/2020", None)]
