"""Highlighted fragments that show what matched, the same way for every store.

Engines highlight every occurrence of every query term; for a phrase that lights up each
``de`` and ``la`` in the fragment. Here a match is kept where its word is searched on its
own, or where it is part of an occurrence of a whole phrase of the query; adjacent kept
matches become one ``<mark>``. Everything else is escaped. A prefix (``constitu*``) is no
term a store's highlighter knows, so its words are found here, in the fragment itself;
the words of a proximity phrase (``"a b"~5``) need not be adjacent, so each is marked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from indexer.analysis import fold_tokens, stem_tokens
from indexer.query import And, Field, Node, Not, Or, Phrase, Prefix, Term

_WORD = re.compile(r"\w")
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class MatchPlan:
    """Which stems may be marked on their own, and the phrases (as stem sequences)."""

    standalone: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    prefixes: tuple[str, ...] = ()


def plan(node: Node) -> MatchPlan:
    standalone: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []

    def walk(item: Node) -> None:
        match item:
            case Phrase(text, slop) | Field(_, text, _, slop) if slop:
                standalone.update(stem_tokens(text))
            case Term(text) | Phrase(text) | Field(_, text):
                tokens = stem_tokens(text)
                if len(tokens) == 1:
                    standalone.update(tokens)
                elif tokens:
                    phrases.append(tuple(tokens))
            case Prefix(text):
                folded = fold_tokens(text)
                if folded:
                    prefixes.append(folded[-1])
            case And(items) | Or(items):
                for child in items:
                    walk(child)
            case Not():
                return

    walk(node)
    return MatchPlan(frozenset(standalone), tuple(phrases), tuple(prefixes))


def prefix_ranges(fragment: str, match_plan: MatchPlan) -> list[tuple[int, int]]:
    """Byte ranges of the words of ``fragment`` that begin with a prefix of the query."""
    if not match_plan.prefixes:
        return []
    ranges = []
    for word in _WORDS.finditer(fragment):
        folded = fold_tokens(word.group())
        if folded and folded[0].startswith(match_plan.prefixes):
            start = len(fragment[: word.start()].encode("utf-8"))
            ranges.append((start, start + len(word.group().encode("utf-8"))))
    return ranges


def prefix_window(text: str, match_plan: MatchPlan, chars: int) -> str:
    """About ``chars`` characters of ``text`` around its first word matching a prefix."""
    for word in _WORDS.finditer(text):
        folded = fold_tokens(word.group())
        if folded and folded[0].startswith(match_plan.prefixes):
            start = max(0, word.start() - chars // 3)
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = min(len(text), start + chars)
            while end < len(text) and not text[end].isspace():
                end += 1
            return " ".join(text[start:end].split())
    return ""


def _runs(raw: bytes, ranges: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = []
    for start, end in sorted(ranges):
        if runs and start >= runs[-1][-1][1] and _adjacent(raw, runs[-1][-1][1], start):
            runs[-1].append((start, end))
        elif not runs or start >= runs[-1][-1][1]:
            runs.append([(start, end)])
    return runs


def _kept(stems: list[str], folded: list[str], match_plan: MatchPlan) -> list[bool]:
    keep = [
        stem in match_plan.standalone or (bool(word) and word.startswith(match_plan.prefixes))
        for stem, word in zip(stems, folded, strict=True)
    ]
    for phrase in match_plan.phrases:
        size = len(phrase)
        for i in range(len(stems) - size + 1):
            if tuple(stems[i : i + size]) == phrase:
                keep[i : i + size] = [True] * size
    return keep


def mark(fragment: str, byte_ranges: list[tuple[int, int]], match_plan: MatchPlan | None) -> str:
    """Escape ``fragment`` and wrap each kept run of matches in one ``<mark>``."""
    raw = fragment.encode("utf-8")
    kept: list[tuple[int, int]] = []
    if match_plan is not None:
        byte_ranges = sorted(set(byte_ranges) | set(prefix_ranges(fragment, match_plan)))
    for run in _runs(raw, byte_ranges):
        if match_plan is None:
            flags = [True] * len(run)
        else:
            words = [raw[s:e].decode("utf-8", "replace") for s, e in run]
            stems = [" ".join(stem_tokens(word)) for word in words]
            folded = [" ".join(fold_tokens(word)) for word in words]
            flags = _kept(stems, folded, match_plan)
        for (start, end), keep in zip(run, flags, strict=True):
            if not keep:
                continue
            if kept and kept[-1][1] <= start and _adjacent(raw, kept[-1][1], start):
                kept[-1] = (kept[-1][0], end)
            else:
                kept.append((start, end))
    parts: list[str] = []
    cursor = 0
    for start, end in kept:
        parts.append(html.escape(raw[cursor:start].decode("utf-8", "replace")))
        parts.append("<mark>" + html.escape(raw[start:end].decode("utf-8", "replace")) + "</mark>")
        cursor = end
    parts.append(html.escape(raw[cursor:].decode("utf-8", "replace")))
    return " ".join("".join(parts).split())


def _adjacent(raw: bytes, end: int, start: int) -> bool:
    return not _WORD.search(raw[end:start].decode("utf-8", "replace"))
