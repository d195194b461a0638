"""Speeches timed by caption tracks: matched words carry the captions' seconds to the
stenographic text; a speech is placed by its own matched words only.

A transmission in parts (one caption track each) is one sequence of words, the parts
one after the other, so passages said in both (every vote is announced alike) are
matched in order rather than to whichever part says them too."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.alignment.model import NO_TIME, Alignment, Cue, SpeechTiming
from indexer.alignment.sequence import match_words
from indexer.alignment.words import words

MIN_SHARE = 0.3  # below this share of caption words matched, the video is another one
MIN_RARE = 0.85  # share of the video's rare words the text must also have (or nearly)
GAP_WORDS = 400  # this many text words in a row without a match: the video lacks them
LEAD_WORDS = 25  # a speech whose first match is further in than this is not trusted
STRAY_WORDS = 30  # see _without_strays
Pair = tuple[int, int]


@dataclass
class Heard:
    """Caption words of one or more tracks, with their seconds in their own video."""

    words: list[str] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)
    video: list[int] = field(default_factory=list)
    cue: list[int] = field(default_factory=list)  # a running number over all cues
    cue_end: list[float] = field(default_factory=list)  # per cue
    letter_rates: list[float] = field(default_factory=list)  # seconds per letter, per cue

    def add(self, cues: Sequence[Cue], video: int) -> None:
        """Each word of ``cues`` with its start and end, the cue's time shared out by
        length (a long word takes longer to say than a short one)."""
        for cue in cues:
            found = words(cue.text)
            letters = sum(len(w) + 2 for w in found)
            per_letter = (cue.end - cue.start) / max(letters, 1)
            if len(found) >= 4:
                self.letter_rates.append(per_letter)
            number = len(self.cue_end)
            self.cue_end.append(cue.end)
            at = cue.start
            for word in found:
                self.words.append(word)
                self.starts.append(at)
                at += (len(word) + 2) * per_letter
                self.ends.append(at)
                self.video.append(video)
                self.cue.append(number)

    def letter_pace(self) -> float:
        return statistics.median(self.letter_rates) if self.letter_rates else 0.06

    def first_start(self, b: int, pace: float) -> float:
        """When word ``b`` begins. A cue that holds the end of one turn and the start of
        the next has the pause between them somewhere inside; taking it to be at the turn,
        the words from ``b`` on end with the cue at the usual pace."""
        if b == 0 or self.cue[b - 1] != self.cue[b]:
            return self.starts[b]
        last = b
        while last + 1 < len(self.words) and self.cue[last + 1] == self.cue[b]:
            last += 1
        letters = sum(len(w) + 2 for w in self.words[b : last + 1])
        return max(self.starts[b], self.cue_end[self.cue[b]] - letters * pace)


def _text(speeches: Sequence[str]) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    text: list[str] = []
    owner: list[int] = []
    bounds: list[tuple[int, int]] = []
    for k, speech in enumerate(speeches):
        found = words(speech)
        bounds.append((len(text), len(text) + len(found)))
        text += found
        owner += [k] * len(found)
    return text, owner, bounds


def align_captions(speeches: Sequence[str], cues: Sequence[Cue]) -> Alignment:
    """Each speech's start and end in the one video whose captions are ``cues``."""
    return align_tracks(speeches, [cues])


def align_tracks(speeches: Sequence[str], tracks: Sequence[Sequence[Cue]]) -> Alignment:
    """Each speech's video (index in ``tracks``), start and end. A track that does not
    belong to the text is left out (all of them: ``mismatch``)."""
    if not speeches:
        return Alignment([], "ok", "captions")
    text, owner, bounds = _text(speeches)
    heard = Heard()
    notes = []
    for k, cues in enumerate(tracks):
        one = Heard()
        one.add(cues, k)
        verdict = _belongs(text, one)
        if verdict:
            notes.append(f"video {k + 1}: {verdict}")
        else:
            heard.add(cues, k)
    if not heard.words:
        return Alignment([NO_TIME] * len(speeches), "mismatch", "captions", "; ".join(notes))
    pairs = match_words(text, heard.words)
    letter_pace = heard.letter_pace()
    by_speech: list[list[Pair]] = [[] for _ in speeches]
    for pa, pb in pairs:
        by_speech[owner[pa]].append((pa, pb))
    timings = [
        _timing(found, *bounds[k], text, heard, letter_pace) for k, found in enumerate(by_speech)
    ]
    timings = _ordered(_without_strays(timings, bounds))
    gaps = _gaps(pairs, len(text))
    status = "partial" if gaps or notes else "ok"
    reasons = notes + [
        f"el video no contiene {n} palabras seguidas de la versión estenográfica "
        f"(discursos {owner[at] + 1} a {owner[min(at + n, len(text)) - 1] + 1})"
        for at, n in gaps
    ]
    share = round(len(pairs) / max(len(text), 1), 3)
    return Alignment(timings, status, "captions", "; ".join(reasons) or None, share)


def _belongs(text: list[str], heard: Heard) -> str | None:
    """Why a caption track is not of this text (None: it is)."""
    pairs = match_words(text, heard.words)
    share = len(pairs) / max(len(heard.words), 1)
    rare = _rare_share(text, heard.words)
    if share >= MIN_SHARE and rare >= MIN_RARE:
        return None
    return (
        f"solo {share:.0%} de las palabras del video coinciden con la versión estenográfica, "
        f"y {rare:.0%} de sus palabras poco comunes: el video parece ser de otra sesión"
    )


def _rare_share(text: list[str], heard: list[str]) -> float:
    """Share of the words the video says once (long ones: names, places, subjects) that
    the text has too, or nearly (a recogniser mishears a letter). Sessions of one
    congress share their procedure word for word, so it is what is said once that tells
    one session's video from another's."""
    counts = Counter(heard)
    rare = [w for w, n in counts.items() if n == 1 and len(w) >= 5]
    if not rare:
        return 1.0
    known = set(text)
    near = {variant for w in known if len(w) >= 4 for variant in _one_less(w)}
    found = sum(w in known or not near.isdisjoint(_one_less(w)) for w in rare)
    return found / len(rare)


def _one_less(word: str) -> set[str]:
    """The word with one letter left out, each way: two words that differ in one letter
    (or by one letter more) share one of these."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _timing(
    found: list[Pair],
    first: int,
    last: int,
    text: list[str],
    heard: Heard,
    letter_pace: float,
) -> SpeechTiming:
    """A speech placed by its first and last matched words; the words before and after
    them that the captions missed are taken to be said at the video's usual pace."""
    size = last - first
    needed = 1 if size <= 3 else 2 if size < 12 else 3
    if len(found) < needed:
        return NO_TIME
    (a0, b0), (a1, b1) = found[0], found[-1]
    lead = a0 - first
    if lead > LEAD_WORDS and lead > size / 2:
        return NO_TIME
    video = heard.video[b0]
    if heard.video[b1] != video:  # the speech runs into the next part: its end is there
        b1 = max(b for _, b in found if heard.video[b] == video)
        a1 = max(a for a, b in found if b == b1)
    before = sum(len(w) + 2 for w in text[first:a0]) * letter_pace
    after = sum(len(w) + 2 for w in text[a1 + 1 : last]) * letter_pace
    start = max(0.0, heard.first_start(b0, letter_pace) - before)
    end = heard.ends[b1] + after
    coverage = len(found) / max(size, 1)
    confidence = min(1.0, coverage) * (0.5 ** (lead / 10))
    return SpeechTiming(round(start, 2), round(end, 2), round(confidence, 3), "captions", video)


def _without_strays(
    timings: list[SpeechTiming], bounds: list[tuple[int, int]]
) -> list[SpeechTiming]:
    """A speech timed alone, its neighbours in the text untimed, whose place would have
    many words said in no time between it and the nearest timed speech, is a copy of a
    passage said elsewhere (votes are announced alike in every part): it gets no time."""
    timed = [k for k, t in enumerate(timings) if t.start is not None]
    out = list(timings)
    for n, k in enumerate(timed):
        alone = all(not (0 <= m < len(timings)) or timings[m].start is None for m in (k - 1, k + 1))
        if not alone:
            continue
        t = timings[k]
        for m in (timed[n - 1] if n else None, timed[n + 1] if n + 1 < len(timed) else None):
            if m is None or timings[m].video != t.video:
                continue
            first, second = sorted((k, m))
            words_between = bounds[second][0] - bounds[first][1]
            a, b = timings[first], timings[second]
            seconds_between = (b.start or 0) - (a.end or a.start or 0)
            if words_between >= STRAY_WORDS and seconds_between < words_between * 0.1:
                out[k] = NO_TIME
    return out


def _ordered(timings: list[SpeechTiming]) -> list[SpeechTiming]:
    """A speech never ends after the next timed one (in the same video) starts."""
    out = list(timings)
    following: dict[int | None, float] = {}
    for k in range(len(out) - 1, -1, -1):
        t = out[k]
        if t.start is None:
            continue
        after = following.get(t.video)
        if after is not None and t.end is not None and t.end > after:
            out[k] = SpeechTiming(t.start, max(t.start, after), t.confidence, t.method, t.video)
        following[t.video] = t.start
    return out


def _gaps(pairs: list[Pair], size: int) -> list[tuple[int, int]]:
    """Runs of at least ``GAP_WORDS`` text words with no match: (first word, length)."""
    found = []
    previous = -1
    for pa in [p for p, _ in pairs] + [size]:
        if pa - previous - 1 >= GAP_WORDS:
            found.append((previous + 1, pa - previous - 1))
        previous = pa
    return found
