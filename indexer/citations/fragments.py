"""A hit's fragment for a ``cita:`` search that lit nothing: the passage where the
document writes the citation, marked from the stored offsets. ``cita:"CPEUM art. 14"``
matches a text saying "artículo 14 constitucional", a phrase no word of the query spells,
so the store's highlighter showed the text's start with nothing marked; a reader wants
to see where (and how) the sentence cites it. Hits whose fragments mark something already
(a case number's digits, another word of the query) are left as the store gave them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from sqlalchemy import func, select

from indexer.citations.spans import cited_keys
from indexer.db import Database
from indexer.db.citation_tables import CitationRow
from indexer.db.tables import DocumentRow
from indexer.query.values import keyword_key

_CITATIONS = CitationRow.__table__
_DOCS = DocumentRow.__table__
AROUND_CHARS = 120  # text shown on each side of the citation
CITED_CHARS = 400  # a longer citation is shown cut
ROWS_PER_PAGE = 20000  # citation rows read at most for one page of hits
# the word the window's edge may have cut
_FIRST_WORD = re.compile(r"^\S*\s")
_LAST_WORD = re.compile(r"\s\S*$")


def cited_fragments(db: Database, q: str | None, ids: Sequence[str]) -> dict[str, str]:
    """For each of ``ids`` citing what ``q``'s ``cita:`` asks, a fragment with its first
    such citation marked (HTML-escaped, as the stores' fragments)."""
    keys = cited_keys(q or "")
    if not keys or not ids:
        return {}
    stmt = (
        select(_DOCS.c.id, _CITATIONS.c.start_char, _CITATIONS.c.end_char, _CITATIONS.c.key)
        .join(_DOCS, _DOCS.c.seq == _CITATIONS.c.doc_seq)
        .where(_DOCS.c.id.in_(list(ids)))
        .order_by(_DOCS.c.id, _CITATIONS.c.start_char)
        .limit(ROWS_PER_PAGE)
    )
    first: dict[str, tuple[int, int]] = {}
    with db.engine.connect() as connection:
        for doc_id, start, end, key in connection.execute(stmt):
            if doc_id not in first and end > start and keyword_key(key) in keys:
                first[doc_id] = (start, min(end, start + CITED_CHARS))
        found: dict[str, str] = {}
        for doc_id, (start, end) in first.items():
            begin = max(0, start - AROUND_CHARS)
            window = connection.scalar(
                select(func.substr(_DOCS.c.text, begin + 1, end + AROUND_CHARS - begin)).where(
                    _DOCS.c.id == doc_id
                )
            )
            if window:
                found[doc_id] = fragment(window, start - begin, end - begin, begin > 0)
    return found


def fragment(window: str, start: int, end: int, cut_before: bool) -> str:
    """``window`` with ``[start:end]`` marked, cut at words on both sides and its
    whitespace as one space."""
    before, cited, after = window[:start], window[start:end], window[end:]
    if cut_before:
        before = _FIRST_WORD.sub("", before, count=1)
    if len(after) >= AROUND_CHARS:
        after = _LAST_WORD.sub("", after, count=1)
    parts = (" ".join(before.split()), " ".join(cited.split()), " ".join(after.split()))
    lead = escape(parts[0]) + (" " if before[-1:].isspace() else "") if parts[0] else ""
    tail = (" " if after[:1].isspace() else "") + escape(parts[2]) if parts[2] else ""
    return f"{lead}<mark>{escape(parts[1])}</mark>{tail}"
