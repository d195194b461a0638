"""Spoken versions of the stenographic text, from espeak-ng (Debian's package; no
model to download): what the aligner listens for in the recording."""

from __future__ import annotations

import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from indexer.alignment.features import RATE, AudioError

VOICE = "es"
WORDS_PER_MINUTE = 160


def synthesize(text: str, voice: str = VOICE, speed: int = WORDS_PER_MINUTE) -> np.ndarray:
    """16 kHz mono samples of ``text`` read aloud (empty text: no samples)."""
    if not text.strip():
        return np.zeros(0, dtype=np.float32)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "voz.wav"
        command = ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(target), "--stdin"]
        try:
            subprocess.run(command, input=text.encode(), check=True, capture_output=True)
        except FileNotFoundError as exc:
            raise AudioError("espeak-ng is not installed (scripts/system-deps.sh does)") from exc
        except subprocess.CalledProcessError as exc:
            raise AudioError(f"espeak-ng failed: {exc.stderr.decode(errors='replace')}") from exc
        with wave.open(str(target)) as sound:
            rate = sound.getframerate()
            data = np.frombuffer(sound.readframes(sound.getnframes()), dtype=np.int16)
    samples = data.astype(np.float32) / 32768
    return resample(samples, rate)


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Linear resampling to 16 kHz: fine for frames that stop at 7.6 kHz."""
    if rate == RATE or len(samples) == 0:
        return samples
    count = int(len(samples) * RATE / rate)
    return np.interp(np.arange(count) * (rate / RATE), np.arange(len(samples)), samples).astype(
        np.float32
    )
