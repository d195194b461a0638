"""The SCJN's compound asuntos, each numbered in its own series: the revisión of a
controversia constitucional's suspension ("RECURSO DE REVISIÓN EN INCIDENTE DE SUSPENSIÓN
(CONTROVERSIA CONSTITUCIONAL) 12/2024"), the queja and the reclamación in one. Read as a
plain "Recurso de Revisión 12/2024" or as "CC 12/2024" the number links to another case
(a wrong link is worse than none): each is its own type, or none where the number is the
controversia's ("…DERIVADO DE LA CONTROVERSIA CONSTITUCIONAL 12/2024")."""

import pytest

from indexer.citations import extract_citations
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

# modelled on the SCJN's published sentences: caption, parties, ponente, secretary, the
# Pleno's opening formula
OPENING = (
    "\n\nACTOR Y RECURRENTE: MUNICIPIO DE ********, ESTADO DE ********\n\n"
    "PONENTE: MINISTRO JAVIER LAYNEZ POTISEK\n\nSECRETARIA: ANA LÓPEZ RUIZ\n\n"
    "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al doce de agosto de dos mil veinticinco, emite la siguiente\n\n"
    "S E N T E N C I A\n\nMediante la cual se resuelve el recurso interpuesto por el "
    "municipio actor en contra del acuerdo de la Ministra instructora.\n\n"
)
BODY = "El Pleno estima que el agravio es infundado, por las razones que siguen.\n\n" * 40
POINTS = "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Es infundado el recurso.\n"


def _values(caption: str) -> dict[str, str]:
    return read_sentence(caption + OPENING + BODY + POINTS).values


@pytest.mark.parametrize(
    ("caption", "key", "proceeding", "matter"),
    [
        (
            "RECURSO DE REVISIÓN EN INCIDENTE DE SUSPENSIÓN (CONTROVERSIA CONSTITUCIONAL) 12/2024",
            "Recurso de Revisión en Incidente de Suspensión (Controversia Constitucional) 12/2024",
            "recurso de revisión en incidente de suspensión (controversia constitucional)",
            "constitucional",
        ),
        (
            # without the bracket: which controversia or amparo it is in is unsaid
            "RECURSO DE REVISIÓN EN INCIDENTE DE SUSPENSIÓN 12/2024, DERIVADO DE LA "
            "CONTROVERSIA CONSTITUCIONAL 45/2023",
            "Recurso de Revisión en Incidente de Suspensión 12/2024",
            "recurso de revisión en incidente de suspensión",
            None,
        ),
        (
            "RECURSO DE QUEJA EN CONTROVERSIA CONSTITUCIONAL 3/2024",
            "Recurso de Queja en Controversia Constitucional 3/2024",
            "recurso de queja en controversia constitucional",
            "constitucional",
        ),
        (
            "RECURSO DE RECLAMACIÓN EN CONTROVERSIA CONSTITUCIONAL 45/2024",
            "Recurso de Reclamación en Controversia Constitucional 45/2024",
            "recurso de reclamación en controversia constitucional",
            "constitucional",
        ),
    ],
)
def test_a_compound_scjn_type_is_its_own_series(
    caption: str, key: str, proceeding: str, matter: str | None
) -> None:
    values = _values(caption)
    assert normalise_expediente(values.get("expediente")) == key
    assert values.get("proceeding") == proceeding
    assert values.get("matter") == matter


@pytest.mark.parametrize(
    ("caption", "proceeding"),
    [
        # the number is the controversia's, the document the recurso: neither is its own;
        # the recurso's kind is the document's (its series named after the controversia)
        ("RECURSO DE REVISIÓN EN INCIDENTE DE SUSPENSIÓN DERIVADO DE LA CONTROVERSIA "
         "CONSTITUCIONAL 12/2024",
         "recurso de revisión en incidente de suspensión (controversia constitucional)"),
        ("RECURSO DE RECLAMACIÓN DERIVADO DE LA CONTROVERSIA CONSTITUCIONAL 45/2024",
         "recurso de reclamación en controversia constitucional"),
        # (an incidente's proceeding is the controversia's own: "controversia constitucional")
        ("INCIDENTE DE SUSPENSIÓN DE LA CONTROVERSIA CONSTITUCIONAL 12/2024",
         "controversia constitucional"),
    ],
)  # fmt: skip
def test_a_number_of_the_controversia_it_comes_from_is_not_its_own(
    caption: str, proceeding: str
) -> None:
    values = _values(caption)
    assert values.get("expediente") is None
    assert values.get("proceeding") in (None, proceeding)


@pytest.mark.parametrize(
    ("caption", "key"),
    [
        ("RECURSO DE REVISIÓN 12/2024", "Recurso de Revisión 12/2024"),
        ("RECURSO DE QUEJA 3/2024-CC", "Recurso de Queja 3/2024-CC"),
        (
            "RECURSO DE RECLAMACIÓN 45/2024-CA, DERIVADO DE LA CONTROVERSIA CONSTITUCIONAL 10/2024",
            "Recurso de Reclamación 45/2024-CA",
        ),
        (
            "INCIDENTE DE SUSPENSIÓN (REVISIÓN) 45/2023",
            "Incidente de Suspensión (Revisión) 45/2023",
        ),
    ],
)
def test_the_plain_recursos_keep_their_series(caption: str, key: str) -> None:
    assert normalise_expediente(_values(caption).get("expediente")) == key


def test_a_citation_of_the_suspensions_revision_links_no_plain_revision() -> None:
    text = (
        "Así lo sostuvo este Pleno al resolver el recurso de revisión en incidente de "
        "suspensión (controversia constitucional) 12/2024, y no el recurso de revisión 7/2024."
    )
    keys = [c.key for c in extract_citations(text) if c.kind == "case"]
    assert "Recurso de Revisión 12/2024" not in keys
    assert "CC 12/2024" not in keys
    assert (
        "Recurso de Revisión en Incidente de Suspensión (Controversia Constitucional) 12/2024"
        in keys
    )
    assert "Recurso de Revisión 7/2024" in keys
