"""A small court's listing spec, as the soft 404 and the preview's crawl rule tests read
their sites: rows ``tr.fila``, each with its case number (``td.exp``) and a ``a.ver``
link to the document, on 127.0.0.1."""

from __future__ import annotations

from typing import Any


def court_listing(
    source_id: str, start: str, listing: dict[str, Any] | None = None, **more: Any
) -> dict[str, Any]:
    """The spec of ``source_id`` starting at ``start``; ``listing`` adds to its listing
    rules (paging, files), ``more`` to the spec (``start_dates``, another shape)."""
    return {
        "id": source_id,
        "kind": "sentencia",
        "institution": "Juzgado de Prueba",
        "jurisdiction": "MX-OAX",
        "start_urls": [start],
        "allowed_domains": ["127.0.0.1"],
        "listing": {
            "items": "css:tr.fila",
            "link": "css:a.ver::attr(href)",
            "fields": {"expediente": "css:td.exp::text"},
            **(listing or {}),
        },
        **more,
    }
