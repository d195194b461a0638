"""ASP.NET pagers: a GridView (or DetailsView, FormView) pages itself through links
``javascript:__doPostBack('ctl00$…$gdvPenal','Page$2')``, not through an address, and a
"Siguiente" LinkButton through ``__doPostBack('ctl00$…$lnkSiguiente','')`` (or
``WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("ctl00$…", "", …))`` when it
validates). A browser's click posts the page's form back with ``__EVENTTARGET`` and
``__EVENTARGUMENT`` set to those two values; this module finds the pair for the page
after ``page``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from parsel import Selector
from scrapy.http import FormRequest, TextResponse

from crawlers.forms import form_request
from crawlers.selectors import select

if TYPE_CHECKING:
    from config.specs import LinkPostback

POSTBACK = re.compile(
    r"""(?:__doPostBack|WebForm_PostBackOptions)\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]*)['"]"""
)
MAX_SCANNED = 2_000  # attributes looked at: a pager has tens of links, not thousands


def pager_arguments(page: Selector | TextResponse, target: str) -> set[str]:
    """Every ``__EVENTARGUMENT`` the page's links and controls post back to ``target``."""
    found: set[str] = set()
    scripts = page.xpath("//@href[contains(., 'PostBack')] | //@onclick[contains(., 'PostBack')]")
    for attribute in scripts[:MAX_SCANNED]:
        for name, argument in POSTBACK.findall(attribute.get()):
            if name == target:
                found.add(argument)
    return found


def next_page_argument(page: Selector | TextResponse, target: str, current: int) -> str | None:
    """``Page$<current+1>`` if the pager offers it (numbered pager, "..." links included),
    else ``Page$Next``, else the empty argument of a "Siguiente" link; None when the page
    offers none of them (a disabled LinkButton has no link): the last page."""
    offered = pager_arguments(page, target)
    for wanted in (f"Page${current + 1}", "Page$Next", ""):
        if wanted in offered:
            return wanted
    return None


def control_data(control: Selector) -> dict[str, str] | None:
    """The fields a browser adds to the form on a click of ``control``: an image button
    sends where it was clicked (``name.x``, ``name.y``), a submit button its name and
    value, a ``__doPostBack`` link the event target and argument. None for anything
    else (a plain link, a disabled control): the item has no document to ask for."""
    attributes = control.attrib
    if attributes.get("disabled") is not None:
        return None
    tag = control.xpath("name()").get("").lower()
    kind = attributes.get("type", "").lower()
    name = attributes.get("name", "")
    if tag == "input" and kind == "image" and name:
        return {f"{name}.x": "1", f"{name}.y": "1"}
    if name and (kind == "submit" or (tag == "button" and kind == "")):
        return {name: attributes.get("value", "")}
    script = attributes.get("href", "") + " " + attributes.get("onclick", "")
    found = POSTBACK.search(script)
    if found:
        return {"__EVENTTARGET": found.group(1), "__EVENTARGUMENT": found.group(2)}
    return None


def row_click(
    listing: TextResponse, item: Selector, rules: LinkPostback
) -> tuple[dict[str, str] | None, tuple[str, str] | None]:
    """The fields a browser posts on a click of the item's button
    (``listing.link_postback``), or None and why none can be posted (in English and in
    Spanish). The crawl and the preview ask for a row's document alike."""
    controls = select(item, rules.button, limit=1)  # the first is the one clicked
    data = control_data(controls[0]) if controls else None
    if data is None:
        return None, (
            "neither listing.link nor listing.link_postback.button found a link or a "
            "control that posts back",
            "ni listing.link ni listing.link_postback.button encontraron un enlace o un botón "
            "que envíe el formulario",
        )
    if not select(listing, rules.form, limit=1):
        return None, (
            "listing.link_postback.form matched nothing",
            "listing.link_postback.form no encontró el formulario en la página",
        )
    if "__EVENTTARGET" not in data:
        data = {"__EVENTTARGET": "", "__EVENTARGUMENT": ""} | data
    return data, None


def row_request(
    listing: TextResponse, rules: LinkPostback, data: dict[str, str], **request: Any
) -> FormRequest:
    """The listing's form posted back, with its own __VIEWSTATE, as the click
    ``row_click`` found; ``request`` goes to the request (callback, cb_kwargs…)."""
    where = {"formxpath" if rules.form.engine == "xpath" else "formcss": rules.form.expression}
    return form_request(listing, **where, dont_click=True, formdata=data, **request)
