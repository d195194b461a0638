"""A person or a court as people write them → the stored values that name them.

A ponente is stored as its source writes it («Ministro Alberto Pérez Dayán»), a court
likewise («Primera Sala de la Suprema Corte de Justicia de la Nación»); a journalist
types «Pérez Dayán» or «primera sala». A filter on these fields finds every stored
value that holds all the typed words — whole words, accents and capitals aside, in any
order («Dayán Pérez» too) — and the typed value itself, as before.

The index keeps no words of these fields (a keyword each, unchanged: no reindex), so
each store reads the field's distinct stored values (a few hundred to a few thousand),
picks those whose words hold the typed ones (``NameBook``) and filters by that group,
exactly as a ruling's group of spellings (``indexer.query.rulings``). A book is made
once per index commit and set for the compiling of a question (``using``). A word in
too many values («de», «sala») is refused in Spanish (``NameTooBroad``) unless it is a
whole stored value itself, which then matches as it always did.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar

from indexer.analysis import fold_keyword, fold_tokens
from indexer.query.fields import QUERY_FIELDS

# fields whose filter matches the stored values holding the typed words
NAME_FIELDS: frozenset[str] = frozenset({"ponente", "court"})
# the most stored values one typed value may stand for (a longer group is a word that
# names no one: «de», «tribunal»)
GROUP_CAP = 200
# how many distinct values of a field a store reads (beyond, the rarest are not known:
# their whole value still matches)
VALUES_READ = 20_000
SPANISH_FIELDS = {"ponente": "ponentes", "court": "tribunales"}
HINTS = {"ponente": "los dos apellidos", "court": "«primera sala» o «colegiado penal»"}
# ``ponente:``, ``tribunal:``, ``órgano:`` in a query text (folded first)
_NAMED_IN_Q = re.compile(
    r"(?<![\w])(?:"
    + "|".join(sorted(name for name, field in QUERY_FIELDS.items() if field in NAME_FIELDS))
    + r")\s*:"
)


class NameTooBroad(ValueError):
    """A typed name that stands for more stored values than a filter may list."""

    def __init__(self, field: str, value: str, found: int) -> None:
        self.field, self.value, self.found = field, value, found
        super().__init__(f"{field}={value!r} matches {found} stored values (at most {GROUP_CAP})")
        which = SPANISH_FIELDS.get(field, field)
        self.mensaje = (
            f"«{value}» aparece en {found} {which} distintos (el límite es {GROUP_CAP}): "
            f"escriba más palabras del nombre, por ejemplo {HINTS.get(field, 'otra')}"
        )


def asks_names(filters: Mapping[str, Iterable[str]], q: str) -> bool:
    """Whether a question filters by a ponente or a court (its store then reads its
    book of them; a text naming them loosely, ``tribunal: …`` in a phrase, asks too)."""
    if any(name in NAME_FIELDS and any(v.strip() for v in filters[name]) for name in filters):
        return True
    return ":" in q and _NAMED_IN_Q.search(fold_keyword(q)) is not None


def name_words(value: str) -> frozenset[str]:
    """The words of a stored or typed name, folded (punctuation aside)."""
    return frozenset(fold_tokens(value))


def holds(stored: str, typed: str) -> bool:
    """Whether a stored value names what was typed: the whole value (folded), or all
    the typed words among its words (one document's check: the export and alerts)."""
    typed = typed.replace("_", " ")
    if fold_keyword(stored) == fold_keyword(typed):
        return True
    wanted = name_words(typed)
    return bool(wanted) and wanted <= name_words(stored)


class NameBook:
    """The distinct stored keys of the name fields, by word, of one index commit."""

    def __init__(self, keys: Mapping[str, Iterable[str]], capped: bool = True) -> None:
        """``capped``: refuse a group over ``GROUP_CAP`` (a search; an alert's batch of
        new documents lists them all: the alert was checked when it was made)."""
        self.capped = capped
        self._keys = {field: frozenset(values) for field, values in keys.items()}
        self._by_word: dict[str, dict[str, set[str]]] = {}
        for field, values in self._keys.items():
            by_word: dict[str, set[str]] = {}
            for key in values:
                for word in name_words(key):
                    by_word.setdefault(word, set()).add(key)
            self._by_word[field] = by_word
        digest = hashlib.blake2b(digest_size=12)
        for field in sorted(self._keys):
            digest.update(f"{field}\0{chr(0).join(sorted(self._keys[field]))}\1".encode())
        # the same values, the same version: questions compiled with one stay valid
        self.version = digest.hexdigest()

    def group(self, field: str, value: str) -> tuple[str, ...]:
        """The keys ``value`` typed on ``field`` names: itself (folded) first, then every
        stored value holding its words."""
        key = fold_keyword(value.replace("_", " "))
        words = name_words(key)
        by_word = self._by_word.get(field, {})
        if not words:
            return (key,)
        found: set[str] | None = None
        for word in sorted(words, key=lambda w: len(by_word.get(w, ()))):
            keys = by_word.get(word, set())
            found = set(keys) if found is None else found & keys
            if not found:
                return (key,)
        others = sorted((found or set()) - {key})
        if self.capped and len(others) + 1 > GROUP_CAP:
            if key in self._keys.get(field, ()):
                return (key,)  # a whole stored value: compared whole, as it always was
            raise NameTooBroad(field, value, len(others))
        return (key, *others)


_BOOK: ContextVar[NameBook | None] = ContextVar("name_book", default=None)


@contextlib.contextmanager
def using(book: NameBook | None) -> Iterator[None]:
    """Questions compiled meanwhile (in this thread) match names through ``book``."""
    token = _BOOK.set(book)
    try:
        yield
    finally:
        _BOOK.reset(token)


def current_book() -> NameBook | None:
    return _BOOK.get()


def book_version() -> str | None:
    """What a compiled question's cache key must hold (None: no book, names whole)."""
    book = _BOOK.get()
    return book.version if book is not None else None


def name_keys(field: str, value: str) -> tuple[str, ...] | None:
    """The group of ``value`` on a name field through the current book; None: not a
    name field, or no book (the value compared whole)."""
    book = _BOOK.get()
    if field not in NAME_FIELDS or book is None:
        return None
    return book.group(field, value)
