"""A sentence's outcome (sentido del fallo) read from its resolutive points, for the
sentences whose listing gives none (the SCJN's among them).

A sentence closes with ``Por lo expuesto y fundado, se R E S U E L V E:`` (or ``este
Tribunal Pleno resuelve:``) and its points, ``PRIMERO.``/``ÚNICO.``; the first point
carries the decision (``Se sobresee en la presente acción…``, ``La Justicia de la Unión
ampara y protege…``). Only a closed list of the courts' formulas is read, written as the
listings write outcomes (the Jalisco service's ``confirmar``, ``revocar``,
``improcedente``), so a facet shows one value per meaning. A first point that names no
formula, names two, or negates one in words the list does not hold gives none: a wrong
outcome is worse than no outcome.
"""

from __future__ import annotations

import re
import unicodedata

from indexer.readers.artifacts import mended

# A first point's ordinal, which opens it ("PRIMERO.", "ÚNICO.-", "Primero:"; the TFJA's
# roman "I.", "I.-": its point alone, "II." and "fracción I." have no heading before it).
_ORDINALS = ("PRIMERO", "Primero", "ÚNICO", "UNICO", "Único", "Unico", "I.", "I-", "I:")
_FIRST_POINT = re.compile(
    r"(?:PRIMERO|Primero|[ÚU]NICO|[ÚU]nico|I(?=\s*[.\-–—:]))\s*(?:\.\s*[-–—]?|[-–—:])\s*"
)
# The resolutive heading right before it, nothing but punctuation between: spaced or not,
# "resuelve:" after its subject, "se resuelve", or the "Por lo expuesto y fundado" that
# opens it (some texts lose the heading itself).
# The electoral courts' heading too: "5. RESOLUTIVOS", "PUNTOS RESOLUTIVOS", "se aprueban
# los siguientes resolutivos".
_HEADING_BEFORE = re.compile(
    r"(?:\br\s?e\s?s\s?u\s?e\s?l\s?v\s?e\s?n?|\br\s?e\s?s\s?o\s?l\s?u\s?t\s?i\s?v\s?o\s?s?"
    r"|\bpor\s+(?:lo|las\s+razones)\s+(?:antes\s+|anteriormente\s+)?expuest[oa]s?"
    r"(?:,?\s+(?:y\s+)?fundad[oa]s?)?)[\s,;:.]*\Z",
    re.IGNORECASE,
)
# The Pleno's votes, point by point, after its closing ("En relación con el punto
# resolutivo primero:", "EN RELACIÓN CON LOS PUNTOS RESOLUTIVOS SEGUNDO Y TERCERO:", all in
# capitals in a shouting copy): a reference to the points, no heading of them; the
# "PRIMERO" after it opens no point.
_VOTES_ON_POINTS = re.compile(
    r"\bcon\s+(?:el|los)\s+puntos?\s+r\s?e\s?s\s?o\s?l\s?u\s?t\s?i\s?v\s?o\s?s?\s*\Z",
    re.IGNORECASE,
)
# A sentence's points come last; the votes after them name a few more "Primero"s, a text
# naming thousands is read over its last few dozen.
ORDINALS_READ = 64
HEADING_CHARS = 120  # "Por lo expuesto y fundado, se R E S U E L V E:" and its blank lines
# The first point ends at its first sentence's line end (a PDF may lose the blank line and
# the next ordinal), where another point begins, or at the closing.
_POINT_END = re.compile(
    r"\n\s*\n|\.[ \t]*\n"
    r"|(?:^|\n)\s*(?:(?:SEGUNDO|TERCERO|CUARTO|Segundo|Tercero|Cuarto)\b|II\s*[.\-–—:])"
    r"|\bNotif[ií]quese\b|\bAs[ií]\s+lo\s+resolvi",
    re.IGNORECASE,
)
FIRST_POINT_CHARS = 1500  # a first point is a sentence or two, never a page

_W = r"\s+"
_SE = rf"\bse{_W}(?:l[eao]s?{_W})?"  # "se", "se le", "se les": the court's impersonal voice
# A condemnation or acquittal of costs only is no verdict ("se condena en costas").
_NOT_COSTS = r"(?![^.;]{0,80}\bcostas\b)"
# The amparo itself granted or denied: "se concede a ******** el amparo y protección de la
# Justicia Federal" (a suspension granted is no ruling on the amparo)
_THE_AMPARO = rf"(?:{_W}a{_W}[^.;]{{1,120}}?)?{_W}(?:el{_W}amparo|la{_W}proteccion)\b"
# "es procedente", "se declara procedente", "resultan procedentes" (accumulated cases)
_ARE_ADMISSIBLE = (
    rf"(?:(?:es|resulta|se{_W}declara){_W}procedente"
    rf"|(?:son|resultan|se{_W}declaran){_W}procedentes){_W}"
)
# Formula → the outcome as listings write it (``indexer.query.rulings`` lists each
# value's other forms). Read on the point folded (lowercase, no accents, one space between
# words).
_FORMULAS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), value)
    for pattern, value in (
        (rf"\bno{_W}ampara,?{_W}ni{_W}protege\b", "no amparar"),
        (rf"\bampara,?{_W}y{_W}protege\b", "amparar"),
        (rf"{_SE}(?:concede|otorga){_THE_AMPARO}", "amparar"),
        (rf"{_SE}niega{_THE_AMPARO}", "no amparar"),
        (rf"{_SE}confirman?\b", "confirmar"),
        (rf"{_SE}revocan?\b", "revocar"),
        (rf"{_SE}modifican?\b", "modificar"),
        (rf"{_SE}sobreseen?\b", "sobreseer"),
        (rf"{_SE}desechan?\b", "desechar"),
        (rf"{_SE}condenan?\b{_NOT_COSTS}", "condenatorio"),
        (rf"{_SE}absuelven?\b{_NOT_COSTS}", "absolutorio"),
        (rf"{_SE}dicta{_W}sentencia{_W}condenatoria\b", "condenatorio"),
        (rf"{_SE}dicta{_W}sentencia{_W}absolutoria\b", "absolutorio"),
        # (accumulated cases: "Son procedentes y parcialmente fundadas las acciones…")
        (rf"\b{_ARE_ADMISSIBLE}pero{_W}infundad[oa]s?\b", "procedente pero infundado"),
        (rf"\b{_ARE_ADMISSIBLE}y{_W}fundad[oa]s?\b", "procedente y fundado"),
        (
            rf"\b{_ARE_ADMISSIBLE}y{_W}parcialmente{_W}fundad[oa]s?\b",
            "procedente y parcialmente fundado",
        ),
        (rf"\b(?:es|son|resultan?|se{_W}declaran?){_W}infundad[oa]s?\b", "infundado"),
        (rf"\b(?:es|son|resultan?|se{_W}declaran?){_W}fundad[oa]s?\b", "fundado"),
        (rf"\bse{_W}declara{_W}la{_W}invalidez\b", "declarar la invalidez"),
        # (the TFJA's "Se declara la nulidad de la resolución impugnada", "se decreta la
        # nulidad lisa y llana")
        (rf"\bse{_W}(?:declara|decreta){_W}la{_W}nulidad\b", "declarar la nulidad"),
        (rf"\bse{_W}(?:reconoce|declara){_W}la{_W}validez\b", "reconocer la validez"),
        (rf"\b(?:es|son|resultan?|se{_W}declaran?){_W}improcedentes?\b", "improcedente"),
        (
            rf"\b(?:se{_W}declaran?|(?:ha{_W})?queda(?:do)?n?){_W}sin{_W}materia\b",
            "declarar sin materia",
        ),
        (
            rf"\b(?:se{_W}tiene|tengase){_W}por{_W}no{_W}presentad[oa]s?\b",
            "tener por no presentado",
        ),
        (
            rf"\b(?:se{_W}dejan?|(?:ha{_W})?queda(?:do)?n?){_W}sin{_W}efectos?\b",
            "dejar sin efectos",
        ),
        (
            rf"\b(?:(?:es|resulta|se{_W}declara){_W}inexistente|no{_W}existe)"
            rf"{_W}(?:la{_W})?contradiccion\b",
            "no existe contradicción",
        ),
        (
            rf"\b(?:(?:si{_W})?existe|(?:es|resulta|se{_W}declara){_W}existente)"
            rf"{_W}(?:la{_W})?contradiccion\b",
            "existe contradicción",
        ),
    )
)
# Every value the reader gives (each one of ``indexer.query.rulings``' values).
READ_VALUES = frozenset(value for _, value in _FORMULAS)
# A formula this close after a "no" (or "ni") is negated in words the list does not read.
_NEGATED = re.compile(r"\b(?:no|ni|tampoco)\s+(?:\w+\s+)?$")


def _folded(text: str) -> str:
    """Lowercase, accents off, one space between words: the formulas' spelling."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def _last_ordinals(text: str) -> list[int]:
    """Where a first point's ordinal word may start, the last ``ORDINALS_READ`` of them,
    last first: found by plain search from the end (a regex tried at each of a long
    sentence's characters costs several times more)."""
    found: list[int] = []
    for word in _ORDINALS:
        at = text.rfind(word)
        roman = word[0] == "I"
        for _ in range(ORDINALS_READ):
            if at < 0:
                break
            if not roman or at == 0 or text[at - 1].isspace():  # (not "III.", "LXI.")
                found.append(at)
            at = text.rfind(word, 0, at)
    return sorted(found, reverse=True)[:ORDINALS_READ]


def _first_point(text: str) -> tuple[str, int] | None:
    """The last resolutive heading's first point and where it starts: the last, since
    the background quotes lower courts' points before the sentence gives its own."""
    for at in _last_ordinals(text):
        point = _FIRST_POINT.match(text, at)
        if (
            point
            and _HEADING_BEFORE.search(text, max(0, at - HEADING_CHARS), at)
            and not _VOTES_ON_POINTS.search(text, max(0, at - HEADING_CHARS), at)
        ):
            body = text[point.end() : point.end() + FIRST_POINT_CHARS]
            end = _POINT_END.search(body)
            return (body[: end.start()] if end else body), point.end()
    return None


def ruling_in_point(point: str) -> str | None:
    """The one outcome a resolutive point states in the list's formulas, or None when it
    names none, two different ones, or one negated."""
    words = _folded(mended(point))
    spans: list[tuple[int, int, str]] = []
    for pattern, value in _FORMULAS:
        spans += [(m.start(), m.end(), value) for m in pattern.finditer(words)]
    # a formula inside a longer one ("existe la contradicción" in "no existe la…") is it
    kept = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    if any(_NEGATED.search(words[:start]) for start, _, _ in kept):
        return None
    values = {value for _, _, value in kept}
    return values.pop() if len(values) == 1 else None


# A first point that only joins cases ("PRIMERO. Se acumulan los recursos…", as the TEPJF
# and the SCJN open when they resolve several at once): the decision is the second's.
_JOINS_ONLY = re.compile(r"^\s*(?:se\s+(?:decreta\s+la\s+)?acumula|procede\s+la\s+acumulaci)", re.I)
# A first point that gives the premise the second draws ("I. La parte actora probó su
# acción; en consecuencia,", "PRIMERO. Ha sido procedente la vía…; en consecuencia,"):
# it ends on the connective, the decision follows.
_PREMISE_ONLY = re.compile(
    r"[,;]?\s*(?:en\s+consecuencia|por\s+(?:consiguiente|lo\s+tanto|ende))\s*[,;:]?\s*\Z", re.I
)
# A state juzgado's first point that only states the way and the proof ("PRIMERO. Ha
# procedido la vía ordinaria civil, en la que la actora acreditó su acción y el demandado
# no justificó sus excepciones."), without a connective: the condemnation or acquittal is
# the second's.
_WAY_AND_PROOF = re.compile(
    r"^\s*(?:ha\s+(?:procedido|sido\s+procedente)|(?:es|fue|result[oó])\s+procedente)\s+"
    r"la\s+v[ií]a\b[^.;]{0,200}?\b(?:prob[oó]|acredit[oó]|justific[oó])\s+(?:su|sus)\s+acci",
    re.I,
)
_SECOND_POINT = re.compile(
    r"\n\s*(?:SEGUNDO|Segundo|II(?=\s*[.\-–—:]))\s*(?:\.\s*[-–—]?|[-–—:])\s*"
)


def read_ruling(text: str) -> tuple[str, int] | None:
    """The sentence's outcome from its first resolutive point (the second where the first
    only joins cases), and where that point is."""
    point = _first_point(text)
    if point is None:
        return None
    if _JOINS_ONLY.match(point[0]) or (
        (_PREMISE_ONLY.search(point[0]) or _WAY_AND_PROOF.match(point[0]))
        and ruling_in_point(point[0]) is None
    ):
        after = point[1] + len(point[0])
        second = _SECOND_POINT.search(text, after, after + 200)
        if second is None:
            return None
        body = text[second.end() : second.end() + FIRST_POINT_CHARS]
        end = _POINT_END.search(body)
        point = (body[: end.start()] if end else body), second.end()
    value = ruling_in_point(point[0])
    return (value, point[1]) if value else None
