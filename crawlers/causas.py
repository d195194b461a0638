"""A crawl's health said in Spanish, derived at read time from its cause codes.

Runs keep their English ``message`` and their error examples as they were stored (API
clients read the cause codes); people read the ``mensaje`` made here from the cause and
the details the English text carries (a status, an address, a number of seconds), so
runs stored before this existed read in Spanish too. Texts already written in Spanish
(builds abandoned or lost, empty pages, runs closed as abandoned) pass as they are."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crawlers.formats import csv_table, xlsx_table

CUT_SHORT = "the site closed the connection before the whole answer arrived"
NO_ANSWER = "the site closed the connection without answering"
HEAD_CUT = "the site closed the connection before the head of its answer was complete"
NOT_HTTP = "the site answered something that is not HTTP (no status line: HTTP/0.9?)"
# crawlers.handlers: bytes followed the body its Content-Length declared (a page cut there
# was kept as if whole, its end lost without a word)
LONGER_THAN_DECLARED = (
    "the site sent more than the Content-Length it declared: the answer is not whole there "
    "and was not kept"
)
# crawlers.coding_cut's and crawlers.fetch's: compressed data that stops mid-stream (zlib
# and Scrapy's gunzip gave back what inflated, and a cut page was kept as whole)
CODING_CUT = (
    "the site's compressed answer ({coding}) stops before the end of its compressed data: "
    "it is cut and was not kept"
)
_CODING_CUT = re.compile(
    re.escape(CODING_CUT).replace(re.escape("{coding}"), r"([\w, -]{1,40})") + "$"
)
# crawlers.content_coding.stack_refused's: more codings on one answer than are undone
CODING_STACK = (
    "the site declared {count} Content-Encodings on one answer ({codings}): at most {most} "
    "are undone, so it was not kept"
)
_CODING_STACK = re.compile(
    r"the site declared (\d+) Content-Encodings on one answer \((.{1,80}?)\): at most "
    r"(\d+) are undone"
)
# crawlers.content_coding's: a gzip answer of many members that give (next to) nothing, each
# a cost to the decoders (twenty megabytes of empty members held Scrapy's gunzip half a minute)
GZIP_MEMBERS = (
    "the site sent a compressed answer ({coding}) made of at least {members} gzip members that "
    "give only {given} bytes: more members than its content warrants, so it was not kept"
)
_GZIP_MEMBERS = re.compile(
    r"the site sent a compressed answer \(([\w-]{1,20})\) made of at least (\d+) gzip members "
    r"that give only (\d+) bytes"
)
# a chunked body whose framing is broken: a chunk size that is no hexadecimal number, a
# chunk that does not end where its size says (read as "the connection closed early")
MALFORMED_CHUNKS = (
    "the site's chunked answer is malformed (a chunk size that is no hexadecimal number, or "
    "a chunk that does not end where its size says): it was not kept"
)
# crawlers.middlewares' and crawlers.crawl_rules': loopback only at the spec's own ports
_OTHER_LOOPBACK_PORT = re.compile(
    r"blocked address: (\S{1,300}) is a loopback port the spec does not name "
    r"\(its addresses name ([\d, ]{1,200})\)$"
)
# crawlers.addresses.other_port_message: a port the spec names for no such host
_OTHER_PORT = re.compile(
    r"blocked address: (\S{1,300}) is a port the spec's addresses do not name "
    r"\(they name (.{1,210})\)$"
)
# crawlers.preview's child, stopped at ABIERTO_PREVIEW_MAX_MEMORY_MB
PREVIEW_MEMORY = (
    "the preview passed its memory limit ({mb} MB, ABIERTO_PREVIEW_MAX_MEMORY_MB) reading a "
    "page that builds too many elements: it was stopped"
)
_PREVIEW_MEMORY = re.compile(re.escape(PREVIEW_MEMORY).replace(re.escape("{mb}"), r"(\d+)") + "$")
PAST_MAXSIZE = "the answer grew past the download size limit while it arrived and was cut"
_PAST_MAXSIZE = re.compile(
    re.escape(PAST_MAXSIZE) + r"(?: \((\d+) bytes(?:; (\d+) bytes read)?\))?$"
)
# crawlers.fetch.too_large's (a preview's fetch)
_CUT_AFTER = re.compile(r".* is larger than (\d+) bytes: cut after (\d+) bytes read$", re.S)
# crawlers.selectors.PageBudget's: a listing page's fields read past its budget
_PAGE_TEXT_SPENT = re.compile(
    r"listing fields read more than (\d+) characters of this page .*items from (\d+) on"
)
# Scrapy's refusal of an answer whose Content-Length is past the limit
_EXPECTED_SIZE = re.compile(
    r"Expected to receive (\d+) bytes which is larger than download max size \((\d+)\)"
)
PAGES_TRUNCATED = "pages_truncated"
OCR_INCOMPLETE = "ocr_incomplete"
PAGES_TOO_COSTLY = "pages_too_costly"
PAGES_GARBLED = "pages_garbled"
SCANS_UNREAD = "scans_unread"
FALSE_CODING = "false_coding"
LEGISLATURE_CONTRADICTED = "legislature_contradicted"
START_DATE_UNSURE = "start_date_unsure"
FILE_UNPUBLISHED = "file_unpublished"
# crawlers.pipelines': an entry whose file is byte for byte another's of the same source
SAME_FILE = "same_file"
_SAME_FILE = re.compile(
    r"the same file as the document at (\S{1,2000}): saved as another publication of it$"
)
UNSURE = "the legislature sitting on them is not sure (installation days): {legislature} unknown"
_UNSURE = re.compile(r"no address for (\d+) dates \((.*)\): " + re.escape(UNSURE) + "$")
_CONTRADICTED = re.compile(
    r"legislature: the spec's (\S+) is not the one sitting on (\S+) \((\S+)\)"
)
_FALSE_CODING = re.compile(r"the site declared a (.+) Content-Encoding its answer does not have")
# how the undoing of a false coding was stored before, as "network" (the exception's name)
_OLD_FALSE_CODINGS = (
    (re.compile(r"(?:\S+: )?BadGzipFile: "), "gzip"),
    (re.compile(r"(?:\S+: )?error: brotli: "), "br"),
    (re.compile(r"(?:\S+: )?error: Error -?\d+ while decompressing data"), "gzip/deflate"),
)
# crawlers.robots.crawl_delay_unmet_message's (a preview out of time)
_CRAWL_DELAY_UNMET = re.compile(
    r"robots\.txt asks for a Crawl-delay of (\S+) s: the preview's time ran out before the "
    r"next request could be spaced (\S+) s"
)
# crawlers.robots.crawl_delay_message's
_CRAWL_DELAY = re.compile(
    r"robots\.txt asks for a Crawl-delay of (\S+) s: requests to the site were spaced"
    r"(?: (\S+) s apart)?"
)
_SCANS_UNREAD = re.compile(r"(\d+) scanned page\(s\) hold only a line of text")
# indexer.extract.worker's words for an exception no reader named: "<cause>: <kind>: <Exc>: …"
_UNEXPECTED = re.compile(r"(malformed|internal): (pdf|docx|html|text): [A-Za-z_][\w.]*: ")
_KINDS = {
    "pdf": "el PDF",
    "docx": "el documento Word",
    "html": "la página HTML",
    "text": "el archivo de texto",
}
_PAGES_READ = re.compile(r"the PDF has (\d+) pages; the first (\d+) were read$")
_OCR_READ = re.compile(r"the PDF has (\d+) scanned pages; OCR reached (\d+)")
_GARBLED = re.compile(r"(?:malformed: )?the text layer of (\d+) page\(s\) is not legible")
# indexer.extract.docx's bounds on what parsing a body costs (tags, attributes, a token)
_WORD_MARKUP = re.compile(
    r"too_large: el cuerpo del documento Word tiene (.+?)(?: \(en sus primeros \d+ bytes\))?$"
)
_COSTLY = re.compile(
    r"(?:too_large: )?(\d+) page\(s\) draw forms whose content, each drawing "
    r"counted, adds up to more than (\d+) MB"
)
# indexer.extract.worker's words for a file whose reading ran out of the worker's memory
# (its process died at the cap, or a MemoryError in it): a small file may, it is not its size
_WORKER_MEMORY = re.compile(
    r"too_large: (?:parsing needs more than the worker's (\d+) MB of memory"
    r"|worker memory limit exceeded)"
)

LABELS = {
    "timeout": "tiempo agotado",
    "http_404": "página no encontrada (404)",
    "http_3xx": "redirección no seguida (3xx)",
    "http_304": "respuesta «sin cambios» (304) que no se pidió",
    "http_4xx": "el sitio rechazó la petición (4xx)",
    "http_5xx": "error del servidor del sitio (5xx)",
    "rate_limited": "el sitio pidió esperar (429)",
    "session_expired": "el sitio respondió que la sesión expiró",
    "crawl_delay": "robots.txt pide esperar entre peticiones (Crawl-delay)",
    "bad_url": "dirección no válida",
    "too_large": "archivo demasiado grande",
    "too_many_redirects": "demasiadas redirecciones",
    "redirect_loop": "redirección en bucle",
    "redirect_refused": "redirección a una dirección que no es web: no se siguió",
    "blocked_address": "dirección no permitida",
    "robots_disallowed": "prohibido por robots.txt",
    "robots_unavailable": "robots.txt no disponible por un error del servidor: sitio no leído",
    "offsite": "fuera de allowed_domains: no se lee",
    "dns": "el dominio no existe o no se resuelve",
    "connection_refused": "conexión rechazada",
    "network": "falla de red",
    "cut_short": "respuesta cortada",
    "partial_content": "el sitio envió solo una parte (206)",
    "malformed_answer": "respuesta HTTP mal formada",
    "no_content": "el sitio respondió sin contenido (204)",
    "ignored": "petición descartada",
    "xml_entities": "XML con entidades peligrosas",
    "xml_too_deep": "XML anidado en exceso",
    "xml_after_root": "el documento sigue después de su elemento raíz (otro documento "
    "pegado a él): lo que viene después no se leyó",
    "html_too_deep": "página HTML anidada en exceso: lo que sigue al punto donde el "
    "analizador se detuvo no se pudo leer",
    "xml_encoding": "XML en EBCDIC sin una página de códigos que se pueda leer",
    "empty_text": "documento sin texto",
    "not_html": "la página no es HTML",
    "not_json": "la respuesta no es JSON",
    "api_error": "la API respondió con un error en lugar de datos",
    "not_csv": "la respuesta no es una tabla CSV",
    "not_xlsx": "la respuesta no es un libro de Excel",
    "not_a_feed": "no es un canal RSS o Atom",
    "not_a_sitemap": "no es un mapa del sitio",
    "sitemap_loop": "mapas del sitio en bucle",
    "sitemap_misplaced_loc": "direcciones del mapa del sitio fuera de su lugar: no se leyeron",
    "selector_empty": "los selectores no encontraron nada",
    "missing_link": "entrada sin enlace",
    "bad_delta": "respuesta parcial de ASP.NET (UpdatePanel) ilegible",
    "postback_without_document": "la respuesta al botón de la entrada no trae la dirección "
    "del documento",
    "missing_field": "falta un campo obligatorio",
    "invalid_document": "documento no válido",
    "extraction_failed": "no se pudo extraer el texto",
    "crawl_failed": "la lectura no llegó a hacerse",
    PAGES_TRUNCATED: "PDF leído solo en parte",
    OCR_INCOMPLETE: "PDF escaneado leído solo en parte",
    PAGES_TOO_COSTLY: "PDF con páginas demasiado costosas de leer",
    PAGES_GARBLED: "PDF con páginas de texto ilegible",
    SCANS_UNREAD: "PDF escaneado con solo una línea de texto, sin OCR",
    FALSE_CODING: "compresión declarada que la respuesta no tiene",
    LEGISLATURE_CONTRADICTED: "legislatura fija que no corresponde a la fecha",
    START_DATE_UNSURE: "fecha sin dirección de inicio (legislatura incierta)",
    "save_failed": "no se pudo guardar",
    "item_failed": "no se pudo procesar un elemento",
    "spider_error": "error al leer una página",
    "limit_reached": "se alcanzó un límite",
    "page_repeated": "la página siguiente repite la anterior",
    "pager_ignored": "el sitio no pasó a la página que ofrecía su paginador",
    "option_ignored": "el sitio no respondió con el listado de la opción elegida",
    FILE_UNPUBLISHED: "el sitio publicó el registro sin su archivo",
    SAME_FILE: "el mismo archivo que otro documento de la fuente",
    "total_not_reached": "la API dejó de dar registros antes de su total",
    "template_value": "un valor del registro no admite el formato de su plantilla",
    "foreign_document": "documento de otra institución",
    "foreign_name": "nombre de otra institución",
    "parse_timeout": "los selectores tardaron demasiado",
    "build_timeout": "construir un documento tardó demasiado",
    "build_failed": "no se pudo construir un documento",
    "implausible_field": "valor imposible para su campo",
    "invalid_spec": "especificación no válida",
    "catalogue_clash": "el id también es de una fuente del catálogo del operador",
    "preview_failed": "la vista previa falló",
}

# The causes the crawlers record with a run's errors that are no error: the run did what
# its spec, the site's robots.txt and the operator's settings ask, kept what it read, and
# says how (avisos). Everything else is an error: a page, a file, a document or a value
# the site gave that the run could not read or keep as the site meant it (the site's, the
# spec's or the network's to mend). Runs store both together by cause (no migration): every
# reader classifies the stored causes here, once.
NOTICES = frozenset(
    {
        "crawl_delay",  # robots.txt's Crawl-delay, honoured (or bounded, and said)
        "robots_disallowed",  # an address robots.txt forbids: not fetched, as it asks
        "offsite",  # a link outside allowed_domains: not followed, as the spec says
        "limit_reached",  # a limit of the spec (max_pages, start_dates…) ended the reading
        PAGES_TRUNCATED,  # the document kept with the pages the extraction's limit reads
        OCR_INCOMPLETE,  # kept with the scanned pages OCR reached within its limits
        PAGES_TOO_COSTLY,  # kept without pages whose drawing passes the safety limit
        SCANS_UNREAD,  # kept with a scan's footer line: OCR is turned off or missing
        LEGISLATURE_CONTRADICTED,  # the spec's fixed legislature left empty where wrong
        START_DATE_UNSURE,  # dates no legislature is sure for: not asked, as the rule says
        FILE_UNPUBLISHED,  # a record the source gives without its file: kept, its data only
        SAME_FILE,  # two entries giving one file: one document, published at both
    }
)


def same_file(url: str) -> str:
    """``same_file``'s message: the address of the document the entry was saved into."""
    return f"the same file as the document at {url}: saved as another publication of it"


def is_notice(cause: str) -> bool:
    """Whether a stored cause is a notice (aviso) rather than an error."""
    return cause in NOTICES


def split_causes(errors: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A run's stored causes as (errors, notices), each cause → its stored entry."""
    found: dict[str, Any] = {}
    notices: dict[str, Any] = {}
    for cause, entry in (errors or {}).items():
        (notices if is_notice(cause) else found)[cause] = entry
    return found, notices


def cause_total(entries: Mapping[str, Any]) -> int:
    """How many times the causes of ``entries`` (stored entries or bare counts) occurred."""
    total = 0
    for entry in entries.values():
        count = entry.get("count", 0) if isinstance(entry, Mapping) else entry
        total += count if isinstance(count, int) and not isinstance(count, bool) else 0
    return total


def health_stats(
    stats: Mapping[str, Any] | None, errors: Mapping[str, Any] | None
) -> dict[str, Any]:
    """A run's counters as read: ``errors`` counts its errors only and ``notices`` its
    notices, both from the stored causes (a run stored before the two were apart counted
    its notices among its ``errors``)."""
    found, notices = split_causes(errors)
    shown = dict(stats or {})
    if errors or "errors" in shown:
        shown["errors"] = cause_total(found)
        shown["notices"] = cause_total(notices)
    return shown


OUTCOMES = {
    "off_domain_start_url": "una dirección de inicio está fuera de allowed_domains: "
    "no se leyó nada",
    "all_filtered": "los filtros de la especificación o la ventana de fechas dejaron fuera "
    "todos los elementos",
    "no_items": "ningún elemento llegó a ser documento",
    "memory_limit": "la lectura superó ABIERTO_CRAWL_MAX_MEMORY_MB y se detuvo; lo que "
    "guardó se conserva",
    "no page could be fetched": "no se pudo leer ninguna página",
    "shutdown": "la lectura se detuvo porque el proceso recibió la orden de terminar",
    "cancelled": "la lectura se canceló",
    "parse_timeout": "leer una página retuvo la lectura más del tiempo permitido y se "
    "detuvo: la página es demasiado grande o enrevesada para leerla con los selectores de "
    "la especificación; revise la página y, si puede, simplifique los selectores",
}

ADDRESS_KINDS = {
    "private": "privada",
    "loopback": "local (loopback)",
    "link-local": "de enlace local",
    "reserved": "reservada",
    "multicast": "de multidifusión",
    "unspecified": "sin especificar",
    "documentation": "de documentación",
    "shared address space": "de espacio compartido",
    "this-network": "de esta red",
    "limited broadcast": "de difusión limitada",
    "unique local": "local única",
    "not global unicast": "que no es pública",
}

_ALREADY_SPANISH = (
    "build_timeout", "build_failed", "empty_text", "invalid_spec", "offsite", "catalogue_clash"
)  # fmt: skip
_SCRAPY_REASON = re.compile(r"[a-z_]{1,60}")
# crawlers.robots.robots_unavailable_message's
_ROBOTS_UNAVAILABLE = re.compile(
    r"robots\.txt answered HTTP (\d{3}): every address of the site is taken as disallowed "
    r"for ([\d.e+]+) s"
)
_HTTP = re.compile(r"(?:.*: )?HTTP (\d{3})(?: to (.*), which was not followed)?$", re.S)
# crawlers.soft_404.SOFT_404's
_SOFT_404 = re.compile(
    r"a 'not found' page answered with HTTP 200 in place of the "
    r"(file|document|listing|feed|sitemap|API answer): (.*)$",
    re.S,
)
# crawlers.expired's
_SESSION_EXPIRED = re.compile(
    r"the site answered its 'session expired' page in place of the "
    r"(file|document|listing|feed|sitemap|API answer): (.*)$",
    re.S,
)
# crawlers.soft_404.SERVER_ERROR_PAGE's
_SERVER_PAGE = re.compile(
    r"a server error page answered with HTTP 200 in place of the "
    r"(file|document|listing|feed|sitemap|API answer): (.*)$",
    re.S,
)
_IN_PLACE_OF = {
    "file": "del archivo", "document": "del documento", "listing": "del listado",
    "feed": "del canal RSS o Atom", "sitemap": "del mapa del sitio",
    "API answer": "de la respuesta de la API",
}  # fmt: skip
_SITEMAP_LOOP = re.compile(r"sitemap loop: (.*), not read again$", re.S)
# crawlers.formats.sitemaps.MISPLACED_LOC's
_MISPLACED_LOC = re.compile(r"(\d+) <loc> of the sitemap stand where the sitemap protocol")
# crawlers.partial.PARTIAL's
_PARTIAL = re.compile(
    r"(?:.*: )?HTTP 206 \(partial content\) to a request that asked for no range: "
    r"(?:bytes (\d+)-(\d+) of (\d+|an unknown size)|with no Content-Range.*)$"
)
# crawlers.no_content.SAID's
_NO_CONTENT = re.compile(r"HTTP (\d{3}) \(no content\): there was nothing to read$")
_WAIT = re.compile(
    r"(?:.*: )?HTTP (\d{3}), asking to wait (?:(\d+) s|more than (\d+) days) \(Retry-After\)$", re.S
)
_REDIRECTS = re.compile(r"(\d+) redirects without an answer: (.*)$", re.S)
# crawlers.meta_refresh.Refresh.refused_message's
_REFRESH_REFUSED = re.compile(
    r"(meta refresh|Refresh header) to (.*), which is not a web address: not followed$", re.S
)
_REFRESH_BY = {"meta refresh": "su etiqueta meta refresh", "Refresh header": "su cabecera Refresh"}
# the address after "resolves to" is in runs recorded before it was left out
_RESOLVES = re.compile(r"blocked address: (\S+) resolves to (?:\S+, )?a (.+) address$")
_SCHEME = re.compile(r"blocked address: scheme '([^']*)' is not allowed")
_UNRESOLVED = re.compile(r"blocked address: host '([^']*)' does not resolve")
_SECONDS = re.compile(r"took longer than ([\d.]+) seconds")
# the crawl's handler adds it when a download timed out after its answer's head arrived
ANSWER_BEGUN = "Its answer had begun but did not finish."
# crawlers.api_errors.SAID's
_API_ERROR = re.compile(
    r"the API answered HTTP (\d{3}) with an error, not (the record's data|its records): «(.*)»$",
    re.S,
)


# crawlers.formats.sitemaps.unzip's
def _megabytes(size: int) -> str:
    """A limit as people set it: ``50 MB`` for a whole number of them, else bytes."""
    return f"{size // 2**20} MB" if size % 2**20 == 0 else f"{size} bytes"


_SITEMAP_BOMB = re.compile(r"gzipped sitemap of (\d+) bytes inflates past (\d+) bytes: refused$")
_API_EMPTY = re.compile(
    r"the API answered HTTP (\d{3}) with an empty body, not (the record's data|its records)$"
)
_LONG_NUMBER = re.compile(r"the API answered a number of (\d+) digits \(at most (\d+) are read\)$")
_INFLATED = re.compile(
    r"because its body \((\d+) B compressed, \d+ B decompressed so far\) exceeded "
    r"(?:DOWNLOAD_MAXSIZE|the size limit) \((\d+) B\) during decompression"
)
_HEAD_BYTES = re.compile(r"response head too large: more than (\d+) bytes of headers")
_REPEATED = re.compile(
    r"page (\d+) repeats records already read: the API does not move on with the page asked "
    r"for; paging stopped with (\d+) of the (\d+) records its total says$"
)
_RING = re.compile(
    r"page (\d+)'s next link leads back to a page already read: paging stopped with (\d+) "
    r"of the (\d+) records its total says$"
)
_ENDED_SHORT = re.compile(
    r"page (\d+) ended the records with (\d+) of the (\d+) its total says: .*$", re.S
)
# crawlers.spiders.html_listing's and crawlers.next_form.form_options' (listing.each_option)
_OPTION_IGNORED = re.compile(
    r"listing\.each_option: the form posted with option (.{1,90}) answered"
)
_NO_SELECT = re.compile(r"listing\.each_option: the form has no (select|control) named (.{1,210})$")
_NO_OPTION = re.compile(
    r"listing\.each_option: the select (.{1,210}) offers no option (?:that (.{1,300}) keeps"
    r"|with a value)$"
)
# crawlers.next_form.pager_ignored's
_PAGER_IGNORED = re.compile(
    r"listing page (\d+): the pager offered '(Page\$\d+)' and posting it answered only items "
    r"already read .*: the pages from \d+ on were not read$"
)
# crawlers.spiders.json_api's: a record whose file's value is empty
_UNPUBLISHED = re.compile(
    r"the source published the record without its file \((.{1,200}) is empty\): it was "
    r"kept with the record's data (and the text the record gives)?"
)
_LIMIT = re.compile(r"(.+?) reached: (.*)$", re.S)  # "listing.max_pages (20) reached: …"
# what a limit left unread, as the spiders say it (``limit_reached``)
_LEFT_OUT = (
    (re.compile(r"the next (?:listing )?page \((.*)\) and those after it were not fetched$",
                re.S), "la página siguiente ({0}) y las posteriores no se trajeron"),
    (re.compile(r"the next page of records and those after it were not fetched$"),
     "la página siguiente de registros y las posteriores no se trajeron"),
    (re.compile(r"(\d+) options of (.{1,120}) after the first (\d+) were not asked for "
                r"\((.*)\)$", re.S),
     "no se pidieron {0} opciones de {1} después de las primeras {2} ({3})"),
    (re.compile(r"(\d+) items of this page after the first (\d+) were not read$"),
     "{0} elementos de esta página después de los primeros {1} no se leyeron"),
    (re.compile(r"(\d+) entries after the first (\d+) were left out$"),
     "{0} entradas después de las primeras {1} se dejaron fuera"),
    (re.compile(r"(\d+) URLs of this sitemap after the first (\d+) of the crawl were not "
                r"fetched$"),
     "{0} direcciones de este mapa del sitio no se trajeron: pasaban de las primeras {1} "
     "de la lectura"),
    # as runs stored before the URLs left out were counted said it
    (re.compile(r"the URLs after the first (\d+) were not fetched$"),
     "las direcciones después de las primeras {0} no se trajeron"),
    (re.compile(r"the rules after them were not read$"),
     "las reglas que siguen no se leyeron (las reglas de robots.txt piden leer al menos "
     "500 KiB)"),
    (re.compile(r"the sitemaps named after them were not read$"),
     "los mapas del sitio nombrados después no se leyeron"),
    (re.compile(r"(\d+) dates before (\S+) \(one per (\w+)\) not read: crawl them with --until$"),
     "{0} fechas anteriores al {1} (una por {2}) no se leyeron: léalas con otra lectura "
     "que acabe antes (--until)"),
)  # fmt: skip
_LIMIT_NAMES = (
    (re.compile(r"(\d+) feed pages$"), "de {0} páginas del canal"),
    (re.compile(r"(\d+) sitemaps$"), "de {0} mapas del sitio"),
    (re.compile(r"robots\.txt's first (\d+) bytes$"), "de los primeros {0} bytes del robots.txt"),
    (re.compile(r"start_dates \((\d+) addresses\)$"), "de {0} direcciones por fecha (start_dates)"),
)
_FOREIGN = re.compile(r"(\S+) names another institution: left empty \(its own is (.*)\)$", re.S)
_MORE_DATES = re.compile(r"writes more than one date \(([^()]*)\)$")
_MORE_PARTS = re.compile(
    r"writes more date parts than one date has \('(.*?)'(?:: a range or two dates)?\)$", re.S
)
_MONTH_CONTRADICTED = re.compile(r"names the month (\w+) that its date \((\S+)\) contradicts$")
_MISSING_DAY = re.compile(r"is a day no calendar has \((\d\d/\d\d/\d{4})\)$")
_IMPLAUSIBLE = re.compile(r"(\S+): ('.*'|\".*\") ", re.S)
_POSITION = re.compile(r"(item|entry|record|session|sitemap|url) (\d+): (.*)$", re.S)
# "ConnectError: …" or "http://sitio/x: ConnectError: …": the exception's name, not the scheme
_NETWORK = re.compile(r"(?:\S+: )?([A-Z][A-Za-z0-9]*): ")
_EXCEPTION = re.compile(r"([A-Z][A-Za-z0-9]*): ")  # "ValueError: …", a Python exception's
_MATCHED_NOTHING = re.compile(r"(\S+) matched nothing$")
_NOTHING_IN_FRAMES = re.compile(r"(\S+) matched nothing, neither on the page nor in its frames$")
# crawlers.links.not_an_address's, as the sitemap, feed and listing spiders count it
_NO_ADDRESS = re.compile(
    r"(<loc>|entry link|listing\.link) ('.*'|\".*\") "
    r"(points within a page|is script only|is a \S{0,21} link): it is no address to fetch$",
    re.S,
)
_SCRIPT_ONLY = re.compile(r"(\S+) is script only \((.*)\): no address to follow without a browser$")
_NO_LIST = re.compile(r"(\S+): no list at (.*)$", re.S)
_EMPTY_LINK = re.compile(r"(\S+) is empty$")
_NO_LINK = re.compile(r"entry (.*) has no link$", re.S)
_REQUIRED = re.compile(
    r"required field '([^']*)' is missing or empty( \(needed by identity.key\))?$"
)
_NO_HOSTNAME = re.compile(r"DNS lookup failed: no results for hostname lookup: (\S+?)\.?$")
_BAD_LINK = re.compile(r"(?:(\S+): )?('.*'|\".*\"): (.*)$", re.S)

POSITIONS = {
    "item": "elemento",
    "entry": "entrada",
    "record": "registro",
    "session": "sesión",
    "sitemap": "mapa del sitio",
    "url": "dirección",
}
PAGES = {
    "listing page is not HTML": "la página del listado no es HTML",
    "channel page is not HTML": "la página del canal no es HTML",
    "the API answered JSON nested too deeply": "la API respondió un JSON anidado a demasiada "
    "profundidad",
    # crawlers.formats.xml.EXTERNAL_ENTITY and ENTITIES
    "the document declares an external entity: refused": "el documento XML declara una "
    "entidad externa (SYSTEM o PUBLIC: haría leer un archivo de esta máquina u otra "
    "dirección): no se leyó",
    "the document declares entities (an entity bomb?): refused": "el documento XML declara "
    "entidades (pueden multiplicarse al expandirse: una «bomba» de entidades): no se leyó",
    csv_table.EMPTY: "la tabla está vacía: no tiene fila de encabezados",
    xlsx_table.NOT_A_WORKBOOK: "la respuesta no es un libro de Excel: no se pudo leer como tal",
    xlsx_table.TOO_LARGE: "la respuesta no es un libro de Excel: una de sus partes se "
    f"descomprime en más de {xlsx_table.MAX_PART} bytes",
    csv_table.MARKUP: "la respuesta no es una tabla CSV sino una página HTML o XML",
    csv_table.LONG_CELL: "la respuesta no es una tabla CSV: una celda pasa de "
    f"{csv_table.MAX_CELL} caracteres",
    csv_table.UNREADABLE: "la respuesta no es una tabla CSV: no se pudo leer como tal",
    csv_table.NO_HEADER: "ninguna fila de la tabla tiene la celda de encabezado que "
    "nombra json_api.header: no es la tabla que describe la especificación",
}
CONNECTION_ENDS = {
    CUT_SHORT: "el sitio cerró la conexión antes de enviar la respuesta completa: "
    "se descartó lo recibido",
    NO_ANSWER: "el sitio cerró la conexión sin responder",
    HEAD_CUT: "el sitio cerró la conexión a mitad del encabezado de su respuesta: no se leyó",
    NOT_HTTP: "el sitio respondió algo que no es HTTP (sin línea de estado, ¿HTTP/0.9?): "
    "no se leyó",
    MALFORMED_CHUNKS: "la respuesta del sitio en trozos (chunked) está mal formada (un "
    "tamaño de trozo que no es un número hexadecimal, o un trozo que no termina donde dice "
    "su tamaño): no se guardó",
    LONGER_THAN_DECLARED: "el sitio envió más de lo que declaraba su Content-Length: la "
    "respuesta no está completa hasta ahí y no se guardó",
}
EXTRACTIONS = {  # indexer.extract's causes: what was wrong with the file, not just "failed"
    "too_large": "el archivo pasa el tamaño máximo que se lee: no se extrajo su texto",
    "decompression_bomb": "un flujo comprimido del archivo se expande más allá del límite "
    "(una bomba de compresión): no se extrajo su texto",
    "timeout": "la extracción del texto pasó su tiempo límite y se detuvo",
    "encrypted": "el archivo está cifrado o protegido con contraseña: no se extrajo su texto",
    "malformed": "el archivo está dañado o mal formado: no se pudo leer su texto",
    "no_text": "el archivo no tiene texto que extraer",
    "unsupported_type": "el tipo del archivo no se lee: no se extrajo su texto",
    "internal": "no se pudo leer el archivo: falló el programa que extrae el texto (un "
    "error nuestro, no del archivo); no se extrajo su texto",
}
# indexer.extract.pdf's message (as runs stored before it said it in Spanish) for a PDF
# whose page tree is empty: no page, not a damaged one
NO_PAGES = "the PDF has no pages: its page tree is empty"
# indexer.extract.xfa's (as runs stored before it said it in Spanish) for an XFA form whose
# XML holds no text (its page a placeholder)
XFA_UNREAD = "the PDF is an XFA form whose XML holds no text to read (its page is a placeholder)"
# how ``crawlers.url_length`` says a link past the length limit (not imported: the API
# reads this module without Scrapy)
_TOO_LONG = re.compile(
    r"the link is longer than the crawl follows \((\d+) characters; at most (\d+)\)$"
)
LINK_PROBLEMS = {
    "the link has no host": "el enlace no tiene servidor",
    "the link carries a user or password (user:password@)": "el enlace lleva usuario o "
    "contraseña (usuario:contraseña@)",
    "port 0 reaches no server": "el puerto 0 no lleva a ningún servidor",
}


# words of the extractor's English details (files read before it wrote them in Spanish):
# such a detail is said by its cause alone
# ("Failed to load document…", pdfium's, starts with a capital: the Spanish ones do not)
_ENGLISH = re.compile(
    r"\b(?:the|of|is|are|was|could|past|exceeded|required|declared|crashed|died|layer|"
    r"loaded|inflates|outlasted|without|needs|worker|parser|page\(s\))\b|\d >|^[A-Z]|^a "
    r"|(?<![/.])\bdocument\b(?!\.)"
)
_TECHNICAL = re.compile(r"\([^()]*\)")  # a reader's own words, in parentheses
# a parser's English in them (pdfminer's «PSEOF: Unexpected EOF», a zip's «File is not a zip
# file»): kept in the stored message, left out of the Spanish sentence
_ENGLISH_ASIDE = re.compile(
    r" ?\([^()]*\b(?:the|of|is|are|was|not|and|with|from|to|in|at|by|unexpected|failed|"
    r"found|invalid|line|column)\b[^()]*\)",
    re.I,
)


def extraction_said(stored: str) -> str | None:
    """A failed extraction's stored ``cause: detail`` said by its detail (the extractor
    writes it in Spanish, naming the true cause: «el PDF está cifrado: pide una
    contraseña…»), with what followed; None for an English detail of an older run."""
    cause, _, detail = stored.partition(":")
    detail = detail.strip()
    if cause == "malformed" and detail.startswith(("el XML del", "documento Word ilegible: ")):
        from indexer.extract.parser_words import stored_said  # expat's words, when needed

        detail = stored_said(detail) or detail
    if cause not in EXTRACTIONS or not detail or _ENGLISH.search(_TECHNICAL.sub("", detail)):
        return None
    detail = _ENGLISH_ASIDE.sub("", detail)
    if cause == "no_text":
        return f"{detail}: no hay texto que extraer"
    if "no se extrajo" in detail or detail.endswith(("no se lee", "no se leyeron", "que leer")):
        return detail
    return f"{detail}: no se extrajo su texto"


def legislature_contradicted(fixed: str, day: object, sitting: str) -> str:
    """The English message of a spec's fixed legislature the document's date contradicts."""
    return (
        f"legislature: the spec's {fixed} is not the one sitting on {day} ({sitting}): left empty"
    )


def pages_truncated(total: int, read: int) -> str:
    """The stored message of a PDF whose text was kept for its first ``read`` pages
    only (the extraction's page limit): the document is saved, the rest is missing."""
    return f"the PDF has {total} pages; the first {read} were read"


def ocr_incomplete(scanned: int, reached: int) -> str:
    """The stored message of a PDF whose OCR stopped at its page or time limit after
    ``reached`` of its ``scanned`` pages without text: the document is saved without
    the text of the rest."""
    return (
        f"the PDF has {scanned} scanned pages; OCR reached {reached} before its page or time limit"
    )


def pages_too_costly(pages: int, megabytes: int) -> str:
    """The stored message of a PDF kept without ``pages`` pages whose forms would make
    pdfium interpret more than ``megabytes`` (``indexer.extract.forms.MAX_DRAWN_BYTES``)."""
    return (
        f"{pages} page(s) draw forms whose content, each drawing counted, adds up to more "
        f"than {megabytes} MB: left unread"
    )


def pages_garbled(pages: int) -> str:
    """The stored message of a PDF kept without ``pages`` pages whose text layer is not
    text (a broken font map) and which OCR did not read."""
    return f"the text layer of {pages} page(s) is not legible and OCR did not read them"


def scans_unread(pages: int) -> str:
    """The stored message of a PDF kept with ``pages`` scanned pages whose text layer is
    a sliver (a footer, a stamp) that OCR, unavailable or turned off, did not read."""
    return (
        f"{pages} scanned page(s) hold only a line of text (a footer, a stamp) and OCR is not "
        "available: kept with that line only"
    )


def false_coding(coding: str, detail: str) -> str:
    """The stored message of an answer whose ``Content-Encoding`` (gzip, deflate, br, …)
    its bytes are not: the site's fault, not the network's."""
    return f"the site declared a {coding} Content-Encoding its answer does not have: {detail}"


def label(cause: str) -> str:
    """The short Spanish name of an error cause (the code itself if it is new)."""
    return LABELS.get(cause, f"error «{cause}»")


def error_mensaje(cause: str, message: str) -> str:
    """One error example said in Spanish: the cause's name and what its details say."""
    if cause in _ALREADY_SPANISH and message:
        return message
    if cause in ("bad_delta", "http_4xx", "http_5xx") and "partial" in message:
        from crawlers.update_panel import delta_mensaje  # scrapy and lxml: only when needed

        if said := delta_mensaje(message):
            return said
    if cause == "dns" and message.startswith("el nombre del servidor "):
        return message  # the address guard's, written in Spanish
    if found := _SESSION_EXPIRED.match(message):
        what, said = found.groups()
        outcome = "no se guardó" if what in ("file", "document") else "no se leyó"
        return (
            f"el sitio respondió con su aviso de sesión expirada ({said}) en lugar "
            f"{_IN_PLACE_OF[what]}: {outcome}; el sitio pide una sesión que el rastreo no "
            "lleva (una cookie o una dirección con sesión)"
        )
    if found := _SERVER_PAGE.match(message):
        what, said = found.groups()
        outcome = "no se guardó" if what in ("file", "document") else "no se leyó"
        return (
            f"el sitio respondió HTTP 200 con su página de error del servidor ({said}) en "
            f"lugar {_IN_PLACE_OF[what]}: {outcome}"
        )
    if found := _SOFT_404.match(message):
        what, said = found.groups()
        outcome = "no se guardó" if what in ("file", "document") else "no se leyó"
        return (
            f"el sitio respondió HTTP 200 con su página de «no encontrado» ({said}) en lugar "
            f"{_IN_PLACE_OF[what]}: {outcome}"
        )
    if cause == "robots_unavailable" and (found := _ROBOTS_UNAVAILABLE.match(message)):
        status, seconds = found.group(1), found.group(2).replace(".", ",")
        return (
            f"el robots.txt del sitio respondió HTTP {status} (error del servidor): como "
            f"piden las reglas de robots.txt, no se pidió nada más del sitio durante "
            f"{seconds} s; luego se vuelve a pedir su robots.txt"
        )
    if cause == "crawl_delay" and (found := _CRAWL_DELAY_UNMET.match(message)):
        asked, waited = (n.replace(".", ",") for n in found.groups())
        return (
            f"el robots.txt del sitio pide esperar {asked} s entre una petición y la "
            f"siguiente: el tiempo de la vista previa se acabó antes de poder esperar "
            f"{waited} s para la siguiente, y no se hizo"
        )
    if cause == "crawl_delay" and (found := _CRAWL_DELAY.match(message)):
        asked, waited = (n.replace(".", ",") if n else n for n in found.groups())
        said = f"el robots.txt del sitio pide esperar {asked} s entre una petición y la siguiente"
        if waited is None:
            return f"{said}: así se hizo"
        return f"{said}: se esperaron {waited} s, el máximo que permite ABIERTO_MAX_CRAWL_DELAY_S"
    if cause == "http_304" and message.startswith("HTTP 304 (not modified) to a request"):
        return (
            "el sitio respondió «sin cambios» (HTTP 304) a una petición que no lo pidió "
            "(no llevaba ETag ni fecha que comparar): no había nada que leer"
        )
    if cause == "http_304" and message.startswith("HTTP 304 (not modified), but the copy"):
        return (
            "el sitio respondió «sin cambios» (HTTP 304), pero la copia guardada de la lectura "
            "anterior ya no está: no había nada que leer"
        )
    if cause == "partial_content" and (found := _PARTIAL.match(message)):
        first, last, size = found.groups()
        if first is None:
            part = "sin decir cuál: no trae un Content-Range legible"
        elif size == "an unknown size":
            part = f"los bytes {first} a {last}, de un total que no dice"
        else:
            part = f"los bytes {first} a {last} de {size}"
        return (
            f"el sitio envió solo una parte de la respuesta (HTTP 206: {part}) sin que se le "
            "pidiera: no se guardó"
        )
    if cause == "sitemap_misplaced_loc" and (found := _MISPLACED_LOC.match(message)):
        return (
            f"{found.group(1)} direcciones (<loc>) del mapa del sitio están donde el protocolo "
            "de sitemaps no pone ninguna (fuera de urlset/url/loc o sitemapindex/sitemap/loc: "
            "dentro de otro elemento, o una segunda <loc> de una entrada): no se leyeron"
        )
    if cause == "sitemap_loop" and (found := _SITEMAP_LOOP.match(message)):
        return f"los mapas del sitio se nombran en bucle: {found.group(1)}; no se leyó de nuevo"
    if found := _WAIT.match(message):
        status, seconds, days = found.groups()
        wait = f"{seconds} s" if days is None else f"más de {days} días"
        return f"el sitio respondió HTTP {status} y pidió esperar {wait} (Retry-After)"
    if found := _HTTP.match(message):
        status, target = found.groups()
        if target is not None:
            target = "una dirección vacía" if target == "an empty address" else target
            return f"el sitio respondió HTTP {status} hacia {target} y la redirección no se siguió"
        return f"el sitio respondió HTTP {status}"
    if found := _RESOLVES.match(message):
        name, kind = found.groups()
        kind = ADDRESS_KINDS.get(kind, f"no pública ({kind})")
        return f"dirección no permitida: {name} apunta a una dirección {kind}"
    if message.startswith("blocked address: it carries a user"):
        return "dirección no permitida: lleva usuario o contraseña (usuario:contraseña@sitio)"
    if found := _SCHEME.match(message):
        return (
            f"dirección no permitida: el esquema «{found.group(1)}» no se admite, solo http y https"
        )
    if found := _UNRESOLVED.match(message):
        return f"dirección no permitida: el nombre {found.group(1)} no se pudo resolver"
    if found := _REDIRECTS.match(message):
        count, chain = found.groups()
        return f"{count} redirecciones sin respuesta: {chain}"
    if found := _REFRESH_REFUSED.match(message):
        by, target = found.groups()
        return (
            f"la página redirige con {_REFRESH_BY[by]} a {target}, que no es una dirección "
            "web (solo se siguen http y https): no se siguió"
        )
    if cause == "redirect_loop" and message.startswith("redirect loop: "):
        return f"redirección en bucle: {message.removeprefix('redirect loop: ')}"
    if cause == "timeout" and (found := _SECONDS.search(message)):
        seconds = found.group(1).removesuffix(".0")
        if ANSWER_BEGUN in message:
            return f"tiempo agotado: el sitio empezó a responder pero no terminó en {seconds} s"
        return f"tiempo agotado: el sitio no respondió en {seconds} s"
    if cause == "limit_reached" and (found := _LIMIT.match(message)):
        limit, left = _said(found.group(1), _LIMIT_NAMES), _said(found.group(2), _LEFT_OUT)
        return f"se alcanzó el límite {limit}: {left}"
    if cause == "option_ignored" and (found := _OPTION_IGNORED.match(message)):
        return (
            f"el formulario enviado con la opción {found.group(1)} respondió solo registros ya "
            "leídos (el listado de otra opción: el sitio no atendió el envío o se perdió la "
            "sesión): el listado de esa opción no se leyó"
        )
    if message.startswith("listing.each_option: the form cannot be submitted: "):  # preview's
        return (
            "listing.each_option: el formulario no se puede enviar como lo pide la "
            "especificación (el botón o los datos que nombra no son de ese formulario)"
        )
    if found := _NO_SELECT.match(message):
        what = "la lista" if found.group(1) == "select" else "el botón"
        return f"listing.each_option: el formulario no tiene {what} {found.group(2)}"
    if found := _NO_OPTION.match(message):
        select, keep = found.groups()
        which = f"que acepte {keep}" if keep else "con valor"
        return f"listing.each_option: la lista {select} no ofrece ninguna opción {which}"
    if cause == "pager_ignored" and (found := _PAGER_IGNORED.match(message)):
        page, argument = found.groups()
        return (
            f"el paginador ofrecía la página {page} («{argument}»), pero al pedirla el sitio "
            "respondió con una página ya leída (una sesión perdida o un envío que no "
            f"atendió): no se leyeron las páginas desde la {page}"
        )
    if cause == SAME_FILE and (found := _SAME_FILE.match(message)):
        return (
            f"el mismo archivo, byte por byte, que el documento de {found.group(1)}: se guardó "
            "como otra publicación de ese documento, no como un documento aparte"
        )
    if cause == FILE_UNPUBLISHED and (found := _UNPUBLISHED.match(message)):
        kept = (
            "los datos y el texto del registro"
            if found.group(2)
            else ("los datos del registro, sin texto")
        )
        return (
            f"el sitio publicó el registro sin su archivo ({found.group(1)} está vacío): se "
            f"guardó con {kept}; se leerá cuando el archivo aparezca"
        )
    if cause == "page_repeated" and (found := _REPEATED.match(message)):
        page, read, total = found.groups()
        return (
            f"la página {page} repite registros ya leídos: la API no avanza con la página "
            f"pedida; la lectura se detuvo con {read} de los {total} registros que dice su total"
        )
    if cause == "page_repeated" and (found := _RING.match(message)):
        page, read, total = found.groups()
        return (
            f"el enlace «siguiente» de la página {page} lleva de vuelta a una página ya "
            f"leída: la lectura se detuvo con {read} de los {total} registros que dice su total"
        )
    if cause == "total_not_reached" and (found := _ENDED_SHORT.match(message)):
        page, read, total = found.groups()
        return (
            f"la página {page} fue la última que dio registros: se leyeron {read} de los "
            f"{total} que dice su total; la API no da más de una misma búsqueda (los "
            "buscadores suelen cortar en 10 000 resultados): lea el resto por ventanas de "
            "fechas (--since/--until) o con búsquedas más acotadas"
        )
    if cause == START_DATE_UNSURE and (found := _UNSURE.match(message)):
        count, days = found.groups()
        return (
            f"{count} fechas ({days}) no tienen dirección de inicio: en ellas no se sabe con "
            "certeza qué legislatura sesionaba (días de instalación), así que {legislature} "
            "no se puede escribir; no se leyeron"
        )
    if cause == LEGISLATURE_CONTRADICTED and (found := _CONTRADICTED.match(message)):
        fixed, day, sitting = found.groups()
        return (
            f"la legislatura fija de la especificación ({fixed}) no es la que sesionaba el "
            f"{day} (la {sitting}, por el calendario): el documento queda sin legislatura"
        )
    if cause == "foreign_name" and (found := _FOREIGN.match(message)):
        name, own = found.groups()
        return f"{name} nombra a otra institución: se dejó vacío (la propia es {own})"
    if cause == "implausible_field" and (found := _IMPLAUSIBLE.match(message)):
        name, value = found.groups()
        if found := _MORE_DATES.search(message):  # indexer.readers.normalise.date_conflict's
            return (
                f"se descartó el valor {value} de {name}: escribe más de una fecha "
                f"({found.group(1).replace(' and ', ' y ')}); no se elige una, el campo queda "
                "vacío"
            )
        if found := _MORE_PARTS.search(message):
            return (
                f"se descartó el valor {value} de {name}: tiene más partes de fecha de las que "
                f"tiene una fecha («{found.group(1)}»: un intervalo o dos fechas); no se adivina "
                "cuál, el campo queda vacío"
            )
        if found := _MONTH_CONTRADICTED.search(message):
            month, day = found.groups()
            return (
                f"se descartó el valor {value} de {name}: nombra el mes de {month}, que "
                f"contradice su fecha ({day}); el campo queda vacío"
            )
        if missing := _MISSING_DAY.search(message):  # indexer.readers.plausibility's
            return (
                f"se descartó el valor {value} de {name}: ese día no existe en el calendario "
                f"({missing.group(1)}), el campo queda vacío"
            )
        return f"se descartó el valor {value} de {name}: no puede ser ese campo"
    if cause == "too_large" and (found := _PAGE_TEXT_SPENT.search(message)):
        limit, position = found.groups()
        limit = f"{int(limit):,}".replace(",", " ")
        return (
            f"los campos de los elementos del listado leyeron más de {limit} caracteres de "
            "esta página (elementos anidados unos en otros leen cada uno el texto de los "
            f"demás): desde el elemento {position} no se leyeron"
        )
    if cause == "too_large" and (found := _INFLATED.search(message)):
        packed, limit = found.groups()
        return (
            f"la respuesta comprimida ({packed} bytes) se expandía a más de {limit} bytes, el "
            "límite de tamaño (una bomba de compresión): no se leyó"
        )
    if cause == "too_large" and (found := _HEAD_BYTES.search(message)):
        return f"la respuesta trae más de {found.group(1)} bytes de encabezados: no se leyó"
    if cause == "too_large" and (found := _PAST_MAXSIZE.match(message)):
        limit = f" de {found.group(1)} bytes" if found.group(1) else ""
        read = f" (se leyeron {found.group(2)} bytes)" if found.group(2) else ""
        return f"la respuesta pasó el límite de tamaño{limit} mientras llegaba y se cortó{read}"
    if cause == "too_large" and (found := _CUT_AFTER.match(message)):
        limit, read = found.groups()
        return (
            f"la respuesta pasó el límite de tamaño de {limit} bytes mientras llegaba y se "
            f"cortó (se leyeron {read} bytes)"
        )
    if cause == "too_large" and (found := _EXPECTED_SIZE.match(message)):
        size, limit = found.groups()
        return (
            f"el sitio anunció {size} bytes (Content-Length), más que el límite de tamaño de "
            f"{limit} bytes: no se descargó"
        )
    if cause == "crawl_failed" and message == "no crawl ran":  # crawlers.trial's
        return "la lectura de prueba no llegó a hacerse: no hay ejecución que mostrar"
    if cause == "extraction_failed" and message == f"malformed: {NO_PAGES}":
        return (
            "el PDF no tiene ninguna página (su árbol de páginas está vacío): no hay texto que leer"
        )
    if cause == "extraction_failed" and message == f"unsupported_type: {XFA_UNREAD}":
        return (
            "el PDF es un formulario XFA: su contenido está en un XML que los lectores de PDF "
            "no dibujan (su página solo dice «Please wait...») y ese XML no tiene texto que "
            "leer: no se extrajo su texto"
        )
    if cause in (PAGES_TOO_COSTLY, "extraction_failed") and (found := _COSTLY.match(message)):
        pages, megabytes = found.groups()
        one = pages == "1"
        return (
            f"{'1 página' if one else pages + ' páginas'} del PDF "
            f"{'dibuja' if one else 'dibujan'} formularios (XObject) que, contando cada "
            f"dibujo, suman más de {megabytes} MB de contenido: no se "
            f"{'leyó (leerla' if one else 'leyeron (leerlas'} tomaría minutos)"
            + ("" if cause == PAGES_TOO_COSTLY else "; no se extrajo su texto")
        )
    if cause in (PAGES_GARBLED, "extraction_failed") and (found := _GARBLED.match(message)):
        one = found.group(1) == "1"
        return (
            f"la capa de texto de {'1 página' if one else found.group(1) + ' páginas'} del "
            "PDF no es legible (su fuente cambia las letras por otros caracteres) y el OCR no "
            f"{'la' if one else 'las'} leyó: "
            + ("no se guardó ese texto" if cause == PAGES_GARBLED else "no se extrajo su texto")
        )
    if cause == SCANS_UNREAD and (found := _SCANS_UNREAD.match(message)):
        one = found.group(1) == "1"
        return (
            f"{'1 página escaneada' if one else found.group(1) + ' páginas escaneadas'} del PDF "
            f"{'tiene' if one else 'tienen'} como texto solo una línea (un pie de firma, un "
            "sello) y no hay OCR para leer la imagen: el documento se guardó con esa línea, "
            "sin el texto de la página"
        )
    if cause == "extraction_failed" and (found := _WORD_MARKUP.match(message)):
        return f"el documento Word tiene {found.group(1)}: no se extrajo su texto"
    if cause == "extraction_failed" and (found := _UNEXPECTED.match(message)):
        why, kind = found.groups()
        if why == "internal":
            return (
                f"no se pudo leer {_KINDS[kind]}: falló el programa que extrae el texto (un "
                "error nuestro, no del archivo); no se extrajo su texto"
            )
        return (
            f"no se pudo leer {_KINDS[kind]}: su lector lo encontró dañado o mal formado; "
            "no se extrajo su texto"
        )
    if cause == "extraction_failed" and (found := _WORKER_MEMORY.match(message)):
        cap = f" ({found.group(1)} MB)" if found.group(1) else ""
        return (
            "leer el archivo necesitaba más memoria que el límite del proceso que extrae su "
            f"texto{cap}: no se extrajo su texto"
        )
    if cause == "extraction_failed" and (said := EXTRACTIONS.get(message.partition(":")[0])):
        return extraction_said(message) or said
    if cause == PAGES_TRUNCATED and (found := _PAGES_READ.match(message)):
        total, read = found.groups()
        return (
            f"el PDF tiene {total} páginas; se leyeron las primeras {read}: el documento "
            "se guardó sin el texto de las demás"
        )
    if cause == OCR_INCOMPLETE and (found := _OCR_READ.match(message)):
        scanned, reached = found.groups()
        return (
            f"el PDF escaneado tiene {scanned} páginas sin texto; el OCR leyó {reached} "
            "antes de su límite de páginas o de tiempo: el documento se guardó sin el "
            "texto de las demás"
        )
    if cause == FALSE_CODING and (found := _FALSE_CODING.search(message)):
        return _coding_mensaje(found.group(1))
    if cause == "network" and (coding := _old_false_coding(message)):
        return _coding_mensaje(coding)
    if message in CONNECTION_ENDS:
        return CONNECTION_ENDS[message]
    if cause == "malformed_answer" and (found := _CODING_STACK.search(message)):
        count, codings, most = found.groups()
        return (
            f"el sitio declaró {count} compresiones sucesivas en una misma respuesta "
            f"({codings}): se deshacen {most} como máximo (una bomba de compresión "
            "apilada), así que no se guardó"
        )
    if cause == "malformed_answer" and (found := _GZIP_MEMBERS.search(message)):
        coding, members, given = found.groups()
        return (
            f"el sitio envió una respuesta comprimida ({coding}) hecha de al menos {members} "
            f"partes comprimidas (miembros gzip) que dan solo {given} bytes: más partes de las "
            "que su contenido justifica (una bomba de compresión), así que no se guardó"
        )
    if cause == "blocked_address" and (found := _OTHER_LOOPBACK_PORT.match(message)):
        where, named = found.groups()
        return (
            f"dirección no permitida: {where} es un puerto de esta máquina (loopback) que la "
            f"especificación no nombra (sus direcciones nombran {named}): no se leyó"
        )
    if cause == "blocked_address" and (found := _OTHER_PORT.match(message)):
        where, named = found.groups()
        return (
            f"dirección no permitida: {where} usa el puerto {where.rsplit(':', 1)[-1]}, que "
            f"las direcciones de la especificación no nombran para ese sitio (nombran "
            f"{named}): no se leyó"
        )
    if cause == "preview_failed" and (found := _PREVIEW_MEMORY.match(message)):
        return (
            f"la vista previa superó su límite de memoria ({found.group(1)} MB, "
            "ABIERTO_PREVIEW_MAX_MEMORY_MB) al leer una página con demasiados elementos, y se "
            "detuvo"
        )
    if cause == "cut_short" and (found := _CODING_CUT.match(message)):
        return (
            f"el sitio envió una respuesta comprimida ({found.group(1)}) cuyos datos terminan "
            "antes del final de su compresión: la respuesta está cortada y no se guardó"
        )
    if cause == "network" and (found := _NETWORK.match(message)):
        return f"falla de red ({found.group(1)})"
    return _detail(cause, message) or label(cause)


def _old_false_coding(message: str) -> str | None:
    return next((coding for said, coding in _OLD_FALSE_CODINGS if said.match(message)), None)


def _coding_mensaje(coding: str) -> str:
    return f"el sitio declaró una compresión ({coding}) que su respuesta no tiene: no se leyó"


def _said(english: str, phrases: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """``english`` in Spanish when it is one of ``phrases``; else as it is (a limit's
    name, such as ``listing.max_pages (20)``, is the spec's and reads the same)."""
    for pattern, spanish in phrases:
        if found := pattern.match(english):
            return spanish.format(*found.groups())
    return english


def _detail(cause: str, message: str) -> str | None:
    """The Spanish of the English details the spiders and pipelines write (the item's
    position, the selector, the link, the exception's name), or None."""
    where = ""
    if found := _POSITION.match(message):
        kind, number, message = found.groups()
        where = f"{POSITIONS[kind]} {number}: "
    if message in PAGES:
        return where + PAGES[message]
    if message.startswith("json_api.detail: "):  # a record's own JSON, said as the page's
        where, message = where + "json_api.detail: ", message.removeprefix("json_api.detail: ")
        if message in PAGES:
            return where + PAGES[message]
    if found := _API_ERROR.match(message):
        status, what, said = found.groups()
        instead = "los datos del registro" if what == "the record's data" else "sus registros"
        return f"{where}la API respondió HTTP {status} con un error en lugar de {instead}: «{said}»"
    if found := _SITEMAP_BOMB.match(message):
        return (
            f"{where}el mapa del sitio comprimido (gzip) de {found.group(1)} bytes se expande a "
            f"más de {_megabytes(int(found.group(2)))}, el límite de un mapa del sitio "
            "descomprimido (cinco veces el de una página, ABIERTO_MAX_PAGE_BYTES; una bomba de "
            "compresión): no se leyó"
        )
    if found := _API_EMPTY.match(message):
        status, what = found.groups()
        instead = "los datos del registro" if what == "the record's data" else "sus registros"
        return f"{where}la API respondió HTTP {status} sin nada en el cuerpo en lugar de {instead}"
    if message.startswith(("the API did not answer JSON", "not JSON: ")):
        return where + "la API no respondió con JSON"
    if found := _NO_CONTENT.match(message):
        status = found.group(1)
        return f"{where}el sitio respondió HTTP {status}, sin contenido: no había nada que leer"
    if found := _LONG_NUMBER.match(message):
        digits, most = found.groups()
        return f"{where}la API respondió un número de {digits} cifras (se leen hasta {most})"
    if found := _MATCHED_NOTHING.match(message):
        return f"{where}{found.group(1)} no encontró nada en la página"
    if found := _NOTHING_IN_FRAMES.match(message):
        return f"{where}{found.group(1)} no encontró nada, ni en la página ni en sus marcos"
    if cause == "missing_link" and (found := _NO_ADDRESS.match(message)):
        what, link, kind = found.groups()
        what = {"<loc>": "<loc>", "entry link": "el enlace de la entrada"}.get(what, what)
        if kind == "points within a page":
            why = "solo apunta a una parte de una página (#)"
        elif kind == "is script only":
            why = "es solo JavaScript"
        else:
            why = f"es un enlace «{kind.removeprefix('is a ').removesuffix(' link')}»"
        return f"{where}{what} {link} {why}: no es una dirección que se pueda descargar"
    if cause == "missing_link" and (found := _SCRIPT_ONLY.match(message)):
        what, script = found.groups()
        return (
            f"{where}{what} es solo JavaScript ({script}): no hay dirección que seguir sin un "
            "navegador"
        )
    if found := _NO_LIST.match(message):
        return f"{where}{found.group(1)}: no hay una lista en {found.group(2)}"
    if cause == "missing_link" and (found := _EMPTY_LINK.match(message)):
        return f"{where}{found.group(1)} está vacío"
    if found := _NO_LINK.match(message):
        return f"{where}la entrada {found.group(1)} no tiene enlace"
    if found := _REQUIRED.match(message):
        name, by_key = found.groups()
        needed = " (lo necesita identity.key)" if by_key else ""
        return f"{where}falta el campo obligatorio «{name}» o está vacío{needed}"
    if cause == "dns" and (found := _NO_HOSTNAME.match(message)):
        return f"el dominio {found.group(1)} no existe o no se resuelve"
    if cause == "bad_url" and (found := _BAD_LINK.match(message)):
        what, link, problem = found.groups()
        if problem.startswith("not a web address"):
            said = "no es una dirección web" + problem.removeprefix("not a web address")
        elif too_long := _TOO_LONG.match(problem):
            said = (
                f"el enlace tiene {too_long[1]} caracteres, más de los {too_long[2]} que la "
                "lectura sigue: no se leyó"
            )
        else:
            said = LINK_PROBLEMS.get(problem, "el enlace está mal formado")
        return f"{where}{label(cause)}: {what + ' ' if what else ''}{link}: {said}"
    if found := _EXCEPTION.match(message):
        said = "no se pudo procesar" if where and cause == "item_failed" else label(cause)
        return f"{where}{said} ({found.group(1)})"
    return f"{where}{label(cause)}" if where else None


def run_mensaje(status: str, message: str | None) -> str | None:
    """A run's closing message in Spanish, or None when it has none."""
    if not message:
        return None
    if status == "abandoned":
        return message  # written in Spanish when the run was closed
    cause, _, rest = message.partition(": ")
    if cause == "partial" and rest:
        return partial_mensaje(rest)
    if rest and cause == "parse_timeout" and rest.startswith("otra fuente"):
        return f"{label(cause)}: {rest}"
    if rest and cause in OUTCOMES:
        return OUTCOMES[cause]
    if message in OUTCOMES:
        return OUTCOMES[message]
    if _SCRAPY_REASON.fullmatch(message):  # how Scrapy said the crawl closed
        return f"la lectura terminó antes de tiempo (motivo «{message}»)"
    return message  # written in Spanish (a stored spec no longer valid, …)


_LIMITS = re.compile(r"stopped at a limit \((.*)\)$", re.S)
_ERRORS = re.compile(r"(\d+) errors? \((.*)\)$", re.S)
_ONE_CAUSE = re.compile(r"([A-Za-z0-9_]+) (\d+)$")
_LOST = re.compile(
    r"(\d+) (listing pages?|documents?|files?|sitemaps?|feeds?|API answers?)(?: \((.*)\))?$"
)
_UNREAD = re.compile(r"(\S+): ([A-Za-z0-9_]+)$")
LOST_NAMES = {
    "listing page": ("página de listado", "páginas de listado"),
    "document": ("documento", "documentos"),
    "file": ("archivo", "archivos"),
    "sitemap": ("mapa del sitio", "mapas del sitio"),
    "feed": ("canal RSS o Atom", "canales RSS o Atom"),
    "API answer": ("respuesta de la API", "respuestas de la API"),
}


def partial_mensaje(said: str) -> str:
    """A ``partial`` run's message (``crawlers.outcome.partial_message``) in Spanish:
    what stopped it, its errors by cause and what it did not read."""
    parts = []
    for part in said.split("; "):
        if limits := _LIMITS.match(part):
            parts.append(f"se detuvo en un límite ({limits.group(1)}) antes de leerlo todo")
        elif errors := _ERRORS.match(part):
            total = int(errors.group(1))
            each = []
            for one in errors.group(2).split(", "):
                found = _ONE_CAUSE.match(one)
                each.append(f"{label(found.group(1))}: {found.group(2)}" if found else one)
            parts.append(f"{_counted(total, 'error', 'errores')} ({'; '.join(each)})")
        elif part.startswith("not read: "):
            lost = []
            for one in part.removeprefix("not read: ").split(", "):
                found = _LOST.match(one)
                if found is None:
                    lost.append(one)
                    continue
                n, what = int(found.group(1)), found.group(2).removesuffix("s")
                lost.append(_counted(n, *LOST_NAMES[what]) + _unread(found.group(3)))
            parts.append("no se leyeron: " + ", ".join(lost))
        else:
            parts.append(part)
    return "; ".join(parts)


def _unread(named: str | None) -> str:
    """`` (dirección: causa y …)``: the listings not read, named by ``partial_message``."""
    if not named:
        return ""
    said = []
    for one in named.split(" and "):
        found = _UNREAD.match(one)
        said.append(f"{found.group(1)}: {label(found.group(2))}" if found else one)
    return f" ({' y '.join(said)})"


def errors_with_mensajes(errors: Mapping[str, Any]) -> dict[str, Any]:
    """A run's errors by cause, each with its Spanish ``descripcion`` and each example
    with its Spanish ``mensaje``; the stored fields are kept as they were."""
    shown: dict[str, Any] = {}
    for cause, entry in errors.items():
        if not isinstance(entry, Mapping):
            shown[cause] = entry
            continue
        examples = [
            {**example, "mensaje": error_mensaje(cause, str(example.get("message") or ""))}
            for example in entry.get("examples") or []
            if isinstance(example, Mapping)
        ]
        shown[cause] = {**entry, "descripcion": label(cause), "examples": examples}
    return shown


def _counted(n: int, one: str, many: str) -> str:
    return f"{n:,}".replace(",", " ") + f" {one if n == 1 else many}"


def run_resultado(status: str, stats: Mapping[str, Any] | None) -> str | None:
    """What a finished ``ok`` or ``partial`` run did, said apart from its status (None
    otherwise; a partial run's losses are its message): new or
    changed documents; nothing new because everything was unchanged (a healthy run, not
    one that read nothing); or no element at all on the site's pages. Its notices, if
    any, are said too: a run with notices only is healthy and says them."""
    if status not in ("ok", "partial"):
        return None
    stats = stats or {}

    def n(key: str) -> int:
        value = stats.get(key, 0)
        return value if isinstance(value, int) else 0

    notices = n("notices")
    avisos = f"; {_counted(notices, 'aviso', 'avisos')}" if notices else ""
    new, updated = n("new"), n("updated")
    if new or updated:
        parts = [
            _counted(new, "documento nuevo", "documentos nuevos") if new else "",
            _counted(updated, "actualizado", "actualizados") if updated else "",
        ]
        return ", ".join(p for p in parts if p) + avisos
    unchanged, not_modified = n("unchanged"), n("not_modified")
    if unchanged or not_modified:
        same = ("documento sin cambios", "documentos sin cambios")
        answered = ("respuesta «sin modificar» (304)", "respuestas «sin modificar» (304)")
        parts = [_counted(unchanged, *same) if unchanged else ""]
        parts.append(_counted(not_modified, *answered) if not_modified else "")
        return "nada nuevo: " + " y ".join(p for p in parts if p) + avisos
    if items := n("items"):
        read = _counted(items, "elemento leído", "elementos leídos")
        return f"{read}, ningún documento guardado{avisos}"
    return "las páginas del sitio no listaron ningún elemento" + avisos
