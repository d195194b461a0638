"""The passage of a matched document that shows why it matched, as plain text."""

from __future__ import annotations

from indexer.highlight import passage_finder, plan
from indexer.query import QuerySyntaxError, parse_query

SNIPPET_CHARS = 240


def plain_snippet(text: str, q: str, chars: int = SNIPPET_CHARS) -> str:
    """Where the query's words are densest (the start of the text when it has none),
    whitespace folded, cut at a word, with "…" where text was left out."""
    try:
        window = passage_finder(plan(parse_query(q))).window(text) if q.strip() else None
    except QuerySyntaxError:
        window = None
    start, end = window if window is not None else (0, chars * 2)
    words = " ".join(text[start:end].split())
    cut = len(words) > chars or end < len(text)
    if len(words) > chars:
        words = words[:chars].rsplit(" ", 1)[0]
    return ("…" if start > 0 else "") + words + ("…" if cut and words else "")
