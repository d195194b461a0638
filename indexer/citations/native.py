"""The citation readers' scanning in Rust (``native/src/citations.rs`` for cases,
``native/src/articles.rs`` for articles of laws, ``native/src/tesis.rs`` for tesis but
their quoted rubros), where the native extension is installed
and built from this checkout's source: where a citation can start, which pattern matches
there and its groups (an article's key), found without the interpreter; the ``Citation``
objects are made here from them, as the Python readers make them.

The Python readers stay the reference: the Rust scanner is made from their patterns and
tables, and reads only texts whose characters both engines class alike (it answers
None for any other, and Python reads it). Tests compare the two on many texts.
``ABIERTO_NATIVE_CITATIONS=off`` reads cases, articles and tesis with Python only
(benchmarks' before).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from indexer.citations import articles, cases, laws, tesis
from indexer.citations.cases import cited
from indexer.citations.laws import fold
from indexer.citations.model import Citation, citation
from indexer.readers.expedientes import (
    ELECTORAL_CHAMBERS,
    ELECTORAL_PATTERN,
    LOCAL_ELECTORAL_PATTERN,
    TYPE_PHRASES,
    TYPE_WORDS,
    CaseNumber,
    case_type_code,
    clean_suffix,
)

log = logging.getLogger(__name__)
# the canonical forms of the cases read last, by the scanner's pieces (``_case_key``)
KEYS_KEPT = 8192

# the Rust readers' sources in this checkout (absent from an installed package)
SOURCE = Path(__file__).resolve().parents[2] / "native" / "src" / "citations.rs"
ARTICLES_SOURCE = SOURCE.with_name("articles.rs")
TESIS_SOURCE = SOURCE.with_name("tesis.rs")


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
        # the look-ahead after a year without an appeal is the Rust side's: an appeal
        # the greedy match took and its look-ahead refused leaves no case there either
        _replaced(
            _without(cases._NUMBER.pattern, r"(?<![\w/.-])", r"(?![\d/])"),
            r"|(?!\s*/\s*\d))",
            ")?",
        ),
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


def _replaced(pattern: str, old: str, new: str, count: int = 1) -> str:
    """``pattern`` with ``old`` (written ``count`` times in it) rewritten as ``new``."""
    if pattern.count(old) != count:
        raise ValueError(f"the pattern changed: {pattern}")
    return pattern.replace(old, new)


def _ending(pattern: str, lookahead: str, consumed: str) -> str:
    """``pattern``, which ends with ``lookahead``, as group ``end`` and then ``consumed``:
    the character the look-ahead allows taken (or the text's end), where the engine
    tries the same paths in the same order; the match ends where group ``end`` does."""
    return f"(?P<end>{_without(pattern, tail=lookahead)}){consumed}"


def article_patterns() -> dict[str, str]:
    """The article reader's patterns for the Rust engine, which has no look-arounds:
    each one removed is checked by hand there (a look-behind, ``_ARTICLE_WORD``'s digit
    after "numeral", the bare "Constitución"'s refused words) or rewritten here."""
    letter = r"(?![yeo]\b)[a-z]\b"  # a letter not a conjunction, written out
    part = articles._PART.pattern
    word = _without(articles._ARTICLE_WORD.pattern, r"(?<![\w])")
    bare = laws._BARE_CONSTITUTION
    refused = _without(bare, "constitucion(?!", ")")
    names = sorted(laws._FEDERAL_NAMES, key=len, reverse=True)
    federal = "|".join(bare if n == "constitucion" else laws._pattern(n) for n in names)
    if laws._FEDERAL.pattern != f"(?<![\\w])(?:{federal})(?![\\w])":
        raise ValueError(f"the pattern changed: {laws._FEDERAL.pattern}")
    if not laws.FIRST_WORDS:
        raise ValueError("laws.FIRST_WORDS is empty")
    patterns = {
        "article_word": _replaced(word, r"(?=\s*\d)", "", 2),
        "separator": articles._SEPARATOR.pattern,
        "range": articles._RANGE.pattern,
        "part": _replaced(part, letter, r"[a-df-np-xz]\b", max(1, part.count(letter))),
        "law_link": articles._LAW_LINK.pattern,
        "constitutional": _ending(articles._CONSTITUTIONAL.pattern, r"(?!\w)", r"(?:\W|\z)"),
        "direct": articles._DIRECT.pattern,
        "same_law": _ending(articles._SAME_LAW.pattern, r"(?!\w)", r"(?:\W|\z)"),
        "more": _ending(articles._MORE.pattern, r"(?=\d)", r"\d"),
        "law_before": _without(articles._LAW_BEFORE.pattern, tail="$") + r"\z",
        "names_with_articles": articles._NAMES_WITH_ARTICLES.pattern,
        "state_law": _without(laws._STATE_LAW.pattern, tail=r"(?![\w])") + r"(?:\W|\z)",
        "federal": _ending(
            f"(?:{federal.replace(bare, 'constitucion')})(?![\\w])", r"(?![\w])", r"(?:\W|\z)"
        ),
        "bare_refused": refused,
    }
    for name, pattern in patterns.items():
        if any(look in pattern for look in ("(?=", "(?!", "(?<")) or pattern.endswith("$"):
            raise ValueError(f"a look-around is left in {name}: {pattern}")
    return patterns


def make_article_scanner(module: Any) -> Any:
    """An ``ArticleScanner`` of ``module`` from ``articles.py``'s and ``laws.py``'s own
    patterns and tables."""
    state_laws = {
        (law_type, place): laws.state_law_name(law_type, place)
        for law_type in laws.STATE_LAW_TYPES
        for place in laws.STATES
    }
    return module.ArticleScanner(
        article_patterns(),
        dict(laws._FEDERAL_NAMES),
        set(laws._ABBREVIATED),
        dict(laws._TYPE_NAMES),
        dict(laws._STATE_NAMES),
        state_laws,
        ("Ciudad de México", laws.CPEUM),
        set(articles._CODES),
        set(articles._TREATIES),
        set(articles._LAST),
        list(articles.DOTTED_NUMBERING),
        set(laws.FIRST_WORDS),
        (articles.MAX_RANGE, articles.LOOKBACK, articles.LIST_REACH),
    )


def tesis_patterns() -> dict[str, str]:
    """The tesis reader's patterns for the Rust engine, which has no look-arounds: the
    look-behinds are checked by hand there, a look-ahead at an end is rewritten as the
    character it allows consumed after group ``end`` (or the text's end), and the one
    after a clave's last capitals ("30 P") is a word boundary (capitals are words)."""
    lead, clave_end = r"(?<![\w./])", r"(?![\w/])"
    patterns = {
        "registro": "(?i)"
        + _ending(
            _without(tesis._REGISTRO.pattern, r"(?<![\w])"),
            r"(?![\d]|[.,]\d)",
            r"(?:[.,](?:\D|\z)|[^\d.,]|\z)",
        ),
        "registros": "(?i)"
        + _ending(_without(tesis._REGISTROS.pattern, r"(?<![\w])"), r"(?![\d])", r"(?:\D|\z)"),
        "scjn": _ending(_without(tesis._SCJN.pattern, lead), clave_end, r"(?:[^\w/]|\z)"),
        "circuit": _replaced(
            _without(tesis._CIRCUIT.pattern, lead),
            r"(?:[A-Z]{1,2}|CS)(?![\w])",
            r"(?:[A-Z]{1,2}|CS)\b",
        ),
        "electoral": "(?i)"
        + _ending(_without(tesis._ELECTORAL.pattern, r"(?<![\w])"), clave_end, r"(?:[^\w/]|\z)"),
    }
    flags = {"registro": re.I, "registros": re.I, "scjn": 0, "circuit": 0, "electoral": re.I}
    for name, flag in flags.items():
        if getattr(tesis, f"_{name.upper()}").flags & re.I != flag:
            raise ValueError(f"the pattern's flags changed: {name}")
    for name, pattern in patterns.items():
        if any(look in pattern for look in ("(?=", "(?!", "(?<")) or pattern.endswith("$"):
            raise ValueError(f"a look-around is left in {name}: {pattern}")
    return patterns


def make_tesis_scanner(module: Any) -> Any:
    """A ``TesisScanner`` of ``module`` from ``tesis.py``'s own patterns."""
    return module.TesisScanner(tesis_patterns())


def reader_source() -> bytes:
    """The Rust readers' source, as this checkout has it or else as the extension was
    built from; empty where neither is (Python reads everything there)."""
    paths = (SOURCE, ARTICLES_SOURCE, TESIS_SOURCE)
    if all(path.is_file() for path in paths):
        return b"\0".join(path.read_bytes() for path in paths)
    try:
        import abierto_native
    except ImportError:
        return b""
    cases_source = str(getattr(abierto_native, "CITATION_READER_SOURCE", ""))
    articles_source = str(getattr(abierto_native, "ARTICLE_READER_SOURCE", ""))
    tesis_source = str(getattr(abierto_native, "TESIS_READER_SOURCE", ""))
    return f"{cases_source}\0{articles_source}\0{tesis_source}".encode()


def _built_here(module: Any) -> bool:
    """Whether the extension was built from this checkout's readers (an extension built
    from other source would read otherwise than the fingerprint says)."""
    sources = (
        ("CITATION_READER_SOURCE", SOURCE),
        ("ARTICLE_READER_SOURCE", ARTICLES_SOURCE),
        ("TESIS_READER_SOURCE", TESIS_SOURCE),
    )
    for name, path in sources:
        built = getattr(module, name, None)
        if built is None or (path.is_file() and path.read_text(encoding="utf-8") != built):
            return False
    return True


def _load() -> tuple[Any, Any, Any] | None:
    if os.environ.get("ABIERTO_NATIVE_CITATIONS", "").lower() in ("off", "0", "no"):
        return None
    try:
        import abierto_native
    except ImportError:
        return None
    if not _built_here(abierto_native):
        log.warning("la extensión nativa no es de este código: las citas se leen en Python")
        return None
    scanners = (make_scanner, make_article_scanner, make_tesis_scanner)
    return tuple(make(abierto_native) for make in scanners)  # type: ignore[return-value]


SCANNER, ARTICLE_SCANNER, TESIS_SCANNER = _load() or (None, None, None)
# the three scanners' one call (an extension built from this checkout has it)
SCAN = getattr(sys.modules.get("abierto_native"), "scan_citations", None) if SCANNER else None


# what the Rust scan of one text found: (cases, tesis, articles), each None where Python
# reads that kind
Scanned = tuple[Any, Any, Any]


def scan(original: str, folded: str) -> Scanned | None:
    """The Rust scan of one text (None: no extension of this checkout; Python reads all).
    It holds no interpreter lock while it scans: a thread may run it ahead."""
    if SCAN is None:
        return None
    return SCAN(SCANNER, TESIS_SCANNER, ARTICLE_SCANNER, original, folded)  # type: ignore[no-any-return]


def read_all(
    original: str, folded: str, scanned: Scanned | None = None
) -> tuple[Iterator[Citation], Iterator[Citation], Iterator[Citation]]:
    """``read_cases``, ``read_tesis`` and ``read_articles`` of one text, scanned in Rust
    in one call where they can be: the text and its fold indexed by code points once,
    not once per reader (the scanning is linear in the text; Python's reading of a kind
    Rust did not read is lazy, as each reader's). ``scanned``: ``scan`` of this text and
    fold, run already (by ``indexer.citations.ahead``)."""
    if SCAN is None:
        return (
            read_cases(original, folded),
            read_tesis(original, folded),
            read_articles(original, folded),
        )
    raw_cases, raw_tesis, raw_articles = scanned or scan(original, folded)  # type: ignore[misc]
    return (
        chain(
            cases.find_cases(original, folded)
            if raw_cases is None
            else _cases(original, raw_cases, folded),
            cases.find_tfja_cases(original, folded),
        ),
        tesis.find_tesis(original, folded) if raw_tesis is None else _tesis(original, raw_tesis),
        articles.find_articles(original, folded)
        if raw_articles is None
        else _articles(original, raw_articles),
    )


def read_cases(original: str, folded: str) -> Iterator[Citation]:
    """``cases.find_cases``, scanned in Rust when it can be, then the TFJA's juicios
    (``cases.find_tfja_cases``, Python's: no type word leads to them)."""
    raw = SCANNER.cases(original, folded) if SCANNER is not None else None
    found = cases.find_cases(original, folded) if raw is None else _cases(original, raw, folded)
    return chain(found, cases.find_tfja_cases(original, folded))


def read_articles(original: str, folded: str) -> Iterator[Citation]:
    """``articles.find_articles``, read in Rust when it can be."""
    raw = ARTICLE_SCANNER.articles(original, folded) if ARTICLE_SCANNER is not None else None
    if raw is None:
        return articles.find_articles(original, folded)
    return _articles(original, raw)


def read_tesis(original: str, folded: str) -> Iterator[Citation]:
    """``tesis.find_tesis``, read in Rust when it can be (the quoted rubros in Python)."""
    raw = TESIS_SCANNER.tesis(original, folded) if TESIS_SCANNER is not None else None
    if raw is None:
        return tesis.find_tesis(original, folded)
    return _tesis(original, raw)


def _tesis(original: str, raw: list[tuple[str, int, int]]) -> Iterator[Citation]:
    for key, start, end in raw:
        yield tesis._found(original, tesis.electoral_key(key), start, end)
    yield from tesis.find_rubros(original)


def _articles(original: str, raw: list[tuple[str, int, int]]) -> Iterator[Citation]:
    written = ""
    span = (-1, -1)
    for key, start, end in raw:
        if (start, end) != span:  # the articles of one list share their words
            span = (start, end)
            written = " ".join(original[start:end].split())
        yield citation("article", key, written, start, end)


def _cases(
    original: str, raw: list[tuple[Any, ...]], folded: str | None = None
) -> Iterator[Citation]:
    """The scanner's cases, each (what, a, b, c, d, e, start, end), as citations; a type
    that is not the number's (``cases.not_its_type``) gives none, nor does the rest of
    its list ("…controversia constitucional 3/2024 y 4/2024")."""
    folded = fold(original) if folded is None else folded
    dropped = -1  # the end of the last number left out
    for what, a, b, c, d, e, start, end in raw:
        if what == 2 and cases.section_after(original, end):
            continue  # "R.A. 289/2024-S3": the TFJA's Tercera Sección's, no amparo
        if what == 2 and dropped >= 0 and cases.next_of_list(folded, dropped, start):
            dropped = end
            continue
        if what == 2 and cases.not_its_type(folded, start):
            dropped = end
            continue
        dropped = -1
        yield cited(original, _case_key(what, a, b, c, d, e), start, end)


@functools.lru_cache(maxsize=KEYS_KEPT)
def _case_key(what: int, a: str | None, b: str, c: str, d: str | None, e: str | None) -> str:
    """The canonical form of a case the scanner read, from its pieces alone: a case is
    cited again and again (its own number, the precedents a text discusses, the same
    ones across a court's sentences), and making it (a frozen ``CaseNumber``, then its
    form) is half of a citation's building (about 3 of 7 µs)."""
    if what == 2:  # a case number: (code, number, year, suffix, appeal)
        case = CaseNumber(a, b, c, clean_suffix(d), appeal=e)
    else:  # a chamber's or a local court's: (chamber or court, type, number, year)
        case = CaseNumber(b, c, d or "", electoral_chamber=a, electoral=True)
    return case.canonical
