"""Federal circuit courts' sentences: the case number as a collegiate court writes it (a
two-letter code for the kind and matter: "D.C. 412/2021" amparo directo civil, "R.F.
45/2021" revisión fiscal, "Q.P. 7/2023" queja penal) and the court's whole name up to
its circuit or region, from the caption, the session formula or the closing. A name cut
before its circuit fits every circuit: no court is better than that."""

from __future__ import annotations

import pytest

from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import expediente_forms, normalise_expediente
from indexer.readers.judgments import read_sentence

BODY = "\n".join(
    f"{n}. Consideración sobre los argumentos de la parte recurrente, que se estudian en su "
    "conjunto conforme a las constancias de autos y a la jurisprudencia aplicable."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO")
)


def sentence(caption: str, formula: str = "", closing: str = "") -> str:
    """A collegiate court's sentence: caption, opening, background and considerations,
    operative point and closing paragraph."""
    opening = formula or "Zapopan, Jalisco, a dos de mayo de dos mil veintitrés."
    return (
        f"{caption}\n{opening}\nV I S T O S, para resolver, los autos; y,\n"
        f"R E S U L T A N D O:\n{BODY}\nC O N S I D E R A N D O:\n{BODY}\n"
        f"Por lo expuesto, se resuelve:\nÚNICO. Se confirma la resolución recurrida.\n{closing}\n"
    )


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("D.C. 412/2021", "AD 412/2021"), ("D.P. 8/2020", "AD 8/2020"),
     ("D.A. 30/2022", "AD 30/2022"), ("D.T. 901/2019", "AD 901/2019"),
     ("R.C. 5/2021", "AR 5/2021"), ("R.P. 100/2022", "AR 100/2022"),
     ("R.A. 77/2023", "AR 77/2023"), ("R.F. 45/2021", "RF 45/2021"),
     ("REVISIÓN FISCAL 45/2021", "RF 45/2021"), ("Q.C. 12/2022", "Recurso de Queja 12/2022"),
     ("Q.P. 7/2023", "Recurso de Queja 7/2023"), ("queja civil 3/2024", "Recurso de Queja 3/2024"),
     ("juicio de amparo directo 412/2021", "AD 412/2021")],
)  # fmt: skip
def test_a_collegiate_courts_code_names_the_kind_of_case(written: str, canonical: str) -> None:
    assert normalise_expediente(written) == canonical


def test_a_code_of_one_matter_is_never_written_for_another() -> None:
    """A queja penal is searchable as written and by its type's name, never as "Q.C."."""
    forms = expediente_forms("Q.P. 7/2023")
    assert "Q.P. 7/2023" in forms and "Recurso de Queja 7/2023" in forms
    assert not any(form.startswith(("Q.C.", "Q.A.", "Q.T.")) for form in forms)


def test_a_bare_code_line_in_the_caption_is_the_sentences_case() -> None:
    text = sentence(
        "PRIMER TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL TERCER CIRCUITO\nAMPARO DIRECTO\n"
        "D.C. 412/2021\nQUEJOSA: ****\nMAGISTRADO PONENTE: JUAN CARLOS RAMÍREZ GÓMEZ"
    ).replace("los autos; y", "los autos del juicio de amparo directo D.C. 412/2021; y")
    reading = read_sentence(text)
    assert normalise_expediente(reading.values["expediente"]) == "AD 412/2021"
    assert reading.sources["expediente"] == "heading"


@pytest.mark.parametrize(
    "caption",
    ["DÉCIMO TERCER TRIBUNAL COLEGIADO EN MATERIA\nADMINISTRATIVA DEL PRIMER\nCIRCUITO",
     "DÉCIMO TERCER TRIBUNAL COLEGIADO EN MATERIA ADMINISTRATIVA DEL PRIMER CIRCUITO",
     "PODER JUDICIAL DE LA FEDERACIÓN\nDÉCIMO TERCER TRIBUNAL COLEGIADO EN MATERIA\n"
     "ADMINISTRATIVA DEL PRIMER CIRCUITO"],
)  # fmt: skip
def test_a_circuit_courts_name_broken_over_caption_lines_is_read_whole(caption: str) -> None:
    text = sentence(f"{caption}\nREVISIÓN FISCAL\nR.F. 45/2021\nRECURRENTE: ****")
    assert read_sentence(text).values["court"] == (
        "Décimo Tercer Tribunal Colegiado en Materia Administrativa del Primer Circuito"
    )


def test_a_circuit_courts_name_cut_before_its_circuit_gives_no_court() -> None:
    """The "Segundo Tribunal Colegiado en Materia Penal" is one of many circuits' courts."""
    text = sentence(
        "SEGUNDO TRIBUNAL COLEGIADO EN MATERIA PENAL\nQUEJA PENAL\nQ.P. 7/2023",
        closing="Así lo resolvió el Segundo Tribunal Colegiado en Materia Penal, por "
        "unanimidad de votos.",
    )
    reading = read_sentence(text)
    assert "court" not in reading.values
    assert normalise_expediente(reading.values["expediente"]) == "Recurso de Queja 7/2023"


@pytest.mark.parametrize(
    ("formula", "court"),
    [("Zapopan, Jalisco. Acuerdo del Primer Tribunal Colegiado en Materia Civil del Tercer "
      "Circuito, correspondiente a la sesión de veinte de octubre de dos mil veintidós.",
      "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"),
     ("Ciudad de México. El Pleno Regional en Materia Penal de la Región Centro-Sur, en sesión "
      "correspondiente al nueve de noviembre de dos mil veintitrés, emite la siguiente",
      "Pleno Regional en Materia Penal de la Región Centro-Sur"),
     ("Toluca, Estado de México. Acuerdo del Segundo Tribunal Colegiado de Apelación del "
      "Segundo Circuito, correspondiente a la sesión de seis de junio de dos mil veinticuatro.",
      "Segundo Tribunal Colegiado de Apelación del Segundo Circuito")],
)  # fmt: skip
def test_the_court_whose_session_the_formula_states_is_read(formula: str, court: str) -> None:
    reading = read_sentence(sentence("AMPARO EN REVISIÓN 5/2021", formula=formula))
    assert reading.values["court"] == court


def test_the_closing_gives_the_circuit_court_that_resolved() -> None:
    text = sentence(
        "AMPARO DIRECTO 412/2021",
        closing="Así lo resolvió el Pleno del Decimosexto Circuito, por unanimidad de votos.",
    )
    assert read_sentence(text).values["court"] == "Pleno del Décimo Sexto Circuito"


@pytest.mark.parametrize(
    "closing",
    ["Así lo resolvió la Sala, confirmando lo dicho por el Primer Tribunal Colegiado en "
     "Materia Civil del Tercer Circuito.",
     "Así lo resolvió el tribunal colegiado en materia civil del tercer circuito."],
)  # fmt: skip
def test_a_circuit_court_only_named_in_the_closing_is_not_the_one_that_resolved(
    closing: str,
) -> None:
    """Another court the closing names, or a name in lower case (a reference), is none."""
    assert "court" not in read_sentence(sentence("AMPARO DIRECTO 412/2021", closing=closing)).values


def test_an_ordinal_before_its_noun_loses_its_o() -> None:
    assert normalise_court("1er. Tribunal Colegiado en Materia Civil del 3er. Circuito") == (
        "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"
    )
    assert normalise_court("Juzgado 1o. Civil") == "Juzgado Primero Civil"


@pytest.mark.parametrize(
    ("caption", "court"),
    [("PLENO DEL DECIMOSEXTO CIRCUITO", "Pleno del Décimo Sexto Circuito"),
     ("PLENO EN MATERIA CIVIL DEL TERCER\nCIRCUITO", "Pleno en Materia Civil del Tercer Circuito"),
     ("PLENO DEL TRIBUNAL SUPERIOR DE JUSTICIA DEL ESTADO DE MÉXICO",
      "Pleno del Tribunal Superior de Justicia del Estado de México"),
     ("PLENO DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN", "Pleno de la SCJN")],
)  # fmt: skip
def test_a_plenary_in_the_caption_is_read_whole_whichever_court_it_is(
    caption: str, court: str
) -> None:
    """A circuit's plenary up to its circuit; a state's or the SCJN's as before."""
    assert read_sentence(sentence(f"{caption}\nAMPARO EN REVISIÓN 5/2021")).values["court"] == court
