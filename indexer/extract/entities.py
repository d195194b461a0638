"""HTML markup made safe to parse for its text: a DOCTYPE's internal subset dropped, and
each entity reference a browser cannot name dropped (HTML5's decoded)."""

from __future__ import annotations

import re
from html.entities import html5, name2codepoint

# ``<!DOCTYPE html [ <!ENTITY x "…"> ]>``: libxml2's HTML parser, as a browser, ends the
# DOCTYPE at its first ">", so the rest of the subset («"> ]>») became page text. Its
# name and identifiers are short and hold no "<" (bounded: a scan per "<!DOCTYPE" of a
# page of them would otherwise run to the end each time)
_DOCTYPE_OPEN = re.compile(r"<!DOCTYPE\b([^\[<>]{0,500})\[", re.IGNORECASE)
# inside a subset: its end, a quoted string or a comment (which may hold "]>"), or a
# quote or comment left open (then the subset ends at the first "]>")
_IN_SUBSET = re.compile(r"""\]\s*>|"[^"]*"|'[^']*'|<!--.*?-->|["']|<!--""", re.DOTALL)
# a named reference not HTML 4's (all libxml2 versions decode those; older ones no more): an
# HTML5 name is made the numeric references of its characters, any other (declared in a
# subset, or in none) dropped, its expansion being no text of the page
_ODD_REFERENCE = re.compile(
    "&(?!(?:" + "|".join(sorted(name2codepoint, key=len, reverse=True)) + ");)"
    r"([A-Za-z][A-Za-z0-9]*);"
)
_HTML5_ONLY = {
    name[:-1]: "".join(f"&#{ord(char)};" for char in value)
    for name, value in html5.items()
    if name.endswith(";") and name[:-1] not in name2codepoint
}


def _subset_end(markup: str, start: int) -> int | None:
    """Where the subset opened at ``start`` ends (after its "]>"): past the quotes and
    comments it holds, or, one of them left open, at the first "]>"; None if none."""
    position = start
    while found := _IN_SUBSET.search(markup, position):
        token = found[0]
        if token[0] == "]":
            return found.end()
        if token in ('"', "'", "<!--"):
            break
        position = found.end()
    end = markup.find("]>", start)
    return None if end < 0 else end + 2


def drop_subsets(markup: str) -> str:
    """``markup`` with each DOCTYPE's internal subset dropped (the DOCTYPE kept), in one
    pass: a subset with no "]>" after it is left, and what follows it with it."""
    out: list[str] = []
    position = 0
    while opened := _DOCTYPE_OPEN.search(markup, position):
        end = _subset_end(markup, opened.end())
        if end is None:
            break
        out += [markup[position : opened.start()], f"<!DOCTYPE{opened[1]}>"]
        position = end
    if not out:
        return markup
    out.append(markup[position:])
    return "".join(out)


def _numeric(reference: re.Match[str]) -> str:
    return _HTML5_ONLY.get(reference[1], "")


def plain_references(markup: str) -> str:
    """``markup`` without internal subsets, its named references HTML's or none."""
    return _ODD_REFERENCE.sub(_numeric, drop_subsets(markup))
