"""Benchmark the alignment of speeches to their session's video.

Usage: python bench/align.py [--seeds N] [--audio-minutes M] [--methods captions,audio]
[--json PATH]

Captions: the sample sites of ``--seeds`` seeds (their caption tracks carry recogniser
errors — dropped, misheard and filler words, numbers in digits or words — and silent
stretches; the manifest holds each speech's true start); and the same sessions end to
end as one five-hour transmission (time and memory at a real plenary's length).
Audio: one session of about ``--audio-minutes`` minutes of the samples' speeches read
by espeak-ng in voices and paces other than the aligner's, with pauses of 0.8–4 s (and a
few of 20–60 s) between speeches and background noise, encoded as MP3. Reports, per
method, the share of speeches whose start is within ±1 s and ±3 s of the truth (a speech
left untimed counts as a miss) and CPU seconds per hour of session (this process and its
children: espeak-ng, ffmpeg). Prints a table and writes JSON (default ``bench/results/align.json``).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from indexer.alignment.audio import align_audio  # noqa: E402
from indexer.alignment.captions import parse_captions  # noqa: E402
from indexer.alignment.features import RATE  # noqa: E402
from indexer.alignment.from_captions import align_tracks  # noqa: E402
from indexer.alignment.model import Cue  # noqa: E402
from indexer.alignment.speech_synth import synthesize  # noqa: E402
from samples.generate import build  # noqa: E402

GOALS = {"captions": 0.97, "captions, 5 h": 0.97, "audio": 0.95}
CPU_GOAL = 0.25 * 3600  # CPU seconds per hour of session


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def score(errors: list[float | None]) -> dict[str, Any]:
    n = len(errors)
    return {
        "speeches": n,
        "untimed": sum(e is None for e in errors),
        "within_1s": sum(e is not None and e <= 1 for e in errors) / n,
        "within_3s": sum(e is not None and e <= 3 for e in errors) / n,
    }


def bench_captions(seeds: int) -> dict[str, Any]:
    errors: list[float | None] = []
    cpu = 0.0
    hours = 0.0
    sessions = 0
    for seed in range(7, 7 + seeds):
        manifest, files = build(seed)
        for s in manifest.sesiones:
            if not s.spoken() or not all(v.captions_path for v in s.videos):
                continue
            tracks = [
                parse_captions(files[(v.captions_path or "").lstrip("/")].decode())
                for v in s.videos
            ]
            before = cpu_seconds()
            result = align_tracks([d.text for d in s.spoken()], tracks)
            cpu += cpu_seconds() - before
            sessions += 1
            for n in range(len(s.videos)):
                ends = [d.end or 0 for d in s.spoken() if d.video == n]
                hours += max(ends, default=0) / 3600
            for truth, found in zip(s.spoken(), result.timings, strict=True):
                right_video = found.video == truth.video
                ok = found.start is not None and truth.start is not None and right_video
                errors.append(abs(found.start - truth.start) if ok else None)  # type: ignore[operator]
    return score(errors) | {
        "sessions": sessions,
        "session_hours": round(hours, 3),
        "cpu_s": round(cpu, 2),
        "cpu_s_per_session_hour": round(cpu / hours, 1),
    }


def bench_captions_long(hours: float) -> dict[str, Any]:
    """The sample sessions of several seeds end to end as one long transmission, to see
    time and memory at the length of a real plenary session."""
    texts: list[str] = []
    truth: list[float] = []
    cues: list[Cue] = []
    offset = 0.0
    seed = 7
    while offset < hours * 3600:
        manifest, files = build(seed)
        seed += 1
        for s in manifest.sesiones:
            if not s.spoken() or len(s.videos) != 1 or not s.videos[0].captions_path:
                continue
            track = parse_captions(files[s.videos[0].captions_path.lstrip("/")].decode())
            cues += [Cue(c.start + offset, c.end + offset, c.text) for c in track]
            texts += [d.text for d in s.spoken()]
            truth += [(d.start or 0) + offset for d in s.spoken()]
            offset = cues[-1].end + 30
    before = cpu_seconds()
    result = align_tracks(texts, [cues])
    cpu = cpu_seconds() - before
    errors = [
        abs(t.start - s) if t.start is not None else None
        for t, s in zip(result.timings, truth, strict=True)
    ]
    return score(errors) | {
        "sessions": 1,
        "session_hours": round(offset / 3600, 3),
        "cpu_s": round(cpu, 2),
        "cpu_s_per_session_hour": round(cpu / (offset / 3600), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "status": result.status,
    }


def _recording(folder: Path, minutes: float) -> tuple[list[str], list[float], float]:
    """An MP3 of sample speeches read aloud; the texts, true starts and length."""
    texts: list[str] = []
    seed = 7
    words = 0
    while words < minutes * 130:
        manifest, _ = build(seed)
        for d in (d for s in manifest.sesiones for d in s.spoken()):
            if words < minutes * 130:
                texts.append(d.text)
                words += len(d.text.split())
        seed += 1
    rng = random.Random(11)
    noise = np.random.default_rng(11)
    lead = rng.uniform(5, 30)
    parts = [np.zeros(int(lead * RATE), dtype=np.float32)]
    starts: list[float] = []
    at = lead
    for text in texts:
        voice = synthesize(text, voice=rng.choice(["es+m3", "es+f2", "es+f4", "es+m1"]),
                           speed=rng.randint(120, 150))  # fmt: skip
        starts.append(at)
        pause = rng.uniform(0.8, 4.0) if rng.random() > 0.03 else rng.uniform(20, 60)
        parts += [voice, np.zeros(int(pause * RATE), dtype=np.float32)]
        at += len(voice) / RATE + pause
    sound = np.concatenate(parts)
    sound += noise.normal(0, 0.003, len(sound)).astype(np.float32)
    raw = folder / "sesion.wav"
    with wave.open(str(raw), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(sound, -1, 1) * 32767).astype(np.int16).tobytes())
    mp3 = folder / "sesion.mp3"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(raw), "-b:a", "64k", str(mp3)],
        check=True,
    )
    raw.unlink()
    return texts, starts, len(sound) / RATE


def bench_audio(minutes: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        texts, truth, seconds = _recording(Path(folder), minutes)
        before, wall = cpu_seconds(), time.perf_counter()
        result = align_audio(texts, Path(folder) / "sesion.mp3")
        cpu, wall = cpu_seconds() - before, time.perf_counter() - wall
    errors = [
        abs(t.start - s) if t.start is not None else None
        for t, s in zip(result.timings, truth, strict=True)
    ]
    hours = seconds / 3600
    return score(errors) | {
        "sessions": 1,
        "session_hours": round(hours, 3),
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "cpu_s_per_session_hour": round(cpu / hours, 1),
        "status": result.status,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--audio-minutes", type=float, default=40)
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "align.json")
    parser.add_argument("--methods", default="captions,audio", help="comma-separated")
    args = parser.parse_args(argv)
    methods = args.methods.split(",")
    results: dict[str, dict[str, Any]] = {}
    if "captions" in methods:
        results["captions"] = bench_captions(args.seeds)
        results["captions, 5 h"] = bench_captions_long(5)
    if "audio" in methods:
        results["audio"] = bench_audio(args.audio_minutes)
    header = (
        f"{'method':<13} {'sessions':>8} {'hours':>6} {'speeches':>8} {'untimed':>7} "
        f"{'±1 s':>6} {'±3 s':>6} {'goal ±1 s':>9} {'CPU s/h':>8} {'CPU goal':>8}"
    )
    print(header)
    print("-" * len(header))
    for method, r in results.items():
        print(
            f"{method:<13} {r['sessions']:>8} {r['session_hours']:>6.2f} {r['speeches']:>8} "
            f"{r['untimed']:>7} {r['within_1s']:>6.1%} {r['within_3s']:>6.1%} "
            f"{GOALS[method]:>9.0%} {r['cpu_s_per_session_hour']:>8.1f} {CPU_GOAL:>8.0f}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "goals": {"within_1s": GOALS, "cpu_s_per_session_hour": CPU_GOAL},
        "results": results,
    }
    args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"→ {args.json}")


if __name__ == "__main__":
    main()
