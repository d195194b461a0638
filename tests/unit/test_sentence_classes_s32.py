"""Two classes of wrong case numbers (written for the project, in the layouts of the SCJN's
and the state high courts' public sentences):

- an SCJN recurso or incidente named by the asunto it is in, with no number of its own
  before ("RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024", "…DERIVADO DE LA…",
  "…RELATIVO A LA…"): the number is the recurso's own in a series named after the asunto,
  or the asunto's, unsure which. It was read as the controversia's ("CC 3/2024"), and a
  citation of it linked there. Now no case and no citation; the recurso's kind is the
  document's proceeding.
- a collegiate court's code ("R.C.", "R.P.", "Q.A.", "A.R.") read as an amparo where it is
  no federal court's: a state sala's "R.C. 7/2024" or "TOCA: R.C. 7/2024" was an «amparo en
  revisión» in matter «amparo», and "el toca penal R.P. 12/2024" cited "AR 12/2024".
"""

from __future__ import annotations

import pytest

from indexer.citations import extract_citations
from indexer.citations.cases import find_cases
from indexer.citations.laws import fold
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

# the Pleno's opening formula and a body, as the SCJN's sentences run
SCJN_OPENING = (
    "\n\nRECURRENTE: PODER EJECUTIVO DEL ESTADO DE ********\n\n"
    "PONENTE: MINISTRA LORETTA ORTIZ AHLF\n\nSECRETARIO: JUAN PÉREZ LIRA\n\n"
    "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al diecinueve de agosto de dos mil veinticinco, emite la "
    "siguiente\n\nS E N T E N C I A\n\nMediante la cual se resuelve el recurso interpuesto "
    "por el poder recurrente en contra del acuerdo del Ministro instructor.\n\n"
)
SCJN_BODY = "Los agravios son infundados por las razones que se exponen enseguida.\n\n" * 40
SCJN_POINTS = "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Es infundado el recurso.\n"


def _scjn(caption: str) -> dict[str, str]:
    return read_sentence(caption + SCJN_OPENING + SCJN_BODY + SCJN_POINTS).values


QUEJA_IN_CC = "recurso de queja en controversia constitucional"


@pytest.mark.parametrize(
    ("caption", "proceeding", "matter"),
    [
        ("RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024", QUEJA_IN_CC,
         "constitucional"),
        ("RECURSO DE QUEJA RELATIVO A LA CONTROVERSIA CONSTITUCIONAL 3/2024", QUEJA_IN_CC,
         "constitucional"),
        ("Recurso de queja en la controversia constitucional 3/2024", QUEJA_IN_CC,
         "constitucional"),
        ("RECURSO DE QUEJA EN LA\nCONTROVERSIA CONSTITUCIONAL 3/2024", QUEJA_IN_CC,
         "constitucional"),
        ("RECURSO DE QUEJA\nEN LA CONTROVERSIA CONSTITUCIONAL 3/2024", QUEJA_IN_CC,
         "constitucional"),
        ("RECURSO DE QUEJA EN EL INCIDENTE DE SUSPENSIÓN DE LA CONTROVERSIA CONSTITUCIONAL "
         "3/2024", QUEJA_IN_CC, "constitucional"),
        ("RECURSO DE REVISIÓN EN EL INCIDENTE DE SUSPENSIÓN DE LA CONTROVERSIA "
         "CONSTITUCIONAL 12/2024",
         "recurso de revisión en incidente de suspensión (controversia constitucional)",
         "constitucional"),
        ("RECURSO DE RECLAMACIÓN EN LA ACCIÓN DE INCONSTITUCIONALIDAD 3/2024",
         "recurso de reclamación", None),
        ("ACLARACIÓN DE SENTENCIA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024",
         "aclaración de sentencia", None),
        ("INCIDENTE DE INEJECUCIÓN DERIVADO DEL AMPARO EN REVISIÓN 3/2024",
         "incidente de inejecución de sentencia", "amparo"),
    ],
)  # fmt: skip
def test_a_recurso_named_by_the_asunto_it_is_in_takes_no_number_of_the_asunto(
    caption: str, proceeding: str, matter: str | None
) -> None:
    values = _scjn(caption)
    assert values.get("expediente") is None
    assert values.get("proceeding") == proceeding
    assert values.get("matter") == matter


@pytest.mark.parametrize(
    "written",
    ["RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024",
     "RECURSO DE QUEJA DERIVADO DE LA CONTROVERSIA CONSTITUCIONAL 3/2024",
     "RECURSO DE RECLAMACIÓN EN LA ACCIÓN DE INCONSTITUCIONALIDAD 3/2024",
     "TOCA PENAL RELATIVO A LA CAUSA PENAL 3/2024"],
)  # fmt: skip
def test_such_a_number_given_whole_keeps_no_type_of_another_asunto(written: str) -> None:
    # (a source's field naming the asunto so: searchable by its number, no CC's key)
    assert normalise_expediente(written) == "3/2024"


def _case_keys(text: str) -> list[str]:
    return [c.key for c in extract_citations(text) if c.kind == "case"]


def test_a_citation_of_such_a_recurso_links_to_no_asunto() -> None:
    text = (
        "Así lo resolvió este Tribunal Pleno en el recurso de queja en la controversia "
        "constitucional 3/2024 y 4/2024, en el recurso de reclamación derivado de la acción "
        "de inconstitucionalidad 9/2023 y en el incidente de inejecución relativo al amparo "
        "en revisión 81/2020; no así en la controversia constitucional 5/2024 ni en el "
        "recurso de queja en controversia constitucional 6/2024, ni en el recurso de "
        "reclamación 45/2024-CA, derivado de la controversia constitucional 12/2023."
    )
    keys = _case_keys(text)
    assert keys == [
        "AR 81/2020",  # (an amparo's number is its own: the incidente is cited by it)
        "CC 5/2024",
        "Recurso de Queja en Controversia Constitucional 6/2024",
        "Recurso de Reclamación 45/2024-CA",
        "CC 12/2023",
    ]
    # the Python reader reads alike (the Rust scanner's, where it is built, is checked too)
    python = [c.key for c in find_cases(text, fold(text))]
    assert python == keys


BODY = "\n\n".join(
    f"{n}. Los agravios se estudian en este considerando y resultan infundados por las "
    "razones que se exponen."
    for n in range(1, 30)
)


def _state(caption: str, opening: str = "") -> str:
    opening = opening or (
        "Visto para resolver el recurso de apelación interpuesto por la parte demandada en "
        "contra de la sentencia definitiva dictada por el Juez Tercero de lo Civil."
    )
    return (
        "PODER JUDICIAL DEL ESTADO DE PUEBLA\nTRIBUNAL SUPERIOR DE JUSTICIA\nSEGUNDA SALA "
        f"CIVIL\n{caption}\n\nPuebla, Puebla, a tres de mayo de dos mil veinticuatro.\n\n"
        f"{opening}\n\nR E S U L T A N D O:\n\n{BODY}\n\nPor lo expuesto y fundado, se "
        "resuelve:\n\nPRIMERO. Se confirma la sentencia apelada.\n\nNotifíquese. Así lo "
        "resolvieron y firman los Magistrados de la Segunda Sala Civil.\n"
    )


@pytest.mark.parametrize(
    "caption", ["R.C. 7/2024", "TOCA: R.C. 7/2024", "A.R. 123/2024", "Q.A. 5/2024"]
)
def test_a_state_salas_code_is_no_amparo(caption: str) -> None:
    values = read_sentence(_state(caption)).values
    assert values["court"] == "Segunda Sala Civil"
    assert values.get("expediente") is None
    assert values.get("proceeding") is None
    assert values.get("matter") == "civil"  # the sala's, not "amparo"


@pytest.mark.parametrize(
    ("caption", "key"),
    [("TOCA: T-45/2024", "Toca T-45/2024"), ("Toca T-45/2024", "Toca T-45/2024"),
     ("TOCA PENAL: 45/2024", "Toca 45/2024"), ("TOCA: T.C. 45/2024", "Toca 45/2024")],
)  # fmt: skip
def test_a_state_salas_toca_keeps_its_number(caption: str, key: str) -> None:
    values = read_sentence(_state(caption)).values
    assert normalise_expediente(values["expediente"]) == key
    assert values["proceeding"] == "toca"


def test_a_code_after_another_types_name_cites_no_amparo() -> None:
    text = (
        "Vistos para resolver los autos del toca penal R.P. 12/2024, y los del amparo en "
        "revisión R.P. 13/2024 que resolvió el Tribunal Colegiado."
    )
    assert _case_keys(text) == ["AR 13/2024"]
    assert [c.key for c in find_cases(text, fold(text))] == ["AR 13/2024"]


def test_a_chambers_number_carries_its_type_and_is_kept() -> None:
    """A TEPJF chamber's number holds its type ("SUP-JDC-1234/2024"): no code of a
    collegiate court, in a court that is none of those (it must stay the case)."""
    text = (
        "JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DE LA CIUDADANÍA\n\n"
        "EXPEDIENTE: SUP-JDC-1234/2024\n\nPONENTE: MAGISTRADA JANINE M. OTÁLORA MALASSIS\n\n"
        "Ciudad de México, a tres de julio de dos mil veinticuatro.\n\nSentencia de la Sala "
        "Superior del Tribunal Electoral del Poder Judicial de la Federación que resuelve el "
        "juicio al rubro indicado.\n\n" + BODY + "\n\nPor lo expuesto y fundado, se resuelve:"
        "\n\nÚNICO. Se confirma el acuerdo impugnado.\n\nNotifíquese. Así lo resolvieron las "
        "magistradas y los magistrados que integran la Sala Superior del Tribunal Electoral "
        "del Poder Judicial de la Federación.\n"
    )
    values = read_sentence(text).values
    assert "Sala Superior" in values["court"]
    assert normalise_expediente(values["expediente"]) == "SUP-JDC-1234/2024"
