"""The sentence readers against the variations a person meets in real Mexican sentences:
SCJN engroses whose resolution date comes after a long thematic index, circuit courts'
amparos, quejas and revisiones fiscales ("relacionado con", "y su acumulado"), state
tocas and oral trials, public versions with their masks, OCR'd copies (split words,
ligatures, running headers, dates broken over lines). The texts are written for these
tests (``sentence_variants``), modelled on real structures; the real SCJN sentences of
../shared are read too where present.

A field the text does not state, or states too unsurely, must come out empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_matter, normalise_person, parse_date
from tests.unit.sentence_variants import (
    DISTRICT_AMPARO_INDIRECTO,
    JALISCO_TOCA_PENAL,
    SCJN_PLENO_TOP_DATE,
    TCC_AMPARO_DIRECTO,
    VARIANTS,
    YEAR_CUT_AT_LINE_END,
    YEAR_CUT_IN_CAPITALS,
)


def stored(text: str) -> dict[str, str | None]:
    """The fields as a document stores them (each value through its normaliser)."""
    values = read_sentence(text).values
    date = parse_date(values.get("resolution_date"))
    return {
        "expediente": normalise_expediente(values.get("expediente")),
        "court": normalise_court(values.get("court")),
        "resolution_date": date.isoformat() if date else None,
        "ponente": normalise_person(values.get("ponente")),
        "secretario": normalise_person(values.get("secretario")),
        "matter": normalise_matter(values.get("matter")),
    }


def test_every_variant_gives_its_fields_and_leaves_the_unsure_empty() -> None:
    wrong = []
    for variant in VARIANTS:
        got = stored(variant.text)
        wrong += [
            (variant.name, field, expected, got[field])
            for field, expected in variant.expected.items()
            if got[field] != expected
        ]
    assert wrong == []


def test_the_scjn_opening_after_its_thematic_index_gives_the_date() -> None:
    """The opening "Ciudad de México. El Tribunal Pleno de la Suprema Corte…, en sesión del
    día primero de abril…, emite la siguiente": past the top, read where the verb that gives
    the sentence follows its date; the index's dates (sessions of other cases) never."""
    text = SCJN_PLENO_TOP_DATE.text
    assert text.index("emite la siguiente") > 15_000
    assert stored(text)["resolution_date"] == "2025-04-01"
    # the same index with no opening of its own: none of its cited dates is taken
    alone = text.replace("emite la siguiente", "dictó la siguiente")
    assert stored(alone)["resolution_date"] is None


def test_a_bare_sala_in_the_caption_takes_its_owner_from_its_closing() -> None:
    """A caption's "SEXTA SALA" alone at the top and "Así lo resolvió la Sexta Sala del Supremo
    Tribunal de Justicia del Estado de Jalisco" at the end: one court, named whole."""
    assert stored(JALISCO_TOCA_PENAL.text)["court"] == (
        "Sexta Sala del Supremo Tribunal de Justicia del Estado de Jalisco"
    )
    # another sala's closing (a sala's own name is its words first) is no owner
    other = JALISCO_TOCA_PENAL.text.replace(
        "resolvió la Sexta Sala del", "resolvió la Séptima Sala del"
    )
    assert stored(other)["court"] == "Sexta Sala"


def test_a_short_juzgado_sentence_names_its_court_through_its_judge() -> None:
    """A short sentence's closing starts before its last fifth: its judge's office, the
    verb's subject, still names the juzgado."""
    text = DISTRICT_AMPARO_INDIRECTO.text
    assert text.index("Así lo resolvió") < len(text) * 0.8
    assert stored(text)["court"] == (
        "Juzgado Primero de Distrito en Materia Administrativa en el Estado de Nuevo León"
    )
    # a judge the closing sends a copy to is no subject of its verb
    copied = text.replace("Así lo resolvió y firma Tomás Aguirre Salinas, Juez", "Remítase al Juez")
    assert stored(copied)["court"] is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        # a year in words cut at its thousands: "dos mil" alone is the year 2000
        ("Ciudad de México, a veintiuno de junio de dos mil\nveinticinco.", "2025-06-21"),
        ("CIUDAD DE MÉXICO, A VEINTIUNO DE JUNIO DE DOS MIL\nVEINTICINCO.", "2025-06-21"),
        # a word split at the line's end, in lower case or capitals
        ("Ciudad de México, a trein-\nta y uno de marzo de dos mil veinticinco.", "2025-03-31"),
        ("PUEBLA, PUEBLA, A TRE-\nCE DE MAYO DE DOS MIL\nVEINTICINCO.", "2025-05-13"),
        ("Puebla, Puebla, a trece de mayo de dos mil vein-\nticinco.", "2025-05-13"),
    ],
)
def test_a_place_and_date_line_broken_by_the_pdf_is_read_whole(line: str, date: str) -> None:
    text = YEAR_CUT_AT_LINE_END.text.replace(
        "Ciudad de México, a veintiuno de junio de dos mil\nveinticinco.", line
    )
    assert line in text
    assert stored(text)["resolution_date"] == date


def test_a_place_and_date_line_is_not_run_into_the_next_paragraph() -> None:
    text = YEAR_CUT_AT_LINE_END.text.replace(
        "de dos mil\nveinticinco.", "de dos mil\n\nveinticinco personas comparecieron."
    )
    assert stored(text)["resolution_date"] != "2025-06-21"
    assert stored(YEAR_CUT_IN_CAPITALS.text)["resolution_date"] == "2025-05-13"


def _opening_with_index(cover: str, secretario_line: str) -> str:
    return (
        "ÍNDICE TEMÁTICO\n\n"
        + "Hechos. La actora demandó la nulidad del contrato y el pago de daños, y en "
        "apelación se confirmó la sentencia de primera instancia; el Tribunal Colegiado "
        "negó el amparo el cuatro de marzo de dos mil veinticuatro.\n\n"
        * 12
        + "15\n\nAMPARO DIRECTO EN REVISIÓN 5120/2024\n\n"
        + cover
        + "PONENTE: MINISTRA ELENA RAMOS QUINTERO\n\nCOTEJÓ\n\n"
        + secretario_line
        + "Ciudad de México. La Segunda Sala de la Suprema Corte de Justicia de la Nación, "
        "en sesión correspondiente al once de junio de dos mil veinticinco, emite la "
        "siguiente:\n\nS E N T E N C I A\n\nMediante la que se resuelve el amparo directo en "
        "revisión 5120/2024.\n\nPor lo expuesto, se resuelve:\n\nÚNICO. Se desecha el "
        "recurso.\n"
    )


def test_a_text_opening_with_its_index_reads_the_cover_above_its_formula() -> None:
    """A converted engrose that opens with its ÍNDICE TEMÁTICO: its cover (ponente,
    secretario) is the block right above the opening formula."""
    text = _opening_with_index("VISTO BUENO\n\nSRA. MINISTRA\n\n", "SECRETARIO: LUIS ROJAS PAZ\n\n")
    fields = stored(text)
    assert fields["secretario"] == "Luis Rojas Paz"
    assert fields["ponente"] == "Elena Ramos Quintero"
    assert fields["resolution_date"] == "2025-06-11"
    # a masked or double secretario there is none, as in a caption at the top
    for unsure in ("SECRETARIO: **********\n\n", "SECRETARIOS: LUIS ROJAS PAZ Y ANA GIL\n\n"):
        assert stored(_opening_with_index("", unsure))["secretario"] is None


REAL = next(
    (c for f in Path(__file__).parents if (c := f / "shared" / "corpus" / "real").is_dir()), None
)


def _as_pdf_text(text: str, header: str) -> str:
    """``text`` as a PDF's text layer gives it: paragraphs broken into lines of about 88
    characters, long lower-case words split at the line's end with a hyphen, the case
    number and the page number repeated at each page's top."""
    out, size, page = [], 0, 1
    for paragraph in text.split("\n"):
        lines, line = [], ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > 88:
                cut = 88 - len(line) - 2
                splits = len(word) > 9 and word.isalpha() and word.islower()
                if splits and 3 <= cut <= len(word) - 3:
                    lines.append(f"{line} {word[:cut]}-")
                    line = word[cut:]
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append("\n".join([*lines, line]))
        size += len(paragraph)
        if size > 3200:
            page, size = page + 1, 0
            out.append(f"\n{header}\n\n{page}\n")
    return "\n".join(out)


@pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is not present")
def test_real_sentences_read_the_same_opening_with_their_index_or_as_pdf_text() -> None:
    """The real SCJN sentences: their resolution date is the record's; read from their
    index on (the top cover cut off) and as a PDF's text layer, every field is the same."""
    assert REAL is not None
    records = sorted((REAL / "scjn-sentencias").glob("record_*.json"))
    assert records
    cut = 0
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record["text"]
        whole = stored(text)
        assert whole["resolution_date"] == record["date"], path.name
        assert whole["secretario"] and whole["ponente"] and whole["court"], path.name
        index = text.find("ÍNDICE TEMÁTICO")
        if index > 0:
            cut += 1
            assert stored(text[index:]) == whole, path.name
        header = text.split("\n", 1)[0].strip()
        assert stored(_as_pdf_text(text, header)) == whole, path.name
    assert cut >= 3


@pytest.mark.parametrize("day", ["1o.", "1º", "1°", "1ro."])
def test_a_day_in_figures_with_its_ordinal_before_a_year_in_words(day: str) -> None:
    """A date "a 1o. de junio de dos mil veinticinco": the day as many courts write it, the
    year in words (with the year in figures it was read already)."""
    text = YEAR_CUT_AT_LINE_END.text.replace(
        "a veintiuno de junio de dos mil\nveinticinco.", f"a {day} de junio de dos mil veinticinco."
    )
    assert f"a {day} de junio" in text
    assert stored(text)["resolution_date"] == "2025-06-01"
    assert parse_date(f"{day} de junio de dos mil veinticinco") == parse_date("2025-06-01")


def test_a_court_written_letter_by_letter_keeps_its_ordinal() -> None:
    """An OCR that spaced the letters of a word ("Sentencia del C u a r t o Tribunal
    Colegiado…"): the ordinal joined, never a circuit's court without its number."""
    text = TCC_AMPARO_DIRECTO.text.replace("Sentencia del Cuarto", "Sentencia del C u a r t o")
    assert "C u a r t o Tribunal" in text
    assert stored(text)["court"] == "Cuarto Tribunal Colegiado en Materia Civil del Primer Circuito"
    closing = TCC_AMPARO_DIRECTO.text.replace("Sentencia del Cuarto Tribunal", "Sentencia del")
    closing = closing.replace("resolvió el Cuarto", "resolvió el C u a r t o")
    assert stored(closing)["court"] == (
        "Cuarto Tribunal Colegiado en Materia Civil del Primer Circuito"
    )
