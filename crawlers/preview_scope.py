"""What a preview reads and what it leaves to the crawl, said with every answer (in
English and Spanish): an institution must not take the few documents shown for all
there are, nor miss why one shown as skipped would never be read."""

from __future__ import annotations

from config.web_urls import MAX_URL_CHARS

_SAME_RULES = (
    "the same rules as the crawl apply: an address outside allowed_domains (offsite), "
    f"longer than {MAX_URL_CHARS} characters (bad_url) or barred by robots.txt "
    "(robots_disallowed) is not fetched, and a document the crawl would skip for it is "
    "shown as skipped with that cause"
)
_LAS_MISMAS = (
    "se aplican las mismas reglas que en el rastreo: una dirección fuera de "
    f"allowed_domains, de más de {MAX_URL_CHARS} caracteres o prohibida por robots.txt no "
    "se descarga, y un documento que el rastreo omitiría por eso se muestra como omitido, "
    "con esa causa"
)


def listing_scope(max_pages: int, max_details: int) -> tuple[str, str]:
    """An ``html_listing`` preview's reach: its first page(s), a frameset's first frame
    with items, a few detail pages; robots.txt is read only for the pages it fetches."""
    pages_en = "the first listing page" if max_pages == 1 else f"the first {max_pages} pages"
    pages_es = (
        "la primera página del listado" if max_pages == 1 else f"las primeras {max_pages} páginas"
    )
    return (
        f"This preview reads {pages_en} (in a frameset, the first frame that has items) "
        f"and opens the detail pages of its first {max_details} documents; the crawl reads "
        f"every page and every document. {_SAME_RULES[0].upper()}{_SAME_RULES[1:]}; "
        "robots.txt is read only for the sites whose pages this preview opens.",
        f"Esta vista previa lee {pages_es} (en un conjunto de marcos, el primer marco que "
        f"tiene elementos) y abre las páginas de detalle de sus primeros {max_details} "
        "documentos; el rastreo lee todas las páginas y todos los documentos. "
        f"{_LAS_MISMAS[0].upper()}{_LAS_MISMAS[1:]}; robots.txt se lee solo de los sitios "
        "cuyas páginas esta vista previa abre.",
    )


def trial_scope(max_items: int) -> tuple[str, str]:
    """A trial crawl's reach: the real spider, stopped after its first documents."""
    return (
        f"This preview is a real crawl of the spec, stopped after its first {max_items} "
        f"documents: {_SAME_RULES}.",
        f"Esta vista previa es un rastreo real de la especificación, detenido tras sus "
        f"primeros {max_items} documentos: {_LAS_MISMAS}.",
    )
