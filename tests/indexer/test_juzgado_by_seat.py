"""A juzgado's closing that names its judge's office by the court's seat, without an
ordinal («…firma el Juez de Distrito en Materia Penal con residencia en Toluca…») or with
an ordinal and its matter before the seat («…la Jueza Primera Civil con sede en
Toluca…»): the sentence had no court. What the office names safely is read; an office
that could be any of several courts (no ordinal and no seat, a state judge's office with
no ordinal, an ordinal with no kind of court) gives none. Texts written for the project
on the layout of juzgados' sentences; names invented."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

TOP = "EXPEDIENTE: 45/2022\n\nVISTOS para resolver el expediente 45/2022.\n\n"
BODY = (
    "R E S U L T A N D O:\n\nPRIMERO. Demanda.\n\nC O N S I D E R A N D O\n\nÚNICO. "
    "Infundado.\n\nPor lo expuesto se resuelve:\n\nÚNICO. Se niega el amparo.\n\n"
)


def court(closing: str) -> str | None:
    return read_sentence(TOP + BODY + closing).values.get("court")


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        (
            "Así lo resolvió y firma el Juez de Distrito en Materia Penal con residencia en "
            "Toluca, Juan Ruiz Soto, ante la secretaria que autoriza.",
            "Juzgado de Distrito en Materia Penal, con residencia en Toluca, Estado de México",
        ),
        (
            "Así lo resolvió y firma Juan Ruiz Soto, Juez de Distrito en Materia Penal con "
            "residencia en Toluca, Estado de México.",
            "Juzgado de Distrito en Materia Penal, con residencia en Toluca, Estado de México",
        ),
        (  # the judge's gender is no court's: the juzgado is «Especializado»
            "Así lo resolvió y firma la Jueza de Distrito Especializada en el Sistema Penal "
            "Acusatorio del Centro de Justicia Penal Federal en el Estado de México, con "
            "residencia en Almoloya de Juárez, Ana Ruiz.",
            "Juzgado de Distrito Especializado en el Sistema Penal Acusatorio del Centro de "
            "Justicia Penal Federal en el Estado de México",
        ),
        (
            "Así lo resolvió y firma la Jueza Primera Civil con sede en Toluca, Ana Ruiz Soto, "
            "ante la secretaria.",
            "Juzgado Primero Civil con sede en Toluca",
        ),
    ],
)
def test_a_judge_s_office_by_its_seat_names_its_court(closing: str, expected: str) -> None:
    assert court(closing) == expected


@pytest.mark.parametrize(
    "closing",
    [
        # no ordinal and no seat: one of many juzgados de distrito en materia penal
        "Así lo resolvió y firma el Juez de Distrito en Materia Penal, Juan Ruiz Soto.",
        # a state judge's office with no ordinal: one of the district's civil juzgados
        "Así lo resolvió y firma el Juez de lo Civil del Distrito Judicial de Toluca, Juan Ruiz.",
        # an ordinal with no kind of court: «Juzgado Primero» of what
        "Así lo resolvió y firma el Juez Primero con sede en Toluca, Juan Ruiz Soto.",
        "Así lo resolvió y firma el juez de la causa, Juan Ruiz Soto.",
    ],
)
def test_an_office_of_several_courts_names_none(closing: str) -> None:
    assert court(closing) is None


def test_a_caption_s_juzgado_by_its_seat_keeps_it() -> None:
    caption = "JUZGADO DE DISTRITO EN MATERIA PENAL\nCON RESIDENCIA EN TOLUCA\n\n"
    values = read_sentence(caption + TOP + BODY).values
    assert values["court"] == (
        "Juzgado de Distrito en Materia Penal, con residencia en Toluca, Estado de México"
    )


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        # an ordinal with no kind of court, or a juzgado de distrito with nothing but its
        # seat: one of the city's juzgados, which the caption does not say
        ("JUZGADO PRIMERO CON SEDE EN TOLUCA", None),
        ("JUZGADO DE DISTRITO CON RESIDENCIA EN TOLUCA", None),
        ("JUZGADO DE LO CIVIL", None),
        # a kind and a seat: read as written, its seat's words in lower case
        ("JUZGADO MIXTO CON RESIDENCIA EN TEJUPILCO", "Juzgado Mixto con residencia en Tejupilco"),
        (
            "JUZGADO CIVIL DE PRIMERA INSTANCIA CON SEDE EN TOLUCA",
            "Juzgado Civil de Primera Instancia con sede en Toluca",
        ),
    ],
)
def test_a_caption_s_juzgado_of_several_names_none(caption: str, expected: str | None) -> None:
    assert read_sentence(f"{caption}\n\n{TOP}{BODY}").values.get("court") == expected
