"""A juicio de inconformidad is written two ways: the SCJN's "juicio de inconformidad en
materia electoral 1/2025" and, further on or in the next sentence, "el diverso juicio de
inconformidad 1/2025". One case must have one key, and the plainer name alone is no key
of the Court's case: a state's electoral tribunal hears "juicios de inconformidad" too,
and a link from its sentence to the Court's would be a guess (a wrong link is worse than
none). The texts follow the shapes of the SCJN's juicios (MANIFEST,
``real/scjn-sentencias``); the library is a real one (SQLite + Tantivy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.citations import extract_citations
from indexer.citations.records import read_citations
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.expedientes import normalise_expediente
from indexer.readers.judgments import read_sentence

JIE = "Juicio de Inconformidad en Materia Electoral"


def sentencia(name: str, text: str, expediente: str, **where: str) -> Sentencia:
    institution = where.get("institution", "Suprema Corte de Justicia de la Nación")
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date(2025, 8, 12), institution=institution,
        jurisdiction=where.get("jurisdiction", "MX"), source_id="src", url=f"https://e.mx/{name}",
        text=text, expediente=expediente, expediente_normalised=normalise_expediente(expediente),
        court=where.get("court"),
    )  # fmt: skip


def juicio(number: str, cited: str) -> str:
    return (
        f"JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL {number}\n\nMediante la cual se resuelve "
        f"el juicio de inconformidad en materia electoral {number}.\n\n23. En estos mismos "
        "términos, en sesión pública de cinco de agosto de dos mil veinticinco, este Tribunal "
        f"Pleno resolvió, por unanimidad de diez votos, el diverso {cited}.\n\nÚNICO. Se desecha "
        f"de plano el presente juicio de inconformidad {number}.\n"
    )


def test_the_body_that_resolved_a_precedent_is_its_court() -> None:
    text = (
        "En sesión de cinco de agosto, este Tribunal Pleno resolvió, por unanimidad de diez "
        "votos, el diverso amparo en revisión 12/2020."
    )
    assert [(c.key, c.court) for c in extract_citations(text)] == [("AR 12/2020", "Tribunal Pleno")]


@pytest.mark.parametrize(
    "cited",
    ["juicio de inconformidad 1/2025", "juicio de inconformidad en materia electoral 1/2025"],
)
def test_the_courts_own_juicio_cites_a_juicio_one_way(cited: str) -> None:
    doc = sentencia("jie-56", juicio("56/2025", cited), f"{JIE} 56/2025")
    assert [(c.key, c.court) for c in read_citations(doc) if c.kind == "case"] == [
        (f"{JIE} 1/2025", "Tribunal Pleno")
    ]


def test_a_plain_juicio_named_with_the_court_is_the_courts() -> None:
    text = (
        "Como lo resolvió el Tribunal Pleno de la Suprema Corte de Justicia de la Nación en el "
        "juicio de inconformidad 1/2025, Pleno de la Suprema Corte de Justicia de la Nación."
    )
    doc = sentencia(
        "ad", text, "AMPARO DIRECTO 5/2025", institution="Poder Judicial de la Federación"
    )
    assert [c.key for c in read_citations(doc) if c.kind == "case"] == [f"{JIE} 1/2025"]


STATE = sentencia(
    "jal", "El Pleno de este Tribunal Electoral resolvió el juicio de inconformidad 1/2025, "
    "cuyo criterio se reitera.", "JIN-3/2025", institution="Tribunal Electoral del Estado de "
    "Jalisco", jurisdiction="MX-JAL", court="Pleno del Tribunal Electoral del Estado de Jalisco",
)  # fmt: skip
HELD = sentencia("jie-1", juicio("1/2025", "juicio de inconformidad 3/2024"), f"{JIE} 1/2025",
                 court="Pleno de la SCJN")  # fmt: skip
COURTS = sentencia("jie-56", juicio("56/2025", "juicio de inconformidad 1/2025"), f"{JIE} 56/2025",
                   court="Pleno de la SCJN")  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    lib = Library.open(
        Settings(data_dir=tmp_path_factory.mktemp("jie"), database_url=None), writer=True
    )
    lib.add_document(HELD)
    lib.flush()
    for doc in (STATE, COURTS):
        lib.add_document(doc)
    lib.flush()
    with TestClient(create_app(lib)) as test_client:
        yield test_client
    lib.close()


def cites(client: TestClient, doc_id: str) -> dict[str, list[str]]:
    items = client.get(f"/v1/documents/{doc_id}/citations").json()["cites"]["items"]
    return {item["key"]: [d["id"] for d in item["documents"]] for item in items}


def test_the_courts_juicio_links_to_the_juicio_it_cites_plainly(client: TestClient) -> None:
    assert cites(client, "jie-56") == {f"{JIE} 1/2025": ["jie-1"]}


def test_a_states_juicio_de_inconformidad_is_not_the_courts(client: TestClient) -> None:
    assert cites(client, "jal") == {"Juicio de Inconformidad 1/2025": []}
    cited_by = client.get("/v1/documents/jie-1/citations").json()["cited_by"]["items"]
    assert [item["document"]["id"] for item in cited_by] == ["jie-56"]


FORMULA = (
    "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al doce de agosto de dos mil veinticinco, emite la siguiente:\n\n"
    "S E N T E N C I A\n\n"
)


@pytest.mark.parametrize(
    ("caption", "statement", "expected"),
    [(["JUICIO DE INCONFORMIDAD 29/2025.", "JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL "
       "29/2025."], "", f"{JIE} 29/2025"),
     (["JUICIO DE INCONFORMIDAD ELECTORAL 29/2025.", "JUICIO DE INCONFORMIDAD 29/2025."],
      "Mediante la cual se resuelve el juicio de inconformidad 29/2025.", f"{JIE} 29/2025"),
     # two numbers in the caption: the one it says it resolves, or both, never one guessed
     (["JUICIO DE INCONFORMIDAD ELECTORAL 2/2025.", "JUICIO DE INCONFORMIDAD ELECTORAL "
       "29/2025."], "Mediante la cual se resuelve el juicio de inconformidad en materia "
      "electoral 29/2025.", f"{JIE} 29/2025"),
     (["JUICIO DE INCONFORMIDAD ELECTORAL 2/2025.", "JUICIO DE INCONFORMIDAD ELECTORAL "
       "29/2025."], "", f"{JIE} 2/2025, {JIE} 29/2025")],
)  # fmt: skip
def test_a_caption_writing_a_juicio_two_ways_gives_it_one_key(
    caption: list[str], statement: str, expected: str
) -> None:
    text = "\n\n".join([*caption, "ACTOR: PARTIDO POLÍTICO", FORMULA + statement, "ANTECEDENTES"])
    assert normalise_expediente(read_sentence(text).values["expediente"]) == expected


def test_every_key_the_parser_reads_as_a_plainer_name_is_parsed() -> None:
    """The keys ``read_citations`` does not parse (most: parsing is most of a document's
    reading) are keys the parser reads as no plainer name: every type's phrases as
    written, its forms, and every chamber's and local court's means, plainer ones too."""
    from indexer.citations import records
    from indexer.readers.expedientes import (
        CASE_TYPES,
        ELECTORAL_CHAMBERS,
        ELECTORAL_TYPES,
        LOCAL_ELECTORAL_TYPES,
        CaseNumber,
        parse_expediente,
    )

    keys = {"juıcio de ınconformidad 1/2025", "JUICIO  DE\tINCONFORMIDAD 1/2025"}
    for case_type in CASE_TYPES:
        for phrase in case_type.spelled + case_type.by_matter:
            for form in (phrase, phrase.upper(), phrase.title(), "  ".join(phrase.split())):
                keys |= {f"{form} 12/2020", f"{form} 12/2020 y 13/2020", f"el {form} 1/2021"}
        keys.update(CaseNumber(case_type.code, "1", "2020").forms())
    for means in {*ELECTORAL_TYPES, *LOCAL_ELECTORAL_TYPES, *records._PLAIN_TO_OWN}:
        keys |= {f"{chamber}-{means}-1/2020" for chamber in (*ELECTORAL_CHAMBERS, "TEECH")}
        keys |= {f"{means}-1/2020", f"{means}/1/2020", f"{means.lower()}-1/2020"}
    plain = {
        key
        for key in keys
        if len(cases := parse_expediente(key)) == 1 and cases[0].type_code in records._PLAIN_TO_OWN
    }
    assert len(plain) > 10
    assert all(records._may_name_a_plain_type(key) for key in plain)
    # and most keys are not parsed
    assert sum(records._may_name_a_plain_type(key) for key in keys) < len(keys) / 2
