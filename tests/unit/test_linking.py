"""Documents shared by sources: one session from its page and its channel."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.build import MissingField
from indexer.linking import identity_id, merge_documents, merge_videos
from indexer.models import Sesion, VideoLink


def _video(url: str, state: str, source: str) -> VideoLink:
    return VideoLink(url=url, platform="youtube", state=state, source_id=source)  # type: ignore[arg-type]


def _session(source: str, videos: list[VideoLink], **fields: object) -> Sesion:
    return Sesion(
        id="x", title=f"Sesión de {source}", date=dt.date(2025, 2, 18), institution="Congreso",
        jurisdiction="MX-QUE", source_id=source, url=f"https://{source}.example/s",
        session_type="ordinaria", video_urls=videos, **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def test_identity_is_the_same_for_the_same_session_from_any_source() -> None:
    a = _session("pagina", [])
    b = _session("canal", [], chamber="Pleno")
    assert identity_id(a, "qro", ["date", "session_type"]) == identity_id(
        b, "qro", ["date", "session_type"]
    )
    assert identity_id(a, "qro", ["date"]) != identity_id(a, "otro", ["date"])
    with pytest.raises(MissingField):
        identity_id(a.model_copy(update={"date": None}), "qro", ["date", "session_type"])


def test_a_recording_replaces_the_live_stream_of_its_source() -> None:
    live = _video("https://www.youtube.com/watch?v=Vivo01", "live", "canal")
    other = _video("https://www.youtube.com/watch?v=Otro01", "recorded", "pagina")
    recording = _video("https://www.youtube.com/watch?v=Grab01", "recorded", "canal")
    merged = merge_videos([live, other], [recording], "canal", "pagina", replace_own=False)
    assert [v.url for v in merged] == [other.url, recording.url]
    same_video = recording.model_copy(update={"url": live.url})
    merged = merge_videos([live], [same_video], "canal", "pagina", replace_own=False)
    assert [(v.url, v.state) for v in merged] == [(live.url, "recorded")]


def test_parts_still_live_are_kept_while_another_part_is_recorded() -> None:
    part1 = _video("https://www.youtube.com/watch?v=Parte1", "recorded", "canal")
    part2 = _video("https://www.youtube.com/watch?v=Parte2", "live", "canal")
    assert merge_videos([], [part1, part2], "canal", "pagina", replace_own=False) == [part1, part2]


def test_merging_is_the_same_whichever_source_came_first() -> None:
    page = _session("pagina", [_video("https://tv.example/1.m3u8", "recorded", "pagina")],
                    agenda=["Pase de lista"], legislature="LXI")  # fmt: skip
    channel = _session("canal", [_video("https://www.youtube.com/watch?v=C1", "live", "canal")],
                       chamber="Pleno")  # fmt: skip
    page_first = merge_documents(page, channel, contributor=True)
    channel_first = merge_documents(channel, page, contributor=False)
    assert page_first == channel_first
    assert page_first.source_id == "pagina" and page_first.title == "Sesión de pagina"
    assert page_first.chamber == "Pleno" and page_first.agenda == ["Pase de lista"]
    assert [v.source_id for v in page_first.video_urls] == ["pagina", "canal"]
    again = merge_documents(page_first, page.model_copy(update={"video_urls": []}), False)
    assert [v.source_id for v in again.video_urls] == ["canal"]  # the page dropped its link


def test_a_case_number_is_compared_in_its_canonical_form() -> None:
    from indexer.build import build_document

    def sentence(source: str, expediente: str) -> object:
        return build_document(
            kind="sentencia", source_id=source, institution="SCJN", jurisdiction="MX",
            url=f"https://{source}.example/s", fields={"expediente": expediente}, text="",
        )  # fmt: skip

    a = sentence("buscador", "Amparo en Revisión 12/2020")
    b = sentence("listado", "A.R. 12/2020")
    assert identity_id(a, "scjn", ["expediente"]) == identity_id(b, "scjn", ["expediente"])  # type: ignore[arg-type]


def test_two_sittings_of_one_day_are_two_sessions() -> None:
    from indexer.build import build_document
    from indexer.linking import identity_id

    def session(kind: str, number: str) -> object:
        return build_document(
            kind="sesion", source_id="senado-sesiones", institution="Senado de la República",
            jurisdiction="MX", url=f"https://senado.example/ve/{number}", text="",
            fields={"date": "Miércoles 08 de abril de 2026", "session_type": kind,
                    "session_number": number},
        )  # fmt: skip

    ordinaria, vespertina = session("Ordinaria", "174"), session("Ordinaria Vespertina", "173")
    assert vespertina.sitting == "vespertina" and ordinaria.sitting is None
    assert ordinaria.session_type == vespertina.session_type == "ordinaria"
    key = ["date", "session_type"]
    assert identity_id(ordinaria, "senado", key) != identity_id(vespertina, "senado", key)
    video = build_document(
        kind="sesion", source_id="senado-canal", institution="Senado de la República",
        jurisdiction="MX", url="https://video.example/v1", text="",
        fields={"title": "EN VIVO | Sesión Ordinaria Vespertina del Senado, 8 de abril de 2026"},
    )  # fmt: skip
    assert identity_id(video, "senado", key) == identity_id(vespertina, "senado", key)
