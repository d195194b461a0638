"""What the readers left unread in session 30's real-material review, and the wrong
values their reading must not bring: a state sala named for civil matters («SEGUNDA SALA
CIVIL») gives its matter as a penal or family one does; an initiative's authors without
the legislator's title («Dip. Laura Garza» is Laura Garza); a closing naming the SCJN's
sala by its initials («la 1a. Sala de la S.C.J.N.») or with its «H.», and a closing's
place-and-date line written in lower case («ciudad de México, a veintiocho…»).

The texts are written for these tests, after the shapes of state tocas, the Congresos'
listings and the SCJN's engroses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.build import build_document
from indexer.models import Legislativo
from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import normalise_author, normalise_matter

TOCA = (
    "PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN\nTRIBUNAL SUPERIOR DE JUSTICIA\n{sala}\n"
    "TOCA: 123/2024\n\nMonterrey, Nuevo León, a doce de marzo de dos mil veinticuatro.\n\n"
    "VISTOS para resolver los autos del toca 123/2024, formado con motivo del recurso de "
    "apelación interpuesto por la parte actora en contra de la sentencia definitiva dictada "
    "por el juez de primera instancia{more}; y,\n\nRESULTANDO\n\nPRIMERO. Texto del asunto.\n"
)


@pytest.mark.parametrize(
    ("sala", "court"),
    [
        ("SEGUNDA SALA CIVIL", "Segunda Sala Civil"),
        ("SALA COLEGIADA CIVIL", "Sala Colegiada Civil"),
        ("TERCERA SALA UNITARIA CIVIL", "Tercera Sala Unitaria Civil"),
        ("PRIMERA SALA EN MATERIA CIVIL", "Primera Sala en Materia Civil"),
    ],
)
def test_a_civil_sala_gives_its_matter_as_a_penal_one_does(sala: str, court: str) -> None:
    values = read_sentence(TOCA.format(sala=sala, more="")).values
    assert values["court"] == court
    assert values.get("matter") == "civil"


@pytest.mark.parametrize(
    ("sala", "matter"),
    [
        ("SALA PENAL", "penal"),
        ("SEGUNDA SALA UNITARIA PENAL", "penal"),
        ("SALA FAMILIAR", "familiar"),
        ("PRIMERA SALA MERCANTIL", "mercantil"),
        ("SEGUNDA SALA ADMINISTRATIVA", "administrativa"),
        ("SALA LABORAL", "laboral"),
        ("SALA CONSTITUCIONAL", "constitucional"),
        # two matters, or none named: which one is the case's is not said
        ("SALA CIVIL Y FAMILIAR", None),
        ("SEGUNDA SALA CIVIL Y MERCANTIL", None),
        ("SALA MIXTA", None),
        ("SALA UNITARIA", None),
    ],
)
def test_a_salas_name_gives_one_matter_or_none(sala: str, matter: str | None) -> None:
    assert read_sentence(TOCA.format(sala=sala, more="")).values.get("matter") == matter


@pytest.mark.parametrize(
    ("more", "matter"),
    [
        # the juicio appealed names its matter: that one, not the sala's
        (" en el juicio ejecutivo mercantil 45/2022", "mercantil"),
        (" en el juicio oral mercantil 45/2022", "mercantil"),
        # a civil sala's case may be mercantile: anything of commerce named, no matter
        (" en el juicio promovido sobre el pago de un pagaré", None),
        (" conforme al Código de Comercio", None),
        (" en la acción cambiaria directa ejercida", None),
        (" en el juicio sobre títulos de crédito", None),
        # nor of family law, which a state without family salas gives its civil ones
        (" en el juicio sucesorio intestamentario a bienes de su padre", None),
        (", que ordenó aclarar los apellidos de los herederos", None),
        (" en el juicio de divorcio incausado", None),
        (" en el juicio sobre guarda y custodia de dos menores de edad", None),
        # what names only civil law keeps the sala's matter
        (" en el juicio civil ordinario sobre acción reivindicatoria", "civil"),
        (" en las diligencias de jurisdicción voluntaria de información ad perpetuam", "civil"),
    ],
)
def test_a_civil_salas_case_is_civil_only_where_nothing_names_commerce_or_family(
    more: str, matter: str | None
) -> None:
    values = read_sentence(TOCA.format(sala="SEGUNDA SALA CIVIL", more=more)).values
    assert values.get("matter") == matter


REPO = Path(__file__).resolve().parents[2]
# ../shared/corpus beside the checkout (or above it), as the other real-material tests
CORPUS = next(
    (f / "shared" / "corpus" for f in (REPO, *REPO.parents) if (f / "shared" / "corpus").is_dir()),
    REPO / "shared" / "corpus",
)
JALISCO = CORPUS / "real" / "pj-jalisco" / "stj-api-records.json"


@pytest.mark.skipif(not JALISCO.exists(), reason="the shared real corpus is absent")
def test_real_tocas_under_their_salas_name_read_their_records_matter_or_none() -> None:
    """The Supremo Tribunal de Jalisco's records, each a toca of one sala with the matter
    its record gives (a civil sala's may be "Familiar" or "Mercantil"): read with the sala
    above the text, as a caption names it, the matter is the record's or none."""
    records = json.loads(JALISCO.read_text(encoding="utf-8"))
    civil = 0
    for record in records:
        values = read_sentence(f"{record['court']}\n\n{record['text']}").values
        wanted = normalise_matter(record["subject_area"])
        assert values.get("matter") in (None, wanted), record["case_number"]
        civil += values.get("matter") == "civil"
    assert civil >= 3


def _initiative(authors: list[str]) -> Legislativo:
    doc = build_document(
        kind="legislativo",
        source_id="congreso-iniciativas",
        institution="H. Congreso del Estado de Nuevo León",
        jurisdiction="MX-NLE",
        url="https://congreso.example.gob.mx/iniciativas/77",
        fields={
            "title": "Iniciativa de reforma a la Ley de Educación",
            "date": "2025-02-20",
            "doc_type": "Iniciativa",
            "authors": authors,
        },
        text="",
    )
    assert isinstance(doc, Legislativo)
    return doc


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Dip. Laura Garza Treviño", "Laura Garza Treviño"),
        ("Dip Laura Garza Treviño", "Laura Garza Treviño"),
        ("DIP. LAURA GARZA TREVIÑO", "LAURA GARZA TREVIÑO"),
        ("Diputada Laura Garza Treviño", "Laura Garza Treviño"),
        ("Diputada Federal Laura Garza Treviño", "Laura Garza Treviño"),
        ("Dip. Fed. Laura Garza Treviño", "Laura Garza Treviño"),
        ("Sen. Ricardo Monreal Ávila", "Ricardo Monreal Ávila"),
        ("Senador Ricardo Monreal Ávila", "Ricardo Monreal Ávila"),
        ("Senadora Olga Sánchez Cordero", "Olga Sánchez Cordero"),
        ("C. Juan Pérez López", "Juan Pérez López"),
        ("C. Dip. Lic. Juan Pérez López", "Juan Pérez López"),
        ("Dip. Ana Ruiz y Dip. Juan Pérez", "Ana Ruiz y Juan Pérez"),
    ],
)
def test_an_authors_title_is_no_part_of_the_name(written: str, name: str) -> None:
    assert normalise_author(written) == name
    assert _initiative([written]).authors == [name]


def test_one_deputy_titled_and_untitled_is_one_author() -> None:
    doc = _initiative(["Dip. Laura Garza Treviño", "Laura Garza Treviño", "Sen. Luis Gómez"])
    assert doc.authors == ["Laura Garza Treviño", "Luis Gómez"]


@pytest.mark.parametrize("title", ["Dip.", "Dip", "Diputada", "Senador", "Sen.", "C.", "Dip. ,"])
def test_a_title_alone_is_no_author(title: str) -> None:
    assert normalise_author(title) is None
    doc = _initiative([title, "Dip. Mario Salinas Elizondo"])
    assert doc.authors == ["Mario Salinas Elizondo"]
    assert _initiative([title]).authors == []


@pytest.mark.parametrize(
    "written",
    [
        # a group, a body, an office: no one's title to take off
        "Diputados integrantes del Grupo Parlamentario del PAN",
        "Diputadas y Diputados de la Comisión de Educación",
        "Diputada del PAN",
        "Dip. ***",  # (a masked name: the title is all a reader learns)
        "Diputada 1",
        "Coordinación de Comunicación Social",
        "Ejecutivo Federal",
        "Senado de la República",
        "Cecilia Pérez Dipp",
        "Diplomacia Ciudadana A.C.",
    ],
)
def test_an_author_that_is_no_titled_person_is_kept_as_written(written: str) -> None:
    assert normalise_author(written) == written
    assert _initiative([written]).authors == [written]


BODY = (
    "AMPARO DIRECTO EN REVISIÓN 1234/2023\nQUEJOSO: JUAN PÉREZ LÓPEZ\n\n"
    + "El quejoso expuso sus conceptos de violación, que se estudian enseguida. " * 60
    + "\n\nPor lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se confirma la sentencia "
    "recurrida.\n\nNotifíquese; con testimonio de esta resolución, vuelvan los autos a su "
    "lugar de origen y, en su oportunidad, archívese el toca como asunto concluido.\n\n"
)


@pytest.mark.parametrize(
    ("closing", "court"),
    [
        ("Así lo resolvió la 1a. Sala de la S.C.J.N., por unanimidad de cinco votos.",
         "Primera Sala de la SCJN"),
        ("Así lo resolvió la Primera Sala de la SCJN, por unanimidad de cinco votos.",
         "Primera Sala de la SCJN"),
        ("Así lo resolvió la 2a. Sala de la SCJN, por mayoría de cuatro votos.",
         "Segunda Sala de la SCJN"),
        ("Así lo resolvió la Segunda Sala de la H. Suprema Corte de Justicia de la Nación, por "
         "unanimidad de cinco votos.", "Segunda Sala de la SCJN"),
        ("Así lo resolvió el Pleno de la H. Suprema Corte de Justicia de la Nación, por "
         "unanimidad de once votos.", "Pleno de la SCJN"),
    ],
)  # fmt: skip
def test_a_closing_naming_the_scjns_sala_by_its_initials_gives_the_court(
    closing: str, court: str
) -> None:
    assert read_sentence(BODY + closing + "\n").values.get("court") == court


@pytest.mark.parametrize(
    ("closing", "court"),
    [
        ("Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del Primer Circuito, "
         "conforme a la jurisprudencia {cited}, por unanimidad de votos.",
         "Primer Tribunal Colegiado en Materia Civil del Primer Circuito"),
        ("Así lo resolvió y firma el Juez Primero de Distrito en Materia Civil en la Ciudad de "
         "México, con apoyo en la tesis {cited}.",
         "Juzgado Primero de Distrito en Materia Civil en la Ciudad de México"),
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    "cited",
    [
        "de la 1a. Sala de la S.C.J.N.",
        "de la Primera Sala de la SCJN",
        "de la Primera Sala de la Suprema Corte de Justicia de la Nación",
    ],
)
def test_a_scjn_sala_a_closing_cites_is_not_the_court_that_resolved(
    closing: str, court: str, cited: str
) -> None:
    values = read_sentence(BODY + closing.format(cited=cited) + "\n").values
    assert values.get("court") == court


CLOSING = "Así lo resolvió el Juez Primero de Distrito en Materia Civil.\n\n"


def test_a_closing_date_line_in_lower_case_dates_the_sentence() -> None:
    text = BODY + CLOSING + "ciudad de México, a veintiocho de febrero de dos mil veinticuatro.\n"
    assert read_sentence(text).values.get("resolution_date") == "2024-02-28"


def test_a_date_line_in_lower_case_that_runs_on_a_sentence_dates_nothing() -> None:
    # (the sentence's lines run on: the date is the demand's, not the sentence's)
    text = (
        BODY + "Así lo resolvió el Juez Primero de Distrito en Materia Civil, quien recibió la "
        "demanda presentada en la\nciudad de México, a veintiocho de febrero de dos mil "
        "veinticuatro, ante la oficialía.\n"
    )
    assert read_sentence(text).values.get("resolution_date") is None


def test_a_date_line_in_lower_case_in_the_opening_dates_nothing() -> None:
    # (outside the closing: a line of the opening's prose that a PDF broke)
    text = (
        "AMPARO DIRECTO 1234/2023\n\nVISTOS los autos.\n"
        "ciudad de México, a veintiocho de febrero de dos mil veinticuatro.\n\n" + BODY
    )
    assert read_sentence(text).values.get("resolution_date") is None
