"""What a sentence tells of other decisions is not about itself. A synopsis or the body
says "En sesión celebrada el cinco de agosto…, este Tribunal Pleno resolvió el diverso
juicio…": that session is not the one the sentence was given in, nor is a paragraph
"Por unanimidad de diez votos, este Tribunal Pleno resolvió el diverso…" its closing. And a
caption headed "TRIBUNAL PLENO" alone is the Suprema Corte's only where the document says
so (its formula, "esta Suprema Corte", a ministro as ponente, its letterhead): a state's
high court sits as "Tribunal Pleno" too and cites the Suprema Corte's jurisprudence. The
shapes follow the SCJN's public versions (MANIFEST, ``real/scjn-sentencias``) and the
state courts' plenary sentences; a wrong value is worse than none."""

from __future__ import annotations

import pytest

from indexer.build import build_document
from indexer.readers.judgments import read_sentence

BODY = "\n".join(
    f"{n}. Consideración sobre los argumentos planteados, que se estudian conforme a las "
    "constancias de autos y a la jurisprudencia aplicable al caso concreto."
    for n in range(1, 13)
)
FORMULA = (
    "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al doce de agosto de dos mil veinticinco, emite la siguiente:"
    "\n\nS E N T E N C I A\n\nMediante la cual se resuelve el juicio de inconformidad en "
    "materia electoral 56/2025.\n\n"
)
CAPTION = (
    "JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL 56/2025\n\nACTOR: **********\n\nPONENTE: "
    "MINISTRA ANA RUIZ SOTO\n\n"
)


@pytest.mark.parametrize(
    "mention",
    ["En sesión celebrada el cinco de agosto de dos mil veinticinco, este Tribunal Pleno "
     "resolvió el diverso juicio de inconformidad 1/2025.",
     "En la sesión correspondiente al cinco de agosto de dos mil veinticinco, el Tribunal "
     "Pleno desechó el juicio de inconformidad 1/2025, por falta de legitimación."],
)  # fmt: skip
def test_a_past_session_in_the_synopsis_is_not_the_sentences(mention: str) -> None:
    text = f"{CAPTION}ÍNDICE TEMÁTICO\n\n{mention}\n\n{FORMULA}A N T E C E D E N T E S\n{BODY}"
    values = read_sentence(text).values
    assert values["resolution_date"] == "2025-08-12"
    assert values["court"] == "Pleno de la SCJN"


def test_a_paragraph_telling_of_another_decision_is_no_closing() -> None:
    text = (
        "TOCA PENAL: 88/2024\n\nV I S T O S para resolver el toca penal 88/2024; y\n\n"
        f"R E S U L T A N D O\n{BODY}\n\nPor unanimidad de votos, este Tribunal Pleno resolvió, "
        "en sesión de cinco de agosto de dos mil veinte, el diverso toca penal 12/2020, "
        "por lo que se reitera.\n\nÚNICO. Se confirma la resolución apelada.\n"
    )
    values = read_sentence(text).values
    assert "resolution_date" not in values
    assert values["expediente"] == "Toca Penal 88/2024"


STATE_PLENO = (
    "TRIBUNAL PLENO\n\nTOCA: 45/2023\n\nMAGISTRADO PONENTE: JUAN PÉREZ LÓPEZ\n\n"
    "V I S T O S para resolver los autos del toca 45/2023, conforme a la jurisprudencia de "
    "la Suprema Corte de Justicia de la Nación que se cita más adelante; y\n\n"
    f"R E S U L T A N D O\n{BODY}\n\nÚNICO. Se confirma la resolución apelada.\n"
)


def test_a_bare_tribunal_pleno_citing_the_suprema_corte_is_not_the_courts() -> None:
    assert read_sentence(STATE_PLENO).values["court"] == "Tribunal Pleno"


@pytest.mark.parametrize("institution", ["Archivo local", ""])
def test_a_state_pleno_indexed_from_disk_is_never_the_suprema_cortes(institution: str) -> None:
    doc = build_document(
        kind="sentencia", source_id="local", institution=institution, jurisdiction="MX",
        url="file:///sentencias/toca-45.pdf", fields={}, text=STATE_PLENO,
    )  # fmt: skip
    assert "SCJN" not in (doc.court or "")
    assert "SCJN" not in doc.title


@pytest.mark.parametrize(
    "evidence",
    ["SUPREMA CORTE DE JUSTICIA DE LA NACIÓN\nTRIBUNAL PLENO\n\nCONTROVERSIA CONSTITUCIONAL "
     "45/2023\n\nPONENTE: JUAN PÉREZ LÓPEZ",
     "TRIBUNAL PLENO\n\nCONTROVERSIA CONSTITUCIONAL 45/2023\n\nPONENTE: MINISTRO JUAN PÉREZ LÓPEZ",
     "TRIBUNAL PLENO\n\nCONTROVERSIA CONSTITUCIONAL 45/2023\n\nMINISTRO PONENTE: JUAN PÉREZ LÓPEZ"],
)  # fmt: skip
def test_a_bare_tribunal_pleno_is_the_suprema_cortes_where_the_document_says(
    evidence: str,
) -> None:
    text = (
        f"{evidence}\n\nV I S T O S para resolver la controversia constitucional 45/2023; y\n\n"
        f"R E S U L T A N D O\n{BODY}\n"
    )
    assert read_sentence(text).values["court"] == "Pleno de la SCJN"


def test_a_state_high_courts_letterhead_keeps_its_pleno() -> None:
    text = "TRIBUNAL SUPERIOR DE JUSTICIA DEL ESTADO DE NUEVO LEÓN\n" + STATE_PLENO
    assert read_sentence(text).values["court"] == (
        "Pleno del Tribunal Superior de Justicia del Estado de Nuevo León"
    )


def test_a_precedents_ministro_in_a_footnote_makes_no_pleno_the_suprema_cortes() -> None:
    footnote = (
        "[1: Tesis P./J. 12/2020, Tribunal Pleno, Ponente: Ministro Alberto Pérez Dayán. Esta "
        "Suprema Corte de Justicia de la Nación ha sostenido el criterio que se transcribe.]\n\n"
    )
    text = STATE_PLENO.replace("R E S U L T A N D O\n", f"R E S U L T A N D O\n{footnote}")
    assert read_sentence(text).values["court"] == "Tribunal Pleno"
