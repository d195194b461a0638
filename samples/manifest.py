"""Ground truth of what the sample sites publish (``manifest.json``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field

Kind = Literal["sentencia", "sesion", "legislativo"]


class VideoRef(BaseModel):
    path: str
    platform: str
    live: bool
    label: str
    video_id: str
    title: str
    captions_path: str | None = None  # WebVTT track with recogniser-like errors


class _Doc(BaseModel):
    path: str  # detail URL path relative to the server root
    title: str
    date: dt.date
    site: str
    listing_page: str  # listing page that links to ``path``
    distinctive_phrase: str  # appears in this document's texts and in no other document


class Sentencia(_Doc):
    kind: Literal["sentencia"] = "sentencia"
    expediente: str
    court: str
    matter: str  # civil | penal | familiar | mercantil | administrativa | laboral
    resolution_date: dt.date
    ponente: str
    city: str
    juicio: str
    pages: int


class SpeechRef(BaseModel):
    """A turn of a sample stenographic version, as a reader attributes it."""

    speaker_as_written: str | None  # None for a stage direction: "(Aplausos)"
    person: str | None  # who speaks (chair turns: who presides then)
    party: str | None
    agenda_index: int  # 0-based item of ``agenda``
    procedural: bool = False
    text: str = ""
    video: int | None = None  # index in the session's videos (for the spoken turns)
    start: float | None = None  # seconds from the start of that video
    end: float | None = None


class Sesion(_Doc):
    kind: Literal["sesion"] = "sesion"
    congress: str
    jurisdiction: str
    legislature: str
    chamber: str
    session_type: str  # ordinaria | extraordinaria | solemne | comisión | permanente
    agenda: list[str]
    videos: list[VideoRef]
    transcript_path: str | None  # versión estenográfica PDF; None while the session is live
    speeches: list[SpeechRef] = []  # the transcript's turns in order

    def spoken(self) -> list[SpeechRef]:
        """The turns a voice says (stage directions such as "(Aplausos)" are not heard)."""
        return [turn for turn in self.speeches if not turn.procedural]


class Legislativo(_Doc):
    kind: Literal["legislativo"] = "legislativo"
    congress: str
    jurisdiction: str
    legislature: str
    doc_type: str  # gaceta | iniciativa | dictamen | punto de acuerdo
    number: str
    authors: list[str]
    committee: str | None
    status: str
    summary: str
    file_path: str  # PDF attachment


Document = Annotated[Sentencia | Sesion | Legislativo, Field(discriminator="kind")]


class SiteInfo(BaseModel):
    name: str
    jurisdiction: str | None = None
    home: str
    listings: dict[str, list[str]] = {}  # listing name -> every page path, in "Siguiente" order


class Manifest(BaseModel):
    seed: int
    sites: dict[str, SiteInfo]
    robots_disallow: list[str]
    private_paths: list[str]  # published but disallowed by robots.txt
    documents: list[Document]

    def by_kind(self, kind: Kind) -> list[Sentencia | Sesion | Legislativo]:
        return [d for d in self.documents if d.kind == kind]

    @property
    def sentencias(self) -> list[Sentencia]:
        return [d for d in self.documents if isinstance(d, Sentencia)]

    @property
    def sesiones(self) -> list[Sesion]:
        return [d for d in self.documents if isinstance(d, Sesion)]

    @property
    def legislativos(self) -> list[Legislativo]:
        return [d for d in self.documents if isinstance(d, Legislativo)]

    def get(self, path: str) -> Sentencia | Sesion | Legislativo:
        """Document whose detail path (or attachment/transcript path) is ``path``."""
        for d in self.documents:
            if path in document_paths(d):
                return d
        raise KeyError(path)

    def video_paths(self) -> list[str]:
        return [v.path for s in self.sesiones for v in s.videos]

    def caption_paths(self) -> list[str]:
        return [v.captions_path for s in self.sesiones for v in s.videos if v.captions_path]

    def paths(self) -> list[str]:
        """Every public path: listings, detail pages, attachments and video pages."""
        out = [site.home for site in self.sites.values()]
        out += [
            p for site in self.sites.values() for pages in site.listings.values() for p in pages
        ]
        out += [p for d in self.documents for p in document_paths(d)]
        out += self.video_paths()
        return list(dict.fromkeys(out))

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Load ``manifest.json`` (or the one inside directory ``path``)."""
        if path.is_dir():
            path = path / "manifest.json"
        return cls.model_validate_json(path.read_text(encoding="utf-8"))


def document_paths(doc: Sentencia | Sesion | Legislativo) -> list[str]:
    """The detail path plus any file that belongs to the document."""
    if isinstance(doc, Sesion):
        return [doc.path] + ([doc.transcript_path] if doc.transcript_path else [])
    if isinstance(doc, Legislativo):
        return [doc.path, doc.file_path]
    return [doc.path]
