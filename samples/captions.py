"""Caption tracks of the sample transmissions: each speech of the stenographic version
spoken at a known second, heard the way automatic captions hear it — words dropped,
misspelt or run together, numbers in digits where the text spells them (and the other
way round), fillers the stenographer left out, and stretches with no captions at all.
The true start and end of every speech go into the manifest."""

from __future__ import annotations

import random
import re

from samples.manifest import Sesion, SpeechRef

FILLERS = ("eh", "este", "pues", "mmm")
SPELLED = {
    "uno": "1",
    "dos": "2",
    "tres": "3",
    "cuatro": "4",
    "cinco": "5",
    "diez": "10",
    "veinte": "20",
    "treinta": "30",
    "cien": "100",
}
DIGIT_WORDS = {"1": "uno", "2": "dos", "3": "tres", "10": "diez", "12": "doce", "15": "quince"}
TENS = ("", "diez", "veinte", "treinta", "cuarenta", "cincuenta")
UNITS = ("", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")


def timeline(rng: random.Random, s: Sesion) -> None:
    """Give every speech of ``s`` its video and its start and end, in place."""
    parts = len(s.videos)
    split = len(s.spoken()) // 2 if parts > 1 else len(s.spoken())
    clock = rng.uniform(20, 240)  # the transmission starts before the session does
    video = 0
    for k, speech in enumerate(s.spoken()):
        if k == split and parts > 1:
            video, clock = 1, rng.uniform(10, 90)
        length = sum(_weights(speech.text.split()))
        pace = rng.uniform(0.05, 0.07)  # seconds per letter: long words take longer
        speech.video = video
        speech.start = round(clock, 2)
        speech.end = round(clock + length * pace, 2)
        pause = rng.uniform(0.6, 4.0) if rng.random() > 0.05 else rng.uniform(30, 120)
        clock = speech.end + pause


def track(rng: random.Random, speeches: list[SpeechRef]) -> str:
    """The WebVTT a recogniser would publish for these (timed) speeches."""
    timed: list[tuple[float, float, str]] = []
    for speech in speeches:
        assert speech.start is not None and speech.end is not None
        words = speech.text.split()
        weights = _weights(words)
        per_letter = (speech.end - speech.start) / max(sum(weights), 1)
        at = speech.start
        for word, weight in zip(words, weights, strict=True):
            step = weight * per_letter
            heard = _hear(rng, word)
            for m, one in enumerate(heard):
                share = step / len(heard)
                timed.append((at + m * share, at + (m + 1) * share, one))
            at += step
    silent = _silent_stretch(rng, timed)
    cues: list[tuple[float, float, list[str]]] = []
    for start, end, word in timed:
        if silent and silent[0] <= start < silent[1]:
            continue
        if cues and len(cues[-1][2]) < rng.randint(6, 11) and start - cues[-1][1] < 1.5:
            cues[-1] = (cues[-1][0], end, cues[-1][2] + [word])
        else:
            cues.append((start, end, [word]))
    lines = ["WEBVTT", "Kind: captions", "Language: es", ""]
    for n, (start, end, heard) in enumerate(cues, start=1):
        lines += [str(n), f"{_stamp(start)} --> {_stamp(end)}", " ".join(heard).lower(), ""]
    return "\n".join(lines)


def _weights(words: list[str]) -> list[int]:
    return [len(w) + 2 for w in words]


def _hear(rng: random.Random, word: str) -> list[str]:
    bare = re.sub(r"[^\wáéíóúüñÁÉÍÓÚÜÑ]", "", word)
    if not bare:
        return []
    roll = rng.random()
    if roll < 0.06:
        return []  # dropped
    if bare.isdigit():
        return _spoken_number(bare) if roll < 0.6 else [bare]
    if bare.lower() in SPELLED and roll < 0.5:
        return [SPELLED[bare.lower()]]
    if roll < 0.11 and len(bare) > 3:
        i = rng.randrange(1, len(bare) - 1)
        return [bare[:i] + rng.choice("aeiourls") + bare[i + 1 :]]  # misheard
    if roll < 0.13:
        return [rng.choice(FILLERS), bare]
    return [bare]


def _spoken_number(digits: str) -> list[str]:
    if digits in DIGIT_WORDS:
        return [DIGIT_WORDS[digits]]
    n = int(digits)
    if 30 < n < 60 and n % 10:
        return [TENS[n // 10], "y", UNITS[n % 10]]
    return [digits]


def _silent_stretch(
    rng: random.Random, timed: list[tuple[float, float, str]]
) -> tuple[float, float] | None:
    """A few seconds where the captions service heard nothing (one in three tracks)."""
    if len(timed) < 200 or rng.random() > 1 / 3:
        return None
    start = timed[rng.randrange(50, len(timed) - 50)][0]
    return start, start + rng.uniform(5, 15)


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    sec, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{sec:02d}.{ms:03d}"
