"""Citations of the Tribunal Superior de Justicia de la Ciudad de México's tocas and its
juzgados' expedientes, written as its sentences write them: "del H. Tribunal Superior…",
"TSJCDMX", its Sala Especializada en Ejecución de Sanciones Penales, a sala in apposition
after the number, a juzgado named with the city. The court read keeps the city, so a toca
or an expediente of the same number in another state is not linked (a wrong link is worse
than none); one of the city's own is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.citations import extract_citations
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.expedientes import normalise_expediente

TSJ = "Tribunal Superior de Justicia de la Ciudad de México"


@pytest.mark.parametrize(
    ("written", "key", "court"),
    [("en el toca 1234/2024 de la Octava Sala Penal del H. Tribunal Superior de Justicia de "
      "la Ciudad de México, se", "Toca 1234/2024", f"Octava Sala Penal del {TSJ}"),
     ("en el toca 1234/2024 de la Quinta Sala Familiar del TSJCDMX, se", "Toca 1234/2024",
      f"Quinta Sala Familiar del {TSJ}"),
     ("en el toca 88/2023 de la Sala Especializada en Ejecución de Sanciones Penales del "
      f"{TSJ}.", "Toca 88/2023", f"Sala Especializada en Ejecución de Sanciones Penales del {TSJ}"),
     (f"el toca 1150/2019, Quinta Sala Familiar del H. {TSJ}.", "Toca 1150/2019",
      f"Quinta Sala Familiar del {TSJ}"),
     ("el toca 45/2022 de la Décima Primera Sala Civil del Tribunal Superior de Justicia del "
      "Estado de Jalisco, que", "Toca 45/2022",
      "Décima Primera Sala Civil del Tribunal Superior de Justicia del Estado de Jalisco"),
     ("en el expediente 567/2019 del Juzgado Trigésimo Segundo de lo Civil de la Ciudad de "
      "México, se", "567/2019", "Juzgado Trigésimo Segundo de lo Civil de la Ciudad de México"),
     (f"en el expediente 567/2019 del Juzgado Quinto de lo Familiar del {TSJ}, se", "567/2019",
      f"Juzgado Quinto de lo Familiar del {TSJ}")],
)  # fmt: skip
def test_a_cdmx_toca_or_expediente_is_read_with_its_court_and_city(
    written: str, key: str, court: str
) -> None:
    (citation,) = extract_citations(f"Así se resolvió {written}")
    assert (citation.key, citation.court) == (key, court)


@pytest.mark.parametrize(
    "written",
    [
        # a federal juzgado "en la Ciudad de México": no state court, no court read
        "el expediente 567/2019 del Juzgado Primero de Distrito en Materia Civil en la Ciudad",
        # a juzgado without its state, a sala in apposition without its high court
        "el expediente 567/2019 del Juzgado Segundo de lo Civil, que",
        "el toca 12/2023, Primera Sala Familiar, que",
        "el amparo directo 12/2023, Primera Sala de la Suprema Corte",
    ],
)
def test_no_court_is_read_where_none_is_named_whole(written: str) -> None:
    (citation,) = extract_citations(f"Así se resolvió {written}.")
    assert citation.court is None


def _sentencia(name: str, jurisdiction: str, text: str, **extra: object) -> Sentencia:
    expediente = extra.pop("expediente", None)
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date(2024, 5, 1),
        institution=f"Poder Judicial {jurisdiction}", jurisdiction=jurisdiction,
        source_id=f"pj-{jurisdiction}", url=f"https://ejemplo.gob.mx/{name}", text=text,
        expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
        **extra,
    )  # fmt: skip


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    held = [
        _sentencia("cdmx-toca", "MX-CMX", "TOCA 1234/2024. Se confirma.",
                   expediente="Toca 1234/2024", court="Octava Sala Penal"),
        _sentencia("jal-toca", "MX-JAL", "TOCA 1234/2024. Se revoca.",
                   expediente="Toca 1234/2024", court="Octava Sala Penal"),
        _sentencia("cdmx-exp", "MX-CMX", "EXPEDIENTE 567/2019. Se condena.",
                   expediente="567/2019", court="Juzgado Trigésimo Segundo de lo Civil"),
        _sentencia("jal-exp", "MX-JAL", "EXPEDIENTE 567/2019. Se absuelve.",
                   expediente="567/2019", court="Juzgado Trigésimo Segundo de lo Civil"),
    ]  # fmt: skip
    citing = _sentencia(
        "cita", "MX-CMX",
        "Como resolvió el toca 1234/2024 de la Octava Sala Penal del H. Tribunal Superior de "
        "Justicia de la Ciudad de México, y en el expediente 567/2019 del Juzgado Trigésimo "
        "Segundo de lo Civil de la Ciudad de México, se concede.",
    )  # fmt: skip
    for doc in held:
        lib.add_document(doc)
    lib.flush()
    lib.add_document(citing)
    lib.flush()
    with TestClient(create_app(lib)) as test_client:
        yield test_client
    lib.close()


def test_a_cdmx_citation_links_the_citys_sentence_not_another_states(client: TestClient) -> None:
    items = client.get("/v1/documents/cita/citations").json()["cites"]["items"]
    linked = {item["key"]: [d["id"] for d in item["documents"]] for item in items}
    assert linked == {"Toca 1234/2024": ["cdmx-toca"], "567/2019": ["cdmx-exp"]}
