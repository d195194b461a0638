"""From what a crawler read on a page (strings) to a validated document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from indexer.models import (
    FileRef,
    Legislativo,
    Sentencia,
    Sesion,
    VideoLink,
    document_id,
)
from indexer.normalize import (
    clean_text,
    normalise_doc_type,
    normalise_expediente,
    normalise_legislature,
    normalise_matter,
    normalise_session_type,
    parse_date,
    video_platform,
)

AnyDocument = Sentencia | Sesion | Legislativo
RawValue = str | list[str] | None


class MissingField(ValueError):
    """A required field is absent or empty on the page."""

    def __init__(self, name: str) -> None:
        super().__init__(f"required field {name!r} is missing or empty")
        self.name = name


class InvalidDocument(ValueError):
    """The fields read do not make a valid document."""


def _one(value: RawValue) -> str | None:
    if isinstance(value, list):
        value = " ".join(v for v in value if v)
    return clean_text(value)


def _many(value: RawValue) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [cleaned for v in values if (cleaned := clean_text(v))]


def _default_title(kind: str, fields: Mapping[str, RawValue]) -> str | None:
    if kind == "sentencia" and _one(fields.get("expediente")):
        court = _one(fields.get("court"))
        title = f"Sentencia del expediente {_one(fields.get('expediente'))}"
        return f"{title} ({court})" if court else title
    if kind == "sesion" and _one(fields.get("date")):
        session_type = _one(fields.get("session_type")) or ""
        return " ".join(f"Sesión {session_type} del {_one(fields.get('date'))}".split())
    if kind == "legislativo" and _one(fields.get("number")):
        return f"{_one(fields.get('doc_type')) or 'Documento'} {_one(fields.get('number'))}"
    return None


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
) -> AnyDocument:
    """Normalise the raw fields of one publication into its document; raise
    ``MissingField`` or ``InvalidDocument`` with a message fit for a crawl report."""
    for name in required:
        if not _one(fields.get(name)):
            raise MissingField(name)
    title = _one(fields.get("title")) or _default_title(kind, fields)
    if not title:
        raise MissingField("title")
    date = parse_date(_one(fields.get("date")))
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
        fetched_at=fetched_at,
    )
    try:
        if kind == "sentencia":
            expediente = _one(fields.get("expediente"))
            resolution = parse_date(_one(fields.get("resolution_date"))) or date
            return Sentencia(
                **core,
                court=_one(fields.get("court")),
                expediente=expediente,
                expediente_normalized=normalise_expediente(expediente),
                matter=normalise_matter(_one(fields.get("matter"))),
                resolution_date=resolution,
                ponente=_one(fields.get("ponente")),
            )
        if kind == "sesion":
            return Sesion(
                **core,
                congress=_one(fields.get("congress")),
                legislature=normalise_legislature(_one(fields.get("legislature"))),
                chamber=_one(fields.get("chamber")),
                session_type=normalise_session_type(_one(fields.get("session_type"))),
                video_urls=_videos(fields),
                agenda=_many(fields.get("agenda")),
                stenographic_urls=_many(fields.get("stenographic_urls")),
            )
        if kind == "legislativo":
            return Legislativo(
                **core,
                doc_type=normalise_doc_type(_one(fields.get("doc_type"))),
                number=_one(fields.get("number")),
                legislature=normalise_legislature(_one(fields.get("legislature"))),
                authors=_many(fields.get("authors")),
                committee=_one(fields.get("committee")),
                status=_one(fields.get("status")),
            )
    except ValidationError as exc:
        raise InvalidDocument(str(exc).splitlines()[0]) from exc
    raise InvalidDocument(f"unknown kind {kind!r}")


def _videos(fields: Mapping[str, RawValue]) -> list[VideoLink]:
    live = set(_many(fields.get("live_video_urls")))
    urls = list(dict.fromkeys(_many(fields.get("video_urls")) + sorted(live)))
    platform = _one(fields.get("video_platform"))
    return [VideoLink(url=u, platform=video_platform(u, platform), live=u in live) for u in urls]
