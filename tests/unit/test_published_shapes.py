"""Sentences in the shapes their courts publish, each field as the text states it: the
SCJN's amparo en revisión, controversia constitucional and contradicción de criterios,
the TEPJF's juicio electoral, a collegiate circuit court's amparo directo and a state
court's public version with its redactions ("ELIMINADO") whose chamber is named only where
it closes. The texts are written for these tests on the published structure; a field the
text does not state stays empty."""

from __future__ import annotations

import pytest

from indexer.readers.expedientes import normalise_expediente, parse_expediente
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_person

BODY = (
    "R E S U L T A N D O:\n"
    "PRIMERO. Por escrito presentado el cinco de marzo de dos mil veintidós, la parte "
    "actora promovió el juicio respectivo, que se radicó bajo el número 77/2022.\n"
    "SEGUNDO. Seguido el procedimiento, el ocho de junio de dos mil veintitrés se dictó la "
    "resolución que ahora se revisa.\n"
    "C O N S I D E R A N D O:\n"
    "PRIMERO. Competencia. Este órgano es competente para conocer del asunto.\n"
    "SEGUNDO. Estudio. Los agravios son infundados por las razones que siguen.\n"
)

SHAPES = {
    "scjn-amparo-en-revision": (
        "AMPARO EN REVISIÓN 412/2024\nQUEJOSA Y RECURRENTE: **********\n"
        "PONENTE: MINISTRO ALBERTO PÉREZ DAYÁN\nSECRETARIA: ANA LAURA GÓMEZ RÍOS\n"
        "Ciudad de México. Acuerdo de la Segunda Sala de la Suprema Corte de Justicia de la "
        "Nación, correspondiente a la sesión del día diecinueve de marzo de dos mil "
        "veinticinco.\nV I S T O S, para resolver los autos del amparo en revisión 412/2024; y,"
        f"\n{BODY}Por lo expuesto y fundado, se resuelve:\nPRIMERO. En la materia de la "
        "revisión, se confirma la sentencia recurrida.\nAsí lo resolvió la Segunda Sala de "
        "la Suprema Corte de Justicia de la Nación, por unanimidad de cinco votos.\n",
        {"expediente": "AR 412/2024", "court": "Segunda Sala de la SCJN",
         "proceeding": "amparo en revisión", "matter": "amparo",
         "resolution_date": "2025-03-19", "ponente": "Alberto Pérez Dayán"},
    ),
    "scjn-controversia-constitucional": (
        "CONTROVERSIA CONSTITUCIONAL 45/2023\nACTOR: MUNICIPIO DE SAN PEDRO, COAHUILA\n"
        "PONENTE: MINISTRA ANA MARGARITA RÍOS FARJAT\nSECRETARIO: LUIS FERNANDO MORA SOTO\n"
        "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
        "sesión correspondiente al once de febrero de dos mil veinticinco, emite la "
        "siguiente:\nS E N T E N C I A\nMediante la cual se resuelve la controversia "
        "constitucional 45/2023, promovida por el Municipio de San Pedro, Coahuila.\n"
        f"{BODY}Por lo expuesto y fundado, se resuelve:\nPRIMERO. Es procedente pero "
        "infundada la presente controversia constitucional.\nAsí lo resolvió el Pleno de la "
        "Suprema Corte de Justicia de la Nación.\n",
        {"expediente": "CC 45/2023", "court": "Pleno de la SCJN",
         "proceeding": "controversia constitucional", "matter": "constitucional",
         "resolution_date": "2025-02-11", "ponente": "Ana Margarita Ríos Farjat"},
    ),
    "scjn-contradiccion-de-criterios": (
        "CONTRADICCIÓN DE CRITERIOS 120/2023\nSUSTENTANTES: PRIMER TRIBUNAL COLEGIADO EN "
        "MATERIA CIVIL DEL SEXTO CIRCUITO Y SEGUNDO TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL "
        "SÉPTIMO CIRCUITO\nPONENTE: MINISTRO JUAN LUIS GONZÁLEZ ALCÁNTARA CARRANCÁ\n"
        "SECRETARIO: PEDRO RAMÍREZ LUNA\nCiudad de México. La Primera Sala de la Suprema "
        "Corte de Justicia de la Nación, en sesión correspondiente al cuatro de septiembre de "
        "dos mil veinticuatro, emite la siguiente:\nS E N T E N C I A\nMediante la cual se "
        "resuelve la contradicción de criterios 120/2023, suscitada entre el Primer Tribunal "
        "Colegiado en Materia Civil del Sexto Circuito y el Segundo Tribunal Colegiado en "
        f"Materia Civil del Séptimo Circuito.\n{BODY}Por lo expuesto y fundado, se resuelve:"
        "\nPRIMERO. Sí existe la contradicción de criterios denunciada.\nAsí lo resolvió la "
        "Primera Sala de la Suprema Corte de Justicia de la Nación.\n",
        {"expediente": "Contradicción de Criterios 120/2023", "court": "Primera Sala de la SCJN",
         "proceeding": "contradicción de criterios", "matter": None,
         "resolution_date": "2024-09-04", "ponente": "Juan Luis González Alcántara Carrancá"},
    ),
    "tepjf-juicio-electoral": (
        "JUICIO ELECTORAL\nEXPEDIENTE: SUP-JE-112/2024\nPARTE ACTORA: PARTIDO DEL TRABAJO\n"
        "AUTORIDAD RESPONSABLE: CONSEJO GENERAL DEL INSTITUTO NACIONAL ELECTORAL\n"
        "MAGISTRADA PONENTE: JANINE M. OTÁLORA MALASSIS\nSECRETARIADO: RAÚL ÁVILA SÁNCHEZ\n"
        "Ciudad de México, a diez de abril de dos mil veinticuatro.\nSentencia de la Sala "
        "Superior del Tribunal Electoral del Poder Judicial de la Federación que confirma el "
        "acuerdo impugnado.\nANTECEDENTES\nI. El quince de enero de dos mil veinticuatro, el "
        "Consejo General aprobó el acuerdo INE/CG12/2024.\nRAZONES Y FUNDAMENTOS\nPRIMERA. "
        "Competencia. Esta Sala Superior es competente.\nRESOLUTIVO\nÚNICO. Se confirma el "
        "acuerdo impugnado.\nAsí lo resolvieron por unanimidad de votos las magistraturas "
        "integrantes de la Sala Superior.\n",
        {"expediente": "SUP-JE-112/2024", "court": "Sala Superior del TEPJF",
         "proceeding": "juicio electoral", "matter": "electoral",
         "resolution_date": "2024-04-10", "ponente": "Janine M. Otálora Malassis"},
    ),
    "colegiado-amparo-directo": (
        "AMPARO DIRECTO 345/2023\nQUEJOSO: **********\nMAGISTRADO PONENTE: FRANCISCO "
        "JAVIER VILLEGAS HERNÁNDEZ\nSECRETARIA: MARTHA ELENA ÁVILA ROJAS\nZapopan, Jalisco. "
        "Acuerdo del Tercer Tribunal Colegiado en Materia Civil del Tercer Circuito, "
        "correspondiente a la sesión de veintidós de febrero de dos mil veinticuatro.\nV I S "
        f"T O S, para resolver, los autos del juicio de amparo directo 345/2023; y,\n{BODY}"
        "Por lo expuesto y fundado, se resuelve:\nÚNICO. La Justicia de la Unión no ampara "
        "ni protege a la parte quejosa.\nAsí lo resolvió el Tercer Tribunal Colegiado en "
        "Materia Civil del Tercer Circuito, por unanimidad de votos.\n",
        {"expediente": "AD 345/2023",
         "court": "Tercer Tribunal Colegiado en Materia Civil del Tercer Circuito",
         "proceeding": "amparo directo", "matter": "amparo",
         "resolution_date": "2024-02-22", "ponente": "Francisco Javier Villegas Hernández"},
    ),
    "estatal-version-publica": (
        "TOCA PENAL: 234/2022\nAPELANTE: ELIMINADO: NOMBRE DE LA PERSONA SENTENCIADA. "
        "FUNDAMENTO LEGAL: ARTÍCULO 116 DE LA LGTAIP.\nDELITO: ROBO CALIFICADO\nMAGISTRADA "
        "PONENTE: LIC. ROSA MARÍA TREVIÑO SALAZAR\nMonterrey, Nuevo León, a catorce de "
        "noviembre de dos mil veintitrés.\nV I S T O S, para resolver, los autos del toca "
        "penal 234/2022, formado con motivo del recurso de apelación interpuesto por "
        "ELIMINADO, en contra de la sentencia definitiva dictada en la causa penal 456/2021 "
        f"por el Juzgado Tercero de lo Penal del Primer Distrito Judicial.\n{BODY}Por lo "
        "expuesto y fundado, se resuelve:\nPRIMERO. Se confirma la sentencia apelada.\nAsí "
        "lo resolvió la Tercera Sala Unitaria Penal del Tribunal Superior de Justicia del "
        "Estado, por unanimidad.\n",
        {"expediente": "Toca 234/2022",
         "court": "Tercera Sala Unitaria Penal del Tribunal Superior de Justicia del Estado",
         "proceeding": "toca", "matter": "penal",
         "resolution_date": "2023-11-14", "ponente": "Rosa María Treviño Salazar"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_published_shape_gives_what_its_text_states(shape: str) -> None:
    text, expected = SHAPES[shape]
    values = read_sentence(text).values
    got = {
        "expediente": normalise_expediente(values["expediente"]),
        "court": values.get("court"),
        "proceeding": values.get("proceeding"),
        "matter": values.get("matter"),
        "resolution_date": values.get("resolution_date"),
        "ponente": normalise_person(values.get("ponente")),
    }
    assert got == expected


def _closing(closing: str, caption: str = "TOCA CIVIL: 88/2023") -> str:
    return (
        f"{caption}\nMAGISTRADO PONENTE: JUAN PÉREZ LÓPEZ\nCelaya, Guanajuato, a dos de mayo "
        f"de dos mil veintitrés.\nV I S T O S, para resolver los autos; y,\n{BODY}Por lo "
        f"expuesto, se resuelve:\nÚNICO. Se confirma la sentencia apelada.\n{closing}\n"
    )


@pytest.mark.parametrize(
    "closing",
    [
        # a person, not the chamber, is the verb's subject
        "Así lo resolvió la Magistrada Ana Ruiz Pérez, integrante de la Tercera Sala Penal.",
        # the chamber is told of the decision, it did not resolve it
        "Así lo resolvió el Juez, quien ordena remitir copia a la Primera Sala Civil.",
        # the TEPJF's chamber by its name alone is no state's court
        "Así lo resolvieron las magistraturas de la Sala Superior, por unanimidad.",
        # "la Sala" alone names no chamber
        "Así lo resolvió la Sala, por unanimidad de votos.",
    ],
)
def test_a_closing_that_does_not_say_which_chamber_resolved_gives_no_court(closing: str) -> None:
    assert "court" not in read_sentence(_closing(closing)).values


def test_the_caption_names_the_chamber_before_the_closing_does() -> None:
    """The caption's name, in capitals, is the court's; the closing's is not preferred."""
    text = _closing(
        "Así lo resolvió la Segunda Sala Civil, por unanimidad.",
        caption="SEGUNDA SALA CIVIL DEL SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO\nTOCA: 88/2023",
    )
    reading = read_sentence(text)
    court = "Segunda Sala Civil del Supremo Tribunal de Justicia del Estado"
    assert reading.values["court"] == court
    assert reading.sources["court"] == "heading"


@pytest.mark.parametrize(
    ("written", "number", "year"),
    [("I.P. 45/2021", "45", "2021"), ("A.D.P. 12/2022", "12", "2022"),
     ("A.R.P. 3/2022", "3", "2022")],
)  # fmt: skip
def test_a_collegiate_code_not_known_keeps_its_number_and_names_no_kind(
    written: str, number: str, year: str
) -> None:
    """A circuit court's code the reader does not know is not taken for another kind."""
    (case,) = parse_expediente(written)
    assert (case.type_code, case.number, case.year) == (None, number, year)
    assert normalise_expediente(written) == f"{number}/{year}"


def _caption(caption: str) -> str:
    return (
        f"{caption}\nV I S T O S, para resolver los autos; y,\n{BODY}Por lo expuesto, se "
        "resuelve:\nÚNICO. Se confirma la sentencia recurrida.\n"
    )


@pytest.mark.parametrize(
    "ponente",
    ["PONENTE: MAGISTRADO ELIMINADO", "PONENTE: MAGDA. XXXXXXXXX",
     "MAGISTRADA PONENTE: TESTADO", "PONENTE: MAGISTRADO [ELIMINADO]",
     "MAGISTRADO PONENTE: ELIMINADO. Fundamento legal: artículo 116 de la LGTAIP."],
)  # fmt: skip
def test_a_ponente_masked_in_a_public_version_is_left_empty(ponente: str) -> None:
    text = _caption(f"TOCA PENAL: 45/2024\n{ponente}\nGuanajuato, Gto., a tres de abril de 2024.")
    values = read_sentence(text).values
    assert "ponente" not in values
    assert values["resolution_date"] == "2024-04-03"


@pytest.mark.parametrize(
    ("opening", "court"),
    [
        ("Ciudad de México. Acuerdo de la Segunda Sala de la Suprema Corte de Justicia de la "
         "Nación, correspondiente al día cinco de junio de dos mil veinticinco.",
         "Segunda Sala de la SCJN"),
        ("Ciudad de México. Primera Sala de la Suprema Corte de Justicia de la Nación, en la "
         "sesión del día cinco de junio de dos mil veinticinco.", "Primera Sala de la SCJN"),
        ("Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, "
         "en sesión pública de cinco de junio de dos mil veinticinco.", "Pleno de la SCJN"),
    ],
)  # fmt: skip
def test_the_scjn_opening_dates_the_sentence_without_its_verb(opening: str, court: str) -> None:
    """The session the opening line states is the date, with no "emite la siguiente"."""
    text = _caption(f"AMPARO EN REVISIÓN 88/2024\nPONENTE: MINISTRA ANA RUIZ PÉREZ\n{opening}")
    values = read_sentence(text).values
    assert (values["resolution_date"], values["court"]) == ("2025-06-05", court)


def test_a_session_the_synopsis_cites_does_not_date_the_sentence() -> None:
    """Not at the opening line: the Pleno's session of another case, in the synopsis."""
    text = _caption(
        "AMPARO EN REVISIÓN 88/2024\nPONENTE: MINISTRA ANA RUIZ PÉREZ\nHechos. El Pleno de la "
        "Suprema Corte de Justicia de la Nación, en la sesión del día diez de marzo de dos mil "
        "veinte, resolvió la acción de inconstitucionalidad 12/2019."
    )
    assert "resolution_date" not in read_sentence(text).values
