"""A caption's ponente and secretario written without the label's colon: the label
vocabulary is closed (ponente, secretario, secretario de estudio y cuenta, proyectista,
engrose, colaboró…), so the name after a known label word is read, and it ends where the
next label starts; another office's secretary, or prose, gives none."""

import pytest

from indexer.readers.judgments import read_ponente, read_secretario

OPENING = (
    "\n\nCiudad de México. Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la "
    "Nación, correspondiente a la sesión del trece de agosto de dos mil veinticinco, en el "
    "que se emite la siguiente sentencia.\n\nV I S T O S para resolver los autos del amparo "
    "directo en revisión 1410/2024, y\n"
)


def _sentence(caption: str) -> str:
    return "AMPARO DIRECTO EN REVISIÓN 1410/2024\nQUEJOSA: ELIMINADO\n" + caption + OPENING


def _name(found: tuple[str, int] | None) -> str | None:
    return None if found is None else found[0]


@pytest.mark.parametrize(
    ("caption", "ponente", "secretario"),
    [
        (
            "MINISTRO PONENTE JUAN LUIS GONZÁLEZ ALCÁNTARA CARRANCÁ\n"
            "SECRETARIO CARLOS ADRIÁN LÓPEZ SÁNCHEZ",
            "JUAN LUIS GONZÁLEZ ALCÁNTARA CARRANCÁ",
            "CARLOS ADRIÁN LÓPEZ SÁNCHEZ",
        ),
        (
            "PONENTE MINISTRA LORETTA ORTIZ AHLF SECRETARIA MARÍA FERNANDA RUIZ PÉREZ",
            "MINISTRA LORETTA ORTIZ AHLF",
            "MARÍA FERNANDA RUIZ PÉREZ",
        ),
        (
            "PONENTE.- MINISTRA LORETTA ORTIZ AHLF\nSECRETARIO.- CARLOS LÓPEZ SÁNCHEZ",
            "MINISTRA LORETTA ORTIZ AHLF",
            "CARLOS LÓPEZ SÁNCHEZ",
        ),
        (
            "MINISTRO PONENTE\nJAVIER LAYNEZ POTISEK\nSECRETARIA\nPAULA XIMENA MÉNDEZ AZUELA",
            "JAVIER LAYNEZ POTISEK",
            "PAULA XIMENA MÉNDEZ AZUELA",
        ),
        (
            "PONENTE: MINISTRA LORETTA ORTIZ AHLF\n"
            "SECRETARIO DE ESTUDIO Y CUENTA CARLOS LÓPEZ SÁNCHEZ COLABORÓ ANA GÓMEZ DÍAZ",
            "MINISTRA LORETTA ORTIZ AHLF",
            "CARLOS LÓPEZ SÁNCHEZ",
        ),
        (
            "PONENTE: MINISTRA LORETTA ORTIZ AHLF\nSECRETARIA PROYECTISTA LAURA GÓMEZ DÍAZ",
            "MINISTRA LORETTA ORTIZ AHLF",
            "LAURA GÓMEZ DÍAZ",
        ),
    ],
)
def test_the_name_after_a_label_without_its_colon_is_read(
    caption: str, ponente: str, secretario: str
) -> None:
    text = _sentence(caption)
    assert _name(read_ponente(text)) == ponente
    assert _name(read_secretario(text)) == secretario


def test_a_ponente_whose_project_another_engrossed_is_none_but_the_secretario_is_read() -> None:
    text = _sentence(
        "MINISTRO PONENTE JUAN PÉREZ LÓPEZ ENCARGADO DEL ENGROSE ANA RUIZ SOTO\n"
        "SECRETARIO CARLOS LÓPEZ SÁNCHEZ"
    )
    assert read_ponente(text) is None
    assert _name(read_secretario(text)) == "CARLOS LÓPEZ SÁNCHEZ"


@pytest.mark.parametrize(
    "caption",
    [
        "PONENTE: MINISTRA LORETTA ORTIZ AHLF\nSECRETARIO DE ACUERDOS CARLOS LÓPEZ SÁNCHEZ",
        "PONENTE: MINISTRA LORETTA ORTIZ AHLF\nSECRETARIA AUXILIAR ANA RUIZ SOTO",
        "PONENTE: MINISTRA LORETTA ORTIZ AHLF\nSECRETARIO GENERAL DE ACUERDOS CARLOS LÓPEZ",
        "PONENTE: MINISTRA LORETTA ORTIZ AHLF\nSecretario que autoriza y da fe",
    ],
)
def test_another_secretary_or_prose_after_the_word_gives_no_secretario(caption: str) -> None:
    text = _sentence(caption)
    assert _name(read_ponente(text)) == "MINISTRA LORETTA ORTIZ AHLF"
    assert read_secretario(text) is None


def test_a_surname_like_a_label_word_does_not_cut_the_name() -> None:
    text = _sentence("PONENTE: MINISTRO JUAN COTEJO PÉREZ\nSECRETARIO CARLOS LÓPEZ SÁNCHEZ")
    # never the name cut at the surname ("MINISTRO JUAN"): whole, or none
    assert _name(read_ponente(text)) in (None, "MINISTRO JUAN COTEJO PÉREZ")
    assert _name(read_secretario(text)) == "CARLOS LÓPEZ SÁNCHEZ"
