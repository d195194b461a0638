"""Templates in specs: ``{idVT}``, ``{datos.id}`` (a JSON path into the record),
``{page}``, ``{offset}``, ``{since:%d/%m/%Y}``. A placeholder with no value renders as
empty text, so an optional query parameter can simply be left out. ``{archivoURL:stem}``
is the last part of a path without its extension (``1/2023/10/2_309928_7324.docx`` →
``2_309928_7324``): the name a service asks for when its records give the stored path.
``{[3]:href}`` and ``{[0]:text}`` read a cell of HTML (a DataTables row, a list of
cells): its first link's address, its words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

from crawlers.jsonpath import absent, read_path
from crawlers.links import clean_link

_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}")


STEM = "stem"
# a record's cell of HTML, as a DataTables table's rows carry it
# (``"<a href='docs/45.pdf' target='_blank'>Ver</a>"``): ``:href``, the address of its
# first link (a script's ``javascript:abrir('x.pdf')`` read as ``clean_link`` reads it);
# ``:text``, its words without the markup (``<b>45/2021</b>`` → ``45/2021``)
HREF, TEXT = "href", "text"
MAX_CELL_HTML = 20_000  # characters of a cell parsed for these: a cell, not a page


def _href(value: Any) -> str:
    html = str(value)[:MAX_CELL_HTML]
    if "<" not in html:
        return ""
    found = Selector(text=html).xpath("(//a/@href | //a/@onclick | //@src | //@data-url)")
    for attribute in found.getall():
        if link := clean_link(attribute):
            return link
    return ""


def _text(value: Any) -> str:
    html = str(value)[:MAX_CELL_HTML]
    if "<" not in html:
        return " ".join(html.split())
    return " ".join(" ".join(Selector(text=html).xpath("//body//text()").getall()).split())


def _stem(value: Any) -> str:
    """The last segment of a path or address, without its query and extension."""
    name = str(value).split("?", 1)[0].split("#", 1)[0].rstrip("/")
    name = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name.strip(".") else name


def _format(value: Any, spec: str | None) -> str:
    """A value as a template writes it: a list, its items' texts (one level: lists and
    objects inside it, at any depth, are none); an object, nothing (its repr is no part
    of an address or a title)."""
    if isinstance(value, list):
        return " ".join(
            text for v in value if not isinstance(v, (list, dict)) and (text := _format(v, spec))
        )
    if value is None or value == "" or isinstance(value, dict):
        return ""  # no value: none to pad or to write as a number (``{size:03d}`` unset)
    if spec == STEM:
        return _stem(value)
    if spec == HREF:
        return _href(value)
    if spec == TEXT:
        return _text(value)
    if isinstance(value, dt.date) and not spec:
        return value.isoformat()
    try:
        return format(value, spec) if spec else str(value)  # a date's format is strftime's
    except (ValueError, OverflowError) as exc:  # a record's text given ``05d``, …
        raise TemplateValueError(
            f"the value {str(value)[:80]!r} ({type(value).__name__}) does not take the "
            f"format {spec!r}"
        ) from exc


class TemplateValueError(ValueError):
    """A record's value the placeholder's format does not fit (``{numero:05d}`` given the
    text "A-12"): the spec loaded (the format fits a number), this record's value does
    not; a spider counts it and leaves the value out, never stops on it."""


def render(template: str, variables: Mapping[str, Any], record: Any = None) -> str:
    """Fill ``template`` from ``variables`` (page, window…) or paths into ``record``;
    TemplateValueError names the placeholder whose format a record's value does not fit."""

    def value(match: re.Match[str]) -> str:
        name, spec = match[1].strip(), match[2]
        try:
            if name in variables:
                return _format(variables[name], spec)
            return _format(read_path(record, name), spec) if record is not None else ""
        except TemplateValueError as exc:
            raise TemplateValueError(f"{match[0]}: {exc}") from None

    return _PLACEHOLDER.sub(value, template)


def render_complete(template: str, variables: Mapping[str, Any], record: Any = None) -> str | None:
    """``render``, or None when a placeholder has no value (a record without a file
    must not become a link to the folder)."""
    for match in _PLACEHOLDER.finditer(template):
        name = match[1].strip()
        found = variables.get(name) if name in variables else read_path(record, name)
        if absent(found):
            return None
    return render(template, variables, record)


def empty_values(template: str, variables: Mapping[str, Any], record: Any = None) -> list[str]:
    """The record's values a template names that are empty (null, missing, blank): why
    ``render_complete`` gave None."""
    names = (match[1].strip() for match in _PLACEHOLDER.finditer(template))
    return [n for n in dict.fromkeys(names) if n not in variables and absent(read_path(record, n))]


def render_all(templates: Mapping[str, Any], variables: Mapping[str, Any]) -> dict[str, str]:
    """Render each template; parameters that render empty are left out."""
    out: dict[str, str] = {}
    for name, template in templates.items():
        text = render(str(template), variables)
        if text != "":
            out[name] = text
    return out


def render_json(value: Any, variables: Mapping[str, Any]) -> Any:
    """Render the strings inside a JSON body; a string that is exactly ``{page}`` keeps
    the variable's type (a number stays a number)."""
    if isinstance(value, str):
        whole = _PLACEHOLDER.fullmatch(value)
        if whole and whole[1] in variables and not whole[2]:
            found = variables[whole[1]]
            return found.isoformat() if isinstance(found, dt.date) else found
        return render(value, variables)
    if isinstance(value, dict):
        return {k: render_json(v, variables) for k, v in value.items()}
    if isinstance(value, list):
        return [render_json(v, variables) for v in value]
    return value


def with_query(url: str, params: Mapping[str, str]) -> str:
    """``url`` with these query parameters set (others kept, order kept)."""
    if not params:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))
