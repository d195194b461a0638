"""SCJN sentences of every kind of case and era read right: amparo (en revisión, directo,
directo en revisión), contradicción de tesis and de criterios, acción de
inconstitucionalidad, controversia constitucional, recursos de reclamación, queja and
inconformidad, incidente de inejecución, facultad de atracción, declaratoria general,
revisión administrativa, conflicto competencial and the electoral juicio de inconformidad;
Pleno, Primera and Segunda Sala; "México, Distrito Federal. Acuerdo de…, correspondiente
al día…" to "Ciudad de México. El Pleno…, en sesión de…, emite la siguiente".

The texts (``tests/fixtures/scjn_texts``) are written for the project in the layout of
the Court's public versions; each one's fields were written down by reading it. A field
the text does not give one value for (two secretarios, a first point with no outcome
formula) must stay empty: a wrong value is worse than none."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.scjn_fields import comparable
from indexer.citations import extract_citations
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scjn_texts"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_field_is_the_one_the_sentence_states(name: str) -> None:
    read = read_sentence((FIXTURES / name).read_text(encoding="utf-8")).values
    got = {field: comparable(field, read.get(field)) for field in EXPECTED[name]}
    want = {field: comparable(field, value) for field, value in EXPECTED[name].items()}
    assert got == want


def test_the_fixtures_cover_every_court_and_era() -> None:
    courts = {fields["court"] for fields in EXPECTED.values()}
    assert courts == {"Pleno de la SCJN", "Primera Sala de la SCJN", "Segunda Sala de la SCJN"}
    texts = [(FIXTURES / name).read_text(encoding="utf-8") for name in EXPECTED]
    assert any("México, Distrito Federal. Acuerdo" in text for text in texts)
    assert any("Ciudad de México. Acuerdo" in text for text in texts)
    assert any("emite la siguiente" in text for text in texts)


OPENING = (
    "\n\nPONENTE: MINISTRO JUAN PÉREZ LÓPEZ\n\nCiudad de México. Acuerdo del Tribunal Pleno "
    "de la Suprema Corte de Justicia de la Nación, correspondiente al día once de marzo de "
    "dos mil quince.\n\nV I S T O S; y\nR E S U L T A N D O:\n\nPRIMERO. Hechos.\n"
)


@pytest.mark.parametrize(
    "caption",
    ["ACCIÓN DE INCONSTITUCIONALIDAD 22/2014 Y SUS\nACUMULADAS 26/2014, 28/2014 Y 30/2014.",
     "ACCIÓN DE INCONSTITUCIONALIDAD 22/2014 Y SUS ACUMULADAS 26/2014,\n28/2014 Y 30/2014.",
     "ACCIÓN DE INCONSTITUCIONALIDAD 22/2014 Y SUS ACUMULADAS 26/2014, 28/2014\nY 30/2014."],
)  # fmt: skip
def test_accumulated_cases_are_kept_wherever_a_pdf_breaks_the_caption_line(caption: str) -> None:
    read = read_sentence(caption + OPENING).values
    assert normalise_expediente(read["expediente"]) == (
        "AI 22/2014, AI 26/2014, AI 28/2014, AI 30/2014"
    )


@pytest.mark.parametrize(
    "caption", ["AMPARO DIRECTO EN REVISIÓN 1234/2019\n1235/2019",
                "AMPARO DIRECTO EN REVISIÓN 1234/2019 Y\nRECURRENTE: JUAN RUIZ 12/2019"],
)  # fmt: skip
def test_a_number_after_the_caption_case_without_accumulation_is_not_joined(caption: str) -> None:
    read = read_sentence(caption + OPENING).values
    assert normalise_expediente(read["expediente"]) == "ADR 1234/2019"


@pytest.mark.parametrize(
    ("opening", "date"),
    [("Acuerdo de la Primera Sala de la Suprema Cor-\nte de Justicia de la Nación, "
      "correspondiente al día once de marzo de dos mil quince.", "2015-03-11"),
     ("Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la Nación, "
      "correspondiente al día once de marzo de dos mil vein-\ntiuno.", "2021-03-11"),
     ("La Primera Sala de la Suprema Corte de Justicia de la Na-\nción, en sesión "
      "correspondiente al once de mar-\nzo de dos mil veintiuno, emite la siguiente:",
      "2021-03-11")],
)  # fmt: skip
def test_an_opening_a_pdf_hyphenated_is_read_whole(opening: str, date: str) -> None:
    text = f"AMPARO EN REVISIÓN 5/2020\n\nCiudad de México. {opening}\n\nV I S T O S; y\n"
    read = read_sentence(text).values
    assert (read.get("court"), read.get("resolution_date")) == ("Primera Sala de la SCJN", date)


@pytest.mark.parametrize(
    ("point", "ruling"),
    [("Se declara inexistente la contradicción de criterios.", "no existe contradicción"),
     ("Es existente la contradicción de tesis denunciada.", "existe contradicción"),
     ("Se declara procedente y fundado el recurso de reclamación.", "procedente y fundado"),
     ("Resulta procedente pero infundada la queja.", "procedente pero infundado"),
     ("Son procedentes y parcialmente fundadas las acciones de inconstitucionalidad.",
      "procedente y parcialmente fundado"),
     ("No es existente la contradicción de tesis.", None)],
)  # fmt: skip
def test_the_scjns_other_ways_of_stating_an_outcome(point: str, ruling: str | None) -> None:
    text = (
        "CONTRADICCIÓN DE TESIS 12/2019\n\nPor lo expuesto y fundado, se resuelve:\n\n"
        f"PRIMERO. {point}\n\nSEGUNDO. Publíquese.\n\nNotifíquese."
    )
    assert read_sentence(text).values.get("ruling") == ruling


@pytest.mark.parametrize(
    ("lines", "ponente", "secretario"),
    [("PONENTE: MINISTRA OLGA SÁNCHEZ CORDERO DE\nGARCÍA VILLEGAS\nSECRETARIA: ROSA PÉREZ SOTO",
      "olga sánchez cordero de garcía villegas", "rosa pérez soto"),
     ("PONENTE: MINISTRO JUAN LUIS GONZÁLEZ ALCÁNTARA\nCARRANCÁ\nSECRETARIO: JUAN RUIZ LARA",
      "juan luis gonzález alcántara carrancá", "juan ruiz lara"),
     ("PONENTE: MINISTRO JUAN PÉREZ LÓPEZ\nSECRETARIA: MARÍA DE LOS ÁNGELES\nGUTIÉRREZ\n"
      "COLABORÓ: ANA RUIZ", "juan pérez lópez", "maría de los ángeles gutiérrez"),
     # a name cut after a link, its rest not there: unsure, none
     ("PONENTE: MINISTRA OLGA SÁNCHEZ CORDERO DE\n\nSECRETARIO: LUIS ALBERTO TREJO OSORNIO\n"
      "JUAN PÉREZ", None, "luis alberto trejo osornio")],
)  # fmt: skip
def test_a_caption_name_a_line_break_cut_is_read_whole_or_not_at_all(
    lines: str, ponente: str | None, secretario: str | None
) -> None:
    opening = OPENING.replace("\n\nPONENTE: MINISTRO JUAN PÉREZ LÓPEZ", "")
    read = read_sentence(f"AMPARO EN REVISIÓN 5/2020\n\n{lines}{opening}").values
    assert comparable("ponente", read.get("ponente")) == ponente
    assert comparable("secretario", read.get("secretario")) == secretario


_OPENING_PARAGRAPH = re.compile(
    r"^(?:Ciudad de México|México, Distrito Federal)[^\n]*(?:\n(?!\s*\n)[^\n]*)*", re.M
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_short_sentence_without_its_opening_names_its_court_where_it_closes(name: str) -> None:
    """A few pages long, its closing paragraph, signatures and public version's legend are
    more than its last fifth: the closing is still where the court is read, never a court
    the body names."""
    text = _OPENING_PARAGRAPH.sub("", (FIXTURES / name).read_text(encoding="utf-8"), count=1)
    assert read_sentence(text).values.get("court") == EXPECTED[name]["court"]


def test_a_contradiccions_caption_broken_before_a_circuit_court_names_no_court() -> None:
    """The courts whose criteria contend are not the one resolving; where the text has
    neither opening nor closing, the court stays empty."""
    text = (
        "CONTRADICCIÓN DE CRITERIOS 145/2022\n\nENTRE LOS SUSTENTADOS POR EL SEGUNDO TRIBUNAL "
        "COLEGIADO EN\nMATERIA ADMINISTRATIVA DEL TERCER CIRCUITO Y EL PRIMER\nTRIBUNAL "
        "COLEGIADO DEL VIGÉSIMO SEXTO CIRCUITO\n\nPONENTE: MINISTRA YASMÍN ESQUIVEL MOSSA\n\n"
        "I. ANTECEDENTES\n\n1. Denuncia. Por oficio se denunció la posible contradicción.\n"
    )
    assert "court" not in read_sentence(text).values


@pytest.mark.parametrize(
    ("opening", "court"),
    [("Ciudad de México, a once de marzo de dos mil veintiuno. La Primera Sala de la Suprema "
      "Corte de Justicia de la Nación emite la siguiente sentencia.", "Primera Sala de la SCJN"),
     ("Ciudad de México, a once de marzo de dos mil veintiuno.\n\nEl Pleno de la Suprema Corte "
      "de Justicia de la Nación, dicta la presente sentencia.", "Pleno de la SCJN"),
     # a court the opening cites gives the sentence nothing
     ("Ciudad de México, a once de marzo de dos mil veintiuno. Como lo ha sostenido la "
      "Segunda Sala de la Suprema Corte de Justicia de la Nación, emite la siguiente", None)],
)  # fmt: skip
def test_an_opening_dated_on_its_own_line_names_the_court_that_emits_the_sentence(
    opening: str, court: str | None
) -> None:
    text = f"AMPARO EN REVISIÓN 5/2020\n\n{opening}\n\nANTECEDENTES\n\n1. Hechos.\n"
    read = read_sentence(text).values
    assert (read.get("court"), read.get("resolution_date")) == (court, "2021-03-11")


CLOSING = (
    "AMPARO EN REVISIÓN 5/2020\n\nCiudad de México. La Segunda Sala de la Suprema Corte de "
    "Justicia de la Nación, en sesión correspondiente al once de marzo de dos mil veintiuno, "
    "emite la siguiente:\n\nS E N T E N C I A\n\nPor lo expuesto y fundado, se resuelve:\n\n"
    "ÚNICO. Se confirma la sentencia recurrida.\n\nNotifíquese.\n\n"
    "Así lo resolvió la Segunda Sala de la Suprema Corte de Justicia de la Nación, por "
    "unanimidad de cinco votos de los señores Ministros {vote}.\n\n"
    "Firman el Ministro Presidente de la Sala y el Ministro Ponente, con el Secretario de "
    "Acuerdos que autoriza y da fe.\n\n{block}"
)
VOTE = "Aguilar Morales, Esquivel Mossa, Batres Guadarrama, Pérez Dayán y Presidente Laynez Potisek"


@pytest.mark.parametrize(
    ("vote", "block", "ponente"),
    [# an SCJN block: each role above its signer
     (VOTE, "PRESIDENTE DE LA SEGUNDA SALA\n\nMINISTRO JAVIER LAYNEZ POTISEK\n\nMINISTRO "
      "PONENTE\n\nMINISTRA YASMÍN ESQUIVEL MOSSA\n\nSECRETARIO DE ACUERDOS\n\nLIC. JULIO "
      "EDUARDO DÍAZ SÁNCHEZ", "yasmín esquivel mossa"),
     # the president is the ponente
     (VOTE, "PRESIDENTE DE LA SEGUNDA SALA Y PONENTE\n\nMINISTRO JAVIER LAYNEZ POTISEK\n\n"
      "SECRETARIO DE ACUERDOS\n\nLIC. JULIO EDUARDO DÍAZ SÁNCHEZ", "javier laynez potisek"),
     # another court's block: each signer above the role
     (VOTE, "MINISTRO JAVIER LAYNEZ POTISEK\nPRESIDENTE\n\nMINISTRA YASMÍN ESQUIVEL MOSSA\n"
      "PONENTE\n\nLIC. JULIO EDUARDO DÍAZ SÁNCHEZ\nSECRETARIO DE ACUERDOS",
      "yasmín esquivel mossa"),
     # the vote's mark alone
     ("Aguilar Morales, Yasmín Esquivel Mossa (ponente) y Presidente Javier Laynez Potisek",
      "", "yasmín esquivel mossa"),
     # a Pleno's vote names its members by their surnames: no whole name, none
     ("Aguilar Morales, Esquivel Mossa (ponente) y Presidente Laynez Potisek", "", None),
     # a role with no signer next to it: unsure, none
     (VOTE, "PRESIDENTE\n\nPONENTE\n\nSECRETARIO DE ACUERDOS", None),
     # the vote and the block name different people: unsure, none
     ("Aguilar Morales, Luis María Aguilar Morales (ponente) y Presidente Javier Laynez "
      "Potisek", "PRESIDENTE\n\nMINISTRO JAVIER LAYNEZ POTISEK\n\nPONENTE\n\nMINISTRA YASMÍN "
      "ESQUIVEL MOSSA", None)],
)  # fmt: skip
def test_a_caption_without_ponente_takes_the_one_the_closing_signs(
    vote: str, block: str, ponente: str | None
) -> None:
    read = read_sentence(CLOSING.format(vote=vote, block=block))
    assert comparable("ponente", read.values.get("ponente")) == ponente
    if ponente:
        assert read.sources["ponente"] == "body"


REAL = Path("/work/shared/corpus/real/scjn-sentencias")
_CAPTION_PONENTE = re.compile(r"^(?:MINISTR[OA] )?PONENTE:.*$", re.M)


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus of real sentences is absent")
@pytest.mark.parametrize("path", sorted(REAL.glob("*.json")) if REAL.is_dir() else [])
def test_a_real_sentence_without_its_captions_ponente_still_names_the_one_who_signs(
    path: Path,
) -> None:
    """The Court's own public versions: the caption's ponente taken out (as a Word file's
    header is lost), the signature block still names the same person."""
    text = json.loads(path.read_text(encoding="utf-8"))["text"]
    whole = comparable("ponente", read_sentence(text).values.get("ponente"))
    cut = read_sentence(_CAPTION_PONENTE.sub("", text)).values.get("ponente")
    assert whole and comparable("ponente", cut) == whole


@pytest.mark.parametrize(
    ("caption", "canonical"),
    [("VARIOS 1396/2011", "Varios 1396/2011"),
     ("VARIOS 12/2023-CA", "Varios 12/2023-CA"),
     ("IMPEDIMENTO 5/2024", "Impedimento 5/2024"),
     ("SOLICITUD DE SUSTITUCIÓN DE JURISPRUDENCIA 3/2023",
      "Solicitud de Sustitución de Jurisprudencia 3/2023"),
     ("SOLICITUD DE MODIFICACIÓN DE JURISPRUDENCIA 2/2012",
      "Solicitud de Modificación de Jurisprudencia 2/2012"),
     ("SOLICITUD DE REASUNCIÓN DE COMPETENCIA 5/2024",
      "Solicitud de Reasunción de Competencia 5/2024"),
     ("ACLARACIÓN DE SENTENCIA 2/2023", "Aclaración de Sentencia 2/2023"),
     ("CUMPLIMIENTO DE SENTENCIA 3/2024", "Cumplimiento de Sentencia 3/2024")],
)  # fmt: skip
def test_the_scjns_other_asuntos_are_read_as_the_sentences_own_case(
    caption: str, canonical: str
) -> None:
    """Not only amparos and constitutional cases: each of the Court's asuntos is numbered
    in its own kind, and its caption is the sentence's case number."""
    read = read_sentence(caption + OPENING).values
    assert normalise_expediente(read.get("expediente")) == canonical


@pytest.mark.parametrize(
    ("caption", "expediente"),
    [("QUEJA 15/2024.", "Recurso de Queja 15/2024"),
     ("INCIDENTE DE SUSPENSIÓN (REVISIÓN) 45/2023.", "Incidente de Suspensión (Revisión) 45/2023"),
     ("DENUNCIA DE INCUMPLIMIENTO 3/2022.", "Denuncia de Incumplimiento 3/2022"),
     ("INCIDENTE DE INCUMPLIMIENTO 4/2022.", "Denuncia de Incumplimiento 4/2022"),
     ("RECUSACIÓN 2/2021.", "Recusación 2/2021"),
     ("EXCUSA 7/2020.", "Excusa 7/2020")],
)  # fmt: skip
def test_the_scjns_incidents_and_requests_are_their_own_case(caption: str, expediente: str) -> None:
    read = read_sentence(caption + OPENING).values
    assert normalise_expediente(read.get("expediente")) == expediente


@pytest.mark.parametrize(
    "prose",
    ["La quejosa presentó su queja 15/2024 ante la Comisión.",
     "Obra en autos el expediente de queja 1234/2019 de la Comisión Estatal.",
     "El Ministro manifestó su excusa 7/2020 en sesión privada."],
)  # fmt: skip
def test_a_bare_queja_or_excusa_in_running_text_cites_no_case(prose: str) -> None:
    """A human rights commission's or the Consejo's complaint is no recurso de queja: only
    a caption's head names the case by the bare word."""
    assert [c.key for c in extract_citations(prose) if c.kind == "case"] == []


def test_the_incidents_named_whole_in_running_text_are_cited() -> None:
    prose = (
        "Como se resolvió en la denuncia de incumplimiento 3/2022 y en la recusación 2/2021, "
        "así como en el incidente de suspensión (revisión) 45/2023."
    )
    assert [c.key for c in extract_citations(prose) if c.kind == "case"] == [
        "Denuncia de Incumplimiento 3/2022",
        "Recusación 2/2021",
        "Incidente de Suspensión (Revisión) 45/2023",
    ]


def test_a_short_sentences_closing_names_its_ponente_before_its_last_fifth() -> None:
    """The closing paragraph of a two-page sentence, its signatures and the public
    version's legend after it: the ponente it names there is read (from the body)."""
    text = (FIXTURES / "42_queja_segunda_undecima_ponente_en_cierre.txt").read_text("utf-8")
    closing = text.index("siendo ponente")
    assert closing < len(text) * 0.8
    reading = read_sentence(text)
    assert reading.values["ponente"] == "Lenia Batres Guadarrama"
    assert reading.sources["ponente"] == "body"


def test_a_commissions_complaint_file_is_no_recurso_de_queja() -> None:
    assert normalise_expediente("EXPEDIENTE DE QUEJA 1234/2019") == "1234/2019"
