"""Speeches timed by the recording itself, when the platform publishes no captions.

Each speech is read aloud by espeak-ng and the synthetic voice is matched to the
recording by dynamic time warping on cepstral frames. The session is done a few
speeches at a time (about ninety seconds of text): each piece is matched against a window
of the recording that starts where the previous piece's last speech ended, so memory
and time grow linearly with the session, never with its square. The speech after each
piece is matched too, and only its start is kept: that is where the next piece begins.
Long stretches without speech (a recess, the wait before the session opens) are left
out of the matching, so no window has to see past them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.alignment.features import FPS, file_frames, frames
from indexer.alignment.model import NO_TIME, Alignment, SpeechTiming
from indexer.alignment.speech_synth import synthesize

PIECE_SECONDS = 90  # synthetic speech per piece
PAUSE = 0.5  # seconds of silence put between synthetic speeches
STAY = 0.15  # cost of the recording advancing while the text waits (pauses, slow speech)
SKIP = 0.15  # cost of the text advancing two frames per recorded frame (fast speech)
LONG_SILENCE = 20  # seconds without speech that are left out of the matching
BAD = 0.8  # a piece costing this share of chance-level cost or more is not in the audio
# Matched to its own words, the synthetic voice advances frame by frame with the
# recording (diagonal steps); matched to other words it stalls and jumps.
MIN_STEADY = 0.6  # a speech with fewer diagonal steps than this gets no time
SESSION_STEADY = 0.7  # a session below this on average is not the recording's


@dataclass
class _Spoken:
    frames: np.ndarray
    starts: list[int]  # first frame of each speech in ``frames``
    ends: list[int]


def _spoken(texts: Sequence[str], voice: str) -> _Spoken:
    pause = np.zeros(int(PAUSE * 16_000), dtype=np.float32)
    parts: list[np.ndarray] = [pause]
    starts, ends, at = [], [], len(pause)
    for text in texts:
        sound = synthesize(text, voice)
        starts.append(at // (16_000 // FPS))
        ends.append((at + len(sound)) // (16_000 // FPS))
        parts += [sound, pause]
        at += len(sound) + len(pause)
    samples = np.concatenate(parts)
    samples += np.random.default_rng(0).normal(0, 1e-4, len(samples)).astype(np.float32)
    return _Spoken(frames(samples)[:, 1:], starts, ends)


def _normalised(x: np.ndarray) -> np.ndarray:
    return (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)


def warp(recorded: np.ndarray, spoken: np.ndarray) -> tuple[np.ndarray, float, np.ndarray]:
    """Dynamic time warping, the recording's frames as rows, the synthetic ones as
    columns; the path starts at the first frame of both and ends at the last synthetic
    frame, wherever in the recording that falls.

    Returns, for each synthetic frame, the first recorded frame matched to it; the mean
    cost along the path; and the cost of each synthetic frame's match."""
    rows, cols = len(recorded), len(spoken)
    r, s = _normalised(recorded), _normalised(spoken)
    s_sq = (s**2).sum(axis=1)
    chance = float(np.mean(np.sqrt(np.maximum(
        (r[:: max(1, rows // 200)] ** 2).sum(axis=1)[:, None] + s_sq[None, :]
        - 2 * r[:: max(1, rows // 200)] @ s.T, 0))))  # fmt: skip
    moves = np.zeros((rows, cols), dtype=np.int8)  # 0 stay, 1 diagonal, 2 skip one
    previous = np.full(cols, np.inf, dtype=np.float64)
    ends = np.full(rows, np.inf)
    for i in range(rows):
        cost = np.sqrt(np.maximum((r[i] ** 2).sum() + s_sq - 2 * (s @ r[i]), 0)) / chance
        if i == 0:
            current = np.full(cols, np.inf)
            current[0] = cost[0]
        else:
            stay = previous + STAY
            diagonal = np.concatenate([[np.inf], previous[:-1]])
            skip = np.concatenate([[np.inf, np.inf], previous[:-2] + SKIP])
            options = np.stack([stay, diagonal, skip])
            choice = np.argmin(options, axis=0)
            current = options[choice, np.arange(cols)] + cost
            moves[i] = choice
        ends[i] = current[-1] / (i + 1)
        previous = current
    last = int(np.argmin(ends))
    first_row = np.full(cols, -1, dtype=np.int64)
    match_cost = np.zeros(cols)
    i, j = last, cols - 1
    while i >= 0 and j >= 0:
        first_row[j] = i
        r_i = r[i]
        match_cost[j] = float(np.sqrt(max((r_i**2).sum() + s_sq[j] - 2 * float(s[j] @ r_i), 0)))
        if i == 0:
            break
        step = moves[i, j]
        i -= 1
        j -= int(step)
    for j in range(cols - 2, -1, -1):  # a column skipped over starts where the next one does
        if first_row[j] < 0:
            first_row[j] = first_row[j + 1]
    return first_row, float(ends[last]), match_cost / chance


def align_audio(
    speeches: Sequence[str], audio: Path | str, voice: str = "es", video: int = 0
) -> Alignment:
    """Each speech's start and end in the recording ``audio`` (a file or URL of any
    format ffmpeg reads)."""
    if not speeches:
        return Alignment([], "ok", "audio")
    every = file_frames(audio)
    kept = _speaking(every[:, 0])
    recorded = every[kept, 1:]
    timings: list[SpeechTiming] = [NO_TIME] * len(speeches)
    steadiness: list[tuple[float, int]] = []  # per speech: share of diagonal steps, length
    position = 0  # recorded frame where the next piece starts
    k = 0
    while k < len(speeches) and position < len(recorded) - FPS:
        piece = _piece(speeches, k)
        ahead = piece[-1] + 1 < len(speeches)
        texts = [speeches[n] for n in piece] + ([speeches[piece[-1] + 1]] if ahead else [])
        spoken = _spoken(texts, voice)
        window = len(spoken.frames) * 3 + 60 * FPS
        recorded_piece = recorded[position : position + window]
        path, mean_cost, match_cost = warp(recorded_piece, spoken.frames)
        for n, speech in enumerate(piece):
            first, last = spoken.starts[n], max(spoken.ends[n] - 1, spoken.starts[n])
            steps = np.diff(path[first : last + 1])
            steady = float(np.mean(steps == 1)) if len(steps) else 0.0
            steadiness.append((steady, len(steps)))
            if mean_cost >= BAD or steady < MIN_STEADY:
                continue
            quality = float(np.clip(1.5 * (1 - np.mean(match_cost[first : last + 1])), 0, 1))
            confidence = round(0.5 * quality + 0.5 * min(1.0, (steady - MIN_STEADY) / 0.3), 3)
            start = float(kept[position + path[first]]) / FPS
            end = float(kept[min(position + path[last], len(kept) - 1)] + 1) / FPS
            timings[speech] = SpeechTiming(
                round(start, 2), round(end, 2), confidence, "audio", video
            )
        if ahead:
            next_start = path[spoken.starts[len(piece)]]
            step = next_start - int(PAUSE * FPS) if next_start > 0 else len(recorded_piece)
            position += max(step, 1)
        k = piece[-1] + 1
    weight = sum(n for _, n in steadiness)
    overall = sum(s * n for s, n in steadiness) / weight if weight else 0.0
    if overall < SESSION_STEADY:
        return Alignment(
            [NO_TIME] * len(speeches),
            "mismatch",
            "audio",
            "la grabación no corresponde a la versión estenográfica: la voz sintética solo "
            f"avanza al paso de la grabación en {overall:.0%} de sus tramos",
        )
    missing = sum(t.start is None for t in timings)
    status = "partial" if missing else "ok"
    reason = f"{missing} discursos sin contraparte en la grabación" if missing else None
    share = round(1 - missing / max(len(speeches), 1), 3)
    return Alignment(timings, status, "audio", reason, share)


def _speaking(loudness: np.ndarray) -> np.ndarray:
    """Indices of the frames to align: all but the middle of stretches of
    ``LONG_SILENCE`` seconds or more without speech (a recess, the wait before the
    session opens), which no piece's window could otherwise see past."""
    if len(loudness) == 0:
        return np.arange(0)
    smooth = np.convolve(loudness, np.ones(FPS // 2) / (FPS // 2), mode="same")
    floor, top = np.percentile(smooth, [10, 90])
    quiet = smooth < floor + 0.25 * (top - floor)
    keep = np.ones(len(loudness), dtype=bool)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]])))
    margin = FPS
    for begin, end in zip(edges[::2], edges[1::2], strict=True):
        if end - begin >= LONG_SILENCE * FPS:
            keep[begin + margin : end - margin] = False
    return np.flatnonzero(keep)


def _piece(speeches: Sequence[str], k: int) -> list[int]:
    """Speeches from ``k`` up to about ``PIECE_SECONDS`` of synthetic speech."""
    out, words = [k], len(speeches[k].split())
    per_second = 160 / 60
    while out[-1] + 1 < len(speeches) and words / per_second < PIECE_SECONDS:
        out.append(out[-1] + 1)
        words += len(speeches[out[-1]].split())
    return out
