""" "NA" in a roster or a speaker's line: Nueva Alianza (PANAL), or a missing value.

Nueva Alianza held its national registration from 2005 to 2018: the Cámara's and the
Senado's records of the LX to LXIII Legislaturas (2006–2018) write its legislators'
party "NA". Other tables write "NA" where a value is missing ("not available"), and a
column of mostly "NA" says so. Which one is meant is read from that context; when the
context cannot tell, the party is left empty (a wrong party is worse than none)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.analysis import fold_keyword

# The federal legislatures while Nueva Alianza was a national party (2006–2018).
FEDERAL_ERA = frozenset({"LX", "LXI", "LXII", "LXIII"})
_ROMAN = re.compile(r"\b([LXVI]{1,8})\b")
# How tables write a value they do not have (folded, without dots or spaces).
MISSING = frozenset(
    {"", "na", "n/a", "#n/a", "nd", "n/d", "#n/d", "sd", "s/d", "-", "--", "—", "null", "none",
     "nan", "sindato", "sindatos", "nodisponible", "noaplica", "?"}
)  # fmt: skip


def bare(value: str) -> str:
    """A cell folded, without dots or spaces ("N. A." → "na")."""
    return fold_keyword(value).replace(".", "").replace(" ", "")


def is_missing(value: str) -> bool:
    return bare(value) in MISSING


def is_na(value: str) -> bool:
    return bare(value) == "na"


def federal(scope: str | None) -> bool:
    """Whether ``scope`` (a congress as sessions and rosters name it) is the federal
    one: the Congreso de la Unión, its Cámara de Diputados or its Senado."""
    folded = fold_keyword(scope or "")
    if "estado" in folded:
        return False  # "Cámara de Diputados del H. Congreso del Estado de …"
    return any(k in folded for k in ("congreso de la union", "camara de diputados", "senado"))


def nueva_alianza_then(scope: str | None, legislature: str | None) -> bool | None:
    """Whether "NA" can name Nueva Alianza in ``scope``'s ``legislature``: True in the
    federal LX–LXIII, False in any other federal legislature, None when unknown (a
    state's legislatures are numbered on their own, and local Nueva Alianza parties
    outlived the national one)."""
    if not federal(scope) or not legislature:
        return None
    match = _ROMAN.search(legislature.upper())
    if match is None:
        return None
    return match[1] in FEDERAL_ERA


def roster_says_missing(cells: Sequence[str]) -> bool:
    """A party column of mostly "NA" (or other missing marks) writes missing values."""
    written = [c for c in cells if c.strip()]
    if not written:
        return True
    missing = sum(is_missing(c) for c in written)
    return missing * 2 > len(written)
