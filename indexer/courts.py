"""Court and chamber names to one written form, so a filter or facet counts one body once.

Sites write ``JUZGADO 1o. CIVIL``, ``Jdo. Primero Civil`` and ``Juzgado Primero Civil``
for the same court, and ``H. Cámara de Diputados`` or ``Senado`` for a chamber. Names
already written in mixed case are kept as written (only abbreviations and ordinals are
expanded); names in capitals are put in Spanish title case.
"""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword

_SMALL_WORDS = frozenset(
    ("de", "del", "la", "las", "lo", "los", "el", "en", "y", "e", "o", "u", "a", "al", "para",
     "por", "con", "sin", "sobre", "su", "sus")
)  # fmt: skip
_ROMAN = re.compile(r"^C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
ORDINALS = {
    1: "Primero", 2: "Segundo", 3: "Tercero", 4: "Cuarto", 5: "Quinto", 6: "Sexto",
    7: "Séptimo", 8: "Octavo", 9: "Noveno", 10: "Décimo", 11: "Décimo Primero",
    12: "Décimo Segundo", 13: "Décimo Tercero", 14: "Décimo Cuarto", 15: "Décimo Quinto",
    16: "Décimo Sexto", 17: "Décimo Séptimo", 18: "Décimo Octavo", 19: "Décimo Noveno",
    20: "Vigésimo",
}  # fmt: skip
_ORDINAL_NUMBER = re.compile(r"\b(\d{1,2})\s*(?:o\.?|º|°|er\.?|ero\.?)(?=\s|$)", re.IGNORECASE)
_ABBREVIATIONS = (
    (re.compile(r"\bjdo\.?(?=\s)", re.I), "Juzgado"),
    (re.compile(r"\btrib\.?(?=\s)", re.I), "Tribunal"),
    (re.compile(r"\bmat\.?(?=\s)", re.I), "Materia"),
    (re.compile(r"\bS\.?\s?C\.?\s?J\.?\s?N\.?(?=\s|$)"), "Suprema Corte de Justicia de la Nación"),
    (re.compile(r"\bT\.?\s?S\.?\s?J\.?(?=\s|$)"), "Tribunal Superior de Justicia"),
    (re.compile(r"\bTEPJF\b"), "Tribunal Electoral del Poder Judicial de la Federación"),
)
# Bodies of the two federal courts, named after them: "Sala Regional Xalapa del TEPJF".
_LONG_NAMES = (
    (re.compile(r"(?<=\w) de la Suprema Corte de Justicia de la Naci[oó]n$", re.I), " de la SCJN"),
    (re.compile(r"(?<=\w) del Tribunal Electoral del Poder Judicial de la Federaci[oó]n$", re.I),
     " del TEPJF"),
)  # fmt: skip
# Whole names written many ways, by their folded form.
KNOWN_COURTS = {
    "scjn": "Suprema Corte de Justicia de la Nación",
    "suprema corte de justicia de la nacion": "Suprema Corte de Justicia de la Nación",
    "pleno de la suprema corte de justicia de la nacion": "Pleno de la SCJN",
    "tribunal pleno": "Pleno de la SCJN",
    "tribunal pleno de la suprema corte de justicia de la nacion": "Pleno de la SCJN",
    "primera sala de la suprema corte de justicia de la nacion": "Primera Sala de la SCJN",
    "segunda sala de la suprema corte de justicia de la nacion": "Segunda Sala de la SCJN",
    "sala superior del tribunal electoral del poder judicial de la federacion": (
        "Sala Superior del TEPJF"
    ),
}


def title_case(text: str) -> str:
    """``JUZGADO PRIMERO DE LO CIVIL`` → ``Juzgado Primero de lo Civil`` (numerals kept)."""
    words = []
    for position, word in enumerate(text.split()):
        lower = word.lower()
        if _ROMAN.match(word) and len(word) > 1:
            words.append(word)
        elif position and lower in _SMALL_WORDS:
            words.append(lower)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
    return " ".join(words)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def normalise_court(text: str | None) -> str | None:
    """One written form per court: abbreviations and ordinals expanded, capitals tamed."""
    if not text:
        return None
    name = " ".join(text.split()).strip(" .,;:")
    if not name:
        return None
    known = KNOWN_COURTS.get(fold_keyword(name))
    if known:
        return known
    shouting = _shouting(name)
    for pattern, expansion in _ABBREVIATIONS:
        name = pattern.sub(expansion, name)
    name = _ORDINAL_NUMBER.sub(lambda m: ORDINALS.get(int(m[1]), m[0]), name)
    if shouting:
        name = title_case(name)
    known = KNOWN_COURTS.get(fold_keyword(name))
    if known:
        return known
    for long, short in _LONG_NAMES:
        name = long.sub(short, name)
    return name


CHAMBERS = (
    (("camara de diputados", "diputados", "camara baja"), "Cámara de Diputados"),
    (("camara de senadores", "senado de la republica", "senado", "camara alta"),
     "Senado de la República"),
    (("comision permanente",), "Comisión Permanente"),
    (("diputacion permanente",), "Diputación Permanente"),
    (("congreso general",), "Congreso General"),
    (("pleno",), "Pleno"),
)  # fmt: skip


def normalise_chamber(text: str | None) -> str | None:
    """``H. Cámara de Diputados`` → ``Cámara de Diputados``; ``Senado`` → ``Senado de la
    República``; ``PLENO`` → ``Pleno``; committees and other bodies keep their name."""
    if not text:
        return None
    name = " ".join(text.split()).strip(" .,;:")
    if not name:
        return None
    folded = fold_keyword(name)
    if folded.startswith(("comision de", "comisiones unidas", "comite")):
        return title_case(name) if _shouting(name) else name
    for words, canonical in CHAMBERS:
        if any(re.search(rf"\b{w}\b", folded) for w in words):
            return canonical
    return title_case(name) if _shouting(name) else name
