"""The court a precedent is cited with, as SCJN sentences and transcripts write it: in a
footnote's reference after the number ("…, Tribunal Pleno de la Suprema Corte de Justicia
de la Nación, Ponente: …"), after a vote count ("resuelto por unanimidad de votos por la
Primera Sala de esta Suprema Corte"), once for accumulated cases; and whatever way the
body is written, it agrees with the cited sentence's own court ("Primera Sala de la
SCJN"), and a citation naming another body does not link to it."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.citations import extract_citations
from indexer.citations.courts import court_key, courts_agree
from indexer.extract.pdf import extract_pdf
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.courts import normalise_court
from indexer.readers.expedientes import normalise_expediente

FULL = "Suprema Corte de Justicia de la Nación"


def courts(text: str) -> dict[str, str | None]:
    return {c.key: c.court for c in extract_citations(text) if c.kind == "case"}


@pytest.mark.parametrize(
    ("text", "key", "court"),
    [
        # a footnote's reference: the body in apposition, the court named whole
        (f"[15: Sentencia recaída a la acción de inconstitucionalidad 33/2015, Tribunal Pleno "
         f"de la {FULL}, Ponente: Ministro Alberto Pérez Dayán, 18 de febrero de 2016.]",
         "AI 33/2015", f"Tribunal Pleno de la {FULL}"),
        (f"[29: Ver, por ejemplo, el amparo en revisión 1368/2015, Primera Sala de la {FULL}, "
         "13 de marzo de 2019, unanimidad de cinco votos.]", "AR 1368/2015",
         f"Primera Sala de la {FULL}"),
        # a vote count between the verb and the court
        ("Este asunto deriva del amparo en revisión 317/2022, resuelto por unanimidad de "
         "votos por la Primera Sala de esta Suprema Corte de Justicia, en sesión del treinta "
         "de noviembre.", "AR 317/2022", "Primera Sala de esta Suprema Corte"),
        ("la contradicción de tesis 12/2021, fallada por mayoría de ocho votos por el "
         "Tribunal Pleno.", "CT 12/2021", "Tribunal Pleno"),
        # a footnote's "number. votes. body."
        ("[44: Amparo directo en revisión 1754/2015. Mayoría de tres votos. Primera Sala.]",
         "ADR 1754/2015", "Primera Sala"),
    ],
)  # fmt: skip
def test_a_precedents_reference_names_its_court(text: str, key: str, court: str) -> None:
    assert courts(text) == {key: court}


@pytest.mark.parametrize(
    "text",
    [
        # the Suprema Corte not named whole: unsure
        "el amparo directo 12/2023, Primera Sala de la Suprema Corte",
        # what follows a vote count is no body of the Court
        "[51: Amparo directo en revisión 7470/2017. Mayoría de tres votos. Párrafo 47.]",
        "el amparo en revisión 5/2020, resuelto por unanimidad de votos, en sesión remota.",
    ],
)
def test_no_court_where_none_is_named_with_the_number(text: str) -> None:
    assert set(courts(text).values()) == {None}


@pytest.mark.parametrize(
    ("text", "key", "court"),
    [
        # a body whose owner is written after it is that owner's, never the Court's: taken
        # with its owner where these forms know it, else no court
        ("el toca penal 12/2023, resuelto por el Pleno del Tribunal Superior de Justicia del "
         "Estado de Jalisco, que confirmó", "Toca 12/2023",
         "Pleno del Tribunal Superior de Justicia del Estado de Jalisco"),
        ("la acción de inconstitucionalidad 12/2023, resuelta por el Pleno del Consejo de la "
         "Judicatura Federal, que", "AI 12/2023", None),
        ("el toca 12/2023 del Pleno del Supremo Tribunal de Justicia del Estado de Jalisco, que",
         "Toca 12/2023", "Pleno del Supremo Tribunal de Justicia del Estado de Jalisco"),
        ("la contradicción de criterios 12/2023 del Pleno de Circuito en Materia Civil del "
         "Tercer Circuito, que", "Contradicción de Criterios 12/2023",
         "Pleno de Circuito en Materia Civil del Tercer Circuito"),
        ("la contradicción de criterios 12/2023 del Pleno del Decimosexto Circuito, que",
         "Contradicción de Criterios 12/2023", "Pleno del Decimosexto Circuito"),
        ("el amparo en revisión 12/2023, resuelto por el Pleno de la Sala Superior, que",
         "AR 12/2023", None),
        ("el amparo en revisión 12/2023, resuelto por la Primera Sala del Tribunal de Justicia "
         "Administrativa del Estado, que", "AR 12/2023", None),
        ("el amparo en revisión 12/2023, resuelto por la Sala Superior del Tribunal de Justicia "
         "Administrativa del Estado, que", "AR 12/2023", None),
        ("el juicio SG-JDC-12/2023, resuelto por la Sala Superior del Tribunal Electoral del "
         "Estado de Jalisco, que", "SG-JDC-12/2023", None),
        ("el amparo en revisión 12/2023, resuelto por la Sala Regional Guadalajara del Tribunal "
         "Federal de Justicia Administrativa, que", "AR 12/2023", None),
        # the owner these forms know is taken whole
        ("la contradicción de criterios 12/2023 del Pleno Regional en Materia Penal de la "
         "Región Centro-Norte, que", "Contradicción de Criterios 12/2023",
         "Pleno Regional en Materia Penal de la Región Centro-Norte"),
        ("el toca 12/2023 de la Tercera Sala Penal del Supremo Tribunal de Justicia del Estado "
         "de Jalisco, que", "Toca 12/2023",
         "Tercera Sala Penal del Supremo Tribunal de Justicia del Estado de Jalisco"),
        ("el amparo en revisión 12/2023, resuelto por la Primera Sala del Tribunal Superior de "
         "Justicia del Estado, que", "AR 12/2023",
         "Primera Sala del Tribunal Superior de Justicia del Estado"),
        ("el juicio SG-JDC-12/2023 de la Sala Regional Guadalajara del Tribunal Electoral del "
         "Poder Judicial de la Federación, que", "SG-JDC-12/2023",
         "Sala Regional Guadalajara del Tribunal Electoral del Poder Judicial de la Federación"),
        ("el juicio SCM-JDC-12/2023 de la Sala Regional Ciudad de México, que", "SCM-JDC-12/2023",
         "Sala Regional Ciudad de México"),
        (f"el amparo en revisión 12/2023 del Pleno de la {FULL}, que", "AR 12/2023",
         f"Pleno de la {FULL}"),
    ],
)  # fmt: skip
def test_a_body_named_before_its_owner_takes_that_owner_or_none(
    text: str, key: str, court: str | None
) -> None:
    assert courts(text) == {key: court}


def test_accumulated_cases_share_their_court_a_list_of_precedents_does_not() -> None:
    accumulated = courts(
        "[16: Sentencia recaída a la acción de inconstitucionalidad 15/2017 y sus acumuladas "
        f"16/2017, 18/2017 y 19/2017, Tribunal Pleno de la {FULL}, Ponente: Ministro Javier "
        "Laynez Potisek, 17 de agosto de 2017.]"
    )
    assert accumulated == dict.fromkeys(
        ("AI 15/2017", "AI 16/2017", "AI 18/2017", "AI 19/2017"), f"Tribunal Pleno de la {FULL}"
    )
    # the body a clause opened with the accumulated cases has for subject
    assert courts(
        "36. En la acción de inconstitucionalidad 41/2018 y su acumulada 42/2018,"
        "[footnoteRef:23] el Tribunal Pleno sostuvo que el artículo 4.3 de la Convención"
    ) == {"AI 41/2018": "Tribunal Pleno", "AI 42/2018": "Tribunal Pleno"}
    listed = courts(
        "Véanse el amparo en revisión 1/2020 y las acciones de inconstitucionalidad 60/2022, "
        f"117/2021 y 65/2022, Tribunal Pleno de la {FULL}."
    )
    assert listed == {"AR 1/2020": None, "AI 60/2022": None, "AI 117/2021": None,
                      "AI 65/2022": f"Tribunal Pleno de la {FULL}"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key", "court"),
    [
        # the body before, as the clause's subject
        ("En similares términos lo determinó esta Primera Sala en el amparo directo en "
         "revisión 7816/2017, al sostener que", "ADR 7816/2017", "Primera Sala"),
        ("La consulta califica como fundado el concepto, pues este Tribunal Pleno, al resolver "
         "la acción de inconstitucionalidad 175/2020, analizó idéntico planteamiento.",
         "AI 175/2020", "Tribunal Pleno"),
        ("Señala que esto es contrario a lo establecido por el Tribunal Pleno de esta Suprema "
         "Corte en el amparo directo en revisión 3584/2017, donde", "ADR 3584/2017",
         "Tribunal Pleno de esta Suprema Corte"),
        # the body after a clause opened with the case
        ("32. En la acción de inconstitucionalidad 101/2016, el Tribunal Pleno invalidó la Ley.",
         "AI 101/2016", "Tribunal Pleno"),
        ("73. Desde el amparo directo en revisión 4909/2014[footnoteRef:49], esta Primera Sala "
         "sostuvo que la compensación", "ADR 4909/2014", "Primera Sala"),
        # the subject after wins over a body the clause before only mentions
        ("Como es del conocimiento de este Pleno, al resolver el ulterior amparo en revisión "
         "174/2022 la Primera Sala consideró que", "AR 174/2022", "Primera Sala"),
    ],
)  # fmt: skip
def test_the_body_a_clause_citing_its_precedent_has_for_subject(
    text: str, key: str, court: str
) -> None:
    assert courts(text) == {key: court}


@pytest.mark.parametrize(
    "text",
    [
        # a body after "de" is no subject
        "Es del conocimiento de este Pleno, al resolver la acción de inconstitucionalidad "
        "5/2020, que se dijo",
        # an amparo directo is a colegiado's, whoever the clause's subject is
        "En el amparo directo 298/2023, esta Primera Sala advirtió que",
        # a clause not opened with the case: the body after it is another clause's
        "Se citó la acción de inconstitucionalidad 9/2021, el Tribunal Pleno invalidó otra.",
    ],
)
def test_no_subject_court_where_the_body_is_not_the_clauses_subject(text: str) -> None:
    assert set(courts(text).values()) == {None}


@pytest.mark.parametrize(
    ("written", "held", "agree"),
    [
        (f"Primera Sala de la {FULL}", "Primera Sala de la SCJN", True),
        ("Primera Sala de esta Suprema Corte", "Primera Sala de la SCJN", True),
        ("Primera Sala de esta Suprema Corte de Justicia", "Primera Sala de la SCJN", True),
        (f"Tribunal Pleno de la {FULL}", "Pleno de la SCJN", True),
        ("Tribunal Pleno", "Pleno de la SCJN", True),
        ("Segunda Sala de esta Suprema Corte", "Primera Sala de la SCJN", False),
        (f"Primera Sala de la {FULL}", "Pleno de la SCJN", False),
        # a body written bare, its owner not named, is the federal court's, never another
        # court's body of the same name
        ("Primera Sala", "Primera Sala de la SCJN", True),
        ("Primera Sala", "Primera Sala del Supremo Tribunal de Justicia del Estado de Jalisco",
         False),
        ("Sala Superior", "Sala Superior del TEPJF", True),
        ("Sala Superior", "Sala Superior del Tribunal de Justicia Administrativa del Estado de "
         "Sonora", False),
        # a held sentence's bare body is its publisher's: the owner written agrees with it
        ("Primera Sala del Supremo Tribunal de Justicia del Estado de Jalisco", "Primera Sala",
         True),
        # numbered bodies: the circuit and the ordinal tell siblings apart, whatever words
        # the two names share ("Primer" twice is not "Primer" and "Tercer")
        ("Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
         "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito", True),
        ("Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
         "Primer Tribunal Colegiado en Materia Civil del Primer Circuito", False),
        ("Segundo Tribunal Colegiado en Materia Penal del Primer Circuito",
         "Segundo Tribunal Colegiado en Materia Penal del Segundo Circuito", False),
        ("Tercer Tribunal Colegiado en Materia Administrativa del Primer Circuito",
         "Décimo Tercer Tribunal Colegiado en Materia Administrativa del Primer Circuito", False),
        ("Tribunal Colegiado en Materia Civil del Tercer Circuito",
         "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito", False),
        ("Primera Sala", "Décima Primera Sala Especializada en Materia Penal", False),
        ("Decimotercer Tribunal Colegiado en Materia Administrativa del Primer Circuito",
         "Décimo Tercer Tribunal Colegiado en Materia Administrativa del Primer Circuito", True),
        ("Segunda Sala Regional del Norte-Centro II del Tribunal Federal de Justicia "
         "Administrativa", "Segunda Sala Regional del Norte-Centro I", False),
        ("Pleno en Materia Civil del Tercer Circuito",
         "Pleno de Circuito en Materia Civil del Tercer Circuito", True),
    ],
)  # fmt: skip
def test_a_body_of_the_court_agrees_with_the_sentences_court_however_written(
    written: str, held: str, agree: bool
) -> None:
    assert courts_agree(court_key(written), court_key(held)) is agree


@pytest.mark.parametrize(
    ("written", "court"),
    [
        ("Primera Sala de esta Suprema Corte", "Primera Sala de la SCJN"),
        ("Segunda Sala de la Suprema Corte de Justicia", "Segunda Sala de la SCJN"),
        ("el Tribunal Pleno de esta Suprema Corte", "Pleno de la SCJN"),
        ("TRIBUNAL PLENO DE ESTA SUPREMA CORTE DE JUSTICIA", "Pleno de la SCJN"),
    ],
)
def test_a_sentences_own_court_written_as_this_court_is_one_name(written: str, court: str) -> None:
    assert normalise_court(written) == court


def _sentencia(name: str, text: str, expediente: str | None = None,
               court: str | None = None) -> Sentencia:  # fmt: skip
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date(2024, 9, 1), text=text,
        url=f"https://ejemplo.gob.mx/{name}", expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
        institution=FULL, jurisdiction="MX", source_id="scjn-sentencias", court=court,
    )  # fmt: skip


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    docs = [
        _sentencia("ar-317", "AMPARO EN REVISIÓN 317/2022. Se concede.",
                   "Amparo en Revisión 317/2022", "Primera Sala de la SCJN"),
        _sentencia("vt", "SEÑORA MINISTRA RÍOS FARJAT: Este asunto deriva del amparo en "
                   "revisión 317/2022, resuelto por unanimidad de votos por la Primera Sala "
                   "de esta Suprema Corte de Justicia, en sesión del treinta de noviembre."),
        _sentencia("nota", f"[29: Ver el amparo en revisión 317/2022, Segunda Sala de la "
                   f"{FULL}, 13 de marzo de 2023, unanimidad de cinco votos.]"),
    ]  # fmt: skip
    for doc in docs:
        lib.add_document(doc)
    lib.flush()
    with TestClient(create_app(lib)) as test_client:
        yield test_client
    lib.close()


def _cites(client: TestClient, doc_id: str) -> dict[str, list[str]]:
    items = client.get(f"/v1/documents/{doc_id}/citations").json()["cites"]["items"]
    return {item["key"]: [d["id"] for d in item["documents"]] for item in items}


def test_a_citation_links_to_the_sentence_of_the_body_it_names(client: TestClient) -> None:
    # "Primera Sala de esta Suprema Corte" is the held sentence's "Primera Sala de la SCJN"
    assert _cites(client, "vt") == {"AR 317/2022": ["ar-317"]}
    # a reference naming the Segunda Sala is not the Primera Sala's sentence
    assert _cites(client, "nota") == {"AR 317/2022": []}
    body = client.get("/v1/documents/ar-317/citations").json()["cited_by"]
    assert [c["document"]["id"] for c in body["items"]] == ["vt"]


CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
RECORD = CORPUS / "real" / "scjn-sentencias" / "record_0001.json"


@pytest.mark.skipif(not RECORD.exists(), reason="the shared real corpus is absent")
def test_a_real_sentences_precedents_carry_the_courts_its_footnotes_name() -> None:
    """AI 29/2024 cites the Pleno's acciones and the Primera Sala's amparos in footnotes:
    each reference's court is read, and agrees with that body's sentences only."""
    found = extract_citations(json.loads(RECORD.read_text(encoding="utf-8"))["text"])
    named: dict[str, set[str | None]] = {}
    for citation in found:
        if citation.kind == "case":
            named.setdefault(citation.key, set()).add(citation.court)
    pleno = {"AI 33/2015", "AI 15/2017", "AI 16/2017", "AI 18/2017", "AI 19/2017",
             "AI 101/2016", "AI 1/2017", "AI 80/2017", "AI 81/2017", "AI 41/2018",
             "AI 42/2018", "AI 212/2020"}  # fmt: skip
    sala = {"AR 1368/2015", "AR 1082/2019", "AR 581/2012"}
    for key in pleno | sala:
        held = "Pleno de la SCJN" if key in pleno else "Primera Sala de la SCJN"
        other = "Primera Sala de la SCJN" if key in pleno else "Pleno de la SCJN"
        written = {court for court in named[key] if court}
        assert written, key
        assert all(courts_agree(court_key(c), court_key(held)) for c in written), key
        assert not any(courts_agree(court_key(c), court_key(other)) for c in written), key
    # the sentence's own number and the precedents cited without a court keep none
    assert named["AI 29/2024"] == {None}
    assert named["AI 60/2022"] == {None}


SCJN_TRANSCRIPT = CORPUS / "scjn-transcripts" / "vt-pleno-2025-02-18.pdf"


@pytest.mark.skipif(not SCJN_TRANSCRIPT.exists(), reason="the shared real corpus is absent")
def test_a_real_transcripts_precedents_carry_the_body_that_decided_them() -> None:
    """The Pleno's session of 18 Feb 2025 cites its own precedents ("este Tribunal Pleno,
    al resolver la acción…") and the Primera Sala's ("resuelto por unanimidad de votos por
    la Primera Sala de esta Suprema Corte"; "de este Pleno, al resolver el ulterior
    amparo en revisión 174/2022 la Primera Sala consideró")."""
    text = extract_pdf(SCJN_TRANSCRIPT.read_bytes(), 500).text
    named: dict[str, set[str]] = {}
    for citation in extract_citations(text):
        if citation.kind == "case" and citation.court:
            named.setdefault(citation.key, set()).add(court_key(citation.court) or "")
    expected = {
        "AI 175/2020": "Pleno de la SCJN",
        "ADR 3584/2017": "Pleno de la SCJN",
        "AR 317/2022": "Primera Sala de la SCJN",
        "AR 174/2022": "Primera Sala de la SCJN",
    }
    for key, held in expected.items():
        assert named.get(key), key
        assert all(courts_agree(c, court_key(held)) for c in named[key]), (key, named[key])


@pytest.mark.parametrize(
    ("written", "court"),
    [
        ("Sala Regional Guadalajara del Tribunal Electoral del Estado de Jalisco",
         "Sala Regional Guadalajara del Tribunal Electoral del Estado de Jalisco"),
        ("Sala Regional Xalapa del Tribunal Electoral de Veracruz",
         "Sala Regional Xalapa del Tribunal Electoral de Veracruz"),
        ("Sala Regional Guadalajara del Tribunal Electoral del Poder Judicial de la Federación",
         "Sala Regional Guadalajara del TEPJF"),
    ],
)  # fmt: skip
def test_a_states_electoral_court_named_after_a_regional_chamber_is_no_tepjf(
    written: str, court: str
) -> None:
    assert normalise_court(written) == court


def test_a_bare_plenary_published_by_a_states_court_is_its_own_not_the_scjns() -> None:
    from indexer.attribution import foreign_value, publisher_of

    jalisco = "Supremo Tribunal de Justicia del Estado de Jalisco"
    scjn = "Suprema Corte de Justicia de la Nación"
    assert normalise_court("TRIBUNAL PLENO", jalisco) == "Tribunal Pleno"
    assert normalise_court("PLENO", jalisco) == "Pleno"
    # published by the Court itself, or cited with no publisher known: the Court's
    assert normalise_court("TRIBUNAL PLENO", scjn) == "Pleno de la SCJN"
    assert normalise_court("Tribunal Pleno") == "Pleno de la SCJN"
    # the state's own plenary is no other institution's sentence
    publisher = publisher_of(jalisco, "MX-JAL", (jalisco, scjn))
    assert not foreign_value("court", "TRIBUNAL PLENO", publisher)
