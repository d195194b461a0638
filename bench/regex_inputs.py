"""Adversarial texts for regular expressions: runs, repeated fragments, and prefixes of
what each compiled pattern itself matches.

A backtracking pattern goes super-linear where one stretch of text can be split many
ways between its quantifiers (``\\s*,?\\s+`` over a run of spaces) or where a prefix it
accepts repeats without the rest ever coming. Both shapes are built here by size so a
sweep (``bench/regex_growth.py``) can time them at n, 2n, 4n, 8n.
"""

from __future__ import annotations

import random
import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable
from typing import Any

Maker = Callable[[int], str]

# each run is the whole text at ``size`` characters; a word before it gives the
# patterns that need a letter first something to start from
_RUNS = {
    "spaces": " ",
    "newlines": "\n",
    "space-newline": " \n",
    "blank-lines": "\n \n",
    "dots": ".",
    "dashes": "-",
    "digits": "7",
    "capitals": "A",
    "capital-words": "AB ",
    "accented": "á",
    "accented-capitals": "Ñ",
    "letters": "a",
    "words": "ab ",
    "commas": ", ",
    "slashes": "1/",
    "open-parens": "(",
    "quotes": '"',
    "guillemets": "«",
    "tabs": "\t",
    "space-tab": " \t",  # what survives extraction's collapsing of spaces
}
# fragments of the readers' own phrases, repeated with nothing closing them
_FRAGMENTS = {
    "PRIMERO. ": "PRIMERO. ",
    "Ministro ": "Ministro ",
    "expediente 1/": "expediente 1/",
    "(11:51 horas)": "(11:51 horas)\n",
    "para resolver": "para resolver ",
    "el C. ": "el C. ",
    "Magistrado ": "Magistrado ",
    "Secretario ": "Secretario ",
    "de fecha ": "de fecha ",
    "artículo 1, ": "artículo 1, ",
    "artículo 14 ": "artículo 14 ",
    "amparo directo ": "amparo directo ",
    "Tesis: ": "Tesis: ",
    "La C. Presidenta ": "La C. Presidenta ",
    "—El diputado ": "—El diputado ",
    "A FAVOR ": "A FAVOR\n",
    "VOTACIÓN ": "VOTACIÓN ",
    "nested parens": "(",
    "nested quotes": "«“",
    "SE RESUELVE ": "SE RESUELVE ",
    "Juzgado Primero de ": "Juzgado Primero de ",
    "Sala ": "Sala ",
    "a b c": "Ana Ruiz, ",
    "AND (": "a AND (",
    'field:"': 'titulo:"a ',
    "query OR": "a OR ",
}


def repeated(unit: str) -> Maker:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def after(head: str, unit: str) -> Maker:
    return lambda size: head + repeated(unit)(max(0, size - len(head)))


def before(unit: str, tail: str) -> Maker:
    return lambda size: repeated(unit)(max(0, size - len(tail))) + tail


def hand_made() -> dict[str, Maker]:
    """Runs, runs after a word, repeated reader fragments, fragments then a run."""
    makers: dict[str, Maker] = {}
    for name, unit in _RUNS.items():
        makers[f"run {name}"] = repeated(unit)
        makers[f"Word + {name}"] = after("Palabra", unit)
        # a line edge at the end wakes what only runs where one is ("x \n", "x\t\n")
        makers[f"{name} + edge"] = before(unit, "x \n\tx\n")
    for name, unit in _FRAGMENTS.items():
        makers[f"×N {name}"] = repeated(unit)
        makers[f"{name} + spaces"] = after(unit, " ")
        makers[f"{name} + capitals"] = after(unit, "A ")
    return makers


# --- inputs from a compiled pattern's own parse tree -------------------------------------

_CATEGORY_CHAR = {
    sre.CATEGORY_DIGIT: "7",
    sre.CATEGORY_NOT_DIGIT: "a",
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "a",
    sre.CATEGORY_WORD: "a",
    sre.CATEGORY_NOT_WORD: " ",
    sre.CATEGORY_LINEBREAK: "\n",
    sre.CATEGORY_NOT_LINEBREAK: "a",
    sre.CATEGORY_UNI_DIGIT: "7",
    sre.CATEGORY_UNI_NOT_DIGIT: "a",
    sre.CATEGORY_UNI_SPACE: " ",
    sre.CATEGORY_UNI_NOT_SPACE: "a",
    sre.CATEGORY_UNI_WORD: "a",
    sre.CATEGORY_UNI_NOT_WORD: " ",
}


def _in_char(items: list[Any], rng: random.Random) -> str:
    if items and items[0][0] is sre.NEGATE:
        banned = {chr(v) for op, v in items[1:] if op is sre.LITERAL}
        return next(c for c in " a.A7\n-" if c not in banned)
    op, value = rng.choice(items)
    if op is sre.LITERAL:
        return chr(value)
    if op is sre.RANGE:
        return chr(rng.randint(value[0], value[1]))
    if op is sre.CATEGORY:
        return _CATEGORY_CHAR.get(value, "a")
    return "a"


def _sample(items: Any, rng: random.Random) -> str:
    """A string the (sub)pattern may match, choosing alternatives and counts at random."""
    out = []
    for op, value in items:
        if op is sre.LITERAL:
            out.append(chr(value))
        elif op is sre.NOT_LITERAL:
            out.append("a" if chr(value) != "a" else "b")
        elif op is sre.IN:
            out.append(_in_char(value, rng))
        elif op is sre.ANY:
            out.append("a")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = value
            top = min(high, low + 3) if high is not sre.MAXREPEAT else low + 3
            out.extend(_sample(sub, rng) for _ in range(rng.randint(low, max(low, top))))
        elif op is sre.SUBPATTERN:
            out.append(_sample(value[-1], rng))
        elif op is sre.ATOMIC_GROUP:
            out.append(_sample(value, rng))
        elif op is sre.BRANCH:
            out.append(_sample(rng.choice(value[1]), rng))
        elif op is sre.GROUPREF_EXISTS:
            out.append(_sample(value[1], rng))
        # anchors, lookarounds and back references add no text
    return "".join(out)


def pattern_prefixes(pattern: re.Pattern[str], samples: int = 4, seed: int = 7) -> set[str]:
    """Strings matching the first k top-level parts of ``pattern`` (every k), a few
    random choices each: what the pattern accepts before it can fail."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern this version cannot parse again: nothing to build
        return set()
    items = list(parsed)
    # a pattern that is one group or one alternation is opened so its parts show
    while len(items) == 1 and items[0][0] in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        items = list(items[0][1][-1] if items[0][0] is sre.SUBPATTERN else items[0][1])
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        parts = [list(alt) for alt in items[0][1][1]]
    else:
        parts = [items]
    rng = random.Random(seed)
    found: set[str] = set()
    for part in parts:
        for _ in range(samples):
            whole = ""
            for k in range(len(part)):
                whole += _sample([part[k]], rng)
                if whole.strip():
                    found.add(whole)
    return {prefix for prefix in found if len(prefix) <= 200}


def from_pattern(pattern: re.Pattern[str]) -> dict[str, Maker]:
    """Each prefix repeated, and each prefix followed by runs of the usual suspects."""
    makers: dict[str, Maker] = {}
    for prefix in sorted(pattern_prefixes(pattern)):
        makers[f"×N {prefix!r}"] = repeated(prefix)
        makers[f"×N {prefix!r}+sp"] = repeated(prefix + " ")
        for name in ("spaces", "newlines", "capital-words", "words", "digits", "dots"):
            makers[f"{prefix!r} + {name}"] = after(prefix, _RUNS[name])
    return makers
