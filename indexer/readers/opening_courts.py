"""The resolving court a state or TFJA sentence names only in its opening paragraph.

A juzgado opens "En Guadalajara, Jalisco, a veinte de enero de dos mil veinticuatro, el
Juzgado Tercero de lo Civil … dicta la siguiente sentencia"; a state high court's sala
says "VISTOS para resolver el toca … ante esta Décima Sala del Supremo Tribunal de
Justicia del Estado…"; a TFJA sala opens "La Quinta Sala Regional Metropolitana del
Tribunal Federal de Justicia Administrativa, integrada por…", or "Integrada la Quinta Sala
Regional Metropolitana del Tribunal… por los Magistrados…", and its Sala Superior
"Resolución de la Primera Sección de la Sala Superior del Tribunal…, correspondiente a la
sesión…". Each is read only where the court is the sentence's own: the subject of its
verb, or "esta" in its VISTOS paragraph. A court the opening merely names (the judge
appealed from, a sala cited) is another's.
"""

from __future__ import annotations

import re

from indexer.readers.courts import normalise_court

_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+"
_PLACE = rf"{_WORD}(?:\s+(?:de\s+)?{_WORD}){{0,3}}"  # "Guadalajara", "San Luis Potosí"
# What a juzgado's name runs to: no comma, no full stop, one line.
_JUZGADO = r"Juzgado\s+(?:[A-ZÁÉÍÓÚ][\wáéíóú]+|de\s+)[^,;.\n]{2,160}?"
# The opening's place and date, then the court as the subject: "En Guadalajara, Jalisco, a
# veinte de enero de dos mil veinticuatro, el Juzgado …" and the verb that makes it the one
# giving the sentence ("dicta", "emite", "pronuncia"), or its sentence ending where the
# VISTOS paragraph begins.
_JUZGADO_OPENING = re.compile(
    rf"(?m)^[ \t]*En\s+(?:la\s+(?:ciudad|villa|poblaci[oó]n)\s+de\s+)?{_PLACE}(?:,\s*{_PLACE})?"
    r",\s+(?:a|el\s+d[ií]a)\s+[^,;\n]{4,120}?,\s+(?:el|este)\s+"
    rf"(?P<court>{_JUZGADO})"
    # (its judge between, as its voice: ", por conducto de su titular, ********,")
    r"(?=(?:,\s+por\s+conducto\s+de\s+su\s+titular(?:,\s+[^,;.\n]{1,80})?,)?"
    r"\s+(?:dicta|emite|pronuncia|procede\s+a\s+dictar)\b"
    r"|\.?\s*\n\s*V\s*I\s*S\s*T\s*O\s*S?\b)"
)
# A VISTOS paragraph (up to its line's end) and, in it, the state high court's sala it
# calls its own: "esta" + ordinal + "Sala" (its kind after) + the court by name.
_VISTOS = re.compile(r"(?m)^[ \t]*V\s*I\s*S\s*T\s*O\s*S?\b[^\n]{0,1500}")
_OWN_STATE_SALA = re.compile(
    r"\best[ae]\s+(?:H\.\s*|Honorable\s+)?"
    rf"(?P<court>(?:D[eé]cim[oa]\s+|Vig[eé]sim[oa]\s+)?{_WORD}[oa]\s+Sala"
    rf"(?:\s+(?:en\s+)?(?:[Mm]ateria\s+)?{_WORD}){{0,3}}"
    r"\s+del\s+(?:H\.\s*|Honorable\s+)?(?:Supremo\s+Tribunal|Tribunal\s+Superior)\s+de\s+Justicia"
    rf"\s+del\s+Estado(?:\s+(?:Libre\s+y\s+Soberano\s+)?de\s+{_WORD}(?:\s+(?:de\s+)?{_WORD})?)?)"
    r"(?![\wáéíóú])"
)
# A TFJA sala at a sentence's start, then what it does: "La Quinta Sala Regional
# Metropolitana del Tribunal Federal de Justicia Administrativa, integrada por…"; the
# Sala Superior's three sections (the Tercera, since 2017, hears the recursos de apelación
# on grave administrative responsibilities), its sentence opening after the place and
# date as the TFJA separates them (".- La Tercera Sección…").
_TFJA_COURT = (
    r"(?P<court>(?:(?:D[eé]cim[oa]\s+)?[A-ZÁÉÍÓÚ][a-záéíóú]+[oa]\s+|D[eé]cim[oa]\s+)?"
    r"(?:Sala\s+(?:Regional|Especializada|Auxiliar)\b[^,;.\n]{0,100}?"
    r"|(?:Primera|Segunda|Tercera)\s+Secci[oó]n\s+de\s+la\s+Sala\s+Superior"
    r"|Pleno\s+(?:Jurisdiccional\s+)?de\s+la\s+Sala\s+Superior)"
    r"\s+del\s+Tribunal\s+Federal\s+de\s+Justicia\s+(?:Fiscal\s+y\s+)?Administrativa)\b"
)
# where a TFJA opening's sentence starts: a line, or after the place and date's ".-"
_TFJA_START = r"(?:^|(?<=\n)|(?<=\.\s)|(?<=\.-\s)|(?<=\.-))[ \t]*"
_TFJA_OPENING = re.compile(
    rf"{_TFJA_START}(?:La|El)\s+{_TFJA_COURT}"
    r",?\s+(?:integrad[oa]\s+por|con\s+fundamento|dicta|emite|pronuncia|procede|resuelve)\b"
)
# The salas' own opening, its magistrados after ("Ciudad de México, a veinte de marzo de
# dos mil veinticuatro.- Integrada la Quinta Sala Regional Metropolitana del Tribunal
# Federal de Justicia Administrativa por los Magistrados…"), and the Sala Superior's
# ("Resolución de la Primera Sección de la Sala Superior del Tribunal Federal de Justicia
# Administrativa, correspondiente a la sesión de fecha…", or "…, correspondiente al día…"
# naming no session; "Resolución del Pleno Jurisdiccional de la Sala Superior…": its
# session's date is read as the others').
_TFJA_INTEGRATED = re.compile(
    rf"{_TFJA_START}Integrad[oa]\s+(?:la|el)\s+{_TFJA_COURT},?\s+(?:por|con)\s+"
    r"(?:los|las|el|la|sus)\b"
)
_TFJA_RESOLUTION = re.compile(
    rf"{_TFJA_START}(?:Resoluci[oó]n|Sentencia)\s+(?:de\s+la|del)\s+{_TFJA_COURT}\s*,?\s+"
    r"(?:correspondiente\s+a\s+la\s+sesi[oó]n|en\s+(?:la\s+)?sesi[oó]n"
    r"|correspondiente\s+al(?:\s+d[ií]a)?(?=\s))\b"
)
# A sala's name that is no one sala: none after its kind ("Sala Regional del Tribunal…"),
# or the Metropolitana's without its ordinal (fourteen salas share the name).
_NO_ONE_SALA = re.compile(
    r"^(?:Sala\s+(?:Regional|Especializada|Auxiliar)(?:\s+Metropolitana)?\s+del\s+Tribunal\b"
    r"|Sala\s+Regional\s+Metropolitana\b)"
)
OPENING_CHARS = 4000  # the opening paragraph, past a caption; not the body's citations


def opening_court(head: str) -> tuple[str, int] | None:
    """The court the opening states as its own, and where; None if it names none so."""
    head = head[:OPENING_CHARS]
    found: list[tuple[int, str]] = []
    if match := _JUZGADO_OPENING.search(head):
        found.append((match.start("court"), match["court"]))
    for pattern in (_TFJA_OPENING, _TFJA_INTEGRATED, _TFJA_RESOLUTION):
        match = pattern.search(head)
        if match is not None and not _NO_ONE_SALA.match(match["court"]):
            found.append((match.start("court"), match["court"]))
    vistos = _VISTOS.search(head)  # the first only: the document's own
    sala = _OWN_STATE_SALA.search(vistos[0]) if vistos else None
    if vistos and sala:
        found.append((vistos.start() + sala.start("court"), sala["court"]))
    for at, written in sorted(found):
        court = normalise_court(" ".join(written.split()))
        if court:
            return court, at
    return None
