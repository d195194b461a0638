"""Laws as documents name them, each with one canonical short name.

Federal laws are listed by their real names (and the abbreviations sentences use); a
state's codes and constitution are read by pattern ("Código Civil para el Estado de
Querétaro" → ``Código Civil de Querétaro``). A law written any other way is left out:
an article of an unknown law is not a citation we can compare.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

CPEUM = "CPEUM"

# Canonical name → the names written for it (accents and case do not matter).
FEDERAL_LAWS: dict[str, tuple[str, ...]] = {
    CPEUM: (
        "Constitución Política de los Estados Unidos Mexicanos",
        "Constitución Federal",
        "Constitución Política Federal",
        "Constitución General de la República",
        "Constitución General",
        "Constitución Mexicana",
        "Carta Magna",
        "Pacto Federal",
        "Norma Fundamental",
        "Ley Fundamental",
        "Constitución",
        "CPEUM",
    ),
    "Ley de Amparo": (
        "Ley de Amparo, Reglamentaria de los artículos 103 y 107 de la Constitución Política "
        "de los Estados Unidos Mexicanos",
        "Ley de Amparo",
    ),
    "Ley Reglamentaria del Artículo 105": (
        "Ley Reglamentaria de las Fracciones I y II del Artículo 105 de la Constitución "
        "Política de los Estados Unidos Mexicanos",
        "Ley Reglamentaria de las Fracciones I y II del Artículo 105 Constitucional",
        "Ley Reglamentaria de las Fracciones I y II del Artículo 105",
        "Ley Reglamentaria del Artículo 105 Constitucional",
    ),
    "CNPP": ("Código Nacional de Procedimientos Penales", "CNPP"),
    "CNPCF": ("Código Nacional de Procedimientos Civiles y Familiares", "CNPCF"),
    "Código Civil Federal": ("Código Civil Federal", "CCF"),
    "Código Penal Federal": ("Código Penal Federal", "CPF"),
    "CFPC": ("Código Federal de Procedimientos Civiles", "CFPC"),
    "CFPP": ("Código Federal de Procedimientos Penales",),
    "Código de Comercio": ("Código de Comercio",),
    "CFF": ("Código Fiscal de la Federación", "CFF"),
    "LFT": ("Ley Federal del Trabajo", "LFT"),
    "LGSMIME": (
        "Ley General del Sistema de Medios de Impugnación en Materia Electoral",
        "Ley de Medios",
        "LGSMIME",
    ),
    "LGIPE": ("Ley General de Instituciones y Procedimientos Electorales", "LGIPE"),
    "LGPP": ("Ley General de Partidos Políticos", "LGPP"),
    "LOPJF": (
        "Ley Orgánica del Poder Judicial de la Federación",
        "LOPJF",
    ),
    "LFPCA": ("Ley Federal de Procedimiento Contencioso Administrativo", "LFPCA"),
    "LFPA": ("Ley Federal de Procedimiento Administrativo", "LFPA"),
    "LGAMVLV": ("Ley General de Acceso de las Mujeres a una Vida Libre de Violencia", "LGAMVLV"),
    "LGDNNA": ("Ley General de los Derechos de Niñas, Niños y Adolescentes", "LGDNNA"),
    "LGTAIP": ("Ley General de Transparencia y Acceso a la Información Pública", "LGTAIP"),
    "LGRA": ("Ley General de Responsabilidades Administrativas", "LGRA"),
    "Ley del Seguro Social": ("Ley del Seguro Social", "LSS"),
    "Ley del ISSSTE": (
        "Ley del Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado",
        "Ley del ISSSTE",
    ),
    "LISR": ("Ley del Impuesto sobre la Renta", "LISR"),
    "LIVA": ("Ley del Impuesto al Valor Agregado", "LIVA"),
    "Ley Nacional de Ejecución Penal": ("Ley Nacional de Ejecución Penal", "LNEP"),
    "Ley Agraria": ("Ley Agraria",),
    "Ley General de Salud": ("Ley General de Salud",),
    "CADH": ("Convención Americana sobre Derechos Humanos", "Pacto de San José", "CADH"),
    "PIDCP": ("Pacto Internacional de Derechos Civiles y Políticos", "PIDCP"),
    "CDN": ("Convención sobre los Derechos del Niño",),
}

# A state's laws: "Código Civil para el Estado de Querétaro", "Código Penal del Estado
# Libre y Soberano de Puebla", "Constitución Política del Estado de Jalisco".
STATE_LAW_TYPES: tuple[str, ...] = (
    "Código Nacional de Procedimientos Civiles y Familiares",
    "Código de Procedimientos Civiles",
    "Código de Procedimientos Penales",
    "Código de Procedimientos Familiares",
    "Código Civil",
    "Código Penal",
    "Código Familiar",
    "Código Electoral",
    "Código de Instituciones y Procedimientos Electorales",
    "Código Fiscal",
    "Código Urbano",
    "Código de Justicia Administrativa",
    "Constitución Política",
    "Ley Orgánica del Poder Judicial",
    "Ley de Justicia Administrativa",
    "Ley de Instituciones y Procedimientos Electorales",
    "Ley Electoral",
)
STATES: dict[str, tuple[str, ...]] = {
    "Aguascalientes": ("Aguascalientes",),
    "Baja California Sur": ("Baja California Sur",),
    "Baja California": ("Baja California",),
    "Campeche": ("Campeche",),
    "Chiapas": ("Chiapas",),
    "Chihuahua": ("Chihuahua",),
    "Ciudad de México": ("la Ciudad de México", "Ciudad de México", "el Distrito Federal",
                         "Distrito Federal"),
    "Coahuila": ("Coahuila de Zaragoza", "Coahuila"),
    "Colima": ("Colima",),
    "Durango": ("Durango",),
    "Guanajuato": ("Guanajuato",),
    "Guerrero": ("Guerrero",),
    "Hidalgo": ("Hidalgo",),
    "Jalisco": ("Jalisco",),
    "Estado de México": ("México",),
    "Michoacán": ("Michoacán de Ocampo", "Michoacán"),
    "Morelos": ("Morelos",),
    "Nayarit": ("Nayarit",),
    "Nuevo León": ("Nuevo León",),
    "Oaxaca": ("Oaxaca",),
    "Puebla": ("Puebla",),
    "Querétaro": ("Querétaro de Arteaga", "Querétaro"),
    "Quintana Roo": ("Quintana Roo",),
    "San Luis Potosí": ("San Luis Potosí",),
    "Sinaloa": ("Sinaloa",),
    "Sonora": ("Sonora",),
    "Tabasco": ("Tabasco",),
    "Tamaulipas": ("Tamaulipas",),
    "Tlaxcala": ("Tlaxcala",),
    "Veracruz": ("Veracruz de Ignacio de la Llave", "Veracruz"),
    "Yucatán": ("Yucatán",),
    "Zacatecas": ("Zacatecas",),
}  # fmt: skip


def fold(text: str) -> str:
    """Lowercase without accents, one character for one (offsets are kept). Latin-1
    runs are folded with a byte table (``str.translate`` with a dict costs far more on
    a long text); the few characters beyond (quotes, dashes) one by one."""
    if text.isascii():
        return text.lower()
    if not any(char in text for char in _OUTSIDE):
        try:
            return text.encode("latin-1").translate(_LATIN1).decode("latin-1")
        except UnicodeEncodeError:
            pass
        # each character beyond latin-1 becomes one "?" (in C), found again at its speed
        encoded = text.encode("latin-1", "replace")
        folded = encoded.translate(_LATIN1).decode("latin-1")
        parts: list[str] = []
        last = 0
        at = encoded.find(b"?")
        while at >= 0:
            if text[at] != "?":
                parts += (folded[last:at], _fold_char(text[at]))
                last = at + 1
            at = encoded.find(b"?", at + 1)
        return "".join(parts) + folded[last:] if parts else folded
    pieces = _BEYOND_LATIN1.split(text)  # latin-1 runs, each character beyond between
    for at, piece in enumerate(pieces):
        if at % 2:
            pieces[at] = _fold_char(piece)
        elif piece:
            pieces[at] = piece.encode("latin-1").translate(_LATIN1).decode("latin-1")
    return "".join(pieces)


@functools.lru_cache(maxsize=4096)  # the characters beyond latin-1 a text holds repeat
def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFKD", char)[0].lower()[:1]


def _latin1_class(kept: list[int]) -> str:
    """A character class of these latin-1 code points (as ranges)."""
    ranges: list[list[int]] = []
    for point in kept:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"\\x{a:02x}-\\x{b:02x}" if a < b else f"\\x{a:02x}" for a, b in ranges)


# latin-1 characters folded by a byte table; the few whose fold is beyond it ("µ" is
# a Greek mu) are split out with the rest: one negated class (every character but the
# table's), which the pattern engine tests at once, not an alternation tried in turn
_OUTSIDE = [chr(i) for i in range(256) if ord(_fold_char(chr(i))) > 255]
_LATIN1 = bytes(i if chr(i) in _OUTSIDE else ord(_fold_char(chr(i))) for i in range(256))
_TABLED = [i for i in range(256) if chr(i) not in _OUTSIDE]
_BEYOND_LATIN1 = re.compile(f"([^{_latin1_class(_TABLED)}])")


def _pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(fold(word)) for word in phrase.split())


_STATE_NAMES = {fold(n): state for state, names in STATES.items() for n in names}
_STATE_LAW = re.compile(
    rf"(?P<type>{'|'.join(_pattern(t) for t in STATE_LAW_TYPES)})"
    r"\s+(?:para\s+el|del|de\s+el)\s+estado\s+(?:libre\s+y\s+soberano\s+)?de\s+"
    rf"(?P<state>{'|'.join(_pattern(n) for n in sorted(_STATE_NAMES, key=len, reverse=True))})"
    r"|(?P<cdmx_type>"
    rf"{'|'.join(_pattern(t) for t in STATE_LAW_TYPES)})\s+(?:para|de)\s+"
    r"(?P<cdmx>la\s+ciudad\s+de\s+mexico|el\s+distrito\s+federal)"
    r"(?![\w])"
)
_FEDERAL_NAMES = {fold(n): canon for canon, names in FEDERAL_LAWS.items() for n in names}
_ABBREVIATIONS = {n for names in FEDERAL_LAWS.values() for n in names if n.isupper()}
_ABBREVIATED = {fold(a) for a in _ABBREVIATIONS}
# "la Constitución" alone is the federal one; "Constitución Política del Estado" (no
# state named), "Constitución local" are a state's, unknown: left out.
_BARE_CONSTITUTION = r"constitucion(?!\s+(?:politica|local|estatal|del|de|para)\b)"
_FEDERAL = re.compile(
    "(?<![\\w])(?:"
    + "|".join(
        _BARE_CONSTITUTION if name == "constitucion" else _pattern(name)
        for name in sorted(_FEDERAL_NAMES, key=len, reverse=True)
    )
    + ")(?![\\w])"
)
_TYPE_NAMES = {fold(t): t for t in STATE_LAW_TYPES}


# The word every law's name begins with ("codigo", "ley", "constitucion", "cpeum"…): a
# name can start only where the word written is one of them (each is a whole ``\w``
# run, followed by a space or the name's end), so ``law_at`` need not be tried elsewhere.
FIRST_WORDS = frozenset(
    fold(name).split()[0] for name in [*_FEDERAL_NAMES, *STATE_LAW_TYPES, "constitucion"]
)
if not all(re.fullmatch(r"\w+", word) for word in FIRST_WORDS):  # then try it everywhere
    FIRST_WORDS = frozenset()
_WORD = re.compile(r"\w+")


def may_name_a_law(folded: str, position: int) -> bool:
    """Whether a law's name can begin at ``position`` (False: ``law_at`` finds none)."""
    if not FIRST_WORDS:
        return True
    word = _WORD.match(folded, position)
    return word is not None and word.group() in FIRST_WORDS


def _first_word_finder(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching where a word of ``words`` is written whole, opening with its
    first letter (so the pattern engine skips to those letters at its speed), then that
    no word character is before it: ``may_name_a_law``'s places, found in one pass.
    Without words, every word's start (``may_name_a_law`` then accepts them all)."""
    if not words:
        return re.compile(r"(?<!\w)(?=[a-z])")
    rests: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile(
        "|".join(
            f"{re.escape(first)}(?<!\\w{re.escape(first)})(?:{'|'.join(ends)})(?!\\w)"
            for first, ends in rests.items()
        )
    )


_FIRST_WORD = _first_word_finder(FIRST_WORDS)


def law_starts(folded: str, start: int, end: int) -> Iterator[int]:
    """Every place from ``start`` to before ``end`` where ``may_name_a_law`` is true, in
    order (a word there may run past ``end``, as it is read whole there)."""
    for word in _FIRST_WORD.finditer(folded, start):
        if word.start() >= end:
            return
        yield word.start()


def state_law_name(law_type: str, place: str) -> str:
    """``Código Civil de Querétaro``, ``Constitución de Jalisco``, ``Código Civil del
    Estado de México``."""
    name = "Constitución" if law_type == "Constitución Política" else law_type
    joiner = "del" if place == "Estado de México" else "de"
    return f"{name} {joiner} {place}"


def law_at(original: str, folded: str, position: int) -> tuple[str, int] | None:
    """The law named exactly at ``position`` of the text: (canonical name, end)."""
    state = _STATE_LAW.match(folded, position)
    if state is not None:
        law_type = _TYPE_NAMES[" ".join((state["type"] or state["cdmx_type"]).split())]
        if state["cdmx"]:
            place = "Ciudad de México"
        else:
            place = _STATE_NAMES[" ".join(state["state"].split())]
        return state_law_name(law_type, place), state.end()
    federal = _FEDERAL.match(folded, position)
    if federal is None:
        return None
    name = " ".join(federal.group().split())
    written = original[federal.start() : federal.end()]
    if name in _ABBREVIATED and not written.isupper():
        return None  # "cadh" in prose is not the treaty: abbreviations are written in capitals
    return _FEDERAL_NAMES[name], federal.end()


def canonical_law(name: str) -> str | None:
    """The canonical name of a law written ``name`` (a query's ``CPEUM``, ``Ley de
    Amparo``, ``Código Civil de Querétaro``), or None if unknown."""
    text = " ".join(name.split())
    state_laws = [state_law_name(t, s) for t in STATE_LAW_TYPES for s in STATES]
    for canon in list(FEDERAL_LAWS) + state_laws:
        if fold(canon) == fold(text):
            return canon
    found = law_at(text.upper() if text.isupper() else text, fold(text), 0)
    if found is not None and found[1] == len(text):
        return found[0]
    return None
