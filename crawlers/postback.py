"""ASP.NET pagers: a GridView (or DetailsView, FormView) pages itself through links
``javascript:__doPostBack('ctl00$…$gdvPenal','Page$2')``, not through an address, and a
"Siguiente" LinkButton through ``__doPostBack('ctl00$…$lnkSiguiente','')`` (or
``WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("ctl00$…", "", …))`` when it
validates). A browser's click posts the page's form back with ``__EVENTTARGET`` and
``__EVENTARGUMENT`` set to those two values; this module finds the pair for the page
after ``page``."""

from __future__ import annotations

import re

from parsel import Selector
from scrapy.http import TextResponse

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
