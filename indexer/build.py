"""From what a crawler read on a page (strings) to a validated document."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from indexer.models import (
    FileRef,
    Legislativo,
    OcrPageRef,
    Sentencia,
    Sesion,
    VideoLink,
    document_id,
)
from indexer.privacy import protect
from indexer.readers import READERS_VERSION
from indexer.readers.courts import normalise_chamber, normalise_court
from indexer.readers.expedientes import expediente_forms, normalise_expediente
from indexer.readers.judgments import read_sentence
from indexer.readers.legislatures import contradicts, legislative, legislature_on
from indexer.readers.normalise import (
    clean_text,
    normalise_author,
    normalise_doc_type,
    normalise_legislature,
    normalise_matter,
    normalise_person,
    normalise_ruling,
    normalise_session_type,
    parse_date,
    undecided_permanent,
    video_platform,
)
from indexer.readers.parties import still_named
from indexer.readers.session_numbers import session_number_in_heading
from indexer.readers.session_period import (
    legislature_in_heading,
    normalise_period,
    period_in_heading,
)
from indexer.readers.sessions import (
    names_recess_body,
    recess_body,
    recognise_session,
    session_type_in_heading,
    sitting_in_heading,
    sitting_of,
)
from indexer.readers.signatures import split_signatures
from indexer.readers.videos import canonical_video_url, video_id, video_key

AnyDocument = Sentencia | Sesion | Legislativo
RawValue = str | list[str] | None
log = logging.getLogger(__name__)


class MissingField(ValueError):
    """A required field is absent or empty on the page."""

    def __init__(self, name: str) -> None:
        super().__init__(f"required field {name!r} is missing or empty")
        self.name = name


class InvalidDocument(ValueError):
    """The fields read do not make a valid document."""


# A field a reader normalises is short: a court's or chamber's name, a case number, a
# date, a legislature. A longer value is no such field (a selector that caught a page)
# and costs its reader seconds (they read 100 KB in 0.3 to 2 s), so it is dropped
# before anything reads it; the heading or the title may then give the field.
FIELD_CHARS = 1_000
_SHORT_FIELDS = frozenset(
    ("court", "chamber", "expediente", "legislature", "matter", "ruling", "ponente",
     "secretario", "session_type", "doc_type", "date", "resolution_date", "proceeding",
     "judgment_type", "institution", "congress", "sitting", "session_number", "number")
)  # fmt: skip


def _overlong(fields: Mapping[str, RawValue]) -> dict[str, int]:
    """The short fields over ``FIELD_CHARS`` (as cleaned), with their lengths."""
    lengths = {name: len(_one(fields[name]) or "") for name in _SHORT_FIELDS & fields.keys()}
    return {name: n for name, n in lengths.items() if n > FIELD_CHARS}


def _one(value: RawValue) -> str | None:
    if isinstance(value, list):
        value = " ".join(v for v in value if v)
    return clean_text(value)


def _many(value: RawValue) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [cleaned for v in values if (cleaned := clean_text(v))]


# a session type written with its «Sesión» («Sesión de Junta Previa», «SESIÓN ORDINARIA»)
_SESSION_NAMED = re.compile(r"sesi[oó]n\b", re.IGNORECASE)
# the types that are a sitting's name, read after «Sesión de»
_NAMED_SITTINGS = ("junta_previa", "congreso_general")


def default_title(kind: str, fields: Mapping[str, RawValue], institution: str) -> str | None:
    """The title of a document its source gave none, made of its fields."""
    if kind == "sentencia" and _one(fields.get("expediente")):
        # (with its publisher: a state's bare "Tribunal Pleno" is no "Pleno de la SCJN")
        court = normalise_court(_one(fields.get("court")), institution)
        title = f"Sentencia del expediente {_one(fields.get('expediente'))}"
        return f"{title} ({court})" if court else title
    if kind == "sesion" and _one(fields.get("date")):
        # (a stored value, «junta_previa», is read with its space)
        session_type = " ".join((_one(fields.get("session_type")) or "").replace("_", " ").split())
        # a type that is the body holding it ("Comisión Permanente") reads as whose it is,
        # a «Junta Previa» or «Congreso General» as the sitting's name; a type written with
        # its «Sesión» («Sesión de Junta Previa») is not given another
        if _SESSION_NAMED.match(session_type):
            return f"{session_type[:1].upper()}{session_type[1:]} del {_one(fields.get('date'))}"
        of = "de la " if names_recess_body(session_type) else ""
        if not of and normalise_session_type(session_type) in _NAMED_SITTINGS:
            of = "de "
        return " ".join(f"Sesión {of}{session_type} del {_one(fields.get('date'))}".split())
    if kind == "legislativo" and _one(fields.get("number")):
        return f"{_one(fields.get('doc_type')) or 'Documento'} {_one(fields.get('number'))}"
    return None


def document_texts(kind: str, page_text: str, file_texts: list[str]) -> dict[str, str]:
    """The document's text: its page's, then its files'. A sentence's files lose their
    signature blocks and evidence pages (kept apart), and its own metadata is read from
    the sentence (the first file), not from the page that links to it."""
    if kind != "sentencia":
        return {"text": "\n\n".join(t for t in [page_text, *file_texts] if t)}
    bodies, cut = [], []
    for text in file_texts:
        body, signatures = split_signatures(text)
        bodies.append(body)
        cut.append(signatures)
    return {
        "text": "\n\n".join(t for t in [page_text, *bodies] if t),
        "heading_text": file_texts[0] if file_texts else page_text,
        "signature_text": "\n\n".join(c for c in cut if c),
    }


def build_document(
    *,
    kind: str,
    source_id: str,
    institution: str,
    jurisdiction: str,
    url: str,
    fields: Mapping[str, RawValue],
    text: str,
    files: Sequence[FileRef] = (),
    required: Sequence[str] = (),
    fetched_at: dt.datetime | None = None,
    videos: Sequence[VideoLink] = (),
    heading_text: str | None = None,
    signature_text: str | None = None,
    origin: str = "listing",
    origins: Mapping[str, str] | None = None,
    ocr_pages: Sequence[OcrPageRef] = (),
    text_source: str | None = None,
    privacy: str = "mask",
) -> AnyDocument:
    """Normalise the raw fields of one publication into its document; raise
    ``MissingField`` or ``InvalidDocument`` with a message fit for a crawl report.

    A sentence's missing court, case number, matter and dates are read from its own
    heading, and its trailing signatures are kept apart from the searchable text; a
    session's missing date, type, legislature and chamber are read from its title.
    ``heading_text`` is the sentence itself when ``text`` also holds a page linking to it;
    ``signature_text`` is given when the caller already cut the signatures (per file).
    Each field records where it came from: ``origin`` for the fields given (``listing``,
    ``api``), ``origins`` per field where that differs (``spec`` for a constant), and
    ``heading`` / ``body`` / ``title`` for what the readers found.

    Personal data are found, and masked or flagged, under the source's ``privacy``
    policy before anything is saved (:mod:`indexer.privacy`)."""
    overlong = _overlong(fields)
    fields = {name: value for name, value in fields.items() if name not in overlong}
    for name, length in overlong.items():
        log.warning("%s: field %r of %d characters dropped, not read", url, name, length)
    sources = {name: (origins or {}).get(name, origin) for name in fields if _one(fields[name])}
    signatures = signature_text or ""
    if kind == "sentencia" and (heading_text or text):
        fields, read = _from_heading(fields, heading_text or text)
        sources |= read
    if kind == "sentencia" and text and signature_text is None:
        text, signatures = split_signatures(text)
    if kind == "sesion":
        fields, read = _from_session_title(fields)
        sources |= read
        listed = _one(fields.get("session_type"))
        if (not listed or undecided_permanent(listed)) and (given := session_type_in_heading(text)):
            # (a bare «Sesión Permanente»: the heading says whose, the recess body's
            # «…de la Comisión Permanente» or the sitting's own kind)
            fields = fields | {"session_type": given}
            sources["session_type"] = "heading"
        elif undecided_permanent(listed) and (
            names_recess_body(_one(fields.get("chamber")))
            or normalise_session_type(_one(fields.get("title"))) == "permanente"
        ):
            # the row's own chamber, or its title, names the recess body: the recess's
            fields = fields | {"session_type": "permanente"}
        if not _one(fields.get("sitting")) and (sitting := sitting_in_heading(text)):
            fields = fields | {"sitting": sitting}
            sources["sitting"] = "heading"
        if not _one(fields.get("legislature")) and (named := legislature_in_heading(text)):
            fields = fields | {"legislature": named}
            sources["legislature"] = "heading"
        if _one(fields.get("period")):
            # a period the source publishes apart, as the heading's reader labels it
            # (none when it reads no period: then the heading's, if it states one)
            given = normalise_period(_one(fields.get("period")))
            fields = fields | {"period": given}
            if given is None:
                sources.pop("period", None)
        if not _one(fields.get("period")) and (period := period_in_heading(text)):
            fields = fields | {"period": period}
            sources["period"] = "heading"
        if not _one(fields.get("session_number")) and (number := session_number_in_heading(text)):
            fields = fields | {"session_number": number}
            sources["session_number"] = "heading"
    for name in required:
        if not _one(fields.get(name)):
            if name in overlong:
                raise InvalidDocument(
                    f"field {name!r} is {overlong[name]:,} characters long, over the "
                    f"{FIELD_CHARS:,} such a field can have: not read"
                )
            raise MissingField(name)
    title = _one(fields.get("title")) or default_title(kind, fields, institution)
    if not title:
        raise MissingField("title")
    date = parse_date(_one(fields.get("date")))
    if date is None and kind == "sentencia":
        date = parse_date(_one(fields.get("resolution_date")))
        if date and "resolution_date" in sources:
            sources["date"] = sources["resolution_date"]
    body = (_one(fields.get("institution")) or institution, _one(fields.get("congress")))
    if kind in ("sesion", "legislativo") and legislative(*body):
        fields = _dated_legislature(fields, sources, jurisdiction, date)
    # every field a person reads is guarded as the texts are (a party named in a
    # proceeding, an agenda's item or a committee's name is masked there too), before
    # anything below reads it: what is stored, shown, exported and indexed is masked
    shown = {name: value for name, value in fields.items() if name != "title"}
    links: list[VideoLink] = []
    titled = False
    if kind == "sesion":
        try:
            links = _videos(fields, videos, source_id)
        except ValidationError as exc:
            raise InvalidDocument(str(exc).splitlines()[0]) from exc
        titled = any(link.title for link in links)  # (a platform's: a person reads it)
        if titled:  # (in place of the addresses the listing gave: they are no text)
            shown[_LINKS] = [link.model_dump() for link in links]
    guarded = protect(title, text, signatures, privacy, fields=shown)
    title, text, signatures = guarded.title, guarded.text, guarded.signature_text
    if titled:
        links = [VideoLink.model_validate(link) for link in guarded.fields.pop(_LINKS)]
    fields = {**fields, **guarded.fields}
    core = dict(
        id=document_id(source_id, url),
        title=title,
        date=date,
        institution=_one(fields.get("institution")) or institution,
        jurisdiction=jurisdiction,
        source_id=source_id,
        url=url,
        files=list(files),
        text=text,
        signature_text=signatures,
        field_sources={name: where for name, where in sources.items() if name in _SOURCED},
        fetched_at=fetched_at,
        ocr_pages=list(ocr_pages),
        text_source=text_source,
        privacy=guarded.report,
    )
    doc: AnyDocument  # stamped with the readers' version that read its fields
    try:
        if kind == "sentencia":
            expediente = _one(fields.get("expediente"))
            resolution = parse_date(_one(fields.get("resolution_date"))) or date
            parties = still_named(_many(fields.get("parties")))
            if not parties:  # (none, or every name masked: no provenance for none)
                core["field_sources"].pop("parties", None)
            doc = Sentencia(
                **core,
                court=normalise_court(_one(fields.get("court")), institution),
                expediente=expediente,
                expediente_normalised=normalise_expediente(expediente),
                expediente_forms=expediente_forms(expediente),
                matter=normalise_matter(_one(fields.get("matter"))),
                resolution_date=resolution,
                ponente=normalise_person(_one(fields.get("ponente"))),
                proceeding=_one(fields.get("proceeding")),
                judgment_type=_one(fields.get("judgment_type")),
                ruling=normalise_ruling(_one(fields.get("ruling"))),
                secretario=normalise_person(_one(fields.get("secretario"))),
                parties=parties or None,
            )
            return doc.read_by(READERS_VERSION)
        if kind == "sesion":
            session_type = normalise_session_type(_one(fields.get("session_type")))
            if session_type is None:  # (a type not known is none, nor anywhere read)
                core["field_sources"].pop("session_type", None)
            chamber = _session_chamber(fields, session_type, jurisdiction, core["field_sources"])
            doc = Sesion(
                **core,
                congress=_one(fields.get("congress")),
                legislature=normalise_legislature(_one(fields.get("legislature"))),
                chamber=chamber,
                session_type=session_type,
                sitting=_one(fields.get("sitting")),
                session_number=_one(fields.get("session_number")),
                period=_one(fields.get("period")),
                video_urls=links,
                agenda=_many(fields.get("agenda")),
                stenographic_urls=_many(fields.get("stenographic_urls")),
            )
            return doc.read_by(READERS_VERSION)
        if kind == "legislativo":
            # (a legislator's title off each name: "Dip. Ana Ruiz" is Ana Ruiz; a title alone
            # is no author)
            authors = list(dict.fromkeys(
                a for v in _many(fields.get("authors")) if (a := normalise_author(v))
            ))  # fmt: skip
            if not authors:
                core["field_sources"].pop("authors", None)
            doc = Legislativo(
                **core,
                doc_type=normalise_doc_type(_one(fields.get("doc_type"))),
                number=_one(fields.get("number")),
                legislature=normalise_legislature(_one(fields.get("legislature"))),
                authors=authors,
                committee=_one(fields.get("committee")),
                status=_one(fields.get("status")),
            )
            return doc.read_by(READERS_VERSION)
    except ValidationError as exc:
        raise InvalidDocument(str(exc).splitlines()[0]) from exc
    raise InvalidDocument(f"unknown kind {kind!r}")


def _dated_legislature(
    fields: dict[str, RawValue], sources: dict[str, str], jurisdiction: str, date: dt.date | None
) -> dict[str, RawValue]:
    """The legislature a source states stays; a spec's constant that the calendar of the
    jurisdiction contradicts on the document's date is dropped (a backfill of an earlier
    legislature must not be stamped with the current one); a missing one is the
    calendar's, where known (``indexer.readers.legislatures``)."""
    given = _one(fields.get("legislature"))
    # a spec's constant, or a transcript's heading the calendar contradicts: unsure
    if given and sources.get("legislature") in ("spec", "heading"):
        if contradicts(given, jurisdiction, date):
            sources.pop("legislature", None)
            return fields | {"legislature": None}
        return fields
    if given:
        return fields
    derived = legislature_on(jurisdiction, date)
    if derived is None:
        return fields
    sources["legislature"] = "calendar"
    return fields | {"legislature": derived}


def _session_chamber(
    fields: Mapping[str, RawValue],
    session_type: str | None,
    jurisdiction: str,
    field_sources: dict[str, str],
) -> str | None:
    """The session's chamber; a session of the recess is its permanent body's, not the
    publishing chamber's (see :func:`recess_body`), its provenance its type's."""
    chamber = normalise_chamber(_one(fields.get("chamber")))
    if session_type != "permanente":
        return chamber
    named = (_one(fields.get("session_type")), _one(fields.get("title")))
    held = recess_body(chamber, named, jurisdiction)
    if held != chamber:
        where = field_sources.pop("chamber", None)
        if held:
            field_sources["chamber"] = field_sources.get("session_type", where or "spec")
    return held


# the session's video links as the guard reads them (their titles), found as the field
# a stored document names them by (``video_urls.0.title``)
_LINKS = "video_urls"


def _videos(
    fields: Mapping[str, RawValue], given: Sequence[VideoLink], source_id: str
) -> list[VideoLink]:
    """Links read as fields and links a spider built, one per video (embeds and short
    links of the same video are one)."""
    live = set(_many(fields.get("live_video_urls")))
    urls = list(dict.fromkeys(_many(fields.get("video_urls")) + sorted(live)))
    platform = _one(fields.get("video_platform"))
    links = [
        VideoLink(
            url=canonical_video_url(u),
            platform=video_platform(u, platform),
            live=u in live,
            video_id=video_id(u),
            source_id=source_id,
        )
        for u in urls
    ]
    links += [link.model_copy(update={"source_id": link.source_id or source_id}) for link in given]
    unique: dict[str, VideoLink] = {}
    for link in links:
        unique[video_key(link.url)] = link
    return list(unique.values())


def _from_heading(
    fields: dict[str, RawValue], text: str
) -> tuple[dict[str, RawValue], dict[str, str]]:
    """Fields the listing did not give, read from the sentence itself, and where each
    was read (``heading`` or ``body``)."""
    missing = [n for n in _HEADING_FIELDS if not _one(fields.get(n))]
    if not missing:
        return fields, {}
    reading = read_sentence(text)
    found: dict[str, RawValue] = {
        name: reading.values[name] for name in missing if name in reading.values
    }
    if "parties" in missing and reading.parties:
        found["parties"] = reading.parties
    return fields | found, {name: reading.sources[name] for name in found}


# The fields whose provenance a document records (its kind-specific and dated ones).
_SOURCED = frozenset(
    ("date", "title", "court", "expediente", "matter", "resolution_date", "ponente", "proceeding",
     "judgment_type", "ruling", "secretario", "parties", "congress", "legislature", "chamber",
     "session_type", "period", "doc_type", "number", "authors", "committee", "status")
)  # fmt: skip
_HEADING_FIELDS = ("court", "expediente", "matter", "resolution_date", "proceeding",
                   "judgment_type", "ponente", "secretario", "ruling", "parties")  # fmt: skip


def _from_session_title(
    fields: dict[str, RawValue],
) -> tuple[dict[str, RawValue], dict[str, str]]:
    """A session's date, type, legislature and chamber from its title, where not given."""
    wanted = ("date", "session_type", "legislature", "chamber", "sitting")
    title = _one(fields.get("title"))
    sitting = sitting_of(_one(fields.get("session_type")))
    if sitting and not _one(fields.get("sitting")):
        fields = fields | {"sitting": sitting}
    if not title or len(title) > FIELD_CHARS or all(_one(fields.get(n)) for n in wanted):
        return fields, {}  # (a title as long as a page is none: not read for the rest)
    info = recognise_session(title)
    found = {
        "date": info.date.isoformat() if info.date else None,
        "session_type": info.session_type,
        "legislature": info.legislature,
        "chamber": info.chamber,
        "sitting": info.sitting,
    }
    read = {n: v for n, v in found.items() if v and not _one(fields.get(n))}
    return fields | read, dict.fromkeys(read, "title")
