"""A phrase typed between single quotes ('daño moral', ‘daño moral’ on a phone, or two
apostrophes for a double quote, ''daño moral'') is a phrase, as between double ones.

A single quote is also an apostrophe (O'Brien, D’Alessio), so only a pair that stands as
quotes counts: one that opens a word (after a space, ``(``, ``-`` or a field's ``:``)
and one that closes a later word (before a space, ``)``, ``~`` or the end), nothing but
words between them. Any other single quote stays text, as before; none is an error.
The pair becomes double quotes, one character each, so positions in errors still point
where the user typed.
"""

from __future__ import annotations

OPENING = "'‘‚‛"
CLOSING = "'’"
_OPENS_AFTER = "(-:"
_CLOSES_BEFORE = ")~"
# double quotes the tokenizer reads: a single-quoted phrase holding one is left alone
_DOUBLE = '"“”„‟«»〝〞〟＂'


def as_double_quotes(text: str) -> str:
    """``text`` with its single-quoted phrases between double quotes (linear time)."""
    if not any(quote in text for quote in OPENING + CLOSING):
        return text
    n = len(text)
    # the nearest quote at or after each place that can close a phrase, and the
    # nearest double quote: a phrase is found in one look at each
    closer = [n] * (n + 1)
    double = [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        closer[k], double[k] = closer[k + 1], double[k + 1]
        if _closes(text, k):
            closer[k] = k
        if text[k] in _DOUBLE:
            double[k] = k
    chars = list(text)
    i = 0
    while i < n:
        char = text[i]
        if char in _DOUBLE:
            # inside a double-quoted phrase, single quotes are its text
            end = double[i + 1]
            i = end + 1 if end < n else n
            continue
        if _opens(text, i):
            end = closer[i + 2] if i + 2 <= n else n
            if end < n and double[i] > end:
                chars[i] = chars[end] = '"'
                i = end + 1
                continue
        i += 1
    return "".join(chars)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return (
        text[i] in OPENING
        and (before.isspace() or before in _OPENS_AFTER)
        and i + 1 < len(text)
        and not text[i + 1].isspace()
    )


def _closes(text: str, k: int) -> bool:
    after = text[k + 1] if k + 1 < len(text) else " "
    return (
        text[k] in CLOSING
        and k > 0
        and not text[k - 1].isspace()
        and (after.isspace() or after in _CLOSES_BEFORE)
    )
