"""Documents identified by what they are (a session on a date), shared by sources.

A congress's session page and its video channel describe the same session. With an
``identity`` in their specs, both compute the same id from the session's normalised
key (e.g. date and session type) and their contributions are merged: the page owns the
session's fields; the channel contributes video links and fills what is missing. Each
link remembers its source, so a source re-crawled replaces its own links only, and a
recording replaces the live or announced stream its source had linked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indexer.build import AnyDocument, MissingField
from indexer.models import DocumentCore, VideoLink, document_id
from indexer.readers.session_numbers import counted_in_period, session_number_key
from indexer.readers.videos import video_key

_NEVER_FILLED = frozenset(
    {"id", "kind", "title", "url", "source_id", "text", "signature_text", "content_sha256",
     "fetched_at", "updated_at", "files", "video_urls", "institution", "jurisdiction",
     "field_sources", "sources"}
)  # fmt: skip


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def identity_id(doc: AnyDocument, scope: str, key: Sequence[str], *, earlier: bool = False) -> str:
    """The id of the thing ``doc`` is, under ``scope``: the first key field is required,
    the others may be empty (a title need not say the session type). ``earlier``: the id
    versions before 2026-12-06 gave it (a «matutina» its own session, a sitting named
    without a session type none), that a stored session may still have."""
    values = doc.model_dump(mode="json")
    values["expediente"] = values.get("expediente_normalised")  # A.R. 12/2020 is AR 12/2020
    if earlier:
        if values.get("session_type") and values.get("sitting"):
            values["session_type"] = f"{values['session_type']}/{values['sitting']}"
    elif sitting := first_sitting(values.get("sitting")):
        # the evening sitting is another, its type named or not («Sesión Vespertina»)
        values["session_type"] = f"{values.get('session_type') or ''}/{sitting}"
    values["session_number"] = session_number_key(values.get("session_number"))  # 033 is 33
    if _empty(values.get(key[0])):
        raise MissingField(key[0])
    parts = [f"{name}={'' if _empty(values.get(name)) else values.get(name)}" for name in key]
    return document_id(scope, "identity:" + "|".join(parts))


# The session types readers before version 7 gave a title that now reads as another
# (``normalise_session_type``): «Sesión de Junta Previa» none, «Sesión Solemne de
# Congreso General» ``solemne`` («Sesión de Congreso General» none); before version 8, a
# bare «Sesión Permanente» ``permanente`` (now none, or the kind of a sitting declared
# permanent). A session stored then keeps the id of that type until a crawl adopts it
# under its id.
FORMER_SESSION_TYPES: dict[str | None, tuple[str | None, ...]] = {
    "junta_previa": (None,),
    "congreso_general": ("solemne", None),
    None: ("permanente",),
    "ordinaria": ("permanente",),
    "extraordinaria": ("permanente",),
}


def first_sitting(sitting: str | None) -> str | None:
    """The sitting as a session's identity counts it: the ``matutina`` is the day's
    first, the one a listing writes «Ordinaria» beside «Ordinaria Vespertina» (the
    Senado's nos. 174 and 173) and a channel titles «Sesión Ordinaria Matutina»."""
    return None if sitting == "matutina" else sitting


def another_session(existing: AnyDocument, incoming: AnyDocument) -> bool:
    """Two sessions of one day, type and sitting that their page numbers apart (two
    extraordinary sessions, nos. 12 and 13): the second is its own document, keyed by its
    number too, while the first keeps the key a channel's videos find. Numbers compare
    as numbers: a listing's «33» and a heading's «033» are one session; a number counted
    in its period ("8, segundo periodo ordinario") against one that is not (the
    listing's «174» of the legislature) tells nothing, and the two stay one."""
    number = session_number_key(getattr(incoming, "session_number", None))
    other = session_number_key(getattr(existing, "session_number", None))
    if counted_in_period(number) != counted_in_period(other):
        return False  # a period's count and the legislature's are not compared
    return bool(number and other and number != other)


def numbers_compared(existing: AnyDocument, incoming: AnyDocument) -> bool:
    """Whether the two documents' numbers say if they are one session: both given, and
    both counted in a period or neither (a period's «8» and the legislature's «174» say
    nothing, nor does a number missing on either side)."""
    number = session_number_key(getattr(incoming, "session_number", None))
    other = session_number_key(getattr(existing, "session_number", None))
    return bool(number and other) and counted_in_period(number) == counted_in_period(other)


# the sittings a day can hold besides its first (as ``sitting_of`` names them; the
# matutina is the first)
SITTINGS = ("vespertina", "nocturna", "segunda", "tercera", "cuarta", "quinta")


def sibling_ids(doc: AnyDocument, scope: str, key: Sequence[str]) -> list[str]:
    """The ids the same day's sessions of the same type would have in the other
    sittings (the vespertina of an «Ordinaria»); none when the key does not tell sittings
    apart (it names no session type) or the document names its own sitting."""
    if "session_type" not in key or getattr(doc, "sitting", None):
        return []
    ids = []
    for sitting in SITTINGS:
        try:
            ids.append(identity_id(doc.model_copy(update={"sitting": sitting}), scope, key))
        except MissingField:
            return []
    return ids


def merge_videos(
    existing: Sequence[VideoLink],
    incoming: Sequence[VideoLink],
    source_id: str,
    owner_source: str,
    replace_own: bool,
) -> list[VideoLink]:
    """Existing links updated by ``source_id``'s incoming ones.

    - an incoming link replaces the existing link of the same video (a live stream that
      is now a recording on the same URL changes state, it is not added twice);
    - ``replace_own``: the source's other links are dropped (a page is the truth about
      its own links);
    - otherwise, when the source now has a recording, its live/upcoming links that it no
      longer lists are dropped (the stream ended and its recording replaced it).
    """
    incoming_keys = {video_key(v.url) for v in incoming}
    has_recording = any(v.state == "recorded" for v in incoming)
    kept = []
    for link in existing:
        origin = link.source_id or owner_source
        if video_key(link.url) in incoming_keys:
            continue
        if origin == source_id and (
            replace_own or (has_recording and link.state in ("live", "upcoming"))
        ):
            continue
        kept.append(link)
    merged = kept + list(incoming)
    # One order whichever source came first: the owner's links, then by source.
    return sorted(merged, key=lambda v: (v.source_id or owner_source) != owner_source)


def _filled(base: DocumentCore, other: DocumentCore) -> dict[str, Any]:
    """Fields empty in ``base`` that ``other`` has."""
    updates = {}
    for name in type(base).model_fields:
        if name in _NEVER_FILLED or not hasattr(other, name):
            continue
        if _empty(getattr(base, name)) and not _empty(getattr(other, name)):
            updates[name] = getattr(other, name)
    return updates


def merge_documents(existing: AnyDocument, incoming: AnyDocument, contributor: bool) -> AnyDocument:
    """One document from what the database has and what a source just read.

    A contributor (a video channel) adds its links and fills empty fields of the
    existing document; any other source owns the document's fields and keeps the links
    other sources contributed."""
    if existing.kind != incoming.kind:
        return incoming
    if contributor:
        base, other = existing, incoming
    else:
        base, other = incoming, existing
    updates = _filled(base, other)
    borrowed = {n: other.field_sources[n] for n in updates if n in other.field_sources}
    if borrowed:
        updates["field_sources"] = base.field_sources | borrowed
    if not base.text and other.text:
        updates["text"] = other.text
    if hasattr(base, "video_urls"):
        updates["video_urls"] = merge_videos(
            existing.video_urls,  # type: ignore[union-attr]
            incoming.video_urls,  # type: ignore[union-attr]
            incoming.source_id,
            base.source_id,
            replace_own=not contributor,
        )
    return base.model_copy(update=updates)  # type: ignore[return-value]
