"""The court a single judge's closing names through the judge's office.

A juzgado's sentence (a federal Juzgado de Distrito, a state court of first instance)
closes with its judge, not with a court as subject: "Así lo resolvió y firma la Licenciada
Ana Ruiz Soto, Jueza Segunda de Distrito en Materia Administrativa en la Ciudad de México,
ante…", "…lo sentenció y firma el Juez Primero de lo Familiar del Primer Distrito Judicial,
Juan Pérez López, quien actúa…", "…firma Juan Pérez, titular del Juzgado Quinto de Distrito
en el Estado de Puebla…". The office names the court ("Jueza Segunda de Distrito" is the
"Juzgado Segundo de Distrito"). Read only as the closing verb's subject; a judge named
further on (a copy sent to, the judge whose sentence is appealed) is no court of its own.
"""

from __future__ import annotations

import re

from indexer.readers.courts import normalise_court, ordinal_word

_ORDINAL_WORD = (
    r"(?:(?:d[eé]cim|vig[eé]sim|trig[eé]sim|cuadrag[eé]sim|quincuag[eé]sim)[oa]\s+)?"
    r"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]ptim[oa]"
    r"|octav[oa]|noven[oa])"
    r"|(?:d[eé]cim|vig[eé]sim|trig[eé]sim|cuadrag[eé]sim|quincuag[eé]sim)[oa]"
    r"|und[eé]cim[oa]|duod[eé]cim[oa]"
)
_ORDINAL = rf"(?:{_ORDINAL_WORD}|\d{{1,2}}\s*(?:o|a|er|º|°|ª)\.?)"
# ("Maestra en Derecho Ana Ruiz Soto": the degree's field is the title's)
_TITLES = (
    r"(?:(?:(?:maestr[oa]|doctora?)\s+en\s+(?:derecho|ciencias\s+jur[ií]dicas)"
    r"|(?:licenciad|maestr|ciudadan)[oa]|doctora?|lic\.|licda\.|mtr[oa]\.|dra?\.|c\.)\s*)*"
)
# What may stand between the verb and the office: "y firma", the vote, an article, titles
# and the judge's name with its comma ("…y firma la Licenciada Ana Ruiz Soto, Jueza…").
_SUBJECT = re.compile(
    r"^\w*,?\s+(?i:y\s+firman?,?\s+(?:electr[oó]nicamente\s+)?)?(?i:(?:el|la)\s+)?"
    rf"(?i:{_TITLES})(?:[A-ZÁÉÍÓÚÑ][\w'.-]*(?:\s+(?:(?:de|del|la|las|los|y)\s+)?[A-ZÁÉÍÓÚÑ][\w'.-]*)"
    r"{1,6},?\s+(?i:(?:en\s+su\s+car[aá]cter\s+de|como)\s+)?)?"
    r"(?i:(?:el|la)\s+)?(?i:secretari[oa]\s+en\s+funciones\s+de\s+)?$"
)
# The office: "Jueza Segunda de Distrito…", "Juez Primero de lo Civil…", "titular del
# Juzgado Tercero…"; its name up to what the sentence says next.
_OFFICE = re.compile(
    rf"\b(?:jueza?|titular\s+del\s+juzgado)\s+(?:(?P<ordinal>{_ORDINAL})\s+)?"
    # (a state's "Jueza Primero Familiar del Distrito Judicial de Toluca": the matter first;
    # "Juez Primero Civil con sede en Toluca": its seat right after the matter)
    r"(?P<rest>(?:(?:familiar|civil|penal|mercantil|mixto)\s+(?:con\s+(?:sede|residencia)\s+)?)?"
    r"(?:de|del|en)\s[^;\n]{3,200}?)"
    # where the name ends: a comma before what the sentence says next (a word in lower
    # case, a title, a person's name), a full stop, or "ante", "quien", "asistido"
    r"(?=\s*(?:,\s*(?:(?-i:[a-záéíóúñ])|(?:lic|licda|mtr[oa]|dra?|c)\.|(?:licenciad|maestr)[oa]\b"
    r"|(?-i:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ]))|\.(?:\s|$)|;|$"
    r"|\s+(?:ante|quien|asistid)\b))",
    re.I,
)
# A court's words: what tells a court's name from any "Juez Primero de la lista".
_COURT_WORD = re.compile(
    r"\b(?:distrito|materia|lo\s+\w+|primera\s+instancia|civil|penal|familiar|mercantil"
    r"|laboral|oral|control|ejecuci[oó]n|enjuiciamiento|menor|mixto|municipal|paz"
    r"|adolescentes|amparo)\b",
    re.I,
)
_FEMININE = re.compile(r"(?<=[a-záéíóú])a\b")
_APOCOPE = re.compile(r"\b(Primer|Tercer)\b", re.I)


def _masculine(ordinal: str) -> str:
    """ "Segunda" → "Segundo", "Décima Primera" → "Décimo Primero", "Primer" → "Primero":
    the juzgado's own ordinal, whatever the judge's gender."""
    number = re.match(r"\d+", ordinal)
    if number:
        return ordinal_word(int(number[0])) or ordinal
    words = _FEMININE.sub("o", ordinal)
    return _APOCOPE.sub(lambda m: f"{m[1]}o", words)


# A federal juzgado de distrito named without an ordinal ("Juez de Distrito en Materia
# Penal con residencia en Toluca", "Jueza de Distrito Especializada en el Sistema Penal
# Acusatorio…, con residencia en Almoloya de Juárez"): one court only where its seat or
# state is written; a state judge's office without an ordinal ("Juez de lo Civil del
# Distrito Judicial de Toluca", one of several) names none.
_UNNUMBERED_DISTRICT = re.compile(r"^de\s+distrito\b", re.I)
_PLACE = re.compile(
    r"\bcon\s+(?:residencia|sede)\s+en\s+\S|\ben\s+(?:el\s+estado\s+de|la\s+ciudad\s+de)\s+\S",
    re.I,
)
_FEMININE_ADJECTIVE = re.compile(r"\b(Especializad|Auxiliar)a\b", re.I)


def _office(clause: str) -> re.Match[str] | None:
    """The judge's office that is the closing verb's subject, if it names one court: with
    its ordinal, or a juzgado de distrito's by its seat (``_UNNUMBERED_DISTRICT``)."""
    found = _OFFICE.search(clause)
    if found is None or not _SUBJECT.match(clause[: found.start()]):
        return None
    if found["ordinal"] is None and not (
        _UNNUMBERED_DISTRICT.match(found["rest"]) and _PLACE.search(found["rest"])
    ):
        return None
    return found


def judges_court(clause: str) -> str | None:
    """The juzgado whose judge the closing says resolved (``clause`` read from its verb),
    as a court name; None where no judge's office is the verb's subject."""
    found = _office(clause)
    if found is None:
        return None
    rest = " ".join(found["rest"].split()).rstrip(" .,")
    if not _COURT_WORD.search(rest):
        return None
    rest = _FEMININE_ADJECTIVE.sub(lambda m: f"{m[1]}o", rest)  # (the juzgado's, masculine)
    if found["ordinal"] is None:
        return normalise_court(f"Juzgado {rest}")
    ordinal = _masculine(" ".join(found["ordinal"].split()))
    return normalise_court(f"Juzgado {ordinal} {rest}")


# The judge's name right after the office: "…firma el Juez Segundo de Distrito en…,
# Juan Pérez López, ante…" (titles off).
_NAME_AFTER = re.compile(
    rf"\s*,\s*(?i:{_TITLES})(?P<name>[A-ZÁÉÍÓÚÑ][\w'.-]*(?:\s+(?:(?:de|del|la|las|los|y)\s+)?"
    r"[A-ZÁÉÍÓÚÑ][\w'.-]*){1,6})\s*(?:,|\.(?:\s|$)|$)"
)


def judge_after_office(clause: str) -> str | None:
    """The judge the closing names after the office it says resolved (``clause`` read
    from the verb); None where the office is not the verb's subject or no name follows."""
    found = _office(clause)
    if found is None:
        return None
    named = _NAME_AFTER.match(clause, found.end())
    return " ".join(named["name"].split()) if named else None


# A unitary sala's magistrate named after the office: "…lo resolvió y firma el Magistrado
# de la Tercera Sala Penal del Tribunal Superior de Justicia del Estado, licenciado Juan
# Pérez López, ante…" (one magistrate, the verb's subject; the office up to its comma).
_MAGISTRATE_OFFICE = re.compile(
    r"^\w*,?\s+(?:y\s+firma,?\s+)?(?:el|la)\s+magistrad[oa]\s+(?:titular\s+)?de\s+la\s+"
    rf"(?:{_ORDINAL_WORD})\s+sala\b[^,;\n]{{0,200}}",
    re.I,
)


def magistrate_after_office(clause: str) -> str | None:
    """The magistrate the closing names after the unitary sala's office it says resolved
    (``clause`` read from the verb); None where no such office is the verb's subject."""
    found = _MAGISTRATE_OFFICE.match(clause)
    named = found and _NAME_AFTER.match(clause, found.end())
    return " ".join(named["name"].split()) if named else None
