"""The ponente a collegiate court's closing names by place in its list of members.

A circuit court, a state sala or a chamber of the TEPJF closes with its members and
points at one of them: "Así lo resolvió el Primer Tribunal Colegiado…, por unanimidad de
votos de los Magistrados Ana Ruiz Soto (presidenta), Luis Gómez Paz y Juan Pérez López,
siendo ponente el último de los nombrados". The name is read from the list only where
every member in it reads as a person's name; otherwise none (a wrong ponente is worse
than none).
"""

from __future__ import annotations

import re

# "el último de los nombrados", "la primera de las nombradas", "el segundo de los
# mencionados"
PLACE_NAMED = re.compile(
    r"(?P<place>primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|[uú]ltim[oa])\s+"
    r"de\s+(?:los|las)\s+(?:(?:antes|arriba|primeramente)\s+)?"
    r"(?:nombrad|mencionad|citad|señalad)[oa]s\b",
    re.I,
)
_PLACES = {"primer": 0, "segund": 1, "tercer": 2, "cuart": 3, "quint": 4}
# Where the members' list starts: after "Magistrados", "Magistradas", "Ministros",
# "magistraturas" or a plural title ("Licenciados", "Maestras") — the last one before the
# place phrase — and where it ends: at the "siendo ponente" before the place phrase.
_PLURAL = re.compile(
    r"\b(?:magistrad[oa]s|ministr[oa]s|magistraturas|licenciad[oa]s|maestr[oa]s|doctor[ae]s)"
    r"\b(?:\s+de\s+circuito)?\s*:?\s*",
    re.I,
)
# After the plural, the court the members make up before their names: "los Magistrados
# integrantes de la Segunda Sala del Supremo Tribunal…, Ana Ruiz Soto, …" (no comma inside
# a court's name)
_COURT_FIRST = re.compile(
    r"(?:integrantes|que\s+(?:integran|conforman))\s+(?:de\s+)?(?:la|el|del|este|esta)\s+[^,;()]{5,160},\s*",
    re.I,
)
_LIST_END = re.compile(r"[,;]?\s*\b(?:siendo|fungiendo|quien\s+fue|actuando)\b", re.I)
_ASIDE = re.compile(r"\([^)]{0,60}\)")
_SEPARATOR = re.compile(r"\s*,\s*(?:y\s+|e\s+)?|\s+(?:y|e)\s+")
_TITLE = re.compile(
    r"^(?:(?:(?:magistrad|ministr|licenciad|maestr|ciudadan)[oa]|doctora?|lic\.|licda\.|"
    r"mtr[oa]\.|dra?\.|c\.|presidente|presidenta)\s+)+",
    re.I,
)
_NAME = re.compile(
    r"^[A-ZÁÉÍÓÚÑ][\w'.-]+(?:\s+(?:(?:de|del|la|las|los|y)\s+)*[A-ZÁÉÍÓÚÑ][\w'.-]*){1,6}$"
)


def member_by_place(paragraph: str, place_at: int) -> str | None:
    """The member the place phrase at ``place_at`` points to in the list before it, or
    None where the list or any of its names is not clear."""
    place = PLACE_NAMED.match(paragraph, place_at)
    if place is None:
        return None
    starts = [m.end() for m in _PLURAL.finditer(paragraph, 0, place_at)]
    end = _LIST_END.search(paragraph, starts[-1], place_at) if starts else None
    if end is None:
        return None
    members = []
    listed = paragraph[starts[-1] : end.start()]
    court = _COURT_FIRST.match(listed)
    listed = listed[court.end() :] if court else listed
    for part in _SEPARATOR.split(_ASIDE.sub(" ", listed).strip(" ,")):
        name = " ".join(_TITLE.sub("", part.strip()).split())
        if not _NAME.match(name):
            return None  # a word that is no name: the list is not read right
        members.append(name)
    word = place["place"].lower()
    index = -1 if word.startswith(("últim", "ultim")) else _PLACES.get(word[:6].rstrip("oa"))
    if index is None or len(members) < 2 or index >= len(members):
        return None
    return members[index]
