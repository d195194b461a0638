"""A citation names a sentence of its own issuer only: in a real library (SQLite + Tantivy)
where a registered court's judgments copy an SCJN expediente, an SCJN citation links to
the SCJN's sentence, never to the registered court's (citations, "cited by", counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from config.specs import parse_spec
from indexer.citations import extract_citations
from indexer.citations.courts import court_key
from indexer.citations.issuers import Holder, names
from indexer.citations.records import cited_by_counts, record_citations
from indexer.citations.resolve import cited, citing
from indexer.db import Database
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.expedientes import normalise_expediente
from indexer.stores import SearchQuery

SCJN = "Suprema Corte de Justicia de la Nación"
TSJ = "Tribunal Superior de Justicia del Estado de Querétaro"
REGISTERED = "tsj-qro-sentencias"


def sentencia(name: str, text: str, expediente: str | None = None, **extra: object) -> Sentencia:
    fields: dict[str, object] = {
        "institution": SCJN, "jurisdiction": "MX", "source_id": "scjn-sentencias",
    } | extra  # fmt: skip
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date(2024, 9, 1), text=text,
        url=f"https://ejemplo.gob.mx/{name}", expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
        **fields,
    )  # fmt: skip


def registered(name: str, text: str, expediente: str, court: str | None = None) -> Sentencia:
    """As the court's registered source publishes it: its name, its state, its own court
    or none (a foreign one is emptied at crawl time)."""
    return sentencia(name, text, expediente, institution=TSJ, jurisdiction="MX-QUE",
                     source_id=REGISTERED, court=court)  # fmt: skip


HELD = [
    sentencia("scjn-ar", "AMPARO EN REVISIÓN 101/2024. Se revoca.", "Amparo en Revisión 101/2024",
              court=f"Primera Sala de la {SCJN}"),
    sentencia("scjn-ai", "ACCIÓN DE INCONSTITUCIONALIDAD 5/2023.",
              "Acción de Inconstitucionalidad 5/2023"),  # the catalogue's, without a court
    registered("qro-ar", "Copia: amparo en revisión 101/2024.", "Amparo en Revisión 101/2024"),
    registered("qro-sala", "Amparo en revisión 202/2024.", "Amparo en Revisión 202/2024",
               court="Primera Sala Penal"),
    registered("qro-toca", "Toca penal 77/2024: se confirma.", "Toca Penal 77/2024"),
]  # fmt: skip
CITING = [
    sentencia("cita-sala", "Como resolvió el amparo en revisión 101/2024, resuelto por la "
              "Primera Sala, se niega."),
    sentencia("cita-sola", "Conforme al amparo en revisión 101/2024, se concede."),
    sentencia("cita-penal", "Véase el amparo en revisión 202/2024 de la Primera Sala."),
    sentencia("cita-pleno", "La acción de inconstitucionalidad 5/2023 del Pleno lo dijo."),
    registered("qro-cita", "Como en el toca penal 77/2024, se modifica.", "Toca Penal 80/2024"),
]  # fmt: skip


@pytest.fixture()
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    _register(Registry(lib.db))
    for doc in [*HELD, *CITING]:
        lib.add_document(doc)
    lib.flush()
    yield lib
    lib.close()


def _register(registry: Registry) -> None:
    registry.add_institution("tsj-qro", TSJ, "court", "MX-QUE")
    spec = {"id": REGISTERED, "kind": "sentencia", "institution": TSJ, "jurisdiction": "MX-QUE",
            "start_urls": ["https://tsj.qro.gob.mx/sentencias"],
            "listing": {"items": "css:tr", "link": "css:a::attr(href)"}}  # fmt: skip
    registry.create_source("tsj-qro", parse_spec(spec), set())


@pytest.fixture()
def client(library: Library) -> Iterator[TestClient]:
    with TestClient(create_app(library)) as test_client:
        yield test_client


def _cites(client: TestClient, doc_id: str) -> dict[str, list[str]]:
    items = client.get(f"/v1/documents/{doc_id}/citations").json()["cites"]["items"]
    return {item["key"]: [d["id"] for d in item["documents"]] for item in items}


def _cited_by(client: TestClient, doc_id: str) -> list[str]:
    body = client.get(f"/v1/documents/{doc_id}/citations").json()["cited_by"]
    return [c["document"]["id"] for c in body["items"]]


def test_an_scjn_citation_links_to_the_scjn_sentence_only(client: TestClient) -> None:
    assert _cites(client, "cita-sala") == {"AR 101/2024": ["scjn-ar"]}
    assert _cites(client, "cita-sola") == {"AR 101/2024": ["scjn-ar"]}  # an amparo: federal
    assert _cites(client, "cita-penal") == {"AR 202/2024": []}  # the SCJN's Sala, not a state's
    assert sorted(_cited_by(client, "scjn-ar")) == ["cita-sala", "cita-sola"]
    assert _cited_by(client, "qro-ar") == []
    assert _cited_by(client, "qro-sala") == []


def test_correct_links_are_kept(client: TestClient) -> None:
    # the catalogue's courtless SCJN sentence is the Pleno's of an acción
    assert _cites(client, "cita-pleno") == {"AI 5/2023": ["scjn-ai"]}
    # the registered court's own toca, cited without a court
    assert _cites(client, "qro-cita") == {"Toca 77/2024": ["qro-toca"]}
    assert _cited_by(client, "qro-toca") == ["qro-cita"]


def test_counts_follow_the_links(library: Library) -> None:
    held = [doc.id for doc in HELD]
    assert cited_by_counts(library.db, held) == {"scjn-ar": 2, "scjn-ai": 1, "qro-toca": 1}
    query = SearchQuery(limit=50, filters={"kind": ["sentencia"]}, sort="most_cited")
    assert library.search(query).hits[0].id == "scjn-ar"


def test_both_databases_resolve_and_count_alike(database_url: str) -> None:
    db = Database(database_url)
    try:
        _register(Registry(db))
        docs = [*HELD, *CITING]
        for doc in docs:
            db.save_document(doc)
        record_citations(db, docs)
        assert [[d.id for d in i.documents] for i in cited(db, "cita-sola", 10, 0)[1]] == [
            ["scjn-ar"]
        ]
        assert citing(db, "qro-ar", 10, 0) == (0, [])
        assert cited_by_counts(db, ["scjn-ar", "qro-ar", "qro-sala", "qro-toca"]) == {
            "scjn-ar": 2,
            "qro-toca": 1,
        }
    finally:
        db.close()


@pytest.mark.parametrize(
    ("key", "court", "holder", "expected"),
    [
        # another state's sentence for a court naming a state
        ("Toca 1/2024", "Primera Sala Penal del Estado de Jalisco",
         Holder(None, TSJ, "MX-QUE", True), False),
        # a registered federal institution not known to be the judiciary, for an amparo
        ("AR 1/2024", None, Holder(None, "Tribunal Federal de Justicia Administrativa", "MX",
                                   True), False),
        # the TEPJF's Sala Superior, for its courtless sentence
        ("SUP-JDC-1/2024", "Sala Superior",
         Holder(None, "Tribunal Electoral del Poder Judicial de la Federación", "MX", False),
         True),
        # a state court's local electoral case is never the federal chamber's
        ("TEEQ-JLD-1/2024", None, Holder("sala superior", None, "MX", False), False),
        # another circuit's colegiado of the same number and matter
        ("AR 5/2023", "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
         Holder("primer tribunal colegiado en materia civil del primer circuito",
                "Poder Judicial de la Federación", "MX", False), False),
        ("AR 5/2023", "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito",
         Holder("primer tribunal colegiado en materia civil del tercer circuito",
                "Poder Judicial de la Federación", "MX", False), True),
    ],
)  # fmt: skip
def test_issuer_rules(key: str, court: str | None, holder: Holder, expected: bool) -> None:
    assert names(key, court_key(court), holder) is expected


@pytest.mark.parametrize(
    ("written", "held_court", "jurisdiction", "expected"),
    [("de la Primera Sala Civil del Tribunal Superior de Justicia del Estado de Nuevo León",
      "primera sala civil", "MX-JAL", False),
     ("de la Primera Sala Civil del Tribunal Superior de Justicia del Estado de Nuevo León",
      "primera sala civil", "MX-NLE", True),
     ("de la Cuarta Sala Familiar del Tribunal Superior de Justicia de la Ciudad de México",
      "cuarta sala familiar", "MX-MEX", False),
     ("del Tribunal Superior de Justicia del Edo. de México", None, "MX-CMX", False)],
)  # fmt: skip
def test_a_toca_cited_with_its_state_names_no_other_state_s_sala(
    written: str, held_court: str | None, jurisdiction: str, expected: bool
) -> None:
    """The state written after a toca reaches the link: another state's sala holding a
    toca of the same number is not the one cited."""
    (citation,) = extract_citations(f"Así se resolvió en el toca civil 88/2024 {written}.")
    holder = Holder(held_court, "Poder Judicial", jurisdiction, False)
    assert names(citation.key, court_key(citation.court), holder) is expected


@pytest.mark.parametrize(
    ("written", "jurisdiction", "expected"),
    [("de la Primera Sala Penal del Tribunal Superior de Justicia de Morelos", "MX-JAL", False),
     ("de la Primera Sala Penal del Tribunal Superior de Justicia de Morelos", "MX-MOR", True),
     ("de la Primera Sala Penal del Tribunal Superior de Justicia de Baja California Sur",
      "MX-SON", False),
     # a sala named without its state: any state's may be it (none is refused for a place)
     ("de la Primera Sala Penal", "MX-JAL", True)],
)  # fmt: skip
def test_a_state_high_court_named_without_estado_de_names_its_state(
    written: str, jurisdiction: str, expected: bool
) -> None:
    """A "Tribunal Superior de Justicia de Morelos" is the state's (no municipality has a
    high court), though a municipality elsewhere is called Morelos."""
    (citation,) = extract_citations(f"Así se resolvió en el toca penal 88/2024 {written}.")
    holder = Holder("primera sala penal", "Poder Judicial", jurisdiction, False)
    assert names(citation.key, court_key(citation.court), holder) is expected
