"""Response models of the JSON API (what ``/docs`` shows)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field

from indexer.models import Legislativo, Sentencia, Sesion, VideoLink
from indexer.speeches.model import Speech
from indexer.stores import FacetCount, SearchHit

# -- errors ------------------------------------------------------------------------------


class ErrorResponse(BaseModel):
    """A request that cannot be answered (404, 503…)."""

    detail: str
    mensaje: str | None = Field(None, description="The same, in Spanish (every 4xx has it)")


class RefusalResponse(BaseModel):
    """A request refused before it was read: a spent budget (429) or a bad key (401)."""

    detail: str
    mensaje: str


class ValidationErrorItem(BaseModel):
    """One problem with a parameter, in FastAPI's own validation-error shape."""

    loc: list[str | int] = Field(description='Where: e.g. ["query", "q"].')
    msg: str
    type: str = Field(
        description="e.g. query_syntax, query_too_costly, cursor, date_range, facet, or pydantic's."
    )
    position: int | None = Field(
        None, description="For query_syntax: 0-based character offset in q."
    )
    mensaje: str | None = Field(None, description="The same message in Spanish.")
    sugerencia: str | None = Field(
        None, description="¿Quiso decir…?: the query with OR/AND/NOT in capitals."
    )


class ValidationErrorResponse(BaseModel):
    detail: list[ValidationErrorItem]


# -- search ------------------------------------------------------------------------------


class Hit(SearchHit):
    permalink: str = Field(description="This API's address of the whole document.")
    passages: list[str | None] = Field(
        default_factory=list,
        description="One link per highlight, in the same order: the document page "
        "(/d/{id}/pasaje) opened at the paragraph that holds the fragment, with the "
        "search's words marked; null for a fragment with nothing marked.",
    )


class SearchResponse(BaseModel):
    total: int = Field(description="How many documents match (all pages).")
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = Field(
        default_factory=dict, description="Counts by value among all matches, per field."
    )
    next_cursor: str | None = Field(None, description="Pass as cursor= for the next page.")
    next_url: str | None = Field(None, description="The next page's address, ready to follow.")
    suggestion: str | None = Field(
        None,
        description="With no hits: the query with lower-case or/and/not as operators, "
        "if it had any (they are words unless written in capitals).",
    )
    sugerencia: str | None = Field(None, description="The suggestion, said in Spanish.")


# -- documents ---------------------------------------------------------------------------


class Citation(BaseModel):
    text: str = Field(description="Suggested citation, in Spanish, with the date consulted.")
    csl: dict[str, Any] = Field(description="The same citation as one CSL-JSON item.")


class DocumentLinks(BaseModel):
    permalink: str
    page_url: str = Field(description="The document's page (/d/{id}), an absolute address.")
    citation: Citation
    text_url: str = Field(description="The full extracted text, as text/plain.")
    text_preview: str = Field(description="The beginning of the text (about 500 characters).")
    text_chars: int = Field(description="Length of the full text in characters.")
    file_urls: list[str] = Field(
        description="Archived originals, in the order of files[]; empty when they are withheld."
    )
    originals_withheld: bool = Field(
        False,
        description="The originals show personal data the published text masks: they are "
        "not served (451) and file_urls is empty.",
    )


class SentenciaDetail(Sentencia, DocumentLinks):
    """A court sentence without its full text (see ``text_url``)."""

    text: str = Field("", exclude=True)


class SesionDetail(Sesion, DocumentLinks):
    """A congress session without its full text (see ``text_url``), with its speeches."""

    text: str = Field("", exclude=True)
    speeches_url: str = Field("", description="The session's speeches, in order.")
    speeches: list[Speech] = Field(
        default_factory=list,
        description="Who said what, in order (stenographic version): the first 100; "
        "every one through speeches_url.",
    )
    speeches_total: int = Field(0, description="How many speeches the session has.")


class SessionRef(BaseModel):
    """A session that named a document, and where."""

    id: str
    title: str
    date: dt.date | None = None
    permalink: str
    mentions: list[str] = Field(default_factory=list, description="The document as named.")
    speech_ids: list[str] = Field(default_factory=list)


class LegislativoDetail(Legislativo, DocumentLinks):
    """A legislative record without its full text (see ``text_url``)."""

    text: str = Field("", exclude=True)
    discussed_in: list[SessionRef] = Field(
        default_factory=list, description="Sessions whose agenda or speeches name it."
    )


DocumentDetail = Annotated[
    SentenciaDetail | SesionDetail | LegislativoDetail, Field(discriminator="kind")
]
DETAIL_BY_KIND: dict[str, type[SentenciaDetail | SesionDetail | LegislativoDetail]] = {
    "sentencia": SentenciaDetail,
    "sesion": SesionDetail,
    "legislativo": LegislativoDetail,
}


# -- sessions ----------------------------------------------------------------------------


class SessionItem(BaseModel):
    """A congress session and where to watch it."""

    id: str
    title: str
    date: dt.date | None = None
    institution: str
    jurisdiction: str
    congress: str | None = None
    legislature: str | None = None
    chamber: str | None = None
    session_type: str | None = None
    sitting: str | None = Field(
        None, description="What tells it from another session of the day: vespertina, segunda…"
    )
    session_number: str | None = Field(None, description="Its number, when published.")
    period: str | None = Field(
        None,
        description="Its legislative period as its transcript's heading states it, in "
        "Spanish: «Primer periodo ordinario, segundo año de ejercicio».",
    )
    agenda: list[str] = Field(default_factory=list, description="The first agenda items.")
    agenda_total: int = Field(0, description="How many agenda items the session has.")
    videos: list[VideoLink] = Field(default_factory=list)
    stenographic_urls: list[str] = Field(default_factory=list)
    url: str = Field(description="The session's page at its source.")
    permalink: str
    speeches_url: str | None = Field(None, description="The session's speeches, in order.")


class SessionsResponse(BaseModel):
    total: int
    sessions: list[SessionItem]
    next_cursor: str | None = None
    next_url: str | None = None


# -- health ------------------------------------------------------------------------------


class HealthResponse(BaseModel):
    status: str = Field(description='"ok", or "error" (with status 503) if a part failed.')
    mensaje: str = Field(description="The same in Spanish: which part does not answer.")
    database: dict[str, Any]
    store: dict[str, Any]


# -- sources -----------------------------------------------------------------------------


class RunSummary(BaseModel):
    """One crawl of a source: what it found and what went wrong, by cause."""

    id: int = Field(
        description="The run's number, the same in every answer. Numbers are opaque: neither "
        "their order nor their distance says anything (runs are listed newest first)."
    )
    status: str = Field(
        description="running, ok, partial (documents saved, but errors or a limit lost part of "
        "the reading: its message counts them and names the listing pages, documents and files "
        "not read), empty (its message starts with the cause: off_domain_start_url, no_items, "
        "all_filtered), failed or abandoned."
    )
    message: str | None = Field(None, description="The closing message as stored (English).")
    mensaje: str | None = Field(None, description="The closing message in Spanish.")
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    stats: dict[str, int] = Field(
        default_factory=dict,
        description="pages, items, new, updated, unchanged, files, files_reused, errors "
        "(errors only), notices…",
    )
    errors: dict[str, Any] = Field(
        default_factory=dict,
        description="What went wrong: cause → {count, descripcion (Spanish), examples: "
        "[{url, message, mensaje}]}; ``message`` as the crawl stored it: for "
        "extraction_failed the extractor's cause (too_large, encrypted, malformed…), a colon "
        "and its detail in Spanish (in English for files read before December 2026), for the "
        "other causes in English; ``mensaje`` always in Spanish.",
    )
    notices: dict[str, Any] = Field(
        default_factory=dict,
        description="Notices (avisos), no errors: what the run did as robots.txt, the spec or "
        "the operator's settings ask and says (crawl_delay, limit_reached, scans_unread, "
        "legislature_contradicted…), in the same shape as ``errors``.",
    )


class SourceOut(BaseModel):
    """A registered source, its schedule and its health."""

    id: str
    institution_id: str
    spec: dict[str, Any]
    paused: bool
    every_hours: float
    next_run_at: dt.datetime
    crawl_requested_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    stale: bool = Field(description="No successful crawl for longer than the schedule allows.")
    last_run: RunSummary | None = None
    created_at: dt.datetime
    updated_at: dt.datetime


class SourceList(BaseModel):
    sources: list[SourceOut]


class RunList(BaseModel):
    source_id: str
    stale: bool
    runs: list[RunSummary]


class PreviewDocument(BaseModel):
    url: str | None
    listing_url: str
    fields: dict[str, str | list[str]]
    files: list[str]
    detail: dict[str, Any] | None = None
    problems: list[str] = Field(
        default_factory=list, description="Why this item would be a crawl error, if it would."
    )
    problemas: list[str] = Field(
        default_factory=list, description="The same problems, said in Spanish."
    )
    skipped: dict[str, str] | None = Field(
        None,
        description="Set when the crawl would not read this document: the cause its run "
        "counts (offsite, bad_url, robots_disallowed), message and Spanish mensaje.",
    )
    privacy: dict[str, Any] | None = Field(
        None,
        description="Set when personal data were masked in this preview, as publication "
        "masks or withholds them: the spec's policy and how many values were hidden.",
    )
    privacidad: str | None = Field(None, description="The same, said in Spanish.")


class FieldFill(BaseModel):
    """How the previewed items filled one field of the spec."""

    filled: int = Field(description="Items that have the field.")
    items: int = Field(description="Items previewed.")
    samples: list[str] = Field(description="A few of the values read.")
    implausible: int = Field(description="Values refused: they cannot be this field.")
    required: bool


class PreviewNextForm(BaseModel):
    """For a spec that pages by posting a form (``listing.next_form``): what the crawl
    would send after the first page and, with one request more (same time, size and
    address limits), what the second page yields."""

    form_found: bool = Field(description="listing.next_form.form found the form.")
    control_found: bool = Field(
        description="A next-page control was found: the pager's postback or the button."
    )
    target: str | None = Field(None, description="The postback's __EVENTTARGET, if it pages so.")
    argument: str | None = Field(
        None, description="The postback's __EVENTARGUMENT for the next page ('Page$2'…)."
    )
    button: str | None = Field(None, description="The submit control clicked, if it pages so.")
    method: str | None = Field(None, description="How the form would be sent (POST, GET).")
    url: str | None = Field(None, description="Where the form would be sent.")
    items: int | None = Field(None, description="Items of the second page; null: not fetched.")
    new_items: int | None = Field(
        None, description="Of them, those not on the first page (none: the crawl stops)."
    )
    pages_on: bool = Field(description="The crawl would go on to the second page and read it.")
    message: str | None = Field(None, description="Why paging would stop here, in English.")
    mensaje: str | None = Field(None, description="The same, said in Spanish.")


class PreviewOption(BaseModel):
    """One option of ``listing.each_option`` the preview posted, as the crawl posts it."""

    value: str = Field(description="The option's value, as the form sends it.")
    text: str = Field(description="The option's text, as the page shows it.")
    items: int | None = Field(None, description="Items its listing's first page has; null: "
                              "not fetched.")  # fmt: skip
    new_items: int | None = Field(None, description="Of them, those no option asked before listed.")
    next_page: str | None = Field(None, description="Its listing's next page, if any.")
    error: str | None = Field(None, description="Why its listing could not be read.")
    mensaje: str | None = Field(None, description="The same, said in Spanish.")


class PreviewEachOption(BaseModel):
    """For a spec that lists by a select's options (``listing.each_option``): how many
    the select offers and what the listings of the first few (those the preview asks
    for) yield; the crawl asks for each, up to ``max_options``."""

    select: str = Field(description="The select's name.")
    options: int = Field(description="Options the select offers (those keep accepts).")
    max_options: int = Field(description="The crawl asks for at most this many.")
    asked: list[PreviewOption] = Field(description="The options this preview posted.")
    message: str | None = Field(None, description="What the preview leaves to the crawl.")
    mensaje: str | None = Field(None, description="The same, said in Spanish.")


class PreviewOut(BaseModel):
    source_id: str
    pages: int
    documents: list[PreviewDocument]
    next_page: str | None
    next_form: PreviewNextForm | None = Field(
        None, description="Only for specs with listing.next_form: the next page by its form."
    )
    each_option: PreviewEachOption | None = Field(
        None, description="Only for specs with listing.each_option: the options' listings."
    )
    problems: list[str] = Field(
        default_factory=list,
        description="What the preview does not show: a limit of the spec (listing.max_pages "
        "1 with a next page) would end the crawl where the source goes on; the crawl reads "
        "more start addresses (dates of start_dates) or more frames than the preview read.",
    )
    problemas: list[str] = Field(
        default_factory=list, description="The same problems, said in Spanish."
    )
    errors: list[dict[str, str]] = Field(
        description="Each error: cause, url, message (English) and mensaje (Spanish)."
    )
    error_counts: dict[str, int] = Field(default_factory=dict, description="Errors by cause.")
    notices: list[dict[str, str]] = Field(
        default_factory=list,
        description="Notices (avisos), no errors: what the crawl would do as robots.txt or "
        "the spec asks (crawl_delay, limit_reached…), in the same shape as ``errors``.",
    )
    notice_counts: dict[str, int] = Field(default_factory=dict, description="Notices by cause.")
    fields: dict[str, FieldFill] = Field(
        default_factory=dict, description="Per field of the spec: how the items filled it."
    )
    elapsed_s: float
    skipped: int = Field(0, description="Documents listed that the crawl would not read.")
    scope: str = Field("", description="What this preview reads and what only the crawl does.")
    alcance: str = Field("", description="The same, said in Spanish.")


class AuditEntry(BaseModel):
    id: int = Field(
        description="The entry's number: ``before=`` it lists the older ones. Numbers are "
        "opaque: neither their order nor their distance says anything."
    )
    at: dt.datetime
    action: str = Field(description="create, update, pause, resume, crawl, preview, delete.")
    institution_id: str | None
    key_id: str | None = Field(
        description="Which key (its public id) made the change; empty for another "
        "institution's attempt."
    )
    client: str | None = Field(
        description="The client address; empty for another institution's attempt."
    )
    attempts: int = Field(
        default=1,
        description="How many attempts the entry stands for: more than one when another "
        "institution's refused attempts came faster than they could be noted one by one.",
    )


class AuditList(BaseModel):
    source_id: str
    entries: list[AuditEntry]
    next_before: int | None = Field(
        None, description="``before=`` this for the next (older) page; null: no more."
    )
    next_url: str | None = Field(None, description="This request's address for the next page.")
