"""Whether a value a spec sends a site reads as a key (``token_like``).

A key is random: letters and digits interleaved with no order a person writes (hex, base64,
a ``sk_live_…`` or ``ghp_…`` token's tail, a JWT). An ordinary value, however long, is made
of pieces a person writes: words (``sentencias``, ``PrimeraSala``), numbers (``2024``) and
a word with a number (``v1``, ``lxvi2024``), joined by ``/``, ``_``, ``-``, ``.``, ``:``…
(a path, a CSS selector, a field name, a phrase). Masking such a value as ``(oculto)``
hides nothing and makes a ``PUT`` of the spec as read confusing, so a value is a key only
when its random pieces alone are long enough for one."""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

MIN_KEY_CHARS = 16  # a run of a key's alphabet this long, or no key (as before)
MIN_RANDOM_CHARS = 12  # of which this many in pieces no person writes
_JWT = re.compile(r"eyJ[\w-]{6,}\.eyJ[\w-]{6,}\.[\w-]*")
_RUN = re.compile(r"[A-Za-z0-9+/=_-]+")  # base64 (standard and for addresses), hex
_PIECE = re.compile(r"[A-Za-z0-9]+")  # split at + / = _ - : a separator of words too
_GROUP = re.compile(r"[A-Za-z]+|[0-9]+")
_WORD_CASE = re.compile(r"[a-z]+|[A-Z]+|(?:[A-Z]?[a-z]+)(?:[A-Z][a-z]+)*")
_VOWELS = frozenset("aeiouAEIOU")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]{5,}")
_HEX = re.compile(r"[0-9a-f]+|[0-9A-F]+")
_SWITCHY = 0.4  # random base62 changes class at 62% of its pairs, camel case at 25%
_MIN_BITS = 3.0  # random 16 characters of base62 carry about 3.6 bits each
_MIN_PAIRS = 10  # pairs of letters or digits side by side (not across a separator)
_LONG_WORD = 12  # letters alone this long must also read as a word (vowels, no clusters)


def token_like(text: str) -> bool:
    """A value that reads as a key, not as a word a query sends (``sentencia``,
    ``fecha_desc``), a path, a selector or a phrase."""
    if _JWT.search(text):
        return True
    return any(len(run) >= MIN_KEY_CHARS and _random(run) for run in _RUN.findall(text))


def _random(run: str) -> bool:
    """Hex with letters and digits (a digest, a key), enough random pieces, or letters and
    digits that change class (lower, upper, digit) more often than words do, with a
    key's variety of characters."""
    pieces = _PIECE.findall(run)
    if any(_hex(piece) for piece in pieces):
        return True
    if sum(len(piece) for piece in pieces if not _written(piece)) >= MIN_RANDOM_CHARS:
        return True
    pairs = sum(len(piece) - 1 for piece in pieces)
    changes = sum(_class(a) != _class(b) for piece in pieces for a, b in pairwise(piece))
    return pairs >= _MIN_PAIRS and changes >= _SWITCHY * pairs and _bits(run) >= _MIN_BITS


def _hex(piece: str) -> bool:
    return (
        len(piece) >= MIN_KEY_CHARS
        and bool(_HEX.fullmatch(piece))
        and not piece.isdigit()
        and not piece.isalpha()
    )


def _class(char: str) -> int:
    return 0 if char.isdigit() else 1 if char.islower() else 2


def _bits(text: str) -> float:
    """Shannon entropy per character: a key's characters vary (``a1a1a1…`` does not)."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _written(piece: str) -> bool:
    """A word, a number, or one of each (``v1``, ``2024a``); a word is lower, upper,
    capitalised or camel case, and when long has vowels and no run of five consonants."""
    groups = _GROUP.findall(piece)
    if len(groups) > 2:  # letters, digits, letters…: random (``4eC39Hq``, ``a3f5c9``)
        return False
    return all(group.isdigit() or _word(group) for group in groups)


def _word(letters: str) -> bool:
    if not _WORD_CASE.fullmatch(letters):
        return False
    if len(letters) < _LONG_WORD:
        return True
    vowels = sum(c in _VOWELS for c in letters)
    return vowels * 4 >= len(letters) and not _CONSONANT_RUN.search(letters)
