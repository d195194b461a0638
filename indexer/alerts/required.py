"""The words an alert cannot match without: a cheap first sieve before its search runs.

A search whose words are all required (a word, a phrase, words joined by AND) can only
find a document holding every one of them, as the index analyses words (stemmed, like
the full-text fields). Alerts with such words skip a batch that lacks any of them; the
others (OR, prefixes, fields, filters only) always run. The sieve only ever skips
searches that could not match: the search itself decides.
"""

from __future__ import annotations

from indexer.analysis import compatible_text, stem_tokens, visible_text
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.query import And, Node, Phrase, Term
from indexer.stores.documents import metadata_text

AnyDocument = Sentencia | Sesion | Legislativo


def required_stems(node: Node) -> frozenset[str] | None:
    """Stems every match must hold, or None when the search has no such words."""
    match node:
        case Term(text) | Phrase(text):
            stems = frozenset(stem_tokens(text))
            return stems or None
        case And(items):
            found = [required_stems(item) for item in items if isinstance(item, Term | Phrase)]
            union = frozenset().union(*(stems for stems in found if stems))
            return union or None
    return None


def batch_stems(docs: list[AnyDocument]) -> set[str]:
    """Every stem of the batch's searchable words (title, descriptive fields, text), read
    as the index reads them (``analysis.indexed_text``): from the raw text, «𝐚𝐦𝐩𝐚𝐫𝐨» or
    «am\u00adparo» lacked the stem of «amparo» and the alert «amparo» skipped the batch."""
    stems: set[str] = set()
    for doc in docs:
        for text in (doc.title, metadata_text(doc), doc.text):
            stems.update(stem_tokens(compatible_text(visible_text(text))))
    return stems
