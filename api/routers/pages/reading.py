"""A document's text as paragraphs to read, with the words of the search that led here
marked the way the index matches them (same stems; a phrase only where it is whole)."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from markupsafe import Markup

from indexer.analysis import stem_tokens
from indexer.highlight import MatchPlan, near_words, plan
from indexer.query import QuerySyntaxError, parse_query

_BLANK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.:;!?)]\s*$")


def match_plan(q: str) -> MatchPlan | None:
    try:
        node = parse_query(q[:2000])
    except QuerySyntaxError:
        return None
    found = plan(node)
    return found if found.standalone or found.phrases or found.near else None


@lru_cache(maxsize=20000)
def _stem(word: str) -> str | None:
    tokens = stem_tokens(word)
    return tokens[0] if len(tokens) == 1 else None


def split_paragraphs(text: str) -> list[str]:
    """Blocks between blank lines; without any, lines, joining a line to the one before
    when that one did not end a sentence (lines broken by a PDF's width)."""
    if _BLANK.search(text):
        blocks = _BLANK.split(text)
    else:
        blocks = []
        for line in text.splitlines():
            if blocks and line[:1].islower() and not _SENTENCE_END.search(blocks[-1]):
                blocks[-1] += " " + line
            else:
                blocks.append(line)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def marked(paragraph: str, wanted: MatchPlan | None) -> Markup:
    if wanted is None:
        return Markup(escape(paragraph))
    words = list(_WORD.finditer(paragraph))
    stems = [_stem(w.group()) for w in words]
    hit = [stem is not None and stem in wanted.standalone for stem in stems]
    for i in near_words(stems, range(len(stems)), wanted):
        hit[i] = True
    for phrase in wanted.phrases:
        size = len(phrase)
        for i in range(len(stems) - size + 1):
            if tuple(stems[i : i + size]) == phrase:
                hit[i : i + size] = [True] * size
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(words):
        if not hit[i]:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(words)
            and hit[j + 1]
            and not paragraph[words[j].end() : words[j + 1].start()].strip(" ,")
        ):
            j += 1
        start, end = words[i].start(), words[j].end()
        out.append(escape(paragraph[pos:start]))
        out.append(f"<mark>{escape(paragraph[start:end])}</mark>")
        pos = end
        i = j + 1
    out.append(escape(paragraph[pos:]))
    return Markup("".join(out))


def reading(text: str, q: str, limit: int) -> tuple[list[Markup], bool]:
    """The paragraphs up to about ``limit`` characters, and whether text was left out.

    Only the text's start is read (a page shows no more), and a first paragraph longer
    than ``limit`` is cut at a word: one 6 MB paragraph was drawn whole, a 12 MB page
    costing 3 s of CPU each time it was asked for."""
    wanted = match_plan(q) if q.strip() else None
    head = text[: 2 * limit]
    paragraphs = split_paragraphs(head)
    if len(head) < len(text) and len(paragraphs) > 1:
        paragraphs.pop()  # it may go on past the part read
    shown: list[Markup] = []
    used = 0
    for paragraph in paragraphs:
        if used + len(paragraph) > limit:
            if not shown:
                cut = paragraph[:limit].rsplit(" ", 1)[0]
                return [marked(cut, wanted) + Markup(" …")], True
            return shown, True
        shown.append(marked(paragraph, wanted))
        used += len(paragraph)
    return shown, len(head) < len(text)
