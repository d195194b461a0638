"""The citation readers' scanning in Rust (``native/src/citations.rs``), where the native
extension is installed and built from this checkout's source: where a case can start,
which pattern matches there and its groups, found without the interpreter; the
``Citation`` objects are made here from them, as the Python readers make them.

The Python readers stay the reference: the Rust scanner is made from their patterns and
tables, and reads only texts whose characters both engines class alike (it answers
None for any other, and Python reads it). Tests compare the two on many texts.
``ABIERTO_NATIVE_CITATIONS=off`` reads with Python only (benchmarks' before).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.citations import cases
from indexer.citations.model import Citation
from indexer.readers.expedientes import (
    ELECTORAL_CHAMBERS,
    ELECTORAL_PATTERN,
    LOCAL_ELECTORAL_PATTERN,
    TYPE_PHRASES,
    TYPE_WORDS,
    CaseNumber,
    case_type_code,
)

log = logging.getLogger(__name__)

# the Rust reader's source in this checkout (absent from an installed package)
SOURCE = Path(__file__).resolve().parents[2] / "native" / "src" / "citations.rs"


def _without(pattern: str, head: str = "", tail: str = "") -> str:
    """``pattern`` without the look-arounds the Rust side checks by hand (they must be
    there: a changed pattern is not silently read otherwise)."""
    if not (pattern.startswith(head) and pattern.endswith(tail)):
        raise ValueError(f"the pattern changed: {pattern}")
    return pattern[len(head) : len(pattern) - len(tail)]


def make_scanner(module: Any) -> Any:
    """A ``CitationScanner`` of ``module`` (``abierto_native``) from the Python readers'
    own patterns and tables."""
    codes = {phrase: case_type_code(phrase) or "" for phrase in TYPE_PHRASES}
    qualified = {key: code for key, code in cases._QUALIFIED.items()}
    letters = (cases._CHAMBER_LETTERS, cases._LOCAL_TYPE_LETTERS, cases._LOCAL_COURT_LETTERS)
    return module.CitationScanner(
        ELECTORAL_PATTERN.pattern,
        _without(LOCAL_ELECTORAL_PATTERN.pattern, r"(?<![\w/-])"),
        _without(cases._NUMBER.pattern, r"(?<![\w/.-])", r"(?![\d/])"),
        TYPE_WORDS,
        cases._FIRST_GAP.pattern,
        cases._NEXT_GAP.pattern,
        codes,
        qualified,
        sorted(cases._CODES),
        sorted(cases._LAST_WORDS),
        list(ELECTORAL_CHAMBERS),
        letters,
        cases.LOOKBACK,
    )


def reader_source() -> bytes:
    """The Rust reader's source, as this checkout has it or else as the extension was
    built from; empty where neither is (Python reads everything there)."""
    if SOURCE.is_file():
        return SOURCE.read_bytes()
    try:
        import abierto_native
    except ImportError:
        return b""
    return str(getattr(abierto_native, "CITATION_READER_SOURCE", "")).encode()


def _load() -> Any | None:
    if os.environ.get("ABIERTO_NATIVE_CITATIONS", "").lower() in ("off", "0", "no"):
        return None
    try:
        import abierto_native
    except ImportError:
        return None
    built = getattr(abierto_native, "CITATION_READER_SOURCE", None)
    if built is None or (SOURCE.is_file() and SOURCE.read_text(encoding="utf-8") != built):
        # an extension built from other source would read otherwise than its fingerprint says
        log.warning("la extensión nativa no es de este código: las citas se leen en Python")
        return None
    return make_scanner(abierto_native)


SCANNER = _load()


def read_cases(original: str, folded: str) -> Iterator[Citation]:
    """``cases.find_cases``, scanned in Rust when it can be."""
    raw = SCANNER.cases(original, folded) if SCANNER is not None else None
    if raw is None:
        return cases.find_cases(original, folded)
    return (_case(original, *found) for found in raw)


def _case(
    original: str, what: int, a: str | None, b: str, c: str, d: str | None, start: int, end: int
) -> Citation:
    if what == 2:  # a case number: (code, number, year, suffix)
        case = CaseNumber(a, b, c, d.upper() if d else None)
    else:  # a chamber's or a local court's: (chamber or court, type, number, year)
        case = CaseNumber(b, c, d or "", electoral_chamber=a, electoral=True)
    return cases._citation(original, case, start, end)
