"""Reader keys (``ear_<id>_<secret>``): issued by the operator or by a reader who
confirmed an e-mail; they raise the read limit and grant nothing else. And the read-only
lookup of any presented key, reader's or institution's, for the rate limiter."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, or_, select, update

from config.spanish_errors import shown
from indexer.db.access_tables import ReaderKeyRequestRow, ReaderKeyRow
from indexer.db.database import Database, utcnow
from indexer.db.locks import hold
from indexer.db.registry import KEY_ID, KEY_PREFIX, RegistryError, as_utc
from indexer.db.tables import ApiKeyRow
from indexer.mail.address import (
    DOTLESS,
    inbox_key,
    like_escaped,
    mailbox,
    mailbox_key,
)

READER_PREFIX = "ear"
CONFIRM_HOURS = 24


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normal_email(email: str) -> str:
    """The address as compared and stored (trimmed, lower case); RegistryError if it is
    not one a message could be sent to."""
    value = mailbox(email)
    if value is None:
        raise RegistryError(
            "not a valid e-mail address", f"«{shown(email)}» no es una dirección de correo válida"
        )
    return value.lower()


class RequestsSpent(Exception):
    """The last hour's reader-key requests from a client, or for an address, are spent."""

    def __init__(self, by: Literal["client", "email"]) -> None:
        super().__init__(f"reader-key requests spent ({by})")
        self.by = by


@dataclass(frozen=True)
class KeyHolder:
    """Who a presented key belongs to: a reader, or an institution (its key id)."""

    kind: Literal["reader", "institution"]
    key_id: str


class ReaderKeys:
    def __init__(self, db: Database) -> None:
        self.db = db

    def issue(self, name: str, email: str, origin: str = "operator") -> tuple[str, str]:
        """A new key: (key id, the whole key), shown once; only its hash is stored."""
        name = name.strip()
        if not name:
            raise RegistryError(
                "a reader key needs a name", "una clave de lectura necesita un nombre"
            )
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        with self.db.session() as s, s.begin():
            s.add(
                ReaderKeyRow(
                    id=key_id,
                    name=name[:200],
                    email=normal_email(email),
                    secret_sha256=_digest(secret),
                    origin=origin,
                    created_at=utcnow(),
                )
            )
        return key_id, f"{READER_PREFIX}_{key_id}_{secret}"

    def revoke(self, key_id: str) -> bool:
        with self.db.session() as s, s.begin():
            done = s.execute(
                update(ReaderKeyRow)
                .where(ReaderKeyRow.id == key_id, ReaderKeyRow.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            return bool(done.rowcount)

    def list_keys(self) -> list[ReaderKeyRow]:
        with self.db.session() as s:
            return list(s.scalars(select(ReaderKeyRow).order_by(ReaderKeyRow.created_at)))

    def identify(self, presented: str) -> KeyHolder | None:
        """The holder of a live key, reader's or institution's; None for a malformed,
        unknown or revoked one. Reads only: this runs on the public read path."""
        prefix, _, rest = presented.strip().partition("_")
        key_id, _, secret = rest.partition("_")
        if not KEY_ID.fullmatch(key_id) or not secret:
            return None
        table: type[ReaderKeyRow] | type[ApiKeyRow]
        if prefix == READER_PREFIX:
            table, kind = ReaderKeyRow, "reader"
        elif prefix == KEY_PREFIX:
            table, kind = ApiKeyRow, "institution"
        else:
            return None
        with self.db.session() as s:
            row = s.execute(
                select(table.secret_sha256, table.revoked_at).where(table.id == key_id)
            ).first()
        if row is None or row.revoked_at is not None:
            return None
        if not hmac.compare_digest(row.secret_sha256, _digest(secret)):
            return None
        return KeyHolder(kind, key_id)  # type: ignore[arg-type]

    # -- self-service, confirmed by e-mail -------------------------------------------

    def request(
        self, name: str, email: str, client: str | None, per_hour: int | None = None
    ) -> str:
        """Record a request and return the token for its confirmation link (only its
        hash is stored; it works once, for ``CONFIRM_HOURS``). With ``per_hour``, the
        last hour's requests from ``client`` and for ``email`` are counted in the
        transaction that records this one, under one lock: requests racing on several
        API processes cannot all see room (``RequestsSpent`` says whose budget is out)."""
        name = name.strip()
        if not name:
            raise RegistryError(
                "a reader key needs a name", "una clave de lectura necesita un nombre"
            )
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self.db.session() as s, s.begin():
            if per_hour is not None:
                hold(s, "reader-key-requests")
                since = now - dt.timedelta(hours=1)
                if s.scalar(self._from(client or "", since)) >= per_hour:
                    raise RequestsSpent("client")
                if s.scalar(self._for(email, since)) >= per_hour:
                    raise RequestsSpent("email")
            s.add(
                ReaderKeyRequestRow(
                    token_sha256=_digest(token),
                    email=normal_email(email),
                    name=name[:200],
                    client=(client or "")[:64] or None,
                    created_at=now,
                    expires_at=now + dt.timedelta(hours=CONFIRM_HOURS),
                )
            )
        return token

    def requests_since(self, email: str, since: dt.datetime) -> int:
        """Confirmation e-mails asked for this address since ``since``."""
        with self.db.session() as s:
            return int(s.scalar(self._for(email, since)) or 0)

    def requests_from(self, client: str, since: dt.datetime) -> int:
        """Confirmation e-mails one client address asked for since ``since``."""
        with self.db.session() as s:
            return int(s.scalar(self._from(client, since)) or 0)

    @staticmethod
    def _for(email: str, since: dt.datetime) -> Any:
        """Requests for the mailbox ``email`` reaches: the address itself and its
        sub-addresses (``ana+1@…`` and ``ana@…`` are one inbox; ``indexer.mail``), and
        for a Gmail address every placing of dots in either of its domains."""
        normal_email(email)  # raises for what is no address
        key = mailbox_key(email)
        local, _, domain = key.rpartition("@")
        tagged = f"{like_escaped(local)}+%@{like_escaped(domain)}"
        same = [
            ReaderKeyRequestRow.email == key,
            ReaderKeyRequestRow.email.like(tagged, escape="\\"),
        ]
        if domain in DOTLESS:  # a Gmail inbox: its dots, either domain (``inbox_key``)
            dotless = inbox_key(email).rpartition("@")[0]
            folded = func.replace(func.lower(ReaderKeyRequestRow.email), ".", "")
            for written in DOTLESS:
                at = written.replace(".", "")
                same.append(folded == f"{dotless}@{at}")
                same.append(folded.like(f"{like_escaped(dotless)}+%@{at}", escape="\\"))
        return select(func.count()).where(or_(*same), ReaderKeyRequestRow.created_at >= since)

    @staticmethod
    def _from(client: str, since: dt.datetime) -> Any:
        return select(func.count()).where(
            ReaderKeyRequestRow.client == client[:64],
            ReaderKeyRequestRow.created_at >= since,
        )

    def pending(self, token: str) -> ReaderKeyRequestRow | None:
        """The unused, unexpired request behind a confirmation link."""
        with self.db.session() as s:
            row = s.get(ReaderKeyRequestRow, _digest(token))
        if row is None or row.used_at is not None:
            return None
        expires = as_utc(row.expires_at)
        return row if expires is not None and expires > utcnow() else None

    def confirm(self, token: str) -> tuple[str, str] | None:
        """Issue the key a link asks for: (key id, whole key), once; None when the link
        is unknown, used or expired. Two confirmations racing issue one key."""
        row = self.pending(token)
        if row is None:
            return None
        with self.db.session() as s, s.begin():
            claimed = s.execute(
                update(ReaderKeyRequestRow)
                .where(
                    ReaderKeyRequestRow.token_sha256 == row.token_sha256,
                    ReaderKeyRequestRow.used_at.is_(None),
                )
                .values(used_at=utcnow())
            )
            if not claimed.rowcount:
                return None
        key_id, key = self.issue(row.name, row.email, origin="self-service")
        with self.db.session() as s, s.begin():
            s.execute(
                update(ReaderKeyRequestRow)
                .where(ReaderKeyRequestRow.token_sha256 == row.token_sha256)
                .values(key_id=key_id)
            )
        return key_id, key
