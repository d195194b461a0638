"""A sentence's own court is the one its text says resolved it, never the first federal
body its opening happens to name: a state court or a circuit court cites the Suprema Corte's
and the TEPJF's chambers (a precedent, a jurisprudence thesis, a transcribed criterion)
near the top, and taking one for the sentence's court is worse than leaving it empty.

The openings follow the shapes of a state's tocas (``real/pj-jalisco``), a colegiado's
amparo and a local electoral court's juicio; the SCJN's and TEPJF's own follow their
published sentences (``real/scjn-sentencias``)."""

from __future__ import annotations

import pytest

from indexer.citations.courts import court_key
from indexer.citations.issuers import Holder, names
from indexer.readers.judgments import read_sentence

STATE_TOCA = (
    "PODER JUDICIAL DEL ESTADO DE JALISCO\n"
    "TOCA PENAL 412/2024\n\n"
    "Guadalajara, Jalisco, a once de marzo de dos mil veinticinco.\n\n"
    "V I S T O S para resolver los autos del toca penal 412/2024, formado con motivo del "
    "recurso de apelación interpuesto por la defensa en contra del auto de vinculación a "
    "proceso dictado por el Juez de Control del Primer Distrito Judicial; y,\n\n"
    "{cited}\n\n"
    "R E S U L T A N D O\n\n"
    "PRIMERO. El auto recurrido se dictó el dos de febrero de dos mil veinticinco.\n"
)
STATE_CITES = [
    "Al respecto, el Pleno de la Suprema Corte de Justicia de la Nación, al resolver la "
    "contradicción de tesis 293/2011, sostuvo que las restricciones constitucionales "
    "prevalecen.",
    "Es aplicable la jurisprudencia 1a./J. 35/2019 (10a.), de la Primera Sala de la Suprema "
    'Corte de Justicia de la Nación, de rubro: "AUTO DE VINCULACIÓN A PROCESO. SU ESTUDIO."',
    # a PDF's line break puts the precedent's words at a line's start mid-sentence
    "Así se resolvió en la\nsentencia de la Segunda Sala de la Suprema Corte de Justicia de "
    "la Nación en el amparo directo en revisión 123/2020.",
]
COLEGIADO = (
    "Amparo directo 518/2024.\nQuejosa: María Ruiz Soto.\n\n"
    "Vistos, para resolver los autos del amparo directo 518/2024, promovido contra la "
    "sentencia de la Sala Colegiada Civil del Tribunal Superior de Justicia del Estado; y,\n\n"
    "Como lo ha sostenido la Segunda Sala de la Suprema Corte de Justicia de la Nación en "
    "la jurisprudencia 2a./J. 58/2010, el acto reclamado debe apreciarse tal como aparece "
    "probado ante la responsable.\n\n"
    "RESULTANDO:\n\nPRIMERO. Por escrito presentado el cinco de mayo de dos mil "
    "veinticuatro, la quejosa promovió amparo directo.\n"
)
LOCAL_ELECTORAL = (
    "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DEL CIUDADANO\n"
    "EXPEDIENTE: TEEJ-JDC-045/2024\n\n"
    "Guadalajara, Jalisco, a doce de junio de dos mil veinticuatro.\n\n"
    "Sentencia que resuelve el juicio ciudadano TEEJ-JDC-045/2024. {cited}\n\n"
    "ANTECEDENTES\n\n1. Jornada electoral. El dos de junio se celebró la elección.\n"
)
ELECTORAL_CITES = [
    "La Sala Superior del Tribunal Electoral del Poder Judicial de la Federación ha "
    "sostenido que el interés jurídico se surte cuando se afecta un derecho propio.",
    "Lo mismo resolvió la Sala Regional Guadalajara del Tribunal Electoral del Poder "
    "Judicial de la Federación, correspondiente a la Primera Circunscripción Plurinominal, "
    "con sede en Guadalajara, Jalisco.",
]


@pytest.mark.parametrize("cited", STATE_CITES)
def test_a_state_court_citing_the_scjn_is_not_the_scjn(cited: str) -> None:
    """Its caption names only the judiciary: that is kept, the cited chamber is not."""
    court = read_sentence(STATE_TOCA.format(cited=cited)).values.get("court")
    assert court == "Poder Judicial del Estado de Jalisco"


def test_a_colegiado_citing_the_scjn_has_no_court_read() -> None:
    assert "court" not in read_sentence(COLEGIADO).values


@pytest.mark.parametrize("cited", ELECTORAL_CITES)
def test_a_local_electoral_court_citing_the_tepjf_is_not_the_tepjf(cited: str) -> None:
    assert "court" not in read_sentence(LOCAL_ELECTORAL.format(cited=cited)).values


SCJN_OWN = (
    "AMPARO DIRECTO EN REVISIÓN 1309/2023\nQUEJOSO Y RECURRENTE: JUAN PÉREZ LÓPEZ\n\n"
    "PONENTE: MINISTRO JORGE MARIO PARDO REBOLLEDO\n\n"
    "V I S T O S para resolver los autos del amparo directo en revisión 1309/2023; y,\n\n"
    "Esta Primera Sala de la Suprema Corte de Justicia de la Nación es competente para "
    "conocer del presente recurso de revisión.\n"
)
TEPJF_OWN = (
    "JUICIO ELECTORAL\nEXPEDIENTE: SUP-JE-112/2024\nACTOR: PARTIDO POLÍTICO\n\n"
    "Sentencia de la Sala Superior del Tribunal Electoral del Poder Judicial de la "
    "Federación que confirma la resolución impugnada.\n\n"
    "ANTECEDENTES\n\n1. Queja. El actor presentó una queja.\n"
)


@pytest.mark.parametrize(
    ("text", "court"),
    [(SCJN_OWN, "Primera Sala de la SCJN"),
     (TEPJF_OWN, "Sala Superior del TEPJF")],
)  # fmt: skip
def test_a_court_that_names_itself_is_the_sentences(text: str, court: str) -> None:
    reading = read_sentence(text)
    assert reading.values["court"] == court
    assert reading.sources["court"] == "heading"


# the same sentences written in capitals, as some published versions are: a line of prose
# is no caption, so its words never join the court's name
SHOUTED = (
    "AMPARO DIRECTO EN REVISIÓN 1309/2023\n\n"
    "ESTA PRIMERA SALA DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN ES COMPETENTE PARA "
    "CONOCER\nDEL PRESENTE RECURSO.\n"
)
SHOUTED_STATE = (
    "TERCERA SALA PENAL DEL SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE JALISCO QUE "
    "RESUELVE\nEL TOCA PENAL 412/2024.\n"
)


def test_a_sentence_in_capitals_is_read_as_prose_not_as_a_caption() -> None:
    assert read_sentence(SHOUTED).values["court"] == "Primera Sala de la SCJN"
    court = read_sentence(SHOUTED_STATE).values.get("court")
    assert court is None or "Resuelve" not in court


STATE_TJA = "Tribunal de Justicia Administrativa del Estado de Sonora"


@pytest.mark.parametrize(
    ("court", "holder", "expected"),
    [  # a state administrative court's own Sala Superior is a state court's
     ("Sala Superior del Tribunal de Justicia Administrativa del Estado de Sonora",
      Holder(None, STATE_TJA, "MX-SON", False), True),
     ("Sala Superior del Tribunal de Justicia Administrativa de la Ciudad de México",
      Holder(None, "Tribunal de Justicia Administrativa de la Ciudad de México", "MX-CMX",
             False), True),
     # bare, or the TEPJF's regional chamber in the capital, it stays the federal one
     ("Sala Superior", Holder(None, STATE_TJA, "MX-SON", False), False),
     ("Sala Regional Ciudad de México",
      Holder(None, "Tribunal Electoral de la Ciudad de México", "MX-CMX", False), False)],
)  # fmt: skip
def test_a_state_s_sala_superior_is_a_state_court(
    court: str, holder: Holder, expected: bool
) -> None:
    assert names("RR 12/2024", court_key(court), holder) is expected
