"""Sound as numbers to compare: cepstra of log-mel filterbanks, 20 frames a second.

Coarse frames are enough to place a speech within a second, and they keep a five-hour
session at 360,000 frames of 12 numbers (17 MB). Audio is read through ffmpeg in
one-minute pieces, so memory does not grow with the recording; a recording longer than a
day, or still not over after a day, is refused, not read on forever. An address is read
through the HTTP proxy of :data:`READ_THROUGH` when one is set (the worker's guarded
proxy, which checks every host a playlist names)."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

import numpy as np

from config.web_urls import lower_scheme

RATE = 16_000
MAX_SECONDS = 24 * 3600  # longer is no session but an endless (live, hostile) stream
FPS = 20
HOP = RATE // FPS
WINDOW = 1024
MELS = 26
CEPSTRA = 13  # c0 first: loudness, which tells speech from a recess; c1.. are matched


# the proxy ffmpeg must fetch through, set by whoever checks addresses (the worker)
READ_THROUGH: ContextVar[str | None] = ContextVar("read_through", default=None)


class AudioError(ValueError):
    """Audio that could not be read; the message says why."""


def _mel_bank(rate: int, n_fft: int) -> np.ndarray:
    def mel(hz: np.ndarray) -> np.ndarray:
        return 2595 * np.log10(1 + hz / 700)

    edges_mel = np.linspace(mel(np.array(80.0)), mel(np.array(min(7600.0, rate / 2))), MELS + 2)
    edges = 700 * (10 ** (edges_mel / 2595) - 1)
    bins = np.fft.rfftfreq(n_fft, 1 / rate)
    bank = np.zeros((MELS, len(bins)), dtype=np.float32)
    for m in range(MELS):
        lo, mid, hi = edges[m : m + 3]
        rise = (bins - lo) / (mid - lo)
        fall = (hi - bins) / (hi - mid)
        bank[m] = np.clip(np.minimum(rise, fall), 0, None)
    return bank


_BANK = _mel_bank(RATE, WINDOW)
_DCT = np.cos(np.pi / MELS * (np.arange(MELS)[None, :] + 0.5) * np.arange(CEPSTRA)[:, None])
_HANN = np.hanning(WINDOW).astype(np.float32)


def frames(samples: np.ndarray) -> np.ndarray:
    """Cepstral frames (``len(samples) // HOP`` × 12) of 16 kHz mono samples."""
    count = len(samples) // HOP
    if count == 0:
        return np.zeros((0, CEPSTRA), dtype=np.float32)
    padded = np.concatenate([samples, np.zeros(WINDOW, dtype=np.float32)])
    index = np.arange(count)[:, None] * HOP + np.arange(WINDOW)[None, :]
    spectrum = np.abs(np.fft.rfft(padded[index] * _HANN, axis=1)) ** 2
    energies = np.log(spectrum @ _BANK.T + 1e-6)
    return (energies @ _DCT.T).astype(np.float32)


def decode(path: Path | str, piece_seconds: int = 60) -> Iterator[np.ndarray]:
    """16 kHz mono float samples of any file or URL ffmpeg reads, a minute at a time
    (only the sound is decoded)."""
    command = ["ffmpeg", "-nostdin", "-v", "error"]
    if str(path).lower().startswith(("http://", "https://")):
        path = lower_scheme(str(path))  # ffmpeg names its protocols in lower case
        # an address is read where it was checked: no redirect of ffmpeg's own, and no
        # protocol but the web's (a playlist naming file:… or another protocol fails)
        command += ["-max_redirects", "0", "-protocol_whitelist", "http,https,tcp,tls,crypto"]
        if proxy := READ_THROUGH.get():
            command[-1] += ",httpproxy"  # https through a proxy is its CONNECT tunnel
            command += ["-http_proxy", proxy]
    command += ["-i", str(path), "-vn"]
    command += ["-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"]
    # errors go to a file: a stream of broken packets filling a pipe would stop ffmpeg
    # while this end waits for its sound
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        except FileNotFoundError as exc:
            raise AudioError(
                "ffmpeg is not installed (scripts/system-deps.sh installs it)"
            ) from exc
        assert process.stdout is not None
        size = piece_seconds * RATE * 2
        read = 0
        # a stream that sends nothing, or a live playlist of segments never read, gives
        # no sound to count: the same bound then holds in time
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            process.kill()

        watchdog = threading.Timer(MAX_SECONDS, expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            while data := process.stdout.read(size):
                read += len(data)
                if read > MAX_SECONDS * RATE * 2:
                    raise AudioError(f"la grabación dura más de {MAX_SECONDS / 3600:g} h")
                samples = np.frombuffer(data[: len(data) // 2 * 2], dtype=np.int16)
                yield samples.astype(np.float32) / 32768
        finally:
            watchdog.cancel()
            if process.poll() is None:  # stopped early: ffmpeg must not read on
                process.kill()
            process.stdout.close()
            process.wait()
        errors.seek(0)
        error = errors.read(4096).decode(errors="replace").strip()
        if expired.is_set():
            raise AudioError(f"la grabación no terminó en {MAX_SECONDS / 3600:g} h")
        if process.wait() != 0 or (not read and error):
            raise AudioError(f"ffmpeg could not read {path}: {error[:300]}")


def file_frames(path: Path | str) -> np.ndarray:
    """Cepstral frames of a whole recording, computed piece by piece."""
    out: list[np.ndarray] = []
    carry = np.zeros(0, dtype=np.float32)
    for piece in decode(path):
        samples = np.concatenate([carry, piece])
        usable = (len(samples) // HOP) * HOP
        # each piece needs the next WINDOW samples for its last frames: keep them back
        keep = max(0, usable - WINDOW // HOP * HOP - HOP)
        if keep:
            out.append(frames(samples[: keep + WINDOW])[: keep // HOP])
        carry = samples[keep:]
    if len(carry):
        out.append(frames(carry))
    if not out:
        raise AudioError(f"{path} has no audio")
    return np.concatenate(out)
