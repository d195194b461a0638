"""Matching documents against the alerts made while they waited: for the commit of the
embedded index that makes them searchable, or for the confirmation of an e-mail alert.

The indexer matches each batch against the active alerts as it writes it; the embedded
index publishes it only at its next commit, up to ``COMMIT_SECONDS`` later (or at the
swap of a rebuild, ``abierto reindex``, which matches nothing as it writes). An alert made
in between saw none of these documents in its search, and the batch's matching did not
know it: once the commit is made they are matched again against the alerts made or
edited since the batch's alerts were read (and before the commit ended), and these
matches are kept in the transaction that settles the claims and notes when the documents
became searchable (``Database.settle_claims``): a crash before it leaves them pending,
indexed and matched again. A match is kept once ever per alert and document; an alert
made after the commit saw them (``documents_indexed``).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence

from sqlalchemy import or_, select

from indexer.alerts.book import ACTIVE, AlertBook
from indexer.alerts.matching import AlertMatcher
from indexer.db import Database
from indexer.db.alert_tables import AlertRow
from indexer.db.database import Match
from indexer.db.registry import as_utc
from indexer.db.tables import FirstIndexedRow

# documents read at a time to match them (their text in memory, once each)
READ_AT_ONCE = 200
# an alert's creation commits a moment after the time it carries: one made that long
# before the batch's alerts were read may not have been among them
COMMIT_LAG = dt.timedelta(seconds=5)
log = logging.getLogger(__name__)


class LateMatches:
    """The matches of just-published documents with the alerts their batch missed."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._matcher = AlertMatcher(db)  # its own: a commit behind runs in a thread
        self._lock = threading.Lock()

    def matches(
        self, ids: Sequence[str], read_at: dt.datetime | None, until: dt.datetime
    ) -> list[Match]:
        """``ids`` became searchable at ``until``; their batches read the alerts at
        ``read_at`` (None: never matched, a rebuild's: every alert). Their matches with
        the alerts made in between, to be kept as they are settled. A failure is logged,
        not raised: the commit stands."""
        if not ids:
            return []
        after = read_at - COMMIT_LAG if read_at is not None else None
        try:
            with self._lock:
                return self._match(list(ids), after, until)
        except Exception:
            log.exception(
                "%d documentos recién publicados no se pudieron cotejar con las alertas "
                "creadas mientras esperaban",
                len(ids),
            )
            return []

    def _match(self, ids: list[str], after: dt.datetime | None, until: dt.datetime) -> list[Match]:
        if after is not None and not self._made_since(after):
            return []  # the usual case: no document is read again
        found: list[Match] = []
        for start in range(0, len(ids), READ_AT_ONCE):
            docs = self.db.get_documents(ids[start : start + READ_AT_ONCE])
            shown = [d for d in docs.values() if d.privacy is None or not d.privacy.withheld]
            found += self._matcher.match(shown, made_after=after, made_until=until)
        return found

    def _made_since(self, after: dt.datetime) -> bool:
        """Whether an active alert was made or edited since ``after``."""
        made = or_(AlertRow.active_since >= after, AlertRow.edited_at >= after)
        stmt = select(AlertRow.id).where(AlertRow.status == ACTIVE, made).limit(1)
        with self.db.session() as s:
            return s.execute(stmt).first() is not None


def confirmed_backlog(db: Database, book: AlertBook, matcher: AlertMatcher) -> int:
    """The documents made searchable between an e-mail alert's request and its
    confirmation were matched against no alert (a pending one is matched against nothing):
    those its search finds now are matched, to be sent as its first delivery. Its owner
    was shown the search when asking; what arrived meanwhile is new to them. Each alert's
    backlog once (``AlertBook.backlog_matched``; matching again keeps nothing twice);
    ``matcher`` one of its own (it holds that alert alone). How many matches were kept."""
    kept = 0
    for alert in book.backlog_owed():
        since = as_utc(alert.created_at)
        stmt = select(FirstIndexedRow.doc_id).where(FirstIndexedRow.indexed_at >= since)
        with db.session() as s:
            ids = list(s.scalars(stmt.order_by(FirstIndexedRow.doc_id)))
        for start in range(0, len(ids), READ_AT_ONCE):
            docs = db.get_documents(ids[start : start + READ_AT_ONCE])
            shown = [d for d in docs.values() if d.privacy is None or not d.privacy.withheld]
            matches = matcher.match(shown, only=alert.id, anytime=True)
            db.record_matches(matches)
            kept += len(matches)
        book.backlog_matched(alert.id)
    return kept
