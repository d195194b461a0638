"""The people of the library folded once per process, to answer name, congress and
legislature questions by looking up their words, not by reading and folding every row
of a table that grows with the library at every request.

The index is rebuilt only when the table changed. The writer may be another process
(a crawl beside the API), so every question reads the table's count and newest
``updated_at`` first: two aggregates, one statement, far cheaper than the rows. Every
write of a person sets ``updated_at`` to the time of writing, so an insert raises the
count or the newest time, an update the newest time, a delete lowers the count. A
rebuild reads the ids and times in order and folds again only the rows that changed;
once a minute (``REFRESH_SECONDS``) every row is compared, for the one change the
stamp can miss.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, String, func, select, type_coerce

from indexer.analysis import fold_keyword
from indexer.db import Database, PersonRow
from indexer.speeches.people import Person, name_tokens, same_person

Stamp = tuple[Any, ...]


@dataclass(frozen=True)
class _Entry:
    """One person as stored, and as compared."""

    id: str
    name: str
    scope: str
    forms: tuple[str, ...]
    terms: tuple[dict[str, Any], ...]
    names: tuple[tuple[str, ...], ...]  # every form's name tokens, the name's first
    legislatures: frozenset[str]
    scope_key: str
    updated_at: Any

    @classmethod
    def folded(cls, row: Any) -> _Entry:
        forms = tuple(row.forms or ())
        terms = tuple(dict(t) for t in row.terms or ())
        return cls(
            row.id, row.name, row.scope, forms, terms,
            tuple(tuple(name_tokens(f)) for f in (row.name, *forms)),
            frozenset(fold_keyword(t.get("legislature") or "") for t in terms),
            fold_keyword(row.scope), row.updated_at,
        )  # fmt: skip

    def same_row(self, row: Any) -> bool:
        """Whether ``row`` holds what this entry was folded from."""
        return (row.updated_at, row.name, row.scope, tuple(row.forms or ()),
                tuple(row.terms or ())) == (self.updated_at, self.name, self.scope,
                self.forms, self.terms)  # fmt: skip

    def person(self) -> Person:
        """A fresh copy: callers may change what they get."""
        return Person(self.id, self.name, self.scope, list(self.forms),
                      [dict(t) for t in self.terms])  # fmt: skip

    def is_named(self, wanted: list[str]) -> bool:
        return any(list(n) == wanted or same_person(wanted, list(n)) for n in self.names)

    def has_words(self, wanted: list[str]) -> bool:
        """Every word of ``wanted`` is a word of one form of the name (a search box's
        "ortega" or "angeles de la torre", not a name the person could be)."""
        return any(set(wanted) <= set(n) for n in self.names)


class PeopleIndex:
    """Everyone, in the table's order by name, with positions by folded scope, by folded
    legislature and by name word (every word of a name that matches is a word of one
    of the person's forms, so the rarest asked word bounds the people to check)."""

    def __init__(self, stamp: Stamp, entries: list[_Entry]) -> None:
        self.stamp = stamp
        self.built = time.monotonic()
        self.entries = entries
        self.by_id = {entry.id: entry for entry in entries}
        self.by_scope: dict[str, list[int]] = {}
        self.by_legislature: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            self.by_scope.setdefault(entry.scope_key, []).append(position)
            for legislature in entry.legislatures:
                self.by_legislature.setdefault(legislature, []).append(position)
            for word in {w for n in entry.names for w in n}:
                self.by_word.setdefault(word, []).append(position)

    def find(
        self,
        name: str,
        scope: str | None,
        legislature: str | None,
        limit: int,
        every_word: bool = False,
    ) -> list[Person]:
        wanted = name_tokens(name)
        lists: list[list[int]] = []
        if scope:
            lists.append(self.by_scope.get(fold_keyword(scope), []))
        if legislature:
            lists.append(self.by_legislature.get(fold_keyword(legislature), []))
        lists.extend(self.by_word.get(w, []) for w in wanted)
        candidates: Iterable[int] = min(lists, key=len) if lists else range(len(self.entries))
        scope_key = fold_keyword(scope) if scope else None
        legislature_key = fold_keyword(legislature) if legislature else None
        found: list[Person] = []
        for position in candidates:
            entry = self.entries[position]
            if scope_key is not None and entry.scope_key != scope_key:
                continue
            if legislature_key is not None and legislature_key not in entry.legislatures:
                continue
            matches = entry.has_words if every_word else entry.is_named
            if wanted and not matches(wanted):
                continue
            found.append(entry.person())
            if len(found) >= limit:
                break
        return found


_INDEXES: weakref.WeakKeyDictionary[Engine, PeopleIndex] = weakref.WeakKeyDictionary()
_BUILDING = threading.Lock()
# the stamp misses one change: a write whose time was taken before another's but that
# committed after it, changing no count. Past this age the index is checked row by row
# (every row read, only the ones that changed folded again), bounding how long such a
# change stays unseen.
REFRESH_SECONDS = 60.0
CHUNK = 500  # ids per statement, well under both databases' parameter limits


def people_index(db: Database) -> PeopleIndex:
    """The index of ``db``'s people as they are now: one small read to see whether the
    table changed since it was built; when it did, the people's ids and times in order
    by name, and only the rows new or changed since are read and folded."""
    people = PersonRow.__table__
    with db.engine.connect() as connection:
        stamp = tuple(connection.execute(select(func.count(), func.max(people.c.updated_at))).one())
        index = _INDEXES.get(db.engine)
        if index is not None and _current(index, stamp):
            return index
        # one rebuild at a time: the others wait for it rather than redo it, unless the
        # index is only old (then answered as it is meanwhile)
        only_old = index is not None and index.stamp == stamp
        if not _BUILDING.acquire(blocking=not only_old):
            return index  # type: ignore[return-value]
        try:
            index = _INDEXES.get(db.engine)
            if index is not None and _current(index, stamp):
                return index
            whole = index is None or time.monotonic() - index.built >= REFRESH_SECONDS
            index = PeopleIndex(stamp, _entries(connection, index, whole))
            _INDEXES[db.engine] = index
            return index
        finally:
            _BUILDING.release()


def _current(index: PeopleIndex, stamp: Stamp) -> bool:
    return index.stamp == stamp and time.monotonic() - index.built < REFRESH_SECONDS


def _entries(connection: Connection, old: PeopleIndex | None, whole: bool) -> list[_Entry]:
    """Everyone in the table's order by name (as the scan read them: the database's
    collation decides), reusing the folded entries whose row has not changed: by its
    time, or (``whole``) by every column, read for everyone."""
    people = PersonRow.__table__
    known = old.by_id if old is not None else {}
    # the time as the driver gives it: parsing 10^5 of them into datetimes was most of
    # a rebuild on SQLite, and it is only compared with itself
    updated_at = type_coerce(people.c.updated_at, String).label("updated_at")
    columns = (people.c.id, people.c.name, people.c.scope, people.c.forms, people.c.terms,
               updated_at)  # fmt: skip
    if whole:
        rows = connection.execute(select(*columns).order_by(people.c.name))
        return [e if (e := known.get(r.id)) is not None and e.same_row(r) else _Entry.folded(r)
                for r in rows]  # fmt: skip
    order = connection.execute(select(people.c.id, updated_at).order_by(people.c.name)).all()
    stale = [i for i, updated in order if (e := known.get(i)) is None or e.updated_at != updated]
    fresh: dict[str, _Entry] = {}
    for start in range(0, len(stale), CHUNK):
        stmt = select(*columns).where(people.c.id.in_(stale[start : start + CHUNK]))
        fresh.update((row.id, _Entry.folded(row)) for row in connection.execute(stmt))
    # a row deleted between the two reads is left out; one changed between them is
    # taken as read the second time (the next question sees its newer stamp anyway)
    return [e for i, _ in order if (e := fresh.get(i) or known.get(i)) is not None]
