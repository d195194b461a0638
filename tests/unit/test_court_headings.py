"""Openings of public versions as the federal and state courts write them, each with every
field a careful reader takes from it (juriscraper style: the text, then the values). Built
on real layouts: the SCJN's caption and formula, a colegiado's or a Pleno Regional's
"Acuerdo del …, con residencia en …, correspondiente a la sesión de …", a state high
court's caption in capitals naming its plenary ("TRIBUNAL PLENO") under its own name, a
TEPJF chamber's, anonymised parties ("**********"), dates in words. A field a reader
cannot be sure of is absent: a wrong value is worse than none."""

from __future__ import annotations

import pytest

from indexer.build import build_document
from indexer.readers.judgments import read_sentence

SHAPES = {
    # SCJN: the Sala's caption, then its formula
    "scjn-adr": (
        "VERSIÓN PÚBLICA\n\nAMPARO DIRECTO EN REVISIÓN 7151/2019\n\nQUEJOSO Y RECURRENTE: "
        "**********\n\nPONENTE: MINISTRO JUAN LUIS GONZÁLEZ ALCÁNTARA CARRANCÁ\n\nSECRETARIA: "
        "ANA MARÍA IBARRA OLGUÍN\n\nCiudad de México. La Primera Sala de la Suprema Corte de "
        "Justicia de la Nación, en la sesión correspondiente al ocho de marzo de dos mil "
        "veintitrés, emite la siguiente\n\nS E N T E N C I A\n\nMediante la cual se resuelve el "
        "amparo directo en revisión 7151/2019.\n",
        {"expediente": "AMPARO DIRECTO EN REVISIÓN 7151/2019", "court": "Primera Sala de la SCJN",
         "proceeding": "amparo directo en revisión", "matter": "amparo",
         "resolution_date": "2023-03-08",
         "ponente": "MINISTRO JUAN LUIS GONZÁLEZ ALCÁNTARA CARRANCÁ",
         "secretario": "ANA MARÍA IBARRA OLGUÍN"},
    ),
    "scjn-cc": (
        "CONTROVERSIA CONSTITUCIONAL 45/2023\n\nACTOR: MUNICIPIO DE SAN PEDRO GARZA GARCÍA, "
        "NUEVO LEÓN\n\nPONENTE: MINISTRA ANA MARGARITA RÍOS FARJAT\n\nCiudad de México. El "
        "Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en sesión del día ocho "
        "de marzo de dos mil veintitrés, emite la siguiente\n\nSENTENCIA\n",
        {"expediente": "CONTROVERSIA CONSTITUCIONAL 45/2023", "court": "Pleno de la SCJN",
         "proceeding": "controversia constitucional", "matter": "constitucional",
         "resolution_date": "2023-03-08", "ponente": "MINISTRA ANA MARGARITA RÍOS FARJAT"},
    ),
    # before 2016 the SCJN opened with "México, Distrito Federal."
    "scjn-df": (
        "AMPARO EN REVISIÓN 450/2012\nQUEJOSA: **********\nMINISTRO PONENTE: SERGIO A. VALLS "
        "HERNÁNDEZ\nSECRETARIO: JORGE JANNU LIZÁRRAGA DELGADO\nMéxico, Distrito Federal. "
        "Acuerdo de la Segunda Sala de la Suprema Corte de Justicia de la Nación, "
        "correspondiente al día ocho de marzo de dos mil trece.\nV I S T O S para resolver el "
        "amparo en revisión 450/2012.\n",
        {"expediente": "AMPARO EN REVISIÓN 450/2012", "court": "Segunda Sala de la SCJN",
         "proceeding": "amparo en revisión", "matter": "amparo",
         "resolution_date": "2013-03-08", "ponente": "SERGIO A. VALLS HERNÁNDEZ",
         "secretario": "JORGE JANNU LIZÁRRAGA DELGADO"},
    ),
    # a contradicción: the courts whose criteria differ in one long line of capitals,
    # then the ponente
    "scjn-ct": (
        "CONTRADICCIÓN DE TESIS 125/2022\nENTRE LAS SUSTENTADAS POR EL PRIMER TRIBUNAL COLEGIADO "
        "EN MATERIA CIVIL DEL TERCER CIRCUITO Y EL SEGUNDO TRIBUNAL COLEGIADO EN MATERIA CIVIL "
        "DEL SÉPTIMO CIRCUITO\nPONENTE: MINISTRA NORMA LUCÍA PIÑA HERNÁNDEZ\nCiudad de México. "
        "Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la Nación, "
        "correspondiente al día ocho de marzo de dos mil veintitrés.\nV I S T O S para "
        "resolver los autos de la contradicción de tesis 125/2022.\n",
        {"expediente": "CONTRADICCIÓN DE TESIS 125/2022", "court": "Primera Sala de la SCJN",
         "proceeding": "contradicción de tesis", "resolution_date": "2023-03-08",
         "ponente": "MINISTRA NORMA LUCÍA PIÑA HERNÁNDEZ"},
    ),
    # a colegiado: its caption in capitals broken over lines
    "colegiado-caption": (
        "DÉCIMO TERCER TRIBUNAL COLEGIADO EN MATERIA\nADMINISTRATIVA DEL PRIMER\nCIRCUITO\n"
        "AMPARO EN REVISIÓN: 123/2023\nQUEJOSA: **********\nPONENTE: MAGISTRADO JORGE OJEDA "
        "VELÁZQUEZ\nCiudad de México, a ocho de marzo de dos mil veintitrés.\nVISTOS para "
        "resolver el amparo en revisión 123/2023.\n",
        {"expediente": "AMPARO EN REVISIÓN 123/2023",
         "court": "Décimo Tercer Tribunal Colegiado en Materia Administrativa del Primer Circuito",
         "proceeding": "amparo en revisión", "matter": "amparo",
         "resolution_date": "2023-03-08", "ponente": "MAGISTRADO JORGE OJEDA VELÁZQUEZ"},
    ),
    # a colegiado's formula with its seat between the court and the session
    "colegiado-seat": (
        "AMPARO DIRECTO CIVIL 300/2023\nQUEJOSA: **********\nMAGISTRADO PONENTE: JUAN PÉREZ "
        "LÓPEZ\nZapopan, Jalisco. Acuerdo del Primer Tribunal Colegiado en Materia Civil del "
        "Tercer Circuito, con residencia en Zapopan, Jalisco, correspondiente a la sesión de "
        "ocho de marzo de dos mil veintitrés.\n",
        {"expediente": "AMPARO DIRECTO CIVIL 300/2023",
         "court": "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
         "proceeding": "amparo directo", "matter": "amparo", "resolution_date": "2023-03-08",
         "ponente": "JUAN PÉREZ LÓPEZ"},
    ),
    # an auxiliary colegiado resolves "en apoyo del" the court whose case it is
    "colegiado-auxiliar": (
        "AMPARO DIRECTO 55/2023\nCUADERNO AUXILIAR: 300/2023\nQUEJOSA: **********\nSaltillo, "
        "Coahuila. Acuerdo del Tribunal Colegiado de Circuito del Centro Auxiliar de la Décima "
        "Región, con residencia en Saltillo, Coahuila, en apoyo del Primer Tribunal Colegiado "
        "en Materia Civil del Tercer Circuito, correspondiente a la sesión de diez de abril de "
        "dos mil veintitrés.\n",
        {"expediente": "AMPARO DIRECTO 55/2023",
         # (its seat is part of its name: auxiliary regions have courts of one name in
         # several cities)
         "court": "Tribunal Colegiado de Circuito del Centro Auxiliar de la Décima Región, "
         "con residencia en Saltillo, Coahuila",
         "proceeding": "amparo directo", "matter": "amparo", "resolution_date": "2023-04-10"},
    ),
    # a Pleno Regional: "con residencia en la Ciudad de México" before the session
    "pleno-regional": (
        "CONTRADICCIÓN DE CRITERIOS 45/2023\nENTRE LOS SUSTENTADOS POR EL TERCER TRIBUNAL "
        "COLEGIADO EN MATERIA ADMINISTRATIVA DEL PRIMER CIRCUITO Y EL CUARTO TRIBUNAL COLEGIADO "
        "EN MATERIA ADMINISTRATIVA DEL SEGUNDO CIRCUITO\nMAGISTRADO PONENTE: JUAN CARLOS CRUZ "
        "RAZO\nCiudad de México. Acuerdo del Pleno Regional en Materia Administrativa de la "
        "Región Centro-Norte, con residencia en la Ciudad de México, correspondiente a la "
        "sesión de veinte de octubre de dos mil veintitrés.\n",
        {"expediente": "CONTRADICCIÓN DE CRITERIOS 45/2023",
         "court": "Pleno Regional en Materia Administrativa de la Región Centro-Norte",
         "proceeding": "contradicción de criterios", "matter": "administrativa",
         "resolution_date": "2023-10-20", "ponente": "JUAN CARLOS CRUZ RAZO"},
    ),
    # TEPJF chambers: the case number names the chamber
    "tepjf-regional": (
        "JUICIO ELECTORAL\nEXPEDIENTE: SX-JE-45/2023\nPARTE ACTORA: **********\nMAGISTRADO "
        "PONENTE: ENRIQUE FIGUEROA ÁVILA\nXalapa-Enríquez, Veracruz de Ignacio de la Llave, "
        "ocho de marzo de dos mil veintitrés.\nSENTENCIA que resuelve el juicio electoral "
        "SX-JE-45/2023.\n",
        {"expediente": "SX-JE-45/2023", "court": "Sala Regional Xalapa del TEPJF",
         "proceeding": "juicio electoral", "matter": "electoral",
         "resolution_date": "2023-03-08", "ponente": "ENRIQUE FIGUEROA ÁVILA"},
    ),
    # a state high court's plenary, its court named on the line above
    "state-pleno": (
        "TRIBUNAL SUPERIOR DE JUSTICIA DEL ESTADO DE NUEVO LEÓN\nTRIBUNAL PLENO\nTOCA: 15/2023\n"
        "Monterrey, Nuevo León, a ocho de marzo de dos mil veintitrés.\nVISTOS para resolver "
        "el toca 15/2023, relativo al conflicto competencial.\nRESULTANDO\n",
        {"expediente": "Toca 15/2023",
         "court": "Pleno del Tribunal Superior de Justicia del Estado de Nuevo León",
         "proceeding": "toca", "resolution_date": "2023-03-08"},
    ),
    "state-sala": (
        "SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE COAHUILA\nPRIMERA SALA\nTOCA CIVIL: 77/2023\n"
        "APELANTE: **********\nSaltillo, Coahuila, a ocho de marzo de dos mil veintitrés.\n"
        "VISTOS para resolver el toca civil 77/2023.\n",
        {"expediente": "Toca Civil 77/2023",
         "court": "Primera Sala del Supremo Tribunal de Justicia del Estado de Coahuila",
         "proceeding": "toca", "matter": "civil", "resolution_date": "2023-03-08"},
    ),
    # a plenary named bare, no court above it: whose it is, the publisher says
    "bare-pleno": (
        "TRIBUNAL PLENO\nEXPEDIENTE: 15/2023\nMonterrey, Nuevo León, a ocho de marzo de dos "
        "mil veintitrés.\nVISTOS para resolver el expediente 15/2023.\n",
        {"expediente": "15/2023", "court": "Tribunal Pleno", "resolution_date": "2023-03-08"},
    ),
    "tribunal-laboral": (
        "TRIBUNAL LABORAL DE LA CIUDAD DE MÉXICO\nEXPEDIENTE: 456/2023\nACTOR: **********\n"
        "DEMANDADO: **********\nCiudad de México, a ocho de marzo de dos mil veintitrés.\n",
        {"expediente": "456/2023", "court": "Tribunal Laboral de la Ciudad de México",
         "matter": "laboral", "resolution_date": "2023-03-08"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", SHAPES)
def test_every_field_of_a_courts_opening_is_read_as_a_person_reads_it(name: str) -> None:
    text, expected = SHAPES[name]
    assert read_sentence(text).values == expected


def _court(text: str, institution: str) -> str | None:
    doc = build_document(
        kind="sentencia", source_id="prueba", institution=institution, jurisdiction="MX-NLE",
        url="https://ejemplo.gob.mx/s", fields={"title": "Sentencia", "date": "2023-03-08"},
        text=text,
    )  # fmt: skip
    return doc.court


def test_a_bare_plenary_is_the_publishers_own_never_the_scjns_unless_it_publishes() -> None:
    text = SHAPES["bare-pleno"][0]
    nuevo_leon = "Tribunal Superior de Justicia del Estado de Nuevo León"
    assert _court(text, nuevo_leon) == "Tribunal Pleno"
    assert _court(text, "Suprema Corte de Justicia de la Nación") == "Pleno de la SCJN"
    assert _court(SHAPES["state-pleno"][0], "Poder Judicial del Estado de Nuevo León") == (
        "Pleno del Tribunal Superior de Justicia del Estado de Nuevo León"
    )


COLEGIADO_FORMULA = (
    "Ciudad de México. Acuerdo del Séptimo Tribunal Colegiado en Materia Civil del Primer "
    "Circuito, correspondiente a la sesión de ocho de marzo de dos mil veintitrés.\n"
)


@pytest.mark.parametrize(
    ("line", "expediente"),
    [("AMPARO DIRECTO 412/2022 RELACIONADO CON EL 413/2022", "AMPARO DIRECTO 412/2022"),
     ("AMPARO DIRECTO 412/2022, RELACIONADO CON EL AMPARO DIRECTO 413/2022",
      "AMPARO DIRECTO 412/2022"),
     ("AMPARO EN REVISIÓN 123/2023, DERIVADO DEL JUICIO DE AMPARO 900/2022",
      "AMPARO EN REVISIÓN 123/2023"),
     ("TOCA: 12/2023 DERIVADO DEL EXPEDIENTE 45/2022", "Toca 12/2023"),
     # an accumulated case is the document's own
     ("AMPARO DIRECTO 412/2022 Y SU ACUMULADO 413/2022",
      "AMPARO DIRECTO 412/2022 Y SU ACUMULADO 413/2022")],
)  # fmt: skip
def test_a_case_a_caption_line_relates_after_the_own_one_is_not_the_documents(
    line: str, expediente: str
) -> None:
    text = f"{line}\nQUEJOSO: **********\n{COLEGIADO_FORMULA}"
    assert read_sentence(text).values["expediente"] == expediente


BODY = "\n".join(
    f"{n}. El tribunal analiza los agravios que la parte quejosa hizo valer en el juicio."
    for n in range(1, 61)
)


def test_the_date_a_public_version_was_certified_is_not_the_sentences() -> None:
    """A colegiado's sentence with no formula and no date in its closing, followed by the
    secretary's certification of its public version, dated months later: unsure, empty."""
    text = (
        "AMPARO DIRECTO 123/2022\nQUEJOSO: **********\nV I S T O S, para resolver los autos "
        f"del juicio de amparo directo 123/2022; y,\nR E S U L T A N D O:\n{BODY}\nÚNICO. La "
        "Justicia de la Unión no ampara ni protege a **********.\nAsí, por unanimidad de votos, "
        "lo resolvió el Primer Tribunal Colegiado en Materia Penal del Segundo Circuito, siendo "
        "ponente el segundo de los nombrados, quienes firman con el secretario de acuerdos.\n"
        "El licenciado Pedro Gómez, Secretario de Acuerdos, CERTIFICA: Que la presente es "
        "versión pública de la sentencia.\nToluca, Estado de México, a quince de mayo de dos "
        "mil veintitrés.\n"
    )
    values = read_sentence(text).values
    assert "resolution_date" not in values
    assert values["court"] == "Primer Tribunal Colegiado en Materia Penal del Segundo Circuito"
    # the closing's own date is still read
    dated = text.replace("quienes firman", "en sesión de veinte de octubre de dos mil "
                         "veintidós, quienes firman")  # fmt: skip
    assert read_sentence(dated).values["resolution_date"] == "2022-10-20"


def test_a_public_versions_notice_above_the_caption_does_not_end_it() -> None:
    text = (
        "En términos de lo previsto en los artículos 113 y 116 de la Ley General de "
        "Transparencia y Acceso a la Información Pública, en esta versión pública se suprime "
        "la información considerada legalmente como reservada o confidencial que encuadra en "
        "esos supuestos normativos.\nAMPARO DIRECTO 123/2022\nQUEJOSO: **********\nMAGISTRADO "
        f"PONENTE: JOSÉ NIEVES LUNA CASTRO\n{COLEGIADO_FORMULA}"
    )
    values = read_sentence(text).values
    assert values["expediente"] == "AMPARO DIRECTO 123/2022"
    assert values["ponente"] == "JOSÉ NIEVES LUNA CASTRO"
