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
