"""The sentence reader on excerpts written in the shapes real sentences have: a long
synopsis before the resolving formula, numbers cited in the body, accumulated cases,
electoral chambers named by circunscripción, place-and-date lines at either end."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer.build import build_document
from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import legislature_number, normalise_legislature

SYNOPSIS = "\n\n".join(
    [
        "Hechos. El asunto deriva de un juicio familiar en el que se reclamó una compensación "
        "por el trabajo del hogar; la sentencia de apelación se dictó en sesión de veinte de "
        "enero de dos mil veintitrés y se cuestiona en el amparo directo en revisión 4370/2024."
    ]
    * 160
)  # ~40,000 characters of index and synopsis, as modern SCJN sentences open with


def scjn(caption: str, formula: str, body: str, closing: str) -> str:
    return (
        f"{caption}\n\nPONENTE: MINISTRA ****\n\nSECRETARIO: ****\n\nÍNDICE TEMÁTICO\n\n"
        f"{SYNOPSIS}\n\nANTECEDENTES\n\n1. El tres de marzo de dos mil veintidós se presentó la "
        f"demanda.\n\n{caption}\n\n{formula}\n\n{body}\n\n" + "Considerando.\n\n" * 400 + closing
    )


def test_the_date_comes_after_a_long_synopsis_and_not_from_the_background() -> None:
    text = scjn(
        "AMPARO DIRECTO EN REVISIÓN 2210/2024",
        "Ciudad de México. La Primera Sala de la Suprema Corte de Justicia de la Nación, en "
        "sesión correspondiente al once de junio de dos mil veinticinco, emite la siguiente:\n\n"
        "S E N T E N C I A\n\nMediante la cual se resuelve el amparo directo en revisión "
        "2210/2024, interpuesto en contra de la sentencia dictada en sesión de dos de mayo de "
        "dos mil veinticuatro por el Tribunal Colegiado.",
        "Así lo sostuvo esta Sala al resolver el amparo directo en revisión 1049/2023[footnoteRef:"
        "4]. [4:  Fallado en sesión de diez de noviembre de dos mil veintiuno.]",
        "Así lo resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación por "
        "unanimidad de cinco votos.",
    )
    assert text.index("once de junio") > 30_000
    reading = read_sentence(text)
    assert reading.values["resolution_date"] == "2025-06-11"
    assert reading.values["court"] == "Primera Sala de la SCJN"
    assert normalise_expediente(reading.values["expediente"]) == "ADR 2210/2024"
    assert reading.values["matter"] == "amparo"
    assert reading.sources["resolution_date"] == "body"
    assert reading.sources["expediente"] == "heading"


def test_a_number_cited_in_the_body_is_not_the_documents_own() -> None:
    text = scjn(
        "JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL 41/2025",
        "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
        "sesión correspondiente al diecinueve de agosto de dos mil veinticinco, emite la "
        "siguiente:\n\nSENTENCIA\n\nMediante la cual se resuelve el juicio de inconformidad en "
        "materia electoral 41/2025, promovido en contra del cómputo nacional.",
        "La Sala Superior lo registró como expediente SUP-JIN-301/2025 y, en sesión de "
        "veintinueve de julio de dos mil veinticinco, lo remitió a esta Suprema Corte.",
        "Así lo resolvió el Pleno de la Suprema Corte de Justicia de la Nación.",
    )
    reading = read_sentence(text)
    assert normalise_expediente(reading.values["expediente"]) == (
        "Juicio de Inconformidad en Materia Electoral 41/2025"
    )
    assert reading.values["court"] == "Pleno de la SCJN"
    assert reading.values["resolution_date"] == "2025-08-19"
    assert reading.values["matter"] == "electoral"


# an electoral sentence headed by a stray caption line (4/2025) above its own (44/2025)
TWO_CAPTIONS = (
    "JUICIO DE INCONFORMIDAD ELECTORAL 4/2025.\n\nJUICIO DE INCONFORMIDAD ELECTORAL "
    "44/2025.\n\nACTOR: PARTIDO ****.\n\nCiudad de México. El Tribunal Pleno de la Suprema "
    "Corte de Justicia de la Nación, en sesión correspondiente al día doce de agosto de dos "
    "mil veinticinco, emite la siguiente:\n\nS E N T E N C I A\n\nMediante la cual se "
    "resuelve el juicio de inconformidad en materia electoral 44/2025, promovido contra "
    "los acuerdos INE/CG567/2025 e INE/CG568/2025."
)


def test_a_stray_caption_line_is_dropped_when_the_sentence_says_what_it_resolves() -> None:
    text = TWO_CAPTIONS
    reading = read_sentence(text)
    assert normalise_expediente(reading.values["expediente"]) == (
        "Juicio de Inconformidad en Materia Electoral 44/2025"
    )


@pytest.mark.parametrize("width", [6, 9])
def test_a_sentence_whose_lines_break_mid_phrase_reads_the_same(width: int) -> None:
    """Text taken from a PDF breaks lines every few words, inside "se resuelve el juicio
    de inconformidad…" and the session's date: the stray caption line must still be
    dropped (not both numbers given) and the date still read."""
    text = TWO_CAPTIONS
    paragraphs = [p.split() for p in text.split("\n\n")]
    wrapped = "\n\n".join(
        "\n".join(" ".join(words[i : i + width]) for i in range(0, len(words), width))
        for words in paragraphs
    )
    values = read_sentence(wrapped).values
    assert normalise_expediente(values["expediente"]) == (
        "Juicio de Inconformidad en Materia Electoral 44/2025"
    )
    assert values["resolution_date"] == "2025-08-12"


def test_a_caption_the_text_contradicts_leaves_the_case_number_empty() -> None:
    text = (
        "AMPARO EN REVISIÓN 15/2024\n\nQUEJOSA: ****\n\nCiudad de México. La Segunda Sala de "
        "la Suprema Corte de Justicia de la Nación, en sesión correspondiente al cinco de marzo "
        "de dos mil veinticinco, emite la siguiente sentencia.\n\nMediante la cual se resuelve "
        "el amparo en revisión 51/2023, interpuesto por la quejosa."
    )
    assert "expediente" not in read_sentence(text).values


def test_accumulated_cases_are_all_kept() -> None:
    plural = read_sentence(
        "AMPAROS DIRECTOS EN REVISIÓN 4370/2024, 1049/2023 Y 7653/2019\n\nRECURRENTES: ****\n\n"
        "Ciudad de México. La Primera Sala de la Suprema Corte de Justicia de la Nación, en "
        "sesión correspondiente al dos de julio de dos mil veinticinco, emite la siguiente "
        "sentencia."
    )
    assert normalise_expediente(plural.values["expediente"]) == (
        "ADR 4370/2024, ADR 1049/2023, ADR 7653/2019"
    )
    two_lines = read_sentence(
        "ACCIÓN DE INCONSTITUCIONALIDAD 206/2023\nY SU ACUMULADA 208/2023\n\nPROMOVENTES: "
        "COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS\n\nCiudad de México. El Tribunal Pleno de "
        "la Suprema Corte de Justicia de la Nación, en sesión correspondiente al dieciocho de "
        "febrero de dos mil veinticinco, emite la siguiente sentencia."
    )
    assert normalise_expediente(two_lines.values["expediente"]) == "AI 206/2023, AI 208/2023"


REGIONAL = (
    """JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DE LA CIUDADANÍA
EXPEDIENTE: ST-JDC-0427/2024
PARTE ACTORA: ****
AUTORIDAD RESPONSABLE: TRIBUNAL ELECTORAL DEL ESTADO DE MÉXICO
Toluca de Lerdo, Estado de México, a veinte de mayo de dos mil veinticuatro.
VISTOS, para resolver los autos del juicio citado al rubro; y
R E S U L T A N D O
I. Antecedentes. El diez de enero de dos mil veinticuatro el Instituto emitió el acuerdo
impugnado, confirmado por el tribunal local en el expediente JDC/05/2024.
"""
    + "Considerando que el agravio es infundado.\n" * 60
    + """R E S U E L V E
ÚNICO. Se confirma la resolución impugnada.
Así, por unanimidad de votos, lo resolvieron y firmaron las magistraturas que integran la Sala
Regional del Tribunal Electoral del Poder Judicial de la Federación, correspondiente a la Quinta
Circunscripción Plurinominal, con sede en Toluca de Lerdo, Estado de México."""
)


def test_a_regional_chamber_named_by_its_circunscripcion_and_seat() -> None:
    reading = read_sentence(REGIONAL)
    assert reading.values["court"] == "Sala Regional Toluca del TEPJF"
    assert reading.values["expediente"] == "ST-JDC-0427/2024"
    assert normalise_expediente(reading.values["expediente"]) == "ST-JDC-427/2024"
    assert reading.values["resolution_date"] == "2024-05-20"
    assert reading.values["matter"] == "electoral"
    without_seat = REGIONAL.replace(", con sede en Toluca de Lerdo, Estado de México", "")
    assert read_sentence(without_seat).values["court"] == "Sala Regional Toluca del TEPJF"


def test_local_electoral_numbers_and_other_case_types_from_labels() -> None:
    cases = {
        "EXPEDIENTE: TECDMX-JLDC-019/2025": "TECDMX-JLDC-19/2025",
        "EXPEDIENTE: JDC/05/2023": "JDC-5/2023",
        "INCIDENTE DE INEJECUCIÓN DE SENTENCIA 12/2024": (
            "Incidente de Inejecución de Sentencia 12/2024"
        ),
        "JUICIO ORAL ELECTRÓNICO 345/2024": "Juicio Oral Electrónico 345/2024",
        "CARPETA ADMINISTRATIVA: 88/2023": "Carpeta Administrativa 88/2023",
        "TOCA: 120/2024": "Toca 120/2024",
    }
    for caption, canonical in cases.items():
        text = f"{caption}\nACTOR: ****\nSe dicta la resolución que corresponde."
        assert normalise_expediente(read_sentence(text).values["expediente"]) == canonical


EDOMEX = (
    """JUZGADO CUARTO CIVIL DE TENANGO DEL VALLE, CON RESIDENCIA EN TENANGO DEL VALLE
EXPEDIENTE: 881/2023
JUICIO: ORDINARIO CIVIL
SENTENCIA DEFINITIVA
VISTOS para resolver en definitiva los autos del expediente 881/2023; y
R E S U L T A N D O
1. Toluca, México, a tres de marzo de dos mil veintitrés, la actora presentó su demanda ante
la Oficialía de Partes, y se radicó en el expediente 1543/2022 del juzgado de origen.
"""
    + "Considerando que la acción quedó acreditada.\n" * 80
    + """R E S U E L V E
PRIMERO. Ha procedido la vía ordinaria civil.
NOTIFÍQUESE PERSONALMENTE.
Así lo resolvió y firma la Jueza Cuarto Civil, quien actúa con Secretario de Acuerdos.
Tenango del Valle, México, veinte de mayo de dos mil veinticuatro."""
)


def test_a_state_sentence_dated_at_its_end_not_by_its_background() -> None:
    reading = read_sentence(EDOMEX)
    assert reading.values["resolution_date"] == "2024-05-20"
    assert reading.values["court"] == "Juzgado Cuarto Civil de Tenango del Valle"
    assert reading.values["expediente"] == "881/2023"
    assert reading.values["matter"] == "civil"


def test_unsure_fields_stay_empty() -> None:
    reading = read_sentence(
        "VERSIÓN PÚBLICA\nEn el amparo directo en revisión 7653/2019, fallado en sesión de diez "
        "de noviembre de dos mil veintiuno, la Primera Sala sostuvo un criterio.\n"
        "Antecedentes. El veintinueve de abril de dos mil seis las partes contrajeron matrimonio."
    )
    assert "expediente" not in reading.values
    assert "resolution_date" not in reading.values


def test_the_document_records_where_each_field_came_from() -> None:
    doc = build_document(
        kind="sentencia",
        source_id="scjn",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        url="https://bj.scjn.gob.mx/documento/sentencias_pub/1",
        fields={"court": "PRIMERA SALA", "ponente": "****"},
        text=(
            "AMPARO EN REVISIÓN 77/2025\n\nCiudad de México. La Primera Sala de la Suprema Corte "
            "de Justicia de la Nación, en sesión correspondiente al nueve de julio de dos mil "
            "veinticinco, emite la siguiente sentencia."
        ),
        origin="api",
    )
    assert doc.court == "Primera Sala de la SCJN"
    assert doc.expediente == "AMPARO EN REVISIÓN 77/2025"
    assert doc.field_sources == {
        "court": "api",
        "ponente": "api",
        "expediente": "heading",
        "matter": "heading",
        "proceeding": "heading",
        "resolution_date": "heading",
        "date": "heading",
    }


CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
EXPECTED = Path(__file__).parents[2] / "bench" / "metadata_expected.json"
REAL = json.loads(EXPECTED.read_text(encoding="utf-8"))["real"]
SAVED = [name for name in REAL if name.endswith(".json")]


@pytest.mark.skipif(not (CORPUS / "real").exists(), reason="the shared real corpus is absent")
@pytest.mark.parametrize("name", SAVED)
def test_real_sentences_are_read_right(name: str) -> None:
    text = json.loads((CORPUS / name).read_text(encoding="utf-8"))["text"]
    read = read_sentence(text).values
    expected = REAL[name]
    assert read.get("court") == expected["court"]
    assert normalise_expediente(read.get("expediente")) == expected["expediente"]
    assert read.get("resolution_date") == expected["resolution_date"]
    assert read.get("matter") == expected["matter"]


@pytest.mark.parametrize(
    ("written", "institution", "court"),
    [
        ("La Primera Sala de la Suprema Corte de Justicia de la Nación", None,
         "Primera Sala de la SCJN"),
        ("El Tribunal Pleno de la Suprema Corte de Justicia de la Nación", None,
         "Pleno de la SCJN"),
        ("Sala Regional del Tribunal Electoral del Poder Judicial de la Federación, "
         "correspondiente a la Quinta Circunscripción Plurinominal, con sede en Toluca", None,
         "Sala Regional Toluca del TEPJF"),
        ("Sala Regional correspondiente a la Primera Circunscripción Plurinominal Electoral",
         None, "Sala Regional Guadalajara del TEPJF"),
        ("Sala Regional Monterrey", None, "Sala Regional Monterrey del TEPJF"),
        ("Sala Regional Especializada del Tribunal Electoral del Poder Judicial de la "
         "Federación", None, "Sala Regional Especializada del TEPJF"),
        ("Segunda Sala Regional del Tribunal de Justicia Administrativa, con sede en Toluca",
         None, "Segunda Sala Regional del Tribunal de Justicia Administrativa"),
        ("PRIMERA SALA", "Suprema Corte de Justicia de la Nación", "Primera Sala de la SCJN"),
        ("PLENO", "SCJN", "Pleno de la SCJN"),
        ("PRIMERA SALA", "Poder Judicial del Estado de Jalisco", "Primera Sala"),
        ("Juzgado Cuarto Civil del Tenango del Valle, con", None,
         "Juzgado Cuarto Civil del Tenango del Valle"),
    ],
)  # fmt: skip
def test_court_names_as_real_sources_write_them(
    written: str, institution: str | None, court: str
) -> None:
    assert normalise_court(written, institution) == court


@pytest.mark.parametrize(
    ("written", "roman"),
    [("Legislatura 66", "LXVI"), ("LXlV Legislatura", "LXIV"), ("LXVl", "LXVI"),
     ("66 Legislatura", "LXVI"), ("Sexagésima Sexta Legislatura", "LXVI")],
)  # fmt: skip
def test_legislatures_as_real_sources_write_them(written: str, roman: str) -> None:
    assert normalise_legislature(written) == roman
    assert legislature_number("LXLV") is None  # not a numeral


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("SUP-JDC-0427-2023", "SUP-JDC-427/2023"),
        ("SCM-JE-12/2024", "SCM-JE-12/2024"),
        ("SRE-PSC-8/2024", "SRE-PSC-8/2024"),
        ("SM-RAP-3/2024 y SM-REP-4/2024", "SM-RAP-3/2024, SM-REP-4/2024"),
        ("TECDMX-JLDC-019/2025", "TECDMX-JLDC-19/2025"),
        ("JDC/05/2023", "JDC-5/2023"),
        ("Juicios de inconformidad en materia electoral 2/2025 y 3/2025",
         "Juicio de Inconformidad en Materia Electoral 2/2025, "
         "Juicio de Inconformidad en Materia Electoral 3/2025"),
        ("Controversias constitucionales 5/2020 y 6/2020", "CC 5/2020, CC 6/2020"),
        ("INE/CG567/2025", "ine/cg567/2025"),
    ],
)  # fmt: skip
def test_case_numbers_of_every_chamber_and_type(written: str, canonical: str) -> None:
    assert normalise_expediente(written) == canonical


def test_a_closing_paragraph_dates_the_sentence() -> None:
    text = (
        "RECURSO DE APELACIÓN\nEXPEDIENTE: TEEM-RAP-012/2024\n\nVISTOS los autos.\n\n"
        + "Considerando.\n" * 600
        + "Así lo resolvieron, por unanimidad de votos, las magistraturas del Pleno del "
        "Tribunal Electoral del Estado, en sesión pública celebrada el catorce de marzo de dos "
        "mil veinticuatro."
    )
    reading = read_sentence(text)
    assert reading.values["resolution_date"] == "2024-03-14"
    assert reading.sources["resolution_date"] == "body"
    assert normalise_expediente(reading.values["expediente"]) == "TEEM-RAP-12/2024"


def test_the_closing_names_who_resolved_not_whom_it_informs() -> None:
    text = (
        "PRIMER TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL PRIMER CIRCUITO\nAMPARO DIRECTO 45/2024\n"
        + "Considerando.\n" * 600
        + "Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del Primer Circuito, por "
        "unanimidad de votos de los magistrados que lo integran; remítase copia certificada de "
        "esta ejecutoria a la Segunda Sala de la Suprema Corte de Justicia de la Nación."
    )
    reading = read_sentence(text)
    assert reading.values["court"] == (
        "Primer Tribunal Colegiado en Materia Civil del Primer Circuito"
    )


def test_a_session_in_the_background_does_not_date_the_sentence() -> None:
    text = (
        "JUICIO ELECTORAL\nEXPEDIENTE: SM-JE-31/2024\n\nMonterrey, Nuevo León, a nueve de abril "
        "de dos mil veinticuatro.\n\nR E S U L T A N D O\n\nI. En sesión celebrada el dos de "
        "marzo de dos mil veinticuatro, el Consejo General aprobó el acuerdo impugnado."
    )
    reading = read_sentence(text)
    assert reading.values["resolution_date"] == "2024-04-09"
    assert reading.values["court"] == "Sala Regional Monterrey del TEPJF"


def test_a_collegiate_court_dates_its_sentence_by_the_session_it_says() -> None:
    text = (
        "DÉCIMO TRIBUNAL COLEGIADO EN MATERIA ADMINISTRATIVA DEL PRIMER CIRCUITO\n"
        "AMPARO EN REVISIÓN 211/2023\nQUEJOSA: ****\n\nCiudad de México. Acuerdo del Décimo "
        "Tribunal Colegiado en Materia Administrativa del Primer Circuito, correspondiente a "
        "la sesión virtual de\nveintiséis de octubre de dos mil veintitrés.\n\nV I S T O S para "
        "resolver los autos del amparo en revisión 211/2023.\n\nR E S U L T A N D O\n\n"
        "PRIMERO. En la ejecutoria correspondiente a la sesión de dos de marzo de dos mil "
        "veintidós, el Juzgado negó el amparo.\n" + "Considerando.\n" * 400
    )
    reading = read_sentence(text)
    assert reading.values["resolution_date"] == "2023-10-26"
    assert reading.values["court"] == (
        "Décimo Tribunal Colegiado en Materia Administrativa del Primer Circuito"
    )


def test_a_cited_session_in_the_background_is_not_the_collegiate_court_s() -> None:
    text = (
        "AMPARO DIRECTO 12/2024\n\nR E S U L T A N D O\n\nPRIMERO. Por ejecutoria "
        "correspondiente a la sesión de dos de marzo de dos mil veintidós, el tribunal de "
        "alzada confirmó la condena.\n" + "Considerando.\n" * 400
    )
    assert "resolution_date" not in read_sentence(text).values


@pytest.mark.parametrize(
    ("place_date", "date"),
    [("Toluca, Estado de México, treinta de\nnoviembre de dos mil veintitrés.", "2023-11-30"),
     ("TLAXCALA, TLAXCALA, A LOS VEINTIDOS DIAS DEL MES DE\nFEBRERO DE 2024.", "2024-02-22"),
     ("Morelia, Michoacán, a 14 catorce de\njunio de 2024 dos mil veinticuatro.", "2024-06-14"),
     # a paragraph break ends the line: the next paragraph's date is another's
     ("Zacatecas, Zacatecas, a treinta de\n\nnoviembre de dos mil veintitrés se presentó la "
      "demanda.", None)],
)  # fmt: skip
def test_a_place_and_date_line_broken_mid_date_is_read_whole(
    place_date: str, date: str | None
) -> None:
    text = (
        "JUZGADO PRIMERO CIVIL DE PRIMERA INSTANCIA\nEXPEDIENTE: 881/2023\n"
        f"{place_date}\nVISTOS para dictar sentencia definitiva en los autos del expediente "
        "881/2023.\n\nR E S U L T A N D O\n\n" + "Considerando.\n" * 400
    )
    assert read_sentence(text).values.get("resolution_date") == date


def test_an_ocr_l_in_a_court_line_of_capitals_is_read_as_an_i() -> None:
    text = (
        "TRIBUNAL SUPERIOR DE JUSTlCIA DEL ESTADO DE PUEBLA\nSEGUNDA SALA EN MATERlA PENAL\n"
        "TOCA PENAL: 145/2024\nVISTOS para resolver el toca penal 145/2024.\n\n"
        "R E S U L T A N D O\n\n" + "Considerando.\n" * 400
    )
    # (the sala joined to its court's letterhead, read with the same correction)
    assert read_sentence(text).values["court"] == (
        "Segunda Sala en Materia Penal del Tribunal Superior de Justicia del Estado de Puebla"
    )


@pytest.mark.parametrize(
    "caption",
    ["EXPEDIENTE:\t845/2019\tJUICIO:\tORDINARIO CIVIL",
     "| EXPEDIENTE | 845/2019 |\n| JUICIO | ORDINARIO CIVIL |",
     "EXPEDIENTE:\n845/2019\nJUICIO:\nORDINARIO CIVIL",
     "NÚMERO DE EXPEDIENTE:\n\n845/2019"],
)  # fmt: skip
def test_a_caption_laid_out_as_a_table_gives_the_number_alone(caption: str) -> None:
    """A label and its value in cells of a table (tabs, rules) or on two lines: the value
    is the number, never the next cell's words ("845/2019 JUICIO: ORDINARIO CIVIL")."""
    text = (
        f"JUZGADO SEGUNDO CIVIL DEL DISTRITO JUDICIAL DE TLAXCALA\n{caption}\n"
        "VISTOS para dictar sentencia definitiva.\n\nR E S U L T A N D O\n\n"
        + "Considerando.\n"
        * 300
    )
    assert read_sentence(text).values.get("expediente") == "845/2019"


TOCA_HEAD = (
    "SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE JALISCO\nSEGUNDA SALA\n{caption}\n"
    "JUICIO: ORDINARIO CIVIL\n{statement}\n\n"
    "R E S U L T A N D O\n\n" + "Considerando.\n" * 40
)


@pytest.mark.parametrize(
    ("caption", "statement", "expediente"),
    [("TOCA: 1150/2019/1", "VISTOS para resolver el toca 1150/2019/1.", "Toca 1150/2019/1"),
     ("TOCA CIVIL: 88/2020/03", "VISTOS para resolver el toca civil 88/2020.", "Toca 88/2020/3"),
     ("", "VISTOS para resolver el toca penal 345/2021/2, deducido del juicio.",
      "Toca 345/2021/2")],
)  # fmt: skip
def test_a_tocas_own_number_keeps_its_appeal(caption: str, statement: str, expediente: str) -> None:
    """Toca 1150/2019/1 is one of several appeals on one case: storing "Toca 1150/2019"
    would merge it with /2. A statement without the appeal still confirms the caption."""
    text = TOCA_HEAD.format(caption=caption, statement=statement)
    assert normalise_expediente(read_sentence(text).values["expediente"]) == expediente


@pytest.mark.parametrize("number", ["1150/2019/1234", "1150/2019/1/2"])
def test_a_number_with_more_than_an_appeal_is_no_tocas_number(number: str) -> None:
    """Not "toca 1150/2019": a number that merges appeals is worse than none."""
    text = TOCA_HEAD.format(caption="", statement=f"VISTOS para resolver el toca {number}.")
    assert "expediente" not in read_sentence(text).values


def test_a_caption_and_a_statement_naming_other_appeals_give_no_number() -> None:
    text = TOCA_HEAD.format(
        caption="TOCA: 1150/2019/1", statement="VISTOS para resolver el toca 1150/2019/2."
    )
    assert "expediente" not in read_sentence(text).values
