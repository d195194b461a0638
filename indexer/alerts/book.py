"""The alerts kept in the database: creating, confirming, reading and ending them, and
the bookkeeping of their deliveries (which matches are due, what each attempt gave)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, text, update
from sqlalchemy.orm import Session

from indexer.alerts.links import (
    confirm_sent,
    confirm_token,
    signed_alert_id,
    signed_by,
    unsubscribe_token,
)
from indexer.db import Database
from indexer.db.alert_tables import AlertMatchRow, AlertRow, ConfirmationMailRow, DeliveryRow
from indexer.db.database import utcnow
from indexer.db.locks import hold
from indexer.db.registry import as_utc
from indexer.db.tables import FirstIndexedRow, IndexQueueRow
from indexer.db.webhook_secrets import seal_plain_secrets
from indexer.mail.address import inbox_key
from indexer.sealed_secret import seal, sealing_key, unseal
from indexer.spanish import date_words

CHANNELS = ("webhook", "email")
RATES = ("inmediata", "diaria", "semanal")
PERIODS = {"diaria": dt.timedelta(days=1), "semanal": dt.timedelta(days=7)}
ACTIVE = "activa"
AWAITING = "pendiente"
DISABLED = "desactivada"
UNSUBSCRIBED = "baja"
# an active alert whose saved search this service's parser no longer admits (made under an
# older one): not matched any more; ``reason`` says why, its owner is told once by e-mail
SUSPENDED = "suspendida"
NOTICE = "aviso"  # a delivery record: the owner was told why it is suspended
# an alert suspended whose search a later parser admits again: active again, its owner
# told once (``AlertRow.notice_owed``)
READMITTED = "reactivada"
NOTICE_AGAIN = "aviso-reactivada"  # a delivery record: the owner was told it is back
NOTICES = {SUSPENDED: NOTICE, READMITTED: NOTICE_AGAIN}
# an e-mail alert just confirmed: the documents made searchable between its request and
# its confirmation are still to be matched (``indexer.alerts.late.confirmed_backlog``);
# kept in ``notice_owed`` (no notice is sent for it: ``claim_notices``)
BACKLOG = "pendientes"
FULL_TO_READMIT = (
    "el servicio vuelve a admitir su búsqueda, pero no puede reactivar la alerta porque "
    "usted (o el servicio) ya tiene el máximo de alertas activas: borre alguna y cambie "
    "esta alerta (con su enlace «Cambiar esta alerta» o PATCH /v1/alerts/{id}) para "
    "reactivarla"
)
CONFIRM_DAYS = 7  # a confirmation link works this long after it was sent
MAIL_WINDOW = dt.timedelta(hours=1)


NO_TOKEN = "0" * 64  # no token's SHA-256: what an absent alert's token is compared with


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def seal_old_secrets(db: Database, links_key: bytes) -> int:
    """Seal the webhook secrets kept as they were before secrets were sealed (on open)."""
    return seal_plain_secrets(db.engine, sealing_key(links_key))


def refused_reason(exc: Exception) -> str:
    """Why a saved search is no longer matched, in Spanish: the parser's own words."""
    said = getattr(exc, "mensaje", None) or "la búsqueda no es válida"
    said = str(said).strip().rstrip(".")
    day = date_words(utcnow().date(), weekday=False)
    return (
        f"desde el {day} el servicio ya no admite su búsqueda y no busca documentos nuevos "
        f"para esta alerta. Motivo: {said}. Cambie su búsqueda (con el enlace «Cambiar esta "
        "alerta» de sus correos o PATCH /v1/alerts/{id}) y volverá a estar activa; si el "
        "servicio vuelve a admitirla tal como está, se reactivará sola y se le avisará"
    )


def _activate(row: AlertRow, notice: str | None) -> None:
    """A suspended alert active again from now on: documents indexed while it was
    suspended were never matched, and none is sent as new now; ``notice`` owed."""
    now = utcnow()
    row.status, row.reason, row.notice_owed = ACTIVE, None, notice
    row.active_since, row.failures, row.next_attempt_at = now, 0, None
    period = PERIODS.get(row.rate)
    row.next_digest_at = now + period if period else None


def link_expired(row: AlertRow, now: dt.datetime | None = None) -> bool:
    """Whether a pending alert's confirmation link is past its ``CONFIRM_DAYS``."""
    sent = as_utc(row.confirm_sent_at or row.created_at)
    if row.status != AWAITING or sent is None:
        return False
    return (now or utcnow()) >= sent + dt.timedelta(days=CONFIRM_DAYS)


def request_gone(row: AlertRow, pending_days: int, now: dt.datetime | None = None) -> bool:
    """Whether a pending alert is past ``pending_days`` since its last link was sent:
    what the delivery job removes (``forget_unconfirmed``), gone even before it runs."""
    sent = as_utc(row.confirm_sent_at or row.created_at)
    if row.status != AWAITING or sent is None:
        return False
    return (now or utcnow()) >= sent + dt.timedelta(days=pending_days)


INSTITUTION_OWNER = "institution:"  # an institution's alerts' owner: its keys are the operator's


def self_service(owner: str) -> bool:
    """Whether an alert's owner got its means to make alerts by itself: a reader key
    (asked by e-mail) or an e-mail address, not an institution's key (issued by the
    operator, each institution bounded by its own cap)."""
    return not owner.startswith(INSTITUTION_OWNER)


def _hold_total(s: Session, total_cap: int, owner: str) -> None:
    """Count, holding the service's alert lock, the self-service alerts that are searches
    run at every indexing batch or may be again (neither ended nor awaiting their
    confirmation): a pending one is counted when confirmed. Anyone may make pending ones
    for any address, so counting them from their creation let a few clients fill the
    service for everyone until they expired. ``ServiceFull`` when full. An institution's
    alert is neither refused nor counted here: reader keys are self-service, and one
    person with many of them filled the total and so refused every institution's new
    alert (institutions' alerts stay bounded: the operator's institutions, each at its
    ``alerts_per_owner``)."""
    if not self_service(owner):
        return
    hold(s, "alert-cap:*")
    kept = select(func.count()).select_from(AlertRow)
    kept = kept.where(~AlertRow.owner.startswith(INSTITUTION_OWNER, autoescape=True))
    # a suspended one is no search run either (``SUSPENDED``), and its owner is asked to
    # make a new one in its place: counted, it refused that replacement when full
    idle = (UNSUBSCRIBED, AWAITING, SUSPENDED)
    if s.scalar(kept.where(AlertRow.status.not_in(idle))) >= total_cap:
        raise ServiceFull(total_cap)


def _confirming(s: Session, token: str) -> AlertRow | None:
    """The alert whose confirmation link is ``token`` (only its SHA-256 is kept)."""
    wanted = digest(token)
    row = s.scalars(select(AlertRow).where(AlertRow.confirm_sha256 == wanted)).first()
    if row is None or not hmac.compare_digest(row.confirm_sha256 or "", wanted):
        return None
    return row


class CapReached(Exception):
    """The owner already has as many alerts as allowed."""

    def __init__(self, cap: int) -> None:
        super().__init__(f"at most {cap} alerts")
        self.cap = cap


class ServiceFull(Exception):
    """The service already keeps as many alerts, every owner's together, as allowed."""

    def __init__(self, cap: int) -> None:
        super().__init__(f"at most {cap} alerts in all")
        self.cap = cap


@dataclass(frozen=True)
class NewAlert:
    """An alert just made, with the secrets shown to its creator this once."""

    row: AlertRow
    secret: str | None = None  # the webhook's signing secret
    confirm_token: str | None = None  # the e-mail's confirmation link
    manage_token: str | None = None  # GET/DELETE of an e-mail alert made without a key


# a match goes out once its document is searchable: never while it waits in the index
# queue without having been made searchable (written into the embedded index and not
# committed yet, or left by a writer that died before its commit); one searchable before
# (changed since) or out of the queue for good (withheld, deleted: settled unsent by the
# delivery loop) is not held back
SEARCHABLE = or_(
    ~exists().where(IndexQueueRow.doc_id == AlertMatchRow.document_id),
    exists().where(FirstIndexedRow.doc_id == AlertMatchRow.document_id),
)


@dataclass(frozen=True)
class Pending:
    """A match waiting to be delivered; ``changed``: its document was delivered before and
    its content changed since (an updated document, not a new one)."""

    id: int
    document_id: str
    matched_at: dt.datetime
    changed: bool = False


class AlertBook:
    def __init__(self, db: Database, links_key: bytes | None = None) -> None:
        """``links_key`` (``links.links_key``) signs e-mail alerts' unsubscribe links
        and seals webhooks' signing secrets; a book without it only reads and ends
        alerts."""
        self.db = db
        self.links_key = links_key

    def _sealing_key(self) -> bytes:
        if self.links_key is None:
            raise ValueError("webhook secrets need the data folder's links key")
        return sealing_key(self.links_key)

    def signing_secret(self, row: AlertRow) -> str:
        """The webhook's signing secret, unsealed (``UnreadableSecret`` when this
        folder's key does not open it)."""
        if not row.secret:
            raise ValueError(f"alert {row.id} has no signing secret")
        return unseal(self._sealing_key(), row.id, row.secret)

    def unsubscribe_token(self, row: AlertRow) -> str:
        """The token of the unsubscribe link every e-mail of ``row`` carries."""
        return self.unsubscribe_token_of(row.id)

    def unsubscribe_token_of(self, alert_id: str) -> str:
        if self.links_key is None:
            raise ValueError("e-mail alerts need the data folder's links key")
        return unsubscribe_token(self.links_key, alert_id)

    def new_confirm_token(self, sent: dt.datetime) -> str:
        """A confirmation link's token that says when it was ``sent`` (see ``links``)."""
        if self.links_key is None:
            raise ValueError("e-mail alerts need the data folder's links key")
        return confirm_token(self.links_key, sent)

    def expired_request(
        self, token: str, pending_days: int, now: dt.datetime | None = None
    ) -> bool:
        """Whether ``token``, which finds no alert, is a link of this folder sent more than
        ``pending_days`` ago: its alert was removed unconfirmed (not a made-up link)."""
        sent = confirm_sent(self.links_key, token) if self.links_key else None
        return sent is not None and (now or utcnow()) >= sent + dt.timedelta(days=pending_days)

    # -- for the people who subscribe ------------------------------------------------

    def create(
        self,
        *,
        owner: str,
        key_id: str | None,
        query: dict[str, Any],
        channel: str,
        target: str,
        rate: str,
        base_url: str,
        with_manage_token: bool = False,
        cap: int | None = None,
        confirmed_only: bool = False,
        total_cap: int | None = None,
    ) -> NewAlert:
        """A webhook is active at once (its caller holds a key); an e-mail address is
        ``pendiente`` until its owner follows the confirmation link. With ``cap``, the
        owner's alerts (as ``count_for`` counts them) are counted in the transaction that
        adds the new one, holding the owner's lock: creations racing in several processes
        cannot all see room for one more (``CapReached`` when there is none). With
        ``total_cap``, the self-service alerts (reader keys', e-mail addresses') that are
        neither ended nor pending are counted likewise when the new one is self-service
        (``ServiceFull``): each is a search run at every indexing batch."""
        if channel not in CHANNELS or rate not in RATES:
            raise ValueError(f"channel {channel!r} or rate {rate!r} is not known")
        if self.links_key is None:
            raise ValueError("alerts need the data folder's links key")
        now = utcnow()
        alert_id = f"al_{secrets.token_hex(8)}"
        webhook = channel == "webhook"
        secret = f"whsec_{secrets.token_urlsafe(32)}" if webhook else None
        confirm = None if webhook else self.new_confirm_token(now)
        manage = secrets.token_urlsafe(24) if with_manage_token else None
        row = AlertRow(
            id=alert_id,
            owner=owner,
            key_id=key_id,
            query=query,
            channel=channel,
            target=target,
            rate=rate,
            base_url=base_url.rstrip("/"),
            status=ACTIVE if webhook else AWAITING,
            secret=seal(self._sealing_key(), alert_id, secret) if secret else None,
            confirm_sha256=digest(confirm) if confirm else None,
            manage_sha256=digest(manage) if manage else None,
            unsubscribe_token=None if webhook else digest(self.unsubscribe_token_of(alert_id)),
            created_at=now,
            confirm_sent_at=None if webhook else now,
            active_since=now if webhook else None,
            failures=0,
        )
        with self.db.session() as s, s.begin():
            if cap is not None:
                hold(s, f"alert-cap:{owner}")
                if s.scalar(self._counting(owner, confirmed_only)) >= cap:
                    raise CapReached(cap)
            if total_cap is not None:  # counted again when a pending one is confirmed
                _hold_total(s, total_cap, owner)
            s.add(row)
        return NewAlert(row, secret, confirm, manage)

    def take_confirmation(
        self,
        address: str,
        per_hour: int,
        now: dt.datetime | None = None,
        *,
        sender: str | None = None,
    ) -> float:
        """Record a confirmation e-mail to ``address`` and return 0, or, when the address
        had ``per_hour`` of them in the last hour, the seconds until one may be sent.
        Counted in the database, so it holds across API processes and restarts: the
        first write serialises the takers (SQLite's write lock; an advisory lock on the
        address in PostgreSQL). ``sender``: an institution, whose mails to the address
        are counted apart from everyone else's (anonymous clients and reader keys, who
        share one count): a stranger who spends that count in five requests an hour
        never keeps an institution from subscribing its own address."""
        # its spellings, sub-addresses and a Gmail address's dots: one inbox
        inbox = inbox_key(address)
        # a mailbox key has neither prefix, a requester's has ``requester:``
        return self._take_mail(
            digest(f"sender:{sender}|{inbox}" if sender else inbox), per_hour, now
        )

    def take_requested(
        self, requester: str, per_hour: int, now: dt.datetime | None = None
    ) -> float:
        """As :meth:`take_confirmation`, for whoever asked: ``requester`` (a key's id, or a
        client address's budget) causes at most ``per_hour`` confirmation e-mails an hour,
        whatever the addresses (else one client wrote to a new stranger every few seconds,
        each address within its own bound). Counted in the same table, under a hash no
        mailbox shares (a mailbox key has no ``requester:`` prefix)."""
        return self._take_mail(digest(f"requester:{requester}"), per_hour, now)

    def _take_mail(self, key: str, per_hour: int, now: dt.datetime | None) -> float:
        now = now or utcnow()
        mails = ConfirmationMailRow
        with self.db.session() as s, s.begin():
            if s.get_bind().dialect.name == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": int(key[:15], 16)})
            s.execute(delete(mails).where(mails.sent_at < now - MAIL_WINDOW))
            sent = s.scalars(
                select(mails.sent_at)
                .where(mails.address_sha256 == key, mails.sent_at >= now - MAIL_WINDOW)
                .order_by(mails.sent_at)
                .limit(per_hour)
            ).all()
            if len(sent) >= per_hour:
                oldest = as_utc(sent[0]) or now
                # a racing taker may have stamped its mail after this call's ``now``
                window = MAIL_WINDOW.total_seconds()
                return min(window, max(1.0, (oldest + MAIL_WINDOW - now).total_seconds()))
            s.add(mails(address_sha256=key, sent_at=now))
        return 0.0

    def renew_confirmation(self, token: str, fresh: str) -> AlertRow | None:
        """Give a pending alert whose link expired the new link ``fresh`` (sent from now);
        the old link stops answering. None when the link is unknown or not expired."""
        with self.db.session() as s, s.begin():
            row = _confirming(s, token)
            if row is None or not link_expired(row):
                return None
            row.confirm_sha256 = digest(fresh)
            row.confirm_sent_at = utcnow()
            return row

    def count_for(self, owner: str, confirmed_only: bool = False) -> int:
        """Alerts an owner has that are not ended (unsubscribed and suspended ones do not
        count); ``confirmed_only`` leaves out those still awaiting their confirmation."""
        with self.db.session() as s:
            return int(s.scalar(self._counting(owner, confirmed_only)) or 0)

    @staticmethod
    def _counting(owner: str, confirmed_only: bool) -> Any:
        # a suspended alert (its search no longer admitted) is replaced by a new one, which
        # must not be refused because of it
        ended = (UNSUBSCRIBED, SUSPENDED) + ((AWAITING,) if confirmed_only else ())
        stmt = select(func.count()).select_from(AlertRow)
        return stmt.where(AlertRow.owner == owner, AlertRow.status.not_in(ended))

    def get(self, alert_id: str) -> AlertRow | None:
        with self.db.session() as s:
            return s.get(AlertRow, alert_id)

    def list_for(self, owner: str) -> list[AlertRow]:
        with self.db.session() as s:
            stmt = select(AlertRow).where(AlertRow.owner == owner).order_by(AlertRow.created_at)
            return list(s.scalars(stmt))

    def manages(self, row: AlertRow | None, token: str) -> bool:
        """Whether ``token`` is ``row``'s management token. The same work whether the
        alert exists, has a token or not (a digest compared with a stand-in that no token
        digests to): the time of a 404 must not tell which alert ids exist."""
        stored = row.manage_sha256 if row is not None else None
        same = hmac.compare_digest(stored or NO_TOKEN, digest(token))
        return same and stored is not None

    def delete(self, alert_id: str) -> None:
        """The alert, its matches and its delivery records go."""
        with self.db.session() as s, s.begin():
            s.execute(delete(DeliveryRow).where(DeliveryRow.alert_id == alert_id))
            s.execute(delete(AlertMatchRow).where(AlertMatchRow.alert_id == alert_id))
            s.execute(delete(AlertRow).where(AlertRow.id == alert_id))

    def confirm(
        self, token: str, total_cap: int | None = None, cap: int | None = None
    ) -> AlertRow | None:
        """Follow a confirmation link: the alert starts matching documents from now on.
        With ``total_cap``, it is counted then among the service's alerts (``ServiceFull``
        when there is no room): a pending alert is no search run at any batch. With
        ``cap``, its owner's confirmed alerts are counted holding the owner's lock
        (``CapReached`` when there is no room): an address may hold any number of
        pending ones, and links followed at once must not all see room for one more."""
        with self.db.session() as s, s.begin():
            row = _confirming(s, token)
            if row is None or link_expired(row):
                return None
            if row.status == AWAITING:
                if cap is not None:
                    hold(s, f"alert-cap:{row.owner}")
                    if s.scalar(self._counting(row.owner, True)) >= cap:
                        raise CapReached(cap)
                if total_cap is not None:
                    _hold_total(s, total_cap, row.owner)
                now = utcnow()
                row.status = ACTIVE
                row.active_since = now
                row.notice_owed = BACKLOG  # what arrived since the request, sent too
                period = PERIODS.get(row.rate)
                row.next_digest_at = now + period if period else None
            return row

    def backlog_owed(self, limit: int = 50) -> list[AlertRow]:
        """Active alerts whose backlog (``BACKLOG``) is still to be matched."""
        stmt = select(AlertRow).where(AlertRow.status == ACTIVE, AlertRow.notice_owed == BACKLOG)
        with self.db.session() as s:
            return list(s.scalars(stmt.limit(limit)))

    def backlog_matched(self, alert_id: str) -> None:
        """That alert's backlog was matched (unless another state was owed since)."""
        with self.db.session() as s, s.begin():
            s.execute(
                update(AlertRow)
                .where(AlertRow.id == alert_id, AlertRow.notice_owed == BACKLOG)
                .values(notice_owed=None)
            )

    def unsubscribe(self, token: str) -> AlertRow | None:
        """One click: the alert ends (kept as ``baja`` so the link keeps answering)."""
        with self.db.session() as s, s.begin():
            row = self._unsubscribing(s, token)
            if row is None:
                return None
            row.status = UNSUBSCRIBED
            row.reason = "la persona se dio de baja"
            return row

    def by_unsubscribe_token(self, token: str) -> AlertRow | None:
        with self.db.session() as s:
            return self._unsubscribing(s, token)

    def _unsubscribing(self, s: Session, token: str) -> AlertRow | None:
        """The e-mail alert a link ends: a signed link names its alert; a link mailed
        before links were signed matches the SHA-256 the database keeps of it."""
        named = signed_alert_id(token)
        if named is not None and self.links_key is not None:
            row = s.get(AlertRow, named)
            mailed = row is not None and row.unsubscribe_token is not None
            if mailed and signed_by(self.links_key, token, named):
                return row
        wanted = digest(token)
        row = s.scalars(select(AlertRow).where(AlertRow.unsubscribe_token == wanted)).first()
        if row is None or not hmac.compare_digest(row.unsubscribe_token or "", wanted):
            return None
        return row

    def by_confirm_token(self, token: str) -> AlertRow | None:
        with self.db.session() as s:
            return _confirming(s, token)

    def summary(self, alert_id: str, recent: int = 10) -> tuple[int, int, list[DeliveryRow]]:
        """(matches, of them still undelivered, the latest delivery attempts)."""
        with self.db.session() as s:
            counts = select(func.count()).where(AlertMatchRow.alert_id == alert_id)
            total = int(s.scalar(counts) or 0)
            waiting = int(s.scalar(counts.where(AlertMatchRow.delivered_at.is_(None))) or 0)
            attempts = s.scalars(
                select(DeliveryRow)
                .where(DeliveryRow.alert_id == alert_id)
                .order_by(DeliveryRow.id.desc())
                .limit(recent)
            )
            return total, waiting, list(attempts)

    # -- for the delivery loop ---------------------------------------------------------

    def forget_unconfirmed(self, pending_days: int, now: dt.datetime | None = None) -> int:
        """Remove, with their links, the e-mail alerts still awaiting confirmation
        ``pending_days`` after their last link was sent: anyone may make them for any
        address, so kept for ever they grew without bound. Confirmed (or ended) alerts are
        never touched; the status is checked again by the DELETE itself, so an alert
        confirmed meanwhile stays. Found through ``ix_alerts_status``: only pending rows
        are read. Returns how many went."""
        cutoff = (now or utcnow()) - dt.timedelta(days=pending_days)
        sent = func.coalesce(AlertRow.confirm_sent_at, AlertRow.created_at)
        old = (AlertRow.status == AWAITING) & (sent <= cutoff)
        with self.db.session() as s, s.begin():
            ids = select(AlertRow.id).where(old)
            s.execute(delete(DeliveryRow).where(DeliveryRow.alert_id.in_(ids)))
            s.execute(delete(AlertMatchRow).where(AlertMatchRow.alert_id.in_(ids)))
            return int(s.execute(delete(AlertRow).where(old)).rowcount or 0)

    def claim_due(
        self, lease: dt.timedelta, limit: int = 500, now: dt.datetime | None = None
    ) -> list[AlertRow]:
        """Active alerts with something to send now, claimed in one conditional UPDATE
        (two delivery loops never send the same alert at once): webhooks and immediate
        e-mails with undelivered matches and no back-off pending, digests whose time has
        come (with or without matches: the period moves on either way). An institution's
        alerts come first, then the others in a random order: reader keys are
        self-service, and a few of their alerts, whose receivers answered as late as a
        delivery may, took the loop's threads for the whole pass while the institutions'
        waited behind them."""
        now = now or utcnow()
        free = or_(AlertRow.claimed_until.is_(None), AlertRow.claimed_until < now)
        ready = or_(AlertRow.next_attempt_at.is_(None), AlertRow.next_attempt_at <= now)
        waiting = select(AlertMatchRow.alert_id).where(
            AlertMatchRow.delivered_at.is_(None), SEARCHABLE
        )
        immediate = (AlertRow.rate == "inmediata") & AlertRow.id.in_(waiting.distinct())
        digest_due = (AlertRow.rate != "inmediata") & (AlertRow.next_digest_at <= now)
        due = (AlertRow.status == ACTIVE) & free & ready & or_(immediate, digest_due)
        token = secrets.token_hex(8)
        with self.db.session() as s, s.begin():
            # the others in a new order each pass: a pass starts none of theirs after its
            # time (``crawlers.alerts.delivery``), and the same slow ones first every time
            # would leave the rest behind them for good
            institutions_first = (
                ~AlertRow.owner.startswith(INSTITUTION_OWNER, autoescape=True),
                func.random(),
            )
            stmt = select(AlertRow.id).where(due).order_by(*institutions_first).limit(limit)
            candidates = s.scalars(stmt).all()
            if not candidates:
                return []
            s.execute(
                update(AlertRow)
                .where(AlertRow.id.in_(candidates), due)
                .values(claimed_by=token, claimed_until=now + lease)
            )
            claimed = select(AlertRow).where(AlertRow.claimed_by == token)
            return list(s.scalars(claimed.order_by(*institutions_first)))

    def claim_notices(
        self,
        lease: dt.timedelta,
        channels: tuple[str, ...] = CHANNELS,
        limit: int = 100,
        now: dt.datetime | None = None,
    ) -> list[AlertRow]:
        """Alerts whose owner is owed a notice (``notice_owed``: suspended, or admitted
        again), of ``channels``, claimed as ``claim_due`` claims (two loops never send one
        twice); those whose notice failed wait their ``next_attempt_at``. A notice owed
        for a state the alert left meanwhile (ended, edited back) is not sent."""
        now = now or utcnow()
        owed = (
            or_(
                (AlertRow.notice_owed == SUSPENDED) & (AlertRow.status == SUSPENDED),
                (AlertRow.notice_owed == READMITTED) & (AlertRow.status == ACTIVE),
            )
            & AlertRow.channel.in_(channels)
            & or_(AlertRow.claimed_until.is_(None), AlertRow.claimed_until < now)
            & or_(AlertRow.next_attempt_at.is_(None), AlertRow.next_attempt_at <= now)
        )
        token = secrets.token_hex(8)
        with self.db.session() as s, s.begin():
            candidates = s.scalars(select(AlertRow.id).where(owed).limit(limit)).all()
            if not candidates:
                return []
            s.execute(
                update(AlertRow)
                .where(AlertRow.id.in_(candidates), owed)
                .values(claimed_by=token, claimed_until=now + lease)
            )
            return list(s.scalars(select(AlertRow).where(AlertRow.claimed_by == token)))

    def notice(
        self,
        alert_id: str,
        kind: str,
        sent: bool,
        cause: str,
        backoff: dt.timedelta,
        backoff_cap: dt.timedelta,
        http_status: int | None = None,
    ) -> None:
        """A notice of ``kind`` (``SUSPENDED`` or ``READMITTED``): recorded among the
        deliveries once sent, and no longer owed (unless another became owed meanwhile);
        when it was not, the failure, and the next try waits as a delivery's would
        (``backoff``, 2×, 4×… up to ``backoff_cap``). Never disables the alert."""
        now = utcnow()
        with self.db.session() as s, s.begin():
            s.add(
                DeliveryRow(
                    alert_id=alert_id,
                    match_ids=[],
                    attempted_at=now,
                    status=NOTICES[kind] if sent else "fallida",
                    cause=cause[:1000],
                    http_status=http_status,
                )
            )
            row = s.get(AlertRow, alert_id)
            if row is None:
                return
            if sent:
                if row.notice_owed == kind:
                    row.notice_owed = None
                row.failures, row.next_attempt_at = 0, None
                return
            row.failures = (row.failures or 0) + 1
            row.next_attempt_at = now + min(backoff * (2 ** (row.failures - 1)), backoff_cap)

    def readmit(
        self, admitted: list[str], total_cap: int | None, cap: int | None
    ) -> tuple[list[str], list[str]]:
        """Suspended alerts whose saved search this parser admits again (a limit raised, a
        rule relaxed): active again, from now on (what was indexed while they were
        suspended was never matched), their owner owed a notice saying so. One whose owner
        or the service has no room left (a replacement made meanwhile) stays suspended,
        its reason saying how to come back. (readmitted, left suspended)."""
        back: list[str] = []
        kept: list[str] = []
        for alert_id in admitted:
            with self.db.session() as s, s.begin():
                row = s.get(AlertRow, alert_id)
                if row is None or row.status != SUSPENDED:
                    continue
                try:
                    self._room(s, row, total_cap, cap)
                except (CapReached, ServiceFull):
                    row.reason = FULL_TO_READMIT
                    kept.append(alert_id)
                    continue
                _activate(row, READMITTED)
                back.append(alert_id)
        return back, kept

    def _room(self, s: Session, row: AlertRow, total_cap: int | None, cap: int | None) -> None:
        """Raise ``CapReached``/``ServiceFull`` when ``row`` may not become active again
        (held under the locks ``create`` and ``confirm`` hold)."""
        if cap is not None:
            hold(s, f"alert-cap:{row.owner}")
            if s.scalar(self._counting(row.owner, True)) >= cap:
                raise CapReached(cap)
        if total_cap is not None:
            _hold_total(s, total_cap, row.owner)

    def edit(
        self,
        alert_id: str,
        query: dict[str, Any] | None,
        rate: str | None,
        total_cap: int | None = None,
        cap: int | None = None,
    ) -> AlertRow | None:
        """Change an alert's search and/or frequency (checked by the caller as a new
        alert's are). A suspended alert given a search this parser admits is active again
        from now on; a digest's period starts anew when its frequency changes. None when
        the alert is gone or ended (``baja``). ``CapReached``/``ServiceFull`` when a
        suspended one has no room to come back (its search is not changed then)."""
        if rate is not None and rate not in RATES:
            raise ValueError(f"rate {rate!r} is not known")
        now = utcnow()
        with self.db.session() as s, s.begin():
            row = s.get(AlertRow, alert_id)
            if row is None or row.status == UNSUBSCRIBED:
                return None
            if query is not None and row.status == SUSPENDED:
                self._room(s, row, total_cap, cap)
                _activate(row, None)
            if query is not None:
                row.query = query
            if rate is not None and rate != row.rate:
                row.rate = rate
                period = PERIODS.get(rate)
                row.next_digest_at = now + period if period else None
            row.edited_at = now
            return row

    def pending_for(self, alert_ids: list[str], per_alert: int) -> dict[str, list[Pending]]:
        """Undelivered matches of several alerts, oldest first, at most ``per_alert`` each."""
        found: dict[str, list[Pending]] = {}
        with self.db.session() as s:
            for start in range(0, len(alert_ids), 500):
                chunk = alert_ids[start : start + 500]
                rows = s.execute(
                    select(
                        AlertMatchRow.alert_id,
                        AlertMatchRow.id,
                        AlertMatchRow.document_id,
                        AlertMatchRow.matched_at,
                        AlertMatchRow.rearmed_at.is_not(None),
                    )
                    .where(
                        AlertMatchRow.alert_id.in_(chunk),
                        AlertMatchRow.delivered_at.is_(None),
                        SEARCHABLE,
                    )
                    .order_by(AlertMatchRow.id)
                )
                for alert_id, match_id, document_id, matched_at, changed in rows:
                    items = found.setdefault(alert_id, [])
                    if len(items) < per_alert:
                        items.append(Pending(match_id, document_id, matched_at, bool(changed)))
        return found

    def delivered(self, alert_id: str, match_ids: list[int], http_status: int | None) -> None:
        """These matches arrived: recorded, and the alert's failure count starts again."""
        self.delivered_many({alert_id: (match_ids, http_status)})

    def delivered_many(self, arrived: dict[str, tuple[list[int], int | None]]) -> None:
        """``delivered`` for several alerts in one transaction (alert → (matches, status))."""
        if not arrived:
            return
        now = utcnow()
        ids = [match for matches, _ in arrived.values() for match in matches]
        with self.db.session() as s, s.begin():
            for start in range(0, len(ids), 500):
                s.execute(
                    update(AlertMatchRow)
                    .where(AlertMatchRow.id.in_(ids[start : start + 500]))
                    .values(delivered_at=now)
                )
            s.add_all(
                DeliveryRow(
                    alert_id=alert_id,
                    match_ids=matches,
                    attempted_at=now,
                    status="entregada",
                    http_status=status,
                )
                for alert_id, (matches, status) in arrived.items()
            )
            alerts = list(arrived)
            for start in range(0, len(alerts), 500):
                s.execute(
                    update(AlertRow)
                    .where(AlertRow.id.in_(alerts[start : start + 500]))
                    .values(failures=0, next_attempt_at=None, last_delivery_at=now)
                )

    def skipped(self, match_ids: list[int], alert_id: str, cause: str) -> None:
        """Matches that must not go out (the document was withheld since): settled."""
        now = utcnow()
        with self.db.session() as s, s.begin():
            s.execute(
                update(AlertMatchRow)
                .where(AlertMatchRow.id.in_(match_ids))
                .values(delivered_at=now)
            )
            s.add(
                DeliveryRow(
                    alert_id=alert_id,
                    match_ids=match_ids,
                    attempted_at=now,
                    status="omitida",
                    cause=cause,
                )
            )

    def failed(
        self,
        alert_id: str,
        match_ids: list[int],
        cause: str,
        http_status: int | None,
        max_failures: int,
        backoff: dt.timedelta,
        backoff_cap: dt.timedelta,
    ) -> AlertRow | None:
        """An attempt that did not arrive: recorded; the next one waits twice as long as
        the last (``backoff``, 2×, 4×… up to ``backoff_cap``); after ``max_failures`` in
        a row the alert is disabled, with the reason shown on its page."""
        now = utcnow()
        with self.db.session() as s, s.begin():
            s.add(
                DeliveryRow(
                    alert_id=alert_id,
                    match_ids=match_ids,
                    attempted_at=now,
                    status="fallida",
                    cause=cause[:1000],
                    http_status=http_status,
                )
            )
            row = s.get(AlertRow, alert_id)
            if row is None:
                return None
            row.failures = (row.failures or 0) + 1
            wait = min(backoff * (2 ** (row.failures - 1)), backoff_cap)
            row.next_attempt_at = now + wait
            if row.failures >= max_failures:
                row.status = DISABLED
                times = (
                    f"{row.failures} entregas fallidas seguidas"
                    if row.failures > 1
                    else "una entrega fallida"
                )
                row.reason = f"desactivada tras {times}; la última: {cause[:300]}"
            return row

    def digest_sent(self, alert_id: str, now: dt.datetime | None = None) -> None:
        """A digest period closed (sent, or nothing to send): the next one is set."""
        now = now or utcnow()
        with self.db.session() as s, s.begin():
            row = s.get(AlertRow, alert_id)
            if row is None or row.rate not in PERIODS:
                return
            period = PERIODS[row.rate]
            due = row.next_digest_at or now
            due = due if due.tzinfo else due.replace(tzinfo=dt.UTC)
            while due <= now:
                due += period
            row.next_digest_at = due

    def release(self, alert_ids: list[str]) -> None:
        with self.db.session() as s, s.begin():
            for start in range(0, len(alert_ids), 500):
                chunk = alert_ids[start : start + 500]
                s.execute(
                    update(AlertRow)
                    .where(AlertRow.id.in_(chunk))
                    .values(claimed_by=None, claimed_until=None)
                )
