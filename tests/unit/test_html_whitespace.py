"""A page's whitespace is collapsed as before the shortcut: every run of spaces, tabs and
line breaks that is not a single space becomes one space, other spaces (no-break,
Unicode) are kept."""

from __future__ import annotations

import random
import re

from indexer.extract.html import _resolve_markers

# what the text went through before: one pattern over every character
_PLAIN = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")


def test_whitespace_runs_collapse_as_with_the_plain_pattern() -> None:
    rng = random.Random(3)
    alphabet = " \t\n\r\f\vab\ue000\ue001\ue002\xa0\x85\u2028"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        plain = _PLAIN.sub(" ", text).replace(" \ue002", "\ue002")
        for space in ("\t", "\n", "\r", "\f", "\v"):
            assert space not in plain
        # a collapsed text is left as it is by the collapse: the marker steps alone
        assert _resolve_markers(text) == _resolve_markers(plain)


def test_a_single_space_and_other_spaces_are_kept() -> None:
    assert _resolve_markers("a b\xa0\xa0c") == "a b\xa0\xa0c"
    assert _resolve_markers("a \t\n b\r\nc") == "a b c"
