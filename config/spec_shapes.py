"""Rule blocks of the source shapes other than ``html_listing`` (see ``config/specs.py``).

Each shape reads its own block (``feed:``, ``sitemap:``, ``video_channel:``,
``json_api:``); a block given to a spec of another shape is refused, naming the block.
JSON paths are dotted (``resultados[0].organo``, ``items[*].id``); templates put record
values, the page number or the backfill window into text: ``{idVT}``, ``{page}``,
``{since:%d/%m/%Y}``.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import islice
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from config.patterns import check_pattern
from config.selector import Selector, selector_shorthand
from config.spanish_errors import Invalid, shown

# RFC 9110 field names; the values a header line may carry (no line break, no NUL)
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")
_HEADER_VALUE = re.compile(r"^[^\x00-\x08\x0a-\x1f\x7f]{0,4000}$")
# what says where and how a request travels is the crawler's to write, never a spec's
_TRANSPORT_HEADERS = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "keep-alive", "te",
     "trailer", "upgrade", "expect", "proxy-authorization", "proxy-connection"}
)  # fmt: skip
# a name, or an index when the record is itself a list (a DataTables row: ``[0]``)
_PATH = re.compile(
    r"^(?:[^.\[\]{}\s]+|\[(?:\d+|\*)\])(?:\[(?:\d+|\*)\])*(?:\.[^.\[\]{}\s]+(?:\[(?:\d+|\*)\])*)*$"
)
_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}")
# a placeholder's format pads or cuts to a width: bounded, so no spec makes the crawler
# write gigabytes into one address (``{page:>900000000}``)
MAX_FORMAT_NUMBER = 64
# a template names a handful of values: one naming them thousands of times over a
# record of megabytes renders gigabytes (``{texto}{texto}…``) in the crawl's process
MAX_PLACEHOLDERS = 16
_NUMBER = re.compile(r"\d+")
# what a placeholder may take after its colon besides a format (crawlers/templates.py)
MODIFIERS = frozenset({"stem", "href", "text"})
# the crawl's own values: numbers, and the backfill window's dates (or none)
NUMBER_VARIABLES = frozenset({"page", "offset", "size"})
DATE_VARIABLES = frozenset({"since", "until"})
MAX_OFFSET = 10_000 * 100_000  # json_api's page_size × max_pages: the largest offset
_SCOPE = re.compile(r"[a-z0-9][a-z0-9-]{1,62}[a-z0-9]")


def check_regex(value: str | None) -> str | None:
    """A spec pattern must compile for the linear-time engine (``config/patterns.py``)."""
    return check_pattern(value)


def check_path(value: str) -> str:
    """A dotted JSON path: ``a.b``, ``a[0].b``, ``a[*].b``; ``[2]`` in a record that is a
    list of cells."""
    if not _PATH.fullmatch(value.strip()):
        raise Invalid(
            f"{shown(value)!r} is not a JSON path like 'resultados' or 'datos[*].id'",
            f"«{shown(value)}» no es una ruta JSON como 'resultados' o 'datos[*].id'",
        )
    return value.strip()


def check_template(value: str) -> str:
    """A template's placeholders must be paths (or page, offset, size, since, until)."""
    check_formats(value)
    for match in _PLACEHOLDER.finditer(value):
        check_path(match[1])
    rest = _PLACEHOLDER.sub("", value)
    if "{" in rest or "}" in rest:
        raise Invalid(
            f"{shown(value)!r} has an unclosed placeholder: write {{name}} or {{since:%d/%m/%Y}}",
            f"«{shown(value)}» tiene una llave sin cerrar: escriba {{nombre}} o {{since:%d/%m/%Y}}",
        )
    return value


def check_formats(value: Any) -> Any:
    """Every placeholder's format (``{page:03d}``, ``{since:%d/%m/%Y}``), in a string or
    nested in lists and objects (a POST's JSON body), widths and precisions of at most
    ``MAX_FORMAT_NUMBER``: a rendered value stays the size of a value."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending += item.values()
        elif isinstance(item, list):
            pending += item
        elif isinstance(item, str):
            named = sum(1 for _ in islice(_PLACEHOLDER.finditer(item), MAX_PLACEHOLDERS + 1))
            if named > MAX_PLACEHOLDERS:
                raise Invalid(
                    f"{shown(item)!r}: a template names at most {MAX_PLACEHOLDERS} values "
                    "(placeholders such as {id}): each is rendered whole, however large",
                    f"«{shown(item)}»: una plantilla lleva a lo sumo {MAX_PLACEHOLDERS} "
                    "marcadores (como {id}): cada uno se sustituye por su valor entero, por "
                    "grande que sea",
                )
            for match in _PLACEHOLDER.finditer(item):
                # a number of more digits than the bound's is past it (and thousands of
                # digits are past what ``int`` converts: a raw English ValueError)
                written = _NUMBER.findall(match[2] or "")
                numbers = [int(n) if len(n) <= 6 else MAX_FORMAT_NUMBER + 1 for n in written]
                if any(n > MAX_FORMAT_NUMBER for n in numbers):
                    raise Invalid(
                        f"{shown(match[0])!r}: a placeholder's format may pad or cut to at "
                        f"most {MAX_FORMAT_NUMBER} characters",
                        f"«{shown(match[0])}»: el formato de un marcador admite a lo sumo "
                        f"{MAX_FORMAT_NUMBER} caracteres",
                    )
                check_modifier(match[0], match[1].strip(), match[2])
    return value


def _formats(probe: Any, modifier: str) -> bool:
    try:
        format(probe, modifier)
    except (ValueError, OverflowError):  # {page:c} of a number past any character
        return False
    return True


def check_modifier(placeholder: str, name: str, modifier: str | None) -> None:
    """What follows a placeholder's colon must be something the crawl can write with it,
    checked here rather than when a crawl meets it (a ValueError mid-crawl): ``stem``,
    ``href``, ``text``; for ``page``, ``offset`` and ``size`` (numbers) a number's format
    (``03d``); ``since`` and ``until`` (dates) take a date's (``%d/%m/%Y``); a record's
    value (text or a number, as its JSON has it) a format that fits text or a number
    (``>8``, ``05d``): one that fits neither (``{x:foo}``, ``{fecha:%Y}``) never renders."""
    if not modifier or modifier in MODIFIERS:
        return
    if name in DATE_VARIABLES:
        probes: tuple[Any, ...] = (dt.date(2024, 1, 31),)
    elif name in NUMBER_VARIABLES:
        probes = (7, MAX_OFFSET)
    else:
        probes = ("texto", 7, 7.5)
    # the crawl's own values are what they are: a format must fit each of them
    every = name in NUMBER_VARIABLES
    fits = (all if every else any)(_formats(probe, modifier) for probe in probes)
    if fits:
        return
    if name in DATE_VARIABLES:
        why = (
            f"{modifier!r} is no date format",
            f"«{shown(modifier)}» no es un formato de fecha (p. ej. %d/%m/%Y)",
        )
    elif name in NUMBER_VARIABLES:
        why = (
            f"{name} is a number: {modifier!r} is no format of a number (e.g. 03d)",
            f"{name} es un número y «{shown(modifier)}» no es un formato de número "
            "(p. ej. {" + name + ":03d})",
        )
    elif "%" in modifier:
        why = (
            f"{modifier!r} is a date's format: only since and until are dates",
            f"«{shown(modifier)}» es un formato de fecha y solo since y until son fechas; "
            "el valor de un registro se escribe tal como viene",
        )
    else:
        why = (
            f"{modifier!r} is no format: use stem, href, text or a number's (e.g. 05d)",
            f"«{shown(modifier)}» no es un formato que se pueda aplicar: use stem, href, "
            "text, un formato de número (p. ej. 05d) o, con since y until, uno de fecha "
            "(p. ej. %d/%m/%Y)",
        )
    raise Invalid(f"{shown(placeholder)!r}: {why[0]}", f"«{shown(placeholder)}»: {why[1]}")


def check_source(value: str) -> str:
    """A record's value: a template (``{a.b}`` among text) or a bare path."""
    return check_template(value) if "{" in value else check_path(value)


def check_record_fields(values: dict[str, FieldSource]) -> dict[str, FieldSource]:
    """A record's fields: each a template, a bare path, or either with a ``regex``."""
    for value in values.values():
        if isinstance(value, str):
            check_source(value)
    return values


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RecordField(_Rules):
    """A record's field read through a pattern, as a page's selector reads one:
    ``{select: juez, regex: "^(.*?)\\s*\\(Elabora\\)"}`` keeps the first group (or the
    whole match) of the value the path or template gives; no match is no value."""

    select: str = Field(description="Path, or a template with {path} inside.")
    regex: str | None = Field(None, description="Keep the first group (or whole match).")

    @field_validator("select")
    @classmethod
    def _select(cls, value: str) -> str:
        return check_source(value)

    @field_validator("regex")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return check_regex(value)


def _field_kind(value: Any) -> str:
    return "str" if isinstance(value, str) else "record-field"


# a field written as text is a path or template; as a mapping, one with its pattern (a
# mapping's errors name its own keys, not a string's too)
FieldSource = Annotated[
    Annotated[RecordField, Tag("record-field")] | Annotated[str, Tag("str")],
    Discriminator(_field_kind),
]


class Identity(_Rules):
    """Documents identified by what they are, not by where they were found: sources that
    share a scope and key (e.g. a congress's session pages and its video channel) write
    to one document per session, and a live stream later replaced by its recording
    updates that session instead of adding a new one."""

    scope: str | None = Field(
        None, description="Sources with the same scope share documents; default: the spec id."
    )
    key: list[str] = Field(
        min_length=1,
        description="Fields making the key, compared normalised (an expediente by its "
        "canonical form); the first is required.",
    )

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str | None) -> str | None:
        # a scope is hashed into document ids beside a line break: it has an id's format
        if value is not None and not _SCOPE.fullmatch(value):
            raise Invalid(
                "expected 3-64 characters of lowercase letters, digits and hyphens, "
                "like a source id, e.g. 'congreso-gto-sesiones'",
                "debe tener de 3 a 64 caracteres, como el id de una fuente: letras "
                "minúsculas sin acentos, cifras y guiones (p. ej. 'congreso-gto-sesiones')",
            )
        return value


class WindowRules(_Rules):
    """How a backfill window (``abierto crawl --since/--until``) reaches the site: query
    parameters added to the start URLs, e.g. ``{fechaInicio: "{since:%d/%m/%Y}"}``."""

    query: dict[str, str] = Field(default_factory=dict)

    @field_validator("query")
    @classmethod
    def _templates(cls, value: dict[str, str]) -> dict[str, str]:
        for template in value.values():
            check_template(template)
        return value


class FeedRules(_Rules):
    """RSS 2.0 / Atom: each entry is a publication."""

    follow: bool = Field(
        True, description="Fetch each entry's link (detail page or file); false: the entry is it."
    )
    keep: str | None = Field(None, description="Only entries whose title matches this regex.")
    skip: str | None = Field(None, description="Entries whose title matches are left out.")
    fields: dict[str, Selector] = Field(
        default_factory=dict,
        description="More fields per entry (XPath/CSS on the entry; namespaces removed).",
    )
    enclosures: bool = Field(True, description="Enclosure links are the entry's files.")
    max_entries: int = Field(500, ge=1, le=100_000)

    @field_validator("keep", "skip")
    @classmethod
    def _regexes(cls, value: str | None) -> str | None:
        return check_regex(value)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("fields"), dict):
            data = dict(data)
            data["fields"] = {k: selector_shorthand(v) for k, v in data["fields"].items()}
        return data


class SitemapRule(_Rules):
    """URLs matching ``pattern`` are documents, with these constant fields."""

    pattern: str
    constants: dict[str, str] = Field(default_factory=dict)

    @field_validator("pattern")
    @classmethod
    def _regex(cls, value: str) -> str:
        return check_regex(value) or value


class SitemapRules(_Rules):
    """sitemap.xml, sitemap indexes (followed) and robots.txt ``Sitemap:`` lines."""

    rules: list[SitemapRule] = Field(
        default_factory=list, description="First match wins; no rules: every URL."
    )
    exclude: list[str] = Field(default_factory=list, description="URLs matching are skipped.")
    follow: list[str] = Field(
        default_factory=list, description="Child sitemaps to follow (regex); default: all."
    )
    max_urls: int = Field(10_000, ge=1, le=1_000_000)
    use_lastmod: bool = Field(
        True, description="Skip URLs whose <lastmod> is not newer than our last fetch."
    )

    @field_validator("exclude", "follow")
    @classmethod
    def _regexes(cls, values: list[str]) -> list[str]:
        for value in values:
            check_regex(value)
        return values


class VideoChannelRules(_Rules):
    """Session transmissions: a platform's channel or playlist feed (``format: feed``), or
    congress pages embedding players (``format: page``: iframes, ``<video>``, links)."""

    format: Literal["feed", "page"] = "feed"
    keep: str | None = Field(
        None, description="Titles that are transmissions of sessions (regex); default: "
        "titles in which a session (date or session words) is recognised.",
    )  # fmt: skip
    skip: str | None = Field(None, description="Titles to leave out (regex).")
    items: Selector | None = Field(
        None, description="page: one element per transmission; default: the whole page."
    )
    fields: dict[str, Selector] = Field(default_factory=dict, description="Fields per item.")
    live_marker: Selector | None = Field(None, description="page: marks an item live.")
    state: Selector | None = Field(
        None, description="Text saying live / upcoming / recorded (e.g. a broadcast field)."
    )
    next_page: Selector | None = Field(None, description="page: the next page's link.")
    max_pages: int = Field(20, ge=1, le=10_000)
    max_entries: int = Field(
        500,
        ge=1,
        le=100_000,
        description="feed: entries read; page: items read on one page; the rest are counted.",
    )
    platform: str | None = Field(None, description="Name of a platform not recognised by host.")

    @field_validator("keep", "skip")
    @classmethod
    def _regexes(cls, value: str | None) -> str | None:
        return check_regex(value)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            if isinstance(data.get("fields"), dict):
                data["fields"] = {k: selector_shorthand(v) for k, v in data["fields"].items()}
            for key in ("items", "live_marker", "next_page", "state"):
                if data.get(key) is not None:
                    data[key] = selector_shorthand(data[key])
        return data

    @model_validator(mode="after")
    def _page_only(self) -> VideoChannelRules:
        if self.format == "feed":
            for name in ("items", "live_marker", "next_page"):
                if getattr(self, name) is not None:
                    raise Invalid(
                        "only used with format: page",
                        "solo se usa con format: page",
                        where=name,
                    )
        return self


class JsonDetail(_Rules):
    """A record's own JSON, asked for by an address built from the record: what the
    search's record lacks (the SCJN's versiones taquigráficas give, per record, the
    transcript's text and its PDF's address only in their document's answer)."""

    url: str = Field(description="The record's JSON: a template from the record, e.g. "
                     "'https://…/documento/vtaquigraficas/{id}'.")  # fmt: skip
    fields: dict[str, FieldSource] = Field(
        default_factory=dict, description="Field → path, or a template, in the detail's "
        "JSON (or {select: …, regex: …}); the record's own values win.",
    )  # fmt: skip
    files: list[str] = Field(default_factory=list, description="File URL templates.")
    text: str | None = Field(None, description="Path to the text in the detail's JSON.")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_template(value)

    @field_validator("files")
    @classmethod
    def _files(cls, values: list[str]) -> list[str]:
        return [check_template(v) for v in values]

    @field_validator("text")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return check_path(value) if value is not None else None

    @field_validator("fields")
    @classmethod
    def _fields(cls, values: dict[str, FieldSource]) -> dict[str, FieldSource]:
        return check_record_fields(values)


class JsonApiRules(_Rules):
    """A paginated JSON search API (the SCJN Buscador Jurídico is one)."""

    method: Literal["GET", "POST"] = "GET"
    params: dict[str, str | int] = Field(
        default_factory=dict, description="Query parameters (templates; empty ones are left out)."
    )
    body: dict[str, Any] | None = Field(None, description="JSON body of a POST (templates).")
    form: dict[str, str | int] | None = Field(
        None,
        description="Form fields of a POST, sent form-encoded as a page's script posts them "
        "(a DataTables table's draw, start, length; templates; empty ones are sent empty).",
    )
    headers: dict[str, str] = Field(default_factory=dict)
    format: Literal["json", "csv", "xlsx"] = Field(
        "json", description="What the API answers: JSON, or a CSV table or an Excel "
        "workbook's first sheet (xlsx; a court's export: "
        "each row a record keyed by its header without accents, in lowercase, words "
        "joined by _: «Fecha Emisión» is fecha_emision; text may name a column). A CSV is "
        "one page unless params, form, body or next say how to ask for the next.",
    )  # fmt: skip
    header: str | None = Field(
        None, min_length=1, max_length=200, description="A cell of a table's header row "
        "(csv, xlsx): the first row holding it is the header, whatever rows are above it "
        "(compared without accents or case); a table without it is a counted error.",
    )  # fmt: skip
    records: str | None = Field(
        None, description="Path to the list of records, e.g. 'resultados' (JSON only: a "
        "CSV's records are its rows).",
    )  # fmt: skip
    total: str | None = Field(
        None, description="Path to the total count (ends paging), or 'header:NAME' when the "
        "API says it in a header (X-Total-Count, WordPress's X-WP-Total).",
    )  # fmt: skip
    next: str | None = Field(
        None, description="Path to the next page's URL, if the API has it; 'header:Link' "
        "for the Link header's rel=\"next\" (WordPress, GitHub-style APIs).",
    )  # fmt: skip
    page_size: int | None = Field(None, ge=1, le=10_000, description="Records per page.")
    first_page: int = Field(1, ge=0)
    max_pages: int = Field(50, ge=1, le=100_000)
    link: str = Field(description="The document's URL from a record: a template.")
    follow: bool = Field(
        False, description="Fetch the link (detail page or file); false: the record is it."
    )
    files: list[str] = Field(default_factory=list, description="File URL templates per record.")
    fields: dict[str, FieldSource] = Field(
        default_factory=dict,
        description="Field → path, or a template with {path} inside; "
        "{select: path or template, regex: …} keeps the pattern's first group.",
    )
    text: str | None = Field(None, description="Path to the record's text, if it has one.")
    detail: JsonDetail | None = Field(
        None, description="Each record's own JSON (fields, files, text the record lacks)."
    )
    newest_first: bool = Field(
        False, description="Records come newest first: a backfill stops paging once a "
        "page is all older than --since.",
    )  # fmt: skip

    @field_validator("body")
    @classmethod
    def _body(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return check_formats(value)

    @field_validator("form")
    @classmethod
    def _form(cls, values: dict[str, str | int] | None) -> dict[str, str | int] | None:
        for value in (values or {}).values():
            if isinstance(value, str):
                check_template(value)
        return values

    @model_validator(mode="after")
    def _records_of_format(self) -> JsonApiRules:
        if self.format == "json" and self.records is None:
            raise Invalid(
                "records: the path to the list of records is required (e.g. 'resultados')",
                "falta records: la ruta a la lista de registros de la respuesta JSON "
                "(p. ej. 'resultados')",
                where="records",
            )
        if self.format != "json" and (self.records is not None or self.total):
            given = "records" if self.records is not None else "total"
            raise Invalid(
                f"{given} is a path in a JSON answer: a table's records are its rows",
                f"{given} es una ruta de una respuesta JSON; con format: {self.format} los "
                "registros son las filas de la tabla y sus columnas se nombran en fields",
                where=given,
            )
        return self

    @model_validator(mode="after")
    def _header_of_a_table(self) -> JsonApiRules:
        if self.header is not None and self.format == "json":
            raise Invalid(
                "header names a cell of a table's header row: only with format csv or xlsx",
                "header nombra una celda de la fila de encabezados de una tabla: solo se usa "
                "con format: csv o xlsx",
                where="header",
            )
        if self.header is not None and not self.header.strip():
            raise Invalid(
                "header is empty: write the text of one cell of the header row",
                "header está vacío: escriba el texto de una celda de la fila de encabezados",
                where="header",
            )
        return self

    @model_validator(mode="after")
    def _one_body(self) -> JsonApiRules:
        if self.form is not None and self.body is not None:
            raise Invalid(
                "a POST sends either a JSON body (body) or form fields (form), not both",
                "un POST envía un cuerpo JSON (body) o campos de formulario (form), no ambos",
            )
        if self.form is not None and self.method != "POST":
            raise Invalid(
                "form fields (form) are sent by a POST: set method: POST",
                "los campos de formulario (form) se envían con POST: ponga method: POST",
            )
        return self

    @field_validator("records", "text")
    @classmethod
    def _paths(cls, value: str | None) -> str | None:
        return check_path(value) if value is not None else None

    @field_validator("total", "next")
    @classmethod
    def _path_or_header(cls, value: str | None) -> str | None:
        """A path in the answer's JSON, or ``header:NAME``: a header of the answer."""
        if value is None:
            return None
        prefix, _, name = value.strip().partition(":")
        if prefix.strip().lower() != "header" or not name:
            return check_path(value)
        if not _HEADER_NAME.fullmatch(name.strip()):
            raise Invalid(
                f"{shown(name)!r} is not a header name (letters, digits, -)",
                f"«{shown(name)}» no es un nombre de cabecera (letras, dígitos, -)",
            )
        return f"header:{name.strip()}"

    @field_validator("link")
    @classmethod
    def _link(cls, value: str) -> str:
        return check_template(value)

    @field_validator("headers")
    @classmethod
    def _headers(cls, values: dict[str, str]) -> dict[str, str]:
        for name, value in values.items():
            if not _HEADER_NAME.fullmatch(name):
                raise Invalid(
                    f"{shown(name)!r} is not a header name (letters, digits, -)",
                    f"«{shown(name)}» no es un nombre de cabecera (letras, cifras, guiones; "
                    "hasta 100)",
                )
            if name.lower() in _TRANSPORT_HEADERS or name.lower().startswith("proxy-"):
                raise Invalid(
                    f"{name!r} is the crawler's to send, not a spec's",
                    f"la cabecera «{name}» la pone el rastreador, no una especificación",
                )
            if not _HEADER_VALUE.fullmatch(value):
                raise Invalid(
                    f"the value of {name!r} holds a line break or a control character, or "
                    "is longer than 4000 characters",
                    f"el valor de «{name}» tiene un salto de línea o un carácter de control, "
                    "o pasa de 4000 caracteres",
                )
        return values

    @field_validator("files")
    @classmethod
    def _files(cls, values: list[str]) -> list[str]:
        return [check_template(v) for v in values]

    @field_validator("fields")
    @classmethod
    def _fields(cls, values: dict[str, FieldSource]) -> dict[str, FieldSource]:
        return check_record_fields(values)

    @field_validator("params")
    @classmethod
    def _params(cls, values: dict[str, str | int]) -> dict[str, str | int]:
        for value in values.values():
            if isinstance(value, str):
                check_template(value)
        return values
