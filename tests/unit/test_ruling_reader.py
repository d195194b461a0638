"""A sentence whose listing gives no outcome (the SCJN's) has it read from its first
resolutive point, in the listings' words, when the point states it in one of the courts'
formulas; when it does not, or says two things, or negates one, it has none."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from indexer.build import build_document
from indexer.readers.rulings import read_ruling

REAL = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus")) / "real"
BACKGROUND = "27. Del análisis de las constancias se advierte que la parte quejosa. " * 80


def _sentence(closing: str) -> str:
    """A sentence's long body (which quotes a lower court's points) and its closing."""
    quoted = (
        "El Juez de Distrito dictó sentencia en la que resolvió:\n\nPRIMERO. Se sobresee "
        "en el juicio.\n\n"
    )
    return f"AMPARO DIRECTO EN REVISIÓN 1309/2023\n\n{quoted}{BACKGROUND}\n\n{closing}"


# Closings modelled on the real SCJN, TCC and state-court resolutive points.
READ = [
    ("Por lo expuesto y fundado, se\n\nR E S U E L V E:\n\nPRIMERO. En la materia de la "
     "revisión, se revoca la sentencia recurrida.\n\nSEGUNDO. Devuélvanse los autos.",
     "revocar"),
    ("Por lo expuesto y fundado,\n\nÚNICO. Se sobresee en la presente acción de "
     "inconstitucionalidad. \n\nNotifíquese;", "sobreseer"),
    ("este Alto Tribunal resuelve: \n\nÚNICO. Se desecha de plano el presente juicio de "
     "inconformidad 56/2025.  \n\nNotifíquese;", "desechar"),
    ("el Tribunal Pleno resuelve:\n\nPRIMERO. Es procedente y fundada la presente acción de "
     "inconstitucionalidad. \n\nSEGUNDO. Se declara la invalidez del artículo 383.",
     "procedente y fundado"),
    ("Por lo expuesto y fundado, se resuelve:\n\nPRIMERO.- En la materia de la revisión, "
     "se confirma la sentencia recurrida.\n\nSEGUNDO.- La Justicia de la Unión no ampara "
     "ni protege a la quejosa.", "confirmar"),
    ("RESUELVE:\n\nÚNICO. La Justicia de la Unión no ampara ni protege a ********, en "
     "contra del acto precisado en el considerando segundo.", "no amparar"),
    ("RESUELVE:\nPRIMERO. La Justicia de la Unión Ampara y Protege a la quejosa contra la "
     "sentencia reclamada.\nSEGUNDO. Se revoca…", "amparar"),
    ("Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Es procedente pero infundada la "
     "presente controversia constitucional.", "procedente pero infundado"),
    ("R E S U E L V E\n\nPRIMERO. Sí existe la contradicción de criterios a que este "
     "expediente se refiere.", "existe contradicción"),
    ("se resuelve:\n\nÚNICO. Es inexistente la contradicción de criterios denunciada.",
     "no existe contradicción"),
    ("se resuelve:\n\nPrimero. Se modifica la sentencia recurrida.\n\nSegundo. Se sobresee.",
     "modificar"),
    ("se resuelve:\nPRIMERO. Es infundado el recurso de reclamación.", "infundado"),
    ("R E S U E L V E:\n\nPRIMERO. Se reconoce la validez de los artículos 5 y 6.",
     "reconocer la validez"),
    ("R E S U E L V E:\n\nÚNICO. Es improcedente el recurso de revisión.", "improcedente"),
]  # fmt: skip

LEFT_EMPTY = [
    # no resolutive heading: the lower court's quoted point is not the sentence's own
    ("Notifíquese; y en su oportunidad, archívese el toca.", "no heading"),
    # a heading whose first point names no formula
    ("se\n\nR E S U E L V E:\n\nPRIMERO. Remítanse los autos al Tribunal Colegiado.",
     "no formula"),
    # two outcomes in one point
    ("se resuelve:\n\nPRIMERO. Se revoca la sentencia recurrida y se sobresee en el juicio.",
     "two formulas"),
    # a negation the list does not read
    ("se resuelve:\n\nPRIMERO. No se sobresee en el juicio de amparo.", "negated"),
    ("se resuelve:\n\nPRIMERO. Se ********** la sentencia recurrida.", "masked verb"),
    # a point whose second paragraph (its ordinal lost in the PDF) holds the formula
    ("R E S U E L V E\nPRIMERO. Queda firme la sentencia de primer grado.\nSe revoca el auto "
     "de diez de mayo.", "formula past the first point"),
    # a heading that is prose, its "Primero" far away
    ("Por lo expuesto y fundado en esta parte del estudio, conviene señalar lo que sigue. "
     "Primero, se confirma.", "heading without points"),
]  # fmt: skip


@pytest.mark.parametrize(("closing", "expected"), READ)
def test_the_first_resolutive_point_gives_the_outcome(closing: str, expected: str) -> None:
    found = read_ruling(_sentence(closing))
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(("closing", "why"), LEFT_EMPTY)
def test_an_unclear_point_gives_no_outcome(closing: str, why: str) -> None:
    assert read_ruling(_sentence(closing)) is None, why


def _built(ruling: str | None) -> object:
    text = _sentence(READ[1][0])
    return build_document(
        kind="sentencia",
        source_id="scjn-sentencias",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        url="https://bj.scjn.gob.mx/documento/sentencias_pub/233251",
        fields={"title": "Acción de inconstitucionalidad 153/2022", "ruling": ruling},
        text=text,
    )


def test_a_sentence_without_a_listed_outcome_has_the_texts_and_says_so() -> None:
    doc = _built(None)
    assert doc.ruling == "sobreseer"  # type: ignore[attr-defined]
    assert doc.field_sources["ruling"] == "body"  # type: ignore[attr-defined]


def test_the_listings_outcome_wins_over_the_texts() -> None:
    doc = _built("IMPROCEDENTE")
    assert doc.ruling == "improcedente"  # type: ignore[attr-defined]
    assert doc.field_sources["ruling"] == "listing"  # type: ignore[attr-defined]


def test_a_hostile_text_of_headings_is_read_in_linear_time() -> None:
    # thousands of headings, each with a first point: the last one is read
    text = "se resuelve: PRIMERO. Se confirma. " * 20_000 + "se resuelve: ÚNICO. Se revoca."
    assert read_ruling(text) == ("revocar", len(text) - len("Se revoca."))


# What each of the five real SCJN sentences resolves, read by eye.
REAL_RULINGS = {
    "record_0000.json": "revocar",  # ADR 1309/2023: "se revoca la sentencia recurrida"
    "record_0001.json": "procedente y fundado",  # AI 29/2024: "Es procedente y fundada"
    "record_0002.json": "desechar",  # JIE 29/2025: "Se desecha de plano"
    "record_0004.json": "sobreseer",  # AI 153/2022: "Se sobresee" (no "resuelve:" line)
    "record_0006.json": "desechar",  # JIE 56/2025: "Se desecha de plano"
}


@pytest.mark.skipif(not (REAL / "scjn-sentencias").is_dir(), reason="no shared corpus")
@pytest.mark.parametrize(("name", "expected"), sorted(REAL_RULINGS.items()))
def test_the_real_scjn_sentences_give_their_outcome(name: str, expected: str) -> None:
    text = json.loads((REAL / "scjn-sentencias" / name).read_text("utf-8"))["text"]
    found = read_ruling(text)
    assert found is not None and found[0] == expected
