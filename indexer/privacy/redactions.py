"""Marks a publisher (or we) left where personal data were: these are redactions, never
names or data."""

from __future__ import annotations

import re

from indexer.extract.redaction import HIDDEN_UNDER_BOX

MASK = "[DATO PERSONAL]"
MARKER = re.compile(
    r"\*{3,}|X{3,}|x{4,}|_{4,}|█+|▇+|■{2,}|\.\.\.(?=\s*[,;)])|"
    r"\[\s*(?:ELIMINADO|ELIMINADA|DATO PERSONAL|DATOS PERSONALES|CONFIDENCIAL|"
    r"NOMBRE ELIMINADO|SUPRIMIDO|TESTADO|OMITIDO)[^\]]{0,60}\]|"
    r"\[\s*(?:[Nn]ombre|[Dd]omicilio|[Dd]ato|[Ee]dad|[Tt]el[ée]fono)[^\]]{0,40}"
    r"(?:eliminad[oa]|suprimid[oa]|testad[oa]|omitid[oa])\s*\]|"
    r"ELIMINAD[OA]:\s*[^.\n]{0,80}?(?=[.\n]|$)|"
    r"\(\s*(?:eliminado|testado|suprimido)[^)]{0,60}\)",
    re.IGNORECASE,
)


def is_marker(value: str) -> bool:
    return bool(MARKER.fullmatch(value.strip()))


def count(text: str) -> int:
    return sum(1 for m in MARKER.finditer(text) if m.group() not in (MASK, HIDDEN_UNDER_BOX))
