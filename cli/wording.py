"""Spanish counts for the command line's output: the noun agrees with its number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crawlers.causas import error_mensaje, is_notice, label
from indexer.spanish import thousands


def counted(n: int, one: str, many: str) -> str:
    """``1 documento nuevo``, ``0 documentos nuevos``, ``12.345 documentos nuevos``."""
    return f"{thousands(n)} {one if n == 1 else many}"


INDEX_COUNTS = {
    "new": ("documento nuevo", "documentos nuevos"),
    "updated": ("actualizado", "actualizados"),
    "unchanged": ("sin cambios", "sin cambios"),
    "truncated": ("leído solo en parte", "leídos solo en parte"),
    "errors": ("error", "errores"),
}


def index_counts(counts: dict[str, int]) -> str:
    """``abierto index``'s summary: ``2 documentos nuevos · 1 actualizado · 1 error``."""
    parts = [
        counted(n, *INDEX_COUNTS[name]) if name in INDEX_COUNTS else f"{name} {n}"
        for name, n in counts.items()
    ]
    return " · ".join(parts) or "ningún documento"


def error_line(cause: str, entry: Mapping[str, Any]) -> str:
    """One cause of a crawl's errors: ``página no encontrada (404) [http_404]: 2 errores;
    p. ej. https://… — el sitio respondió HTTP 404``; the code is kept for searching. A
    notice (``crawlers.causas.NOTICES``) is counted as ``avisos``, not errors."""
    count = int(entry.get("count", 0))
    noun = ("aviso", "avisos") if is_notice(cause) else ("error", "errores")
    line = f"{label(cause)} [{cause}]: {counted(count, *noun)}"
    examples = entry.get("examples") or []
    if not examples:
        return line
    first = examples[0]
    said = error_mensaje(cause, first.get("message") or "")
    return f"{line}; p. ej. {first.get('url', '')} — {said}"
