"""Source specs: what to collect from a site and how (DESIGN.md §5).

A spec is YAML (``config/sources/*.yaml``) or JSON through the API. Selectors are
strings ``css:…`` or ``xpath:…`` (CSS by default), or a mapping with ``select`` and
options. A spec that does not validate is refused with a message naming the field.

    id: tribunal-gto-sentencias
    kind: sentencia
    institution: Poder Judicial del Estado de Guanajuato
    jurisdiction: MX-GUA
    shape: html_listing
    start_urls: ["${ABIERTO_SAMPLES_URL:-http://127.0.0.1:8765}/tribunal/sentencias/"]
    listing:
      items: "css:table.sentencias tbody tr"
      link: "css:a.pdf::attr(href)"
      next_page: "css:a.siguiente::attr(href)"
      fields:
        expediente: "css:td.expediente::text"
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from config.jurisdictions import check_jurisdiction
from config.legislatures import calendar_known
from config.selector import Selector
from config.selector import selector_shorthand as _selector
from config.spanish_errors import Invalid, field_loc, joined, reason, shown
from config.spec_shapes import (
    FeedRules,
    Identity,
    JsonApiRules,
    SitemapRules,
    VideoChannelRules,
    WindowRules,
    check_formats,
    check_regex,
    check_template,
)
from config.spec_yaml import SpecYamlError, load_yaml, yaml_problem
from config.start_dates import StartDates, check_dated_urls, is_dated
from config.web_urls import (
    MAX_URL_CHARS,
    authority_port,
    bracket_problem,
    lower_scheme,
    port_problem,
)

_VALUE_STEP = re.compile(r"/@[\w*-]+$|/text\(\)$|^@")

SPEC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")
_ENV_REF = re.compile(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}?")
MAX_DEPTH = 32
MAX_VALUES = 20_000
MAX_LINK_FALLBACKS = 8
MAX_DATED_START_URLS = 10
# items read on one listing page: the Senado's real sessions page lists 182 on one page,
# court grids tens; each request scheduled holds ~6 KB until fetched, so the default is
# ~30 MB and the ceiling ~120 MB, under ABIERTO_CRAWL_MAX_MEMORY_MB's default
MAX_LISTING_ITEMS = 5_000
MAX_LISTING_ITEMS_CEILING = 20_000

# Fields a spec may fill, per kind (the document model's own fields).
SPEC_FIELDS: dict[str, frozenset[str]] = {
    "common": frozenset({"title", "date", "institution", "text"}),
    "sentencia": frozenset(
        {
            "court",
            "expediente",
            "matter",
            "resolution_date",
            "ponente",
            "proceeding",
            "judgment_type",
            "ruling",
        }
    ),
    "sesion": frozenset(
        {
            "congress",
            "legislature",
            "chamber",
            "session_type",
            "session_number",
            "sitting",
            "period",
            "agenda",
            "video_urls",
            "live_video_urls",
            "video_platform",
            "stenographic_urls",
        }
    ),
    "legislativo": frozenset(
        {"doc_type", "number", "legislature", "authors", "committee", "status"}
    ),
}
URL_FIELDS = frozenset({"video_urls", "live_video_urls", "stenographic_urls"})
LIST_FIELDS = frozenset({"agenda", "video_urls", "live_video_urls", "stenographic_urls", "authors"})
# what a document of each kind is called in a sentence
KIND_NAMES = {
    "sentencia": "una sentencia",
    "sesion": "una sesión",
    "legislativo": "un documento legislativo",
}


def outside_allowed_domains(urls: list[str], domains: list[str]) -> list[tuple[int, str]]:
    """(position, URL) of the URLs a spider limited to ``domains`` (and their subdomains)
    may not fetch; none when no domains are given."""
    if not domains:
        return []
    allowed = [d.lower() for d in domains]
    outside = []
    for n, url in enumerate(urls):
        host = (urlsplit(url).hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in allowed):
            outside.append((n, url))
    return outside


def _form_read(data: Any) -> Any:
    """A form given as a bare selector string, read as a selector (next_form, each_option)."""
    if isinstance(data, dict) and "form" in data:
        data = dict(data)
        data["form"] = _selector(data["form"])
    return data


class SpecError(ValueError):
    """A source spec that cannot be used; the message names the field."""


class PageRules(BaseModel):
    """Fields and file links read from one kind of page."""

    model_config = ConfigDict(extra="forbid")

    fields: dict[str, Selector] = Field(default_factory=dict)
    files: Selector | None = Field(None, description="Links to attachments (PDFs).")
    text: Selector | None = Field(
        None, description="The element holding the main text; default: main-text extraction."
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            if isinstance(data.get("fields"), dict):
                data["fields"] = {k: _selector(v) for k, v in data["fields"].items()}
            for key in ("files", "text"):
                if key in data:
                    data[key] = _selector(data[key])
        return data


class NextForm(BaseModel):
    """The next page is what a form answers: its fields (hidden ones included, as
    ``__VIEWSTATE``) are sent with ``data`` on top, as a browser would on a click."""

    model_config = ConfigDict(extra="forbid")

    form: Selector = Field(description="The form element, e.g. 'css:form#frmBusqueda'.")
    click: str | None = Field(
        None, description="Name of the submit control to click; paging ends when it is "
        "absent or disabled.",
    )  # fmt: skip
    postback: str | None = Field(
        None, description="ASP.NET paging by __doPostBack: the grid whose pager links "
        "('Page$N', 'Page$Next') page it (e.g. 'ctl00$ContentPlaceHolder1$gdvPenal'), or "
        "a 'Siguiente' LinkButton's name; paging ends when the page offers no next one.",
    )  # fmt: skip
    update_panel: str | None = Field(
        None, description="ASP.NET AJAX: the UpdatePanel (its UniqueID, e.g. "
        "'ctl00$ContentPlaceHolder1$upListado') the postback or click refreshes; the "
        "form is posted back as the browser's script does (partial postback) and the "
        "site's delta answer applied to the page.",
    )  # fmt: skip
    data: dict[str, str] = Field(
        default_factory=dict, description="Fields to set, templates with {page}."
    )

    @field_validator("data")
    @classmethod
    def _data(cls, value: dict[str, str]) -> dict[str, str]:
        return check_formats(value)

    @model_validator(mode="after")
    def _one_control(self) -> NextForm:
        if self.click and self.postback:
            raise Invalid(
                "next_form takes click or postback, not both",
                "next_form lleva click (un botón) o postback (un paginador), no ambos",
                where="postback",
            )
        if self.update_panel is not None and not (self.click or self.postback):
            raise Invalid(
                "next_form.update_panel needs the postback or click it refreshes",
                "next_form.update_panel necesita el postback o el botón (click) que lo actualiza",
                where="update_panel",
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _form_read(data)


MAX_OPTIONS = 200


class EachOption(BaseModel):
    """A listing reached through a form's ``<select>`` (a year, a sala, a legislature):
    the form is submitted once with each of its options, as a browser would on choosing
    it (an ASP.NET ``AutoPostBack`` dropdown posts the form back with its own
    ``__VIEWSTATE`` and ``__EVENTVALIDATION``), and each answer is read as a listing's
    first page, paged as the spec says. The start page only gives the form. At most
    ``max_options`` options are asked for (the rest is a counted ``limit_reached``), so a
    crawl sends at most ``max_options`` × ``max_pages`` listing requests; an option that
    names a year outside ``--since``/``--until`` is not asked for."""

    model_config = ConfigDict(extra="forbid")

    form: Selector = Field(
        default_factory=lambda: Selector(select="css:form"),
        description="The form holding the select, e.g. 'css:form#form1'.",
    )
    select: str = Field(
        min_length=1, max_length=200,
        description="The select's name, e.g. 'ctl00$ContentPlaceHolder1$ddlAnio'.",
    )  # fmt: skip
    postback: bool = Field(
        False, description="Post with the select as __EVENTTARGET (an ASP.NET AutoPostBack "
        "dropdown, onchange=__doPostBack), as choosing it in a browser does.",
    )  # fmt: skip
    click: str | None = Field(
        None, description="Name of the submit control to click with each option (Buscar)."
    )
    keep: str | None = Field(
        None, description="Regex an option's value or text must match (e.g. '^20\\d\\d$'); "
        "by default every option with a value (not a «Seleccione…» without one).",
    )  # fmt: skip
    max_options: int = Field(30, ge=1, le=MAX_OPTIONS)

    @field_validator("keep")
    @classmethod
    def _keep(cls, value: str | None) -> str | None:
        return check_regex(value)

    @model_validator(mode="after")
    def _one_control(self) -> EachOption:
        if self.click and self.postback:
            raise Invalid(
                "each_option takes click or postback, not both",
                "each_option lleva click (un botón) o postback (la lista envía el "
                "formulario al elegir), no ambos",
                where="postback",
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return _form_read(data)


class LinkPostback(BaseModel):
    """An item whose link is a control posting the listing's form back (an ASP.NET
    ImageButton, Button or LinkButton) rather than an address: the answer to that one
    post holds the document's address, in a viewer's frame or a link."""

    model_config = ConfigDict(extra="forbid")

    button: Selector = Field(
        description="In the item, the control a browser clicks: an <input type=image|submit> "
        "or an <a href=\"javascript:__doPostBack(…)\">, e.g. 'css:input[name$=ImgBtnSentencia]'."
    )
    form: Selector = Field(
        default_factory=lambda: Selector(select="css:form"),
        description="The listing's form, posted back with its own __VIEWSTATE.",
    )
    document: Selector = Field(
        default_factory=lambda: Selector(
            select="xpath://iframe/@src | //embed/@src | //object/@data"
        ),
        description="In the answer, the document's address: a frame's src by default.",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for key in ("button", "form", "document"):
                if key in data:
                    data[key] = _selector(data[key])
        return data

    @model_validator(mode="after")
    def _an_element(self) -> LinkPostback:
        expression = self.button.expression.replace(" ", "")
        if "::attr(" in expression or "::text" in expression or _VALUE_STEP.search(expression):
            raise Invalid(
                "link_postback.button must select the control element, not an attribute or text",
                "link_postback.button debe elegir el control que se pulsa (un input o un "
                "enlace), no uno de sus atributos ni su texto",
                where="button",
            )
        return self


class ListingRules(PageRules):
    """A listing page: the repeated items, the link from an item to its document, the next page."""

    items: Selector
    link: Selector | None = Field(
        None, description="From an item to its document: a detail page or the file itself."
    )
    link_fallback: list[Selector] = Field(
        default_factory=list, description="When listing.link finds nothing in an item, "
        "these in order: the first that finds a link gives the document (a session's "
        "transcript not yet published, its record or agenda instead).",
    )  # fmt: skip
    link_postback: LinkPostback | None = Field(
        None, description="When an item has no link (listing.link matched nothing), the "
        "control that posts the form back for its document (ASP.NET).",
    )  # fmt: skip
    each_option: EachOption | None = Field(
        None, description="A listing per option of a form's select (a year): the form is "
        "submitted with each, and each answer read and paged as a listing.",
    )  # fmt: skip
    next_page: Selector | None = None
    next_form: NextForm | None = Field(
        None, description="Pagination by submitting a form (legacy ASP/JSP/PHP sites)."
    )
    next_query: dict[str, str] | None = Field(
        None, description="Pagination by query string: {pagina: '{page}'} on the same URL."
    )
    max_pages: int = Field(50, ge=1, le=10_000)
    max_items: int = Field(
        MAX_LISTING_ITEMS, ge=1, le=MAX_LISTING_ITEMS_CEILING,
        description="Items read on one listing page (a real one lists tens to a few "
        "hundred): those after it are a counted limit_reached, so a page of 10^5 links "
        "cannot hold the crawl's memory with the requests it would schedule.",
    )  # fmt: skip
    newest_first: bool = Field(
        False, description="Items are listed newest first: paging stops before --since."
    )

    @model_validator(mode="before")
    @classmethod
    def _listing_shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for key in ("items", "link", "next_page"):
                if key in data:
                    data[key] = _selector(data[key])
            if isinstance(data.get("link_fallback"), list):
                data["link_fallback"] = [_selector(v) for v in data["link_fallback"]]
        return data

    @model_validator(mode="after")
    def _fallback_after_link(self) -> ListingRules:
        if self.link_fallback and self.link is None:
            raise Invalid(
                "link_fallback needs listing.link (what it stands in for)",
                "link_fallback necesita listing.link: es lo que se prueba cuando el enlace "
                "de listing.link falta",
                where="link_fallback",
            )
        if len(self.link_fallback) > MAX_LINK_FALLBACKS:
            raise Invalid(
                f"link_fallback takes at most {MAX_LINK_FALLBACKS} selectors",
                f"link_fallback admite como máximo {MAX_LINK_FALLBACKS} selectores",
                where="link_fallback",
            )
        return self

    @model_validator(mode="after")
    def _one_pagination(self) -> ListingRules:
        given = [n for n in ("next_page", "next_form", "next_query") if getattr(self, n)]
        if len(given) > 1:
            raise Invalid(
                "use one of next_page, next_form, next_query",
                "use una sola forma de pasar de página: next_page, next_form o next_query",
                where=given[1],
            )
        return self

    @field_validator("next_query")
    @classmethod
    def _next_query(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for template in (value or {}).values():
            check_template(template)
        return value


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    every_hours: float = Field(24, gt=0, le=24 * 90)


class SourceSpec(BaseModel):
    """One source: a site (or feed, or channel) of one institution, for one kind of document."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Literal["sentencia", "sesion", "legislativo"]
    institution: str = Field(min_length=2)
    jurisdiction: str
    shape: Literal["html_listing", "feed", "sitemap", "video_channel", "json_api"] = "html_listing"
    start_urls: list[str] = Field(min_length=1)
    start_dates: StartDates | None = Field(
        None, description="A source organised by date: the range and step its start URLs' "
        "{date:…} (and {legislature}) are written with (config/start_dates.py).",
    )  # fmt: skip
    listing: ListingRules | None = None
    feed: FeedRules | None = None
    sitemap: SitemapRules | None = None
    video_channel: VideoChannelRules | None = None
    json_api: JsonApiRules | None = None
    detail: PageRules | None = None
    identity: Identity | None = None
    window: WindowRules | None = None
    verified: bool = Field(
        False,
        description="A person compared what this spec extracts with its real source (a live "
        "crawl or a saved copy of the site's own pages) and found it right. Only shown: "
        "'abierto sources' marks the others (sin verificar), 'abierto crawl' reminds about "
        "them; it changes nothing in how a spec crawls (see README).",
    )
    constants: dict[str, str | list[str]] = Field(default_factory=dict)
    required: list[str] = Field(
        default_factory=list, description="Fields an item must have, or it is a crawl error."
    )
    schedule: Schedule = Field(default_factory=Schedule)
    privacy: Literal["mask", "flag", "withhold"] = Field(
        "mask",
        description="Personal data found in a document: mask them ([DATO PERSONAL]), "
        "flag them (shown, marked) or withhold the document until reviewed.",
    )
    allowed_domains: list[str] = Field(default_factory=list)
    description: str = ""

    @model_validator(mode="before")
    @classmethod
    def _literal_and_bounded(cls, data: Any) -> Any:
        check_literal_and_bounded(data)
        return data

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not SPEC_ID.fullmatch(value):
            raise Invalid(
                "expected 3-64 characters of lowercase letters, digits and hyphens, "
                "e.g. 'congreso-gto-sesiones'",
                "debe tener de 3 a 64 caracteres: letras minúsculas sin acentos, cifras y "
                "guiones, sin guion al principio ni al final (p. ej. 'congreso-gto-sesiones')",
            )
        return value

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str) -> str:
        return check_jurisdiction(value)

    @field_validator("start_urls")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        values = [lower_scheme(url) for url in values]
        for n, url in enumerate(values):
            if not re.match(r"^https?://[^/\s]+", url):
                raise Invalid(
                    f"{shown(url)!r} is not an http(s) URL",
                    f"«{shown(url)}» no es una dirección que empiece por http:// o https://",
                )
            if len(url) > MAX_URL_CHARS:
                raise Invalid(
                    f"the address has {len(url)} characters, more than the {MAX_URL_CHARS} "
                    "the crawl requests: it would read nothing",
                    f"la dirección tiene {len(url)} caracteres, más de los {MAX_URL_CHARS} que "
                    "el rastreo pide: no leería nada; acórtela (por ejemplo, quite parámetros "
                    "que no cambian la página)",
                    where=str(n),
                )
            authority = re.match(r"^https?://([^/?#]*)", url)[1]  # type: ignore[index]
            bad_host = bracket_problem(authority)
            if bad_host:
                raise Invalid(*bad_host, where=str(n))
            bad_port = port_problem(authority_port(authority))
            if bad_port:
                raise Invalid(*bad_port, where=str(n))
            # a backslash before the @ is refused by the address guard, which says why
            if "@" in authority and "\\" not in authority:
                # unquoted: the password would be echoed in the error and the audit log
                raise Invalid(
                    "an address may not carry a user or password (user:password@host): "
                    "the downloader refuses it and every document's address would publish "
                    "it; send credentials in headers",
                    "la dirección no puede llevar usuario ni contraseña "
                    "(usuario:contraseña@servidor): el descargador la rechaza y la dirección "
                    "de cada documento los publicaría; envíelos en headers",
                )
        return values

    @model_validator(mode="after")
    def _blocks_fit_shape(self) -> SourceSpec:
        for block in _BLOCK_SHAPES:
            if getattr(self, block) is not None and block != _SHAPE_BLOCKS.get(self.shape):
                raise Invalid(
                    f"only used with shape: {_BLOCK_SHAPES[block]} "
                    f"(this spec has shape: {self.shape})",
                    f"este bloque solo se usa con shape: {_BLOCK_SHAPES[block]} (esta "
                    f"especificación tiene shape: {self.shape})",
                    where=block,
                )
        for shape, block in (("html_listing", "listing"), ("json_api", "json_api")):
            if self.shape == shape and getattr(self, block) is None:
                raise Invalid(
                    f"Field required (a {shape} spec needs its rules)",
                    f"falta este bloque: una especificación con shape: {shape} necesita sus reglas",
                    where=block,
                )
        if self.shape == "video_channel" and self.kind != "sesion":
            raise Invalid(
                "a video_channel spec collects sessions (kind: sesion)",
                "una especificación video_channel recoge sesiones: escriba kind: sesion",
                where="kind",
            )
        return self

    @model_validator(mode="after")
    def _start_urls_allowed(self) -> SourceSpec:
        """A start URL the spider may not fetch would make a crawl that reads nothing."""
        outside = outside_allowed_domains(self.start_urls, self.allowed_domains)
        if outside:
            n, url = outside[0]
            domains = shown(", ".join(self.allowed_domains), 200)
            raise Invalid(
                f"{shown(url)!r} is outside allowed_domains ({domains}); the crawl would "
                "fetch nothing",
                f"«{shown(url)}» está fuera de allowed_domains ({domains}): el rastreo no "
                "obtendría nada",
                where=f"start_urls.{n}",
            )
        return self

    @model_validator(mode="after")
    def _dated_start_urls(self) -> SourceSpec:
        """Start URLs by date: templates the expansion can fill, few enough that the
        bounded expansion reaches every one of them."""
        check_dated_urls(self.start_urls, self.start_dates, calendar_known(self.jurisdiction))
        dated = [n for n, url in enumerate(self.start_urls) if is_dated(url)]
        if len(dated) > MAX_DATED_START_URLS:
            raise Invalid(
                f"at most {MAX_DATED_START_URLS} start URLs with dates",
                f"a lo sumo {MAX_DATED_START_URLS} direcciones de inicio con fechas",
                where=f"start_urls.{dated[MAX_DATED_START_URLS]}",
            )
        return self

    def rules(self) -> Any:
        """This shape's rule block (defaults when the spec left it out)."""
        block = _SHAPE_BLOCKS[self.shape]
        value = getattr(self, block)
        return value if value is not None else _DEFAULT_BLOCKS[block]()

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> SourceSpec:
        allowed = SPEC_FIELDS["common"] | SPEC_FIELDS[self.kind]
        some = KIND_NAMES[self.kind]
        named: list[tuple[str, Any]] = []
        for block in ("listing", "detail", "feed", "video_channel", "json_api"):
            rules = getattr(self, block)
            if rules is not None:
                named += [(f"{block}.fields.{name}", name) for name in rules.fields]
        if self.json_api is not None and self.json_api.detail is not None:
            named += [(f"json_api.detail.fields.{n}", n) for n in self.json_api.detail.fields]
        if self.sitemap is not None:
            for n, rule in enumerate(self.sitemap.rules):
                named += [(f"sitemap.rules.{n}.constants.{k}", k) for k in rule.constants]
        if self.identity is not None:
            named += [(f"identity.key.{n}", k) for n, k in enumerate(self.identity.key)]
        for where, name in named:
            if name not in allowed:
                raise _not_a_field(self.kind, some, allowed, where)
        for n, name in enumerate(self.required):
            if name not in allowed:
                raise _not_a_field(self.kind, some, allowed, f"required.{n}", name)
        for name in self.constants:
            if name not in allowed - {"text"}:
                raise _not_a_field(self.kind, some, allowed - {"text"}, f"constants.{name}")
        return self


def _not_a_field(
    kind: str, some: str, allowed: frozenset[str], where: str, name: str | None = None
) -> Invalid:
    listed = ", ".join(sorted(allowed))
    named = f"«{shown(name)}» " if name is not None else ""
    return Invalid(
        f"{shown(name)!r} is not a field of a {kind}; expected some of {listed}"
        if name is not None
        else f"not a field of a {kind}; expected one of {listed}",
        f"{named}no es un campo de {some}; los campos posibles son: {listed}",
        where=where,
    )


_SHAPE_BLOCKS: dict[str, str] = {
    "html_listing": "listing",
    "feed": "feed",
    "sitemap": "sitemap",
    "video_channel": "video_channel",
    "json_api": "json_api",
}
_BLOCK_SHAPES = {block: shape for shape, block in _SHAPE_BLOCKS.items()}
_DEFAULT_BLOCKS: dict[str, Any] = {
    "feed": FeedRules,
    "sitemap": SitemapRules,
    "video_channel": VideoChannelRules,
}


def check_literal_and_bounded(data: Any) -> None:
    """A spec is data: ``${NAME}`` is expanded only in the operator's own files, before
    they are parsed (``load_spec``), so one left in a spec (sent through the API, or stored
    and read again by the worker) is refused rather than sent to a site; nesting and size
    are bounded so a hostile body cannot exhaust validation. Walked without recursion."""
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    seen = 0
    while pending:
        path, value = pending.pop()
        seen += 1
        where = ".".join(str(p) for p in path)
        if seen > MAX_VALUES:
            raise Invalid(
                f"a spec holds at most {MAX_VALUES} values",
                f"una especificación tiene a lo sumo {MAX_VALUES} valores",
            )
        if len(path) > MAX_DEPTH:
            raise Invalid(
                f"nested deeper than {MAX_DEPTH} levels",
                f"está anidado a más de {MAX_DEPTH} niveles",
                where=shown(where, 200),
            )
        if isinstance(value, dict):
            pending += [((*path, str(k)), v) for k, v in value.items()]
            pending += [((*path, str(k)), k) for k in value if isinstance(k, str)]
        elif isinstance(value, list | tuple):
            pending += [((*path, n), v) for n, v in enumerate(value)]
        elif isinstance(value, str) and (found := _PLACEHOLDER.search(value)):
            raise Invalid(
                f"{shown(found[0])!r} is not expanded: values of the server's environment "
                "are never put into a spec; write the value itself",
                f"«{shown(found[0])}»: los valores del entorno del servidor nunca entran en "
                "una especificación, así que no se sustituye: escriba el valor",
                where=shown(where, 200) or None,
            )


def expand_env(text: str) -> str:
    """Replace ``${NAME}`` and ``${NAME:-default}`` with environment values."""
    return _ENV_REF.sub(lambda m: os.environ.get(m.group(1)) or (m.group(2) or ""), text)


@dataclass(frozen=True)
class Problem:
    """One reason a spec is refused: the field's path, pydantic's English ``msg`` and
    ``type``, and the Spanish ``mensaje`` a person reads (naming the field)."""

    loc: tuple[str | int, ...]
    msg: str
    type: str
    mensaje: str


def error_items(exc: ValidationError) -> list[Problem]:
    """One problem per refused field. Checks across fields name the field they blame
    (``Invalid.where``), which joins the path; the branches of a union refused alike
    (``constants.court``: neither text nor a list) are one problem."""
    problems: dict[tuple[str | int, ...], tuple[Problem, list[str]]] = {}
    for error in exc.errors(include_url=False):
        loc = field_loc(error)
        cause = (error.get("ctx") or {}).get("error")
        message = cause.english if isinstance(cause, Invalid) else error["msg"]
        message = message.removeprefix("Value error, ")
        why = reason(error)
        if loc in problems:
            problems[loc][1].append(why)
            continue
        problems[loc] = (Problem(loc, message, error["type"], ""), [why])
    return [
        Problem(p.loc, p.msg, p.type, _with_path(p.loc, joined(whys)))
        for p, whys in problems.values()
    ]


def _with_path(loc: tuple[str | int, ...], why: str) -> str:
    """``listing.fields.title: …``: a selector's ``select`` is the selector itself."""
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[-1] == "select":
        parts.pop()
    return f"{'.'.join(parts)}: {why}" if parts else why


def describe_error(exc: ValidationError) -> str:
    """The problems in Spanish, each naming its field: ``listing.items: falta este dato``."""
    return "; ".join(problem.mensaje for problem in error_items(exc))


def parse_spec(data: Any, origin: str = "especificación") -> SourceSpec:
    if not isinstance(data, dict):
        raise SpecError(
            f"{origin}: una especificación de fuente debe ser un objeto de campos (clave: valor)"
        )
    try:
        return SourceSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(f"{origin}: {describe_error(exc)}") from exc


def load_spec(path: Path) -> SourceSpec:
    """An operator's spec file: ``${NAME}`` expanded from the environment, then read as
    bounded plain YAML (``config/spec_yaml.py``)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(
            f"{path.name}: el archivo no está en UTF-8 (el byte {exc.start} es "
            f"{exc.object[exc.start]:#04x}): guárdelo como UTF-8"
        ) from exc
    except OSError as exc:
        raise SpecError(f"{path.name}: no se puede leer ({exc.strerror})") from exc
    try:
        data = load_yaml(expand_env(text))
    except SpecYamlError as exc:
        raise SpecError(f"{path.name}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SpecError(f"{path.name}: no es YAML válido: {yaml_problem(exc)}") from exc
    return parse_spec(data, origin=path.name)


def bundled_sources_dir() -> Path:
    return Path(__file__).parent / "sources"


def read_specs(folder: Path | None = None) -> tuple[list[SourceSpec], list[str]]:
    """Every spec of a folder that reads, and why each other file was skipped (in Spanish,
    naming the file): one file that no longer validates (an id with a line end, written
    before ids were matched whole) or repeats an id must not take the API (a 500 on every
    registration and on ``/fuentes``) or every other source's crawls down with it."""
    folder = folder or bundled_sources_dir()
    specs: list[SourceSpec] = []
    skipped: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            spec = load_spec(path)
        except SpecError as exc:
            skipped.append(f"se omitió {path.name}: la especificación no es válida ({exc})")
            continue
        if spec.id in seen:
            skipped.append(f"se omitió {path.name}: el id {spec.id!r} ya es de {seen[spec.id]}")
            continue
        seen[spec.id] = path.name
        specs.append(spec)
    return specs, skipped


def load_specs(folder: Path | None = None) -> list[SourceSpec]:
    """Every spec in a folder, in file order; ids must be unique."""
    folder = folder or bundled_sources_dir()
    specs: list[SourceSpec] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        spec = load_spec(path)
        if spec.id in seen:
            raise SpecError(f"{path.name}: el id «{spec.id}» ya es de {seen[spec.id]}")
        seen[spec.id] = path.name
        specs.append(spec)
    return specs
