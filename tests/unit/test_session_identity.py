"""Sessions of one day stay apart when their page tells them apart: by sitting
(vespertina) or, failing that, by the number the page gives them; a channel's video
still finds its session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from config.specs import parse_spec
from crawlers.pipelines import LibraryPipeline
from crawlers.tenancy import Tenant
from indexer.build import build_document
from indexer.library import Library
from indexer.models import VideoLink

TABLE = parse_spec(
    {
        "id": "senado-sesiones",
        "kind": "sesion",
        "institution": "Senado de la República",
        "jurisdiction": "MX",
        "start_urls": ["https://www.senado.gob.mx/66/sesiones/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
        "identity": {"scope": "senado", "key": ["date", "session_type"]},
    }
)
CHANNEL = parse_spec(
    {
        "id": "senado-canal",
        "kind": "sesion",
        "shape": "video_channel",
        "institution": "Senado de la República",
        "jurisdiction": "MX",
        "start_urls": ["https://video.example/feed.xml"],
        "identity": {"scope": "senado", "key": ["date", "session_type"]},
    }
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(Settings(data_dir=tmp_path))


def row(number: str, kind: str, day: str = "Miércoles 08 de abril de 2026") -> Any:
    return build_document(
        kind="sesion", source_id=TABLE.id, institution=TABLE.institution, jurisdiction="MX",
        url=f"https://www.senado.gob.mx/66/version_estenografica/{number}", text="",
        fields={"date": day, "session_type": kind, "session_number": number},
    )  # fmt: skip


def video(title: str) -> Any:
    return build_document(
        kind="sesion", source_id=CHANNEL.id, institution=CHANNEL.institution, jurisdiction="MX",
        url="https://video.example/watch?v=abc", text="", fields={"title": title},
        videos=[],
    )  # fmt: skip


def test_ordinaria_and_vespertina_of_one_day_are_two_documents(library: Library) -> None:
    LibraryPipeline._save(TABLE, library, row("174", "Ordinaria"), Tenant(TABLE.id))
    LibraryPipeline._save(TABLE, library, row("173", "Ordinaria Vespertina"), Tenant(TABLE.id))
    docs = {d.session_number: d for d in library.db.iter_documents()}
    assert set(docs) == {"174", "173"}
    assert docs["173"].sitting == "vespertina" and docs["174"].sitting is None


def test_two_numbered_sessions_of_one_type_stay_two_and_re_crawls_keep_them(
    library: Library,
) -> None:
    for _ in range(2):
        LibraryPipeline._save(TABLE, library, row("12", "Extraordinaria"), Tenant(TABLE.id))
        LibraryPipeline._save(TABLE, library, row("13", "Extraordinaria"), Tenant(TABLE.id))
    assert sorted(d.session_number for d in library.db.iter_documents()) == ["12", "13"]
    LibraryPipeline._save(
        CHANNEL, library, video("Sesión Extraordinaria, 8 de abril de 2026"), Tenant(CHANNEL.id)
    )
    by_number = {d.session_number: d for d in library.db.iter_documents()}
    assert len(by_number) == 2
    assert [s.source_id for s in by_number["12"].sources] == ["senado-sesiones", "senado-canal"]


DIARIO = parse_spec(
    {
        "id": "senado-diario",
        "kind": "sesion",
        "institution": "Senado de la República",
        "jurisdiction": "MX",
        "start_urls": ["https://www.senado.gob.mx/66/diario/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
        "identity": {"scope": "senado", "key": ["date", "session_type"]},
    }
)


def diario(heading: str) -> Any:
    """The Diario of a session whose listing gives no number: its heading does."""
    return build_document(
        kind="sesion", source_id=DIARIO.id, institution=DIARIO.institution, jurisdiction="MX",
        url="https://www.senado.gob.mx/66/diario/8-abril", fields={
            "date": "Miércoles 08 de abril de 2026", "session_type": "Extraordinaria"},
        text=f"DIARIO DE LOS DEBATES\n{heading}\n-La Presidenta Senadora Ana Ruiz: Se abre.",
    )  # fmt: skip


def test_a_listings_number_and_a_headings_zero_padded_one_are_one_session(
    library: Library,
) -> None:
    LibraryPipeline._save(TABLE, library, row("33", "Extraordinaria"), Tenant(TABLE.id))
    doc = diario("SESIÓN EXTRAORDINARIA No. 033 CELEBRADA EL 8 DE ABRIL DE 2026")
    assert doc.session_number == "33"
    LibraryPipeline._save(DIARIO, library, doc, Tenant(DIARIO.id))
    LibraryPipeline._save(TABLE, library, row("033", "Extraordinaria"), Tenant(TABLE.id))
    docs = list(library.db.iter_documents())
    assert len(docs) == 1  # one session, as the listing writes its number
    assert {s.source_id for s in docs[0].sources} == {"senado-sesiones", "senado-diario"}


def test_a_headings_other_number_is_another_session(library: Library) -> None:
    LibraryPipeline._save(TABLE, library, row("33", "Extraordinaria"), Tenant(TABLE.id))
    doc = diario("Sesión Extraordinaria número treinta y cuatro celebrada el 8 de abril")
    LibraryPipeline._save(DIARIO, library, doc, Tenant(DIARIO.id))
    assert sorted(d.session_number for d in library.db.iter_documents()) == ["33", "34"]


def test_a_channels_videos_of_two_sittings_are_two_sessions_and_parts_one() -> None:
    from crawlers.spiders.video_channel import Transmission
    from indexer.readers.sessions import recognise_session

    def key(title: str) -> tuple[Any, ...]:
        return Transmission(
            title, "https://video.example/v", recognise_session(title), "recorded"
        ).session_key()

    morning = key("EN VIVO | Sesión Ordinaria del Senado, 8 de abril de 2026")
    assert key("Sesión Ordinaria Vespertina del Senado, 8 de abril de 2026") != morning
    # a video's second part is the same sitting, not a second one
    assert key("Sesión Ordinaria Segunda Parte del Senado, 8 de abril de 2026") == morning
    # the morning's sitting named is the day's first (the listing's «Ordinaria»)
    assert key("Sesión Ordinaria Matutina del Senado, 8 de abril de 2026 (Parte 2)") == morning


def watched(title: str, video_id: str) -> Any:
    """A channel's video of the Senado's day, with its own recording."""
    return build_document(
        kind="sesion", source_id=CHANNEL.id, institution=CHANNEL.institution, jurisdiction="MX",
        url=f"https://video.example/watch?v={video_id}", text="", fields={"title": title},
        videos=[VideoLink(
            url=f"https://www.youtube.com/watch?v={video_id}", platform="youtube", state="recorded"
        )],
    )  # fmt: skip


@pytest.mark.parametrize("channel_first", [False, True], ids=["listing-first", "channel-first"])
def test_the_mornings_videos_in_parts_find_the_listings_ordinaria_and_the_evenings_its_own(
    library: Library, channel_first: bool
) -> None:
    """A day of two sittings (the Senado's no. 174 «Ordinaria», no. 173 «Ordinaria
    Vespertina»), transmitted as «Sesión Ordinaria Matutina» in two parts and «Sesión
    Ordinaria Vespertina»: each video on its session's page, in any order."""
    videos = [
        watched("Sesión Ordinaria Matutina del Senado, 8 de abril de 2026 (Parte 1)", "m1"),
        watched("Sesión Ordinaria Matutina del Senado, 8 de abril de 2026 (Parte 2)", "m2"),
        watched("EN VIVO | Sesión Ordinaria Vespertina del Senado, 8 de abril de 2026", "v1"),
    ]
    rows = [row("174", "Ordinaria"), row("173", "Ordinaria Vespertina")]
    order = [(CHANNEL, v) for v in videos] + [(TABLE, r) for r in rows]
    if not channel_first:
        order = order[3:] + order[:3]
    for spec, doc in order:
        LibraryPipeline._save(spec, library, doc, Tenant(spec.id))
    docs = {d.session_number: d for d in library.db.iter_documents()}
    assert set(docs) == {"174", "173"}
    watch = {n: sorted(v.url.rsplit("=", 1)[-1] for v in d.video_urls) for n, d in docs.items()}
    assert watch == {"174": ["m1", "m2"], "173": ["v1"]}


def test_a_channels_untyped_evening_sitting_is_not_the_mornings_session(library: Library) -> None:
    """A channel that names no session type («Sesión del Pleno», «Sesión Vespertina del
    Pleno», one day): the evening's video is another session, not a second video of the
    morning's."""
    for title, video_id in (
        ("Sesión del Pleno, 8 de abril de 2026", "m1"),
        ("Sesión Vespertina del Pleno, 8 de abril de 2026", "v1"),
    ):
        LibraryPipeline._save(CHANNEL, library, watched(title, video_id), Tenant(CHANNEL.id))
    watch = sorted(
        (d.sitting or "", [v.url.rsplit("=", 1)[-1] for v in d.video_urls])
        for d in library.db.iter_documents()
    )
    assert watch == [("", ["m1"]), ("vespertina", ["v1"])]
