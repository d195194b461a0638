"""Reading a library's files again with the current extractor (``abierto reextract``).

A file's text is extracted once and kept (``files.text``), stamped with the extractor's
version (``files.extractor``, :data:`indexer.extract.EXTRACTOR_VERSION`). When a
developer bumps the version, the files stamped older are read again here from the
archive of originals, and each document made of them is rebuilt as the save path builds
it: its text (the page's text, then its files', a sentence's signatures cut apart), the
personal-data guard under its source's policy, and the fields the readers took from the
text (a sentence's heading; a session's type, sitting and number), while the fields its
source gave (listing, API, constants) are kept as they are, and so is a person's release
of a withheld one (``privacy.reviewed``). A changed document is saved
and so queued for the index (``Library.flush`` indexes it); an unchanged one is left.

A file whose original is not in the archive, or whose new reading fails, keeps its text
and its stamp, and so does each document made of it: nothing is ever lost. Documents
are read in id order, a batch at a time; a run stopped anywhere is resumed by running it
again (what was done carries the new stamp) or, with ``every``, from ``after``.

A file whose earlier reading failed is read again too (by version 2 a sentence's Word file
or a DOS text could fail, and without this no later version ever read it): its text now
takes its place among its document's files' (in their order: the page's text, then
theirs), and one that fails again gets the new cause and stamp (counted by cause; its
document is unchanged). Failed files no document lists (one indexed alone from a folder)
are read again after the documents, on a whole run; the next indexing of their folder
uses what they gave.

Left as they are: documents whose
stored text does not end with what their old files make under the privacy guard (the
page's own text cannot be told apart: counted ``texto_de_pagina_no_separable``). An
annex several documents share is read once; the documents of later batches that list
it are rebuilt from the old text this run keeps (up to ``EARLIER_CHARS``).

``abierto reextract --releer`` (:func:`reread`) does the same for the readers: each
document is stamped with the version of the readers that read its fields
(``documents.readers``, :data:`indexer.readers.READERS_VERSION`), and those stamped older
get the fields the readers took from a text or a title read again from their stored
texts (:func:`reread_document`), through the same batches, tally and resumption
(``_scan``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy import update as sql_update

from indexer.build import (
    InvalidDocument,
    MissingField,
    build_document,
    default_title,
    document_texts,
)
from indexer.db import FileRow
from indexer.db.database import to_model
from indexer.db.tables import DocumentRow
from indexer.extract import EXTRACTOR_VERSION, ExtractionError, OcrPage, extract_text
from indexer.library import ArchivedFile
from indexer.models import FieldSource
from indexer.privacy import guard_document, protect
from indexer.readers import READERS_VERSION
from indexer.textsource import text_origin
from indexer.walls import StoredWalls

BATCH = 100
# at most this many characters of old texts kept for later batches' shared files
EARLIER_CHARS = 64_000_000
# where a reader found a field in the text: such a field is read again from the new text
READ_FROM_TEXT = frozenset(("heading", "body", "title"))
# read again too: a legislature the calendar gave for a date the readers may read anew
REREAD = READ_FROM_TEXT | {"calendar"}
# what the readers may fill from a sentence's heading or a session's text
_READ = {
    "sentencia": ("date", "court", "expediente", "matter", "resolution_date", "proceeding",
                  "judgment_type", "ponente", "secretario", "ruling", "parties"),
    "sesion": ("date", "session_type", "sitting", "session_number", "period", "legislature",
               "chamber"),
    "legislativo": (),
}  # fmt: skip
_DERIVED = {"expediente": ("expediente_normalised", "expediente_forms")}

# the commands an operator runs (named by /healthz and by the CLI)
COMMAND = "abierto reextract"
REREAD_COMMAND = f"{COMMAND} --releer"


@dataclass
class Tally:
    """What a run did, per document (and per file for the failures' causes)."""

    reextracted: int = 0  # documents whose text (releer: fields) changed: saved, queued
    unchanged: int = 0  # documents whose files read again gave the same text
    failed: int = 0  # documents left with their old text (a file failed)
    no_original: int = 0  # documents left alone: an original is not in the archive
    current: int = 0  # documents whose files were all read by this extractor already
    files_read: int = 0
    causes: Counter[str] = field(default_factory=Counter)
    # a failed reading's stored ``cause: detail``, the first of each cause (what it was)
    examples: dict[str, str] = field(default_factory=dict)
    last_id: str = ""
    seconds: float = 0.0


def stale_files(db, version: int = EXTRACTOR_VERSION) -> int:
    """How many stored texts an older extractor wrote (NULL: before versions)."""
    with db.session() as s:
        stale = or_(FileRow.extractor.is_(None), FileRow.extractor < version)
        return s.scalar(select(func.count()).select_from(FileRow).where(stale)) or 0


def stale_documents(db, version: int = EXTRACTOR_VERSION) -> int:
    """How many documents hold text from at least one file an older extractor read, or
    list one whose reading by an older extractor failed."""
    from sqlalchemy import text

    if db.engine.dialect.name == "postgresql":
        query = (
            "SELECT count(DISTINCT d.id) FROM documents d "
            "CROSS JOIN LATERAL json_array_elements(d.data::json -> 'files') f "
            "JOIN files ON files.sha256 = f ->> 'sha256' "
            "WHERE (files.extractor IS NULL OR files.extractor < :v) "
            "AND (files.text IS NOT NULL OR files.error IS NOT NULL)"
        )
    else:
        query = (
            "SELECT count(DISTINCT d.id) FROM documents d, json_each(d.data, '$.files') f "
            "JOIN files ON files.sha256 = json_extract(f.value, '$.sha256') "
            "WHERE (files.extractor IS NULL OR files.extractor < :v) "
            "AND (files.text IS NOT NULL OR files.error IS NOT NULL)"
        )
    with db.engine.connect() as connection:
        return connection.execute(text(query), {"v": version}).scalar() or 0


def reextract(
    library,
    *,
    every: bool = False,
    source: str | None = None,
    after: str = "",
    batch: int = BATCH,
    progress: Callable[[Tally], None] | None = None,
    walls: StoredWalls | None = None,
) -> Tally:
    """Read again the files of the documents an older extractor read (``every``: all
    files), rebuild those documents, save the changed ones (queued for the index), each
    within its source's tenant walls (``indexer.walls``: a court its heading now names
    that is another institution's is left empty, as the crawl leaves it)."""
    db = library.db
    walls = walls if walls is not None else StoredWalls(db)
    # the old texts of the files this run changed, for the documents of later batches
    # that share them (an annex): their stamp is new by then (``EARLIER_CHARS``)
    earlier: dict[str, str] = {}
    kept_chars = 0

    def work(docs: list, tally: Tally) -> None:
        nonlocal kept_chars
        rows = _file_rows(db, {ref.sha256 for doc in docs for ref in doc.files})
        read: dict[str, FileRow | str] = {}  # sha256 → the row read again, or why not
        changed, stamped = [], []
        for doc in docs:
            if source is not None and doc.source_id != source:
                continue
            # its files with a text, and those whose reading failed (read again too: a
            # newer extractor may read them, and one that fails again says why now)
            refs = [r for r in doc.files if r.sha256 in rows and _read_or_failed(rows[r.sha256])]
            stale = [r for r in refs if every or _older(rows[r.sha256]) or r.sha256 in earlier]
            if not stale:
                tally.current += 1
                continue
            for ref in stale:
                if ref.sha256 in earlier:  # read again by this run, stamped already
                    read[ref.sha256] = rows[ref.sha256]
                elif ref.sha256 not in read:
                    read[ref.sha256] = _read_again(library, rows[ref.sha256], tally)
            outcomes = [read[r.sha256] for r in stale]
            missing = [o for o in outcomes if o == "sin_original"]
            failed = [o for o in outcomes if isinstance(o, str) and o != "sin_original"]
            if missing:
                tally.no_original += 1
                continue
            if failed:
                tally.failed += 1
                continue
            new = {r.sha256: read[r.sha256] for r in stale}
            try:
                # (a file without a text gave none to the document: not in its list)
                old = [earlier.get(r.sha256, rows[r.sha256].text or "") for r in refs]
                now = {**rows, **new}
                fresh = [now[r.sha256].text or "" for r in refs]
                rebuilt = _rebuilt(doc, [t for t in old if t], [t for t in fresh if t])
                if rebuilt is not None:  # the pages OCR read, as the new readings say
                    rebuilt = _with_origin(walls.guard(rebuilt), now)
            except _Unbuilt as exc:
                tally.failed += 1
                tally.causes[exc.cause] += 1
                continue
            stamped += [r.sha256 for r in stale]
            if rebuilt is None:
                tally.unchanged += 1
            else:
                changed.append(rebuilt.read_by(READERS_VERSION))
                tally.reextracted += 1
        if changed:
            db.save_documents(changed)
        for sha in dict.fromkeys(stamped):  # after the documents: a crash re-reads them
            row = read[sha]
            assert isinstance(row, FileRow)
            if row is rows[sha] or _same_reading(row, rows[sha]):
                continue  # (read again to the same text, stamp and all: nothing to write)
            db.save_file(row, replace=True)
            before = rows[sha].text or ""
            if row.text != before and kept_chars + len(before) <= EARLIER_CHARS:
                earlier[sha] = before
                kept_chars += len(before)

    tally = _scan(lambda last: db.documents_after(last, batch), work, after, progress)
    if source is None and not after:  # a whole run: the failed files no document lists
        _read_failed_files(library, tally, batch)
    return tally


def _read_failed_files(library, tally: Tally, batch: int) -> None:
    """The files an older extractor failed to read that no document lists (a folder's
    file indexed alone: no document was made of it), read again and their rows written:
    one read now is used when its folder is indexed again; one that fails again says
    why now. Each is counted in ``files_read`` and its failure in ``causes``."""
    db, last = library.db, ""
    while True:
        with db.session() as s:
            stmt = (
                select(FileRow)
                .where(FileRow.text.is_(None), FileRow.error.is_not(None))
                .where(or_(FileRow.extractor.is_(None), FileRow.extractor < EXTRACTOR_VERSION))
                .where(FileRow.sha256 > last)
                .order_by(FileRow.sha256)
                .limit(batch)
            )
            rows = s.scalars(stmt).all()
            s.expunge_all()
        if not rows:
            return
        last = rows[-1].sha256
        for row in rows:
            outcome = _read_again(library, row, tally)
            if isinstance(outcome, FileRow):
                db.save_file(outcome, replace=True)


def _scan(
    next_batch: Callable[[str], list],
    work: Callable[[list, Tally], None],
    after: str,
    progress: Callable[[Tally], None] | None,
) -> Tally:
    """The documents ``next_batch`` gives after an id, a batch at a time in id order, each
    batch done by ``work`` (which counts in the tally) before the next is read: a run
    stopped between batches lost nothing, and resumes after its ``last_id``."""
    tally, began = Tally(last_id=after), time.monotonic()
    while docs := next_batch(tally.last_id):
        tally.last_id = docs[-1].id
        work(docs, tally)
        tally.seconds = time.monotonic() - began
        if progress is not None:
            progress(tally)
    tally.seconds = time.monotonic() - began
    return tally


def stale_readings(db, version: int = READERS_VERSION) -> int:
    """How many documents older readers read (NULL: before versions): an indexed count."""
    with db.session() as s:
        older = select(func.count()).select_from(DocumentRow).where(_read_before(version))
        return s.scalar(older) or 0


def reread(
    library,
    *,
    every: bool = False,
    source: str | None = None,
    after: str = "",
    batch: int = BATCH,
    progress: Callable[[Tally], None] | None = None,
    walls: StoredWalls | None = None,
) -> Tally:
    """Run the readers again on the stored texts of the documents older readers read
    (``every``: all documents), as the save path runs them (:func:`reread_document`);
    save the changed ones (queued for the index), stamp the rest as read now.

    A document the readers cannot read again (a bug, an invalid value) keeps its values
    and its stamp, counted failed with its cause; a stamp is written with the values it
    stands for (one statement), so a run stopped anywhere is resumed by running it again
    and a second run finds nothing to do (or, with ``every``, from ``after``).

    Each document stays within its source's tenant walls (``indexer.walls``): a court or
    chamber the readers now read that is another institution's is left empty."""
    db = library.db
    walls = walls if walls is not None else StoredWalls(db)
    if not every and not stale_readings(db):
        return Tally(last_id=after)  # nothing older: no document read

    def next_batch(last: str) -> list:
        with db.session() as s:
            stmt = select(DocumentRow).where(DocumentRow.id > last)
            if not every:
                stmt = stmt.where(_read_before(READERS_VERSION))
            if source is not None:
                stmt = stmt.where(DocumentRow.source_id == source)
            rows = s.scalars(stmt.order_by(DocumentRow.id).limit(batch)).all()
            return [to_model(row) for row in rows]

    def work(docs: list, tally: Tally) -> None:
        rows = _file_rows(db, {ref.sha256 for doc in docs for ref in doc.files})
        changed, same = [], []
        for doc in docs:
            texts = [rows[r.sha256].text or "" for r in doc.files if r.sha256 in rows]
            try:
                new = reread_document(doc, [t for t in texts if t])
                guarded = walls.guard(new if new is not None else doc)
                new = None if guarded == doc else guarded
            except _Unbuilt as exc:
                tally.failed += 1
                tally.causes[exc.cause] += 1
                continue
            except Exception as exc:  # a reader's bug: counted, the document kept as it is
                tally.failed += 1
                tally.causes[f"internal: {type(exc).__name__}"] += 1
                continue
            if new is None:
                same.append(doc.id)
                tally.unchanged += 1
            else:
                changed.append(new.read_by(READERS_VERSION))
                tally.reextracted += 1
        if changed:
            db.save_documents(changed)
        if same:  # the stamp alone: neither the row's content nor its place in the queue
            with db.engine.begin() as connection:
                connection.execute(
                    sql_update(DocumentRow)
                    .where(DocumentRow.id.in_(same))
                    .values(readers=READERS_VERSION)
                )

    return _scan(next_batch, work, after, progress)


def _read_before(version: int):
    return or_(DocumentRow.readers.is_(None), DocumentRow.readers < version)


def _older(row: FileRow) -> bool:
    return (row.extractor or 0) < EXTRACTOR_VERSION


def _read_or_failed(row: FileRow) -> bool:
    """A file with a text, or one whose reading failed (not a row never read)."""
    return bool(row.text) or bool(row.error)


def _file_rows(db, shas: set[str]) -> dict[str, FileRow]:
    if not shas:
        return {}
    with db.session() as s:
        rows = s.scalars(select(FileRow).where(FileRow.sha256.in_(sorted(shas)))).all()
        s.expunge_all()
        return {row.sha256: row for row in rows}


def _same_reading(new: FileRow, stored: FileRow) -> bool:
    """Whether a file read again gave what its row holds (a run over every file finds
    most unchanged: its row is not written again, one transaction each)."""
    return all(getattr(new, name) == getattr(stored, name) for name in _READING)


# what a reading writes in a file's row
_READING = ("text", "pages", "method", "error", "ocr_pages", "extractor")


def _read_again(library, row: FileRow, tally: Tally) -> FileRow | str:
    """The file's row with its text read again, or the cause it was not."""
    try:
        data = library.archive.get(row.sha256)
    except OSError as exc:
        tally.causes[f"archivo_ilegible: {exc.strerror or exc}"] += 1
        return "archivo_ilegible"
    if data is None:
        tally.causes["sin_original"] += 1
        return "sin_original"
    tally.files_read += 1
    try:
        name = row.first_url.rsplit("/", 1)[-1]
        extraction = extract_text(data, row.content_type, name, library.limits)
    except ExtractionError as exc:
        tally.causes[exc.cause] += 1
        tally.examples.setdefault(exc.cause, f"{exc.cause}: {exc}")
        if row.text:  # its old text is kept, and its stamp: read again next run
            return exc.cause
        # a file no version read: it fails now for this cause, said with this stamp
        return _failed(row, f"{exc.cause}: {exc}")
    except Exception as exc:  # a worker that would not start, a bug: counted, kept
        tally.causes[f"internal: {type(exc).__name__}"] += 1
        return "internal"
    return FileRow(
        sha256=row.sha256,
        size=row.size,
        content_type=row.content_type,
        first_url=row.first_url,
        pages=extraction.pages,
        text=extraction.text,
        method=extraction.method,
        error=None,
        archived_at=row.archived_at or dt.datetime.now(dt.UTC),
        ocr_pages=[asdict(page) for page in extraction.ocr_pages] or None,
        extractor=EXTRACTOR_VERSION,
    )


def _failed(row: FileRow, error: str) -> FileRow:
    """The row of a file without a text whose new reading failed too, as it stands now."""
    return FileRow(
        sha256=row.sha256,
        size=row.size,
        content_type=row.content_type,
        first_url=row.first_url,
        pages=None,
        text=None,
        method=None,
        error=error,
        archived_at=row.archived_at or dt.datetime.now(dt.UTC),
        ocr_pages=None,
        extractor=EXTRACTOR_VERSION,
    )


class _Unbuilt(Exception):
    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


def _with_origin(doc, rows: dict[str, FileRow]):
    """``doc`` with the pages OCR read and ``text_source`` of its files' rows now."""
    files = []
    for ref in doc.files:
        row = rows.get(ref.sha256)
        pages = tuple(OcrPage(**page) for page in (row.ocr_pages if row else None) or ())
        files.append(ArchivedFile(ref, row.text if row else None, ocr_pages=pages))
    ocr_pages, text_source = text_origin(files)
    return doc.model_copy(update={"ocr_pages": ocr_pages, "text_source": text_source})


def _rebuilt(doc, old_texts: list[str], new_texts: list[str]):
    """``doc`` with the new texts of its files, or None when nothing changed."""
    if old_texts == new_texts:
        return None
    policy = doc.privacy.policy if doc.privacy is not None else "mask"
    try:
        page_text = _page_text(doc, old_texts, policy)
    except _Unbuilt:
        # a run stopped after saving the document and before stamping its files: the
        # document holds the new texts already
        _page_text(doc, new_texts, policy)
        return None
    built, reread = _read(doc, document_texts(doc.kind, page_text, new_texts), policy)
    update: dict[str, object] = {"text": built.text, "signature_text": built.signature_text}
    update |= _read_fields(doc, built, reread)
    return _changed(doc, _guarded(doc, update, policy, built.privacy))


def _guarded(doc, update: dict[str, object], policy: str, report) -> dict[str, object]:
    """``update`` with the privacy report and every field a person reads of ``doc`` so
    updated as publication guards them (``guard_document``, the function ``abierto privacy
    rescan`` guards with): a field its source gave is masked where its finding is
    recorded. ``report``: the one its texts were guarded with (they are not again)."""
    draft = doc.model_copy(update=update)
    guarded = guard_document(draft, policy, report, texts=False)
    if doc.privacy is not None and doc.privacy.reviewed and guarded.privacy is not None:
        # a person released it (``abierto privacy release``): a new reading of its files
        # does not withhold it again (its policy, the released one, masks what it finds)
        reviewed = guarded.privacy.model_copy(update={"reviewed": True})
        guarded = guarded.model_copy(update={"privacy": reviewed})
    masked = {name: getattr(guarded, name) for name in type(doc).model_fields
              if getattr(guarded, name) is not getattr(draft, name)}  # fmt: skip
    if report is None and not guarded.privacy.findings:
        return update | masked  # (a document saved without a report, nothing found now)
    return update | masked | {"privacy": guarded.privacy}


def reread_document(doc, file_texts: list[str]):
    """``doc`` with what the readers read now from its stored texts (``file_texts``: its
    files' with a text, in its order), or None when they read what it holds.

    The readers are given what the save path gives them: a sentence's heading is its
    first file's text as extracted (or, without files, its own text with its signatures
    put back), a session's text its stored one; the fields they took from a text or a
    title, and those left empty, are read again (with their provenance), the derived
    ones follow (a case number's forms, the calendar's legislature); every field its
    source gave stays as it is but for personal data in it, masked as publication masks
    them (the report follows), and so do its text and title."""
    if not _READ[doc.kind]:
        return None  # (nothing a reader reads from a text: a legislative document)
    policy = doc.privacy.policy if doc.privacy is not None else "mask"
    texts: dict[str, str] = {"text": doc.text}
    if doc.kind == "sentencia":
        whole = "\n\n".join(t for t in (doc.text, doc.signature_text) if t)
        heading = file_texts[0] if file_texts else whole
        # (its readers read the heading alone: the text, kept as it is, is not guarded again)
        texts = {"text": "", "heading_text": heading, "signature_text": ""}
    built, reread = _read(doc, texts, policy)
    return _changed(doc, _guarded(doc, _read_fields(doc, built, reread), policy, doc.privacy))


def _changed(doc, update: dict[str, object]):
    """``doc`` with ``update``, or None when that changes none of its values."""
    if all(getattr(doc, k) == v for k, v in update.items()):
        return None
    return doc.model_copy(update=update)


def _read(doc, texts: dict[str, str], policy: str):
    """The document ``build_document`` makes of ``doc``'s given fields and ``texts``, and
    the names of the fields read again in it (those the readers took from a text or a
    title before, and those empty)."""
    sources = dict(doc.field_sources)
    reread = [
        name
        for name in _READ[doc.kind]
        if sources.get(name) in REREAD or getattr(doc, name, None) in (None, "", [])
    ]
    fields: dict[str, str | list[str]] = {}
    for name in _READ[doc.kind]:
        value = getattr(doc, name, None)
        if name in reread or value in (None, ""):
            continue
        if isinstance(value, list):  # (a sentence's parties, given by its source)
            fields[name] = list(value)
            continue
        fields[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    # a title no source gave, made of the fields (a sentence's case number and court), is
    # made again of them; a given one stays
    stored = {name: getattr(doc, name, None) for name in ("expediente", "court", "date")}
    made = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in stored.items() if v}
    if "title" in sources or doc.title != default_title(doc.kind, made, doc.institution):
        fields["title"] = doc.title
    else:
        reread.append("title")
    try:
        built = build_document(
            kind=doc.kind,
            source_id=doc.source_id,
            institution=doc.institution,
            jurisdiction=doc.jurisdiction,
            url=doc.url,
            fields=fields,
            **texts,
            files=doc.files,
            origins={name: where for name, where in sources.items() if name in fields},
            privacy=policy,
        )
    except (MissingField, InvalidDocument) as exc:
        raise _Unbuilt(f"documento_invalido: {exc}") from exc
    return built, reread


def _read_fields(doc, built, reread: list[str]) -> dict[str, object]:
    """The fields read again, as ``built`` has them, their derived ones and provenance."""
    update: dict[str, object] = {}
    new_sources: dict[str, FieldSource] = {
        name: where for name, where in doc.field_sources.items() if name not in reread
    }
    for name in reread:
        update[name] = getattr(built, name)
        for derived in _DERIVED.get(name, ()):
            update[derived] = getattr(built, derived)
        if name in built.field_sources:
            new_sources[name] = built.field_sources[name]
    update["field_sources"] = new_sources
    return update


def _page_text(doc, old_texts: list[str], policy: str) -> str:
    """The text the document's page gave before its files' (read back from its stored
    text: what the old files make, guarded as it was, is its end)."""
    old = document_texts(doc.kind, "", old_texts)
    guarded = protect(doc.title, old["text"], old.get("signature_text", ""), policy).text
    if doc.text == guarded:
        return ""
    if doc.text.endswith("\n\n" + guarded):
        return doc.text[: -len(guarded) - 2]
    raise _Unbuilt("texto_de_pagina_no_separable")
