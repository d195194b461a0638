"""A session withheld for personal data after it was published takes with it what it
taught of its speakers: ``/v1/people`` (by congress, legislature or name), a person's
record and their page no longer show a term, a party or a person that only the withheld
session gave; what a roster and the still published sessions say stays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sesion, document_id
from indexer.speeches.service import import_roster

CONGRESS = "Congreso de Guanajuato"
KEPT = (
    "-La C. Presidenta: Se abre la sesión.\n"
    "-El diputado Juan Pérez López (PAN): Hablo del agua de la presa.\n"
    "-La C. Presidenta: Gracias, diputado.\n"
)
HELD = (
    "-La C. Presidenta: Se abre la sesión.\n"
    "-El diputado Juan Pérez López (MORENA): Mi vecina vive en la calle Reforma 123.\n"
    "-La diputada Rosa Martínez Ruiz (PRI): Pido reserva de su domicilio.\n"
    "-La diputada Elena Gómez Ruiz (PVEM): Me sumo a la petición.\n"
    "-El diputado Pérez López (MORENA): Y pido la palabra otra vez.\n"
    "-La C. Presidenta: Gracias.\n"
)


def _session(number: int, legislature: str, text: str, day: dt.date) -> Sesion:
    url = f"https://ejemplo.gob.mx/sesion-{number}"
    return Sesion(
        id=document_id("prueba", url),
        title=f"Sesión ordinaria número {number}",
        date=day,
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=url,
        text=text,
        congress=CONGRESS,
        legislature=legislature,
        session_type="ordinaria",
    )


def _by_name(client: TestClient, **params: str) -> dict[str, dict]:
    found = client.get("/v1/people", params={"congress": CONGRESS, **params}).json()
    return {person["name"]: person for person in found["people"]}


@pytest.fixture
def withheld(tmp_path: Path, database_url: str) -> Iterator[tuple[TestClient, Library, Sesion]]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    # a roster names Elena (no party): what it says of her is no session's to take
    import_roster(library.db, "nombre|partido\nElena Gómez Ruiz|\n", CONGRESS, "LXVI")
    held = _session(2, "LXVI", HELD, dt.date(2024, 1, 9))
    library.add_document(_session(1, "LXV", KEPT, dt.date(2023, 1, 9)))
    library.add_document(held)
    library.flush()
    with TestClient(create_app(library)) as client:
        before = _by_name(client)
        assert {t["party"] for t in before["Juan Pérez López"]["terms"]} == {"PAN", "MORENA"}
        assert "Pérez López" in before["Juan Pérez López"]["forms"]
        assert "Rosa Martínez Ruiz" in before and before["Elena Gómez Ruiz"]["terms"][0]["party"]
        report = PrivacyReport(
            policy="withhold", findings=[PrivacyFinding(kind="address", start=60, end=80)]
        )
        library.add_document(held.model_copy(update={"privacy": report}))
        library.flush()
        yield client, library, held
    library.close()


def test_no_term_nor_party_of_the_withheld_session(
    withheld: tuple[TestClient, Library, Sesion],
) -> None:
    client, _, _ = withheld
    juan = _by_name(client)["Juan Pérez López"]
    assert [(t["legislature"], t["party"]) for t in juan["terms"]] == [("LXV", "PAN")]
    assert juan["forms"] == ["Juan Pérez López"]  # not as the withheld session wrote him
    assert "Juan Pérez López" not in _by_name(client, legislature="LXVI")
    record = client.get(f"/v1/people/{juan['id']}").json()
    assert record["speeches_total"] == 1 and "MORENA" not in str(record)
    page = client.get(f"/personas/{juan['id']}").text
    assert "MORENA" not in page and "LXVI" not in page


def test_no_one_known_only_from_it(withheld: tuple[TestClient, Library, Sesion]) -> None:
    client, _, held = withheld
    people = _by_name(client)
    assert "Rosa Martínez Ruiz" not in people
    assert client.get("/v1/people", params={"name": "Rosa Martínez Ruiz"}).json()["people"] == []
    # the roster's person stays, with the roster's term and not the party the session said
    assert [(t["legislature"], t["party"]) for t in people["Elena Gómez Ruiz"]["terms"]] == [
        ("LXVI", None)
    ]
    assert "PVEM" not in client.get(f"/personas/{people['Elena Gómez Ruiz']['id']}").text
    assert held.id not in str(client.get("/v1/people", params={"congress": CONGRESS}).json())


def test_a_reindex_and_a_release(withheld: tuple[TestClient, Library, Sesion]) -> None:
    """``abierto reindex`` does not bring it back; its release does."""
    client, library, held = withheld
    library.reindex()
    assert "Rosa Martínez Ruiz" not in _by_name(client)
    released = held.model_copy(
        update={
            "privacy": PrivacyReport(
                policy="withhold",
                findings=[PrivacyFinding(kind="address", start=60, end=80)],
                reviewed=True,
            )
        }
    )
    library.add_document(released)
    library.flush()
    people = _by_name(client)
    assert "Rosa Martínez Ruiz" in people
    assert {t["party"] for t in people["Juan Pérez López"]["terms"]} == {"PAN", "MORENA"}
