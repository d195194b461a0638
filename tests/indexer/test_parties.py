"""The parties a sentence's caption names by their role (quejoso, recurrente, actor,
demandado, autoridad responsable, tercero interesado): a journalist asking who sued whom
found no field for them. Read only from the caption's labels, never from prose; a public
version's redacted name («[ELIMINADO…]», «**********», «XXXXX», initials) is never stored
as a name, in whole nor in part, and a name the privacy guard masks is left out. Texts
written for the project on the layouts of TEPJF, SCJN and state courts' captions; names
of authorities and companies invented or public."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.readers.judgments import read_sentence

BODY = (
    "\n\nVISTOS para resolver los autos citados al rubro; y\n\nR E S U L T A N D O:\n\n"
    "PRIMERO. Quejoso: Ernesto Ruiz Lara presentó su demanda contra el demandado Banco "
    "Azul, S.A.\n\nC O N S I D E R A N D O:\n\nÚNICO. Los agravios son infundados.\n"
)

TEPJF = (
    "RECURSO DE APELACIÓN\n\nEXPEDIENTE: SUP-RAP-12/2023\n\n"
    "RECURRENTE: PARTIDO ACCIÓN NACIONAL\n\n"
    "AUTORIDAD RESPONSABLE: CONSEJO GENERAL DEL INSTITUTO\nNACIONAL ELECTORAL\n\n"
    "TERCERO INTERESADO: MORENA\n\nMAGISTRADO PONENTE: FELIPE DE LA MATA PIZAÑA\n\n"
    "SECRETARIO: JUAN LÓPEZ RUIZ"
)


def parties(caption: str) -> list[str]:
    return read_sentence(caption + BODY).parties


def test_a_tepjf_caption_gives_each_party_with_its_role() -> None:
    assert parties(TEPJF) == [
        "recurrente: PARTIDO ACCIÓN NACIONAL",
        # (its name runs on to the line right under it: read whole, never cut)
        "autoridad responsable: CONSEJO GENERAL DEL INSTITUTO NACIONAL ELECTORAL",
        "tercero interesado: MORENA",
    ]
    assert read_sentence(TEPJF + BODY).sources["parties"] == "heading"


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (  # two cells on one line, a company's stops kept
            "EXPEDIENTE: 45/2023\nACTORA: INMOBILIARIA DEL NORTE, S.A. DE C.V. "
            "DEMANDADO: BANCO MERCANTIL DEL SUR, S.A.",
            ["actor: INMOBILIARIA DEL NORTE, S.A. DE C.V.",
             "demandado: BANCO MERCANTIL DEL SUR, S.A."],
        ),
        (  # the label alone, its value on the next line; "no hay" is no one
            "TOCA: 12/2023\nACTOR:\nCOMERCIALIZADORA LÓPEZ, S.A. DE C.V.\n"
            "DEMANDADO: NO HAY",
            ["actor: COMERCIALIZADORA LÓPEZ, S.A. DE C.V."],
        ),
        (  # one label, two roles
            "AMPARO EN REVISIÓN 123/2023\nQUEJOSA Y RECURRENTE: CONSTRUCTORA DEL VALLE, S.C.\n"
            "MINISTRO PONENTE: JUAN LÓPEZ RUIZ",
            ["quejoso: CONSTRUCTORA DEL VALLE, S.C.",
             "recurrente: CONSTRUCTORA DEL VALLE, S.C."],
        ),
        (
            "AMPARO DIRECTO 45/2023\nAUTORIDADES RESPONSABLES: SEGUNDA SALA CIVIL DEL "
            "TRIBUNAL SUPERIOR DE JUSTICIA\nTERCEROS INTERESADOS: NINGUNO",
            ["autoridad responsable: SEGUNDA SALA CIVIL DEL TRIBUNAL SUPERIOR DE JUSTICIA"],
        ),
    ],
)  # fmt: skip
def test_caption_layouts_give_their_parties(caption: str, expected: list[str]) -> None:
    assert parties(caption) == expected


@pytest.mark.parametrize(
    "redacted",
    [
        "[ELIMINADO: NOMBRE DEL ACTOR]",
        "**********",
        "XXXXXXXXXX",
        "J.P.R.",
        "A. B. C. Y OTROS",
        "JUAN ********** GARCÍA",  # a redaction inside a name: no part of it is kept
        "ELIMINADO. Fundamento legal: artículo 116 de la LGTAIP",
        "DATO PERSONAL PROTEGIDO",
        "[...]",
        "_______________",
        "SE OMITE SU NOMBRE",
        "DE LA DE LOS",  # words that join a name alone name no one
    ],
)
def test_a_redacted_name_is_never_stored(redacted: str) -> None:
    caption = f"AMPARO DIRECTO 45/2023\nQUEJOSO: {redacted}\nTERCERO INTERESADO: {redacted}"
    assert parties(caption) == []


def test_prose_after_the_caption_names_no_party() -> None:
    assert parties("AMPARO DIRECTO 45/2023") == []


def _sentencia(text: str):  # type: ignore[no-untyped-def]
    return build_document(
        kind="sentencia",
        source_id="tepjf-prueba",
        institution="TEPJF",
        jurisdiction="MX",
        url="https://example.org/sup-rap-12-2023",
        fields={"title": "SUP-RAP-12/2023"},
        heading_text=text + BODY,
        text=text + BODY,
    )


def test_a_private_person_s_name_the_guard_masks_is_left_out() -> None:
    text = TEPJF.replace("TERCERO INTERESADO: MORENA", "TERCERO INTERESADO: ERNESTO RUIZ LARA")
    doc = _sentencia(text)
    assert doc.parties == [
        "recurrente: PARTIDO ACCIÓN NACIONAL",
        "autoridad responsable: CONSEJO GENERAL DEL INSTITUTO NACIONAL ELECTORAL",
    ]
    assert doc.field_sources["parties"] == "heading"
    assert "ERNESTO" not in " ".join(doc.parties)


def test_a_caption_of_labels_alone_is_read_in_bounded_time() -> None:
    hostile = "QUEJOSO: DE LA DE LA DE\n" * 200_000
    started = time.perf_counter()
    found = read_sentence(hostile).parties
    assert time.perf_counter() - started < 10
    assert found == []


def test_an_authority_s_long_name_in_capitals_is_read_whole() -> None:
    responsible = (
        "SALA REGIONAL DEL TRIBUNAL ELECTORAL DEL PODER JUDICIAL DE LA FEDERACIÓN, "
        "CORRESPONDIENTE A LA QUINTA CIRCUNSCRIPCIÓN PLURINOMINAL, CON SEDE EN TOLUCA, "
        "ESTADO DE MÉXICO"
    )
    caption = (
        "RECURSO DE RECONSIDERACIÓN\nEXPEDIENTE: SUP-REC-1234/2021\n"
        f"RECURRENTE: PARTIDO DEL TRABAJO\nRESPONSABLE: {responsible}\n"
        "MAGISTRADO PONENTE: FERNANDO DE LA ROSA ITURRIAGA"
    )
    assert parties(caption) == [
        "recurrente: PARTIDO DEL TRABAJO",
        f"autoridad responsable: {responsible}",
    ]


def test_the_library_keeps_the_parties_and_the_api_gives_them(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "datos", database_url=None))
    doc = _sentencia(TEPJF)
    library.add_document(doc)
    library.flush()
    try:
        with TestClient(create_app(library)) as client:
            record = client.get(f"/v1/documents/{doc.id}")
    finally:
        library.close()
    assert record.status_code == 200
    assert record.json()["parties"] == [
        "recurrente: PARTIDO ACCIÓN NACIONAL",
        "autoridad responsable: CONSEJO GENERAL DEL INSTITUTO NACIONAL ELECTORAL",
        "tercero interesado: MORENA",
    ]
    assert record.json()["field_sources"]["parties"] == "heading"


REAL = next(
    (c for f in Path(__file__).parents if (c := f / "shared" / "corpus" / "real").is_dir()), None
)


@pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is not present")
def test_the_real_scjn_sentences_give_their_captions_parties_and_no_redacted_one() -> None:
    found = {}
    for path in sorted((REAL / "scjn-sentencias").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = read_sentence(record["text"]).parties
    # the two whose parties are redacted («PARTE QUEJOSA: **********») give none
    assert found == {
        "record_0000": [],
        "record_0001": ["promovente: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS"],
        "record_0002": ["actor: PARTIDO ACCIÓN NACIONAL"],
        "record_0004": ["promovente: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS"],
        "record_0006": [],
    }
