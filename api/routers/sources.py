"""``/v1/sources``: institutions register and run their own sources.

Every route needs an institution's API key; an institution sees and changes only its own
sources (another's id answers 404, exactly like an unknown one). Source ids and identity
scopes are in the institution's namespace (they begin with its id), so no answer can tell
one institution whether another has a source. A refused attempt on another's source is
written to that source's audit log, never shown to the caller. Changes are rate limited
per key, and written to the audit log; reads are rate limited per key too, apart from changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from api.auth import CallerDep, RegistryDep, client_address, client_bucket
from api.deps import LibraryDep
from api.entry_numbers import LARGEST, EntryNumbers, RunNumbers
from api.mensajes import Refused
from api.ratelimit import SharedBuckets, SourceReadLimiter, WriteLimiter
from api.refusal_log import RefusalLog
from api.schemas import (
    AuditEntry,
    AuditList,
    ErrorResponse,
    PreviewOut,
    RefusalResponse,
    RunList,
    RunSummary,
    SourceList,
    SourceOut,
)
from api.shown_spec import refusal_without_secrets, shown_spec, with_stored_secrets
from api.spec_body import OPENAPI_BODY, spec_body
from api.spec_checks import (
    MIN_EVERY_HOURS,
    Note,
    check_institution_fields,
    check_ownership,
    check_schedule,
    check_sent_size,
    check_spec_size,
    check_start_urls,
    field_error,
)
from config.spanish_errors import Invalid, shown
from config.specs import (
    SourceSpec,
    check_literal_and_bounded,
    error_items,
    read_specs,
)
from crawlers.causas import (
    error_mensaje,
    errors_with_mensajes,
    health_stats,
    is_notice,
    run_mensaje,
    split_causes,
)
from crawlers.preview import PreviewUnavailable, preview
from crawlers.runs import seen_status
from indexer.attribution import publisher_of, surely_another
from indexer.db.registry import (
    Caller,
    Conflict,
    QuotaExceeded,
    Registry,
    RegistryError,
    Witness,
    as_utc,
    is_stale,
)
from indexer.db.tables import CrawlRunRow, SourceRow

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/sources", tags=["sources"])
SpecBody = Annotated[dict[str, Any], Depends(spec_body)]
# what some operations answer besides those every one does (api.app.SOURCE_ERRORS)
BY_ID: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Not one of your institution's sources"},
}
WITH_BODY: dict[int | str, dict[str, Any]] = {
    413: {"model": RefusalResponse, "description": "The body is too large"},
}
TAKEN: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorResponse, "description": "The id is taken, or the quota is full"},
}
MAX_RUNS = 200  # a source's runs listed at once
MAX_AUDIT = 200  # a source's audit entries listed at once
SOURCES_PER_READ = 20  # a list spends one read more for each this many sources it holds


def _limiter(request: Request) -> WriteLimiter:
    return request.app.state.write_limiter


def write_allowed(request: Request, caller: CallerDep) -> Caller:
    """Spend one write from the caller's key's budget (429 if empty)."""
    _limiter(request).check(caller.key_id, client_bucket(request))
    return caller


WriterDep = Annotated[Caller, Depends(write_allowed)]


def _read_limiter(request: Request) -> SourceReadLimiter:
    return request.app.state.source_read_limiter


def read_allowed(request: Request, caller: CallerDep) -> Caller:
    """Spend one read from the caller's key's budget for its sources (429 if empty)."""
    _read_limiter(request).check(caller.key_id)
    return caller


ReaderDep = Annotated[Caller, Depends(read_allowed)]


def _spec(
    request: Request,
    registry: Registry,
    caller: Caller,
    data: dict[str, Any],
    stored: dict[str, Any] | None = None,
) -> SourceSpec:
    """Validate a spec for this caller: 422s name the field, as FastAPI's own do. Its
    documents are published under the key's institution, in its jurisdiction, from
    addresses the crawler may fetch. A value masked as the API shows ``stored`` (the
    source's spec it replaces) is the stored value (``api.shown_spec``)."""
    data = with_stored_secrets(dict(data), stored)
    try:
        return _checked_spec(request, registry, caller, data)
    except RequestValidationError as exc:
        if stored is None:  # every value is the caller's own, as sent
            raise
        raise refusal_without_secrets(exc, stored) from exc


def _checked_spec(
    request: Request, registry: Registry, caller: Caller, data: dict[str, Any]
) -> SourceSpec:
    """``_spec``'s checks of a spec whose masked values are restored."""
    institution = registry.get_institution(caller.institution_id)
    assert institution is not None
    data.setdefault("institution", institution.name)
    if data["institution"] != institution.name:
        raise field_error(
            ("institution",),
            f"must be your institution's name, {institution.name!r}: documents are "
            "published under the key's institution",
            f"debe ser el nombre de su institución, «{institution.name}», o no darse: los "
            "documentos se publican a nombre de la institución de la clave",
        )
    _check_sent_size(data)
    try:
        spec = SourceSpec.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(
            [
                {"loc": ("body", *p.loc), "msg": p.msg, "type": p.type, "mensaje": p.mensaje}
                for p in error_items(exc)
            ]
        ) from exc
    if spec.jurisdiction != institution.jurisdiction:
        message = f"must be the institution's own jurisdiction, {institution.jurisdiction}"
        mensaje = f"debe ser la jurisdicción de su institución, {institution.jurisdiction}"
        raise field_error(("jurisdiction",), message, mensaje)
    everyone = [other.name for other in registry.list_institutions()]
    everyone += _catalogue_names(request, institution.name, institution.jurisdiction)
    check_institution_fields(
        spec, publisher_of(institution.name, spec.jurisdiction, dict.fromkeys(everyone))
    )
    check_spec_size(spec)
    check_schedule(spec)
    check_start_urls(spec, request.app.state.settings, owner=f"institution:{caller.institution_id}")
    return spec


def _check_sent_size(data: dict[str, Any]) -> None:
    """The size a spec may take, checked before the costly part of its validation; a
    spec of too many values, too deeply nested or naming the environment is left to the
    validation's first check, which says so."""
    try:
        check_literal_and_bounded(data)
    except Invalid:
        return
    check_sent_size(data)


def _registrable(
    request: Request,
    registry: Registry,
    caller: Caller,
    spec: SourceSpec,
    *,
    new: bool,
    action: str = "create",
) -> SourceSpec:
    """A spec this caller may store (or preview): its id (when new) and identity scope in
    its own namespace."""
    note = _refusal_note(request, registry, caller)
    reserved = _reserved_scopes(request)
    check_ownership(registry, caller, spec, reserved, note, new=new, action=action)
    return spec


def _refusal_note(request: Request, registry: Registry, caller: Caller) -> Note:
    """Writes a refused attempt to the target's audit log, at most at the write rate per
    key (silently: the caller's answer never depends on it), so no key can flood it. The
    note is written after the answer, by ``api.refusal_log``: neither a full disk or busy
    database (a 507 or 503 here, a 404 for an unknown id) nor the time a write takes may
    tell that another's source exists."""
    notes: SharedBuckets = request.app.state.refusal_notes
    decoys: SharedBuckets = request.app.state.refusal_decoys
    refusals: RefusalLog = request.app.state.refusal_log

    def note(action: str, source_id: str | None, detail: dict[str, Any]) -> None:
        # the budget is spent by the log's thread: it is a database write, which only an
        # existing id's refusal would make here, and so tell it from an unknown one. A
        # refusal about no source (None) has the thread do the same work (a budget of its
        # own, so probing unknown ids never spends the notes of real attempts)
        bucket = notes if source_id is not None else decoys

        def allowed() -> bool:
            return bucket.take(caller.key_id) == 0

        refusals.note(action, source_id, caller, client_address(request), detail, allowed)

    return note


def _others(request: Request, registry: Registry, caller: Caller) -> tuple[str, ...]:
    """Every other institution's name (the catalogue's too): a preview leaves a court,
    chamber or committee naming one of them out of what it shows, as the crawl leaves it
    out of what it publishes."""
    institutions = registry.list_institutions()
    names = [i.name for i in institutions if i.id != caller.institution_id]
    for mine in (i for i in institutions if i.id == caller.institution_id):
        names += _catalogue_names(request, mine.name, mine.jurisdiction)
        names = [name for name in names if name != mine.name]
    return tuple(dict.fromkeys(names))


def _catalogue_names(request: Request, name: str, jurisdiction: str) -> list[str]:
    """The institutions of the operator's catalogue that are surely not the institution
    ``name`` under another name: its documents may not name them as theirs either
    (``crawlers.tenancy.tenant_of`` reads the same)."""
    specs = operator_specs(request.app.state.settings.sources_dir)
    return [
        spec.institution
        for spec in specs
        if surely_another(name, jurisdiction, spec.institution, spec.jurisdiction)
    ]


def _witness(request: Request, caller: Caller) -> Witness:
    """The caller and address a change's audit entry names (written with the change)."""
    return Witness(caller, client_address(request))


def _run(row: CrawlRunRow, numbers: RunNumbers) -> RunSummary:
    errors, notices = split_causes(row.errors)
    status, message = seen_status(row)
    return RunSummary(
        # runs of every institution share one sequence of ids: as they are, the gap
        # between two of one's own runs counted others' crawls (``api.entry_numbers``)
        id=numbers.shown(row.id),
        status=status,
        message=message,
        mensaje=run_mensaje(status, message),
        started_at=as_utc(row.started_at),
        finished_at=as_utc(row.finished_at),
        stats=health_stats(row.stats, row.errors),
        errors=errors_with_mensajes(errors),
        notices=errors_with_mensajes(notices),
    )


def _run_numbers(request: Request) -> RunNumbers:
    return request.app.state.run_numbers


def _out(request: Request, row: SourceRow, library: Any) -> SourceOut:
    runs = library.db.list_runs(row.id, limit=1)
    return _shown(row, runs[0] if runs else None, _run_numbers(request))


def _shown(row: SourceRow, last: CrawlRunRow | None, numbers: RunNumbers) -> SourceOut:
    """The source as the API shows it, with its newest run (None: it has none)."""
    return SourceOut(
        id=row.id,
        institution_id=row.institution_id,
        spec=shown_spec(row.spec),
        paused=row.paused,
        every_hours=row.every_hours,
        next_run_at=as_utc(row.next_run_at),
        crawl_requested_at=as_utc(row.crawl_requested_at),
        last_success_at=as_utc(row.last_success_at),
        stale=is_stale(row),
        last_run=_run(last, numbers) if last is not None else None,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
    )


def _owned(
    request: Request, registry: Registry, source_id: str, caller: Caller, action: str
) -> SourceRow:
    """The caller's source, or 404 (the same for another's: that attempt goes to the
    other's audit log)."""
    # who owns it, read alone: the whole row (a spec of up to 64 KB to decode) is read
    # only for the caller's own, or another's id would take longer than an unknown one
    owner = registry.source_owner(source_id)
    row = registry.get_source(source_id) if owner == caller.institution_id else None
    if row is None or row.institution_id != caller.institution_id:
        other = owner if owner != caller.institution_id else None
        # no source (None): the same work done, nothing written (``api.refusal_log``)
        _refusal_note(request, registry, caller)(f"refused_{action}", other and source_id, {})
        raise _unknown(source_id)
    return row


def _unknown(source_id: str) -> Refused:
    """The 404 of an id that is not one of the caller's sources."""
    return Refused(
        404,
        f"no source {shown(source_id)!r} among your institution's sources",
        f"su institución no tiene la fuente «{shown(source_id)}»",
    )


def _still(row: SourceRow | None, source_id: str) -> SourceRow:
    """The source as a change left it: None when another request of the institution
    deleted it after ``_owned`` found it (while this one's spec was being checked): the
    404 it would get a moment later, not a 500."""
    if row is None:
        raise _unknown(source_id)
    return row


def _attempts(detail: Any) -> int:
    """How many attempts an entry stands for (``api.refusal_log`` counts a flood's)."""
    attempts = detail.get("attempts") if isinstance(detail, dict) else None
    return attempts if isinstance(attempts, int) and attempts > 1 else 1


def _own_spec(registry: Registry, caller: Caller, source_id: Any) -> dict[str, Any] | None:
    """The stored spec of ``source_id`` when it is one of the caller's sources (a preview
    of its spec as read from the API keeps the masked values), else None."""
    if not isinstance(source_id, str) or registry.source_owner(source_id) != caller.institution_id:
        return None  # another's row is not read (its time would tell it exists)
    row = registry.get_source(source_id, owner=caller.institution_id)
    return row.spec if row is not None else None


def _address(url: Any) -> str:
    """``{path}?{query}`` of a URL, as ``next_url`` is written elsewhere."""
    return f"{url.path}?{url.query}"


def operator_specs(folder: Path | None) -> list[SourceSpec]:
    """The operator's catalogue; a file that does not read is logged and skipped."""
    specs, skipped = read_specs(folder)
    for why in skipped:
        log.warning("catálogo de fuentes: %s", why)
    return specs


def _reserved(request: Request) -> set[str]:
    """Ids an institution's source cannot take: the operator's catalogue's (YAML specs),
    and the identity scopes its sources share (a congress's page and its channel), which
    are no source's id. A source under such a name writes its sessions where the
    catalogue files them (its identity's scope is its id unless it names another): the
    catalogue's documents would first hold the institution's text, then list its source
    among their publications."""
    return _reserved_scopes(request)


def _reserved_scopes(request: Request) -> set[str]:
    """Identity scopes of the operator's catalogue (a spec's id is its default scope)."""
    settings = request.app.state.settings
    specs = operator_specs(settings.sources_dir)
    return {spec.id for spec in specs} | {
        s.identity.scope for s in specs if s.identity and s.identity.scope
    }


@router.get("", response_model=SourceList, summary="Your institution's sources")
def list_sources(
    request: Request, caller: ReaderDep, registry: RegistryDep, library: LibraryDep
) -> SourceList:
    rows = registry.list_sources(owner=caller.institution_id)
    if len(rows) >= SOURCES_PER_READ:  # each source's spec is in the answer
        _read_limiter(request).check(caller.key_id, len(rows) // SOURCES_PER_READ)
    latest = library.db.latest_runs([row.id for row in rows])
    numbers = _run_numbers(request)
    return SourceList(sources=[_shown(row, latest.get(row.id), numbers) for row in rows])


@router.post(
    "",
    response_model=SourceOut,
    status_code=201,
    summary="Register a source",
    openapi_extra=OPENAPI_BODY,
    responses=WITH_BODY | TAKEN,
)
def create_source(
    request: Request,
    body: SpecBody,
    caller: WriterDep,
    registry: RegistryDep,
    library: LibraryDep,
) -> SourceOut:
    spec = _spec(request, registry, caller, body)
    spec = _registrable(request, registry, caller, spec, new=True)
    quota = request.app.state.settings.max_sources_per_institution
    try:
        row = registry.create_source(
            caller.institution_id,
            spec,
            _reserved(request),
            quota=quota,
            witness=_witness(request, caller),
            min_interval=dt.timedelta(hours=MIN_EVERY_HOURS),
        )
    except Conflict as exc:
        raise Refused(
            409, str(exc), f"ya existe una fuente con el identificador «{spec.id}»"
        ) from exc
    except QuotaExceeded as exc:
        raise Refused(
            409,
            f"{exc}: delete one, or ask the operator for more",
            f"su institución ya tiene {quota} fuentes, las que puede registrar: elimine "
            "alguna o pida al operador que amplíe el límite",
        ) from exc
    return _out(request, row, library)


@router.post(
    "/preview",
    response_model=PreviewOut,
    summary="What a spec would extract",
    openapi_extra=OPENAPI_BODY,
    responses=WITH_BODY
    | {
        429: {"description": "Your institution already has 2 previews running: wait"},
        503: {"description": "Too many previews running at once: try again shortly"},
        504: {"description": "The preview ran out of time (`detail` and Spanish `mensaje`)"},
    },
)
def preview_source(
    request: Request, body: SpecBody, caller: WriterDep, registry: RegistryDep
) -> PreviewOut:
    """Fetches the first listing page and a few detail pages; stores nothing. Its id and
    identity scope are the caller's, as a registration's (its audit entry goes there)."""
    spec = _spec(request, registry, caller, body, _own_spec(registry, caller, body.get("id")))
    spec = _registrable(request, registry, caller, spec, new=True, action="preview")
    settings = request.app.state.settings
    try:
        result = preview(
            spec,
            settings,
            time_limit_s=settings.preview_timeout_s,
            owner=caller.institution_id,
            others=_others(request, registry, caller),
        )
    except PreviewUnavailable as exc:
        return JSONResponse({"detail": exc.detail, "mensaje": exc.mensaje}, exc.status)  # type: ignore[return-value]
    registry.audit("preview", spec.id, caller, client_address(request), {"pages": result["pages"]})
    said = [
        error | {"mensaje": error_mensaje(error["cause"], error["message"])}
        for error in result["errors"]
    ]
    result["errors"] = [e for e in said if not is_notice(e["cause"])]
    result["notices"] = [e for e in said if is_notice(e["cause"])]
    counts = result.get("error_counts") or {}
    result["error_counts"] = {c: n for c, n in counts.items() if not is_notice(c)}
    result["notice_counts"] = {c: n for c, n in counts.items() if is_notice(c)}
    return PreviewOut(**result)


@router.get("/{source_id}", response_model=SourceOut, responses=BY_ID)
def get_source(
    request: Request,
    source_id: str,
    caller: ReaderDep,
    registry: RegistryDep,
    library: LibraryDep,
) -> SourceOut:
    return _out(request, _owned(request, registry, source_id, caller, "read"), library)


@router.put(
    "/{source_id}",
    response_model=SourceOut,
    summary="Replace a source's spec",
    openapi_extra=OPENAPI_BODY,
    responses=BY_ID | WITH_BODY,
)
def update_source(
    request: Request,
    source_id: str,
    body: SpecBody,
    caller: WriterDep,
    registry: RegistryDep,
    library: LibraryDep,
) -> SourceOut:
    row = _owned(request, registry, source_id, caller, "update")
    spec = _spec(request, registry, caller, body | {"id": body.get("id", source_id)}, row.spec)
    if spec.id != source_id:
        message = f"the spec's id {spec.id!r} differs from {source_id!r}"
        mensaje = (
            f"el id de la especificación, «{spec.id}», no es el de la dirección, «{source_id}»"
        )
        raise field_error(("id",), message, mensaje)
    spec = _registrable(request, registry, caller, spec, new=False)
    try:
        row = registry.update_source(
            source_id, caller.institution_id, spec, _witness(request, caller)
        )
    except RegistryError as exc:
        mensaje = f"el id de la especificación, «{spec.id}», no es el de la dirección"
        raise field_error(("id",), str(exc), mensaje) from exc
    return _out(request, _still(row, source_id), library)


def _set_paused(
    request: Request,
    source_id: str,
    caller: Caller,
    registry: Registry,
    library: Any,
    paused: bool,
) -> SourceOut:
    action = "pause" if paused else "resume"
    _owned(request, registry, source_id, caller, action)
    row = registry.set_paused(source_id, caller.institution_id, paused, _witness(request, caller))
    return _out(request, _still(row, source_id), library)


@router.post("/{source_id}/pause", response_model=SourceOut, responses=BY_ID)
def pause_source(
    request: Request,
    source_id: str,
    caller: WriterDep,
    registry: RegistryDep,
    library: LibraryDep,
) -> SourceOut:
    return _set_paused(request, source_id, caller, registry, library, True)


@router.post("/{source_id}/resume", response_model=SourceOut, responses=BY_ID)
def resume_source(
    request: Request,
    source_id: str,
    caller: WriterDep,
    registry: RegistryDep,
    library: LibraryDep,
) -> SourceOut:
    return _set_paused(request, source_id, caller, registry, library, False)


@router.post("/{source_id}/crawl", response_model=SourceOut, status_code=202, responses=BY_ID)
def crawl_now(
    request: Request,
    source_id: str,
    caller: WriterDep,
    registry: RegistryDep,
    library: LibraryDep,
) -> SourceOut:
    """Ask for a crawl as soon as a worker is free (``abierto worker``), and at most an
    hour after the last one started (as the shortest schedule): ``next_run_at`` says when."""
    _owned(request, registry, source_id, caller, "crawl")
    every = dt.timedelta(hours=MIN_EVERY_HOURS)
    row = registry.request_crawl(
        source_id, caller.institution_id, min_interval=every, witness=_witness(request, caller)
    )
    return _out(request, _still(row, source_id), library)


@router.delete("/{source_id}", status_code=204, response_class=Response, responses=BY_ID)
def delete_source(
    request: Request, source_id: str, caller: WriterDep, registry: RegistryDep
) -> Response:
    """Stops collecting; documents already published stay published."""
    _owned(request, registry, source_id, caller, "delete")
    registry.delete_source(source_id, caller.institution_id, _witness(request, caller))
    return Response(status_code=204)


@router.get(
    "/{source_id}/runs", response_model=RunList, summary="Each crawl's health", responses=BY_ID
)
def source_runs(
    request: Request,
    source_id: str,
    caller: ReaderDep,
    registry: RegistryDep,
    library: LibraryDep,
    limit: Annotated[int, Query(ge=1, le=MAX_RUNS, description="Newest runs first")] = 20,
) -> RunList:
    row = _owned(request, registry, source_id, caller, "read")
    runs = library.db.list_runs(source_id, limit=limit)  # newest (largest id) first
    numbers = _run_numbers(request)
    return RunList(
        source_id=source_id,
        stale=is_stale(row),
        runs=[_run(r, numbers) for r in runs],
    )


@router.get(
    "/{source_id}/audit", response_model=AuditList, summary="Who changed it, when", responses=BY_ID
)
def source_audit(
    request: Request,
    source_id: str,
    caller: ReaderDep,
    registry: RegistryDep,
    limit: Annotated[int, Query(ge=1, le=MAX_AUDIT, description="Newest entries first")] = 100,
    before: Annotated[
        int | None,
        Query(ge=1, le=LARGEST, description="next_before of the previous page"),
    ] = None,
    who: Annotated[
        Literal["all", "own", "others"],
        Query(description="own: your institution's; others: refused attempts by others"),
    ] = "all",
) -> AuditList:
    """The source's log, newest first, a page at a time. An attempt by another
    institution shows who tried and when, but not that institution's key or client
    address: those are its own, not the target's. ``who=own`` lists the institution's
    own entries alone, which no number of others' refused attempts can push out of view;
    ``who=others`` those attempts alone."""
    _owned(request, registry, source_id, caller, "read")
    request.app.state.refusal_log.settle()  # others' attempts noted so far are shown
    mine = caller.institution_id
    # entries are shown numbered by a keyed permutation of their row ids: every
    # institution's rows share one sequence, so ids as they are told how many rows others
    # wrote in between (a refused attempt on an existing id writes one, on an unknown none)
    numbers: EntryNumbers = request.app.state.entry_numbers
    rows = registry.audit_log(
        source_id,
        limit + 1,
        before=None if before is None else numbers.entry_id(before),
        by=mine if who == "own" else None,
        not_by=mine if who == "others" else None,
        seen_by=mine,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    following = numbers.shown(rows[-1].id) if more else None
    return AuditList(
        source_id=source_id,
        next_before=following,
        next_url=None
        if following is None
        else _address(request.url.include_query_params(before=following)),
        entries=[
            AuditEntry(
                id=numbers.shown(row.id),
                at=as_utc(row.at),
                action=row.action,
                institution_id=row.institution_id,
                key_id=row.key_id if row.institution_id == caller.institution_id else None,
                client=row.client if row.institution_id == caller.institution_id else None,
                attempts=_attempts(row.detail),
            )
            for row in rows
        ],
    )
