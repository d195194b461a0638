"""Marks a publisher (or we) left where personal data were: these are redactions, never
names or data."""

from __future__ import annotations

import functools
import re

from indexer.extract.redaction import HIDDEN_UNDER_BOX

from .folding import twin

MASK = "[DATO PERSONAL]"
# each mark's pattern, with what its lowercased match always contains
_MARKS = (
    (("***",), r"\*{3,}"),
    (("xxx",), r"X{3,}"),
    (("xxxx",), r"x{4,}"),
    (("____",), r"_{4,}"),
    (("█",), r"█+"),
    (("▇",), r"▇+"),
    (("■■",), r"■{2,}"),
    (("...",), r"\.\.\.(?=\s*[,;)])"),
    (("[",), r"\[\s*(?:ELIMINADO|ELIMINADA|DATO PERSONAL|DATOS PERSONALES|CONFIDENCIAL|"
     r"NOMBRE ELIMINADO|SUPRIMIDO|TESTADO|OMITIDO)[^\]]{0,60}\]"),
    (("[",), r"\[\s*(?:[Nn]ombre|[Dd]omicilio|[Dd]ato|[Ee]dad|[Tt]el[ée]fono)[^\]]{0,40}"
     r"(?:eliminad[oa]|suprimid[oa]|testad[oa]|omitid[oa])\s*\]"),
    (("eliminad",), r"ELIMINAD[OA]:\s*[^.\n]{0,80}?(?=[.\n]|$)"),
    (("eliminado", "testado", "suprimido"), r"\(\s*(?:eliminado|testado|suprimido)[^)]{0,60}\)"),
)  # fmt: skip
MARKER = re.compile("|".join(source for _, source in _MARKS), re.IGNORECASE)


def is_marker(value: str) -> bool:
    return bool(MARKER.fullmatch(value.strip()))


@functools.cache
def _marker_twin(present: tuple[bool, ...]) -> re.Pattern[str] | None:
    """The lowercase twin of ``MARKER`` with only the marks a text can hold (a mark whose
    needed characters are absent never matches, so leaving it out changes no match)."""
    kept = [source for (_, source), here in zip(_MARKS, present, strict=True) if here]
    return twin("|".join(kept)) if kept else None


def count(text: str, low: str | None = None) -> int:
    """Marks in ``text`` other than ours; ``low`` (:func:`folding.lowered`) makes it
    faster."""
    if low is None:
        found = MARKER.finditer(text)
    else:
        marker = _marker_twin(tuple(any(n in low for n in needed) for needed, _ in _MARKS))
        if marker is None:
            return 0
        found = marker.finditer(low)
    return sum(1 for m in found if text[m.start() : m.end()] not in (MASK, HIDDEN_UNDER_BOX))
