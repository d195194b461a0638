"""Operators of other search languages glued to a word: a clear error, not an empty answer.

``amparo~2`` (Lucene's fuzzy search), ``amparo^3`` (a weight) and ``amp?ro``/``am*ro``
(wildcards inside a word) were read as text: the analyzer made each a phrase of its
pieces ("amparo" right before "2", "amp" right before "ro"), which almost no document
holds, so a person who wrote them in good faith got nothing and no reason. Here they are
refused with what to write instead, as a ``~`` after a phrase that is no whole number is.
A ``?`` or ``*`` only counts between letters of a word made of letters (``¿amparo?``,
``http://x.mx/a?b=1`` and ``constitu*`` stay what they were), or before one (``*paro``:
no search of the words ending so). A proximity apart from a phrase (``amparo ~5``,
``(amparo)~2``, ``amparo*~2``) searched its number as a word every hit had to hold.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# after a letter, or after a prefix's ``*`` (``amparo*~2``: read as text it searched
# "amparo" right before "2")
_FUZZY_OR_WEIGHT = re.compile(r"(?:(?<=[^\W\d_])|(?<=\*))([~^])\d+(?:[.,]\d+)?")
# a proximity standing apart, or after a parenthesis: ``amparo ~5``, ``(amparo)~2``
# searched the number («5», «2») as a word that every hit had to hold
_LONE_PROXIMITY = re.compile(r"~\d")
# a wildcard before a word (``*paro``, ``?amparo``): no search of the words ending so;
# read as text the mark was dropped and the word searched alone
_LEADING_WILDCARD = re.compile(r"[?*]+(?=[^\W\d_])")
_LETTERS_AND_WILDCARDS = re.compile(r"[^\W\d_]+(?:[?*]+[^\W\d_]+)+\**")
_INNER_WILDCARD = re.compile(r"(?<=[^\W\d_])[?*]+(?=[^\W\d_])")


class Foreign(NamedTuple):
    message: str
    offset: int  # in the word
    mensaje: str


def foreign_operator(word: str) -> Foreign | None:
    """What is wrong when ``word`` (as typed) carries a fuzzy ``~N``, a weight ``^N`` or
    a wildcard inside it; None when it carries none."""
    shown = word[:60]
    if _LONE_PROXIMITY.match(word):
        return Foreign(
            f"{shown}: a proximity (~N) goes right after a phrase in quotes, with no space: "
            '"a b"~5',
            0,
            f"«{shown}»: la proximidad (~N) va justo después de una frase entre comillas, "
            'sin espacio: "a b"~5',
        )
    leading = _LEADING_WILDCARD.match(word)
    if leading is not None:
        bare = word[leading.end() :]
        return Foreign(
            f"{shown}: * and ? before a word are no wildcards (there is no search of the "
            f"words that end so); write the word alone ({bare}) or * at its end, after 2 "
            f"letters at least ({bare}*)",
            0,
            f"«{shown}»: * y ? antes de una palabra no son comodines (no se buscan las "
            f"palabras que terminan así); escriba la palabra sola ({bare}) o * al final, "
            f"después de 2 letras al menos ({bare}*)",
        )
    found = _FUZZY_OR_WEIGHT.search(word)
    if found and found.group(1) == "~":
        return Foreign(
            f"{shown}: there is no fuzzy search of a word (~N); accents, case and word "
            'endings never matter already; ~N goes right after a phrase: "a b"~5',
            found.start(),
            f"«{shown}»: no hay búsqueda aproximada de una palabra (~N); los acentos, las "
            "mayúsculas y las terminaciones ya no importan; ~N va justo después de una "
            'frase entre comillas: "a b"~5',
        )
    if found:
        bare = word[: found.start()]
        return Foreign(
            f"{shown}: words take no weight (^N); write the word alone: {bare}",
            found.start(),
            f"«{shown}»: las palabras no llevan peso (^N); escriba la palabra sola: {bare}",
        )
    if _LETTERS_AND_WILDCARDS.fullmatch(word):
        inner = _INNER_WILDCARD.search(word)
        if inner is None:
            return None
        stem = word[: inner.start()]
        return Foreign(
            f"{shown}: ? and * inside a word are no wildcards; * goes at the end of a "
            f"word, after 2 letters at least: {stem}*",
            inner.start(),
            f"«{shown}»: ? y * dentro de una palabra no son comodines; * va al final de "
            f"una palabra, después de 2 letras al menos: {stem}*",
        )
    return None
