"""A page's form as the request a browser would send on submitting it: the listing's
"Siguiente", an ASP.NET postback of a pager or of an item's button.

Scrapy deprecated ``FormRequest.from_response`` (it points at the form2request
library, not a dependency here); this builds the same request from the same rules: the
form found by an XPath (or CSS) expression, or the form around what it finds; the
values a browser sends (text fields, textareas, a select's chosen option or its first,
checked boxes and radios; no submit, image or reset button); the given data in place of
the form's own values of those names; the clicked button's name and value when one is
asked for; the form's ``action`` (with the page's base) and its method (GET unless POST)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from parsel.csstranslator import HTMLTranslator
from scrapy.http import FormRequest, TextResponse
from w3lib.html import strip_html5_whitespace

_REGEX = {"re": "http://exslt.org/regular-expressions"}
_SENT = (
    "descendant::textarea|descendant::select|descendant::input[not(@type) or @type["
    ' not(re:test(., "^(?:submit|image|reset)$", "i"))'
    ' and (../@checked or not(re:test(., "^(?:checkbox|radio)$", "i")))]]'
)


def form_request(
    response: TextResponse,
    *,
    formxpath: str | None = None,
    formcss: str | None = None,
    formdata: Mapping[str, str] | None = None,
    clickdata: Mapping[str, str] | None = None,
    dont_click: bool = False,
    **kwargs: Any,
) -> FormRequest:
    """The request submitting the form ``formxpath`` (or ``formcss``) finds on
    ``response``; ``kwargs`` go to the request (callback, cb_kwargs, headers…). Raises
    ValueError when the page has no such form, or ``clickdata`` names no single control."""
    if formcss is not None:
        formxpath = HTMLTranslator().css_to_xpath(formcss)
    form = _form(response, formxpath)
    data = dict(formdata or {})
    values: list[tuple[str, Any]] = []
    for element in form.xpath(_SENT, namespaces=_REGEX):
        name, value = _value(element)
        if name and name not in data:
            values.append((name, "" if value is None else value))
    if not dont_click:
        clicked = _clicked(form, clickdata)
        if clicked is not None and clicked[0] is not None and clicked[0] not in data:
            values.append(clicked)
    values += [(k, v) for k, v in data.items() if v is not None]
    kwargs.setdefault("encoding", response.encoding)
    action = form.get("action")
    url = form.base_url if action is None else _joined(form.base_url, action)
    method = (form.method or "GET").upper()
    if method not in FormRequest.valid_form_methods:
        method = "GET"
    return FormRequest(url=url, method=method, formdata=values, **kwargs)


def _joined(base: str, action: str) -> str:
    return urljoin(base, strip_html5_whitespace(action))


def _form(response: TextResponse, formxpath: str | None) -> Any:
    root = response.selector.root
    if not root.xpath("//form"):
        raise ValueError(f"No <form> element found in {response}")
    if formxpath is None:
        return root.xpath("//form")[0]
    found = root.xpath(formxpath)
    element = found[0] if found else None
    while element is not None:  # the form itself, or the form around what was found
        if element.tag == "form":
            return element
        element = element.getparent()
    raise ValueError(f"No <form> element found with {formxpath}")


def _value(element: Any) -> tuple[str | None, Any]:
    name, value = element.name, element.value
    if element.tag == "select" and value is None and not element.multiple:
        options = element.value_options  # a browser sends the first option
        return (name, options[0]) if options else (None, None)
    return name, value


def _clicked(form: Any, clickdata: Mapping[str, str] | None) -> tuple[str, str] | None:
    """The submitting control: the one ``clickdata``'s attributes name, else the first;
    none in a form without a submit control."""
    controls = form.xpath(
        'descendant::input[re:test(@type, "^(submit|image)$", "i")]'
        '|descendant::button[not(@type) or re:test(@type, "^submit$", "i")]',
        namespaces=_REGEX,
    )
    if not controls:
        return None
    if clickdata is None:
        return controls[0].get("name"), controls[0].get("value") or ""
    path = ".//*" + "".join(f'[@{k}="{v}"]' for k, v in clickdata.items())
    found = form.xpath(path)
    if len(found) != 1:
        how = "Multiple elements found" if found else "No clickable element"
        raise ValueError(f"{how} matching the criteria in clickdata: {dict(clickdata)!r}")
    return found[0].get("name"), found[0].get("value") or ""
