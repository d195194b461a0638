"""A sentence's text as a PDF gives it: a closing paragraph broken into lines, a word split
at a line's end ("Supremo Tri-⏎bunal"), a spaced "A S Í", an ordinal in figures ("1o.
Tribunal Colegiado"), the signatures right under the closing. The resolving court is read
through those, and never with a signer's line taken for part of its name. A TFJA sala's
caption labels its number "JUICIO CONTENCIOSO ADMINISTRATIVO NÚM.:". The shapes follow
published sentences of state high courts, circuit courts and the TFJA."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer.analysis import fold_keyword
from indexer.readers.artifacts import mended
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_person

BODY = "\n".join(
    f"{n}. Se estudian los agravios que expresa la parte apelante conforme a las "
    "constancias de autos y a la jurisprudencia aplicable al caso concreto."
    for n in ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO", "SÉPTIMO") * 6
)
TOCA_HEAD = (
    "TOCA PENAL: 1234/2022\nAPELANTE: **********\n\n"
    "Guadalajara, Jalisco, a 1° primero de marzo de 2023 dos mil veintitrés.\n"
    "VISTOS para resolver el toca penal 1234/2022."
)
AMPARO_HEAD = (
    "AMPARO DIRECTO 300/2023\nQUEJOSO: **********\n\n"
    "VISTOS para resolver el amparo directo 300/2023."
)


def sentence(closing: str, head: str = TOCA_HEAD) -> str:
    return (
        f"{head}\n\nR E S U L T A N D O\n{BODY}\n\nPor lo expuesto se resuelve:\n"
        f"PRIMERO. Se confirma la sentencia recurrida.\n{closing}\n"
    )


JALISCO = "Segunda Sala Penal del Supremo Tribunal de Justicia del Estado de Jalisco"
CIVIL_1 = "Primer Tribunal Colegiado en Materia Civil del Primer Circuito"


@pytest.mark.parametrize(
    ("closing", "head", "court"),
    [("Así lo resolvieron por unanimidad de votos los Magistrados integrantes de la Segunda "
      "Sala Penal del Supremo Tri-\nbunal de Justicia del Estado de Jalisco.", TOCA_HEAD, JALISCO),
     ("A S Í lo resolvió la Segunda Sala Penal del Supremo Tribunal de Justicia del Estado "
      "de Jalisco, por unanimidad de votos.", TOCA_HEAD, JALISCO),
     ("A S I, por unanimidad de votos, lo resolvió el Primer Tribunal Colegiado en Materia "
      "Civil del Primer Circuito.", AMPARO_HEAD, CIVIL_1),
     ("Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del\nPrimer Circuito, "
      "por unanimidad de votos.", AMPARO_HEAD, CIVIL_1),
     ("Así lo resolvió el Primer Tribunal Cole-\ngiado en Materia Civil del Primer Circuito, "
      "por unanimidad de votos.", AMPARO_HEAD, CIVIL_1),
     ("Así lo resolvió el 1o. Tribunal Colegiado en Materia Civil del 1er. Circuito, por "
      "unanimidad de votos.", AMPARO_HEAD, CIVIL_1),
     ("Así lo resolvió el 13° Tribunal Colegiado en Materia Administrativa del Primer "
      "Circuito.", AMPARO_HEAD,
      "Décimo Tercer Tribunal Colegiado en Materia Administrativa del Primer Circuito"),
     ("Así lo resolvió el 21o. Tribunal Colegiado en Materia Administrativa del 1er. "
      "Circuito, por unanimidad de votos.", AMPARO_HEAD,
      "Vigésimo Primer Tribunal Colegiado en Materia Administrativa del Primer Circuito"),
     ("Así lo resolvió el Primer Tribunal Colegiado en Materias Penal y Civil del 32° "
      "Circuito, por unanimidad de votos.", AMPARO_HEAD,
      "Primer Tribunal Colegiado en Materias Penal y Civil del Trigésimo Segundo Circuito"),
     ("Así lo resolvió la Primera Sala de la Suprema Corte de Justicia de la Na-\nción, por "
      "unanimidad de cinco votos.", AMPARO_HEAD, "Primera Sala de la SCJN")],
)  # fmt: skip
def test_the_closing_court_is_read_through_the_pdfs_breaks(
    closing: str, head: str, court: str
) -> None:
    assert read_sentence(sentence(closing, head)).values.get("court") == court


@pytest.mark.parametrize(
    "closing",
    ["Así lo resolvió la Segunda Sala\nLIC. JUAN PÉREZ SOTO\nMAGISTRADO PRESIDENTE",
     "Así lo resolvió la Segunda Sala\nJUAN PÉREZ SOTO\nMAGISTRADO PRESIDENTE\nFIRMAS",
     "Así lo resolvió el Primer Tribunal Colegiado del\nMAGISTRADO PRESIDENTE\nJUAN PÉREZ"],
)  # fmt: skip
def test_a_signers_line_under_the_closing_is_no_part_of_the_court(closing: str) -> None:
    """Where the court's name stops at the line's end, the signatures under it are not
    run on into it ("Segunda Sala LIC", "Segunda Sala JUAN PÉREZ SOTO MAGISTRADO…"):
    unsure, the court stays empty."""
    assert "court" not in read_sentence(sentence(closing)).values


def test_the_letterhead_gives_way_to_a_formula_split_over_lines() -> None:
    """The judiciary's letterhead is no court: the formula's circuit court, its name split
    at a line's end by the PDF, is the one that resolves."""
    head = (
        "PODER JUDICIAL DE LA FEDERACIÓN\nAMPARO EN REVISIÓN 88/2024\nRECURRENTE: **********"
        "\n\nZapopan, Jalisco. Sentencia del Tercer Tribu-\nnal Colegiado en Materia "
        "Administrativa del Tercer Circuito, correspondiente a la sesión de\ntreinta de abril "
        "de dos mil veinticuatro.\n\nV I S T O S para resolver el amparo en revisión 88/2024."
    )
    values = read_sentence(sentence("Notifíquese.", head)).values
    assert values["court"] == (
        "Tercer Tribunal Colegiado en Materia Administrativa del Tercer Circuito"
    )
    assert values["resolution_date"] == "2024-04-30"


TFJA_HEAD = (
    "{label} 12345/22-17-05-3\nACTOR: **********\nMAGISTRADA INSTRUCTORA: ROSA PÉREZ LUNA\n\n"
    "Ciudad de México, a veintiocho de febrero de dos mil veintitrés.- Visto el estado "
    "procesal de los autos, la Quinta Sala Regional Metropolitana del Tribunal Federal de "
    "Justicia Administrativa dicta sentencia definitiva."
)


@pytest.mark.parametrize(
    "label",
    ["JUICIO CONTENCIOSO ADMINISTRATIVO NÚM.:", "JUICIO CONTENCIOSO ADMINISTRATIVO:",
     "JUICIO CONTENCIOSO ADMINISTRATIVO NO.", "JUICIO NÚM.:", "JUICIO DE NULIDAD:"],
)  # fmt: skip
def test_a_tfja_juicio_label_gives_the_sentences_number(label: str) -> None:
    text = sentence("Notifíquese.", TFJA_HEAD.format(label=label))
    assert read_sentence(text).values.get("expediente") == "12345/22-17-05-3"


def test_a_juicio_an_amparo_comes_from_is_not_its_number() -> None:
    """A circuit court's caption may name the TFJA juicio the amparo comes from: the
    amparo's number is the sentence's, the juicio's never."""
    head = AMPARO_HEAD.replace("\n\n", "\nJUICIO DE NULIDAD: 12345/22-17-05-3\n\n", 1)
    assert read_sentence(sentence("Notifíquese.", head)).values["expediente"] == (
        "AMPARO DIRECTO 300/2023"
    )


@pytest.mark.parametrize(
    ("written", "whole"),
    [("Supremo Tri-\nbunal de Justicia", "Supremo Tribunal de Justicia"),
     ("Región Centro-\nSur", "Región Centro-Sur"),
     ("Tri\u00adbunal", "Tribunal"),
     ("la 2a. Sala Penal", "la Segunda Sala Penal"),
     ("el 1o. Tribunal Colegiado del 3er. Circuito",
      "el Primer Tribunal Colegiado del Tercer Circuito"),
     ("el 21o. Tribunal Colegiado del 32° Circuito",
      "el Vigésimo Primer Tribunal Colegiado del Trigésimo Segundo Circuito"),
     ("el 23er. TRIBUNAL COLEGIADO DEL 30o. CIRCUITO",
      "el VIGÉSIMO TERCER TRIBUNAL COLEGIADO DEL TRIGÉSIMO CIRCUITO"),
     ("la 21a. Sala", "la Vigésima Primera Sala"),
     ("del\nPrimer Circuito\n\nNotifíquese", "del Primer Circuito\n\nNotifíquese"),
     ("Sala\nLIC. JUAN PÉREZ", "Sala\nLIC. JUAN PÉREZ")],
)  # fmt: skip
def test_a_passage_is_mended_as_written(written: str, whole: str) -> None:
    assert mended(written) == whole


CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
EXPECTED = Path(__file__).parents[2] / "bench" / "metadata_expected.json"
REAL = json.loads(EXPECTED.read_text(encoding="utf-8"))["real"]


@pytest.mark.skipif(not (CORPUS / "real").exists(), reason="the shared real corpus is absent")
@pytest.mark.parametrize("name", [name for name in REAL if name.endswith(".json")])
def test_real_sentences_name_their_ponente_from_the_caption(name: str) -> None:
    """The ponente is the caption's (never a dissent's or a cited precedent's), titles off."""
    text = json.loads((CORPUS / name).read_text(encoding="utf-8"))["text"]
    read = normalise_person(read_sentence(text).values.get("ponente"))
    assert fold_keyword(read or "") == fold_keyword(REAL[name]["ponente"])


@pytest.mark.parametrize(
    "closing",
    ["Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del Primer Circuito, en "
     "sesión de\nveinticinco de mayo de dos mil veintitrés, por unanimidad de votos.",
     "Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del Primer Circuito, en "
     "sesión de veinticinco de mayo de\ndos mil veintitrés, por unanimidad de votos."],
)  # fmt: skip
def test_the_closing_date_is_read_across_a_line_break(closing: str) -> None:
    """Where only the closing dates the sentence (the opening cites another's date), a date
    the PDF broke over two lines is read whole."""
    head = AMPARO_HEAD.replace(
        "300/2023.",
        "300/2023, promovido contra la sentencia de doce de enero de dos mil veintidós.",
    )
    assert read_sentence(sentence(closing, head)).values.get("resolution_date") == "2023-05-25"


@pytest.mark.parametrize(
    "head",
    ["1o. TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL PRIMER CIRCUITO\n" + AMPARO_HEAD,
     "PRIMER TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL 1ER. CIRCUITO\n" + AMPARO_HEAD,
     "Ciudad de México. Acuerdo del 1er. Tribunal Colegiado en Materia Civil del Primer "
     "Circuito, correspondiente a la sesión de diez de mayo de dos mil veintitrés.\n\n"
     + AMPARO_HEAD],
)  # fmt: skip
def test_an_ordinal_in_figures_names_the_court_whole(head: str) -> None:
    """ "1o." is the court's ordinal: read in words, never dropped (the formula's "1er.
    Tribunal Colegiado…" was read as "Tribunal Colegiado en Materia Civil del Primer
    Circuito", a court with no number: another one, or none)."""
    assert read_sentence(sentence("Notifíquese.", head)).values.get("court") == CIVIL_1


def test_a_closings_ponente_split_at_a_lines_end_is_read_whole() -> None:
    closing = (
        f"Así lo resolvieron por unanimidad los Magistrados integrantes de la {JALISCO}, "
        "siendo ponente el Magistrado Juan Pé-\nrez López, ante el Secretario de Acuerdos."
    )
    assert read_sentence(sentence(closing)).values.get("ponente") == "Juan Pérez López"


@pytest.mark.parametrize(
    "labelled",
    ["JUZGADO DE ORIGEN:\nJUZGADO TERCERO DE LO PENAL DEL PRIMER DISTRITO JUDICIAL",
     "JUZGADO DE ORIGEN\tJUZGADO TERCERO DE LO PENAL DEL PRIMER DISTRITO JUDICIAL",
     "AUTORIDAD RESPONSABLE | SEGUNDA SALA PENAL DEL SUPREMO TRIBUNAL DE JUSTICIA",
     "AUTORIDAD RESPONSABLE:\n\nSEGUNDA SALA PENAL DEL SUPREMO TRIBUNAL DE JUSTICIA DEL "
     "ESTADO DE JALISCO",
     "JUZGADO DE DISTRITO:\nJUZGADO SEGUNDO DE DISTRITO EN MATERIA ADMINISTRATIVA EN EL "
     "ESTADO DE JALISCO"],
)  # fmt: skip
def test_a_court_a_caption_label_gives_is_not_the_one_that_resolves(labelled: str) -> None:
    """A caption's label with its value on the next line or in the next cell names the
    court the case comes from or the responsible authority, as "LABEL: value" on one line
    does: never the sentence's own court (unsure, none)."""
    head = AMPARO_HEAD.replace("\n\n", f"\n{labelled}\n\n", 1)
    assert "court" not in read_sentence(sentence("Notifíquese.", head)).values
