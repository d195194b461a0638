"""Many speaking at once, as stenographic versions write it at a paragraph's start with
no dash: ``Voces: ¡Fuera!``, ``La Asamblea: ¡Sí, protesto!``, ``Integrantes del Grupo
Parlamentario de Morena: ¡Es un honor…!``, ``Diversos senadores: ¡No!``. Without this
such a line stays glued to the turn before and its words are the previous speaker's (the
chair seemed to shout a bench's slogan). A group is no person: it names no one."""

from __future__ import annotations

import re

from indexer.speeches.roles import party_of

_MEMBERS = r"(?:diputad[oa]s|senador[ae]s|legislador[ae]s)"
_PAIR = rf"{_MEMBERS}(?:\s+y\s+{_MEMBERS})?"
# "del Grupo Parlamentario de Morena", "de la bancada del PAN", "del PRI", "de Morena"
_BENCH = r"(?:(?:grupo|fracci[oó]n)\s+parlamentari[oa]|bancada)"
_OF_GROUP = rf"\s+(?:de\s+la|del?)\s+(?:{_BENCH}\s+(?:de\s+la|del?)\s+)?[\w. ]{{1,40}}?"
_PARTY_NAMED = re.compile(rf"\s(?:de\s+la|del?)\s+(?:{_BENCH}\s+(?:de\s+la|del?)\s+)?(.+)$", re.I)
# One voice the record does not name ("Voz: ¡Que se vote!", "-VOZ: …", "Voz femenina:
# …", "Voz desde la galería: …"): someone speaks, no one the record can say.
_FROM = (
    r"desde\s+(?:la|el|las|los|su)\s+(?:galer[ií]as?|curul|esca[ñn]o|p[uú]blico|tribuna|palcos?)"
)
_VOICE = (
    r"voz(?:\s+(?:femenina|masculina|de\s+(?:mujer|hombre)|no\s+identificada"
    rf"|{_FROM}))?"
)
# Said only of a chorus: never how a speaker addresses the hall.
_CHORUS = (
    # (the gallery's too: "Voces desde las galerías: ¡Fuera!", "Una voz desde la galería: …")
    rf"{_VOICE}|voces(?:\s+a\s+coro)?(?:\s+{_FROM}|{_OF_GROUP})?|(?:varias\s+voces|una\s+voz)(?:\s+{_FROM})?"
    r"|(?:la\s+)?asamblea(?:\s+a\s+coro)?"
    rf"|(?:diversos|diversas|varios|varias|algunos|algunas)\s+{_PAIR}(?:{_OF_GROUP})?"
    rf"|(?:las\s+y\s+los|los\s+y\s+las)\s+{_PAIR}(?:{_OF_GROUP})?"
)
# Also how a speaker may address the hall ("Diputadas y diputados: vengo a…"): a group
# only when what follows is a shout (¡…!).
_MEMBERS_OF = (
    rf"integrantes{_OF_GROUP}|{_PAIR}{_OF_GROUP}"
    rf"|{_PAIR}"
)
_COLLECTIVE = re.compile(
    # (a state congress's dotted shape too: "VOZ.- ¡Fuera!", "LA ASAMBLEA.- ¡Sí, protesto!")
    rf"^\s*(?:[-–—]\s*)?(?-i:(?=[A-ZÁÉÍÓÚÑ]))(?:(?P<chorus>{_CHORUS})(?:\s*:\s+|\s*\.\s*[-–—]\s*)(?=\S)"
    rf"|(?P<members>{_MEMBERS_OF})\s*:\s+(?=[¡!]))",
    re.IGNORECASE,
)
_WHOLE = re.compile(rf"(?:{_CHORUS}|{_MEMBERS_OF})", re.IGNORECASE)


def collective_speaker_at(line: str) -> tuple[str, str] | None:
    """``(who, words)`` when ``line`` opens with a chorus or a bench speaking at once."""
    match = _COLLECTIVE.match(line)
    if match is None:
        return None
    who = match["chorus"] or match["members"]
    return " ".join(who.split()), line[match.end() :].strip()


def collective(as_written: str) -> bool:
    """Whether a speaker as written is many speaking at once (names no one)."""
    return _WHOLE.fullmatch(" ".join(as_written.strip(" -–—").split())) is not None


def collective_party(as_written: str) -> tuple[str, str] | None:
    """The party a bench speaking at once is of, and as written, when the line says it."""
    written = " ".join(as_written.strip(" -–—").split())
    if _WHOLE.fullmatch(written) is None:
        return None
    named = _PARTY_NAMED.search(written)
    party = party_of(named[1]) if named else None
    return (party, named[1].strip()) if party else None
