"""What a listing preview reads of what the crawl would read, said to the institution.

The preview reads one start address and, of a frameset, the first frame with items; the
crawl reads every start address (each date of ``start_dates``) and every frame. Whoever
previews must not take the documents shown for all there are.
"""

from __future__ import annotations

from config.legislatures import sitting_number
from config.spanish_errors import shown
from config.specs import SourceSpec
from config.start_dates import Expansion, expand


def start_expansion(spec: SourceSpec) -> Expansion:
    """The start addresses a crawl without a date window reads, in the order it reads
    them (the latest date first); the preview reads the first."""
    return expand(
        spec.start_urls, spec.start_dates, lambda day: sitting_number(spec.jurisdiction, day)
    )


def other_starts(expansion: Expansion) -> list[tuple[str, str]]:
    """The start addresses after the first, which only the crawl reads."""
    more = len(expansion.urls) - 1
    if more < 1:
        return []
    first = shown(expansion.urls[0], 200)
    dated = ""
    spanish_dated = ""
    if expansion.first and expansion.last and expansion.first != expansion.last:
        dated = f" (dates {expansion.first.isoformat()} to {expansion.last.isoformat()})"
        spanish_dated = (
            f" (fechas del {expansion.first.isoformat()} al {expansion.last.isoformat()})"
        )
    return [(
        f"this preview read the first start address only ({first}); the crawl reads "
        f"{more} more{dated}: what it shows is not all there is",
        f"esta vista previa leyó solo la primera dirección de inicio ({first}); el rastreo "
        f"lee {more} más{spanish_dated}: lo que muestra no es todo lo que hay",
    )]  # fmt: skip


def other_frames(frameset: str, frame: str, frames: int) -> list[tuple[str, str]]:
    """A frameset whose first frame with items is all the preview read of it."""
    if frames < 2:
        return []
    page, read = shown(frameset, 200), shown(frame, 200)
    return [(
        f"{page} is a frameset of {frames} frames: this preview read the first with items "
        f"({read}); the crawl reads them all and may find more documents than shown",
        f"{page} es una página de {frames} marcos: esta vista previa leyó solo el primero "
        f"que tiene entradas ({read}); el rastreo los lee todos y puede encontrar más "
        "documentos que los mostrados",
    )]  # fmt: skip
