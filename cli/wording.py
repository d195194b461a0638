"""Spanish counts for the command line's output: the noun agrees with its number."""

from __future__ import annotations


def counted(n: int, one: str, many: str) -> str:
    """``1 documento nuevo``, ``0 documentos nuevos``, ``3 documentos nuevos``."""
    return f"{n} {one if n == 1 else many}"


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
