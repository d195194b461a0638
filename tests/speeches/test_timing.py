"""A session's speeches timed from the caption track its video's watch page offers,
stored with the session's status, and aligned again only when the text changes."""

from __future__ import annotations

from pathlib import Path

from crawlers.alignment_job import align_document
from indexer.db import Database
from indexer.models import Sesion, VideoLink
from indexer.speeches.model import Speech
from indexer.speeches.store import save_speeches, session_speeches
from indexer.speeches.timing import session_timing
from samples.server import serve

SAID = [
    "buenos días señoras y señores diputados se abre la sesión ordinaria del día de hoy "
    "y solicito a la secretaría dar cuenta con el orden del día que fue publicado en la "
    "gaceta parlamentaria con la debida anticipación para su conocimiento",
    "con gusto presidenta el orden del día comprende la lectura del acta de la sesión "
    "anterior la presentación de una iniciativa sobre el cuidado de los acuíferos del "
    "estado y la discusión del dictamen de la comisión de medio ambiente sobre el agua",
    "muchas gracias secretaria en votación económica se pregunta a la asamblea si es de "
    "aprobarse el orden del día quienes estén por la afirmativa sírvanse manifestarlo "
    "levantando la mano quienes estén por la negativa también",
]
STARTS = [3.0, 40.0, 81.0]


def _track() -> str:
    cues = []
    for text, start in zip(SAID, STARTS, strict=True):
        words = text.split()
        for k in range(0, len(words), 8):
            at = start + k * 0.45
            cues.append(f"{_clock(at)} --> {_clock(at + 3.5)}\n{' '.join(words[k : k + 8])}\n")
    return "WEBVTT\n\n" + "\n".join(cues)


def _clock(seconds: float) -> str:
    return f"00:{int(seconds) // 60:02d}:{seconds % 60:06.3f}"


def test_speeches_are_timed_from_the_players_track_and_kept_until_the_text_changes(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "subtitulos.vtt").write_text(_track(), encoding="utf-8")
    (site / "ver.html").write_text(
        '<html><body><video><source src="/sesion.m3u8"><track kind="captions" srclang="es"'
        ' src="/subtitulos.vtt"></video></body></html>',
        encoding="utf-8",
    )
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    with serve(site) as sites:
        session = Sesion(
            id="s1", title="Sesión ordinaria", institution="Congreso", jurisdiction="MX-GUA",
            source_id="x", url=sites.url + "/sesion.html",
            video_urls=[VideoLink(url=sites.url + "/ver.html", platform="TransmiteMX")],
        )  # fmt: skip
        speeches = [
            Speech(id=f"d{n}", session_id="s1", order=n + 1, text=text)
            for n, text in enumerate(SAID)
        ]
        save_speeches(db, "s1", speeches)
        first = align_document(db, session, allow_loopback=True)
        timed = session_speeches(db, "s1")
        again = align_document(db, session, allow_loopback=True)
        speeches[1] = speeches[1].model_copy(update={"text": SAID[1] + " y nada más"})
        save_speeches(db, "s1", speeches)
        changed = align_document(db, session, allow_loopback=True)
    assert first.timing is not None and first.timing.status == "ok"
    assert first.timing.aligned == 3 and first.timing.speeches == 3
    assert [round(s.start_s or -9) for s in timed] == [3, 40, 81]
    assert all(s.video == 0 and s.align_method == "captions" for s in timed)
    assert again.skipped and not changed.skipped
    timing = session_timing(db, "s1")
    assert timing is not None and timing.aligned_at >= first.timing.aligned_at
    db.close()
