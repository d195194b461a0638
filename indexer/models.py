"""The document model: one shared core and three kinds (DESIGN.md §3).

Every document has a stable ``id`` derived from its source and canonical URL, so the
same publication crawled twice is one document, updated in place when its text changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    TypeAdapter,
    field_validator,
    model_validator,
)

from config.jurisdictions import check_jurisdiction
from config.web_urls import lower_scheme
from indexer.text_repr import repr_utf8

Kind = Literal["sentencia", "sesion", "legislativo"]
FieldSource = Literal["listing", "api", "spec", "file", "title", "heading", "body", "calendar"]
KINDS: tuple[Kind, ...] = ("sentencia", "sesion", "legislativo")

MATTERS = (
    "penal",
    "civil",
    "familiar",
    "mercantil",
    "amparo",
    "administrativa",
    "laboral",
    "electoral",
    "constitucional",
    "agraria",
    "fiscal",
)
SESSION_TYPES = (
    "ordinaria", "extraordinaria", "solemne", "comision", "permanente", "junta_previa",
    "congreso_general",
)  # fmt: skip
DOC_TYPES = (
    "gaceta",
    "iniciativa",
    "dictamen",
    "punto_de_acuerdo",
    "acta",
    "votacion",
    "diario_de_debates",
    "version_estenografica",
    "orden_del_dia",
)


def document_id(source_id: str, canonical: str) -> str:
    """A stable id from the source and the document's canonical URL or official number."""
    digest = hashlib.sha256(f"{source_id}\n{canonical}".encode()).hexdigest()
    return digest[:24]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# C0 controls but tab, line feed, form feed (a PDF's text parts its pages with it) and
# carriage return, and DEL: a PDF's text or an older reader may hold them (NUL, an escape
# sequence), and no reader of a CSV, a page or a feed wants them. Dropped from a
# document's texts when it is made or read back, so what is indexed, shown and exported is
# one text (JSON escaped them, CSV and HTML carried them raw).
_CONTROLS = tuple(map(chr, (*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F)))
_NO_CONTROLS = str.maketrans(dict.fromkeys(map(ord, _CONTROLS)))


def without_controls(value: str) -> str:
    """``value`` without C0 controls (tab, line and page breaks kept) nor DEL."""
    # a substring search each (memchr): a long text holding none is read at that speed
    if any(control in value for control in _CONTROLS):
        return value.translate(_NO_CONTROLS)
    return value


class FileRef(BaseModel):
    """An original file, archived under its sha256."""

    url: str
    sha256: str
    content_type: str | None = None
    size: int = 0
    pages: int | None = None


class VideoLink(BaseModel):
    """A transmission of a session on a video platform. ``state`` says whether it is live,
    announced (upcoming) or a recording; ``live`` is kept for clients that read only it.
    ``source_id`` is the source that contributed the link, so a source re-crawled replaces
    its own links and never another source's."""

    url: str
    platform: str
    live: bool = False
    title: str | None = None
    state: Literal["live", "upcoming", "recorded"] | None = None
    video_id: str | None = None
    source_id: str | None = None
    captions_url: str | None = None  # a WebVTT/SRT track the platform publishes

    @model_validator(mode="after")
    def _state(self) -> VideoLink:
        if self.state is None:
            self.state = "live" if self.live else "recorded"
        self.live = self.state == "live"
        return self

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError(f"a video link must be an http(s) URL, not {value[:60]!r}")
        return lower_scheme(value)


class SourceLink(BaseModel):
    """A source that published the document, and where."""

    source_id: str
    url: str


class OcrPageRef(BaseModel):
    """A page of one of the document's files whose text was read by OCR."""

    file: int = Field(0, description="Which file (index into files).")
    page: int = Field(description="Page number, from 1.")
    confidence: float = Field(description="Tesseract's mean word confidence, 0-100.")
    low_confidence: bool = Field(False, description="Under the confidence floor: doubt it.")


class PrivacyFinding(BaseModel):
    """Where personal data was found: its kind and position, never its value."""

    kind: str
    field: str = Field(
        "text",
        description="text, title, signature_text or another field a person reads "
        "(proceeding, an agenda's item as agenda.2…).",
    )
    start: int
    end: int


class PrivacyReport(BaseModel):
    """What the personal-data guard did to a document under its source's policy."""

    policy: Literal["mask", "flag", "withhold"] = "mask"
    findings: list[PrivacyFinding] = Field(default_factory=list)
    redactions: int = Field(0, description="Redactions already made by the publisher.")
    rules: str = Field("", description="Version of the detection rules applied.")
    reviewed: bool = Field(False, description="A person released it for publication.")

    @property
    def withheld(self) -> bool:
        return self.policy == "withhold" and bool(self.findings) and not self.reviewed

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for finding in self.findings:
            counted[finding.kind] = counted.get(finding.kind, 0) + 1
        return counted


# what the content hash leaves out: when and how a copy was taken, and the hash itself
_UNHASHED = frozenset(("content_sha256", "fetched_at", "updated_at"))
# fields added after hashes were stored: hashed only when set, so a document without
# them keeps the hash it was saved with (a re-crawl is no change for every sentencia)
_HASHED_WHEN_SET = frozenset(("ruling", "secretario", "period", "parties"))


class DocumentCore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Kind
    title: str
    date: dt.date | None = None
    institution: str
    jurisdiction: str
    source_id: str
    url: str
    files: list[FileRef] = Field(default_factory=list)
    sources: list[SourceLink] = Field(
        default_factory=list,
        description="Every source that published it (one original, one document), its "
        "own source (``source_id``, ``url``) first.",
    )
    text: str = ""
    signature_text: str = Field(
        "", description="Signature blocks and signature evidence cut from the end of text."
    )
    content_sha256: str = ""
    field_sources: dict[str, FieldSource] = Field(
        default_factory=dict,
        description="Where each field was read: the source's listing, its API record, "
        "the spec's constants, the file's name, the title, the document's heading or body, "
        "or the legislatures' calendar for the document's date (legislature).",
    )
    fetched_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    text_source: Literal["text_layer", "ocr", "mixed"] | None = Field(
        None, description="Where the files' text came from: their text layer, OCR or both."
    )
    ocr_pages: list[OcrPageRef] = Field(default_factory=list)
    privacy: PrivacyReport | None = None
    # What the library knows of the document beyond its publication, for the search
    # store: the keys of what it cites and how many documents cite it. Set by the
    # indexer (``with_citations``); never saved, never part of the content hash.
    _citation_keys: tuple[str, ...] | None = PrivateAttr(default=None)
    _cited_by_count: int = PrivateAttr(default=0)
    # The version of the readers that read its fields (``indexer.readers.READERS_VERSION``),
    # given where they read them (``build_document``, ``indexer.reextract``): saved in a
    # column of its own (``documents.readers``), never in its JSON nor its content hash.
    # None: not known (a document read back from its row): saving it keeps the row's.
    _readers: int | None = PrivateAttr(default=None)

    # Both read from the private values themselves: pydantic finds a private attribute
    # through ``__getattr__`` after a failed lookup, several µs a read, and the indexer
    # reads these for every document it writes.
    @property
    def citation_keys(self) -> tuple[str, ...] | None:
        """The keys of what it cites, if the indexer read them (None: not read yet)."""
        private = self.__pydantic_private__
        return private["_citation_keys"] if private is not None else self._citation_keys

    @property
    def cited_by_count(self) -> int:
        private = self.__pydantic_private__
        return private["_cited_by_count"] if private is not None else self._cited_by_count

    @property
    def readers(self) -> int | None:
        """The readers' version that read its fields, if this copy was read by them."""
        private = self.__pydantic_private__
        return private["_readers"] if private is not None else self._readers

    def read_by(self, version: int) -> Self:
        """This document (not a copy: the caller owns it), stamped as read by ``version``
        of the readers."""
        private = self.__pydantic_private__
        if private is None:
            self._readers = version
        else:
            private["_readers"] = version
        return self

    def with_citations(
        self, keys: list[str], cited_by: int, in_place: bool = False
    ) -> DocumentCore:
        """The same document carrying what it cites and how often it is cited;
        ``in_place``: this one, for a caller that owns it (a copy costs a few µs)."""
        copy = self if in_place else self.model_copy()
        private = copy.__pydantic_private__  # the copy's own (see ``citation_keys``)
        if private is None:
            copy._citation_keys = tuple(dict.fromkeys(keys))
            copy._cited_by_count = cited_by
        else:
            private["_citation_keys"] = tuple(dict.fromkeys(keys))
            private["_cited_by_count"] = cited_by
        return copy

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str) -> str:
        return check_jurisdiction(value)

    @field_validator("title", "text", "signature_text")
    @classmethod
    def _without_controls(cls, value: str) -> str:
        return without_controls(value)

    def kind_fields(self) -> dict[str, Any]:
        """The kind-specific fields, as JSON-ready values."""
        core = set(DocumentCore.model_fields)
        return {k: v for k, v in self.model_dump(mode="json").items() if k not in core}

    def with_hash(self) -> DocumentCore:
        """The same document with ``content_sha256`` computed from what a reader sees."""
        return self.hashed()[0]

    def hashed(self) -> tuple[DocumentCore, dict[str, Any]]:
        """``with_hash``, and that document as ``model_dump(mode="json")`` gives it: the
        one dump the hash is read from serves the caller too (the database's row)."""
        dumped = self.hash_dump()
        return self.model_copy(update={"content_sha256": dumped["content_sha256"]}), dumped

    def hash_dump(self) -> dict[str, Any]:
        """``hashed``'s dump alone (its ``content_sha256`` the hash), for a caller that
        needs no hashed copy of the document (the database's row)."""
        dumped = self.model_dump(mode="json")
        dumped["content_sha256"] = _content_digest(type(self), dumped)
        return dumped


# each kind's hashed fields in sorted order, each with the start of its pair's repr
_HASHED: dict[type[DocumentCore], tuple[tuple[str, str], ...]] = {}


def _content_digest(kind: type[DocumentCore], dumped: dict[str, Any]) -> str:
    """The content hash as it has always been defined, the sha256 of
    ``repr(sorted(payload.items()))`` (``payload``: the dump without ``_UNHASHED``, its
    files by sha256 alone, sorted): stored hashes must keep matching. That repr is
    written out here, the fields' order and their names' reprs made once per kind: the
    same bytes for half the CPU (a tuple's repr costs about 0.5 µs, 27 per document).
    A long value's repr (the text) is hashed on its own, between the pieces before and
    after it: the same bytes, without copying it into the whole and encoding that, and
    made from its UTF-8 bytes (``repr_utf8``: the same bytes in half the time)."""
    order = _HASHED.get(kind)
    if order is None:  # a kind's dump always has its fields, in one order
        names = sorted(name for name in dumped if name not in _UNHASHED)
        order = _HASHED[kind] = tuple((name, f"({name!r}, ") for name in names)
    digest = hashlib.sha256()
    parts: list[str] = []  # the repr's pieces not hashed yet
    opening = "["  # what goes before the next pair: the list's opening, then a comma
    for name, head in order:
        value = dumped[name]
        if value is None and name in _HASHED_WHEN_SET:
            continue
        if name == "files":
            value = sorted(f["sha256"] for f in value)
        if type(value) is str and len(value) > _LONG_VALUE:
            parts += (opening, head)
            digest.update("".join(parts).encode())
            digest.update(repr_utf8(value))
            parts = [")"]
        else:
            parts += (opening, head, repr(value), ")")
        opening = ", "
    if opening == "[":  # no pair at all
        parts.append("[")
    parts.append("]")
    digest.update("".join(parts).encode())
    return digest.hexdigest()


# a value longer than this (characters) is hashed apart from the pieces around it
_LONG_VALUE = 2048


class Sentencia(DocumentCore):
    """The public version of a court judgment."""

    kind: Literal["sentencia"] = "sentencia"
    court: str | None = None
    expediente: str | None = None
    # read from documents saved before the project spelled it "normalise"
    expediente_normalised: str | None = Field(
        None, validation_alias=AliasChoices("expediente_normalised", "expediente_normalized")
    )
    expediente_forms: list[str] = Field(
        default_factory=list, description="Every written form of the case number, for search."
    )
    matter: str | None = None
    resolution_date: dt.date | None = None
    ponente: str | None = None
    proceeding: str | None = Field(None, description="e.g. juicio ordinario civil.")
    judgment_type: str | None = Field(None, description="e.g. sentencia definitiva.")
    ruling: str | None = Field(
        None,
        description="Sentido del fallo as the source publishes it (condenatorio, "
        "confirmar…), case-folded; where it gives none, read from the first resolutive "
        "point in the same words (field_sources says which).",
    )
    secretario: str | None = Field(
        None,
        description="Secretario or secretaria (de estudio y cuenta, proyectista) who drafted "
        "the sentence with the ponente, from the caption's label only; titles taken off.",
    )
    parties: list[str] | None = Field(
        None,
        description="The parties the caption names by their role, each «role: name» as "
        "written («autoridad responsable: CONSEJO GENERAL DEL INSTITUTO NACIONAL "
        "ELECTORAL»); a redacted name is never one. Roles: quejoso, recurrente, actor, "
        "promovente, demandado, autoridad responsable, tercero interesado.",
    )


class Sesion(DocumentCore):
    """A session of a congress, with its transmissions."""

    kind: Literal["sesion"] = "sesion"
    congress: str | None = None
    legislature: str | None = None
    chamber: str | None = None
    session_type: str | None = None
    sitting: str | None = Field(
        None, description="What tells sessions of one day apart: vespertina, segunda…"
    )
    session_number: str | None = Field(None, description="The session's number, if published.")
    period: str | None = Field(
        None,
        description="The legislative period the transcript's heading places it in, as a "
        "Spanish label: «Primer periodo ordinario, segundo año de ejercicio», «Periodo "
        "extraordinario», «Primer periodo de receso, tercer año de ejercicio».",
    )
    video_urls: list[VideoLink] = Field(default_factory=list)
    agenda: list[str] = Field(default_factory=list)
    stenographic_urls: list[str] = Field(default_factory=list)


class Legislativo(DocumentCore):
    """A legislative record: gaceta, iniciativa, dictamen, acta, votación…"""

    kind: Literal["legislativo"] = "legislativo"
    doc_type: str | None = None
    number: str | None = None
    legislature: str | None = None
    authors: list[str] = Field(default_factory=list)
    committee: str | None = None
    status: str | None = None


Document = Annotated[Sentencia | Sesion | Legislativo, Field(discriminator="kind")]
DOCUMENT_ADAPTER: TypeAdapter[Sentencia | Sesion | Legislativo] = TypeAdapter(Document)
MODEL_BY_KIND: dict[str, type[DocumentCore]] = {
    "sentencia": Sentencia,
    "sesion": Sesion,
    "legislativo": Legislativo,
}


def parse_document(data: dict[str, Any]) -> Sentencia | Sesion | Legislativo:
    return DOCUMENT_ADAPTER.validate_python(data)
