"""A document's text as paragraphs to read, with the words of the search that led here
marked the way the index matches them (same stems; a phrase only where it is whole)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from html import escape

from markupsafe import Markup

from indexer.analysis import stem_tokens
from indexer.highlight import MatchPlan, near_words, plan
from indexer.query import QuerySyntaxError, parse_query

_BLANK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.:;!?)]\s*$")
# around a passage the search's citation names (private-use characters no reader writes)
CITED_START = "\ue000"
CITED_END = "\ue001"
_NO_MARKERS = str.maketrans({CITED_START: "\ufffd", CITED_END: "\ufffd"})


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
            if (
                blocks
                and line.lstrip(CITED_START)[:1].islower()
                and not _SENTENCE_END.search(blocks[-1])
            ):
                blocks[-1] += " " + line
            else:
                blocks.append(line)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def marked(paragraph: str, wanted: MatchPlan | None, cites: bool = False) -> Markup:
    """The paragraph escaped, with the search's words and, when it ``cites``, the cited
    passages (between ``CITED_START`` and ``CITED_END``, see ``reading``) marked."""
    cited, paragraph = _cited_ranges(paragraph) if cites else ([], paragraph)
    if wanted is None and not cited:
        return Markup(escape(paragraph))
    ranges = _word_ranges(paragraph, wanted) if wanted is not None else []
    out: list[str] = []
    pos = 0
    for start, end in _merged(ranges + cited):
        out.append(escape(paragraph[pos:start]))
        out.append(f"<mark>{escape(paragraph[start:end])}</mark>")
        pos = end
    out.append(escape(paragraph[pos:]))
    return Markup("".join(out))


def _cited_ranges(paragraph: str) -> tuple[list[tuple[int, int]], str]:
    """The cited passages' ranges in the paragraph without its markers, and that text."""
    if CITED_START not in paragraph and CITED_END not in paragraph:
        return [], paragraph
    ranges: list[tuple[int, int]] = []
    clean: list[str] = []
    size = 0
    first_end, first_start = paragraph.find(CITED_END), paragraph.find(CITED_START)
    # a paragraph whose first marker ends a passage is the end of one begun before it
    inside = first_end != -1 and (first_start == -1 or first_end < first_start)
    start: int | None = 0 if inside else None
    for char in paragraph:
        if char == CITED_START:
            start = size
        elif char == CITED_END:
            if start is not None and size > start:
                ranges.append((start, size))
            start = None
        else:
            clean.append(char)
            size += 1
    if start is not None and size > start:
        ranges.append((start, size))  # it goes on in the next paragraph
    return ranges, "".join(clean)


def _word_ranges(paragraph: str, wanted: MatchPlan) -> list[tuple[int, int]]:
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
    ranges: list[tuple[int, int]] = []
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
        ranges.append((words[i].start(), words[j].end()))
        i = j + 1
    return ranges


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping ranges as one, in order (a cited passage holding a searched word)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def with_cited(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with each cited span between ``CITED_START`` and ``CITED_END``; any of
    those characters the text itself holds (a PDF's private-use glyph) becomes U+FFFD
    first, so offsets hold and no text can forge a mark."""
    text = text.translate(_NO_MARKERS)
    out: list[str] = []
    pos = 0
    for start, end in spans:
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        out += [text[pos:start], CITED_START, text[start:end], CITED_END]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def reading(
    text: str, q: str, limit: int, cited: Sequence[tuple[int, int]] = ()
) -> tuple[list[Markup], bool]:
    """The paragraphs up to about ``limit`` characters, and whether text was left out;
    the ``cited`` character ranges of ``text`` marked whole.

    Only the text's start is read (a page shows no more), and a first paragraph longer
    than ``limit`` is cut at a word: one 6 MB paragraph was drawn whole, a 12 MB page
    costing 3 s of CPU each time it was asked for."""
    wanted = match_plan(q) if q.strip() else None
    head = text[: 2 * limit]
    if cited:
        head = with_cited(head, cited)
    paragraphs = split_paragraphs(head)
    if len(head) < len(text) and len(paragraphs) > 1:
        paragraphs.pop()  # it may go on past the part read
    shown: list[Markup] = []
    used = 0
    for paragraph in paragraphs:
        if used + len(paragraph) > limit:
            if not shown:
                cut = paragraph[:limit].rsplit(" ", 1)[0]
                return [marked(cut, wanted, bool(cited)) + Markup(" …")], True
            return shown, True
        shown.append(marked(paragraph, wanted, bool(cited)))
        used += len(paragraph)
    return shown, len(head) < len(text)
