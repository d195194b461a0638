"""Stenographic text against caption text: which word of the one is which of the other.

Captions are a recogniser's hearing (dropped words, misspellings, numbers in digits) and
the stenographic version is an edited record (repetitions cut, titles added), so the two
word sequences agree only in runs. Words that occur once in both (unique n-grams) are
anchors; the longest chain of anchors in the same order splits the problem, and each
stretch between anchors is matched the same way with shorter n-grams, down to a plain
longest common subsequence on stretches small enough (memory stays bounded on five-hour
sessions: nothing is quadratic in the session's length).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

Pair = tuple[int, int]
SMALL = 1000 * 1000  # stretches below this many cells are matched word by word
MIN_RUN = 2  # a lone matched word counts only beside other matches


def match_words(a: Sequence[str], b: Sequence[str]) -> list[Pair]:
    """Monotonic pairs (index in ``a``, index in ``b``) of words taken to be the same."""
    vocab: dict[str, int] = {}
    ia = [vocab.setdefault(w, len(vocab)) for w in a]
    ib = [vocab.setdefault(w, len(vocab)) for w in b]
    pairs: list[Pair] = []
    stack = [(0, len(ia), 0, len(ib), 4)]
    while stack:
        a0, a1, b0, b1, n = stack.pop()
        if a1 <= a0 or b1 <= b0:
            continue
        if (a1 - a0) * (b1 - b0) <= SMALL:
            pairs += _lcs(ia, ib, a0, a1, b0, b1)
            continue
        chain: list[Pair] = []
        while n >= 1 and not chain:
            chain = _anchor_chain(ia, ib, a0, a1, b0, b1, n)
            n = n if chain else n - 1
        if not chain:
            continue  # nothing in common: leave this stretch unmatched
        size = max(n, 1)
        prev_a, prev_b = a0, b0
        for pa, pb in chain:
            stack.append((prev_a, pa, prev_b, pb, size))
            pairs += [(pa + k, pb + k) for k in range(size)]
            prev_a, prev_b = pa + size, pb + size
        stack.append((prev_a, a1, prev_b, b1, size))
    pairs.sort()
    return _in_runs(pairs)


def _lcs(ia: list[int], ib: list[int], a0: int, a1: int, b0: int, b1: int) -> list[Pair]:
    """A longest common subsequence, row by row in numpy: repeated passages (every vote
    is announced in the same words) are matched copy to copy, not across."""
    a = np.asarray(ia[a0:a1])
    b = np.asarray(ib[b0:b1])
    n, m = len(a), len(b)
    table = np.zeros((n + 1, m + 1), dtype=np.int32)
    for i in range(1, n + 1):
        diagonal = table[i - 1, :-1] + (b == a[i - 1])
        table[i, 1:] = np.maximum.accumulate(np.maximum(diagonal, table[i - 1, 1:]))
    pairs: list[Pair] = []
    i, j = n, m
    while i and j:
        if a[i - 1] == b[j - 1] and table[i, j] == table[i - 1, j - 1] + 1:
            pairs.append((a0 + i - 1, b0 + j - 1))
            i, j = i - 1, j - 1
        elif table[i - 1, j] >= table[i, j - 1]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _anchor_chain(
    ia: list[int], ib: list[int], a0: int, a1: int, b0: int, b1: int, n: int
) -> list[Pair]:
    """Start positions of n-grams unique on both sides, longest chain in order,
    non-overlapping."""

    def unique(seq: list[int], lo: int, hi: int) -> dict[tuple[int, ...], int]:
        seen: dict[tuple[int, ...], int] = {}
        for i in range(lo, hi - n + 1):
            gram = tuple(seq[i : i + n])
            seen[gram] = -1 if gram in seen else i
        return {g: i for g, i in seen.items() if i >= 0}

    ua, ub = unique(ia, a0, a1), unique(ib, b0, b1)
    both = sorted((i, ub[g]) for g, i in ua.items() if g in ub)
    chain = _longest_increasing(both)
    kept: list[Pair] = []
    for pa, pb in chain:
        if not kept or (pa >= kept[-1][0] + n and pb >= kept[-1][1] + n):
            kept.append((pa, pb))
    return kept


def _longest_increasing(pairs: list[Pair]) -> list[Pair]:
    """Longest subsequence of ``pairs`` (sorted by first) increasing in the second."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, pb) in enumerate(pairs):
        pos = bisect.bisect_left(tails, pb)
        if pos == len(tails):
            tails.append(pb)
            tail_at.append(k)
        else:
            tails[pos] = pb
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out: list[Pair] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _in_runs(pairs: list[Pair]) -> list[Pair]:
    """Matches in runs of at least ``MIN_RUN`` consecutive words, or lone ones with a
    run within three words on both sides: a lone common word is no evidence."""
    runs: list[list[Pair]] = []
    for pa, pb in pairs:
        if runs and runs[-1][-1] == (pa - 1, pb - 1):
            runs[-1].append((pa, pb))
        else:
            runs.append([(pa, pb)])
    kept: list[Pair] = []
    for k, run in enumerate(runs):
        if len(run) >= MIN_RUN:
            kept += run
            continue
        pa, pb = run[0]
        near = [
            other
            for other in (runs[k - 1] if k else None, runs[k + 1] if k + 1 < len(runs) else None)
            if other and len(other) >= MIN_RUN
        ]
        if any(abs(o[-1][0] - pa) <= 4 and abs(o[-1][1] - pb) <= 4 for o in near) or any(
            abs(o[0][0] - pa) <= 4 and abs(o[0][1] - pb) <= 4 for o in near
        ):
            kept.append((pa, pb))
    return kept
