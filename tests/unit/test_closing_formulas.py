"""A sentence's closing paragraph as courts write it, with or without "lo", the vote
between the verb and who resolved ("Así lo resolvieron, por unanimidad de votos, los
Magistrados integrantes del Primer Tribunal Colegiado…", "Así, por unanimidad de votos,
resolvieron los Magistrados que integran la Tercera Sala Penal…"), or a judge's "lo
sentenció y firma". The court the members belong to resolved; one named after them (a
court whose criterion they follow) did not. The signers under the closing are kept apart
from the searchable text however the closing opens. Shapes written after the federal
circuit courts', the state high courts' salas and the TFJA's published sentences."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence
from indexer.readers.signatures import split_signatures

BODY = "\n".join(
    f"{n}. Consideración sobre los agravios de la parte apelante, que se estudian en su "
    "conjunto conforme a las constancias de autos y a la jurisprudencia aplicable."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO")
)
SIGNERS = "MAGISTRADO PRESIDENTE\nLIC. LUIS GÓMEZ PAZ\n\nSECRETARIA DE ACUERDOS\nLIC. EVA GIL MORA"


def sentence(caption: str, closing: str) -> str:
    """Caption, opening, background, considerations, operative points, closing, signers."""
    return (
        f"{caption}\n\nV I S T O S para resolver los autos; y\n\nR E S U L T A N D O\n{BODY}\n\n"
        f"C O N S I D E R A N D O\n{BODY}\n\nPor lo expuesto, se resuelve:\n\nPRIMERO. Se "
        f"confirma la resolución recurrida.\n\nSEGUNDO. Notifíquese.\n\n{closing}\n\n{SIGNERS}\n"
    )


TFJA = "Tribunal Federal de Justicia Administrativa"


@pytest.mark.parametrize(
    ("closing", "court"),
    [("Así lo resolvieron, por unanimidad de votos, los Magistrados integrantes del Primer "
      "Tribunal Colegiado en Materia Civil del Tercer Circuito, siendo ponente el Magistrado "
      "Juan Pérez López, quienes firman con la Secretaria de Acuerdos que autoriza y da fe.",
      "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"),
     ("Así, por unanimidad de votos, resolvieron los Magistrados que integran la Tercera Sala "
      "Penal del Tribunal Superior de Justicia del Estado de Michoacán, siendo ponente la "
      "Magistrada Ana Ruiz Soto, ante la Secretaria de Acuerdos que autoriza y da fe.",
      "Tercera Sala Penal del Tribunal Superior de Justicia del Estado de Michoacán"),
     # a numbered sala named by its court alone (Jalisco's salas: "Décima Sala del…")
     ("Así lo resolvieron por unanimidad de votos los Magistrados integrantes de la Décima "
      "Sala del Supremo Tribunal de Justicia del Estado de Jalisco, ante la Secretaria de "
      "Acuerdos que autoriza y da fe.",
      "Décima Sala del Supremo Tribunal de Justicia del Estado de Jalisco"),
     ("Así lo resolvió la Primera Sala del H. Tribunal Superior de Justicia del Estado, por "
      "unanimidad de votos.", "Primera Sala del H. Tribunal Superior de Justicia del Estado"),
     ("Así lo resolvieron, por mayoría de votos, los CC. Magistrados que integran la Segunda "
      f"Sala Regional del Noreste del {TFJA}, ante el Secretario de Acuerdos, quien da fe.",
      f"Segunda Sala Regional del Noreste del {TFJA}")],
)  # fmt: skip
def test_the_court_whose_members_resolved_is_read_with_the_vote_between(
    closing: str, court: str
) -> None:
    reading = read_sentence(sentence("TOCA PENAL: 245/2024", closing))
    assert reading.values["court"] == court


def test_a_sala_not_numbered_named_by_its_court_alone_is_no_court() -> None:
    closing = (
        "Así lo resolvieron por unanimidad de votos los Magistrados integrantes de la Sala del "
        "Tribunal Superior de Justicia del Estado, ante la Secretaria que da fe."
    )
    assert "court" not in read_sentence(sentence("TOCA PENAL: 245/2024", closing)).values


def test_a_court_named_after_the_members_is_not_the_one_that_resolved() -> None:
    closing = (
        "Así lo resolvieron, por unanimidad de votos, los Magistrados integrantes de esta "
        "Sala, conforme al criterio del Primer Tribunal Colegiado en Materia Civil del Tercer "
        "Circuito, ante la Secretaria de Acuerdos que autoriza y da fe."
    )
    assert "court" not in read_sentence(sentence("TOCA PENAL: 245/2024", closing)).values


def test_a_judges_closing_with_lo_sentencio_names_the_ponente() -> None:
    closing = (
        "Así, definitivamente juzgando, lo sentenció y firma la Licenciada Ana Ruiz Soto, "
        "Jueza Primero de lo Familiar del Primer Distrito Judicial, ante la Secretaria de "
        "Acuerdos que autoriza y da fe."
    )
    reading = read_sentence(sentence("EXPEDIENTE: 845/2023", closing))
    assert reading.values["ponente"] == "Ana Ruiz Soto"


@pytest.mark.parametrize(
    "closing",
    ["Así resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación, por "
     "unanimidad de cinco votos, en sesión de trece de agosto de dos mil veinticinco.",
     "Así, por unanimidad de votos, resolvieron los Magistrados que integran la Tercera Sala "
     "Penal del Tribunal Superior de Justicia del Estado, en sesión de veinte de mayo de dos "
     "mil veinticuatro."],
)  # fmt: skip
def test_the_signers_after_a_closing_without_lo_are_kept_apart(closing: str) -> None:
    body, signatures = split_signatures(sentence("TOCA PENAL: 245/2024", closing))
    assert body.endswith(closing)
    assert signatures == SIGNERS
