"""Where a document's text writes the citations a ``cita:`` search asked for, read from
the stored offsets (``citations.start_char``/``end_char``), so a page can mark the very
words that made the document match: ``cita:"CPEUM art. 14"`` lights "artículo 14
constitucional", which no word of the query spells."""

from __future__ import annotations

from sqlalchemy import select

from indexer.citations.resolve import _number_of
from indexer.db import Database
from indexer.db.citation_tables import CitationRow
from indexer.query import And, Field, Node, Or, QuerySyntaxError, parse_query
from indexer.query.values import keyword_key, keyword_value

_CITATIONS = CitationRow.__table__
# rows read at most for one page, in text order: one naming a law 50,000 times costs
# what a page shows
MAX_ROWS = 5000


def cited_keys(q: str) -> frozenset[str]:
    """The keys (as the index compares them) of the ``cita:`` values ``q`` asks for,
    outside any negation: a document shown for ``-cita:x`` does not cite x."""
    try:
        node = parse_query(q[:2000])
    except QuerySyntaxError:
        return frozenset()
    keys: set[str] = set()

    def walk(item: Node) -> None:
        match item:
            case Field("cita", value):
                keys.add(keyword_value("cita", value))
            case And(items) | Or(items):
                for child in items:
                    walk(child)

    walk(node)
    return frozenset(keys)


def cited_spans(
    db: Database, doc_id: str, keys: frozenset[str], before: int
) -> list[tuple[int, int]]:
    """The ``(start, end)`` character ranges of ``doc_id``'s citations of ``keys`` that
    start before ``before``, in text order."""
    if not keys:
        return []
    stmt = (
        select(_CITATIONS.c.start_char, _CITATIONS.c.end_char, _CITATIONS.c.key)
        .where(_CITATIONS.c.doc_seq == _number_of(doc_id), _CITATIONS.c.start_char < before)
        .order_by(_CITATIONS.c.start_char)
        .limit(MAX_ROWS)
    )
    with db.engine.connect() as connection:
        rows = connection.execute(stmt).all()
    return [(start, end) for start, end, key in rows if end > start and keyword_key(key) in keys]
