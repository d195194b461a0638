"""Classes of failure found by reading the real SCJN sentences of ../shared as other copies
give them (a shouting copy in capitals, a scanned caption, an engrose, a date typed by
hand), each against sentences written for these tests on the real structures: the
caption (case, parties, PONENTE, COTEJÓ, SECRETARIA), the opening formula, the DECISIÓN
with its points, the closing, the Pleno's votes point by point and the signatures.
Names and numbers are made up. A field the text states unsurely must come out empty.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_person, parse_date

CAPTION = (
    "ACCIÓN DE INCONSTITUCIONALIDAD 71/2024\n\n"
    "PROMOVENTE: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS\n\n"
    "PONENTE: MINISTRA ELENA SOTOMAYOR IBARRA\n\n"
    "COTEJÓ\n\n"
    "SECRETARIA: MARTA GUADALUPE RENTERÍA SOLÍS\n\n"
    "COLABORÓ: DIEGO ALARCÓN VEGA\n\n"
)
OPENING = (
    "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al día diecisiete de junio de dos mil veinticinco, emite la "
    "siguiente:\n\nS E N T E N C I A\n\n"
    "Mediante la cual se resuelve la acción de inconstitucionalidad 71/2024, promovida por "
    "la Comisión Nacional de los Derechos Humanos en contra del artículo 12 de la Ley de "
    "Movilidad del Estado de Tlaxcala.\n\n"
    "I. COMPETENCIA.\n\n1. Este Tribunal Pleno es competente para conocer del asunto.\n\n"
)
DECISION = (
    "IX. DECISIÓN.\n\n"
    "88. Por lo antes expuesto, el Tribunal Pleno de la Suprema Corte de Justicia de la "
    "Nación resuelve:\n\n"
    "PRIMERO. Es procedente y fundada la presente acción de inconstitucionalidad.\n\n"
    "SEGUNDO. Se declara la invalidez del artículo 12 de la Ley de Movilidad del Estado de "
    "Tlaxcala.\n\n"
    "TERCERO. Publíquese esta resolución en el Diario Oficial de la Federación.\n\n"
    "Notifíquese; haciéndolo por medio de oficio a las partes y, en su oportunidad, "
    "archívese el expediente como asunto concluido.\n\n"
)
# the Pleno's votes, point by point, after its closing
VOTES = (
    "Así lo resolvió el Pleno de la Suprema Corte de Justicia de la Nación:\n\n"
    "En relación con el punto resolutivo primero:\n\n"
    "Se aprobó por unanimidad de nueve votos de las señoras Ministras y de los señores "
    "Ministros Arce Villalobos, Benítez Lugo, Sotomayor Ibarra, Ocampo Ruiz, Treviño Luna, "
    "Zamora Prieto, Duarte Cano, Fuentes Mora y Presidenta Nava Castro, respecto de los "
    "apartados I, II y III relativos, respectivamente, a la competencia, a la oportunidad "
    "y a la legitimación.\n\n"
    "En relación con el punto resolutivo segundo:\n\n"
    "Se aprobó por mayoría de ocho votos. El señor Ministro Duarte Cano votó en contra y "
    "anunció voto particular.\n\n"
    "En relación con el punto resolutivo tercero:\n\n"
    "Se aprobó por unanimidad de nueve votos.\n\n"
    "La señora Ministra Presidenta declaró que el asunto se resolvió en los términos "
    "precisados.\n\n"
    "Firman la señora Ministra Presidenta y la señora Ministra ponente con el Secretario "
    "General de Acuerdos, quien da fe.\n\n"
    "PRESIDENTA\n\nMINISTRA ROSA NAVA CASTRO\n\n"
    "PONENTE\n\nMINISTRA ELENA SOTOMAYOR IBARRA\n\n"
    "SECRETARIO GENERAL DE ACUERDOS\n\nLICENCIADO ARTURO MEDINA PONCE\n"
)


def sentence(caption: str = CAPTION, opening: str = OPENING) -> str:
    return caption + opening + DECISION + VOTES


def plain(text: str) -> str:
    """Without accents, as a copy that lost them writes it."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_the_sentence_as_written_gives_its_fields() -> None:
    values = read_sentence(sentence()).values
    assert values["ruling"] == "procedente y fundado"
    assert normalise_person(values["ponente"]) == "Elena Sotomayor Ibarra"
    assert normalise_person(values["secretario"]) == "Marta Guadalupe Rentería Solís"
    assert values["resolution_date"] == "2025-06-17"


@pytest.mark.parametrize("copy", [str.upper, lambda text: plain(text).upper()])
def test_a_copy_in_capitals_reads_the_points_not_the_votes_on_them(copy) -> None:
    """A copy in capitals writes the votes' "EN RELACIÓN CON EL PUNTO RESOLUTIVO PRIMERO:"
    with the ordinal of a point: no heading of the points, the ruling is the points'."""
    shouting = copy(sentence())
    assert "EL PUNTO RESOLUTIVO PRIMERO:" in shouting
    assert read_sentence(shouting).values.get("ruling") == "procedente y fundado"


def test_votes_on_several_points_in_capitals_open_no_point() -> None:
    """Only the votes name a first point ("EN RELACIÓN CON LOS PUNTOS RESOLUTIVOS PRIMERO Y
    SEGUNDO: SE APROBÓ…"; the points themselves lost): no ruling, never the vote's words."""
    text = sentence().replace(DECISION, "").upper()
    text = text.replace("EL PUNTO RESOLUTIVO PRIMERO:", "LOS PUNTOS RESOLUTIVOS PRIMERO:")
    text = text.replace("SE APROBÓ POR UNANIMIDAD", "SE DECLARA INFUNDADA LA PROPUESTA, SE APROBÓ")
    assert "ruling" not in read_sentence(text).values


@pytest.mark.parametrize(
    "label",
    ["SECRETARlA:", "SECRETAR1A:", "SECRETARIA;", "SECRETARlA;"],
)
def test_a_scanned_caption_label_still_names_the_secretaria(label: str) -> None:
    """OCR reads a capital I as a lowercase l or a one, the colon as a semicolon. Mending
    a label never touches a number: the case's "71/2024:" keeps its digits."""
    caption = CAPTION.replace("SECRETARIA:", label).replace("71/2024", "71/2024:")
    text = sentence(caption)
    assert label in text
    values = read_sentence(text).values
    assert normalise_person(values.get("secretario")) == "Marta Guadalupe Rentería Solís"
    assert "INCONSTITUCIONALIDAD 71/2024" in values["expediente"]


def test_a_scanned_ponente_label_with_a_zero_is_the_captions() -> None:
    """ "P0NENTE:" (a zero for the O) in a caption whose closing names no ponente: the
    caption's name, read from the caption."""
    text = sentence(CAPTION.replace("PONENTE:", "P0NENTE:")).replace(
        "PONENTE\n\nMINISTRA ELENA SOTOMAYOR IBARRA\n\n", ""
    )
    reading = read_sentence(text)
    assert normalise_person(reading.values.get("ponente")) == "Elena Sotomayor Ibarra"
    assert reading.sources["ponente"] == "heading"


@pytest.mark.parametrize(
    "engrose",
    ["ENCARGADO DEL ENGROSE: MINISTRO TOMÁS BENÍTEZ LUGO",
     "ENCARGADO DEL ENGROSE:\nMINISTRO TOMÁS BENÍTEZ LUGO",
     "MINISTRO ENCARGADO DEL ENGROSE: TOMÁS BENÍTEZ LUGO"],
)  # fmt: skip
def test_a_caption_with_an_engrose_by_another_names_no_ponente(engrose: str) -> None:
    """The ponente's project rejected, another Ministro engrossed the sentence: two people
    answer for it, and the reader cannot say which one the field means; none (the
    closing's and the signatures' ponente neither)."""
    caption = CAPTION.replace("COTEJÓ", f"{engrose}\n\nCOTEJÓ")
    values = read_sentence(sentence(caption)).values
    assert "ponente" not in values
    assert normalise_person(values["secretario"]) == "Marta Guadalupe Rentería Solís"


def test_a_ponente_who_engrossed_the_sentence_is_the_ponente() -> None:
    caption = CAPTION.replace(
        "COTEJÓ", "ENCARGADA DEL ENGROSE: MINISTRA ELENA SOTOMAYOR IBARRA\n\nCOTEJÓ"
    )
    values = read_sentence(sentence(caption)).values
    assert normalise_person(values["ponente"]) == "Elena Sotomayor Ibarra"


@pytest.mark.parametrize(
    ("written", "day"),
    [("diecisiete de jnuio de dos mil veinticinco", "2025-06-17"),
     ("diecisiete de junio de dos mil veinticnico", "2025-06-17"),
     ("dieciseite de junio de dos mil veinticinco", "2025-06-17"),
     ("diecisiete de juinio de dos mil veinticinco", "2025-06-17"),
     ("diecisiete de setiembe de dos mil veinticinco", "2025-09-17")],
)  # fmt: skip
def test_a_date_in_words_with_one_slip_is_read(written: str, day: str) -> None:
    """A date typed by hand with one letter wrong, missing, extra or two swapped, in the
    opening formula: the one month or number it can be."""
    opening = OPENING.replace("diecisiete de junio de dos mil veinticinco", written)
    assert written in opening
    assert read_sentence(sentence(opening=opening)).values.get("resolution_date") == day


@pytest.mark.parametrize(
    "written",
    ["diecisiete de jurio de dos mil veinticinco",  # junio or julio?
     "diecisiete de junio de dos mil seienta",  # sesenta or setenta?
     "diecisiete de mayor de dos mil veinticinco",  # "mayo" is too short to guess
     "dose de junio de dos mil veinticinco"],  # "doce" or "dos"?
)  # fmt: skip
def test_a_date_that_could_be_two_is_left_empty(written: str) -> None:
    opening = OPENING.replace("diecisiete de junio de dos mil veinticinco", written)
    assert read_sentence(sentence(opening=opening)).values.get("resolution_date") is None
    assert parse_date(written) is None


@pytest.mark.parametrize(
    ("written", "name"),
    [("Ministra Presidenta Rosa Nava Castro", "Rosa Nava Castro"),
     ("MAGISTRADO PRESIDENTE JUAN ORTEGA LIRA", "Juan Ortega Lira"),
     ("Ministro ponente Tomás Benítez Lugo", "Tomás Benítez Lugo"),
     ("Magistrada Instructora Ana Ruiz Soto", "Ana Ruiz Soto"),
     ("Magistrado Relator Luis Gómez Paz", "Luis Gómez Paz"),
     ("Secretario de Estudio y Cuenta Juan Pérez López", "Juan Pérez López"),
     ("SECRETARIA DE ESTUDIO Y PROYECTO MARÍA DE LA LUZ RÍOS", "María de la Luz Ríos"),
     ("Secretaria en funciones de Magistrada Ana Ruiz Soto", "Ana Ruiz Soto"),
     ("Encargado del engrose Ministro Tomás Benítez Lugo", "Tomás Benítez Lugo"),
     ("Elena Sotomayor Ibarra (Ponente)", "Elena Sotomayor Ibarra")],
)  # fmt: skip
def test_a_persons_office_is_no_part_of_the_name(written: str, name: str) -> None:
    """One judge is one ponente however a caption or a listing writes the office."""
    assert normalise_person(written) == name


@pytest.mark.parametrize(
    "office",
    ["Magistrada Presidenta", "Juez Primero de lo Penal", "Secretario de Estudio y Cuenta",
     "Ministro Presidente ****", "PRESIDENTA"],
)  # fmt: skip
def test_an_office_without_a_name_is_kept_as_written(office: str) -> None:
    assert normalise_person(office) == office


REAL = next(
    (c for f in Path(__file__).parents if (c := f / "shared" / "corpus" / "real").is_dir()), None
)


@pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is not present")
def test_real_sentences_read_the_same_in_capitals_and_without_accents() -> None:
    """The real SCJN sentences as a shouting copy or one without accents: the same ruling
    and resolution date as the published text gives."""
    assert REAL is not None
    records = sorted((REAL / "scjn-sentencias").glob("record_*.json"))
    assert records
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record["text"]
        whole = read_sentence(text).values
        assert whole["resolution_date"] == record["date"], path.name
        for copy in (text.upper(), plain(text)):
            values = read_sentence(copy).values
            assert values.get("resolution_date") == record["date"], path.name
            assert plain(values.get("ruling") or "") == plain(whole["ruling"]), path.name


# A vote published after the sentence in the same file, as the SCJN publishes them: its
# heading, its own account of the decision (the points it disputes quoted), its signature.
VOTE = (
    "\nVOTO PARTICULAR QUE FORMULA EL MINISTRO JAVIER DUARTE CANO EN LA ACCIÓN DE "
    "INCONSTITUCIONALIDAD 71/2024.\n\n"
    "En sesión de veinte de junio de dos mil veinticinco, el Tribunal Pleno resolvió la "
    "acción citada. Respetuosamente, disiento de la decisión de la mayoría.\n\n"
    + (
        "A mi juicio, la norma impugnada no vulnera el derecho a la seguridad jurídica, pues "
        "el legislador local tiene libertad de configuración en la materia, como lo sostuvo "
        "este Tribunal Pleno en la acción de inconstitucionalidad 33/2015.\n\n"
    )
    * 200
    + "Por lo expuesto y fundado, se resuelve:\n\n"
    "PRIMERO. Se sobresee en la presente acción de inconstitucionalidad.\n\n"
    "MINISTRO\n\nJAVIER DUARTE CANO\n"
)


@pytest.mark.parametrize("heading", ["VOTO PARTICULAR QUE FORMULA", "Voto concurrente que formula"])
def test_a_vote_published_after_the_sentence_is_not_read_as_it(heading: str) -> None:
    """The vote's points, its signature and its date are the Ministro's, not the
    sentence's: the ruling and the resolution date are the sentence's own, and a caption
    that lost its ponente line still has the ponente who signs the sentence."""
    vote = VOTE.replace("VOTO PARTICULAR QUE FORMULA", heading)
    caption = CAPTION.replace("PONENTE: MINISTRA ELENA SOTOMAYOR IBARRA\n\n", "")
    reading = read_sentence(sentence(caption) + vote)
    assert reading.values.get("ruling") == "procedente y fundado"
    assert reading.values.get("resolution_date") == "2025-06-17"
    assert normalise_person(reading.values.get("ponente")) == "Elena Sotomayor Ibarra"
