"""A Diario whose number counts in its period («8, segundo periodo ordinario») cannot be
told from the listing's sessions by number (the Senado's listing counts through the
legislature: no. 174 «Ordinaria», no. 173 «Ordinaria Vespertina», one same day). What
else tells them apart decides: its sitting when read; when the day holds another
sitting and nothing says which, the Diario stays its own document: a duplicate is
better than a Diario folded into the wrong session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from config.specs import parse_spec
from crawlers.pipelines import LibraryPipeline, Pending
from crawlers.runs import RunStats
from crawlers.tenancy import Tenant
from indexer.build import build_document
from indexer.library import Library


def _spec(source: str, path: str) -> Any:
    return parse_spec(
        {
            "id": source,
            "kind": "sesion",
            "institution": "Senado de la República",
            "jurisdiction": "MX",
            "start_urls": [f"https://www.senado.gob.mx/66/{path}/"],
            "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
            "identity": {"scope": "senado", "key": ["date", "session_type"]},
        }
    )


TABLE = _spec("senado-sesiones", "sesiones")
DIARIO = _spec("senado-diario", "diario")
DAY = "Miércoles 08 de abril de 2026"
HEADING = (
    "DIARIO DE LOS DEBATES\nSEGUNDO PERIODO ORDINARIO DE SESIONES\n"
    "SESIÓN No. 8, CELEBRADA EL 8 DE ABRIL DE 2026\n"
    "-La Presidenta Senadora Ana Ruiz López: Se abre la sesión.\n"
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(Settings(data_dir=tmp_path))


def row(number: str, kind: str) -> Any:
    """A row of the Senado's listing as it publishes it (number, date, type)."""
    return build_document(
        kind="sesion", source_id=TABLE.id, institution=TABLE.institution, jurisdiction="MX",
        url=f"https://www.senado.gob.mx/66/version_estenografica/{number}", text="",
        fields={"date": DAY, "session_type": kind, "session_number": number},
    )  # fmt: skip


def diario(kind: str = "Ordinaria", page: str = "8-abril") -> Any:
    return build_document(
        kind="sesion", source_id=DIARIO.id, institution=DIARIO.institution, jurisdiction="MX",
        url=f"https://www.senado.gob.mx/66/diario/{page}", text=HEADING,
        fields={"date": DAY, "session_type": kind},
    )  # fmt: skip


def save(spec: Any, doc: Any, library: Library) -> None:
    LibraryPipeline._save(spec, library, doc, Tenant(spec.id))


def by_source(library: Library) -> dict[str, set[str]]:
    """Each page (the listing's number, or «diario»), with the sources merged into its
    document."""
    return {
        link.url.rstrip("/").rsplit("/", 1)[-1].replace("8-abril", "diario"): {
            s.source_id for s in d.sources
        }
        for d in library.db.iter_documents()
        for link in d.sources
    }


def test_a_diario_that_names_no_sitting_on_a_day_of_two_joins_neither(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(TABLE, row("173", "Ordinaria Vespertina"), library)
    doc = diario()
    assert doc.session_number == "8, segundo periodo ordinario" and doc.sitting is None
    save(DIARIO, doc, library)
    docs = by_source(library)
    assert docs["174"] == {"senado-sesiones"}  # not folded into the morning's
    assert docs["173"] == {"senado-sesiones"}
    assert docs["diario"] == {"senado-diario"}


def test_the_mornings_row_arriving_after_the_diario_does_not_take_it(library: Library) -> None:
    save(TABLE, row("173", "Ordinaria Vespertina"), library)
    save(DIARIO, diario(), library)
    save(TABLE, row("174", "Ordinaria"), library)
    docs = by_source(library)
    assert docs["173"] == {"senado-sesiones"}
    assert all(len(sources) == 1 for sources in docs.values())
    assert len(list(library.db.iter_documents())) == 3


def test_a_diario_separated_stays_one_document_when_crawled_again(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(TABLE, row("173", "Ordinaria Vespertina"), library)
    for _ in range(2):
        save(DIARIO, diario(), library)
    assert len(list(library.db.iter_documents())) == 3


def test_a_diario_that_names_its_sitting_joins_that_sitting(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(TABLE, row("173", "Ordinaria Vespertina"), library)
    save(DIARIO, diario("Ordinaria Vespertina"), library)
    docs = by_source(library)
    assert docs["173"] == {"senado-sesiones", "senado-diario"}
    assert docs["174"] == {"senado-sesiones"}


def test_a_day_of_one_session_still_joins_its_diario(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(DIARIO, diario(), library)
    assert by_source(library)["174"] == {"senado-sesiones", "senado-diario"}


def test_another_type_of_session_that_day_does_not_keep_it_apart(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(TABLE, row("175", "Extraordinaria"), library)
    save(DIARIO, diario(), library)
    docs = by_source(library)
    assert docs["174"] == {"senado-sesiones", "senado-diario"}
    assert docs["175"] == {"senado-sesiones"}


def test_a_diario_whose_heading_names_the_vespertina_joins_it(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(TABLE, row("173", "Ordinaria Vespertina"), library)
    doc = build_document(
        kind="sesion", source_id=DIARIO.id, institution=DIARIO.institution, jurisdiction="MX",
        url="https://www.senado.gob.mx/66/diario/8-abril", fields={"date": DAY},
        text="DIARIO DE LOS DEBATES\nSEGUNDO PERIODO ORDINARIO DE SESIONES\n"
        "SESIÓN PÚBLICA ORDINARIA VESPERTINA CELEBRADA EL 8 DE ABRIL DE 2026\n"
        "-La Presidenta Senadora Ana Ruiz López: Se abre la sesión.\n",
    )  # fmt: skip
    assert (doc.session_type, doc.sitting) == ("ordinaria", "vespertina")
    save(DIARIO, doc, library)
    docs = by_source(library)
    assert docs["173"] == {"senado-sesiones", "senado-diario"}
    assert docs["174"] == {"senado-sesiones"}


def save_batch(spec: Any, docs: list[Any], library: Library) -> None:
    """Save ``docs`` as one of the pipeline's batches (what one crawl hands it together:
    the listing's rows of one page), counted on a real run record."""
    pipeline = LibraryPipeline(crawler=None)
    run = RunStats(spec.id, 0)
    batch = [Pending(doc, doc.url) for doc in docs]
    pipeline._save_batch(spec, library, run, batch, Tenant(spec.id))
    assert all(p.settled for p in batch) and not run.errors


def unnumbered(page: str = "8-abril") -> Any:
    """A Diario whose heading names neither its number nor its sitting."""
    return build_document(
        kind="sesion", source_id=DIARIO.id, institution=DIARIO.institution, jurisdiction="MX",
        url=f"https://www.senado.gob.mx/66/diario/{page}",
        fields={"date": DAY, "session_type": "Ordinaria"},
        text="DIARIO DE LOS DEBATES\nSESIÓN CELEBRADA EL 8 DE ABRIL DE 2026\n"
        "-La Presidenta Senadora Ana Ruiz López: Se abre la sesión.\n",
    )  # fmt: skip


@pytest.mark.parametrize("make", [diario, unnumbered], ids=["period-number", "no-number"])
@pytest.mark.parametrize("diario_first", [True, False], ids=["diario-first", "listing-first"])
@pytest.mark.parametrize("morning_first", [True, False], ids=["174-173", "173-174"])
def test_the_listings_page_of_two_sittings_never_takes_the_diario_whatever_the_order(
    library: Library, make: Any, diario_first: bool, morning_first: bool
) -> None:
    rows = [row("174", "Ordinaria"), row("173", "Ordinaria Vespertina")]
    listing = rows if morning_first else rows[::-1]
    if diario_first:
        save_batch(DIARIO, [make()], library)
    save_batch(TABLE, listing, library)
    if not diario_first:
        save_batch(DIARIO, [make()], library)
    save_batch(DIARIO, [make()], library)  # crawled again: still its own
    docs = by_source(library)
    assert docs["174"] == {"senado-sesiones"}
    assert docs["173"] == {"senado-sesiones"}
    assert docs["diario"] == {"senado-diario"}
    assert len(list(library.db.iter_documents())) == 3


def test_a_diario_without_number_joins_neither_of_two_sittings(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(TABLE, row("173", "Ordinaria Vespertina"), library)
    doc = unnumbered()
    assert doc.session_number is None and doc.sitting is None
    for _ in range(2):
        save(DIARIO, doc, library)
    docs = by_source(library)
    assert docs["174"] == {"senado-sesiones"}
    assert docs["diario"] == {"senado-diario"}
    assert len(list(library.db.iter_documents())) == 3


def test_a_diario_without_number_still_joins_a_day_of_one_sitting(library: Library) -> None:
    save(TABLE, row("174", "Ordinaria"), library)
    save(DIARIO, unnumbered(), library)
    assert by_source(library)["174"] == {"senado-sesiones", "senado-diario"}
