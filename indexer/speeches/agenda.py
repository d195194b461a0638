"""Documents a session names: ``Iniciativa 140/LXVI``, ``el Dictamen 45/LXVI``,
``Punto de Acuerdo 12/LXVI``, ``Gaceta Parlamentaria 33/LXVI`` in an agenda item or a
speech, matched to the legislative documents of the library by type, number and
legislature (the number alone is never enough: every legislature restarts it)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
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
    if not doc.number:
        return None
    match = re.search(r"(\d{1,5})\s*/\s*([LXVI]{2,8})\b", doc.number, re.IGNORECASE)
    if match is None:
        return None
    doc_type = (doc.doc_type or "").replace(" ", "_")
    return reference_key(doc_type, int(match[1]), match[2].upper())


def documents_by_key(documents: Iterable[Legislativo]) -> dict[str, str]:
    """Each reference key and the (first) document it names: built once per batch of
    sessions, not once per session."""
    by_key: dict[str, str] = {}
    for doc in documents:
        key = document_key(doc)
        if key is not None:
            by_key.setdefault(key, doc.id)
    return by_key


def session_mentions(
    session: Sesion, speeches: Sequence[Speech], by_key: Mapping[str, str]
) -> list[Mention]:
    """Every reference in the session's agenda and speeches, once per place it is made,
    with the document it names (``by_key``, from ``documents_by_key``) when there is one."""
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
