"""Speeches placed in a recording without captions: a Spanish session read aloud by
espeak-ng in other voices and paces than the aligner's own, with pauses of known
length between speeches, made into an MP3 with ffmpeg."""

from __future__ import annotations

import random
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from indexer.alignment.audio import align_audio
from indexer.alignment.features import RATE, file_frames, frames
from indexer.alignment.job import align_session
from indexer.alignment.speech_synth import synthesize
from indexer.models import VideoLink
from samples.server import serve

pytestmark = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
    reason="needs espeak-ng and ffmpeg (scripts/system-deps.sh)",
)

SPEECHES = [
    "Muy buenos días. Se pide a la secretaría certificar el quórum conforme al registro del "
    "sistema electrónico de asistencia.",
    "Presidenta, se registra la asistencia de 31 diputadas y diputados. Hay quórum.",
    "Con el permiso de la Presidencia. Presentamos la iniciativa para garantizar el acceso al "
    "agua potable en las comunidades rurales del estado, cuyo texto se publicó en la Gaceta.",
    "Se turna a la Comisión de Medio Ambiente para su estudio y dictamen.",
    "Quiero referirme a la situación de los caminos rurales de mi distrito. Después de la "
    "temporada de lluvias varias comunidades quedaron incomunicadas.",
    "Se somete a votación económica. Quienes estén por la afirmativa, sírvanse manifestarlo.",
]


def _session(path: Path, recess: float = 0.0) -> list[float]:
    """Write the recording (``recess`` seconds of murmur after the third speech); return
    each speech's true start in seconds."""
    rng = random.Random(5)
    noise = np.random.default_rng(5)
    parts = [np.zeros(int(3.2 * RATE), dtype=np.float32)]
    starts, at = [], 3.2
    for n, text in enumerate(SPEECHES):
        voice = synthesize(text, voice=rng.choice(["es+m3", "es+f2"]), speed=rng.randint(125, 145))
        starts.append(at)
        pause = rng.uniform(0.8, 4.0) + (recess if n == 2 else 0.0)
        parts += [voice, np.zeros(int(pause * RATE), dtype=np.float32)]
        at += len(voice) / RATE + pause
    sound = np.concatenate(parts) + noise.normal(0, 0.003, sum(map(len, parts)))
    raw = path.with_suffix(".wav")
    with wave.open(str(raw), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(sound, -1, 1) * 32767).astype(np.int16).tobytes())
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(raw), "-b:a", "64k", str(path)],
        check=True,
    )
    return starts


def test_each_speech_starts_within_a_second(tmp_path: Path) -> None:
    truth = _session(tmp_path / "sesion.mp3")
    result = align_audio(SPEECHES, tmp_path / "sesion.mp3")
    assert result.status == "ok"
    for found, start in zip(result.timings, truth, strict=True):
        assert found.method == "audio" and found.start is not None and found.end is not None
        assert abs(found.start - start) <= 1.0, (found, start)
        assert found.end > found.start


def test_a_recess_longer_than_a_piece_s_window_is_skipped(tmp_path: Path) -> None:
    """Six minutes without a word between two speeches: the next ones are looked for
    further on, not squeezed into the recess."""
    truth = _session(tmp_path / "sesion.mp3", recess=360)
    result = align_audio(SPEECHES, tmp_path / "sesion.mp3")
    starts = [t.start for t in result.timings]
    assert all(s is not None for s in starts), starts
    assert all(abs(s - t) <= 1.0 for s, t in zip(starts, truth, strict=True)), (starts, truth)


def test_a_recording_of_other_words_is_flagged(tmp_path: Path) -> None:
    _session(tmp_path / "sesion.mp3")
    other = [
        "El tribunal resolvió el amparo en revisión por unanimidad de votos de los ministros.",
        "La sentencia fue notificada a las partes el día siguiente de su publicación.",
        "Se ordena remitir los autos al juzgado de origen para el cumplimiento de la ejecutoria.",
        "Los agravios resultan infundados, por lo que se confirma la resolución recurrida.",
        "Archívese el expediente como asunto concluido y háganse las anotaciones.",
        "Así lo resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación.",
    ]
    result = align_audio(other, tmp_path / "sesion.mp3")
    assert result.status == "mismatch" and "no corresponde" in (result.reason or "")
    assert all(t.start is None for t in result.timings)


def test_frames_of_a_file_equal_frames_of_its_samples(tmp_path: Path) -> None:
    """Reading a recording a minute at a time loses and adds no frame."""
    rng = np.random.default_rng(1)
    samples = (rng.normal(0, 0.1, RATE * 130) * 32767).astype(np.int16)
    path = tmp_path / "largo.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    whole = frames(samples.astype(np.float32) / 32768)
    assert np.allclose(file_frames(path), whole, atol=1e-3)


def test_the_worker_job_listens_to_a_stream_without_captions(tmp_path: Path) -> None:
    """A session whose only video is an MP4 (made for the web: its index first) on its
    congress's server, with no caption track: the job reads its sound over HTTP and
    links each speech to its second."""
    truth = _session(tmp_path / "sesion.mp3")
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(tmp_path / "sesion.mp3"),
         "-c:a", "aac", "-movflags", "+faststart", str(tmp_path / "sesion.mp4")],
        check=True,
    )  # fmt: skip
    with serve(tmp_path) as server:
        url = server.url_for("/sesion.mp4")
        done = align_session(SPEECHES, [VideoLink(url=url, platform="Canal del Congreso")])
    assert done.alignment.method == "audio" and done.alignment.status == "ok"
    for link, timing, start in zip(done.links, done.alignment.timings, truth, strict=True):
        assert timing.start is not None and abs(timing.start - start) <= 1.0
        assert link == f"{url}#t={int(timing.start)}"
