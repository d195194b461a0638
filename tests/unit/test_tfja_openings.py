"""The TFJA's own openings, as its sentences are published: a sala regional, especializada
or auxiliar opens after its place and date "…- Integrada la Quinta Sala Regional
Metropolitana del Tribunal Federal de Justicia Administrativa por los Magistrados…", the
Sala Superior's Pleno and Secciones open "Resolución de la Primera Sección de la Sala
Superior del Tribunal…, correspondiente a la sesión de fecha…". The court is read from
them (and the session's date); a sala whose name is no one sala ("Integrada la Sala
Regional del Tribunal…", "la Sala Regional Metropolitana" without its ordinal) or cut
before the Tribunal's name is left empty. Written after the Tribunal's published
sentences."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

TFJA = "Tribunal Federal de Justicia Administrativa"
BODY = "\n".join(
    f"{n}. Consideración sobre los argumentos de las partes, que se estudian conforme a las "
    "constancias de autos y a la jurisprudencia aplicable."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO")
)


def sala_sentence(opening: str) -> str:
    return (
        "JUICIO CONTENCIOSO ADMINISTRATIVO: 4567/23-17-05-3\n\nACTOR: **********\n\n"
        f"Ciudad de México, a veinte de marzo de dos mil veinticuatro.- {opening} se procede a "
        "dictar sentencia definitiva en el juicio al rubro indicado, en los términos "
        f"siguientes:\n\nR E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O\n{BODY}\n\n"
        "Por lo expuesto, se resuelve:\nÚNICO. Se reconoce la validez de la resolución "
        "impugnada.\n"
    )


def superior_sentence(opening: str) -> str:
    return (
        "JUICIO CONTENCIOSO ADMINISTRATIVO NÚM. 1234/22-EC1-01-3/567/23-S1-02-04\n\n"
        f"ACTOR: **********\n\nMAGISTRADO PONENTE: **********\n\n{opening}\n\n"
        "V I S T O S los autos del juicio al rubro citado, y\n\n"
        f"R E S U L T A N D O\n{BODY}\n\nC O N S I D E R A N D O\n{BODY}\n"
    )


@pytest.mark.parametrize(
    ("opening", "court"),
    [(f"Integrada la Quinta Sala Regional Metropolitana del {TFJA} por los Magistrados Juan "
      "Pérez López, Presidente de la Sala, Ana Ruiz Soto y Luis Gómez Díaz, ante la "
      "Secretaria de Acuerdos que actúa y da fe,",
      f"Quinta Sala Regional Metropolitana del {TFJA}"),
     (f"Integrada la Segunda Sala Regional del Norte-Centro II del {TFJA}, por las "
      "Magistradas **********, ********** y el Magistrado **********,",
      f"Segunda Sala Regional del Norte-Centro II del {TFJA}"),
     (f"Integrada la Sala Especializada en Materia de Propiedad Intelectual del {TFJA} "
      "por los Magistrados **********,", f"Sala Especializada en Materia de Propiedad "
      f"Intelectual del {TFJA}"),
     (f"Integrada la Primera Sala Auxiliar del {TFJA} por los Magistrados **********,",
      f"Primera Sala Auxiliar del {TFJA}")],
)  # fmt: skip
def test_an_integrated_salas_opening_names_the_court(opening: str, court: str) -> None:
    values = read_sentence(sala_sentence(opening)).values
    assert values["court"] == court
    assert values["resolution_date"] == "2024-03-20"


@pytest.mark.parametrize(
    ("opening", "court", "date"),
    [(f"Resolución de la Primera Sección de la Sala Superior del {TFJA}, correspondiente a "
      "la sesión de fecha doce de marzo de dos mil veinticuatro.",
      f"Primera Sección de la Sala Superior del {TFJA}", "2024-03-12"),
     (f"Resolución de la Tercera Sección de la Sala Superior del {TFJA}, correspondiente a "
      "la sesión del día siete de mayo de dos mil veinticinco.",
      f"Tercera Sección de la Sala Superior del {TFJA}", "2025-05-07"),
     (f"Resolución del Pleno Jurisdiccional de la Sala Superior del {TFJA}, correspondiente "
      "a la sesión a distancia del día dos de octubre de dos mil veintitrés.",
      f"Pleno Jurisdiccional de la Sala Superior del {TFJA}", "2023-10-02")],
)  # fmt: skip
def test_the_sala_superiors_resolution_names_its_section_or_pleno(
    opening: str, court: str, date: str
) -> None:
    values = read_sentence(superior_sentence(opening)).values
    assert (values["court"], values["resolution_date"]) == (court, date)


@pytest.mark.parametrize(
    "opening",
    [f"Integrada la Sala Regional del {TFJA} por los Magistrados **********,",
     f"Integrada la Sala Regional Metropolitana del {TFJA} por los Magistrados **********,",
     # cut before the Tribunal's name, as a page broke it: not read
     "Integrada la Quinta Sala Regional Metropolitana por los Magistrados **********,",
     f"Integrada la Décima Sala Regional Metropolitana del {TFJA.replace(' Administrativa', '')}"
     "\n\n3\n\nAdministrativa por los Magistrados **********,"],
)  # fmt: skip
def test_no_one_sala_or_a_cut_name_leaves_the_court_empty(opening: str) -> None:
    assert "court" not in read_sentence(sala_sentence(opening)).values
    # (the same opening with one sala's whole name is read)
    named = f"Integrada la Décima Sala Regional Metropolitana del {TFJA} por los Magistrados,"
    court = f"Décima Sala Regional Metropolitana del {TFJA}"
    assert read_sentence(sala_sentence(named)).values["court"] == court
