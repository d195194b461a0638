"""One person however their name is written: ``Dip. José Luis Cabrera Ledesma``,
``JOSÉ LUIS CABRERA``, ``Cabrera Ledesma, José Luis`` and ``Sen. Jose Luis Cabrera``
are one legislator of one congress; a name that could be two people is left unresolved."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.analysis import fold_keyword
from indexer.models import document_id
from indexer.readers.normalise import clean_text
from indexer.speeches.nueva_alianza import is_missing, is_na, roster_says_missing
from indexer.speeches.roles import party_of

_HONORIFICS = re.compile(
    r"^(?:(?:dip|sen|c|lic|licda|mtro|mtra|dr|dra|ing|prof|profa|arq|sr|sra)\.?|"
    r"diputad[oa]|senador(?:a)?|ministr[oa]|magistrad[oa]|ciudadan[oa]|senor(?:a)?"
    r"|licenciad[oa]|doctor(?:a)?|maestr[oa]|ingenier[oa]|profesor(?:a)?|arquitect[oa])\s+"
)
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "san"})
_SHOWN_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e"})  # "San" is a name


def name_tokens(name: str) -> list[str]:
    """The words that make a name, folded: honorifics, punctuation and particles out;
    ``Apellidos, Nombres`` (rosters) turned around."""
    if name.count(",") == 1:
        surnames, given = name.split(",")
        name = f"{given} {surnames}"
    folded = fold_keyword(name)
    previous = None
    while previous != folded:
        previous = folded
        folded = _HONORIFICS.sub("", folded)
    words = re.findall(r"[a-z0-9]+", folded)
    return [w for w in words if w not in _PARTICLES]


def display_name(name: str) -> str:
    """A name as shown: roster order turned around, honorifics out, no shouting."""
    if name.count(",") == 1:
        surnames, given = name.split(",")
        name = f"{given.strip()} {surnames.strip()}"
    words = name.split()
    while words and _HONORIFICS.match(fold_keyword(words[0]) + " "):
        words = words[1:]
    shown = " ".join(words)
    if not shown.isupper():
        return shown
    # "MARÍA DE LA PAZ VILLASEÑOR DEL CASTILLO": the particles in lower case past the
    # first word, as the person writes them ("De La Paz", "Del Castillo" are no one's)
    return " ".join(
        word.lower() if at and word.lower() in _SHOWN_PARTICLES else word.title()
        for at, word in enumerate(words)
    )


def person_id(scope: str, name: str) -> str:
    return document_id("persona", f"{fold_keyword(scope)}|{' '.join(name_tokens(name))}")


@dataclass
class Person:
    """A person of one congress (or court): their fullest name, every form seen, and
    their terms (legislature, party, chamber) as rosters and speeches say."""

    id: str
    name: str
    scope: str
    forms: list[str] = field(default_factory=list)
    terms: list[dict[str, str | None]] = field(default_factory=list)
    # the bodies their own lines placed them in this run ("senado", "diputados",
    # "ministro"…; see :func:`~indexer.speeches.roles.body_of`); their terms keep a
    # legislator's for later runs
    bodies: set[str] = field(default_factory=set)

    def add_term(
        self,
        legislature: str | None,
        party: str | None,
        chamber: str | None,
        source: str,
        body: str | None = None,
    ) -> None:
        """A term in ``legislature``; ``source`` ("padrón", "discurso") is where it was
        learnt, and the term's ``party_source`` where its party was: a roster's party
        is the one a turn's empty party may be filled with, so it is kept apart from
        one a speech stated (which never replaces it)."""
        if body is None:
            body = _chamber_body(chamber)
        for term in self.terms:
            if term.get("legislature") == legislature:
                if body and not term.get("body"):
                    term["body"] = body
                if party and (not term.get("party") or _roster_over_speech(term, source)):
                    term["party"] = party
                    term.pop("party_source", None)
                    if source != term.get("source"):
                        term["party_source"] = source
                return
        term = {"legislature": legislature, "party": party, "chamber": chamber, "source": source}
        if body:
            term["body"] = body
        self.terms.append(term)

    def known_bodies(self) -> set[str]:
        """Every body a line of theirs, a term or a roster's chamber placed them in."""
        found = set(self.bodies)
        for term in self.terms:
            body = term.get("body") or _chamber_body(term.get("chamber"))
            if body:
                found.add(body)
        return found

    def roster_party(self, legislature: str | None) -> str | None:
        """The party a roster gives this person in ``legislature``; none when no roster of
        that legislature names them (another legislature's party, or one only a speech
        stated, says nothing of this one: people change party)."""
        if legislature is None:
            return None
        for term in self.terms:
            if term.get("legislature") == legislature and term.get("party"):
                return term["party"] if _party_source(term) == ROSTER else None
        return None


ROSTER = "padrón"


def _chamber_body(chamber: str | None) -> str | None:
    """The body a federal chamber's name is (a roster's or a chamber's own session):
    "senado" for the Senado de la República, "diputados" for the Cámara de Diputados;
    None for a joint sitting, a committee or a state's congress."""
    folded = fold_keyword(chamber or "")
    if folded in ("senado de la republica", "camara de senadores", "senado"):
        return "senado"
    if folded in ("camara de diputados", "h. camara de diputados"):
        return "diputados"
    return None


def other_body(person: Person, body: str | None) -> bool:
    """Whether ``person`` is known in a body other than ``body`` and never in it: a
    senator's line is no deputy's, a minister's no legislator's (a body no line states
    excludes no one)."""
    if body is None:
        return False
    known = person.known_bodies()
    return bool(known) and body not in known


def _party_source(term: dict[str, str | None]) -> str | None:
    """Where a term's party was learnt: with the term itself, unless ``party_source``
    says it came later from elsewhere."""
    return term.get("party_source") or (term.get("source") if term.get("party") else None)


def _roster_over_speech(term: dict[str, str | None], source: str) -> bool:
    return source == ROSTER and _party_source(term) != ROSTER


def same_person(written: list[str], known: list[str]) -> bool:
    """``written`` names ``known`` when its words appear in ``known`` in order and either
    start with the same first name, or are its trailing surnames (``Pérez Dayán`` for
    ``Alberto Pérez Dayán``). Two words at least: one word names no one for sure."""
    if len(written) < 2 or len(written) > len(known):
        return False
    if known[-len(written) :] == written:
        return True
    if _surnames_first(written, known):
        return True
    if written[0] != known[0]:
        return False
    it = iter(known)
    return all(word in it for word in written)


def _shortened(known: list[str], written: list[str]) -> bool:
    """Whether ``known`` is ``written`` with given names or a surname left out in the
    middle ("Juan Pérez López" for "Juan Carlos Pérez López"): the same first and last
    words, the known ones in order among the written ones, three at least. The reverse
    of :func:`same_person`'s first rule, so a name a speech gave briefly first and whole
    later is one person, as when the whole comes first (the order a record names someone
    in makes no second person). Never a roster's name (see :func:`_rostered`)."""
    if len(known) < MIN_NEW_PERSON_WORDS or len(known) >= len(written):
        return False
    if known[0] != written[0] or known[-1] != written[-1]:
        return False
    it = iter(written)
    return all(word in it for word in known)


def _rostered(person: Person) -> bool:
    """Whether a roster names ``person``: its name is then their whole one, and a longer
    name is someone else's (a roster may list "Juan Pérez Lozano" and "Juan Carlos Pérez
    Lozano", two legislators)."""
    return any(term.get("source") == ROSTER for term in person.terms)


def _surnames_first(written: list[str], known: list[str]) -> bool:
    """The whole name with its surnames moved before the given names and no comma, as the
    Cámara's SITL and roll-call tables write it ("Torres Díaz Elba Lorena" for "Elba
    Lorena Torres Díaz"): the same words, turned at one place. Three words at least; the
    given names' own order still counts ("Luis José" is not "José Luis")."""
    if len(written) != len(known) or len(known) < 3:
        return False
    return any(written == known[k:] + known[:k] for k in range(1, len(known)))


# A name makes a new person only with a given name and both surnames (three words, the
# particles aside): two words are often two surnames ("El diputado López Ruiz") or a given
# name and one surname, which several people of one congress share; a person made of them
# gathers other people's speeches, and stays apart from the whole name when it comes.
# Such a line still resolves to someone already known (a roster's, an earlier speaker).
MIN_NEW_PERSON_WORDS = 3


def _better_spelt(written: str, known: str) -> bool:
    """Whether ``written`` is ``known`` with its accents ("Ana María Pérez López" for a
    record's "Ana Maria Perez Lopez"): the same words, more of them accented. Exports
    drop accents, none adds them; the name is shown as its owner writes it."""
    if name_tokens(written) != name_tokens(known) or written.isupper():
        return False
    return _accented(written) > _accented(known)


def _accented(name: str) -> int:
    return sum(1 for c in name if c in "áéíóúüñÁÉÍÓÚÜÑ")


class People:
    """The people of one scope (a congress or a court), to resolve names against."""

    def __init__(self, scope: str, people: Iterable[Person] = ()) -> None:
        self.scope = scope
        self.by_id: dict[str, Person] = {p.id: p for p in people}

    def find(self, name: str, body: str | None = None) -> Person | None:
        """The one person ``name`` can be; none when no one or more than one.

        ``body`` is the one the line names the speaker in (see
        :func:`~indexer.speeches.roles.body_of`): a name shorter or longer than a
        person's, or written otherwise, is theirs only when they are not known in
        another body ("El Senador Juan Pérez" is no deputy "Juan Pérez López" of the same
        congress), and only when no one else of the body could be it. A whole name
        written as the person's is theirs whatever the body (its id is the name: the
        deputy of one legislature is the senator of the next)."""
        tokens = name_tokens(name)
        if not tokens:
            return None
        exact = [p for p in self.by_id.values() if name_tokens(p.name) == tokens]
        if len(exact) == 1:
            return exact[0]
        found = [
            p
            for p in self.by_id.values()
            if not other_body(p, body)
            and (
                same_person(tokens, name_tokens(p.name))
                or any(same_person(tokens, name_tokens(form)) for form in p.forms)
                or (_shortened(name_tokens(p.name), tokens) and not _rostered(p))
            )
        ]
        return found[0] if len(found) == 1 else None

    def resolve(self, name: str, create: bool = True, body: str | None = None) -> Person | None:
        """The person ``name`` is; a new one when no one matches (and ``create``) and the
        name is whole enough to be one person's (see :data:`MIN_NEW_PERSON_WORDS`).
        ``body``: the one the line places them in (see :meth:`find`); they are known in
        it from here on."""
        person = self.find(name, body)
        if person is None and create and len(name_tokens(name)) >= MIN_NEW_PERSON_WORDS:
            if self._ambiguous(name, body):
                return None
            shown = display_name(name)
            person = Person(person_id(self.scope, shown), shown, self.scope)
            self.by_id[person.id] = person
        if person is not None:
            if body is not None:
                person.bodies.add(body)
            shown = display_name(name)
            if shown not in person.forms:
                person.forms.append(shown)
            if (
                len(name_tokens(shown)) > len(name_tokens(person.name))
                and same_person(name_tokens(person.name), name_tokens(shown))
            ) or _better_spelt(shown, person.name):
                person.name = shown
        return person

    def _ambiguous(self, name: str, body: str | None = None) -> bool:
        tokens = name_tokens(name)
        return (
            sum(
                same_person(tokens, name_tokens(p.name)) and not other_body(p, body)
                for p in self.by_id.values()
            )
            > 1
        )


# the longest name a person has, with every given name and both surnames, and then some
MAX_NAME_CHARS = 200


@dataclass(frozen=True)
class RosterEntry:
    name: str
    party: str | None
    district: str | None = None


def read_roster(text: str, nueva_alianza: bool | None = None) -> list[RosterEntry]:
    """A roster as congresses and civic groups publish it: delimited (``|``, ``,``, ``;``
    or tab) with a header naming ``nombre`` and perhaps ``partido``/``grupo``; cells
    with stray spaces or invisible characters. A row no roster holds (a cell past the
    csv module's limit, a "name" longer than any person's) is a ``ValueError`` naming its
    line: the file is someone else's, and nothing of it is taken then.

    A missing value ("N/A", "S/D", "-") is no party. "NA" is Nueva Alianza only when
    ``nueva_alianza`` (the roster's legislature is one of its years, see
    :func:`~indexer.speeches.nueva_alianza.nueva_alianza_then`) and the column is not
    mostly "NA" (then it writes missing values); otherwise it is left empty."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        return []
    delimiter = max("|;,\t", key=lines[0][1].count)
    rows = [(n, _cells(n, line, delimiter)) for n, line in lines]
    header = [fold_keyword(cell) for cell in rows[0][1]]

    def column(*names: str) -> int | None:
        return next((i for i, h in enumerate(header) if h in names), None)

    name_col = column("nombre", "name", "legislador", "diputado", "senador", "nombre completo")
    if name_col is None:
        raise ValueError(
            "falta la columna «nombre» en la primera línea (también valen name, legislador, "
            "diputado, senador o «nombre completo»)"
        )
    party_col = column("partido", "grupo", "grupo parlamentario", "party")
    district_col = column("distrito", "entidad", "estado")

    def cell(cells: list[str], col: int | None) -> str:
        return cells[col] if col is not None and col < len(cells) else ""

    parties = [cell(cells, party_col) for _, cells in rows[1:]]
    na_is_party = nueva_alianza is True and not roster_says_missing(parties)
    entries = []
    for n, cells in rows[1:]:
        if len(cells) <= name_col or not cells[name_col]:
            continue
        if len(cells[name_col]) > MAX_NAME_CHARS:
            raise ValueError(
                f"línea {n}: un nombre de {len(cells[name_col])} caracteres no es el de una "
                f"persona (a lo más {MAX_NAME_CHARS})"
            )
        raw_party = cell(cells, party_col)
        if is_na(raw_party):
            party = "PANAL" if na_is_party else None
        elif is_missing(raw_party):
            party = None
        else:
            party = party_of(raw_party) or raw_party
        district = cell(cells, district_col)
        district = None if is_missing(district) else district
        entries.append(RosterEntry(display_name(cells[name_col]), party, district))
    return entries


def _cells(n: int, line: str, delimiter: str) -> list[str]:
    """One line's cells as they read (see :func:`clean_text`)."""
    try:
        row = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as exc:
        raise ValueError(f"línea {n}: {exc}") from exc
    return [clean_text(cell) or "" for cell in row]
