"""Institutions, their API keys and the sources they register; the audit log; and the
claims by which workers on several machines share due crawls without overlap."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from config.internal_ids import INTERNAL_SOURCE_IDS
from config.jurisdictions import check_jurisdiction
from config.spanish_errors import shown
from config.specs import SourceSpec
from indexer.db.audited_spec import audited_detail
from indexer.db.crawl_sites import source_sites
from indexer.db.database import Database, utcnow
from indexer.db.locks import hold
from indexer.db.tables import (
    ApiKeyRow,
    AuditRow,
    CrawlRunRow,
    DocumentSourceRow,
    InstitutionRow,
    SourceRow,
)
from indexer.disk_full import disk_full

INSTITUTION_KINDS = ("congress", "court", "other")
INSTITUTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")
KEY_PREFIX = "ea"
# what ``issue_key`` writes as a key's id: anything else names no key (and is never
# looked up: a NUL in it is a database error on PostgreSQL)
KEY_ID = re.compile(r"[0-9a-f]{1,32}")
STALE_FACTOR = 2.0
# how a refused attempt's audit entry is named (``refused_create``, ``refused_read``…):
# the one kind of entry another institution's key writes in a source's log
REFUSED = "refused_"
# held while claiming due sources: one worker at a time takes a site (``claim_due``)
CLAIMS_LOCK = "source-claims"
# how often a key's last use is written: a note, which need not cost every call a write
KEY_USE_PRECISION = dt.timedelta(minutes=1)


class RegistryError(ValueError):
    """A registry operation that cannot be done as asked; the message says why, in English
    (``str``, which the API's ``detail`` and tests repeat) and in Spanish (``spanish``, for
    the operator ``abierto`` tells and the institution the API answers)."""

    def __init__(self, english: str, spanish: str | None = None) -> None:
        super().__init__(english)
        self.spanish = spanish or english


class Conflict(RegistryError):
    """The id is already taken."""


class QuotaExceeded(RegistryError):
    """The institution already holds as many sources as it may."""


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything here is stored in UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    """Who is calling: an institution, through one of its keys."""

    institution_id: str
    key_id: str


@dataclass(frozen=True)
class Witness:
    """Who made a change and from where: its audit entry is written in the change's own
    transaction, so a change is never kept without its entry (nor an entry without it)."""

    caller: Caller
    client: str | None

    def entry(self, action: str, source_id: str, detail: dict[str, Any]) -> AuditRow:
        return AuditRow(
            at=utcnow(),
            institution_id=self.caller.institution_id,
            key_id=self.caller.key_id,
            client=self.client,
            action=action,
            source_id=source_id,
            detail=detail,
        )


def identity_scope(spec: dict[str, Any]) -> str | None:
    """The scope a stored spec's documents are identified under, if it has an identity."""
    identity = spec.get("identity")
    if not isinstance(identity, dict):
        return None
    return identity.get("scope") or spec.get("id")


def _names_inside(prefix: str, rows: Iterable[SourceRow]) -> set[str]:
    """The registered sources' ids and identity scopes that ``prefix`` would own."""
    names = set()
    for row in rows:
        for name in (row.id, identity_scope(row.spec)):
            if name is not None and (name == prefix or name.startswith(f"{prefix}-")):
                names.add(name)
    return names


def _registered_inside(s: Session, prefix: str) -> set[str]:
    """Ids that sources were ever registered under and identity scopes ever given to a
    source (deleted ones too, and scopes a spec has since changed: from the audit log)
    that ``prefix`` would own."""
    inside = or_(AuditRow.source_id == prefix, AuditRow.source_id.startswith(f"{prefix}-"))
    stmt = select(AuditRow.source_id).where(AuditRow.action == "create", inside).distinct()
    names = {name for name in s.scalars(stmt) if name is not None}
    scope = _audited_scope()
    inside = or_(scope == prefix, scope.startswith(f"{prefix}-"))
    stmt = select(scope).where(AuditRow.action.in_(_SPEC_ACTIONS), inside).distinct()
    return names | {name for name in s.scalars(stmt) if name is not None}


# the audit entries that keep the spec a source was given (``audited_detail``), and the
# identity scope in it: a refused attempt's entry (``refused_scope``) keeps none
_SPEC_ACTIONS = ("create", "update")


def _audited_scope() -> Any:
    """The identity scope of the spec an audit entry keeps (SQL: none when it keeps none)."""
    return AuditRow.detail[("spec", "identity", "scope")].as_string()


def _first_scope_holder(s: Session, name: str, among: list[str]) -> str | None:
    """Which of ``among`` first gave a source the identity scope ``name`` (at
    registration or by a change of its spec), from the audit log (read whole: asked
    only where namespaces nest)."""
    return s.scalar(
        select(AuditRow.institution_id)
        .where(
            AuditRow.action.in_(_SPEC_ACTIONS),
            AuditRow.institution_id.in_(among),
            _audited_scope() == name,
        )
        .order_by(AuditRow.id)
        .limit(1)
    )


def _published_under(s: Session, name: str) -> bool:
    """Whether a crawl ran or a document was published under the source id ``name``."""
    ran = select(CrawlRunRow.id).where(CrawlRunRow.source_id == name).limit(1)
    published = (
        select(DocumentSourceRow.source_id).where(DocumentSourceRow.source_id == name).limit(1)
    )
    return s.scalar(ran) is not None or s.scalar(published) is not None


CATALOGUE_CLASH = "catalogue_clash"  # a run that says why a clashing id was not crawled


def _taken_by_operator(s: Session, name: str) -> bool:
    """Whether the operator crawled under the source id ``name`` after the institution that
    registered it deleted it (``cli.registry.catalogue_clashes`` lets the catalogue take an
    id its source left nothing under): its history since is the operator's, and passes to
    no institution. A run that only says the ids clash is no crawl."""
    if s.get(SourceRow, name) is not None:
        return False
    deleted = s.scalar(
        select(AuditRow.at)
        .where(AuditRow.source_id == name, AuditRow.action == "delete")
        .order_by(AuditRow.id.desc())
        .limit(1)
    )
    if deleted is None:
        return False
    runs = s.scalars(
        select(CrawlRunRow.errors).where(
            CrawlRunRow.source_id == name, CrawlRunRow.started_at >= deleted
        )
    )
    return any(CATALOGUE_CLASH not in (errors or {}) for errors in runs)


def _folded_name(name: str) -> str:
    """An institution's name as compared with another's: letter case, accents and runs of
    spaces aside («Poder Judicial  de Guanajuato» is «PODER JUDICIAL DE GUANAJUATO»)."""
    letters = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in letters if not unicodedata.combining(c)).split())


def is_stale(row: SourceRow, now: dt.datetime | None = None) -> bool:
    """No successful crawl for longer than the schedule allows (twice its interval)."""
    now = now or utcnow()
    since = as_utc(row.last_success_at) or as_utc(row.created_at)
    assert since is not None
    return now - since > dt.timedelta(hours=row.every_hours * STALE_FACTOR)


@dataclass(frozen=True)
class SourceSummary:
    """A registered source without its spec: the two fields of it a listing shows."""

    id: str
    institution_id: str
    institution: str | None
    kind: str | None
    every_hours: float
    last_success_at: dt.datetime | None
    paused: bool


class Registry:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- institutions and keys ------------------------------------------------------

    def add_institution(self, id: str, name: str, kind: str, jurisdiction: str) -> InstitutionRow:
        if not INSTITUTION_ID.fullmatch(id):
            raise RegistryError(
                "institution id: lowercase letters, digits and hyphens (3-64)",
                f"el id «{shown(id)}» no vale: escriba de 3 a 64 letras minúsculas sin acentos, "
                "cifras y guiones, sin guion al principio ni al final (p. ej. 'congreso-gto')",
            )
        if kind not in INSTITUTION_KINDS:
            raise RegistryError(
                f"kind: expected one of {', '.join(INSTITUTION_KINDS)}",
                f"el tipo «{shown(kind)}» no existe: elija entre {', '.join(INSTITUTION_KINDS)}",
            )
        row = InstitutionRow(
            id=id,
            name=name.strip(),
            kind=kind,
            jurisdiction=check_jurisdiction(jurisdiction),
            created_at=utcnow(),
        )
        with self.db.session() as s, s.begin():
            if s.get(InstitutionRow, id) is not None:
                raise Conflict(
                    f"institution {id!r} already exists", f"ya existe la institución «{id}»"
                )
            same = [
                other.id
                for other in s.scalars(select(InstitutionRow))
                if _folded_name(other.name) == _folded_name(row.name)
            ]
            if same:
                # documents say whose they are by this name: two sources' publications of
                # one file or one sentence are one document when their institutions' names
                # agree (``indexer.shared``), so a second institution of the same name
                # would write into the first one's documents
                raise Conflict(
                    f"institution {id!r}: the name {row.name!r} is institution {same[0]!r}'s; "
                    "each institution publishes under a name of its own",
                    f"el nombre «{row.name}» ya es el de la institución «{same[0]}»: cada "
                    "institución publica con un nombre propio",
                )
            taken = _names_inside(id, s.scalars(select(SourceRow)).all())
            taken |= _registered_inside(s, id)
            if taken:
                # the longest id owns a name: this one would take those sources' ids and
                # scopes (their documents' identities) from the institutions that hold them
                raise Conflict(
                    f"institution {id!r}: its namespace ('{id}-…') holds names of another "
                    f"institution's sources ({', '.join(sorted(taken)[:5])}); choose another id",
                    f"los nombres que empiezan por «{id}-» ya son de fuentes de otra institución "
                    f"({', '.join(sorted(taken)[:5])}): elija otro id",
                )
            s.add(row)
        return row

    def get_institution(self, id: str) -> InstitutionRow | None:
        with self.db.session() as s:
            return s.get(InstitutionRow, id)

    def list_institutions(self) -> list[InstitutionRow]:
        with self.db.session() as s:
            return list(s.scalars(select(InstitutionRow).order_by(InstitutionRow.id)))

    def issue_key(self, institution_id: str, label: str | None = None) -> tuple[str, str]:
        """A new key: (key id, the whole key). The whole key is never stored or shown again."""
        if self.get_institution(institution_id) is None:
            raise RegistryError(
                f"no institution {institution_id!r}",
                f"no hay ninguna institución «{shown(institution_id)}» "
                "(vea las que hay con «abierto institutions list»)",
            )
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        with self.db.session() as s, s.begin():
            s.add(
                ApiKeyRow(
                    id=key_id,
                    institution_id=institution_id,
                    secret_sha256=_digest(secret),
                    label=label,
                    created_at=utcnow(),
                )
            )
        return key_id, f"{KEY_PREFIX}_{key_id}_{secret}"

    def revoke_key(self, key_id: str) -> bool:
        with self.db.session() as s, s.begin():
            done = s.execute(
                update(ApiKeyRow)
                .where(ApiKeyRow.id == key_id, ApiKeyRow.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            return bool(done.rowcount)

    def list_keys(self, institution_id: str | None = None) -> list[ApiKeyRow]:
        with self.db.session() as s:
            stmt = select(ApiKeyRow).order_by(ApiKeyRow.created_at)
            if institution_id:
                stmt = stmt.where(ApiKeyRow.institution_id == institution_id)
            return list(s.scalars(stmt))

    def authenticate(self, presented: str) -> Caller | None:
        """The caller a key belongs to, or None for a malformed, unknown or revoked key.
        When it was last used is written at most once per ``KEY_USE_PRECISION``."""
        prefix, _, rest = presented.strip().partition("_")
        key_id, _, secret = rest.partition("_")
        if prefix != KEY_PREFIX or not KEY_ID.fullmatch(key_id) or not secret:
            return None
        with self.db.session() as s:
            row = s.get(ApiKeyRow, key_id)
            if row is None or row.revoked_at is not None:
                return None
            if not hmac.compare_digest(row.secret_sha256, _digest(secret)):
                return None
            caller = Caller(row.institution_id, row.id)
            used = as_utc(row.last_used_at)
        if used is not None and utcnow() - used < KEY_USE_PRECISION:
            # written a moment ago: a call (one refused for its rate, one during another
            # writer's long transaction) is answered without waiting for a write
            return caller
        try:
            with self.db.session() as s, s.begin():
                s.execute(
                    update(ApiKeyRow).where(ApiKeyRow.id == key_id).values(last_used_at=utcnow())
                )
        except SQLAlchemyError as exc:
            if not disk_full(exc):
                raise
            # a full disk stops writes, not a valid key's reads: when it was last used
            # is a note, and what the caller then writes meets the full disk itself
        return caller

    # -- sources --------------------------------------------------------------------

    def create_source(
        self,
        owner: str,
        spec: SourceSpec,
        reserved: set[str],
        *,
        scratch: bool = False,
        quota: int | None = None,
        witness: Witness | None = None,
        min_interval: dt.timedelta | None = None,
    ) -> SourceRow:
        """Register a spec for an institution. ``reserved`` are ids of the operator's
        catalogue, which an institution cannot take; ``quota``, when given, is how many
        sources the institution may hold (counted and inserted while holding the
        institution's lock, so registrations racing cannot pass it). ``scratch`` is only
        for a preview's throw-away database, which holds that one source and nobody else's
        data. ``witness``: the ``create`` audit entry, written with the source.
        ``min_interval``: a source registered again under an id that was crawled is due no
        sooner than that after the last crawl's start (as ``request_crawl``), so deleting
        and registering it again is no way to crawl it back to back."""
        if spec.id in reserved or spec.id in INTERNAL_SOURCE_IDS:
            raise Conflict(f"source id {spec.id!r} is already used")
        if not scratch:
            self._check_namespace(owner, spec)
        now = utcnow()
        row = SourceRow(
            id=spec.id,
            institution_id=owner,
            spec=spec.model_dump(mode="json"),
            paused=False,
            every_hours=spec.schedule.every_hours,
            next_run_at=now,
            created_at=now,
            updated_at=now,
        )
        with self.db.session() as s, s.begin():
            if quota is not None:
                hold(s, f"source-quota:{owner}")
            if s.get(SourceRow, spec.id) is not None:
                raise Conflict(f"source id {spec.id!r} is already used")
            if quota is not None:
                held = s.scalar(select(func.count()).where(SourceRow.institution_id == owner))
                if (held or 0) >= quota:
                    raise QuotaExceeded(f"{owner!r} already holds {held} sources, the most allowed")
            if min_interval is not None:
                last = s.scalar(
                    select(func.max(CrawlRunRow.started_at)).where(CrawlRunRow.source_id == spec.id)
                )
                if last is not None:
                    row.next_run_at = max(now, as_utc(last) + min_interval)  # type: ignore[operator]
            s.add(row)
            if witness is not None:
                s.add(witness.entry("create", spec.id, audited_detail(row.spec)))
        return row

    def _check_namespace(self, owner: str, spec: SourceSpec, new: bool = True) -> None:
        """The registry's own wall, whoever calls it: a new source's id and any identity
        scope lie in the owner's namespace (the API checks first, with kinder answers)."""
        if new and self.namespace_owner(spec.id) != owner:
            raise RegistryError(f"id: {spec.id!r} is not in the namespace of {owner!r}")
        scope = spec.identity.scope if spec.identity else None
        if scope is not None and scope != spec.id and self.namespace_owner(scope) != owner:
            raise RegistryError(f"identity.scope: {scope!r} is not in the namespace of {owner!r}")

    def namespace_owner(self, name: str) -> str | None:
        """The institution whose namespace ``name`` (a source id or identity scope) is in:
        the longest institution id it equals or begins with followed by a hyphen. A name a
        source was registered under, or an identity scope a source was given, keeps that
        first owner after the source is deleted (or its spec given another scope),
        and one the operator crawled or published under (a catalogue source since
        removed, ``abierto index``'s ``local``) is no institution's: a name's history (its
        runs, its audit log, the documents whose ids derive from it) never passes to an
        institution whose namespace grew over it."""
        with self.db.session() as s:
            first = s.scalar(
                select(AuditRow.institution_id)
                .where(AuditRow.source_id == name, AuditRow.action == "create")
                .order_by(AuditRow.id)
                .limit(1)
            )
            if first is not None:
                # unless the operator's catalogue took the name once its source was deleted
                return None if _taken_by_operator(s, name) else first
            if _published_under(s, name):
                return None
            ids = s.scalars(select(InstitutionRow.id)).all()
            owners = sorted((i for i in ids if name == i or name.startswith(f"{i}-")), key=len)
            if len(owners) > 1:
                # a scope is given only inside its giver's namespace: of one institution
                # it is that one's; beneath a longer one, it stays a shorter's that gave it
                first = _first_scope_holder(s, name, owners[:-1])
                if first is not None:
                    return first
        return owners[-1] if owners else None

    def scope_holders(self, scope: str, besides: str) -> list[SourceRow]:
        """Registered sources of institutions other than ``besides`` that write under
        ``scope`` (their identity scope, or their id, the default scope)."""
        return [
            row
            for row in self.list_sources()
            if row.institution_id != besides and scope in (row.id, identity_scope(row.spec))
        ]

    def source_owner(self, source_id: str) -> str | None:
        """The institution a source belongs to, None when there is no such source: one
        indexed column read, whatever the source's spec holds (an answer about another's
        source must take the time of an answer about no source)."""
        with self.db.session() as s:
            return s.scalar(
                select(SourceRow.institution_id).where(SourceRow.id == source_id).limit(1)
            )

    def taken_by_operator(self, source_id: str) -> bool:
        """Whether the operator's catalogue crawled under ``source_id`` after the
        institution that registered it deleted it (``_taken_by_operator``)."""
        with self.db.session() as s:
            return _taken_by_operator(s, source_id)

    def registered_by(self, source_id: str) -> str | None:
        """The institution that first registered ``source_id`` through the API (its
        ``create`` audit entry, kept after the source is deleted), None when none did."""
        with self.db.session() as s:
            return s.scalar(
                select(AuditRow.institution_id)
                .where(AuditRow.source_id == source_id, AuditRow.action == "create")
                .order_by(AuditRow.id)
                .limit(1)
            )

    def last_spec(self, source_id: str) -> dict[str, Any] | None:
        """The spec ``source_id`` was last given (its newest ``create`` or ``update`` audit
        entry's, secrets hidden), kept after the source is deleted; None when it has none."""
        with self.db.session() as s:
            detail = s.scalar(
                select(AuditRow.detail)
                .where(AuditRow.source_id == source_id, AuditRow.action.in_(_SPEC_ACTIONS))
                .order_by(AuditRow.id.desc())
                .limit(1)
            )
        spec = detail.get("spec") if isinstance(detail, dict) else None
        return spec if isinstance(spec, dict) else None

    def get_source(self, source_id: str, owner: str | None = None) -> SourceRow | None:
        """A source, only if ``owner`` (when given) owns it: others see nothing."""
        with self.db.session() as s:
            row = s.get(SourceRow, source_id)
        if row is None or (owner is not None and row.institution_id != owner):
            return None
        return row

    def list_sources(self, owner: str | None = None) -> list[SourceRow]:
        with self.db.session() as s:
            stmt = select(SourceRow).order_by(SourceRow.id)
            if owner is not None:
                stmt = stmt.where(SourceRow.institution_id == owner)
            return list(s.scalars(stmt))

    def source_summaries(self, owner: str | None = None) -> list[SourceSummary]:
        """What the public coverage page shows of each registered source, by id: its
        spec's institution and kind read in the database, not the whole spec (a spec may
        run to hundreds of kilobytes, and every visit to /fuentes listed them all)."""
        spec = SourceRow.spec
        stmt = select(
            SourceRow.id,
            SourceRow.institution_id,
            spec["institution"].as_string(),
            spec["kind"].as_string(),
            SourceRow.every_hours,
            SourceRow.last_success_at,
            SourceRow.paused,
        ).order_by(SourceRow.id)
        if owner is not None:
            stmt = stmt.where(SourceRow.institution_id == owner)
        with self.db.session() as s:
            return [SourceSummary(*row) for row in s.execute(stmt)]

    def _change(
        self, source_id: str, owner: str, noted: tuple[Witness, str] | None, **values: Any
    ) -> SourceRow | None:
        """Set ``values`` on the owner's source; ``noted``: who did it, and the action
        their audit entry names (written in the same transaction)."""
        with self.db.session() as s, s.begin():
            row = s.get(SourceRow, source_id)
            if row is None or row.institution_id != owner:
                return None
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = utcnow()
            if noted is not None:
                witness, action = noted
                detail = audited_detail(row.spec) if action == "update" else {}
                s.add(witness.entry(action, source_id, detail))
            return row

    def update_source(
        self, source_id: str, owner: str, spec: SourceSpec, witness: Witness | None = None
    ) -> SourceRow | None:
        if spec.id != source_id:
            raise RegistryError(f"id: the spec's id {spec.id!r} differs from {source_id!r}")
        self._check_namespace(owner, spec, new=False)
        return self._change(
            source_id,
            owner,
            (witness, "update") if witness else None,
            spec=spec.model_dump(mode="json"),
            every_hours=spec.schedule.every_hours,
        )

    def set_paused(
        self, source_id: str, owner: str, paused: bool, witness: Witness | None = None
    ) -> SourceRow | None:
        action = "pause" if paused else "resume"
        return self._change(source_id, owner, (witness, action) if witness else None, paused=paused)

    def request_crawl(
        self,
        source_id: str,
        owner: str,
        min_interval: dt.timedelta | None = None,
        witness: Witness | None = None,
    ) -> SourceRow | None:
        """Ask for a crawl now; with ``min_interval``, no sooner than that after the last
        crawl's start (asking again after every crawl would crawl back to back)."""
        now = utcnow()
        when = now
        if min_interval is not None:
            with self.db.session() as s:
                last = s.scalar(
                    select(func.max(CrawlRunRow.started_at)).where(
                        CrawlRunRow.source_id == source_id
                    )
                )
            if last is not None:
                when = max(now, as_utc(last) + min_interval)  # type: ignore[operator]
        noted = (witness, "crawl") if witness else None
        return self._change(source_id, owner, noted, crawl_requested_at=now, next_run_at=when)

    def delete_source(self, source_id: str, owner: str, witness: Witness | None = None) -> bool:
        with self.db.session() as s, s.begin():
            row = s.get(SourceRow, source_id)
            if row is None or row.institution_id != owner:
                return False
            s.delete(row)
            if witness is not None:
                s.add(witness.entry("delete", source_id, {}))
            return True

    # -- scheduling -------------------------------------------------------------------

    def claim_due(
        self,
        worker: str,
        lease: dt.timedelta,
        limit: int,
        now: dt.datetime | None = None,
        besides: Iterable[str] = (),
    ) -> list[SourceRow]:
        """Claim up to ``limit`` due, unpaused sources whose previous claim (if any) has
        expired, none of the ids ``besides`` (those the worker is crawling already). Each
        claim is one conditional UPDATE, so of two workers racing for a source exactly
        one wins, on SQLite and on PostgreSQL alike. Sources are taken in turns across
        institutions (:func:`_fair_turns`).

        A site (:mod:`indexer.db.crawl_sites`) is crawled by one run at a time, by
        whichever worker: a due source whose site another claimed source is crawling
        is left due and unclaimed (no run, nothing failed) and taken at a later claim,
        when the site is free; it keeps its place (the longest due first). Before, the
        sources of one court's server, of one institution or several, were crawled at
        once, each at its own robots.txt pace: the load multiplied, and a server that
        blocks a crawler blocks it for every source. The claims are made one worker at
        a time (:func:`indexer.db.locks.hold`), so two workers never take two sources
        of one site; a crashed worker's claim expires with its lease, and its site with
        it."""
        now = now or utcnow()
        free = or_(SourceRow.claimed_until.is_(None), SourceRow.claimed_until < now)
        due = and_(SourceRow.paused.is_(False), SourceRow.next_run_at <= now, free)
        busy = list(besides)
        if busy:
            due = and_(due, SourceRow.id.not_in(busy))
        claimed: list[SourceRow] = []
        start_urls = SourceRow.spec["start_urls"]
        with self.db.session() as s, s.begin():
            hold(s, CLAIMS_LOCK)
            crawling: set[str] = set()
            for urls, loaded in s.execute(select(start_urls, SourceRow.loaded_sites).where(~free)):
                crawling |= source_sites(urls, loaded)
            window, seen = limit * 4, list[str]()
            while len(claimed) < limit:
                # the next few in turn; past those waiting for a busy site, if need be
                later = and_(due, SourceRow.id.not_in(seen)) if seen else due
                candidates = s.scalars(_fair_turns(later, free, now, window)).all()
                seen += candidates
                found = select(SourceRow.id, start_urls, SourceRow.loaded_sites).where(
                    SourceRow.id.in_(candidates)
                )
                sites = {
                    source_id: source_sites(urls, loaded)
                    for source_id, urls, loaded in s.execute(found)
                }
                for source_id in candidates:
                    if len(claimed) >= limit:
                        break
                    wanted = sites.get(source_id, frozenset())
                    if wanted & crawling:
                        continue  # its site is being crawled: due still, at a later claim
                    won = s.execute(
                        update(SourceRow)
                        .where(SourceRow.id == source_id, due)
                        .values(claimed_by=worker, claimed_until=now + lease)
                    )
                    if won.rowcount == 1:
                        row = s.get(SourceRow, source_id)
                        assert row is not None
                        claimed.append(row)
                        crawling |= wanted
                if len(candidates) < window:
                    break
        return claimed

    def extend_claim(self, source_id: str, worker: str, until: dt.datetime) -> bool:
        """Keep a long crawl's claim alive; False if the claim was lost."""
        with self.db.session() as s, s.begin():
            done = s.execute(
                update(SourceRow)
                .where(SourceRow.id == source_id, SourceRow.claimed_by == worker)
                .values(claimed_until=until)
            )
            return done.rowcount == 1

    def release(self, source_id: str, worker: str, succeeded: bool) -> None:
        """End a claim: schedule the next run, remember a success."""
        now = utcnow()
        with self.db.session() as s, s.begin():
            row = s.get(SourceRow, source_id)
            if row is None or row.claimed_by != worker:
                return
            row.claimed_by = None
            row.claimed_until = None
            row.crawl_requested_at = None
            row.next_run_at = now + dt.timedelta(hours=row.every_hours)
            if succeeded:
                row.last_success_at = now

    def abandon_stale_runs(self, source_id: str, message: str = "worker stopped") -> int:
        """Runs left ``running`` by a crawl that died or was stopped are closed as
        abandoned, with ``message`` saying why."""
        with self.db.session() as s, s.begin():
            done = s.execute(
                update(CrawlRunRow)
                .where(CrawlRunRow.source_id == source_id, CrawlRunRow.status == "running")
                .values(status="abandoned", finished_at=utcnow(), message=message)
            )
            return int(done.rowcount or 0)

    # -- audit ----------------------------------------------------------------------

    def audit(
        self,
        action: str,
        source_id: str | None,
        caller: Caller | None,
        client: str | None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        with self.db.session() as s, s.begin():
            s.add(
                AuditRow(
                    at=utcnow(),
                    institution_id=caller.institution_id if caller else None,
                    key_id=caller.key_id if caller else None,
                    client=client,
                    action=action,
                    source_id=source_id,
                    detail=detail or {},
                )
            )

    def audit_log(
        self,
        source_id: str | None = None,
        limit: int = 100,
        *,
        before: int | None = None,
        by: str | None = None,
        not_by: str | None = None,
        seen_by: str | None = None,
    ) -> list[AuditRow]:
        """Newest first: entries older than the entry ``before`` (a page's next), only
        those ``by`` an institution or those ``not_by`` it (another's and anonymous).
        ``seen_by``: only the entries an institution may read of its source's log, its
        own and others' refused attempts against it: what another key did with the id
        itself (a preview under it, before a longer institution id came to cover it)
        stays that key's, whoever holds the id now."""
        with self.db.session() as s:
            stmt = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
            if seen_by is not None:
                stmt = stmt.where(
                    or_(
                        AuditRow.institution_id == seen_by,
                        AuditRow.action.startswith(REFUSED, autoescape=True),
                    )
                )
            if source_id:
                stmt = stmt.where(AuditRow.source_id == source_id)
            if before is not None:
                stmt = stmt.where(AuditRow.id < before)
            if by is not None:
                stmt = stmt.where(AuditRow.institution_id == by)
            if not_by is not None:
                stmt = stmt.where(
                    or_(AuditRow.institution_id != not_by, AuditRow.institution_id.is_(None))
                )
            return list(s.scalars(stmt))


def _fair_turns(due: Any, free: Any, now: dt.datetime, limit: int) -> Any:
    """Due source ids, round-robin across institutions: each institution's oldest due
    source first, then each one's second, and so on, counting the crawls it has running
    as turns already taken (the worker fills one free slot at a time: without them, one
    institution with 200 older due sources took every slot, crawl after crawl). Within
    a round, the longest due goes first."""
    running = (
        select(SourceRow.institution_id, func.count().label("running"))
        .where(~free)
        .group_by(SourceRow.institution_id)
        .subquery()
    )
    turn = func.row_number().over(
        partition_by=SourceRow.institution_id, order_by=(SourceRow.next_run_at, SourceRow.id)
    )
    waiting = (
        select(SourceRow.id, SourceRow.institution_id, SourceRow.next_run_at, turn.label("turn"))
        .where(due)
        .subquery()
    )
    round_ = waiting.c.turn + func.coalesce(running.c.running, 0)
    return (
        select(waiting.c.id)
        .outerjoin(running, running.c.institution_id == waiting.c.institution_id)
        .order_by(round_, waiting.c.next_run_at, waiting.c.id)
        .limit(limit)
    )
