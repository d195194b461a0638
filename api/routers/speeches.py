"""``GET /v1/speeches``: what was said in sessions, by whom; a session's speeches in
order; a person and what they said; the sessions that discussed a document."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import (
    LibraryDep,
    check_dates,
    invalid,
    page_url,
    permalink,
    query_error_kind,
)
from api.index_lag import published, withheld_now, without_withheld_speeches
from api.mensajes import Refused
from api.people_lag import unpublished_people
from api.schemas import ErrorResponse, SessionRef, ValidationErrorResponse
from config.spanish_errors import shown
from indexer.alignment.links import deep_link
from indexer.library import Library
from indexer.models import Sesion
from indexer.query import QuerySyntaxError
from indexer.speeches.model import Mention, Speech
from indexer.speeches.people import Person
from indexer.speeches.roles import with_lineage
from indexer.speeches.search import SPEECH_FACETS, SpeechHit, SpeechQuery
from indexer.speeches.service import SpeechIndex
from indexer.speeches.store import (
    find_people,
    get_person,
    get_speeches,
    mentions_of_document,
    person_speech_count,
    person_speeches,
    session_speech_counts,
    speeches_after,
)
from indexer.speeches.timing import session_timing
from indexer.stores.base import CursorError, FacetCount

router = APIRouter(prefix="/v1", tags=["speeches"])
Many = Annotated[list[str] | None, Query()]
BAD = {422: {"model": ValidationErrorResponse, "description": "Malformed parameter"}}
# A session's speeches per answer: a hostile transcript of 100,000 turns is read in pages.
MAX_SESSION_SPEECHES = 1000
UNKNOWN = {404: {"model": ErrorResponse, "description": "No such session or person"}}


class TimedSpeech(Speech):
    """A speech with its moment in the video, when an aligner found it."""

    confidence: float | None = Field(None, description="How sure the alignment is (0–1).")
    video_link: str | None = Field(
        None, description="The session's video opened at the speech's start (t=…)."
    )


class TimedHit(SpeechHit):
    speech: TimedSpeech


class SessionAlignment(BaseModel):
    status: Literal["ok", "partial", "mismatch", "unavailable"] = Field(
        description="ok; partial (some speeches have no time); mismatch (the text and the "
        "video do not belong together); unavailable (no captions nor audio to align)."
    )
    reason: str | None = Field(None, description="Why not every speech has a time (Spanish).")
    aligned: int = Field(description="Speeches with a time.")
    speeches: int = Field(description="Spoken speeches (stage directions are not heard).")
    aligned_at: dt.datetime


class SpeechesResponse(BaseModel):
    total: int
    speeches: list[TimedHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)
    next_cursor: str | None = None
    next_url: str | None = None


class SessionSpeeches(BaseModel):
    session_id: str
    permalink: str
    alignment: SessionAlignment | None = Field(
        None, description="How the speeches were placed in the video; null: not yet tried."
    )
    total: int = Field(0, description="Speeches the session has (stage directions included).")
    speeches: list[TimedSpeech] = Field(description="At most ``limit``, in order.")
    next_url: str | None = Field(None, description="The following speeches; null at the end.")


MOST_PERSON_PAGES = 100_000  # a person's speeches, page by page: far past any real count


class PersonResponse(BaseModel):
    id: str
    name: str
    scope: str = Field(description="The congress or court the person belongs to.")
    forms: list[str] = Field(description="Every way their name was written.")
    terms: list[dict[str, str | None]] = Field(
        description="Legislature, party, chamber; body: where the person's own lines (or a "
        "roster's chamber) placed them (senado, diputados, ministro…)."
    )
    speeches: list[TimedSpeech] = Field(description="What they said, newest first.")
    speeches_total: int | None = Field(
        None, description="How many speeches they gave in all; null where none are listed."
    )
    page: int | None = Field(None, description="Which page of ``limit`` speeches this is.")
    next_url: str | None = Field(None, description="The older speeches; null at the end.")
    prev_url: str | None = Field(None, description="The newer speeches; null on the first.")


class PeopleResponse(BaseModel):
    people: list[PersonResponse]


@router.get(
    "/speeches",
    response_model=SpeechesResponse,
    responses=BAD,
    summary="Search what was said in sessions",
)
def speeches(
    request: Request,
    library: LibraryDep,
    q: Annotated[str, Query(description="Words said (same syntax as /v1/search)")] = "",
    speaker: Many = None,
    person: Many = None,
    party: Many = None,
    congress: Many = None,
    legislature: Many = None,
    role: Many = None,
    session: Many = None,
    agenda: Annotated[str, Query(description="Words of the agenda item")] = "",
    date_from: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    procedural: bool = False,
    sort: Literal["relevance", "date_desc", "date_asc"] = "relevance",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> SpeechesResponse:
    """Speeches matching the words, with highlights and facets by speaker, party and
    congress; stage directions only with ``procedural=true``."""
    check_dates(date_from, date_to)
    params = {
        "speaker": speaker,
        "person_id": person,
        "party": party,
        "congress": congress,
        "legislature": legislature,
        "role": role,
        "session_id": session,
    }
    filters = {k: [v for v in vs if v.strip()] for k, vs in params.items() if vs}
    if filters.get("party"):
        filters["party"] = with_lineage(filters["party"])  # MC finds Convergencia's too
    query = SpeechQuery(
        q=q,
        filters={k: v for k, v in filters.items() if v},
        agenda=agenda,
        date_from=date_from,
        date_to=date_to,
        include_procedural=procedural,
        sort=sort,
        limit=limit,
        cursor=cursor or None,
        facets=list(SPEECH_FACETS),
    )
    index = _index(library)
    try:
        result = index.search(query)
    except QuerySyntaxError as exc:
        raise invalid(
            "q", exc.message, query_error_kind(exc), position=exc.position, mensaje=exc.mensaje
        ) from exc
    except CursorError as exc:
        raise invalid(
            "cursor",
            str(exc),
            "cursor",
            mensaje="el cursor no es válido: páselo tal como llegó en next_cursor",
        ) from exc
    # the database is the truth: a session withheld since the last flush lends no speech
    # (its speeches leave the index at the flush), and timings an aligner added since
    # indexing come along
    # nor a count, nor a facet's bucket (one search of those sessions alone, when any)
    result = without_withheld_speeches(library, index.search, query, result)
    held = withheld_now(library, (hit.speech.session_id for hit in result.hits))
    if held:
        kept = [hit for hit in result.hits if hit.speech.session_id not in held]
        result = result.model_copy(update={"hits": kept})
    current = get_speeches(library.db, [hit.speech.id for hit in result.hits])
    timed = timed_speeches(library, [current.get(h.speech.id, h.speech) for h in result.hits])
    hits = [
        TimedHit(**{**hit.model_dump(exclude={"speech"}), "speech": speech})
        for hit, speech in zip(result.hits, timed, strict=True)
    ]
    return SpeechesResponse(
        total=result.total,
        speeches=hits,
        facets=result.facets,
        next_cursor=result.next_cursor,
        next_url=page_url(request, result.next_cursor),
    )


def _index(library: Library) -> SpeechIndex:
    if library.speech_index is None:
        raise Refused(
            503,
            "speech search is not available",
            "la búsqueda de intervenciones no está disponible",
        )
    return library.speech_index


@router.get(
    "/sessions/{session_id}/speeches",
    response_model=SessionSpeeches,
    summary="A session's speeches, in order",
    responses={**UNKNOWN, **BAD},
)
def speeches_of_session(
    request: Request,
    session_id: str,
    library: LibraryDep,
    after: Annotated[
        int, Query(ge=-1, le=10**9, description="Speeches after this order (see next_url)")
    ] = -1,
    limit: Annotated[int, Query(ge=1, le=MAX_SESSION_SPEECHES)] = MAX_SESSION_SPEECHES,
) -> SessionSpeeches:
    """A session's speeches in order, ``limit`` at a time: a long transcript is read by
    following ``next_url``."""
    doc = library.db.get_document(session_id)
    if not isinstance(doc, Sesion):
        raise Refused(
            404,
            f"no session with id {shown(session_id)!r}",
            f"no hay ninguna sesión con el identificador «{shown(session_id)}»",
        )
    if doc.privacy is not None and doc.privacy.withheld:
        raise Refused(
            451,
            "withheld: the session holds personal data and is not published until reviewed",
            "Sesión retenida: contiene datos personales y no se publica hasta que se revise.",
        )
    timing = session_timing(library.db, doc.id)
    total = session_speech_counts(library.db, doc.id)[0]
    listed = speeches_after(library.db, doc.id, after, limit + 1)
    following = None
    if len(listed) > limit:
        listed = listed[:limit]
        url = request.url.include_query_params(after=listed[-1].order)
        following = f"{url.path}?{url.query}"
    return SessionSpeeches(
        session_id=doc.id,
        permalink=permalink(doc.id),
        alignment=SessionAlignment(**vars(timing)) if timing is not None else None,
        total=total,
        speeches=timed_speeches(library, listed, {doc.id: doc}),
        next_url=following,
    )


def timed_speeches(
    library: Library, speeches: list[Speech], sessions: dict[str, object] | None = None
) -> list[TimedSpeech]:
    """Each speech with its confidence and the deep link into the video its times are in
    (``video`` counts the session's recorded videos, as the aligner did)."""
    wanted = {s.session_id for s in speeches if s.start_s is not None} - set(sessions or {})
    found = {**(sessions or {}), **library.db.get_documents(list(wanted))}
    timed = []
    for speech in speeches:
        link = None
        doc = found.get(speech.session_id)
        if speech.start_s is not None and speech.video is not None and isinstance(doc, Sesion):
            recorded = [v for v in doc.video_urls if v.state == "recorded"]
            if speech.video < len(recorded):
                link = deep_link(recorded[speech.video].url, speech.start_s)
        timed.append(
            TimedSpeech(**speech.model_dump(), confidence=speech.align_confidence, video_link=link)
        )
    return timed


@router.get("/people", response_model=PeopleResponse, responses=BAD, summary="Find people")
def people(
    library: LibraryDep,
    name: Annotated[str, Query(max_length=200, description="Any way of writing it")] = "",
    congress: Annotated[str, Query(max_length=300, description="Congress or court")] = "",
    legislature: Annotated[str, Query(max_length=20, description="e.g. LXVI")] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PeopleResponse:
    """People by name, or every person of a congress (and legislature), by name."""
    if not (name.strip() or congress.strip()):
        raise invalid(
            "name",
            "give a name or a congress",
            "missing",
            mensaje="indique un nombre o un congreso",
        )
    found = find_people(library.db, name, congress or None, legislature or None, limit)
    gone = unpublished_people(library, found)  # named only by a session withheld since
    return PeopleResponse(people=[listed(p) for p in found if p.id not in gone])


def listed(found: Person, speeches: list[TimedSpeech] | None = None) -> PersonResponse:
    """A person as the API shows them: ``/v1/people`` lists them without speeches, from
    what the people index found (never read again one person at a time)."""
    return PersonResponse(
        id=found.id,
        name=found.name,
        scope=found.scope,
        forms=found.forms,
        terms=found.terms,
        speeches=speeches or [],
    )


@router.get(
    "/people/{person_id}",
    response_model=PersonResponse,
    summary="A person and what they said, newest first",
    responses=UNKNOWN | BAD,
)
def person(
    request: Request,
    person_id: str,
    library: LibraryDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    page: Annotated[
        int, Query(ge=1, le=MOST_PERSON_PAGES, description="Page of ``limit`` speeches")
    ] = 1,
) -> PersonResponse:
    """A person and ``limit`` of their speeches, newest first; the older ones are read by
    following ``next_url`` (the person page pages the same way, ``?pagina=N``)."""
    found = get_person(library.db, person_id)
    if found is None or unpublished_people(library, [found]):
        raise Refused(
            404,
            f"no person with id {shown(person_id)!r}",
            f"no hay ninguna persona con el identificador «{shown(person_id)}»",
        )
    said = person_speeches(library.db, found.id, limit=limit, offset=(page - 1) * limit)
    held = withheld_now(library, (speech.session_id for speech in said))  # until the flush
    said = [speech for speech in said if speech.session_id not in held]
    answer = listed(found, timed_speeches(library, said))
    total = person_speech_count(library.db, found.id)

    def at(number: int) -> str:
        url = request.url.include_query_params(page=number)
        return f"{url.path}?{url.query}"

    answer.speeches_total, answer.page = total, page
    answer.next_url = at(page + 1) if page * limit < total else None
    answer.prev_url = at(min(page - 1, pages_of(total, limit))) if page > 1 else None
    return answer


def pages_of(total: int, size: int) -> int:
    """Pages of ``size`` that ``total`` items fill (one, when there are none)."""
    return max(1, -(-total // size))


def discussed_in(library: Library, document_id: str) -> list[SessionRef]:
    """The sessions whose agenda or speeches name the document, newest first."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions_of_document(library.db, document_id):
        grouped[mention.session_id].append(mention)
    sessions = library.db.get_documents(list(grouped))
    refs = []
    for session_id, mentions in grouped.items():
        doc = sessions.get(session_id)
        if doc is None or not published(doc):  # withheld: its mentions go at the flush
            continue
        refs.append(
            SessionRef(
                id=doc.id,
                title=doc.title,
                date=doc.date,
                permalink=permalink(doc.id),
                mentions=sorted({m.mention for m in mentions}),
                speech_ids=[m.speech_id for m in mentions if m.speech_id],
            )
        )
    return sorted(refs, key=lambda r: r.date or dt.date.min, reverse=True)
