"""The characters no one sees that questions and indexed texts drop (``analysis.INVISIBLE``)
are the whole class: every format character (Cf) of Python's Unicode data and every
default-ignorable code point, not a list of the few met so far; and the fast look for
them (``visible_text``) drops exactly what the full pattern does."""

from __future__ import annotations

import random
import unicodedata

from indexer.analysis import INVISIBLE, visible_text
from indexer.query import Term, parse_query

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which Python's data
# does not name: the format characters and these
DEFAULT_IGNORABLE = [
    0x00AD, 0x034F, 0x061C, *range(0x115F, 0x1161), 0x17B4, 0x17B5, *range(0x180B, 0x1810),
    *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0x3164,
    *range(0xFE00, 0xFE10), 0xFEFF, 0xFFA0, *range(0xFFF0, 0xFFF9), *range(0x1BCA0, 0x1BCA4),
    *range(0x1D173, 0x1D17B), *range(0xE0000, 0xE1000),
]  # fmt: skip


def test_every_format_and_default_ignorable_character_is_dropped() -> None:
    formats = [c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    missed = [
        f"U+{c:04X}"
        for c in sorted({*formats, *DEFAULT_IGNORABLE})
        if visible_text(f"am{chr(c)}paro") != "amparo"
    ]
    assert missed == []
    # and nothing a page shows: letters, digits, marks, punctuation and spaces stay
    kept = [
        f"U+{c:04X}"
        for c in range(0x110000)
        if INVISIBLE.fullmatch(chr(c))
        and c not in DEFAULT_IGNORABLE
        and unicodedata.category(chr(c)) not in ("Cf", "Cn")
    ]
    assert kept == []


def test_the_quick_look_drops_what_the_pattern_drops() -> None:
    pieces = ["a", "ñ", "é", "“", "—", " ", "\n", "\u034f", "\u200d", "\u3164", "\ufe0f"]
    pieces += ["\U0001d11e", "\U000e0041", "\U000e01ef", "\U0001f600", "\u00ad", "\u2062"]
    pieces += ["\ud800", "Ж", "中"]  # a lone surrogate (no UTF-8), letters of other scripts
    rng = random.Random(33)
    for _ in range(3000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 12)))
        assert visible_text(text) == INVISIBLE.sub("", text), ascii(text)
    # a text of characters up to U+00FF alone (most Spanish sentences), looked at apart
    latin = ["a", "ñ", "é", "ÿ", "\xa0", " ", "\n", "\u00ad", "\u00ad\u00ad"]
    for _ in range(3000):
        text = "".join(rng.choices(latin, k=rng.randint(0, 12)))
        assert visible_text(text) == INVISIBLE.sub("", text), ascii(text)


def test_a_question_reads_the_word_without_them() -> None:
    for c in (0x034F, 0x3164, 0xFE0F, 0xE0041, 0x1D173, 0x2065, 0xFFF0):
        assert parse_query(f"am{chr(c)}paro") == Term("amparo"), f"U+{c:04X}"
