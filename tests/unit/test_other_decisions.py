"""A toca's opening names other decisions and cases: the judgment appealed, the amparo
it complies with, the first-instance file it comes from. The reader must not give the
document their kind of judgment or proceeding (a wrong value is worse than none).

The excerpts follow the shapes of the Supremo Tribunal de Justicia de Jalisco's tocas
(MANIFEST, ``real/pj-jalisco``); the last test reads those real records when present.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_matter

APPEAL = (
    "Guadalajara, Jalisco, a diecinueve de agosto de dos mil veinticinco.\n\n"
    "V I S T O S para resolver los autos del toca civil 356/2025, formado con motivo del "
    "recurso de apelación interpuesto por la parte actora en contra de la {appealed} "
    "dictada el veintiuno de abril de dos mil veinticinco por el Juez Décimo de lo Civil del "
    "Primer Partido Judicial, en el expediente 279/2023; y\n\nR E S U L T A N D O\n\n"
)


@pytest.mark.parametrize("appealed", ["sentencia interlocutoria", "sentencia definitiva"])
def test_the_judgment_appealed_is_not_the_documents_kind(appealed: str) -> None:
    reading = read_sentence(APPEAL.format(appealed=appealed))
    assert "judgment_type" not in reading.values
    assert reading.values["proceeding"] == "toca"
    assert reading.values["resolution_date"] == "2025-08-19"


def test_the_documents_own_kind_is_read_before_the_appealed_one() -> None:
    text = "SENTENCIA DE SEGUNDA INSTANCIA\n" + APPEAL.format(appealed="sentencia definitiva")
    assert read_sentence(text).values["judgment_type"] == "sentencia de segunda instancia"


@pytest.mark.parametrize(
    "mention",
    [
        "Un abogado, representando al demandado, apeló la sentencia definitiva del Juez Cuarto.",
        "En cumplimiento a la ejecutoria de amparo pronunciada por el Tribunal Colegiado.",
        "Esta aclaración forma parte integral de la sentencia definitiva emitida el once de marzo.",
        "Se confirma la sentencia interlocutoria recurrida.",
    ],
)
def test_a_decision_reviewed_complied_with_or_corrected_gives_no_kind(mention: str) -> None:
    text = f"TOCA 52/2025\n\nGuadalajara, Jalisco, a veintiuno de marzo de 2025.\n\n{mention}\n"
    assert "judgment_type" not in read_sentence(text).values


def test_an_amparo_named_beside_a_toca_leaves_the_proceeding_and_matter_empty() -> None:
    text = (
        "Resolución que se dicta en cumplimiento de lo ordenado en el amparo indirecto "
        "427/2025-III, relacionado con el toca 381/2024, derivado del juicio mercantil "
        "ejecutivo (expediente 500/2017).\n\nEl Juzgado Quinto de Distrito en Materia Civil "
        "ordenó el cumplimiento de la ejecutoria de amparo.\n"
    )
    values = read_sentence(text).values
    assert "proceeding" not in values and "matter" not in values
    assert "judgment_type" not in values


def test_a_tocas_first_instance_files_do_not_hide_its_kind() -> None:
    text = (
        "El fallo, con fecha 14 de marzo de 2025, es relativo al toca penal digital número "
        "239/2024, derivado de la carpeta administrativa 755/2025 y la causa penal 643/2019.\n"
    )
    values = read_sentence(text).values
    assert values["proceeding"] == "toca"
    assert values["matter"] == "penal"


ORIGIN = (
    "{caption}\n\nGuadalajara, Jalisco, a doce de marzo de dos mil veinticuatro.\n\nV I S T O S "
    "para resolver los autos del {own}, formado con motivo del recurso de apelación "
    "interpuesto por la parte demandada, {lead} ORDINARIO CIVIL 123/2023, promovido por "
    "********** en contra de **********; y\n\nR E S U L T A N D O\n"
)


@pytest.mark.parametrize(
    ("caption", "own", "lead"),
    [
        ("TOCA CIVIL 145/2024", "toca 145/2024", "deducido del juicio"),
        ("TOCA CIVIL 145/2024", "toca 145/2024", "deducido\ndel   juicio"),
        ("TOCA CIVIL 145/2024", "toca 145/2024", "relativo al juicio"),
        ("", "toca de apelacion 145/2024", "derivado del juicio"),
        ("TOCA 145/2024", "TOCA 145/2024", "DEDUCIDO DEL JUICIO"),
    ],
)
def test_the_juicio_a_toca_comes_from_is_not_its_proceeding(
    caption: str, own: str, lead: str
) -> None:
    values = read_sentence(ORIGIN.format(caption=caption, own=own, lead=lead)).values
    assert values["proceeding"] == "toca"
    assert values.get("matter") in (None, "civil")


@pytest.mark.parametrize("lead", ["deducido del juicio", "relativo al juicio"])
def test_a_toca_whose_number_is_garbled_gives_no_proceeding_and_no_number(lead: str) -> None:
    """OCR reads "145" as "l45": the toca's number is not "45/2024", and the juicio it
    comes from is still not its proceeding."""
    text = ORIGIN.format(caption="TOCA: l45/2024", own="toca l45/2024", lead=lead)
    values = read_sentence(text).values
    assert "proceeding" not in values and "expediente" not in values


def test_a_tocas_juicio_label_names_its_origin_a_first_instance_files_its_own() -> None:
    toca = (
        "TOCA: 356/2025\nJUICIO: ORDINARIO CIVIL\nEXPEDIENTE DE ORIGEN: 279/2023\n\n"
        "Guadalajara, Jalisco, a 1 de marzo de 2025.\nVISTOS para resolver el toca 356/2025.\n"
    )
    values = read_sentence(toca).values
    assert values["proceeding"] == "toca" and values["matter"] == "civil"
    first = (
        toca.replace("TOCA: 356/2025\n", "EXPEDIENTE: 279/2023\n")
        .replace("EXPEDIENTE DE ORIGEN: 279/2023\n", "")
        .replace("el toca 356/2025", "en definitiva")
    )
    assert read_sentence(first).values["proceeding"] == "juicio ordinario civil"


def test_an_amparo_against_a_juicios_judgment_does_not_take_the_juicios_name() -> None:
    text = (
        "AMPARO DIRECTO 512/2024\n\nVISTOS para resolver el juicio de amparo directo "
        "512/2024, promovido contra la sentencia dictada en el juicio ORDINARIO MERCANTIL "
        "88/2022.\n"
    )
    assert read_sentence(text).values.get("proceeding") in (None, "amparo directo")


@pytest.mark.parametrize(
    ("origin", "matter"),
    [("EJECUTIVO MERCANTIL", "mercantil"), ("SUCESORIO INTESTAMENTARIO", None)],
)
def test_a_civil_salas_toca_takes_its_matter_from_its_origin_not_the_salas_name(
    origin: str, matter: str | None
) -> None:
    text = (
        "QUINTA SALA ESPECIALIZADA EN MATERIA CIVIL\nTOCA 381/2024\n\nGuadalajara, Jalisco, a "
        "veinte de mayo de dos mil veinticinco.\n\nV I S T O S para resolver el toca 381/2024, "
        f"formado con motivo del recurso de apelación deducido del juicio {origin} 500/2017.\n"
    )
    values = read_sentence(text).values
    assert values["court"] == "Quinta Sala Especializada en Materia Civil"
    assert values.get("matter") == matter
    assert values["proceeding"] == "toca"


@pytest.mark.parametrize(
    "opening",
    [
        "VISTOS para resolver el recurso de apelación deducido del juicio ORDINARIO CIVIL "
        "123/2023, promovido por **********.",
        "VISTOS para resolver el recurso de apelación DEDUCIDO\nDEL JUICIO ORDINARIO CIVIL "
        "123/2023.",
        "VISTOS para resolver el recurso de revisión interpuesto en el juicio de amparo 345/2024.",
        "V I S T O S para resolver el recurso de queja relativo al juicio ejecutivo mercantil "
        "l23/2023.",
    ],
)
def test_the_number_of_the_case_an_appeal_comes_from_is_not_its_own(opening: str) -> None:
    """What the opening says it resolves names the origin's number after "deducido del",
    "interpuesto en el", "relativo al": it is neither the document's number nor kind."""
    values = read_sentence(f"Guadalajara, Jalisco, a 3 de marzo de 2025.\n{opening}\n").values
    assert "expediente" not in values
    assert "proceeding" not in values


CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
JALISCO = CORPUS / "real" / "pj-jalisco" / "stj-api-records.json"


@pytest.mark.skipif(not JALISCO.exists(), reason="the shared real corpus is absent")
def test_what_is_read_from_real_toca_texts_agrees_with_their_records() -> None:
    """Each record is one toca of a sala, with its matter: whatever the reader takes from
    the record's text (a summary naming the appealed judgment, amparos and first-instance
    files) must be that, or nothing."""
    records = json.loads(JALISCO.read_text(encoding="utf-8"))
    read_any = 0
    for record in records:
        values = read_sentence(record["text"]).values
        assert values.get("proceeding") in (None, "toca"), record["case_number"]
        assert values.get("matter") in (None, normalise_matter(record["subject_area"]))
        assert values.get("judgment_type") in (None, "sentencia definitiva",
                                               "sentencia interlocutoria")  # fmt: skip
        if "expediente" in values:
            assert normalise_expediente(values["expediente"]) == record["case_number"]
        read_any += "proceeding" in values
    assert read_any >= len(records) // 2
