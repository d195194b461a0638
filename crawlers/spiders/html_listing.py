"""Listing pages: repeated items, each linking to a detail page or a file, and the way
to the next page (a link, a form to submit, or a query-string parameter). Everything
site-specific is in the source spec; legacy charsets, relative and padded links,
redirects and mislabelled files are handled by the base spider."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse

from crawlers.encoding import as_page
from crawlers.expired import expired_said
from crawlers.frames import MAX_DEPTH, FrameVisit, content_frames
from crawlers.grid import spread_rowspans
from crawlers.html_depth import HTML_TOO_DEEP, too_deep
from crawlers.items import DocumentDraft
from crawlers.links import (
    absolute,
    is_script,
    not_an_address,
    page_base,
    script_only,
    without_fragment,
)
from crawlers.next_form import (
    form_options,
    next_form_step,
    numbered_page,
    option_ignored,
    option_request,
    pager_ignored,
    says_none,
)
from crawlers.postback import row_click, row_request
from crawlers.selectors import (
    PageBudget,
    PageTextSpent,
    count_matches,
    item_link,
    read,
    read_fields,
    select,
    text_nodes,
)
from crawlers.soft_404 import not_found_said, server_error_said
from crawlers.spiders.base import SpecSpider
from crawlers.templates import render_all, with_query
from crawlers.update_panel import (
    BAD_DELTA,
    DeltaError,
    applied,
    delta_text,
    is_delta,
    parse_delta,
    site_error,
)
from indexer.readers.normalise import parse_date


class HtmlListingSpider(SpecSpider):
    name = "html_listing"

    def parse_start(
        self,
        response: Response,
        page: int,
        seen: set[str] | None = None,
        frame_of: FrameVisit | None = None,
        frame_url: str = "",
        asked: str = "",
        option: str | None = None,
    ) -> Iterator[Any]:
        """``asked``: the numbered pager's argument (``Page$3``) posted for this page;
        ``option``: the option of ``listing.each_option`` this listing was asked with
        (None on the start page, which then only gives the form)."""
        self.run.count("pages")
        if self.nothing_listed(response):
            # a frame that sent nothing is one that listed nothing: the page's frames
            # answered, it says so once all have
            if frame_of is not None and frame_of.answered(frame_url, False):
                self._frames_empty(frame_of)
            return
        listing = as_page(response)
        if listing is None:
            self.run.error("not_html", response.url, "listing page is not HTML")
            self.lost(what="page")
            return
        if (deep := too_deep(listing)) is not None:  # the items before that point are read
            self.run.error(HTML_TOO_DEEP, listing.url, deep)
        spread_rowspans(listing.selector.root)
        rules = self.spec.listing
        assert rules is not None  # validated: html_listing specs have listing rules
        seen = set() if seen is None else seen
        if rules.each_option is not None and option is None and frame_of is None:
            yield from self._each_option(listing, seen)
            return
        # one more than the bound: whether the page is cut is known without a selector
        # object for each of its rows (10^5 rows held tens of MB)
        items = select(listing, rules.items, limit=rules.max_items + 1)
        if option is not None and page == 1 and not items and says_none(listing):
            self.run.count("options_empty")  # «no se encontraron registros» for that year
            return
        if not items and self._read_frames(listing, page, seen, frame_of):
            yield from self._frame_requests(listing, page, seen, frame_of, frame_url)
            return
        if frame_of is not None and not items and (said := not_found_said(listing)):
            frame_of.absent.append((listing.url, said))
        if frame_of is not None and frame_of.answered(frame_url, bool(items)):
            self._frames_empty(frame_of)
        elif (
            not items
            and frame_of is None
            and not self._past_the_last(listing, page, seen, asked)
            and not self.listing_absent(listing)
        ):
            self.run.error("selector_empty", listing.url, "listing.items matched nothing")
            self.lost(what="page")
        if len(items) > rules.max_items:
            items = items[: rules.max_items]
            beyond = count_matches(listing, rules.items) - rules.max_items
            self.limit_reached(listing.url, f"listing.max_items ({rules.max_items})",
                               f"{beyond} items of this page after the first "
                               f"{rules.max_items} were not read")  # fmt: skip
        tally = {"new": 0, "dated": 0, "older": 0}
        base = page_base(listing)
        bad_field_link = self.bad_field_link(listing.url)
        budget, reached = PageBudget(), [0]

        def one(position: int, item: Any) -> Iterator[Any]:
            reached[0] = position
            fields = read_fields(item, rules.fields, listing.url, bad_field_link, budget)
            read_as = absolute(base, item_link(item, rules))
            url = without_fragment(read_as)
            if not url and rules.link_postback is not None:
                yield from self._ask_by_postback(listing, position, item, fields, seen, tally)
                return
            if not url:
                self.run.error("missing_link", listing.url, _no_link(position, item, rules))
                return
            if url in seen:  # the same document as an earlier row: counted, as a redirect to
                self.run.count("duplicate_links")  # one is, never lost without a word
                return
            seen.add(url)
            self._tally_new(tally, fields)
            draft = DocumentDraft(url=url, listing_url=listing.url, fields=fields)
            draft.read_as = read_as if read_as != url else None
            draft.pending_files = self.links(listing, item, rules.files)
            if self.in_window(draft):
                yield self.follow(draft)

        try:
            yield from self.each_item(items, listing.url, one)
        except PageTextSpent:  # the items before it stand; the rest of the page is unread
            self.run.error("too_large", listing.url, budget.message(reached[0]))
        new, dated, older = tally["new"], tally["dated"], tally["older"]
        if new == 0 and option is not None and page == 1 and items:
            # the site answered another option's listing again (the post ignored, its
            # __EVENTVALIDATION refused, a session lost): this option's items are lost
            self.run.error("option_ignored", listing.url, option_ignored(option))
            self.lost(what="page")
            return
        if new == 0:
            if asked and items:  # the pager offered this page and the site answered one
                # already read (a lost session, a post it ignored): the rest is lost
                self.run.error("pager_ignored", listing.url, pager_ignored(page, asked))
                self.lost(what="page")
            return  # nothing new here: the site repeats its last page
        if rules.newest_first and dated and older == dated:
            return  # a newest-first listing has gone past the window
        next_request = self.next_listing(listing, page, seen, option)
        if next_request is None:
            return
        if page >= rules.max_pages:
            self.limit_reached(
                listing.url,
                f"listing.max_pages ({rules.max_pages})",
                f"the next listing page ({next_request.url[:200]}) and those after it were "
                "not fetched",
            )
            return
        yield next_request

    @staticmethod
    def _past_the_last(listing: TextResponse, page: int, seen: set[str], asked: str) -> bool:
        """Whether a page with no items is the one after the last: asked blindly (the
        next ``pagina=N``, a «Siguiente» the last page still shows) after pages that had
        items, it answers the same page with its list empty, or «no se encontraron
        registros», as most sites do past their end. Not a page a numbered pager offered
        (its emptiness is a loss), nor an expired session or the server's error page
        (counted as such)."""
        if page <= 1 or not seen or asked:
            return False
        return expired_said(listing) is None and server_error_said(listing) is None

    def _read_frames(
        self, listing: TextResponse, page: int, seen: set[str], frame_of: FrameVisit | None
    ) -> bool:
        """Whether a page with no items is read through its frames: a first listing page
        whose frameset (or iframe) names pages of its own site, not too deeply nested."""
        depth = 0 if frame_of is None else frame_of.depth
        return page == 1 and not seen and depth < MAX_DEPTH and bool(content_frames(listing))

    def _frames_empty(self, visit: FrameVisit) -> None:
        """None of a frameset's frames held items: a frame that answered the site's "not
        found" page is what is missing (a soft 404, no selector at fault); else the
        spec's items matched nothing anywhere."""
        for url, said in visit.absent:
            self.absent(url, said, visit.url)
        if not visit.absent:
            self.run.error(
                "selector_empty",
                visit.url,
                "listing.items matched nothing, neither on the page nor in its frames",
            )

    def _frame_requests(
        self,
        listing: TextResponse,
        page: int,
        seen: set[str],
        frame_of: FrameVisit | None,
        frame_url: str,
    ) -> Iterator[scrapy.Request]:
        """Each frame read as this listing page would have been; the frameset is called
        empty only when none of them held items."""
        frames = content_frames(listing)
        if frame_of is None:
            visit = FrameVisit(listing.url, 1, set(frames))
        else:  # a nested frameset: its frames answer for the outer one
            visit = frame_of
            visit.depth += 1
            visit.pending.update(frames)
            visit.answered(frame_url, False)
        for url in frames:
            kwargs = {"page": page, "seen": seen, "frame_of": visit, "frame_url": url}
            yield scrapy.Request(url, callback=self.parse_start, errback=self.failed,
                                 cb_kwargs=kwargs)  # fmt: skip

    def _tally_new(self, tally: dict[str, int], fields: dict[str, Any]) -> None:
        """Count a new row, whether it is dated and whether it is older than the window:
        what decides if paging goes on."""
        tally["new"] += 1
        raw_date = fields.get("resolution_date") or fields.get("date")
        day = parse_date(raw_date if isinstance(raw_date, str) else None)
        tally["dated"] += day is not None
        tally["older"] += self.window.before(day)

    def _ask_by_postback(
        self,
        listing: TextResponse,
        position: int,
        item: Any,
        fields: dict[str, Any],
        seen: set[str],
        tally: dict[str, int],
    ) -> Iterator[Any]:
        """One post of the listing's form, with its own __VIEWSTATE, as a click on the
        item's button; the answer names the document (``_postback_answer``)."""
        rules = self.spec.listing.link_postback  # type: ignore[union-attr]
        assert rules is not None
        data, why = row_click(listing, item, rules)
        if data is None:
            assert why is not None
            self.run.error("missing_link", listing.url, f"item {position}: {why[0]}")
            return
        row = " ".join(" ".join(text_nodes(item)).split())
        key = f"postback:{sorted(data.items())}:{row}"  # two rows alike differ by button
        if key in seen:  # the same row again (a site repeating its last page)
            self.run.count("duplicate_links")
            return
        seen.add(key)
        self._tally_new(tally, fields)
        draft = DocumentDraft(url=listing.url, listing_url=listing.url, fields=fields)
        draft.pending_files = self.links(listing, item, self.spec.listing.files)  # type: ignore[union-attr]
        if not self.in_window(draft):
            return
        yield row_request(
            listing,
            rules,
            data,
            callback=self._postback_answer,
            errback=self.failed,
            cb_kwargs={"draft": draft, "position": position, "seen": seen},
            dont_filter=True,
        )

    def _postback_answer(
        self, response: Response, draft: DocumentDraft, position: int, seen: set[str]
    ) -> Iterator[Any]:
        """The document's address in the answer (a viewer's frame by default), followed
        like any item's link; an answer without one is a counted error naming the row."""
        rules = self.spec.listing.link_postback  # type: ignore[union-attr]
        assert rules is not None
        answer = as_page(response)
        if answer is None:
            self.run.error(
                "not_html", draft.listing_url, f"item {position}: the answer to its postback "
                "is not HTML (a file answered to the form has no address of its own to keep)",
            )  # fmt: skip
            return
        if (deep := too_deep(answer)) is not None:  # read flattened, or what comes before
            self.run.error(HTML_TOO_DEEP, answer.url, f"item {position}: {deep}")
        found = read(answer, rules.document)
        link = found if isinstance(found, str) else None
        read_as = self.absolute_or_counted(
            page_base(answer), link, "listing.link_postback.document"
        )
        url = without_fragment(read_as)
        if not url:
            if link is None:
                self.run.error(
                    "postback_without_document",
                    draft.listing_url,
                    f"item {position}: the answer to its postback holds no document address "
                    "(listing.link_postback.document matched nothing)",
                )
            return
        if url in seen:
            self.run.count("duplicate_links")
            return
        seen.add(url)
        draft.url = url
        draft.read_as = read_as if read_as != url else None
        yield self.follow(draft)

    def next_listing(
        self, listing: TextResponse, page: int, seen: set[str], option: str | None = None
    ) -> scrapy.Request | None:
        rules = self.spec.listing
        assert rules is not None
        kwargs: dict[str, Any] = {"page": page + 1, "seen": seen, "option": option}
        variables = {"page": page + 1, "offset": len(seen)} | self.window_variables()
        if rules.next_page is not None:
            link = read(listing, rules.next_page)
            found = link if isinstance(link, str) else None
            next_url = self.absolute_or_counted(page_base(listing), found, "listing.next_page")
            if not next_url and script_only(found):
                # a pager a script turns (javascript:cargarPagina(2)): the pages after this
                # one are there, and lost unless said
                self.run.error(
                    "missing_link",
                    listing.url,
                    f"listing.next_page is script only ({found.strip()[:120]}): no address "
                    "to follow without a browser",
                )
            if not next_url:
                return None
            url = next_url
        elif rules.next_query is not None:
            url = with_query(listing.url, render_all(rules.next_query, variables))
        elif rules.next_form is not None:
            return self._form_request(listing, variables, kwargs)
        else:
            return None
        return scrapy.Request(url, callback=self.parse_start, errback=self.failed, cb_kwargs=kwargs)

    def _form_request(
        self, listing: TextResponse, variables: dict[str, Any], kwargs: dict[str, Any]
    ) -> scrapy.Request | None:
        """Submit the listing's form as a browser would on a click of "Siguiente" or of an
        ASP.NET pager's next page; paging ends when the form, its button or the pager's
        next page is gone (or the button disabled)."""
        rules = self.spec.listing.next_form  # type: ignore[union-attr]
        assert rules is not None
        callback = self.parse_start
        if rules.update_panel is not None:
            callback, kwargs = self._delta_answer, kwargs | {"before": listing}
        step = next_form_step(
            listing,
            rules,
            variables,
            callback=callback,
            errback=self.failed,
            cb_kwargs=kwargs,
        )
        if step.request is not None and numbered_page(step.control.get("argument", "")):
            step.request.cb_kwargs["asked"] = step.control["argument"]
        if step.stop is not None and "ScriptManager" in step.stop[0]:
            # the spec asks for a partial postback the page has no means to send
            self.run.error("selector_empty", listing.url, step.stop[0])
        return step.request

    def _delta_answer(
        self, response: Response, before: TextResponse, page: int, seen: set[str],
        asked: str = "", option: str | None = None,
    ) -> Iterator[Any]:  # fmt: skip
        """A partial postback's answer: the delta applied to the page it was posted from,
        and that page read as the next listing page; a full page (a site that ignored
        the partial postback) is read as it is, a ``pageRedirect`` followed, an ``error``
        entry counted with the site's status, a malformed delta counted ``bad_delta``."""
        if self.nothing_listed(response):
            return
        if isinstance(response, HtmlResponse) and not is_delta(response.body):
            yield from self.parse_start(response, page=page, seen=seen, asked=asked, option=option)
            return
        encoding = response.encoding if isinstance(response, TextResponse) else "utf-8"
        try:
            delta = parse_delta(delta_text(response.body, encoding))
            if delta.error is not None:
                status, said = delta.error
                cause = f"http_{status[:1]}xx" if status[:1] in ("4", "5") else BAD_DELTA
                self.run.error(cause, response.url, site_error(status, said))
                return
            if delta.redirect is not None:
                to = self.absolute_or_counted(page_base(before), delta.redirect, "pageRedirect")
                if to:
                    yield scrapy.Request(
                        to, callback=self.parse_start, errback=self.failed,
                        cb_kwargs={"page": page, "seen": seen, "asked": asked,
                                   "option": option},
                    )  # fmt: skip
                return
            limit = self.settings.getint("DOWNLOAD_MAXSIZE") or None
            listing = applied(before, delta, response, limit)
        except DeltaError as exc:
            self.run.error(BAD_DELTA, response.url, str(exc))
            return
        yield from self.parse_start(listing, page=page, seen=seen, asked=asked, option=option)

    def _each_option(self, listing: TextResponse, seen: set[str]) -> Iterator[scrapy.Request]:
        """The start page's form submitted once with each option of its select
        (``listing.each_option``), each answer read as a listing's first page; a form,
        select or option that is not there is a counted ``selector_empty`` error, the
        options past ``max_options`` a ``limit_reached`` notice."""
        rules = self.spec.listing.each_option  # type: ignore[union-attr]
        assert rules is not None
        found = form_options(listing, rules)
        if isinstance(found, str):
            self.run.error("selector_empty", listing.url, found)
            self.lost(what="page")
            return
        asked = []
        for value, text in found:
            if self._year_outside(value, text):
                self.run.count("out_of_window")
            else:
                asked.append(value)
        if len(asked) > rules.max_options:
            left = asked[rules.max_options :]
            self.limit_reached(
                listing.url,
                f"listing.each_option.max_options ({rules.max_options})",
                f"{len(left)} options of {rules.select[:120]} after the first "
                f"{rules.max_options} were not asked for ({', '.join(left[:5])[:200]}…)",
            )
            asked = asked[: rules.max_options]
        for value in asked:
            yield option_request(
                listing, rules, value,
                callback=self.parse_start, errback=self.failed,
                cb_kwargs={"page": 1, "seen": seen, "option": value},
            )  # fmt: skip

    def _year_outside(self, value: str, text: str) -> bool:
        """Whether an option naming a year (``2019``) lies wholly outside the window."""
        year = next((int(t) for t in (value.strip(), text.strip()) if _YEAR.fullmatch(t)), None)
        if year is None or self.window.is_open:
            return False
        if self.window.before(dt.date(year, 12, 31)):
            return True
        return bool(self.window.until and dt.date(year, 1, 1) > self.window.until)


_YEAR = re.compile(r"(?:1[89]|2\d)\d\d")


def _no_link(position: int, item: Any, rules: Any) -> str:
    """Why an item has no address: no link at all, or one a script opens (a
    ``javascript:`` link or ``onclick`` with no document's address in it), which only a
    browser running the site's script can follow; said so, not as a selector to mend."""
    for selector in [rules.link, *rules.link_fallback] if rules.link else []:
        raw = read(item, selector)
        if isinstance(raw, str) and is_script(raw):
            return (
                f"item {position}: listing.link is script only ({raw.strip()[:120]}): no "
                "address to follow without a browser"
            )
        if isinstance(raw, str) and (said := not_an_address(raw)):  # data:, mailto:, #
            return f"item {position}: listing.link {said}"
    return f"item {position}: listing.link matched nothing"
