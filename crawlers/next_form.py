"""The request for the next listing page of a spec that pages by posting a form
(``listing.next_form``), or why there is none. The crawl and the preview build it here
alike, so what a preview shows is what the crawl would send."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scrapy.http import FormRequest, TextResponse

from config.patterns import search
from config.specs import EachOption, NextForm
from crawlers.forms import form_request
from crawlers.postback import next_page_argument
from crawlers.selectors import select
from crawlers.templates import render_all
from crawlers.update_panel import HEADERS, post_data, script_manager


@dataclass(frozen=True)
class NextStep:
    """``request`` (with no callback yet) or, when None, ``stop`` in English and in
    Spanish; ``control`` names what a browser would click (``target``/``argument`` of
    a postback, or ``button``), empty when none was found."""

    request: FormRequest | None
    control: dict[str, str] = field(default_factory=dict)
    form_found: bool = True
    stop: tuple[str, str] | None = None


def next_form_step(
    listing: TextResponse, rules: NextForm, variables: dict[str, Any], **request: Any
) -> NextStep:
    """The form posted back as on a click of "Siguiente" or of the pager's next page;
    ``request`` goes to ``crawlers.forms.form_request`` (callback, cb_kwargs…). A form
    that it cannot use raises its ValueError."""
    forms = select(listing, rules.form, limit=1)  # the first is the one posted
    if not forms:
        return NextStep(
            None,
            form_found=False,
            stop=(
                "listing.next_form.form matched nothing on the page",
                "listing.next_form.form no encontró el formulario en la página",
            ),
        )
    where = {"formxpath" if rules.form.engine == "xpath" else "formcss": rules.form.expression}
    click: dict[str, Any] = {"dont_click": True}
    data = render_all(rules.data, variables)
    control: dict[str, str] = {}
    if rules.postback:
        argument = next_page_argument(listing, rules.postback, variables["page"] - 1)
        if argument is None:
            return NextStep(None, stop=_no_pager(rules.postback, variables["page"]))
        control = {"target": rules.postback, "argument": argument}
        data = {"__EVENTTARGET": rules.postback, "__EVENTARGUMENT": argument} | data
    elif rules.click:
        found = forms[0].xpath(".//*[@name=$name]", name=rules.click)
        if not found:
            return NextStep(None, stop=(
                f"the form has no control named {rules.click!r}",
                f"el formulario no tiene el botón «{rules.click}»",
            ))  # fmt: skip
        control = {"button": rules.click}
        if found[0].attrib.get("disabled") is not None:
            return NextStep(None, control, stop=(
                f"the control {rules.click!r} is disabled: this is the last page",
                f"el botón «{rules.click}» está deshabilitado: esta es la última página",
            ))  # fmt: skip
        click = {"clickdata": {"name": rules.click}}
    if rules.update_panel is not None:
        manager = script_manager(listing)
        if manager is None:
            return NextStep(None, control, stop=(
                "listing.next_form.update_panel: the page has no ScriptManager "
                "(PageRequestManager._initialize) to post a partial postback through",
                "listing.next_form.update_panel: la página no tiene ScriptManager "
                "(PageRequestManager._initialize) por el que enviar un postback parcial",
            ))  # fmt: skip
        clicked = rules.postback or rules.click or ""
        data = data | post_data(manager, rules.update_panel, clicked)
        request["headers"] = HEADERS | dict(request.get("headers") or {})
    made = form_request(listing, **where, **click, formdata=data, **request)
    return NextStep(made, control)


def _no_pager(target: str, page: int) -> tuple[str, str]:
    offered = f"'Page${page}', 'Page$Next' or a 'Siguiente' link"
    return (
        f"the page offers no __doPostBack to {target!r} with {offered}: this is the last page",
        f"la página no tiene ningún enlace __doPostBack a «{target}» con «Page${page}», "
        "«Page$Next» ni un «Siguiente»: esta es la última página",
    )


def numbered_page(argument: str) -> bool:
    """Whether a pager's argument names a page by its number (``Page$3``): a page the
    site says it has, unlike ``Page$Next`` or a "Siguiente" that may outlast the end."""
    return argument.startswith("Page$") and argument[5:].isdigit()


def pager_ignored(page: int, argument: str) -> str:
    """The crawl's error (``pager_ignored``) for a numbered pager's page that answered
    only items already read; ``crawlers.causas`` says it in Spanish."""
    return (
        f"listing page {page}: the pager offered {argument!r} and posting it answered only "
        "items already read (an earlier page again: a session lost, or the post ignored): "
        f"the pages from {page} on were not read"
    )


MAX_OPTIONS_READ = 5_000  # a select's options looked at: a year list has tens


def form_options(listing: TextResponse, rules: EachOption) -> list[tuple[str, str]] | str:
    """The options of ``listing.each_option``'s select a browser could choose, as
    (value, text), in the page's order, once each: those with a value (a «Seleccione…»
    without one is no listing) that ``keep`` accepts (by value or text). Or, in English,
    why there are none: no form, no such select, no option."""
    forms = select(listing, rules.form, limit=1)  # the first is the one posted
    if not forms:
        return "listing.each_option.form matched nothing"
    found = forms[0].xpath(".//select[@name=$name]", name=rules.select)
    if not found:
        return f"listing.each_option: the form has no select named {rules.select[:200]!r}"
    if rules.click and not forms[0].xpath(".//*[@name=$name]", name=rules.click):
        return f"listing.each_option: the form has no control named {rules.click[:200]!r}"
    options: dict[str, str] = {}
    for option in found[0].xpath(".//option")[:MAX_OPTIONS_READ]:
        text = " ".join(" ".join(option.xpath(".//text()").getall()).split())
        given = option.attrib.get("value")
        value = text if given is None else given  # a browser sends its text when no value
        if option.attrib.get("disabled") is not None or not value.strip() or value in options:
            continue
        if rules.keep and not (search(rules.keep, value) or search(rules.keep, text)):
            continue
        options[value] = text
    if not options:
        kept = f" that {rules.keep!r} keeps" if rules.keep else " with a value"
        return f"listing.each_option: the select {rules.select[:200]!r} offers no option{kept}"
    return list(options.items())


def option_request(
    listing: TextResponse, rules: EachOption, value: str, **request: Any
) -> FormRequest:
    """The form submitted with the select set to ``value``, as a browser does on
    choosing it: posted back with the select as ``__EVENTTARGET`` (``postback``), or with
    the ``click`` control, or as the form is; its own hidden fields (``__VIEWSTATE``,
    ``__EVENTVALIDATION``) go along."""
    where = {"formxpath" if rules.form.engine == "xpath" else "formcss": rules.form.expression}
    data = {rules.select: value}
    click: dict[str, Any] = {"dont_click": True}
    if rules.postback:
        data = {"__EVENTTARGET": rules.select, "__EVENTARGUMENT": ""} | data
    elif rules.click:
        click = {"clickdata": {"name": rules.click}}
    return form_request(listing, **where, **click, formdata=data, **request)


# what a listing says when the option chosen has nothing (a year with no sentences)
_NONE_FOUND = re.compile(
    r"\bno se (?:encontr|hall)\w* (?:ning[uú]n )?(?:registros?|resultados?|documentos?|"
    r"sentencias?|coincidencias|informaci[oó]n)|\bno (?:hay|existen) (?:registros|resultados|"
    r"documentos|sentencias)|\bsin (?:registros|resultados)\b|\b0 registros\b",
    re.IGNORECASE,
)
MAX_TEXT_LOOKED = 200_000  # characters of a page's text searched for it


def says_none(listing: TextResponse) -> bool:
    """Whether an option's listing without items says it has none (its own «No se
    encontraron registros»): no selector at fault, and nothing lost."""
    text = " ".join(listing.xpath("//body//text()[not(ancestor::script)]").getall()[:5_000])
    return bool(_NONE_FOUND.search(text[:MAX_TEXT_LOOKED]))


def option_ignored(option: str) -> str:
    """The crawl's error (``option_ignored``); ``crawlers.causas`` says it in Spanish."""
    return (
        f"listing.each_option: the form posted with option {option[:80]!r} answered only "
        "items already read (another option's listing again: the post ignored, or a "
        "session lost): that option's listing was not read"
    )
