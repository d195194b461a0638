"""Speeches timed by a caption track: matched words carry the caption's seconds to the
stenographic text; a speech is placed by its own matched words only."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from indexer.alignment.model import NO_TIME, Alignment, Cue, SpeechTiming
from indexer.alignment.sequence import match_words
from indexer.alignment.words import words

MIN_SHARE = 0.3  # below this share of caption words matched, the video is another one
MIN_RARE = 0.75  # share of the video's rare words the text must also have
GAP_WORDS = 400  # this many text words in a row without a match: the video lacks them
LEAD_WORDS = 25  # a speech whose first match is further in than this is not trusted


def caption_words(cues: Sequence[Cue]) -> tuple[list[str], list[float], list[float]]:
    """Each caption word with its start and end, spread evenly over its cue."""
    out: list[str] = []
    starts: list[float] = []
    ends: list[float] = []
    for cue in cues:
        found = words(cue.text)
        step = (cue.end - cue.start) / max(len(found), 1)
        for k, word in enumerate(found):
            out.append(word)
            starts.append(cue.start + k * step)
            ends.append(cue.start + (k + 1) * step)
    return out, starts, ends


def align_captions(speeches: Sequence[str], cues: Sequence[Cue], video: int = 0) -> Alignment:
    """Each speech's start and end in the video whose captions are ``cues``."""
    text: list[str] = []
    owner: list[int] = []
    bounds: list[tuple[int, int]] = []
    for k, speech in enumerate(speeches):
        found = words(speech)
        bounds.append((len(text), len(text) + len(found)))
        text += found
        owner += [k] * len(found)
    heard, starts, ends = caption_words(cues)
    pairs = match_words(text, heard)
    caption_share = len(pairs) / max(len(heard), 1)
    text_share = len(pairs) / max(len(text), 1)
    rare = _rare_share(text, heard)
    if not pairs or caption_share < MIN_SHARE or rare < MIN_RARE:
        return Alignment(
            [NO_TIME] * len(speeches),
            "mismatch",
            "captions",
            f"solo {caption_share:.0%} de las palabras del video coinciden con la versión "
            f"estenográfica, y {rare:.0%} de sus palabras poco comunes: el video parece ser de "
            "otra sesión",
            round(text_share, 3),
        )
    pace = _seconds_per_word(pairs, starts)
    by_speech: list[list[tuple[int, int]]] = [[] for _ in speeches]
    for pa, pb in pairs:
        by_speech[owner[pa]].append((pa, pb))
    timings = []
    for k, found in enumerate(by_speech):
        first, last = bounds[k]
        timings.append(_timing(found, first, last, starts, ends, pace, video))
    timings = _ordered(timings)
    gaps = _gaps(pairs, len(text))
    status, reason = "ok", None
    if gaps:
        status = "partial"
        reason = "; ".join(
            f"el video no contiene {n} palabras seguidas de la versión estenográfica "
            f"(discursos {owner[at] + 1} a {owner[min(at + n, len(text)) - 1] + 1})"
            for at, n in gaps
        )
    return Alignment(timings, status, "captions", reason, round(text_share, 3))


def _rare_share(text: list[str], heard: list[str]) -> float:
    """Share of the words the video says once (long ones: names, places, subjects) that
    the text has too. Sessions of one congress share their procedure word for word, so
    it is what is said once that tells one session's video from another's."""
    counts = Counter(heard)
    rare = [w for w, n in counts.items() if n == 1 and len(w) >= 5]
    if not rare:
        return 1.0
    known = set(text)
    return sum(w in known for w in rare) / len(rare)


def _seconds_per_word(pairs: list[tuple[int, int]], starts: list[float]) -> float:
    """The usual pace of speech in this video, from matched words 20 apart."""
    rates = []
    for (a0, b0), (a1, b1) in zip(pairs, pairs[20::20], strict=False):
        span = starts[b1] - starts[b0]
        if a1 > a0 and 0 < span < (a1 - a0) * 2:
            rates.append(span / (a1 - a0))
    return min(max(statistics.median(rates), 0.2), 0.8) if rates else 0.4


def _timing(
    found: list[tuple[int, int]],
    first: int,
    last: int,
    starts: list[float],
    ends: list[float],
    pace: float,
    video: int,
) -> SpeechTiming:
    size = last - first
    needed = 1 if size <= 3 else 2 if size < 12 else 3
    if len(found) < needed:
        return NO_TIME
    (a0, b0), (a1, b1) = found[0], found[-1]
    lead = a0 - first
    if lead > LEAD_WORDS and lead > size / 2:
        return NO_TIME
    start = max(0.0, starts[b0] - lead * pace)
    end = ends[b1] + (last - 1 - a1) * pace
    coverage = len(found) / max(size, 1)
    confidence = min(1.0, coverage) * (0.5 ** (lead / 10))
    return SpeechTiming(round(start, 2), round(end, 2), round(confidence, 3), "captions", video)


def _ordered(timings: list[SpeechTiming]) -> list[SpeechTiming]:
    """A speech never ends after the next timed one starts."""
    out = list(timings)
    following: float | None = None
    for k in range(len(out) - 1, -1, -1):
        t = out[k]
        if t.start is None:
            continue
        if following is not None and t.end is not None and t.end > following:
            out[k] = SpeechTiming(t.start, max(t.start, following), t.confidence, t.method, t.video)
        following = t.start
    return out


def _gaps(pairs: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Runs of at least ``GAP_WORDS`` text words with no match: (first word, length)."""
    found = []
    previous = -1
    for pa in [p for p, _ in pairs] + [size]:
        if pa - previous - 1 >= GAP_WORDS:
            found.append((previous + 1, pa - previous - 1))
        previous = pa
    return found


def align_tracks(speeches: Sequence[str], tracks: Sequence[Sequence[Cue]]) -> Alignment:
    """A session whose transmission came in parts, one caption track each: every speech
    takes its time from the part that holds the most evidence of it."""
    results = [align_captions(speeches, cues, video=k) for k, cues in enumerate(tracks)]
    usable = [r for r in results if r.status != "mismatch"]
    if not usable:
        reasons = "; ".join(r.reason or "" for r in results)
        return Alignment([NO_TIME] * len(speeches), "mismatch", "captions", reasons, 0.0)
    if len(usable) == 1:
        return usable[0]
    timings = [
        max((r.timings[k] for r in usable), key=lambda t: (t.start is not None, t.confidence))
        for k in range(len(speeches))
    ]
    share = sum(r.matched_share for r in usable)
    missing = sum(t.start is None for t in timings)
    status = "ok"
    reason = None
    unmatched_text = 1 - share
    if unmatched_text > 0.2 and missing:
        status = "partial"
        reason = f"{missing} discursos sin contraparte en los videos"
    return Alignment(_ordered_per_video(timings), status, "captions", reason, round(share, 3))


def _ordered_per_video(timings: list[SpeechTiming]) -> list[SpeechTiming]:
    out = list(timings)
    for video in {t.video for t in timings if t.video is not None}:
        idx = [k for k, t in enumerate(timings) if t.video == video]
        fixed = _ordered([timings[k] for k in idx])
        for k, t in zip(idx, fixed, strict=True):
            out[k] = t
    return out
