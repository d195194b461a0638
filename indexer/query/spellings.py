"""Words a sentence writes several ways, searched every way: ordinals («1o.», «primero»,
«décimo primer»; ``indexer.query.ordinals``), legal abbreviations («art.»,
«artículo»; «CPEUM»; ``indexer.query.abbreviations``) and numbers or joined words
(«0987/2020», «1,234», «socio-económico»; ``indexer.query.typed``). Each word or quoted phrase that
writes one becomes, in the tree, the OR of its spellings, so both stores answer alike
and the highlighter marks what matched. The index is untouched (no re-index).

Bounded: a word or phrase is expanded to at most ``MAX_SPELLINGS`` spellings (a proximity
phrase to ``MAX_NEAR_SPELLINGS``) and a query to at most ``MAX_QUERY_SPELLINGS`` in all;
past that the rest is searched as typed."""

from __future__ import annotations

import re
import unicodedata

from indexer.query import abbreviations, ordinals, typed
from indexer.query.abbreviations import abbreviations_in
from indexer.query.ast import And, Node, Not, Or, Phrase, Term
from indexer.query.ordinals import ordinals_in
from indexer.query.typed import typed_in
from indexer.query.written import Written

# two ordinals of seven forms each: «Primer Tribunal Colegiado del Primer Circuito»
MAX_SPELLINGS = 49
MAX_QUERY_SPELLINGS = 64
# a proximity phrase costs what its words' positions do, each spelling again: one
# ordinal (its 7 forms and the degree sign) or three abbreviations
MAX_NEAR_SPELLINGS = 8
# one look at the lowered text: most queries write neither, and keep their tree
_MAYBE = re.compile(f"{ordinals.MAYBE}|{abbreviations.MAYBE}|{typed.MAYBE}")


def may_have_spellings(text: str) -> bool:
    return _MAYBE.search(text.lower()) is not None


def spellings(text: str, budget: int = MAX_SPELLINGS, alone: bool = False) -> list[str]:
    """Every spelling of ``text`` with its ordinals and abbreviations written each way
    (``text`` first), or ``[text]`` when it has none or more than ``budget``. ``alone``:
    ``text`` is a word searched by itself (no degree-sign spelling, which would be a
    bare number)."""
    if not may_have_spellings(text):
        return [text]
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    found = _apart(ordinals_in(text, alone) + abbreviations_in(text) + typed_in(text))
    variants = [text]
    for written in reversed(found):
        if len(variants) * (1 + len(written.forms)) > budget:
            return [variants[0]]
        start, end = written.start, written.end
        forms = (text[start:end], *written.forms)
        variants = [v[:start] + form + v[end:] for v in variants for form in forms]
    return variants


def _apart(found: list[Written]) -> list[Written]:
    """In text order, none overlapping another (the first one written wins)."""
    kept: list[Written] = []
    for written in sorted(found, key=lambda w: w.start):
        if not kept or written.start >= kept[-1].end:
            kept.append(written)
    return kept


def with_spellings(node: Node) -> Node:
    """``node`` with each word or phrase that writes an ordinal or an abbreviation as the
    OR of its spellings."""
    budget = [MAX_QUERY_SPELLINGS]

    def walk(item: Node) -> Node:
        match item:
            case Term(text) | Phrase(text):
                near = isinstance(item, Phrase) and item.slop
                most = MAX_NEAR_SPELLINGS if near else MAX_SPELLINGS
                alone = isinstance(item, Term) or " " not in text.strip()
                found = spellings(text, min(most, budget[0]), alone=alone)
                if len(found) == 1:
                    return item
                budget[0] -= len(found)
                if isinstance(item, Phrase):
                    return Or(tuple(Phrase(v, item.slop) for v in found))
                return Or(tuple(Phrase(v) if " " in v else Term(v) for v in found))
            case And(items):
                return And(tuple(walk(child) for child in items))
            case Or(items):
                return Or(tuple(walk(child) for child in items))
            case Not(inner):
                return Not(walk(inner))
        return item

    return walk(node)
