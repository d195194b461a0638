"""The people of the library folded once per process, to answer name, congress and
legislature questions by looking up their words, not by reading and folding every row
of a table that grows with the library at every request.

The index is rebuilt only when the table changed. The writer may be another process
(a crawl beside the API), so every question reads the table's count and newest
``updated_at`` first: two aggregates, one statement, far cheaper than the rows. Every
write of a person sets ``updated_at`` to the time of writing, so an insert raises the
count or the newest time, an update the newest time, a delete lowers the count.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

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

    def person(self) -> Person:
        """A fresh copy: callers may change what they get."""
        return Person(self.id, self.name, self.scope, list(self.forms),
                      [dict(t) for t in self.terms])  # fmt: skip

    def is_named(self, wanted: list[str]) -> bool:
        return any(list(n) == wanted or same_person(wanted, list(n)) for n in self.names)


class PeopleIndex:
    """Everyone, in the table's order by name, with positions by folded scope, by folded
    legislature and by name word (every word of a name that matches is a word of one
    of the person's forms, so the rarest asked word bounds the people to check)."""

    def __init__(self, stamp: Stamp, rows: Iterable[Any]) -> None:
        self.stamp = stamp
        self.entries: list[_Entry] = []
        self.by_scope: dict[str, list[int]] = {}
        self.by_legislature: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        for position, row in enumerate(rows):
            forms = tuple(row.forms or ())
            terms = tuple(dict(t) for t in row.terms or ())
            names = tuple(tuple(name_tokens(f)) for f in (row.name, *forms))
            legislatures = frozenset(fold_keyword(t.get("legislature") or "") for t in terms)
            self.entries.append(
                _Entry(row.id, row.name, row.scope, forms, terms, names, legislatures)
            )
            self.by_scope.setdefault(fold_keyword(row.scope), []).append(position)
            for legislature in legislatures:
                self.by_legislature.setdefault(legislature, []).append(position)
            for word in {w for n in names for w in n}:
                self.by_word.setdefault(word, []).append(position)

    def find(
        self, name: str, scope: str | None, legislature: str | None, limit: int
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
            if scope_key is not None and fold_keyword(entry.scope) != scope_key:
                continue
            if legislature_key is not None and legislature_key not in entry.legislatures:
                continue
            if wanted and not entry.is_named(wanted):
                continue
            found.append(entry.person())
            if len(found) >= limit:
                break
        return found


_INDEXES: weakref.WeakKeyDictionary[Engine, PeopleIndex] = weakref.WeakKeyDictionary()
_BUILDING = threading.Lock()


def people_index(db: Database) -> PeopleIndex:
    """The index of ``db``'s people as they are now: one small read to see whether the
    table changed since it was built, the whole table only when it did."""
    people = PersonRow.__table__
    columns = (people.c.id, people.c.name, people.c.scope, people.c.forms, people.c.terms)
    with db.engine.connect() as connection:
        stamp = tuple(connection.execute(select(func.count(), func.max(people.c.updated_at))).one())
        index = _INDEXES.get(db.engine)
        if index is not None and index.stamp == stamp:
            return index
        with _BUILDING:  # one rebuild at a time; the others wait for it, not redo it
            index = _INDEXES.get(db.engine)
            if index is not None and index.stamp == stamp:
                return index
            rows = connection.execute(select(*columns).order_by(people.c.name))
            index = PeopleIndex(stamp, rows)
            _INDEXES[db.engine] = index
            return index
