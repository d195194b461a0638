"""The citations table, written in bulk as documents are indexed.

For each batch the indexer hands over: every document's citations are read once
(``extract_citations``) and replace the ones it had; a sentence's own case numbers go to
``document_cases`` so citations resolve to it through an index. A case a document cites
that is its own number is no citation. When a document starts or stops naming a
sentence, that sentence's count in ``cited_counts`` (a row each; the ``most_cited`` sort
of the embedded index reads it there: a citation's arrival never indexes the cited
sentence again) moves by one, judged from the document's own citations before and after
(``_count_moves``): no sentence's citing rows are read again for a citer's arrival. Where
the store keeps the count in its entries (an engine, ``counts_apart`` not said) the
sentences holding a case cited anew are counted again and queued to be indexed again,
those the index holds with their current content remembered (``count_only``) so that
the engine is sent their count alone, not their text;
a document read again with the same citations changes nothing, so this never cascades.
Each document's rows remember the content and reader they were read from
(``citation_reads``): indexed again unchanged
(``reindex``, a count that changed), its text is not read again. A document's rows are
found by its number (``documents.seq``), whose indexes append as documents are saved.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Select,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from indexer.citations import Citation, Scan, extract_citations, holders
from indexer.citations.ahead import scanned
from indexer.citations.courts import court_key
from indexer.citations.fingerprint import READER
from indexer.citations.issuers import Holder, names
from indexer.db import Database
from indexer.db.bulk import insert_rows, insert_tuples, run_in
from indexer.db.citation_tables import (
    CASE,
    CitationReadRow,
    CitationRow,
    CitedCountRow,
    DocumentCaseRow,
)
from indexer.db.database import number_documents
from indexer.db.tables import DocumentRow, IndexQueueRow
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.readers.expedientes import TYPE_PHRASES, case_type_code, parse_expediente

AnyDocument = Sentencia | Sesion | Legislativo
CHUNK = 400  # ids per statement, well under both databases' parameter limits
_CITATIONS = CitationRow.__table__
_CASES = DocumentCaseRow.__table__
_READS = CitationReadRow.__table__
_DOCS = DocumentRow.__table__
_COUNTS = CitedCountRow.__table__
KEY_CHARS = 400  # the key column's width
# a citation's row, as ``record_citations`` makes it
_ROW = ("doc_id", "doc_seq", "kind", "key", "written", "start_char", "end_char", "court")
_T = TypeVar("_T")
# the reads and deletes of every batch, by a list of numbers or ids (``run_in``): built
# once, and on SQLite written out
_VALUES = bindparam("values", expanding=True)
_SEQ_OF = select(_DOCS.c.id, _DOCS.c.seq).where(_DOCS.c.id.in_(_VALUES))
_SEQ_OF_SQL = "SELECT id, seq FROM documents WHERE id IN ({})"
# numbers read already, confirmed through their own index: ``id`` is at the start of the
# row, ``seq`` after ``text`` (by id, SQLite walks the text's overflow pages to reach it)
_HELD_BY = select(_DOCS.c.id, _DOCS.c.seq).where(_DOCS.c.seq.in_(_VALUES))
_HELD_BY_SQL = "SELECT id, seq FROM documents WHERE seq IN ({})"
_CASES_CITED = select(_CITATIONS.c.doc_id, _CITATIONS.c.key, _CITATIONS.c.court).where(
    _CITATIONS.c.doc_seq.in_(_VALUES), _CITATIONS.c.kind == bindparam("kind")
)
_CASES_CITED_SQL = "SELECT doc_id, key, court FROM citations WHERE doc_seq IN ({}) AND kind = ?"
_DELETES = [
    (delete(table).where(table.c.doc_seq.in_(_VALUES)),
     f"DELETE FROM {table.name} WHERE doc_seq IN ({{}})")
    for table in (_CITATIONS, _READS, _CASES)
]  # fmt: skip
_READ = select(_READS.c.doc_seq, _READS.c.content_sha256).where(
    _READS.c.doc_seq.in_(_VALUES), _READS.c.reader == bindparam("reader")
)
_READ_SQL = (
    "SELECT doc_seq, content_sha256 FROM citation_reads WHERE doc_seq IN ({}) AND reader = ?"
)
_STORED = select(
    _CITATIONS.c.doc_seq, _CITATIONS.c.start_char, _CITATIONS.c.kind, _CITATIONS.c.key
).where(_CITATIONS.c.doc_seq.in_(_VALUES))
_STORED_SQL = "SELECT doc_seq, start_char, kind, key FROM citations WHERE doc_seq IN ({})"
_HOLDERS = select(_CASES.c.doc_id, _CASES.c.doc_seq).where(_CASES.c.key.in_(_VALUES))
_HOLDERS_SQL = "SELECT doc_id, doc_seq FROM document_cases WHERE key IN ({})"
_COUNTS_GONE = delete(_COUNTS).where(_COUNTS.c.doc_id.in_(_VALUES))
_COUNTS_GONE_SQL = f"DELETE FROM {_COUNTS.name} WHERE doc_id IN ({{}})"
# the counts marked stale, found through their own index (migration 0022), not by
# reading every count kept
STALE = select(_COUNTS.c.doc_id).where(_COUNTS.c.stale)


# A case type and the plainer name texts give the same cases: the SCJN's "juicio de
# inconformidad en materia electoral 56/2025" is "el presente juicio de inconformidad
# 56/2025" further on. The plainer name alone is no key of it: a state's electoral court,
# the TEPJF, the IMSS hear "juicios de inconformidad" too, and a link to the Court's would
# be a guess. Only where the citing sentence is the Court's own juicio or names the Court
# with it is it read as the Court's (``_as_the_courts``).
_PLAIN_NAMES = {"JIE": "JI"}
_PLAIN_TO_OWN = {plain: own for own, plain in _PLAIN_NAMES.items()}
# the phrases of the plainer names, their spaces taken out (a case's type is matched in
# its key with any spaces between the words)
_PLAIN_PHRASES = tuple(
    "".join(phrase.split()) for phrase in TYPE_PHRASES if case_type_code(phrase) in _PLAIN_TO_OWN
)


def own_cases(doc: AnyDocument) -> list[str]:
    """The canonical case numbers a sentence decides (from its normalised expediente)."""
    if not isinstance(doc, Sentencia) or not doc.expediente_normalised:
        return []
    keys = [key.strip() for key in doc.expediente_normalised.split(",") if "/" in key]
    return list(dict.fromkeys(keys))


def _own_numbers(doc: AnyDocument) -> set[str]:
    """Its own cases, under their type's plainer name too, and their bare numbers:
    "registrarlo con el número de expediente 1309/2023" in the amparo directo en revisión
    1309/2023 names itself, no other case."""
    written = own_cases(doc)
    if isinstance(doc, Sentencia) and doc.text:
        # its running header's cases, and its caption's where its own is a bare number
        written = [*written, *_running_cases(doc.text), *_caption_cases(doc, written)]
    cases = parse_expediente(", ".join(written))
    plain = {
        replace(case, type_code=_PLAIN_NAMES[case.type_code]).canonical
        for case in cases
        if case.type_code in _PLAIN_NAMES
    }
    return set(written) | plain | {case.digits for case in cases}


_CAPTION_CHARS = 600


def _caption_cases(doc: Sentencia, own: list[str]) -> list[str]:
    """Where a sentence's own case is a bare number («29/2025», as a listing gives it),
    the case its caption writes with that number, typed, on a line of its own at the top
    («JUICIO DE INCONFORMIDAD ELECTORAL 29/2025»): the same case, no other it cites."""
    bare = {case.digits for case in parse_expediente(", ".join(own)) if case.type_code is None}
    if not bare:
        return []
    head = doc.text[:_CAPTION_CHARS]
    found = []
    for c in extract_citations(head):
        if c.kind != "case" or not any(c.key.endswith(f" {digits}") for digits in bare):
            continue
        line_start = head.rfind("\n", 0, c.start) + 1
        line_end = head.find("\n", c.end)
        line = head[line_start : line_end if line_end != -1 else len(head)]
        if not re.search(r"[a-záéíóúüñ]", line.replace(c.written, "")):
            found.append(c.key)
    return found


# A line a PDF's text repeats on its pages: a case's number (its type, the court's name
# in capitals beside it), and a page's number that changes from page to page.
_HEADER_PAGE = re.compile(
    r"(?i:p[aá]gina|p[aá]g\.|hoja|foja)\s*\d{1,4}(?:\s*(?i:de|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]"
)
_PAGE_NUMBER_LINE = re.compile(rf"(?:{_HEADER_PAGE.pattern}|\d{{1,4}})")
_CASE_NUMBER = re.compile(r"\d{1,6}\s*/\s*\d{2,4}")


def _running_cases(text: str) -> set[str]:
    """The cases a sentence's running header names («AMPARO DIRECTO EN REVISIÓN 4410/2024»
    on top of every page): the sentence's own, never a case it cites. A header is a line
    of its own, the same on three pages at least (or on two with a page's number or a
    page break beside it), that holds a case's number and nothing in lower case beside
    the case («Amparo directo 4410/2024» is one; a precedent's line, «Amparo directo
    12/2020. Ana Ruiz. 5 de mayo de 2020.», quoted three times, is none)."""
    if text.count("\n") < 4:
        return set()
    lines = text.replace("\f", "\n\f\n").split("\n")
    seen: dict[str, list[int]] = defaultdict(list)
    for n, line in enumerate(lines):
        if "/" in line and len(line) <= 200:
            written = " ".join(_HEADER_PAGE.sub(" ", line).split())
            if 6 <= len(written) <= 120 and _CASE_NUMBER.search(written):
                seen[written].append(n)
    found: set[str] = set()
    for written, at in seen.items():
        if len(at) < 2 or (len(at) == 2 and not any(_by_a_page_mark(lines, n) for n in at)):
            continue
        cases = [c for c in extract_citations(written) if c.kind == "case"]
        rest = written
        for c in reversed(cases):
            rest = rest[: c.start] + rest[c.end :]
        if cases and not re.search(r"[a-záéíóúüñ]", _ACCUMULATED.sub("", rest)):
            found.update(c.key for c in cases)
    return found


# what a header joins two cases with («… Y SU ACUMULADO 12/2024», «y acumulada»)
_ACCUMULATED = re.compile(r"(?i)\b(?:y|e)(?:\s+sus?)?(?:\s+acumulad[oa]s?)?\b")


def _by_a_page_mark(lines: list[str], n: int) -> bool:
    """Whether a page's break or number is on a line next to line ``n`` (blank lines
    passed over)."""
    for step in (-1, 1):
        k = n + step
        while 0 <= k < len(lines) and not lines[k].strip():
            k += step
        if 0 <= k < len(lines):
            near = lines[k].strip()
            if near == "\f" or _PAGE_NUMBER_LINE.fullmatch(near):
                return True
    return False


# The Suprema Corte named in a citation's court ("Pleno de la Suprema Corte…", "de esta
# Suprema Corte", "SCJN"), or a bare body of it ("Tribunal Pleno") in the Court's own text.
_SCJN_COURT = re.compile(r"\bsuprema\s+corte\b|\bscjn\b", re.I)
_SCJN_BODY = re.compile(r"^(?:(?:primera|segunda)\s+sala|(?:tribunal\s+)?pleno)$", re.I)


def _as_the_courts(doc: AnyDocument, citation: Citation) -> Citation:
    """A case cited under a plainer name ("el diverso juicio de inconformidad 1/2025")
    keyed as the Suprema Corte's kind where it is the Court's: named with it, or cited
    bare or with a body of the Court by a sentence that is the Court's own such case."""
    if not _may_name_a_plain_type(citation.key):
        return citation
    case = parse_expediente(citation.key)
    own = _PLAIN_TO_OWN.get(case[0].type_code or "") if len(case) == 1 else None
    if own is None:
        return citation
    court = citation.court or ""
    if _SCJN_COURT.search(court):
        return replace(citation, key=replace(case[0], type_code=own).canonical)
    mine = {c.type_code for c in parse_expediente(", ".join(own_cases(doc)))}
    if own in mine and (not court or _SCJN_BODY.match(court.strip())):
        return replace(citation, key=replace(case[0], type_code=own).canonical)
    return citation


@functools.lru_cache(maxsize=8192)  # a key is met again and again (``native._case_key``)
def _may_name_a_plain_type(key: str) -> bool:
    """Whether ``parse_expediente(key)`` can read a case of a plainer name's type: its
    code in the key's capitals (a chamber's or a local court's case), or a phrase of it
    in the key's letters. Nearly every key has neither and is not parsed (about 20 µs a
    case: a third of a 3 KB sentence's reading). A key beyond ASCII is parsed (the
    parser's fold and its case-insensitive letters are not all ``lower``'s)."""
    if any(code in key.upper() for code in _PLAIN_TO_OWN) or not key.isascii():
        return True
    squeezed = "".join(key.lower().split())
    return any(phrase in squeezed for phrase in _PLAIN_PHRASES)


def _chunks(items: list[_T]) -> Iterable[list[_T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _withheld(doc: AnyDocument) -> bool:
    return doc.privacy is not None and doc.privacy.withheld


def read_citations(doc: AnyDocument, scanned: Scan | None = None) -> list[Citation]:
    """What ``doc`` cites, as the citations table keeps it: nothing while it is withheld,
    and no case that is its own number. Reads only the document (a worker may call it).
    ``scanned``: ``prescan(doc.text)``, run already."""
    if _withheld(doc):
        return []
    own = _own_numbers(doc)
    found: list[Citation] = []
    for c in extract_citations(doc.text, scanned=scanned):
        if c.kind == "case":
            if c.key in own:
                continue
            if _may_name_a_plain_type(c.key):  # (``_as_the_courts`` reads no other)
                c = _as_the_courts(doc, c)
        found.append(c)
    return found


def record_citations(
    db: Database,
    docs: list[AnyDocument],
    found: Mapping[str, list[Citation]] | None = None,
    owned: bool = False,
    read: Mapping[str, int] | None = None,
) -> list[AnyDocument]:
    """Write what ``docs`` cite (a withheld document cites nothing while withheld), queue
    the sentences whose count of citing documents changed, and return the documents
    carrying their citation keys and their own count, for the search store (``owned``:
    ``docs`` themselves, which only the caller holds; otherwise copies).

    A document whose stored citations were read from its current content by this reader
    keeps them (nothing read, nothing written); ``found``: citations already read (by
    ``read_citations``) for some of the others; ``read``: numbers read with the rows
    (``Database.iter_documents``), confirmed here rather than read again."""
    if not docs:
        return []
    found = found or {}
    ids = [doc.id for doc in docs]
    with db.engine.connect() as connection:
        numbers = _numbers(connection, ids, read)
        keys = _stored_keys(connection, docs, numbers)
    fresh = [doc for doc in docs if doc.id not in keys]
    rows: list[tuple[object, ...]] = []
    cases: list[dict[str, object]] = []
    reads: list[dict[str, object]] = []
    cited_cases: dict[str, set[str]] = {}
    # (key as stored, court written beside it) of each document's case citations
    cited_pairs: dict[str, set[tuple[str, str | None]]] = {}
    # the texts read here, scanned in a thread a few documents ahead of their reading
    unread_texts = [d.text for d in fresh if d.id not in found and not _withheld(d) and d.text]
    scans = scanned(unread_texts)
    for doc in fresh:
        withheld = _withheld(doc)
        if doc.id in found:
            citations = found[doc.id]
        else:
            ahead = next(scans) if not withheld and doc.text else None
            citations = read_citations(doc, ahead)
        doc_id = doc.id
        number = numbers.get(doc_id)
        # one pass over its citations: its keys, the cases among them, its rows (tuples
        # of ``_ROW``: about 15 a real-mix document, a dict each cost more than its insert)
        doc_keys: list[str] = []
        doc_cases: set[str] = set()
        doc_pairs: set[tuple[str, str | None]] = set()
        whole = True  # no key cut short
        for c in citations:
            key = c.key
            doc_keys.append(key)
            if c.kind == "case":
                doc_cases.add(key)
                doc_pairs.add((key[:KEY_CHARS], c.court))
            if len(key) > KEY_CHARS:
                whole = False
            if number is not None:
                rows.append(
                    (doc_id, number, c.kind, key[:KEY_CHARS], c.written[:2000], c.start,
                     c.end, c.court)
                )  # fmt: skip
        keys[doc_id] = doc_keys
        cited_cases[doc_id] = doc_cases
        cited_pairs[doc_id] = doc_pairs
        if number is None:  # no longer in the database (deleted meanwhile): nothing kept
            continue
        court = court_key(doc.court) if isinstance(doc, Sentencia) else None
        if not withheld:  # a withheld sentence is found by no citation while withheld
            cases.extend(
                {"doc_seq": number, "doc_id": doc.id, "key": k[:200], "court": court}
                for k in own_cases(doc)
            )
            # reusable only if what is stored is whole (no key cut short)
            if whole:
                reads.append({"doc_seq": number, "doc_id": doc.id,
                              "content_sha256": doc.content_sha256, "reader": READER})  # fmt: skip
    fresh_ids = [doc.id for doc in fresh if doc.id in numbers]
    with db.engine.begin() as connection:
        before: dict[str, set[str]] = defaultdict(set)
        before_pairs: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        for chunk in _chunks(fresh_ids):
            seqs = [numbers[i] for i in chunk]
            cited = run_in(connection, _CASES_CITED, seqs, _CASES_CITED_SQL, {"kind": "case"})
            for doc_id, key, court in cited:
                before[doc_id].add(key)
                before_pairs[doc_id].add((key, court))
            for statement, sql in _DELETES:
                run_in(connection, statement, seqs, sql)
        insert_tuples(connection, _CITATIONS, _ROW, rows)
        if cases:
            insert_rows(
                connection, _CASES, list({(c["doc_seq"], c["key"]): c for c in cases}.values())
            )
        if reads:
            insert_rows(connection, _READS, reads)
        if _APART.get(connection.engine, False):
            moved = {
                i: (before_pairs[i], cited_pairs[i])
                for i in fresh_ids
                if before_pairs[i] != cited_pairs[i]
            }
            _count_moves(connection, moved, set(ids))
        else:
            changed = {k for i in fresh_ids for k in before[i] ^ cited_cases[i]}
            _queue_holders(connection, sorted(changed), set(ids))
        counts = _counts(connection, numbers)
        _keep_counts(connection, numbers, counts)
    return [doc.with_citations(keys[doc.id], counts.get(doc.id, 0), owned) for doc in docs]


def unread(
    db: Database, docs: list[AnyDocument], read: Mapping[str, int] | None = None
) -> set[str]:
    """The ids of ``docs`` whose stored citations cannot be reused (``read_citations``
    must read them): what a worker is asked to read. ``read``: numbers read with the rows,
    taken as they are: one gone stale finds no read of this content (the document is
    read again), and ``record_citations`` confirms them before writing."""
    ids = [doc.id for doc in docs]
    taken = {i: read[i] for i in ids if i in read} if read else {}
    with db.engine.connect() as connection:
        numbers = taken | _numbers(connection, [i for i in ids if i not in taken])
        return {doc.id for doc in docs} - set(_reusable(connection, docs, numbers))


def _numbers(
    connection: Connection, ids: list[str], read: Mapping[str, int] | None = None
) -> dict[str, int]:
    """The numbers (``documents.seq``) of those of ``ids`` in the database; a row
    inserted without one (by another tool) is numbered now. ``read``: numbers read with
    the rows a moment ago, each kept only if its row still holds it (found through the
    index of numbers, whose rows give their id without reading the text); the others
    (deleted, saved anew, not read) are read by id."""
    numbers: dict[str, int | None] = {}
    held = {read[i]: i for i in ids if i in read} if read else {}
    for chunk in _chunks(list(held)):
        for doc_id, seq in run_in(connection, _HELD_BY, chunk, _HELD_BY_SQL):
            if held.get(seq) == doc_id:
                numbers[doc_id] = seq
    for chunk in _chunks([i for i in ids if i not in numbers]):
        numbers.update(tuple(row) for row in run_in(connection, _SEQ_OF, chunk, _SEQ_OF_SQL))
    missing = [i for i, n in numbers.items() if n is None]
    if missing:
        numbers.update(number_documents(connection, missing))
        connection.commit()
    return {i: n for i, n in numbers.items() if n is not None}


def _reusable(
    connection: Connection, docs: list[AnyDocument], numbers: Mapping[str, int]
) -> list[str]:
    """Documents whose stored citations were read from their current content by this
    reader."""
    current = {
        numbers[doc.id]: (doc.id, doc.content_sha256)
        for doc in docs
        if doc.content_sha256 and doc.id in numbers
    }
    reusable: list[str] = []
    for chunk in _chunks(list(current)):
        read = run_in(connection, _READ, chunk, _READ_SQL, {"reader": READER})
        reusable.extend(current[n][0] for n, sha in read if current[n][1] == sha)
    return reusable


def _stored_keys(
    connection: Connection, docs: list[AnyDocument], numbers: Mapping[str, int]
) -> dict[str, list[str]]:
    """The citation keys, in the order ``read_citations`` gives them, of the documents
    whose stored citations can be reused."""
    reusable = _reusable(connection, docs, numbers)
    stored: dict[str, list[tuple[int, str, str]]] = {doc_id: [] for doc_id in reusable}
    ids = {numbers[doc_id]: doc_id for doc_id in reusable}
    for chunk in _chunks(list(ids)):
        for number, start, kind, key in run_in(connection, _STORED, chunk, _STORED_SQL):
            stored[ids[number]].append((start, kind, key))
    # sorted here as ``extract_citations`` sorts, whatever the database's collation
    return {doc_id: [key for *_, key in sorted(found)] for doc_id, found in stored.items()}


def recounts(db: Database) -> set[str]:
    """The sentences this process queued to be indexed again for their count alone
    (``_queue_holders``) since the set was last emptied: a flush that publishes nothing
    may leave them in the queue for the one that does (``Library.flush``), and each is
    then indexed once for all the citers a commit window brings, not once per flush."""
    return _RECOUNTS.setdefault(db.engine, set())


# by database (its engine): what ``recounts`` gives
_RECOUNTS: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()


def count_only(engine: Engine) -> dict[str, str]:
    """The documents this process queued for their count alone while the index held
    their current content (``_queue_holders``), with the hash of that content: one read
    for the flush with the same hash is written to the index as its count alone
    (``EngineStore.submit``'s ``counts_only``); one saved anew since has another hash and
    is indexed whole. Emptied of each as it is written."""
    return _COUNT_ONLY.setdefault(engine, {})


# by database (its engine): what ``count_only`` gives
_COUNT_ONLY: weakref.WeakKeyDictionary[Engine, dict[str, str]] = weakref.WeakKeyDictionary()


def counts_apart(db: Database) -> None:
    """Say that ``db``'s search store reads the counts from ``cited_counts`` when it
    answers (the embedded index): a sentence cited anew is then counted again there and
    never queued to be indexed again for its count."""
    _APART[db.engine] = True


# by database (its engine): whether its store reads the counts apart (``counts_apart``)
_APART: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _queue_holders(
    connection: Connection, case_keys: list[str], skip: set[str], now: bool = False
) -> None:
    """The sentences holding these case numbers (not those in ``skip``, being indexed
    now: counted with them) have a new count. Where the store reads the counts apart
    (``counts_apart``) their rows are marked stale, one write each, and counted again
    before the next commit (``recount_stale``), once for all the citers a commit window
    brings; ``now``: counted here. Elsewhere (the store keeps the count in its entries)
    they are counted here and queued for indexing, remembered as queued for their count
    (``recounts``)."""
    holders: dict[str, int] = {}
    for chunk in _chunks(case_keys):
        holders.update((i, n) for i, n in run_in(connection, _HOLDERS, chunk, _HOLDERS_SQL))
    others = {doc_id: seq for doc_id, seq in holders.items() if doc_id not in skip}
    apart = _APART.get(connection.engine, False)
    if apart and not now:
        _mark_stale(connection, sorted(others))
        return
    if others:
        _keep_counts(connection, others)
    if apart:
        return
    queued = sorted(others)
    if queued:
        _RECOUNTS.setdefault(connection.engine, set()).update(queued)
    docs = DocumentRow.__table__
    queue = IndexQueueRow.__table__
    only = count_only(connection.engine) if queued else {}
    for chunk in _chunks(queued):
        # one not queued already holds its current content in the index: its count alone
        # is new (a queued one keeps what it was queued for)
        waiting = set(connection.scalars(select(queue.c.doc_id).where(queue.c.doc_id.in_(chunk))))
        current = select(docs.c.id, docs.c.content_sha256).where(docs.c.id.in_(chunk))
        for doc_id, sha in connection.execute(current):
            if doc_id not in waiting and sha:
                only[doc_id] = sha
        connection.execute(delete(queue).where(queue.c.doc_id.in_(chunk)))
        connection.execute(
            insert(queue).from_select(
                ["doc_id", "content_sha256", "claimed", "source_id"],
                select(docs.c.id, docs.c.content_sha256, false(), docs.c.source_id).where(
                    docs.c.id.in_(chunk)
                ),
            )
        )


def _count_moves(
    connection: Connection,
    moved: Mapping[str, tuple[set[tuple[str, str | None]], set[tuple[str, str | None]]]],
    skip: set[str],
) -> None:
    """The counts of the sentences that citers started or stopped naming, moved by one
    each (where the store reads the counts apart): ``moved``, each citer's case citations
    (key as stored, court written beside it) before and now. A sentence is named by a
    citer when one of its citations names it (``names``, as ``_counts`` judges each
    pair), so each citer is judged against the holders of its own keys: work for what
    changed, however many others cite the sentence (a recount read every citing row of
    it, at every commit). Those in ``skip`` (being indexed now) are counted with them; a
    sentence whose count would fall below zero (counted while a citer was half written
    elsewhere) is marked stale and counted again before the commit."""
    if not moved:
        return
    keys = sorted({key for pairs in moved.values() for side in pairs for key, _ in side})
    held: dict[str, list[tuple[str, Holder]]] = defaultdict(list)
    for chunk in _chunks(keys):
        for key, doc_id, *known in connection.execute(_holders_of(), {"values": chunk}):
            if doc_id not in skip:
                held[key].append((doc_id, holders.holder(*known)))
    if not held:
        return
    delta: dict[str, int] = defaultdict(int)
    for citer, (was, now) in moved.items():
        before, after = _named(citer, was, held), _named(citer, now, held)
        for doc_id in after - before:
            delta[doc_id] += 1
        for doc_id in before - after:
            delta[doc_id] -= 1
    rows = [{"doc_id": i, "cited_by": n, "stale": n < 0} for i, n in sorted(delta.items()) if n]
    if not rows:
        return
    connection.execute(_move_statement(connection.dialect.name), rows)
    touched = [row["doc_id"] for row in rows]
    for chunk in _chunks(touched):  # a count of zero keeps no row
        connection.execute(
            delete(_COUNTS).where(
                _COUNTS.c.doc_id.in_(chunk), _COUNTS.c.cited_by == 0, ~_COUNTS.c.stale
            )
        )


def _named(
    citer: str, pairs: set[tuple[str, str | None]], held: Mapping[str, list[tuple[str, Holder]]]
) -> set[str]:
    """The sentences (other than ``citer``) one of these (key, court) citations names."""
    named: set[str] = set()
    for key, court in pairs:
        for doc_id, holder in held.get(key, ()):
            if doc_id != citer and doc_id not in named and names(key, court_key(court), holder):
                named.add(doc_id)
    return named


@functools.cache
def _holders_of() -> Select:
    """The sentences holding each of a list of case numbers, with what ``names`` judges
    them by (``holders.COLUMNS``). Built once."""
    return (
        select(_CASES.c.key, _CASES.c.doc_id, *holders.COLUMNS)
        .select_from(holders.joined(_CASES))
        .where(_CASES.c.key.in_(_VALUES))
    )


@functools.cache
def _move_statement(dialect: str) -> Insert:
    """A count moved by ``cited_by`` (a row each, run for many): added to the kept one in
    the database (another writer's move meanwhile is not lost), or a new row for a
    sentence that had none (counted zero); stale if it would fall below zero."""
    upsert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    statement = upsert(_COUNTS)
    moved = _COUNTS.c.cited_by + statement.excluded.cited_by
    return statement.on_conflict_do_update(
        index_elements=[_COUNTS.c.doc_id],
        set_={"cited_by": moved, "stale": or_(_COUNTS.c.stale, moved < 0)},
    )


def _upsert(connection: Connection, rows: list[dict[str, object]], columns: list[str]) -> None:
    """``rows`` written to ``cited_counts``, over a row of the same id (``columns``
    replaced): whatever another writer (a retirement beside a crawl) wrote meanwhile. One
    statement, built once, run for every row (a statement of a few hundred rows' values
    was compiled anew each time: 0.6 ms a row, thousands of rows a batch in a grown
    library, as more of what is cited is in it)."""
    if rows:
        connection.execute(_upsert_statement(connection.dialect.name, tuple(columns)), rows)


@functools.cache
def _upsert_statement(dialect: str, columns: tuple[str, ...]) -> Insert:
    """The upsert of ``_upsert`` for a database and the columns it replaces."""
    upsert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    statement = upsert(_COUNTS)
    return statement.on_conflict_do_update(
        index_elements=[_COUNTS.c.doc_id],
        set_={name: statement.excluded[name] for name in columns},
    )


def _mark_stale(connection: Connection, ids: list[str]) -> None:
    """Their counts are to be counted again (``recount_stale``); until then the count
    they had is the one sorted by, as an index entry not yet written again kept it."""
    _upsert(connection, [{"doc_id": i, "cited_by": 0, "stale": True} for i in ids], ["stale"])


def recount_stale(db: Database) -> int:
    """Count again the sentences marked stale (``_queue_holders``): before a commit of
    the store that reads the counts apart, so what it publishes is sorted by exact
    counts. Returns how many were counted."""
    with db.engine.connect() as connection:
        stale = [i for (i,) in connection.execute(STALE)]
        for chunk in _chunks(stale):
            numbers = _numbers(connection, chunk)
            gone = [doc_id for doc_id in chunk if doc_id not in numbers]  # deleted since
            if gone:
                connection.execute(delete(_COUNTS).where(_COUNTS.c.doc_id.in_(gone)))
            if numbers:
                _keep_counts(connection, numbers)
        connection.commit()
    return len(stale)


def _keep_counts(
    connection: Connection, numbers: Mapping[str, int], counts: Mapping[str, int] | None = None
) -> None:
    """Write the counts of ``numbers``' documents (id → number) to ``cited_counts``:
    ``counts`` (``_counts`` of them, counted already) or counted now. A count of zero
    keeps no row."""
    if counts is None:
        counts = _counts(connection, numbers)
    gone = [doc_id for doc_id in numbers if not counts.get(doc_id)]
    for chunk in _chunks(gone):  # every batch's uncited ones: one array, not 500 values
        run_in(connection, _COUNTS_GONE, chunk, _COUNTS_GONE_SQL)
    rows: list[dict[str, object]] = [
        {"doc_id": i, "cited_by": counts[i], "stale": False} for i in numbers if counts.get(i)
    ]
    _upsert(connection, rows, ["cited_by", "stale"])


def count_every_holder(connection: Connection) -> None:
    """``cited_counts`` written anew for every sentence holding a case number (migration
    0021, and whoever must set the table right)."""
    connection.execute(delete(_COUNTS))
    found = connection.execute(select(_CASES.c.doc_id, _CASES.c.doc_seq).distinct())
    holders = {doc_id: seq for doc_id, seq in found}
    ids = list(holders)
    for chunk in _chunks(ids):
        _keep_counts(connection, {doc_id: holders[doc_id] for doc_id in chunk})


def stored_counts(db: Database) -> list[tuple[str, int]]:
    """Every document some other document cites, with how many do (``cited_counts``):
    what the embedded index's ``most_cited`` sort orders by."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(_COUNTS.c.doc_id, _COUNTS.c.cited_by).where(_COUNTS.c.cited_by > 0)
        )
        return [(doc_id, int(count)) for doc_id, count in rows]


def _counts(connection: Connection, numbers: Mapping[str, int]) -> dict[str, int]:
    """How many other documents cite each of ``numbers``' (id → number; by its case
    number, naming its issuer: :mod:`indexer.citations.issuers`).

    Whether a citation names a sentence depends only on the sentence, the key and the
    court written beside it: each distinct (sentence, key, court) is judged once, and the
    citers of a sentence whose every such pair names it are counted by the database (by
    the citer's id: a row written before documents were numbered has no number); those
    of a sentence some citation's court sets apart, by the pairs that name it. A
    sentence cited by thousands costs a count, not thousands of rows judged here."""
    found: dict[str, int] = {}
    for chunk in _chunks(list(numbers.values())):
        # number → (id, every pair names it, the pairs that do)
        judged: dict[int, tuple[str, bool, list[tuple[str, str | None]]]] = {}
        for number, held, key, cited_court, *known in connection.execute(
            _pairs(), {"values": chunk}
        ):
            ok = names(key, court_key(cited_court), holders.holder(*known))
            _, every, named = judged.setdefault(number, (held, True, []))
            if ok:
                named.append((key, cited_court))
            judged[number] = (held, every and ok, named)
        whole = [number for number, (_, every, _) in judged.items() if every]
        for part in _chunks(whole):
            found.update(
                (held, int(count))
                for held, count in connection.execute(_counted(), {"values": part})
                if count
            )
        for held, every, named in judged.values():
            if named and not every:  # some pairs only: the citers of those
                count = connection.scalar(_counted_of(held, named))
                if count:
                    found[held] = int(count)
    return found


@functools.cache
def _pairs() -> Select:
    """Each distinct (sentence, key, court written beside it) among the case citations
    of the cases held by a list of numbers, with what is known of the sentence: what
    ``names`` judges (``_counts``). Built once."""
    return (
        select(
            _CASES.c.doc_seq,
            _CASES.c.doc_id,
            _CASES.c.key,
            _CITATIONS.c.court,
            *holders.COLUMNS,
        )
        .distinct()
        .select_from(holders.joined(_CASES.join(_CITATIONS, _CITATIONS.c.key == _CASES.c.key)))
        .where(
            _CASES.c.doc_seq.in_(_VALUES),
            _CITATIONS.c.kind == CASE,
            _CITATIONS.c.doc_id != _CASES.c.doc_id,
        )
    )


@functools.cache
def _counted() -> Select:
    """How many other documents cite any of the cases of each of a list of numbers
    (sentences every citation of whose cases names them), found through the index of case
    citations by key. Built once."""
    cited = _CITATIONS.c
    return (
        select(_CASES.c.doc_id, func.count(cited.doc_id.distinct()))
        .select_from(_CASES.join(_CITATIONS, cited.key == _CASES.c.key))
        .where(_CASES.c.doc_seq.in_(_VALUES), cited.kind == CASE, cited.doc_id != _CASES.c.doc_id)
        .group_by(_CASES.c.doc_id)
    )


def _counted_of(held: str, named: list[tuple[str, str | None]]) -> Select:
    """How many other documents cite the sentence ``held`` by one of the
    ``named`` (key, court written beside it): the pairs that name it, when others do not."""
    cited = _CITATIONS.c
    courts = [(key, court) for key, court in named if court is not None]
    bare = sorted({key for key, court in named if court is None})
    return select(func.count(cited.doc_id.distinct())).where(
        cited.key.in_(sorted({key for key, _ in named})),
        cited.kind == CASE,
        cited.doc_id != held,
        or_(
            and_(cited.court.is_not(None), tuple_(cited.key, cited.court).in_(courts)),
            and_(cited.court.is_(None), cited.key.in_(bare)),
        ),
    )


def cited_by_counts(db: Database, ids: list[str]) -> dict[str, int]:
    """How many documents cite each of ``ids``."""
    with db.engine.connect() as connection:
        return _counts(connection, _numbers(connection, ids))
