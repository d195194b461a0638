"""The legislative period a transcript's heading places its session in: the period of
sessions (ordinary, extraordinary, or the recess the permanent body sits in) and the year
of the legislature's exercise, as the Diario de los Debates and the stenographic versions
head their pages («PRIMER PERIODO ORDINARIO DE SESIONES DEL SEGUNDO AÑO DE EJERCICIO»,
«Año I Primer Periodo de Sesiones Ordinarias», «Primer Receso del Tercer Año de
Ejercicio», «SEGUNDO PERIODO EXTRAORDINARIO»).

Read as one Spanish label («Primer periodo ordinario, segundo año de ejercicio»); each
part is left out when the heading names two different ones or none, and a period a speech
mentions («durante el primer periodo ordinario…») or one named far from the heading is
never read: a wrong period is worse than none."""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword
from indexer.readers.normalise import normalise_legislature

# the heading: the first lines, and of each only one as short as a heading's line
HEADING_CHARS = 3000
_LINE_CHARS = 300
_ORDINALS = {
    "primer": "primer",
    "primero": "primer",
    "segundo": "segundo",
    "tercer": "tercer",
    "tercero": "tercer",
    "cuarto": "cuarto",
    "i": "primer",
    "ii": "segundo",
    "iii": "tercer",
}
_ORDINAL = r"(primer|primero|segundo|tercer|tercero|cuarto)"
# "segundo año de ejercicio (constitucional)", "Año II", "AÑO I" (the Diario's masthead)
_YEAR = re.compile(
    rf"\b{_ORDINAL}\s+ano\s+de\s+ejercicio\b|(?:^|[\s,.;|-])ano\s+(i{{1,3}})(?=$|[\s,.;|-])"
)
# "primer periodo ordinario (de sesiones)", "segundo periodo de sesiones ordinarias",
# "primer periodo extraordinario", "periodo extraordinario", "primer (periodo de) receso"
_PERIOD = re.compile(
    rf"\b(?:{_ORDINAL}\s+)?periodo\s+(?:(?:de\s+sesiones\s+)?(ordinari|extraordinari)[oa]s?"
    rf"|de\s+(receso)|de\s+sesiones\b(?!\s+(?:ordinari|extraordinari)))"
    rf"|\b{_ORDINAL}\s+(receso)\b"
    # the Diario's masthead: "Año I Primer Periodo" (read only beside a year)
    rf"|\b{_ORDINAL}\s+periodo\b(?!\s+(?:de|ordinari|extraordinari))"
)
# a period named by a sentence, not a heading: "durante el primer periodo…", "en el…",
# "el próximo…", "…periodo ordinario anterior"
_MENTIONED_BEFORE = re.compile(
    r"\b(?:durante|en|para|hasta|desde|antes|despues|tras|proximo|pasado|siguiente"
    r"|anterior|ultimo|este|ese|aquel|cada)\s+(?:(?:el|del|al|la|los)\s+)?$"
)
_MENTIONED_AFTER = re.compile(r"^\s*(?:de\s+sesiones\s+)?(?:anterior|pasado|siguiente|proximo)\b")


def period_in_heading(text: str | None) -> str | None:
    """The session's period and year of exercise as its heading states them, as a
    Spanish label; None when the heading states neither (or contradicts itself)."""
    if not text:
        return None
    years: set[str] = set()
    periods: set[str] = set()
    for raw in text[:HEADING_CHARS].splitlines():
        if len(raw) > _LINE_CHARS:
            continue
        line = fold_keyword(raw)
        if "ano" not in line and "periodo" not in line and "receso" not in line:
            continue
        for match in _YEAR.finditer(line):
            if not _mentioned(line, match):
                years.add(_ORDINALS[match[1] or match[2]])
        dated = any(not _mentioned(line, m) for m in _YEAR.finditer(line))
        for match in _PERIOD.finditer(line):
            if match[6] and not dated:
                continue
            if not _mentioned(line, match):
                periods.add(_period(match))
    # an unnumbered period beside a numbered one of its kind is that one
    periods = {p for p in periods if not any(q != p and q.endswith(" " + p) for q in periods)}
    year = next(iter(years)) if len(years) == 1 else None
    period = next(iter(periods)) if len(periods) == 1 else None
    parts = [p for p in (period, f"{year} año de ejercicio" if year else None) if p]
    if not parts:
        return None
    label = ", ".join(parts)
    return label[0].upper() + label[1:]


def normalise_period(value: str | None) -> str | None:
    """A period as a source publishes it apart (a listing's column, a spec's constant, a
    citizen's words: «Primer Periodo Ordinario de Sesiones del Segundo Año de Ejercicio»,
    «Año II, Primer Periodo») as the heading's label; None when it names no period, or
    two: unsure, none."""
    if not value:
        return None
    value = _DIGIT_ORDINAL.sub(_ordinal_word, " ".join(value.split()))
    # a column's year of exercise without its last words («1er. Año», «del Segundo Año»)
    return period_in_heading(_BARE_YEAR.sub(r"\g<0> de ejercicio", value))


_BARE_YEAR = re.compile(
    r"\b(?i:primer|primero|segundo|tercer|tercero)\s+(?i:año|ano)\b(?!\s+(?i:de)\b)"
)


# a column writes the ordinal in figures («1er. Periodo Ordinario», «2° Año»): as words
_DIGIT_ORDINAL = re.compile(
    r"\b([1-4])(?:er|ro|o|do|to|°|º)\.?\s+(?=(?:periodo|período|receso|año)\b)",
    re.IGNORECASE,
)
_ORDINAL_WORDS = {"1": "primer ", "2": "segundo ", "3": "tercer ", "4": "cuarto "}


def _ordinal_word(match: re.Match[str]) -> str:
    return _ORDINAL_WORDS[match[1]]


def _period(match: re.Match[str]) -> str:
    ordinal = _ORDINALS.get(match[1] or match[4] or match[6] or "")
    if match[3] or match[5]:
        kind = "periodo de receso"
    elif match[2] == "extraordinari":
        kind = "periodo extraordinario"
    else:  # "periodo ordinario", "periodo de sesiones ordinarias", "periodo de sesiones"
        kind = "periodo ordinario"
    return f"{ordinal} {kind}" if ordinal else kind


def _mentioned(line: str, match: re.Match[str]) -> bool:
    return bool(
        _MENTIONED_BEFORE.search(line[max(0, match.start() - 30) : match.start()])
        or _MENTIONED_AFTER.match(line, match.end())
    )


# "LXVI LEGISLATURA", "Poder Legislativo Federal, LXVI Legislatura", "la H. LXII Legislatura"
_LEGISLATURE = re.compile(
    r"\b([LXVI]{2,8})[\"“”']?\s+(?i:legislatura)\b|\b(?i:legislatura)\s+([LXVI]{2,8})\b"
)
HEADING_LINES = 12


def legislature_in_heading(text: str | None) -> str | None:
    """The legislature the transcript's first lines name (a heading's «LXVI LEGISLATURA»),
    in Roman numerals; None when they name none, or two (a heading that cites another
    legislature's decree is unsure)."""
    if not text:
        return None
    found: set[str] = set()
    for line in text.lstrip().splitlines()[:HEADING_LINES]:
        if len(line) > _LINE_CHARS:
            continue
        for match in _LEGISLATURE.finditer(line):
            value = normalise_legislature(match[0])
            if value and re.fullmatch(r"[LXVI]{2,8}", value):
                found.add(value)
    return found.pop() if len(found) == 1 else None
