"""HTML markup made safe to parse for its text: a DOCTYPE's internal subset dropped, and
each named reference read as a browser reads it: HTML5's decoded, one it cannot name
(``&foo;``, declared in a subset or in none) shown as written, never expanded."""

from __future__ import annotations

import html
import re
from html.entities import name2codepoint

# ``<!DOCTYPE html [ <!ENTITY x "…"> ]>``: libxml2's HTML parser, as a browser, ends the
# DOCTYPE at its first ">", so the rest of the subset («"> ]>») became page text. Its
# name and identifiers are short and hold no "<" (bounded: a scan per "<!DOCTYPE" of a
# page of them would otherwise run to the end each time)
_DOCTYPE_OPEN = re.compile(r"<!DOCTYPE\b([^\[<>]{0,500})\[", re.IGNORECASE)
# inside a subset: its end, a quoted string or a comment (which may hold "]>"), or a
# quote or comment left open (then the subset ends at the first "]>")
_IN_SUBSET = re.compile(r"""\]\s*>|"[^"]*"|'[^']*'|<!--.*?-->|["']|<!--""", re.DOTALL)
# a named reference not HTML 4's (all libxml2 versions decode those; older ones no more):
# made the text a browser shows for it, escaped: an HTML5 name decoded, an HTML5 name
# with more letters after it decoded as its prefix («&notit;» is «¬it;»), any other
# (declared in a subset, or in none) left as written: libxml2 dropped it, and a page that
# says «&foo;» showed nothing where a reader sees «&foo;»
_ODD_REFERENCE = re.compile(
    "&(?!(?:" + "|".join(sorted(name2codepoint, key=len, reverse=True)) + ");)"
    r"([A-Za-z][A-Za-z0-9]*);"
)


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


def _as_shown(reference: re.Match[str]) -> str:
    return html.escape(html.unescape(reference[0]), quote=False)


def plain_references(markup: str) -> str:
    """``markup`` without internal subsets, its named references HTML 4's or the text a
    browser shows for them."""
    return _ODD_REFERENCE.sub(_as_shown, drop_subsets(markup))
