"""Engine highlights turned into the shared ``<mark>`` fragments (``indexer.highlight``).

The engine is asked to wrap each match in two private-use characters instead of HTML
tags; here they become byte ranges, one per word (an engine may wrap a whole phrase in
one pair), and ``indexer.highlight.mark`` escapes the text and decides which matches
to keep, exactly as it does for the embedded store.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.analysis import without_gaps
from indexer.highlight import MatchPlan, mark

PRE = "\ue000"
POST = "\ue001"
SNIPPET_CHARS = 220
_WORD = re.compile(r"[^\W_]+")


def request(field: str = "text") -> dict[str, Any]:
    """The ``highlight`` section of a search: one fragment of about 220 characters."""
    return {
        "type": "unified",
        "pre_tags": [PRE],
        "post_tags": [POST],
        "encoder": "default",
        "fields": {
            field: {
                "fragment_size": SNIPPET_CHARS,
                "number_of_fragments": 1,
                "no_match_size": SNIPPET_CHARS,
            }
        },
    }


def split_tagged(tagged: str) -> tuple[str, list[tuple[int, int]]]:
    """``a \ue000b c\ue001`` → (``a b c``, byte ranges of ``b`` and ``c``)."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    offset = 0
    inside = False
    for piece in re.split(f"({PRE}|{POST})", tagged):
        if piece == PRE:
            inside = True
        elif piece == POST:
            inside = False
        elif piece:
            encoded = piece.encode("utf-8")
            if inside:
                for word in _WORD.finditer(piece):
                    start = offset + len(piece[: word.start()].encode("utf-8"))
                    ranges.append((start, start + len(word.group().encode("utf-8"))))
            plain.append(piece)
            offset += len(encoded)
    return "".join(plain), ranges


def to_marks(fragments: list[str], match_plan: MatchPlan) -> list[str]:
    """The engine's tagged fragments as escaped HTML with ``<mark>``s, shown as the
    document writes them (the indexed text's gaps go: ``analysis.with_gaps``)."""
    marked = []
    for tagged in fragments:
        fragment, ranges = split_tagged(tagged)
        if fragment.strip():
            marked.append(without_gaps(mark(fragment, ranges, match_plan)))
    return marked
