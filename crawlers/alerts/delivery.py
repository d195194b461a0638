"""The delivery loop: sends what alerts matched, at least once.

Webhooks get each match as soon as the loop sees it (one signed POST per match, its id
the idempotency key); e-mail alerts get one message per delivery: at once for
``inmediata``, one digest per period for ``diaria`` and ``semanal`` (none when the
period had no matches). A match is marked delivered only after the receiver accepted it,
so a crash resends rather than loses. Every attempt is recorded with its outcome; a
failure waits twice as long as the previous one before the next try, and after
``ABIERTO_ALERT_MAX_FAILURES`` in a row the alert is disabled with the reason.

Runs in ``abierto worker`` (a thread beside the crawls) and as ``abierto alerts
deliver`` (once, for cron, or ``--loop``). Alerts are claimed one at a time in the
database, so several loops never deliver the same alert at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from config.settings import Settings
from crawlers.alerts.webhook import Poster
from indexer.alerts import AlertBook
from indexer.alerts.book import (
    PERIODS,
    READMITTED,
    SUSPENDED,
    Pending,
    seal_old_secrets,
    self_service,
)
from indexer.alerts.late import confirmed_backlog
from indexer.alerts.links import MissingLinksKey, links_key
from indexer.alerts.mails import MatchedDocument, matches, readmitted, suspended
from indexer.alerts.matching import AlertMatcher, suspended_admitted
from indexer.alerts.snippet import plain_snippet
from indexer.db import Database
from indexer.db.alert_tables import AlertRow
from indexer.db.database import utcnow
from indexer.db.registry import as_utc
from indexer.mail import Mailer, MailError
from indexer.models import Legislativo, Sentencia, Sesion

AnyDocument = Sentencia | Sesion | Legislativo
LEASE = dt.timedelta(minutes=5)
FORGET_EVERY_S = 3600.0  # the loop's search for unconfirmed alerts past their days
RECHECK_S = 3600.0  # suspended alerts' searches asked again of this parser
WEBHOOK_BATCH = 200  # matches of one alert per pass; the rest at the next pass
# A receiver may answer each POST as late as the delivery's deadline: one alert sends its
# matches for at most ALERT_PASS_S in a pass (the rest at the next), and a pass starts no
# self-service alert (a reader key's, an e-mail address's) after PASS_S, so a pass lasts
# about PASS_S + ALERT_PASS_S + a POST's deadline however many slow alerts anyone made,
# and an institution's alerts, sent first in every pass, wait no longer than that
ALERT_PASS_S = 30.0
PASS_S = 60.0
# every self-service alert's receivers take one share of the host-name lookups together
# (as their subscriptions do in the API): their silent names, each holding its place until
# the resolver gave up, took the whole pool, and each institution's delivery then failed
# as a DNS error, counted toward disabling its alert
READERS_LOOKUPS = "readers"
MAIL_MATCHES = 200  # documents listed in one e-mail at most (the rest in the next one)
# why a match was not sent, as its owner reads it (``GET /v1/alerts/{id}``): withheld and
# deleted alike, so the owner learns only that the document left publication
WITHDRAWN_SINCE = "el documento dejó de publicarse después de coincidir con la alerta"
CHANGED_SINCE = "el documento cambió después de coincidir y ya no responde a la alerta"
EDITED_SINCE = "la búsqueda de la alerta cambió después de esta coincidencia y ya no la incluye"
# a webhook's deliveries while the data folder lost the key its secret was sealed under
KEY_LOST = (
    "falta la clave de las alertas de la carpeta de datos del servicio, con la que se selló "
    "el secreto de firma de este webhook: no se puede firmar la entrega. Su operador debe "
    "restaurarla desde la copia de seguridad (abierto restore la repone); si se perdió, "
    "borre el webhook (DELETE /v1/alerts/{id}) y créelo de nuevo"
)
# an e-mail's while it is lost: its unsubscribe link cannot be signed (the path: the log's)
KEY_LOST_MAIL = (
    "falta la clave de las alertas de la carpeta de datos del servicio, con la que se firma "
    "el enlace para darse de baja: no se puede enviar el aviso. Su operador debe restaurarla "
    "desde la copia de seguridad (abierto restore la repone)"
)
UNREADABLE_SECRET = (
    "el secreto de firma del webhook no se puede leer con la clave de esta carpeta de "
    "datos (¿se restauró la base de datos sin su carpeta?): cree la alerta de nuevo"
)
log = logging.getLogger(__name__)


@dataclass
class Round:
    """What one pass of the loop did."""

    alerts: int = 0
    delivered: int = 0
    failed: int = 0
    expired: int = 0  # e-mail alerts removed unconfirmed (``alert_pending_days``)


class Deliverer:
    def __init__(
        self,
        settings: Settings,
        db: Database | None = None,
        concurrency: int = 8,
        pass_s: float = PASS_S,
        alert_pass_s: float = ALERT_PASS_S,
    ) -> None:
        self.settings = settings
        self.db = db or Database(settings.database)
        self.missing_key: MissingLinksKey | None = None
        key: bytes | None = None
        try:
            key = links_key(settings.data_dir, self.db)
            seal_old_secrets(self.db, key)
        except MissingLinksKey as exc:  # every delivery fails saying so; no new key
            self.missing_key = exc
            log.error("%s", exc)
        self.book = AlertBook(self.db, key)
        self.matcher = AlertMatcher(self.db)  # a match is checked again before it goes out
        self._backlog_matcher = AlertMatcher(self.db)  # one alert at a time
        self.mailer = Mailer(settings)
        self.poster = Poster(settings.allow_loopback, settings.alert_webhook_deadline_s)
        self.concurrency = concurrency
        self.pass_s = pass_s
        self.alert_pass_s = alert_pass_s
        self._lock = threading.Lock()
        self._recheck_at = 0.0  # suspended alerts asked again at the first pass

    def run_once(self, forget: bool = True) -> Round:
        """Deliver everything due now: the bookkeeping of a whole pass in a few
        statements, the sending several alerts at a time. With ``forget``, first remove
        the e-mail alerts left unconfirmed past ``alert_pending_days``."""
        done = Round()
        if forget:
            done.expired = self.book.forget_unconfirmed(self.settings.alert_pending_days)
            if done.expired:
                log.info("%d alertas sin confirmar borradas", done.expired)
        self._readmit()
        self._tell()
        self._backlog()
        due = self.book.claim_due(LEASE)
        if not due:
            return done
        try:
            pending = self.book.pending_for([a.id for a in due], WEBHOOK_BATCH)
            docs = self._documents(due, pending)
            arrived: dict[str, tuple[list[int], int | None]] = {}
            began = time.monotonic()

            def one(alert: AlertRow) -> None:
                if self_service(alert.owner) and time.monotonic() - began > self.pass_s:
                    return  # released unsent: the next pass, behind the institutions' again
                items = [(p, docs[p.id]) for p in pending.get(alert.id, []) if p.id in docs]
                try:
                    if alert.channel == "webhook":
                        sent, status, failed = self._webhook(alert, items)
                    else:
                        sent, status, failed = self._email(alert, items)
                except Exception:  # one alert's bug must not stop the others' deliveries
                    log.exception("delivering alert %s failed", alert.id)
                    sent, status, failed = [], None, 1
                with self._lock:
                    done.alerts += 1
                    done.delivered += len(sent)
                    done.failed += failed
                    if sent:
                        arrived[alert.id] = (sent, status)

            with ThreadPoolExecutor(self.concurrency) as pool:
                list(pool.map(one, due))
            self.book.delivered_many(arrived)
        finally:
            self.book.release([a.id for a in due])
        return done

    def _backlog(self) -> None:
        """What arrived while an e-mail alert waited for its confirmation is matched
        before its first delivery (``confirmed_backlog``); a failure is retried."""
        try:
            kept = confirmed_backlog(self.db, self.book, self._backlog_matcher)
        except Exception:
            log.exception("the documents of newly confirmed alerts could not be matched")
            return
        if kept:
            log.info("%d documentos llegados antes de confirmar alertas, por enviar", kept)

    def _readmit(self) -> None:
        """Suspended alerts whose search this parser admits again are active again, their
        owners owed a notice (``AlertBook.readmit``). Asked when the loop starts (a new
        parser or limit arrives only with a new program) and every ``RECHECK_S``."""
        if time.monotonic() < self._recheck_at:
            return
        self._recheck_at = time.monotonic() + RECHECK_S
        admitted = suspended_admitted(self.db)
        if not admitted:
            return
        s = self.settings
        back, kept = self.book.readmit(admitted, s.alerts_total, s.alerts_per_owner)
        if back:
            log.info("%d alertas suspendidas vuelven a estar activas", len(back))
        if kept:
            log.info("%d alertas admitidas de nuevo quedan suspendidas: sin sitio", len(kept))

    def _tell(self) -> None:
        """Tell each alert's owner, once, what changed: its saved search is no longer
        admitted (``indexer.alerts.matching``) and why, or it is admitted again and the
        alert active. By e-mail, or at the webhook as a signed ``alert.suspended`` or
        ``alert.reactivated`` event; retried as deliveries are, never disabling it."""
        channels = ("webhook",)
        if self.missing_key is None and self.mailer.configured:
            channels = ("webhook", "email")  # else told when its link can be signed
        owed = self.book.claim_notices(LEASE, channels)
        s = self.settings
        backoff = dt.timedelta(seconds=max(s.alert_retry_s, 1))
        cap = dt.timedelta(seconds=max(s.alert_retry_cap_s, s.alert_retry_s, 1))
        began = time.monotonic()
        try:
            for alert in owed:
                if time.monotonic() - began > self.pass_s:
                    break  # released unsent: a silent receiver holds no pass for long
                kind = alert.notice_owed or SUSPENDED
                try:
                    sent, cause, status = self._notice(alert, kind)
                except Exception:  # one alert's bug must not stop the others' notices
                    log.exception("alert %s notice failed", alert.id)
                    sent, cause, status = False, "no se pudo enviar el aviso", None
                self.book.notice(alert.id, kind, sent, cause, backoff, cap, status)
        finally:
            self.book.release([a.id for a in owed])

    def _notice(self, alert: AlertRow, kind: str) -> tuple[bool, str, int | None]:
        """Send one notice: (sent, what the delivery record says, the HTTP status)."""
        how = "por correo" if alert.channel == "email" else "a su webhook"
        told = (
            f"se le avisó {how} de que su búsqueda ya no se admite"
            if kind == SUSPENDED
            else f"se le avisó {how} de que su búsqueda vuelve a admitirse y la alerta está activa"
        )
        if alert.channel == "email":
            unsubscribe = self.book.unsubscribe_token(alert)
            maker = suspended if kind == SUSPENDED else readmitted
            try:
                self.mailer.send(maker(alert, self.mailer.sender, unsubscribe))
            except MailError as exc:
                log.warning("alert %s notice not sent: %s", alert.id, exc)
                return False, exc.causa, None
            return True, told, None
        if self.missing_key is not None:
            return False, KEY_LOST, None
        try:
            secret = self.book.signing_secret(alert)
        except ValueError:
            return False, UNREADABLE_SECRET, None
        owner = READERS_LOOKUPS if self_service(alert.owner) else alert.owner
        key = f"{alert.id}:{kind}:{_stamp(alert)}"
        outcome = self.poster.post(alert.target, notice_payload(alert, kind), secret, key, owner)
        if not outcome.ok:
            log.warning("alert %s webhook notice failed: %s", alert.id, outcome.cause)
            return False, outcome.causa or "no se pudo entregar al webhook", outcome.status
        return True, told, outcome.status

    def close(self) -> None:
        self.poster.close()

    def run(self, stop: threading.Event, poll_s: float | None = None) -> None:
        """Deliver until ``stop`` is set, looking for new matches every ``poll_s``."""
        wait = poll_s if poll_s is not None else self.settings.alert_poll_s
        forget_at = 0.0  # unconfirmed alerts looked for at most once every FORGET_EVERY_S
        while not stop.is_set():
            forget = time.monotonic() >= forget_at
            if forget:
                forget_at = time.monotonic() + FORGET_EVERY_S
            try:
                busy = self.run_once(forget).delivered > 0
            except Exception:
                log.exception("the alert delivery pass failed; trying again")
                busy = False
            if not busy:  # more may be due at once: look again without waiting
                stop.wait(wait)
        self.close()

    # -- one alert --------------------------------------------------------------------

    def _documents(
        self, due: list[AlertRow], pending: dict[str, list[Pending]]
    ) -> dict[int, AnyDocument]:
        """The documents of the pending matches that may go out (match id → document);
        the others (withheld for personal data since they matched, or deleted) are
        settled without being sent, and so are those the alert's search no longer finds
        in the document as it is now (the name it asked for masked by a privacy review
        since: sent, the message would say the document named them)."""
        wanted = {p.document_id for items in pending.values() for p in items}
        docs = self.db.get_documents(list(wanted))
        shown = [d for d in docs.values() if d.privacy is None or not d.privacy.withheld]
        still = set(self.matcher.match(shown, anytime=True))  # on the text as it is
        usable: dict[int, AnyDocument] = {}
        for alert in due:
            held, changed, edited = [], [], []
            edited_at = as_utc(alert.edited_at)
            for item in pending.get(alert.id, []):
                doc = docs.get(item.document_id)
                if doc is None or (doc.privacy is not None and doc.privacy.withheld):
                    held.append(item.id)
                elif (alert.id, doc.id) in still:
                    usable[item.id] = doc
                elif edited_at is not None and as_utc(item.matched_at) < edited_at:
                    edited.append(item.id)  # matched by the search its owner replaced
                else:
                    changed.append(item.id)
            if held:
                self.book.skipped(held, alert.id, WITHDRAWN_SINCE)
            if changed:
                self.book.skipped(changed, alert.id, CHANGED_SINCE)
            if edited:
                self.book.skipped(edited, alert.id, EDITED_SINCE)
        return usable

    def _webhook(
        self, alert: AlertRow, items: list[tuple[Pending, AnyDocument]]
    ) -> tuple[list[int], int | None, int]:
        """POST each match in order; the first failure stops (and is retried later)."""
        sent: list[int] = []
        status = None
        if self.missing_key is not None:  # the folder's path is the operator's (the log)
            self._failed(alert, [item.id for item, _ in items], KEY_LOST, None)
            return sent, status, 1
        try:
            secret = self.book.signing_secret(alert)
        except ValueError:
            self._failed(alert, [item.id for item, _ in items], UNREADABLE_SECRET, None)
            return sent, status, 1
        until = time.monotonic() + self.alert_pass_s
        for item, doc in items:
            if sent and time.monotonic() > until:
                break  # the rest at the next pass: the loop's threads are every owner's
            payload = _payload(alert, item, self._described(alert, item, doc), doc.url)
            owner = READERS_LOOKUPS if self_service(alert.owner) else alert.owner
            outcome = self.poster.post(
                alert.target, payload, secret, f"{alert.id}:{item.id}", owner
            )
            if outcome.busy:
                # nothing was sent: not the receiver's failure (none counts toward disabling
                # it); its matches wait for the next pass
                break
            if not outcome.ok:
                # the owner reads the cause in Spanish (GET /v1/alerts/{id}); the English
                # one, with the address checked and the exception, is the operator's
                log.warning("alert %s webhook delivery failed: %s", alert.id, outcome.cause)
                causa = outcome.causa or "no se pudo entregar al webhook"
                self._failed(alert, [item.id], causa, outcome.status)
                return sent, status, 1
            sent.append(item.id)
            status = outcome.status
        return sent, status, 0

    def _email(
        self, alert: AlertRow, items: list[tuple[Pending, AnyDocument]]
    ) -> tuple[list[int], int | None, int]:
        """One message listing every pending match (a digest: the period closes too)."""
        now = utcnow()
        listed = [self._described(alert, item, doc) for item, doc in items[:MAIL_MATCHES]]
        if listed and self.missing_key is not None:  # its unsubscribe link cannot be signed
            self._failed(alert, [doc.match_id for doc in listed], KEY_LOST_MAIL, None)
            return [], None, 1
        if listed:
            unsubscribe = self.book.unsubscribe_token(alert)
            message = matches(alert, self.mailer.sender, listed, now.date(), unsubscribe)
            ids = [doc.match_id for doc in listed]
            try:
                self.mailer.send(message)
            except MailError as exc:
                # the owner reads the cause (GET /v1/alerts/{id}); the relay's words are
                # the operator's, in the log
                log.warning("alert %s e-mail not sent: %s", alert.id, exc)
                self._failed(alert, ids, exc.causa, None)
                return [], None, 1
        if alert.rate in PERIODS:
            self.book.digest_sent(alert.id, now)
        return [doc.match_id for doc in listed], None, 0

    def _described(self, alert: AlertRow, item: Pending, doc: AnyDocument) -> MatchedDocument:
        return MatchedDocument(
            match_id=item.id,
            document_id=doc.id,
            kind=doc.kind,
            title=doc.title,
            date=doc.date,
            institution=doc.institution,
            snippet=plain_snippet(doc.text, alert.query.get("q") or ""),
            permalink=f"{alert.base_url}/d/{quote(doc.id, safe='')}",
            changed=item.changed,
        )

    def _failed(self, alert: AlertRow, ids: list[int], cause: str, status: int | None) -> None:
        s = self.settings
        row = self.book.failed(
            alert.id,
            ids,
            cause,
            status,
            s.alert_max_failures,
            dt.timedelta(seconds=s.alert_retry_s),
            dt.timedelta(seconds=s.alert_retry_cap_s),
        )
        if row is not None and row.status != "activa":
            log.warning("alert %s disabled: %s", alert.id, row.reason)


def _payload(
    alert: AlertRow, item: Pending, doc: MatchedDocument, source_url: str
) -> dict[str, Any]:
    """The JSON a webhook receives for one match; ``match_id`` is its idempotency key and
    ``changed`` says the document was sent before and its content changed since."""
    matched = item.matched_at if item.matched_at.tzinfo else item.matched_at.replace(tzinfo=dt.UTC)
    return {
        "event": "alert.match",
        "match_id": item.id,
        "alert_id": alert.id,
        "matched_at": matched.isoformat(),
        "changed": doc.changed,
        "query": alert.query,
        "document": {
            "id": doc.document_id,
            "kind": doc.kind,
            "title": doc.title,
            "date": doc.date.isoformat() if doc.date else None,
            "institution": doc.institution,
            "snippet": doc.snippet,
            "permalink": doc.permalink,
            "source_url": source_url,
        },
    }


def _stamp(alert: AlertRow) -> str:
    """What tells one suspension or reactivation of an alert from the next (its idempotency
    key's last part): the moment it last became active, to the microsecond (a suspension
    within the second of its reactivation is another notice)."""
    since = alert.active_since
    if since is None:
        return "0"
    return f"{int(since.timestamp())}{since.microsecond:06d}"


def notice_payload(alert: AlertRow, kind: str) -> dict[str, Any]:
    """The JSON a webhook receives when its alert is suspended (``alert.suspended``: its
    saved search is no longer admitted; ``reason`` says why and what to do) or active
    again (``alert.reactivated``: admitted again; documents indexed meanwhile were not
    matched). Signed and retried like a match; no document in it."""
    event = "alert.suspended" if kind == SUSPENDED else "alert.reactivated"
    since = alert.active_since
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return {
        "event": event,
        "alert_id": alert.id,
        "status": alert.status,
        "reason": alert.reason if kind == SUSPENDED else None,
        "active_since": since.isoformat() if kind == READMITTED and since else None,
        "query": alert.query,
    }
