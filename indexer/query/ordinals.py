"""Ordinal numbers written any of the ways Mexican rulings write them: «Juzgado 1o. de
Distrito», «Juzgado 1º de Distrito», «Juzgado Primero de Distrito», «1er. Tribunal»,
«Primer Circuito», «2a. Sala», «Segunda Sala». A search that names one finds the others:
each word or phrase holding an ordinal becomes the OR of its spellings, in the tree, so
both stores answer alike and the highlighter marks what matched. The index is untouched
(no re-index): the spellings are few, and only the searches that write an ordinal change.

Bounded: a word or phrase is expanded to at most ``MAX_SPELLINGS`` spellings (a proximity
phrase to ``MAX_NEAR_SPELLINGS``) and a query to at most ``MAX_QUERY_SPELLINGS`` in all;
past that the rest is searched as typed."""

from __future__ import annotations

import re

from indexer.query.ast import And, Node, Not, Or, Phrase, Term

MAX_SPELLINGS = 36
MAX_QUERY_SPELLINGS = 64
# a proximity phrase costs what its words' positions do, each spelling again: one ordinal
MAX_NEAR_SPELLINGS = 6

# 1..10: masculine and feminine words, the masculine's shortened form before a noun
_WORDS = {
    1: ("primero", "primera", "primer"),
    2: ("segundo", "segunda", None),
    3: ("tercero", "tercera", "tercer"),
    4: ("cuarto", "cuarta", None),
    5: ("quinto", "quinta", None),
    6: ("sexto", "sexta", None),
    7: ("séptimo", "séptima", None),
    8: ("octavo", "octava", None),
    9: ("noveno", "novena", None),
    10: ("décimo", "décima", None),
}
# the letters written after the digits: 1ro., 2do., 3ro., 4to., 7mo., 8vo., 9no., 10mo.
_ENDINGS = {1: "r", 2: "d", 3: "r", 4: "t", 5: "t", 6: "t", 7: "m", 8: "v", 9: "n", 10: "m"}
_FOLD = str.maketrans("áéíóú", "aeiou")
_NUMERIC = re.compile(r"(?i)(10|[1-9])(o|º|a|ª|er|ro|ra|do|da|to|ta|mo|ma|vo|va|no|na)")
_WORD = re.compile(r"[^\W_]+")
# a text that may hold an ordinal: most words of most queries are looked at no further
# (searched in the lowered text: a pattern without IGNORECASE runs four times faster)
_MAYBE = re.compile(
    "\\d|prim|segund|tercer|cuart|quint|sext|s[eé]\u0301?ptim|octav|noven|d[eé]\u0301?cim"
)


def may_name_ordinal(text: str) -> bool:
    """Whether a query's text may hold an ordinal: most do not, and keep their tree."""
    return _MAYBE.search(text.lower()) is not None


def _spellings_of(number: int, feminine: bool) -> list[str]:
    masculine, female, short = _WORDS[number]
    ending = _ENDINGS[number]
    if feminine:
        return [female, f"{number}a", f"{number}ª", f"{number}{ending}a"]
    found = [masculine, f"{number}o", f"{number}º", f"{number}{ending}o"]
    if short:
        found += [short, f"{number}er"]
    return found


# each ordinal word, folded, to its number and gender: one lookup a word of every query
_WORD_ORDINALS = {
    word.translate(_FOLD): (number, word == female)
    for number, (masculine, female, short) in _WORDS.items()
    for word in (masculine, female, short)
    if word
}


def _read(word: str) -> tuple[int, bool] | None:
    """The number and gender of an ordinal word, or None."""
    if word[0].isdigit():
        numeric = _NUMERIC.fullmatch(word)
        if numeric is None:
            return None
        suffix = numeric.group(2).lower()
        return int(numeric.group(1)), suffix.endswith(("a", "ª"))
    return _WORD_ORDINALS.get(word.lower().translate(_FOLD))


def spellings(text: str, budget: int = MAX_SPELLINGS) -> list[str]:
    """Every spelling of ``text`` with its ordinals written each way (``text`` first),
    or ``[text]`` when it has none or too many."""
    variants = [text]
    if not may_name_ordinal(text):
        return variants
    for match in reversed(list(_WORD.finditer(text))):
        read = _read(match.group())
        if read is None:
            continue
        forms = _spellings_of(*read)
        if len(variants) * len(forms) > budget:
            return [text]
        start, end = match.span()
        written = match.group()
        variants = [
            v[:start] + form + v[end:]
            for v in variants
            for form in [written] + [f for f in forms if f.lower() != written.lower()]
        ]
    return variants


def with_ordinals(node: Node) -> Node:
    """``node`` with each word or phrase naming an ordinal as the OR of its spellings."""
    budget = [MAX_QUERY_SPELLINGS]

    def walk(item: Node) -> Node:
        match item:
            case Term(text) | Phrase(text):
                most = (
                    MAX_NEAR_SPELLINGS if isinstance(item, Phrase) and item.slop else MAX_SPELLINGS
                )
                found = spellings(text, min(most, budget[0]))
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
