"""Classes of sentence the heading readers left unread in session 31's review of real
material: a first page that is a table of contents (its "I. ANTECEDENTES …… 2" taken for
the background, the caption under it lost), a Pleno Regional's or a circuit court's
opening in the SCJN's modern form ("…, en sesión de dieciséis de mayo de dos mil
veinticuatro, emite la siguiente"), a listing's title naming its toca and its sala apart
by a dash ("Toca 52/2025 — SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL"), and the SCJN's
asuntos that are their own proceeding (a solicitud de ejercicio de la facultad de
atracción, an impedimento, a revisión de la materia de consulta popular).

The texts are written for these tests after the real structures (../shared's SCJN engroses
and the Supremo Tribunal de Jalisco's records); names and numbers are made up. A field the
text does not state surely must come out empty.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_matter, normalise_person

_BACKGROUND = (
    "PRIMERO. Por escrito presentado el veinte de enero de dos mil veintidós ante la Oficina "
    "de Correspondencia Común de los Juzgados de Distrito en Materia Administrativa en la "
    "Ciudad de México, la quejosa promovió juicio de amparo indirecto, que se registró con "
    "el número 123/2022 y se resolvió en sesión de diez de marzo de dos mil veintitrés.\n\n"
) * 20
_CLOSING = (
    "Por lo expuesto y fundado, se resuelve:\n\n"
    "PRIMERO. En la materia de la revisión, se confirma la sentencia recurrida.\n\n"
    "SEGUNDO. La Justicia de la Unión no ampara ni protege a **********.\n\n"
    "Notifíquese; con testimonio de esta ejecutoria, devuélvanse los autos relativos al "
    "lugar de su origen y, en su oportunidad, archívese el toca como asunto concluido.\n\n"
    "Así lo resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación, por "
    "unanimidad de cinco votos de las señoras Ministras y los señores Ministros Tomás Benítez "
    "Lugo, Elena Sotomayor Ibarra (Ponente), Javier Duarte Cano, Rosa Nava Castro y "
    "Presidente Arturo Zamora Prieto.\n\n"
    "Firman el Ministro Presidente de la Sala y la Ministra Ponente con el Secretario de "
    "Acuerdos, quien autoriza y da fe.\n\n"
    "PRESIDENTE DE LA PRIMERA SALA\n\nMINISTRO ARTURO ZAMORA PRIETO\n\n"
    "PONENTE\n\nMINISTRA ELENA SOTOMAYOR IBARRA\n\n"
    "SECRETARIO DE ACUERDOS DE LA PRIMERA SALA\n\nLIC. JUAN ORTEGA LIRA\n"
)
# an engrose in the older form: its opening formula names the session, "VISTOS" follows
ENGROSE = (
    "AMPARO DIRECTO EN REVISIÓN 4512/2023.\nQUEJOSA Y RECURRENTE: **********.\n\n"
    "MINISTRA PONENTE: ELENA SOTOMAYOR IBARRA.\nSECRETARIA: MARTA GUADALUPE RENTERÍA SOLÍS.\n\n"
    "Ciudad de México. Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la "
    "Nación, correspondiente a la sesión del día once de septiembre de dos mil veinticuatro."
    "\n\nV I S T O S para resolver los autos del amparo directo en revisión 4512/2023; y,\n\n"
    "R E S U L T A N D O:\n\n" + _BACKGROUND + _CLOSING
)
CONTENTS = {
    "puntos guía": (
        "ÍNDICE\n\nI. ANTECEDENTES Y TRÁMITE ............ 2\nII. COMPETENCIA ............ 5\n"
        "III. OPORTUNIDAD ............ 6\nIV. PROCEDENCIA ............ 7\n"
        "V. ESTUDIO DE FONDO ............ 9\nVI. DECISIÓN ............ 30\n\n"
    ),
    "tabulado": (
        "CONTENIDO\n\n\tAPARTADO\t\tPÁG.\n\tI.\tANTECEDENTES\t\t2\n\tII.\tCOMPETENCIA\t\t5\n"
        "\tIII.\tESTUDIO DE FONDO\t\t9\n\tIV.\tDECISIÓN\t\t30\n\n"
    ),
    "páginas en rango": (
        "ÍNDICE TEMÁTICO\n\nANTECEDENTES …… 2-4\nCOMPETENCIA …… 5\nDECISIÓN …… 30\n\n"
    ),
}


@pytest.mark.parametrize("contents", CONTENTS.values(), ids=CONTENTS.keys())
def test_a_first_page_of_contents_leaves_the_caption_and_date_read(contents: str) -> None:
    """The contents' entry for the background ("I. ANTECEDENTES …… 2") is no background
    heading: the opening formula under the caption still dates the sentence, and the
    caption above the formula still names the secretaria and the ponente (from the
    heading, not only the closing's signatures)."""
    reading = read_sentence(contents + ENGROSE)
    values = reading.values
    assert values.get("resolution_date") == "2024-09-11"
    assert normalise_person(values.get("secretario")) == "Marta Guadalupe Rentería Solís"
    assert normalise_person(values.get("ponente")) == "Elena Sotomayor Ibarra"
    assert reading.sources["ponente"] == "heading"
    assert values.get("court") == "Primera Sala de la SCJN"
    assert normalise_expediente(values.get("expediente")) == "ADR 4512/2023"
    # the same sentence without its first page reads the same (its case number as the
    # opening's statement writes it: the same case)
    alone = read_sentence(ENGROSE).values
    assert {k: alone.get(k) for k in values if k != "expediente"} == {
        k: v for k, v in values.items() if k != "expediente"
    }


def test_a_contents_page_with_no_page_numbers_is_no_contents_entry() -> None:
    """An "ANTECEDENTES" heading whose line ends in no page is the background itself: a
    session dated after it (a cited one, no formula of the sentence's own) gives no date."""
    text = (
        "AMPARO EN REVISIÓN 77/2024\n\nI. ANTECEDENTES\n\n"
        "La Primera Sala, en sesión correspondiente al tres de marzo de dos mil veinte, "
        "resolvió el amparo en revisión 12/2020.\n\n" + _BACKGROUND
    )
    assert read_sentence(text).values.get("resolution_date") is None


PLENO_REGIONAL = (
    "CONTRADICCIÓN DE CRITERIOS 45/2023.\n"
    "ENTRE LOS SUSTENTADOS POR EL SEGUNDO TRIBUNAL COLEGIADO EN MATERIA ADMINISTRATIVA DEL "
    "TERCER CIRCUITO Y EL PRIMER TRIBUNAL COLEGIADO EN MATERIAS ADMINISTRATIVA Y DE TRABAJO "
    "DEL DÉCIMO PRIMER CIRCUITO.\n\n"
    "MAGISTRADA PONENTE: ROSA DÍAZ MORA.\nSECRETARIO: LUIS GÓMEZ PAZ.\n\n"
    "{opening}\n\nS E N T E N C I A\n\n"
    "Mediante la cual se resuelve la contradicción de criterios 45/2023.\n\n"
    "I. ANTECEDENTES\n\n" + _BACKGROUND + "Por lo expuesto y fundado, se resuelve:\n\n"
    "PRIMERO. Sí existe la contradicción de criterios.\n\n"
    "SEGUNDO. Debe prevalecer con carácter de jurisprudencia el criterio sustentado por este "
    "Pleno Regional.\n\nNotifíquese.\n\n"
    "Así lo resolvieron, por unanimidad de tres votos, los Magistrados Rosa Díaz Mora "
    "(ponente), Juan Pérez López y Luis Gómez Paz, quienes firman con el secretario.\n"
)


@pytest.mark.parametrize(
    ("opening", "court"),
    [
        ("Ciudad de México. El Pleno Regional en Materia Administrativa de la Región "
         "Centro-Norte, con residencia en la Ciudad de México, en sesión de dieciséis de mayo "
         "de dos mil veinticuatro, emite la siguiente:",
         "Pleno Regional en Materia Administrativa de la Región Centro-Norte"),
        ("Ciudad de México. El Pleno Regional en Materia Administrativa de la Región "
         "Centro-Norte, en sesión virtual del día dieciséis de mayo de dos mil veinticuatro, "
         "dicta la siguiente",
         "Pleno Regional en Materia Administrativa de la Región Centro-Norte"),
        ("Zapopan, Jalisco. El Primer Tribunal Colegiado en Materia Civil del Tercer "
         "Circuito, en sesión de dieciséis de mayo de dos mil veinticuatro, emite la "
         "siguiente",
         "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"),
    ],
)  # fmt: skip
def test_a_circuit_courts_opening_in_the_modern_form_dates_the_sentence(
    opening: str, court: str
) -> None:
    """Its closing names no court and no date (the magistrados sign): the opening's
    session, followed by the verb that gives the sentence, is its date and its court."""
    values = read_sentence(PLENO_REGIONAL.format(opening=opening)).values
    assert values.get("resolution_date") == "2024-05-16"
    assert values.get("court") == court


@pytest.mark.parametrize(
    "opening",
    [
        # a synopsis telling of the sentence reviewed, in the present: no "la siguiente"
        "Hechos. El Tribunal Colegiado, en sesión de dieciséis de mayo de dos mil "
        "veinticuatro, dicta sentencia en la que niega el amparo.",
        # a past session: the verb in the past
        "El Pleno Regional, en sesión de dieciséis de mayo de dos mil veinticuatro, emitió "
        "la siguiente jurisprudencia.",
    ],
)
def test_a_session_the_text_tells_of_gives_no_date(opening: str) -> None:
    assert (
        read_sentence(PLENO_REGIONAL.format(opening=opening)).values.get("resolution_date") is None
    )


@pytest.mark.parametrize(
    ("title", "court", "matter"),
    [
        ("Toca 52/2025 — SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL",
         "Séptima Sala Especializada en Materia Civil", None),
        ("Toca 52/2025 (SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL)",
         "Séptima Sala Especializada en Materia Civil", None),
        ("Toca 239/2024 – PRIMERA SALA ESPECIALIZADA EN MATERIA PENAL",
         "Primera Sala Especializada en Materia Penal", "penal"),
        ("AMPARO DIRECTO 123/2024 — PRIMER TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL TERCER "
         "CIRCUITO", "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito", "amparo"),
    ],
)  # fmt: skip
def test_a_title_naming_its_case_then_its_court_gives_the_court(
    title: str, court: str, matter: str | None
) -> None:
    """A listing's title, "<case> — <COURT>": the court after the dash is the sentence's.
    A civil sala's title says nothing of what its toca is about (family and commerce go to
    the civil salas too): no matter; a penal sala's is penal."""
    values = read_sentence(title).values
    assert values.get("court") == court
    assert values.get("matter") == matter
    assert values.get("expediente") == title.split(" —")[0].split(" (")[0].split(" –")[0]


def test_a_dash_before_words_that_name_no_court_gives_none() -> None:
    values = read_sentence("Toca 52/2025 — SENTENCIA DEFINITIVA DE SEGUNDA INSTANCIA").values
    assert "court" not in values
    related = read_sentence("AMPARO DIRECTO 412/2022 — RELACIONADO CON EL 413/2022").values
    assert "court" not in related


_SCJN_OPENING = (
    "\n\nPONENTE: MINISTRA ELENA SOTOMAYOR IBARRA\n\nSECRETARIA: MARTA GUADALUPE RENTERÍA "
    "SOLÍS\n\nCiudad de México. La Segunda Sala de la Suprema Corte de Justicia de la "
    "Nación, en sesión correspondiente al once de septiembre de dos mil veinticuatro, "
    "emite la siguiente:\n\nS E N T E N C I A\n\n"
)


@pytest.mark.parametrize(
    ("caption", "proceeding", "matter"),
    [
        ("SOLICITUD DE EJERCICIO DE LA FACULTAD DE ATRACCIÓN 345/2024",
         "solicitud de ejercicio de la facultad de atracción", None),
        ("IMPEDIMENTO 5/2024", "impedimento", None),
        ("CONFLICTO COMPETENCIAL 3/2024", "conflicto competencial", None),
        ("SOLICITUD DE SUSTITUCIÓN DE JURISPRUDENCIA 2/2024",
         "solicitud de sustitución de jurisprudencia", None),
        ("REVISIÓN DE LA CONSTITUCIONALIDAD DE LA MATERIA DE CONSULTA POPULAR 1/2024",
         "revisión de la constitucionalidad de la materia de consulta popular",
         "constitucional"),
    ],
)  # fmt: skip
def test_the_scjns_own_asuntos_are_their_proceeding(
    caption: str, proceeding: str, matter: str | None
) -> None:
    text = caption + _SCJN_OPENING + "Mediante la cual se resuelve el asunto citado.\n"
    values = read_sentence(text).values
    assert values.get("proceeding") == proceeding
    assert values.get("matter") == matter
    assert values.get("court") == "Segunda Sala de la SCJN"


def test_a_consulta_popular_review_keeps_its_type_in_its_number() -> None:
    """Its number is one of the SCJN's own series, not a bare "1/2024" another case of the
    year shares."""
    written = "REVISIÓN DE LA CONSTITUCIONALIDAD DE LA MATERIA DE CONSULTA POPULAR 1/2024"
    assert normalise_expediente(written) == (
        "Revisión de la Constitucionalidad de la Materia de Consulta Popular 1/2024"
    )


REPO = Path(__file__).resolve().parents[2]
CORPUS = next(
    (f / "shared" / "corpus" for f in (REPO, *REPO.parents) if (f / "shared" / "corpus").is_dir()),
    REPO / "shared" / "corpus",
)
JALISCO = CORPUS / "real" / "pj-jalisco" / "stj-api-records.json"


@pytest.mark.skipif(not JALISCO.exists(), reason="the shared real corpus is absent")
def test_real_jalisco_titles_give_their_records_sala_and_no_other_matter() -> None:
    """The Supremo Tribunal de Jalisco's records' titles ("Toca 52/2025 — SÉPTIMA SALA…"),
    read alone: the sala is the record's, the matter the record's or none."""
    records = json.loads(JALISCO.read_text(encoding="utf-8"))
    assert records
    for record in records:
        values = read_sentence(record["title"]).values
        assert values.get("court") == normalise_court(record["court"]), record["title"]
        wanted = normalise_matter(record["subject_area"])
        assert values.get("matter") in (None, wanted), record["title"]


_REGIONAL_CAPTION = (
    "PLENO REGIONAL EN MATERIA ADMINISTRATIVA DE LA REGIÓN CENTRO-NORTE, CON RESIDENCIA EN LA "
    "CIUDAD DE MÉXICO\n\nCONTRADICCIÓN DE CRITERIOS 45/2023\n\n"
    "MAGISTRADA PONENTE: ROSA DÍAZ MORA\n\n"
    "Ciudad de México, a dieciséis de mayo de dos mil veinticuatro.\n\n"
    "VISTOS para resolver los autos de la contradicción de criterios 45/2023; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Hechos.\n"
)


@pytest.mark.parametrize(
    ("written", "court"),
    [
        # the region's name on the caption's next line: joined
        ("DE LA REGIÓN\nCENTRO-NORTE, CON RESIDENCIA EN LA CIUDAD DE MÉXICO",
         "Pleno Regional en Materia Administrativa de la Región Centro-Norte"),
        # no region named: one of the Plenos Regionales en Materia Administrativa, none
        ("DE LA REGIÓN", None),
        ("DE LA REGIÓN\n", None),
    ],
)  # fmt: skip
def test_a_pleno_regionals_caption_is_read_with_its_regions_name_or_not_at_all(
    written: str, court: str | None
) -> None:
    text = _REGIONAL_CAPTION.replace(
        "DE LA REGIÓN CENTRO-NORTE, CON RESIDENCIA EN LA CIUDAD DE MÉXICO", written
    )
    assert read_sentence(text).values.get("court") == court


def test_a_closing_naming_a_pleno_regional_without_its_region_gives_no_court() -> None:
    closing = (
        "\n\nPor lo expuesto, se resuelve:\n\nPRIMERO. Sí existe la contradicción.\n\n"
        "Así lo resolvió el Pleno Regional en Materia Administrativa de la Región{rest}, por "
        "unanimidad de tres votos.\n"
    )
    text = "CONTRADICCIÓN DE CRITERIOS 45/2023\n\n" + _BACKGROUND + closing
    assert "court" not in read_sentence(text.format(rest="")).values
    whole = read_sentence(text.format(rest=" Centro-Sur")).values
    assert whole.get("court") == "Pleno Regional en Materia Administrativa de la Región Centro-Sur"
    # an auxiliary court's region is its ordinal's: no name after it
    auxiliary = text.format(rest="").replace(
        "el Pleno Regional en Materia Administrativa de la Región",
        "el Primer Tribunal Colegiado de Circuito del Centro Auxiliar de la Quinta Región",
    )
    assert (
        read_sentence(auxiliary)
        .values.get("court", "")
        .startswith("Primer Tribunal Colegiado de Circuito del Centro Auxiliar de la Quinta Región")
    )
