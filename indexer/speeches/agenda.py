"""Documents a session names: ``Iniciativa 140/LXVI``, ``el Dictamen 45/LXVI``,
``Punto de Acuerdo 12/LXVI``, ``Gaceta Parlamentaria 33/LXVI`` in an agenda item or a
speech, matched to the legislative documents of the library by type, number and
legislature (the number alone is never enough: every legislature restarts it)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from indexer.analysis import fold_keyword
from indexer.models import Legislativo, Sesion
from indexer.speeches.model import Mention, Speech

_REFERENCE = re.compile(
    r"\b(?P<type>iniciativa|dictamen|punto de acuerdo|proposici[oó]n con punto de acuerdo|"
    r"gaceta(?: parlamentaria)?)\s+(?:n[uú]m(?:ero|\.)?\s*)?(?P<num>\d{1,5})\s*/\s*"
    r"(?P<leg>[LXVI]{2,8})\b",
    re.IGNORECASE,
)
_TYPES = {
    "iniciativa": "iniciativa",
    "dictamen": "dictamen",
    "punto de acuerdo": "punto_de_acuerdo",
    "proposicion con punto de acuerdo": "punto_de_acuerdo",
    "gaceta": "gaceta",
    "gaceta parlamentaria": "gaceta",
}


@dataclass(frozen=True)
class Reference:
    doc_type: str
    number: int
    legislature: str
    written: str


def references(text: str) -> list[Reference]:
    found = []
    for match in _REFERENCE.finditer(text):
        doc_type = _TYPES[fold_keyword(match["type"])]
        found.append(Reference(doc_type, int(match["num"]), match["leg"].upper(), match[0]))
    return found


def reference_key(doc_type: str, number: int, legislature: str) -> str:
    return f"{doc_type}|{number}|{legislature}"


def document_key(doc: Legislativo) -> str | None:
    """A legislative document's reference key, from its number field (``Iniciativa
    140/LXVI``) and type; None when its number says no legislature."""
    return number_key(doc.number, doc.doc_type)


def number_key(number: str | None, doc_type: str | None) -> str | None:
    """``document_key`` from the two fields it reads (a stored document's data)."""
    if not number:
        return None
    match = _NUMBER.search(number)
    if match is None:
        return None
    return reference_key((doc_type or "").replace(" ", "_"), int(match[1]), match[2].upper())


_NUMBER = re.compile(r"(\d{1,5})\s*/\s*([LXVI]{2,8})\b", re.IGNORECASE)


def session_mentions(
    session: Sesion, speeches: Sequence[Speech], by_key: Mapping[str, str]
) -> list[Mention]:
    """Every reference in the session's agenda and speeches, once per place it is made,
    with the document it names (``by_key``: reference key → document id) when there is one."""
    mentions: list[Mention] = []
    seen: set[tuple[str, str | None, int | None]] = set()

    def add(ref: Reference, speech_id: str | None, agenda_index: int | None) -> None:
        key = reference_key(ref.doc_type, ref.number, ref.legislature)
        if (key, speech_id, agenda_index) in seen:
            return
        seen.add((key, speech_id, agenda_index))
        mentions.append(
            Mention(
                session_id=session.id,
                jurisdiction=session.jurisdiction,
                reference_key=key,
                document_id=by_key.get(key),
                mention=ref.written,
                speech_id=speech_id,
                agenda_index=agenda_index,
            )
        )

    for index, item in enumerate(session.agenda):
        for ref in references(item):
            add(ref, None, index)
    for speech in speeches:
        for ref in references(speech.text):
            add(ref, speech.id, speech.agenda_index)
    return mentions
