"""``/personas/{id}``: a person of a congress or court and what they said, newest session
first, each speech linked to its place in the session's page (and to its moment in the
video when an aligner found it). Before this page a citizen could read who spoke on a
session's page but not follow that person to their other speeches (only ``/v1/people``
answered, in JSON). ``/personas?nombre=…`` finds them by any way their name was written,
so what someone said is found without first finding a session they spoke in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import LibraryDep
from api.people_lag import unpublished_people
from api.routers.pages.common import render, whole_number
from api.routers.pages.discussion import clock, excerpt, party_label, role_label
from api.routers.speeches import MOST_PERSON_PAGES, pages_of, timed_speeches
from config.spanish_errors import shown
from indexer.models import Sesion
from indexer.speeches.people import name_tokens
from indexer.speeches.store import (
    find_people,
    get_person,
    person_speech_count,
    person_speeches,
)

router = APIRouter(include_in_schema=False)
SHOWN = 100  # speeches on a page; ``?pagina=N`` (and the API's ``page``) the older ones
FOUND = 50  # people a name search lists


@dataclass
class Said:
    """One speech as the person page lists it."""

    session: str
    session_link: str
    date: Any
    detail: str
    excerpt: str
    clock: str | None = None
    seconds: int | None = None
    video_link: str | None = None


@router.get("/personas", response_class=HTMLResponse)
def people_page(request: Request, library: LibraryDep) -> Any:
    """People whose name (any form a record wrote it in) holds the words of ``nombre``,
    each linked to what they said."""
    name = " ".join(request.query_params.get("nombre", "")[:200].split())
    # (a name of particles or titles alone, "de la", "Senadora", asks for no one)
    wanted = name_tokens(name)
    found = find_people(library.db, name, None, None, FOUND + 1, every_word=True) if wanted else []
    gone = unpublished_people(library, found)  # named only by a session withheld since
    found = [person for person in found if person.id not in gone]
    context = {
        "section": "sesiones",
        "nombre": name,
        "people": found[:FOUND],
        "more": len(found) > FOUND,
    }
    return render(request, "personas.html", context)


@router.get("/personas/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, library: LibraryDep) -> Any:
    found = get_person(library.db, person_id[:200])
    if found is None or unpublished_people(library, [found]):
        raise HTTPException(404, f"no person {shown(person_id)!r}")
    total = person_speech_count(library.db, found.id)
    pages = min(pages_of(total, SHOWN), MOST_PERSON_PAGES)
    # a number past the last page shows the last; anything else that is no page, the first
    wanted = whole_number(request.query_params.get("pagina", ""), 6) or 1
    page = min(max(1, wanted), pages)
    offset = (page - 1) * SHOWN
    speeches = timed_speeches(
        library, person_speeches(library.db, found.id, limit=SHOWN, offset=offset)
    )
    sessions = library.db.get_documents(list({s.session_id for s in speeches}))
    said: list[Said] = []
    for speech in speeches:
        doc = sessions.get(speech.session_id)
        if not isinstance(doc, Sesion) or (doc.privacy is not None and doc.privacy.withheld):
            continue  # a withheld session is not shown, nor what was said in it
        detail = " · ".join(p for p in (role_label(speech), party_label(speech)) if p)
        link = (
            f"/d/{quote(doc.id, safe='')}?intervencion={speech.order}#intervencion-{speech.order}"
        )
        item = Said(doc.title, link, doc.date, detail, excerpt(speech.text))
        if speech.start_s is not None and speech.video_link:
            item.seconds, item.clock = int(speech.start_s), clock(speech.start_s)
            item.video_link = speech.video_link
        said.append(item)
    context = {
        "section": "sesiones",
        "person": found,
        "said": said,
        "total": total,
        "page": page,
        "pages": pages,
        "first": offset + 1,
    }
    return render(request, "persona.html", context)
