"""What a document cites: other sentences by case number, tesis, and articles of laws.

``extract_citations`` reads a text once per kind; it reads at most ``MAX_CHARS`` of it
and stops a kind whose reading took longer than its share of ``BUDGET_S`` (pathological
text: the whole reading is bounded, found or not), keeping what was found (the Rust
scanning of all kinds, linear in the text, is done first, outside the budget).
``citation_key`` reads a value a person types (``AR 1234/2023``, ``CPEUM art. 14``,
``registro 2023456``) into the same key.
"""

from __future__ import annotations

import re
import time
from itertools import islice
from operator import attrgetter

from indexer.citations.cases import share_accumulated_courts
from indexer.citations.laws import canonical_law, fold
from indexer.citations.model import KINDS, Citation, CitationKind
from indexer.citations.native import Scanned, read_all, scan
from indexer.spots import TimeUp, within

__all__ = [
    "KINDS",
    "Citation",
    "CitationKind",
    "Scan",
    "citation_key",
    "extract_citations",
    "prescan",
]

MAX_CHARS = 2_000_000
BUDGET_S = 2.0
_KEY_FORM = re.compile(
    r"^\s*(?P<law>.+?)\s*,?\s+(?:art[ií]culo|art\.?)\s*(?P<n>\d{1,4})"
    r"(?:o\.?|°|º)?(?:\s+(?P<suffix>bis|ter|quater))?\s*$",
    re.IGNORECASE,
)


def extract_citations(
    text: str, budget_s: float = BUDGET_S, scanned: Scan | None = None
) -> list[Citation]:
    """Every citation in ``text``, in order of position; one per (key, position).
    ``scanned``: ``prescan(text)``, run already (in a thread, ahead)."""
    if not text:
        return []
    text, folded, raw = scanned or (text[:MAX_CHARS], fold(text[:MAX_CHARS]), None)
    found: list[Citation] = []
    readers = read_all(text, folded, raw)
    share = budget_s / len(readers)  # each kind's, so one kind's stall leaves the others
    for read in readers:
        deadline = time.perf_counter() + share
        # the readers' searches look at the clock too (``within``): a text with a million
        # places to try and nothing found there stops as one with many citations does
        with within(share):
            try:
                # 64 at a time, the clock looked at after each 64 (a reader stopped by
                # ``TimeUp`` midway leaves those it gave in ``found``: ``extend`` keeps them)
                while True:
                    before = len(found)
                    found.extend(islice(read, 64))
                    if len(found) - before < 64 or time.perf_counter() > deadline:
                        break
            except TimeUp:
                pass
        if read is readers[0]:
            found = share_accumulated_courts(text, folded, found)
    order = list(map(_ORDER, found))
    found.sort(key=_ORDER)
    if len(set(order)) == len(order):  # no two in one place: no two alike to drop
        return found
    return list(dict.fromkeys(found))


# the order of a text's citations: position, kind, key (C's attribute getter: about 15
# a document, each sorted, and each place told apart before any is hashed whole)
_ORDER = attrgetter("start", "kind", "key")


# a text as ``extract_citations`` reads it: the text kept, its fold, the Rust scan of them
Scan = tuple[str, str, Scanned | None]


def prescan(text: str) -> Scan:
    """What ``extract_citations`` does first and needs no interpreter for but the fold:
    the text kept, its fold and their Rust scan (a thread may run it ahead)."""
    text = text[:MAX_CHARS]
    folded = fold(text)
    return text, folded, scan(text, folded)


def citation_key(value: str) -> str:
    """The key of a citation as a person types it; the value folded if none is read."""
    value = " ".join(value.split())
    written = _KEY_FORM.match(value)
    if written is not None:
        law = canonical_law(written["law"])
        if law is not None:
            suffix = f" {written['suffix'].capitalize()}" if written["suffix"] else ""
            return f"{law} art. {int(written['n'])}{suffix}"
    found = extract_citations(value)
    if found:
        return found[0].key
    bare = re.fullmatch(r"(?:registro\s*)?(\d{6,7})", value, re.IGNORECASE)
    if bare:
        return f"registro {int(bare.group(1))}"
    return value
