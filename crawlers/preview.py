"""What a spec would extract, without storing anything: the first listing page(s), the
documents they list with their fields, and a few detail pages, within a time bound.
This is how an institution tunes its selectors before registering a source.

A preview runs in a process of its own, killed when its time is up: whatever a spec
sent through the API makes the parser or a selector do (an XPath that is quadratic on a
large page, a site that never answers), the API's threads only wait, for a bounded time,
and a few previews at most run at once, in all the API's processes together
(``crawlers.preview_slots``).
"""

from __future__ import annotations

import contextlib
import json
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from scrapy.http import HtmlResponse

from config.child_environment import system_environment
from config.settings import Settings
from config.spanish_errors import shown as shown_text
from config.specs import SourceSpec
from crawlers.base_tag import readable_base
from crawlers.causas import FALSE_CODING, PREVIEW_MEMORY, error_mensaje, label
from crawlers.crawl_rules import CrawlRules
from crawlers.encoding import as_page
from crawlers.fetch import Fetched, FetchError, Form, Refused, fetch
from crawlers.fill import fill_report
from crawlers.frames import MAX_DEPTH, content_frames
from crawlers.grid import spread_rowspans
from crawlers.html_depth import HTML_TOO_DEEP, too_deep
from crawlers.links import (
    BadLink,
    absolute,
    page_base,
    script_only,
    without_fragment,
    without_session,
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
from crawlers.preview_coverage import other_frames, other_starts, start_expansion
from crawlers.preview_privacy import guard_document, guard_messages, guarded_text
from crawlers.preview_process import DidNotStart, TimedOut, run_child, say_ready
from crawlers.preview_refresh import follow_refreshes
from crawlers.preview_scope import listing_scope, trial_scope
from crawlers.preview_slots import Slots, slots_of
from crawlers.robots import (
    ROBOTS_CUT,
    ROBOTS_UNAVAILABLE,
    SERVER_FAILED,
    robots_unavailable_message,
)
from crawlers.selectors import (
    BadFieldLink,
    PageBudget,
    PageTextSpent,
    count_matches,
    item_link,
    read,
    read_fields,
    select,
    text_nodes,
)
from crawlers.session_cookies import SessionCookies
from crawlers.soft_404 import SOFT_404, not_found_said, stood_for
from crawlers.templates import render_all, with_query
from crawlers.tenancy import FOREIGN_NAME, foreign_name_message, previewed_fields
from crawlers.update_panel import HEADERS as DELTA_HEADERS
from crawlers.update_panel import (
    DeltaError,
    applied,
    delta_mensaje,
    delta_text,
    is_delta,
    parse_delta,
    site_error,
)
from indexer.build import InvalidDocument, MissingField, build_document
from indexer.db.audited_spec import spec_secrets, without_secrets, without_secrets_in
from indexer.extract import ExtractionError, html_main_text, sniff_type
from indexer.log_guard import guard_logs, hidden_shapes
from indexer.readers.plausibility import plausible_fields

TEXT_PREVIEW_CHARS = 400
LIMIT_REACHED = "limit_reached"  # the spiders' cause (not imported: the child starts fast)
TRIAL_ITEMS = 10
# a robots.txt the site answered that could not be read: counted by the crawl's run
UNREADABLE_ROBOTS = frozenset(
    {"too_large", "too_many_redirects", "cut_short", "partial_content", FALSE_CODING}
)
MAX_RUNNING = 4
# one institution holds at most half of them: the other half stays free for the others
MAX_RUNNING_PER_OWNER = MAX_RUNNING // 2


_HTTP_STATUS = re.compile(r"HTTP (\d{3})")
# a robots.txt that does not answer waits at most this, or this share of the budget
ROBOTS_MAX_S = 5.0
ROBOTS_SHARE = 0.25


def robots_time_s(time_limit_s: float) -> float:
    """How long a preview waits for a robots.txt: a silent one took the whole budget and
    the listing it was read for was never asked for."""
    return min(ROBOTS_MAX_S, time_limit_s * ROBOTS_SHARE)


class PreviewUnavailable(Exception):
    """No preview can be given: too many running, or it ran out of time and was stopped.
    Carries the HTTP status and the message in English (``detail``) and Spanish."""

    def __init__(self, status: int, detail: str, mensaje: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.mensaje = mensaje


def _page(fetched: Fetched) -> HtmlResponse:
    """The page as the crawl reads it: a ``<base href>`` that cannot be parsed put aside,
    decoded by its true encoding (``crawlers.encoding.as_page``). Decoded by its declared
    charset alone, a cp1252 listing served as UTF-8 previewed «Ni�o» where the crawl
    stored «Niño», and a UTF-8 one served as UTF-16 previewed nothing at all."""
    headers = {"Content-Type": fetched.content_type or "text/html"}
    page = readable_base(HtmlResponse(url=fetched.url, body=fetched.body, headers=headers))
    decoded = as_page(page)
    return decoded if isinstance(decoded, HtmlResponse) else page


def _listing_page(fetched: Fetched) -> HtmlResponse:
    """A listing page as the crawl reads it: its row-spanning cells in each row."""
    page = _page(fetched)
    too_deep(page)  # its tree built keeping the parser's log (said by the caller)
    spread_rowspans(page.selector.root)
    return page


def _links(
    page: HtmlResponse,
    node: Any,
    selector: Any,
    errors: list[dict[str, str]],
    rules: CrawlRules,
) -> list[str]:
    """File links found by ``selector``; malformed ones, and those the crawl would not
    request (``rules``), are reported and left out."""
    if selector is None:
        return []
    found = read(node, selector, "stenographic_urls")
    values = found if isinstance(found, list) else [found] if found else []
    links = []
    for value in values:
        try:
            link = absolute(page_base(page), value)
        except BadLink as exc:
            errors.append({"cause": "bad_url", "url": page.url, "message": str(exc)})
            continue
        refused = rules.refusal(link, rules.read_robots_of(link)) if link else None
        if refused is not None:
            errors.append({"cause": refused[0], "url": page.url, "message": refused[1]})
        elif link:
            links.append(link)
    return links


def _bad_field_link(url: str, errors: list[dict[str, str]]) -> BadFieldLink:
    """Reports a field's malformed link as the crawl counts it: ``bad_url``."""

    def report(name: str, exc: BadLink) -> None:
        errors.append({"cause": "bad_url", "url": url, "message": f"{name}: {exc}"})

    return report


def preview(
    spec: SourceSpec,
    settings: Settings,
    *,
    max_pages: int = 1,
    max_details: int = 3,
    time_limit_s: float = 20.0,
    owner: str | None = None,
    others: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """The documents the spec finds on its first ``max_pages`` listing pages; the first
    ``max_details`` detail pages are fetched too. Errors are reported, not raised;
    PreviewUnavailable when too many previews run (``owner``'s, or all) or this one had
    to be stopped. ``others``: for an institution's spec, every other institution's name
    (a field naming one is left out, as the crawl leaves it out); None for the operator's."""
    slots = slots_of(settings.data_dir)
    with slots.take("all", MAX_RUNNING) as free:
        if not free:
            raise PreviewUnavailable(
                503,
                "too many previews are running; try again in a moment",
                "hay demasiadas vistas previas en curso; intente de nuevo en un momento",
            )
        with _owned_slot(slots, owner):
            result = _preview(spec, settings, max_pages, max_details, time_limit_s, others)
    # the spec's keys stay out of what it shows (an item's listing address, the next
    # page, a note quoting them), as the API masks them in the spec itself
    guard_messages(result)  # errors and problems quote what pages held
    return without_secrets_in(result, spec_secrets(spec.model_dump(mode="json")))


@contextlib.contextmanager
def _owned_slot(slots: Slots, owner: str | None) -> Iterator[None]:
    """One of ``owner``'s slots (an institution's), or a 429: its previews alone never
    take every slot from the other institutions."""
    if owner is None:
        yield
        return
    with slots.take(f"owner:{owner}", MAX_RUNNING_PER_OWNER) as free:
        if not free:
            raise PreviewUnavailable(
                429,
                f"your institution already has {MAX_RUNNING_PER_OWNER} previews running; "
                "wait for one to end",
                f"su institución ya tiene {MAX_RUNNING_PER_OWNER} vistas previas en curso; "
                "espere a que termine alguna",
            )
        yield


def _preview(
    spec: SourceSpec,
    settings: Settings,
    max_pages: int,
    max_details: int,
    time_limit_s: float,
    others: tuple[str, ...] | None,
) -> dict[str, Any]:
    if spec.listing is None:  # feeds, sitemaps, channels, APIs: their own spider decides
        from crawlers.trial import trial_crawl  # not in the preview child: it starts faster

        result = trial_crawl(
            spec, settings, max_items=TRIAL_ITEMS, time_limit_s=time_limit_s, others=others or ()
        )
        result["scope"], result["alcance"] = trial_scope(TRIAL_ITEMS)
        result["fields"] = fill_report(
            spec, result["documents"], result["errors"], result.get("implausible")
        )
        cut = [
            _limit_problem(e["message"]) for e in result["errors"] if e["cause"] == LIMIT_REACHED
        ]
        result["problems"] = [english for english, _ in cut]
        result["problemas"] = [spanish for _, spanish in cut]
        return result
    limits: dict[str, Any] = {"max_pages": max_pages, "max_details": max_details}
    if others is not None:
        limits["others"] = list(others)
    return _in_own_process(spec, settings, limits, time_limit_s)


def timed_out(time_limit_s: float) -> PreviewUnavailable:
    return PreviewUnavailable(
        504,
        f"the preview did not finish within {time_limit_s:g} s and was stopped; simplify "
        "the selectors or try a smaller page",
        f"la vista previa no terminó en {time_limit_s:g} s y se detuvo; simplifique los "
        "selectores o pruebe con una página más pequeña",
    )


def _not_started() -> PreviewUnavailable:
    return PreviewUnavailable(
        503,
        "the server is too busy to start the preview; no request reached the site; try "
        "again in a moment",
        "el servidor está demasiado ocupado para iniciar la vista previa; no se hizo "
        "ninguna solicitud al sitio; intente de nuevo en un momento",
    )


def _in_own_process(
    spec: SourceSpec, settings: Settings, limits: dict[str, Any], time_limit_s: float
) -> dict[str, Any]:
    """Run ``listing_preview`` in a child process killed when the time is up, counted
    from when it is ready (``crawlers.preview_process``). The child gets the spec and the
    few settings it needs on stdin, and of the server's environment only the system's
    variables (``config.child_environment``): no database URL, engine password or any
    other account."""
    request = {
        "spec": spec.model_dump(mode="json", exclude_none=True),
        "settings": settings.model_dump(
            mode="json",
            include={
                "allow_loopback",
                "user_agent",
                "max_page_bytes",
                "obey_robots",
                "max_crawl_delay_s",
                "preview_max_memory_mb",
            },
        ),
        "limits": limits,
        "time_limit_s": time_limit_s,
    }
    env = system_environment()
    try:
        stdout, stderr = run_child("crawlers.preview", json.dumps(request), env, time_limit_s)
    except DidNotStart as exc:
        raise _not_started() from exc
    except TimedOut as exc:
        raise timed_out(time_limit_s) from exc
    try:
        return json.loads(stdout)
    except ValueError:
        said = stderr.strip().splitlines() or ["no output"]
        secrets = spec_secrets(request["spec"])
        message = without_secrets(hidden_shapes(said[-1]), secrets)[:300]
        return {
            "source_id": spec.id, "pages": 0, "documents": [], "next_page": None,
            "errors": [{"cause": "preview_failed", "url": spec.start_urls[0], "message": message}],
            "elapsed_s": 0.0,
        }  # fmt: skip


def listing_preview(
    spec: SourceSpec,
    settings: Settings,
    *,
    max_pages: int = 1,
    max_details: int = 3,
    time_limit_s: float = 20.0,
    others: list[str] | None = None,
) -> dict[str, Any]:
    """The preview of an ``html_listing`` spec, in this process (the child's work)."""
    assert spec.listing is not None
    deadline = time.monotonic() + time_limit_s
    errors: list[dict[str, str]] = []
    documents: list[dict[str, Any]] = []
    starts = start_expansion(spec)
    coverage = other_starts(starts)
    # without a session copied with it, as the crawl asks for it
    url: str | None = without_session(starts.urls[0]) if starts.urls else None
    if url is None:
        message = (
            "start_dates no da ninguna dirección de inicio hoy: su intervalo no llega a hoy "
            "(since es posterior) o la legislatura de sus fechas recientes es incierta"
        )
        errors.append({"cause": "invalid_spec", "url": spec.start_urls[0], "message": message})
    next_page: str | None = None
    pages = 0

    first: HtmlResponse | None = None
    first_keys: set[str] = set()

    def robots(target: str, max_bytes: int) -> Fetched:
        """A robots.txt; one the site answered but that cannot be read (too large, a
        redirect loop, cut short) is an error, as the crawl counts it, before the site
        is read without its rules. An error answer (a 404, a 500) is none: the crawl
        reads it as no rules; nor a site that refuses the connection: the page it was
        read for says so. One that does not answer gets a share of the budget
        (``robots_time_s``), not all of it, and its timeout is counted as the crawl's
        is; the listing is then requested without rules, as the crawl goes on. A server
        error (5xx, 429) bars the whole site, as the crawl does, and is said."""
        limit = time.monotonic() + robots_time_s(time_limit_s)
        try:
            fetched = fetch(
                target, allow_loopback=settings.allow_loopback, user_agent=settings.user_agent,
                max_bytes=max_bytes, deadline=min(deadline, limit), head_only=True,
            )  # fmt: skip
            if len(fetched.body) > max_bytes:  # its first max_bytes read, as the crawl's
                said = ROBOTS_CUT.format(limit=max_bytes)
                errors.append({"cause": "limit_reached", "url": target, "message": said})
            return fetched
        except FetchError as exc:
            if exc.cause in UNREADABLE_ROBOTS or exc.cause == "timeout":
                errors.append({"cause": exc.cause, "url": target, "message": str(exc)})
            elif exc.cause in SERVER_FAILED and (status := _HTTP_STATUS.search(str(exc))):
                said = robots_unavailable_message(int(status.group(1)), settings.robots_retry_s)
                errors.append({"cause": ROBOTS_UNAVAILABLE, "url": target, "message": said})
            raise

    rules = CrawlRules(spec, settings, robots)
    cookies = SessionCookies()  # the site's session, as the crawl keeps it (not robots.txt's)

    def refusal(target: str) -> tuple[str, str] | None:
        """The crawl's refusal of a hop, and once allowed, its site's Crawl-delay waited
        within the preview's time (a request it cannot wait for is not made)."""
        return rules.refusal(target) or rules.spaced(target, deadline)

    def get(
        target: str, form: Form | None = None, listed: dict[str, Any] | None = None
    ) -> Fetched | None:
        """``target``'s answer, or None with the error said; a ``listed`` document whose
        address, or a redirect from it, the crawl would not request is marked skipped."""
        try:
            fetched = fetch(
                target,
                allow_loopback=settings.allow_loopback,
                user_agent=settings.user_agent,
                max_bytes=settings.max_page_bytes,
                deadline=deadline,
                form=form,
                refuse=refusal,  # each hop, redirects too, as the crawl's requests
                cookies=cookies,
            )
            return follow_refreshes(  # a refresh, as the crawl follows it
                fetched,
                lambda on: fetch(
                    on, allow_loopback=settings.allow_loopback, user_agent=settings.user_agent,
                    max_bytes=settings.max_page_bytes, deadline=deadline, refuse=refusal,
                    cookies=cookies,
                ),
            )  # fmt: skip
        except Refused as exc:
            if listed is not None:  # a redirect off the domains: skipped as the crawl does
                _skip_if_refused(listed, (exc.cause, str(exc)), errors)
                return None
            errors.append({"cause": exc.cause, "url": target, "message": str(exc)})
            return None
        except FetchError as exc:
            errors.append({"cause": exc.cause, "url": target, "message": str(exc)})
            return None

    def read_listing(
        page: HtmlResponse, first_of_start: bool, option: bool = False
    ) -> tuple[str | None, int]:
        """One listing page's items as documents; its next page's address and how many
        items it has. ``option``: the page of an option of ``listing.each_option``, which
        may say it has none (its «No se encontraron registros»: no selector at fault)."""
        nonlocal first, first_keys, coverage
        if (deep := too_deep(page)) is not None:  # the items before that point are shown
            errors.append({"cause": HTML_TOO_DEEP, "url": page.url, "message": deep})
        items, listed = _first_items(page, spec, errors)
        framed = False
        absent: list[tuple[str, str]] = []  # frames that answered "not found"
        if not items and first_of_start:  # a frameset, as the crawl reads it: through its frames
            frames = content_frames(page)
            framed = bool(frames)
            frameset = page.url
            page, items = _framed_listing(spec, page, get, absent)
            listed = len(items)
            if page.url != frameset and (deep := too_deep(page)) is not None:  # the frame's
                errors.append({"cause": HTML_TOO_DEEP, "url": page.url, "message": deep})
            if items:
                coverage += other_frames(frameset, page.url, len(frames))
        base = page_base(page)  # the crawl's: its <base href>, when that is a web address
        if first is None:
            first, first_keys = page, _item_keys(page, spec, items)
        if not items and not framed and (said := not_found_said(page)) is not None:
            absent.append((page.url, said))
        for where, said in absent if not items else []:
            # the site's "nothing here" page, or a frame's: no selector is at fault
            message = f"{SOFT_404.format(what='listing')}: «{said}»"
            errors.append({"cause": "http_404", "url": where, "message": message})
        if not items and not absent and not (option and says_none(page)):
            errors.append(
                {
                    "cause": "selector_empty",
                    "url": page.url,
                    "message": "listing.items matched nothing"
                    + (", neither on the page nor in its frames" if framed else ""),
                }
            )
        budget = PageBudget()
        for position, item in enumerate(items, start=1):
            bad = _bad_field_link(page.url, errors)
            try:
                fields = read_fields(item, spec.listing.fields, page.url, bad, budget)
            except PageTextSpent:  # the items before it stand; the rest is unread
                message = budget.message(position)
                errors.append({"cause": "too_large", "url": page.url, "message": message})
                break
            link = item_link(item, spec.listing)
            document = {"fields": fields, "listing_url": page.url}
            try:
                document["url"] = without_fragment(
                    absolute(base, link if isinstance(link, str) else None)
                )
            except BadLink as exc:
                message = f"item {position}: listing.link: {exc}"
                errors.append({"cause": "bad_url", "url": page.url, "message": message})
                document |= {"url": None, "problems": [message]}
            if not document["url"] and "problems" not in document and spec.listing.link_postback:
                asked = sum(d.get("posted", False) for d in documents)
                document |= _by_postback(spec, page, item, get, errors, asked < max_details)
            if document["url"] and any(d["url"] == document["url"] for d in documents):
                continue  # the same document again (an anchor into a page already listed)
            document["files"] = _links(page, item, spec.listing.files, errors, rules)
            if document["url"]:
                known = rules.read_robots_of(document["url"])  # no request more for it
                _skip_if_refused(document, rules.refusal(document["url"], known), errors)
            documents.append(document)
        found = read(page, spec.listing.next_page) if spec.listing.next_page else None
        try:
            next_page = absolute(base, found if isinstance(found, str) else None)
        except BadLink as exc:
            errors.append({"cause": "bad_url", "url": page.url, "message": f"next_page: {exc}"})
            next_page = None
        refused = rules.refusal(next_page, robots=False) if next_page else None
        if refused is not None:  # the crawl would not follow it: the listing ends here
            errors.append({"cause": refused[0], "url": page.url, "message": refused[1]})
            next_page = None
        if not next_page and isinstance(found, str) and script_only(found):
            message = (
                f"listing.next_page is script only ({found.strip()[:120]}): no address to "
                "follow without a browser"
            )
            errors.append({"cause": "missing_link", "url": page.url, "message": message})
        return next_page, listed

    options = None
    while url and pages < max_pages:
        fetched = get(url)
        if fetched is None:
            break
        pages += 1
        page = _listing_page(fetched)
        if spec.listing.each_option is not None and options is None:
            # the start page only gives the form: its options' listings are the listing
            options = _each_option(spec, page, get, errors, read_listing, documents)
            pages += options.pop("pages")
            next_page = None
            break
        url = next_page = read_listing(page, pages == 1)[0]

    paging = None
    if spec.listing.next_form is not None and first is not None:
        paging = _next_form(spec, first, first_keys, get, errors)
    following = next_page
    if paging is not None and paging["pages_on"]:
        following = paging["url"]
    elif spec.listing.next_query is not None and documents and first is not None:
        variables = {"page": 2, "offset": len(first_keys), "since": None, "until": None}
        following = with_query(first.url, render_all(spec.listing.next_query, variables))
        refused = rules.refusal(following, robots=False)
        if refused is not None:  # the crawl would not request the next page it asks for
            errors.append({"cause": refused[0], "url": first.url, "message": refused[1]})
            following = None
    cut = coverage + _stops_early(spec.listing.max_pages, pages, following)
    if options is not None and options["message"]:
        cut.append((options["message"], options["mensaje"]))
    for document in documents[:max_details]:
        if document["url"] and "skipped" not in document and time.monotonic() < deadline:
            refused = rules.refusal(document["url"])  # robots.txt too, now it is fetched
            if not _skip_if_refused(document, refused, errors):
                _detail(spec, document, get, errors, rules)
    for document in documents:
        document.pop("posted", None)
        # personal data masked as publication masks them, before anything quotes a field
        guard_document(document, spec.privacy, document.pop("hidden", 0))
        if others is not None:  # an institution's: what its crawl would publish
            _own_names(spec, tuple(others), document, errors)
        built = None
        if "skipped" in document:
            skipped = document["skipped"]
            document["problems"] = [f"{skipped['cause']}: {skipped['message']}"]
            document["problemas"] = [skipped["mensaje"]]
        elif "problems" in document:  # a bad link, said where it was found
            document["problemas"] = [error_mensaje("bad_url", p) for p in document["problems"]]
        elif "postback" in document:  # a row asked for by postback: why it found none
            english, spanish = document.pop("postback")
            document["problems"], document["problemas"] = [english], [spanish]
        else:
            found, built = _built(spec, document)
            document["problems"] = [english for english, _ in found]
            document["problemas"] = [spanish for _, spanish in found]
        for name, value, reason in plausible_fields(document["fields"])[1]:
            errors.append(
                {"cause": "implausible_field", "url": document["url"] or page_url(document),
                 "message": f"{name}: {value[:200]!r} {reason}"}
            )  # fmt: skip
        if built is not None:
            # its values as the crawl stores them («07/octubre/2021» a date, a name in
            # capitals normalised), as a feed's or an API's preview shows its documents;
            # the page's own words stay in ``raw_fields`` (both read from fields masked
            # above: nothing personal comes back)
            from crawlers.trial import stored_fields  # (only here: the child starts faster)

            document["raw_fields"] = document["fields"]
            document["fields"] = stored_fields(built)
    for site, message in rules.delays.items():  # said once a site, as the crawl says it
        errors.append({"cause": "crawl_delay", "url": f"{site}/robots.txt", "message": message})
    kept = [document for document in documents if "skipped" not in document]
    scope, alcance = listing_scope(max_pages, max_details)
    return {
        "source_id": spec.id,
        "pages": pages,
        "documents": documents,
        "skipped": len(documents) - len(kept),
        "scope": scope,
        "alcance": alcance,
        "next_page": next_page,
        "next_form": paging,
        "each_option": options,
        "problems": [english for english, _ in cut],
        "problemas": [spanish for _, spanish in cut],
        "errors": errors,
        "error_counts": dict(Counter(e["cause"] for e in errors)),
        "fields": fill_report(spec, kept, errors),
        "elapsed_s": round(time_limit_s - max(0.0, deadline - time.monotonic()), 3),
    }


OPTIONS_PREVIEWED = 3  # the options of listing.each_option a preview asks for


def _each_option(
    spec: SourceSpec, start: HtmlResponse, get: Any, errors: list[dict[str, str]],
    read_listing: Any, documents: list[dict[str, Any]],
) -> dict[str, Any]:  # fmt: skip
    """What the crawl reads of a listing by options (``listing.each_option``, a year's
    select): the start page only gives the form; its first ``OPTIONS_PREVIEWED``
    options are posted as the crawl posts them and their listings read (their items are
    the preview's documents). Says how many options the select offers, which were
    asked, what each gave, and what this preview leaves to the crawl (English, Spanish)."""
    rules = spec.listing.each_option  # type: ignore[union-attr]
    assert rules is not None
    out: dict[str, Any] = {
        "select": rules.select, "options": 0, "max_options": rules.max_options,
        "asked": [], "pages": 0, "message": None, "mensaje": None,
    }  # fmt: skip
    found = form_options(start, rules)
    if isinstance(found, str):
        errors.append({"cause": "selector_empty", "url": start.url, "message": found})
        return out | {"message": found, "mensaje": error_mensaje("selector_empty", found)}
    out["options"] = len(found)
    for value, text in found[: min(OPTIONS_PREVIEWED, rules.max_options)]:
        asked: dict[str, Any] = {"value": value, "text": text, "items": None, "new_items": None}
        out["asked"].append(asked)
        try:
            request = option_request(start, rules, value)
        except ValueError as exc:  # a form scrapy cannot submit (clickdata on a non-submit…)
            message = f"listing.each_option: the form cannot be submitted: {exc}"
            errors.append({"cause": "selector_empty", "url": start.url, "message": message})
            asked["error"] = message
            asked["mensaje"] = error_mensaje("selector_empty", message)
            break
        form = None
        if request.method == "POST":
            kind = request.headers.get("Content-Type", b"application/x-www-form-urlencoded")
            form = Form(request.body, kind.decode("latin-1"), ())
        fetched = get(request.url, form)
        if fetched is None:
            asked["error"] = errors[-1]["message"]
            asked["mensaje"] = error_mensaje(errors[-1]["cause"], errors[-1]["message"])
            continue
        out["pages"] += 1
        before = len(documents)  # an item listed by an option before is not listed again
        next_page, items = read_listing(_listing_page(fetched), False, option=True)
        asked |= {"items": items, "new_items": len(documents) - before, "next_page": next_page}
        if items and not asked["new_items"] and len(out["asked"]) > 1:
            said = option_ignored(value)  # another option's listing again: the crawl's error
            errors.append({"cause": "option_ignored", "url": fetched.url, "message": said})
    shown = ", ".join(shown_text(a["text"] or a["value"], 40) for a in out["asked"])
    total, most = len(found), rules.max_options
    if total > len(out["asked"]):
        crawl_en = (
            f"the crawl asks for each, {most} at most"
            if total > most
            else "the crawl asks for each"
        )
        crawl_es = (
            f"el rastreo pide cada una, {most} como máximo"
            if total > most
            else "el rastreo pide cada una"
        )
        out["message"] = (
            f"listing.each_option: the select {rules.select!r} offers {total} options; this "
            f"preview asked for the first {len(out['asked'])} ({shown}) and shows their "
            f"listings' first pages; {crawl_en}"
        )
        out["mensaje"] = (
            f"listing.each_option: la lista {rules.select!r} ofrece {total} opciones; esta "
            f"vista previa pidió las primeras {len(out['asked'])} ({shown}) y muestra la "
            f"primera página de sus listados; {crawl_es}"
        )
    return out


def _stops_early(max_pages: int, pages: int, following: str | None) -> list[tuple[str, str]]:
    """The spec's ``listing.max_pages`` ends the crawl at the pages previewed although the
    listing goes on: whoever previews must not think the items shown are all there are.
    In English and in Spanish."""
    if not following or pages < max_pages:
        return []
    shown = shown_text(following, 200)
    if max_pages == 1:
        english_pages, spanish_pages = "the first page", "la primera página"
    else:
        english_pages = f"the first {max_pages} pages"
        spanish_pages = f"las primeras {max_pages} páginas"
    return [(
        f"listing.max_pages is {max_pages}: the crawl would stop after {english_pages} "
        f"although the listing has a next one ({shown}); what this preview shows is not all "
        "there is: raise listing.max_pages to collect the following pages",
        f"listing.max_pages es {max_pages}: el rastreo se detendría después de "
        f"{spanish_pages} aunque el listado tiene una siguiente ({shown}); lo que muestra "
        "esta vista previa no es todo lo que hay: aumente listing.max_pages para recoger "
        "las páginas siguientes",
    )]  # fmt: skip


def _limit_problem(message: str) -> tuple[str, str]:
    """A limit of the spec the trial crawl stopped at while the source went on (its
    ``max_pages``, ``max_entries``…): the preview is not all there is."""
    return (
        f"{message}; what this preview shows is not all there is: raise that limit in the "
        "spec to collect the rest",
        f"{error_mensaje(LIMIT_REACHED, message)}; lo que muestra esta vista previa no es "
        "todo lo que hay: aumente ese límite en la especificación para recoger el resto",
    )


def _first_items(
    page: HtmlResponse, spec: SourceSpec, errors: list[dict[str, Any]] | None = None
) -> tuple[Any, int]:
    """The page's items up to ``listing.max_items``, as the crawl reads them (selected up
    to one more: a page of 10^5 rows held a selector object for each), and how many it
    has; those past the bound are the crawl's ``limit_reached``, added to ``errors``."""
    assert spec.listing is not None
    most = spec.listing.max_items
    items = select(page, spec.listing.items, limit=most + 1)
    if len(items) <= most:
        return items, len(items)
    listed = count_matches(page, spec.listing.items)
    if errors is not None:
        said = (
            f"listing.max_items ({most}) reached: {listed - most} items of this page after "
            f"the first {most} were not read"
        )
        errors.append({"cause": "limit_reached", "url": page.url, "message": said})
    return items[:most], listed


def _framed_listing(
    spec: SourceSpec, page: HtmlResponse, get: Any, absent: list[tuple[str, str]], depth: int = 1
) -> tuple[HtmlResponse, Any]:
    """The first of a page's frames (on its own site) whose page has items, and those
    items; the page itself and none when no frame has any. A frame without items that
    says nothing is at its address is noted in ``absent`` (its address, what it said)."""
    assert spec.listing is not None
    for url in content_frames(page):
        fetched = get(url)
        if fetched is None:
            continue
        framed = _listing_page(fetched)
        items = select(framed, spec.listing.items, limit=spec.listing.max_items)
        if not items and depth < MAX_DEPTH and content_frames(framed):
            framed, items = _framed_listing(spec, framed, get, absent, depth + 1)
        elif not items and (said := not_found_said(framed)) is not None:
            absent.append((framed.url, said))
        if items:
            return framed, items
    return page, []


def _item_keys(page: HtmlResponse, spec: SourceSpec, items: Any) -> set[str]:
    """What tells a listing's items apart, as the crawl tells them: the document's
    address, or (an item with none, as a row asked for by postback) its row's text."""
    assert spec.listing is not None
    keys = set()
    for item in items:
        link = item_link(item, spec.listing)
        try:
            url = without_fragment(
                absolute(page_base(page), link if isinstance(link, str) else None)
            )
        except BadLink:
            url = None
        keys.add(url or "row:" + " ".join(" ".join(text_nodes(item)).split()))
    return keys


def _next_form(
    spec: SourceSpec,
    first: HtmlResponse,
    first_keys: set[str],
    get: Any,
    errors: list[dict[str, str]],
) -> dict[str, Any]:
    """What the crawl would do after the first page of a spec that pages by a form: the
    control it would click and, with one request more, what the second page yields, or
    why paging would stop there (in English and in Spanish)."""
    rules = spec.listing.next_form  # type: ignore[union-attr]
    assert rules is not None
    out: dict[str, Any] = {
        "form_found": True, "control_found": False, "target": None, "argument": None,
        "button": None, "method": None, "url": None, "items": None, "new_items": None,
        "pages_on": False, "message": None, "mensaje": None,
    }  # fmt: skip

    def stop(english: str, spanish: str) -> dict[str, Any]:
        return out | {"message": english, "mensaje": spanish}

    variables = {"page": 2, "offset": len(first_keys), "since": None, "until": None}
    try:
        step = next_form_step(first, rules, variables)
    except ValueError as exc:  # a form scrapy cannot submit (clickdata on a non-submit…)
        return stop(
            f"the form cannot be submitted: {exc}", f"el formulario no se puede enviar: {exc}"
        )
    out |= {"form_found": step.form_found, **step.control}
    out["control_found"] = "argument" in step.control or "button" in step.control
    if step.request is None:
        assert step.stop is not None
        return stop(*step.stop)
    request = step.request
    out |= {"method": request.method, "url": request.url}
    if not first_keys:
        return stop(
            "the first page has no items: the crawl would not go on to the next one",
            "la primera página no tiene elementos: el rastreo no pasaría a la siguiente",
        )
    form = None
    if request.method == "POST":
        kind = request.headers.get("Content-Type", b"application/x-www-form-urlencoded")
        sent = tuple(
            (name, request.headers[name].decode("latin-1"))
            for name in (DELTA_HEADERS if rules.update_panel is not None else ())
        )
        form = Form(request.body, kind.decode("latin-1"), sent)
    fetched = get(request.url, form)
    if fetched is None:
        cause, message = errors[-1]["cause"], errors[-1]["message"]
        return stop(
            f"sending the form answered an error: {message}",
            f"el envío del formulario respondió con un error: {error_mensaje(cause, message)}",
        )
    if rules.update_panel is not None:
        read = _delta_page(first, fetched, get)
        if isinstance(read, tuple):
            return stop(*read)
        second = read
    else:
        second = _listing_page(fetched)
    items, listed = _first_items(second, spec)
    keys = _item_keys(second, spec, items)
    out |= {"items": listed, "new_items": len(keys - first_keys)}
    if not items:
        return stop(
            "the second page lists no items (listing.items matched nothing): paging would "
            "stop there",
            "la segunda página no tiene elementos (listing.items no encontró nada): el "
            "rastreo se detendría ahí",
        )
    if not keys - first_keys and numbered_page(argument := step.control.get("argument", "")):
        # the site says it has the page and gave one already read: the crawl's error
        said = pager_ignored(2, argument)
        errors.append({"cause": "pager_ignored", "url": request.url, "message": said})
        return stop(said, error_mensaje("pager_ignored", said))
    if not keys - first_keys:
        return stop(
            "the second page repeats the first one's items: paging would stop there (does "
            "the form move to the next page?)",
            "la segunda página repite los elementos de la primera: el rastreo se detendría "
            "ahí (¿el formulario no avanza de página?)",
        )
    out["pages_on"] = True
    return out


def _delta_page(first: HtmlResponse, fetched: Fetched, get: Any) -> HtmlResponse | tuple[str, str]:
    """The second page of a listing paged through an UpdatePanel, as the crawl makes it:
    the site's delta applied to the first page (a full page read as it is, a
    ``pageRedirect`` followed); else why paging would stop, in English and in Spanish."""
    html = (fetched.content_type or "").lower().startswith(("text/html", "application/xhtml"))
    if html and not is_delta(fetched.body):
        return _listing_page(fetched)
    try:
        delta = parse_delta(delta_text(fetched.body, _charset(fetched)))
        if delta.error is not None:
            said = site_error(*delta.error)
            return said, delta_mensaje(said) or said
        if delta.redirect is not None:
            try:
                to = absolute(page_base(first), delta.redirect)
            except BadLink:
                to = None
            again = get(to) if to else None
            if again is None:
                return (
                    f"the partial postback sent the browser to {delta.redirect!r}, which "
                    "could not be read",
                    f"el postback parcial envió al navegador a «{delta.redirect}», que no "
                    "se pudo leer",
                )
            return _listing_page(again)
        page = applied(first, delta)
    except DeltaError as exc:
        return str(exc), delta_mensaje(str(exc)) or str(exc)
    spread_rowspans(page.selector.root)
    return page


def _charset(fetched: Fetched) -> str | None:
    found = re.search(r"charset=([\w-]{1,40})", fetched.content_type or "", re.I)
    return found.group(1) if found else None


def page_url(document: dict[str, Any]) -> str:
    return str(document.get("listing_url") or "")


def _skip_if_refused(
    document: dict[str, Any], refused: tuple[str, str] | None, errors: list[dict[str, str]]
) -> bool:
    """Marks a listed document the crawl would not request as skipped, with the cause
    and message its run would count (the error is said where it was listed)."""
    if refused is None:
        return False
    cause, message = refused
    document["skipped"] = {
        "cause": cause, "message": message, "mensaje": error_mensaje(cause, message),
    }  # fmt: skip
    errors.append({"cause": cause, "url": page_url(document), "message": message})
    return True


def _detail(
    spec: SourceSpec,
    document: dict[str, Any],
    get: Any,
    errors: list[dict[str, str]],
    crawl: CrawlRules,
) -> None:
    fetched = get(document["url"], listed=document)
    if fetched is None:
        return
    try:
        kind = sniff_type(fetched.body, fetched.content_type, fetched.url)
    except ExtractionError as exc:
        document["detail"] = {"type": "unsupported", "message": str(exc)}
        return
    if kind != "html":
        document["detail"] = {"type": kind, "bytes": len(fetched.body)}
        # where it was read, as the crawl keeps a file: without a redirect's session
        document["files"] = list(dict.fromkeys([*document["files"], without_session(fetched.url)]))
        return
    page = _page(fetched)
    what = stood_for(fetched.url)
    said = not_found_said(page, file=what == "file")
    if said is not None:  # the crawl counts it http_404 and keeps nothing of it
        message = f"{SOFT_404.format(what=what)}: «{said}»"
        document["skipped"] = {
            "cause": "http_404", "message": message, "mensaje": error_mensaje("http_404", message),
        }  # fmt: skip
        errors.append({"cause": "http_404", "url": page.url, "message": message})
        return
    rules = spec.detail
    if rules is not None:
        bad = _bad_field_link(page.url, errors)
        document["fields"] = read_fields(page, rules.fields, page.url, bad) | document["fields"]
        files = _links(page, page, rules.files, errors, crawl)
        document["files"] = list(dict.fromkeys(document["files"] + files))
        chosen = " ".join(select(page, rules.text).getall()) if rules.text else None
    else:
        chosen = None
    text = html_main_text(chosen) if chosen else html_main_text(fetched.body)
    shown, hidden = guarded_text(text)  # the whole text, then cut: no half a CURP shown
    document["detail"] = {"type": "html", "text_preview": shown[:TEXT_PREVIEW_CHARS]}
    document["hidden"] = hidden


def _by_postback(
    spec: SourceSpec,
    page: HtmlResponse,
    item: Any,
    get: Any,
    errors: list[dict[str, str]],
    ask: bool,
) -> dict[str, Any]:
    """A row whose document is asked for by posting its button back
    (``listing.link_postback``), as the crawl asks: the page's form posted with the
    button's click, and the document's address read in the answer. ``ask``: whether
    this row is among the first the preview posts (each is one request); the others
    say the crawl posts them. Its ``postback`` says, in English and in Spanish, what was
    done or why no address came of it."""
    rules = spec.listing.link_postback  # type: ignore[union-attr]
    assert rules is not None
    data, why = row_click(page, item, rules)
    if data is None:
        assert why is not None
        return {"postback": why}
    if not ask:
        return {"postback": (
            "not an error: the document is asked for by posting the row's button "
            "(listing.link_postback); this preview posts it for its first rows only, the "
            "crawl posts every row's",
            "no es un error: el documento se pide enviando el botón de la fila "
            "(listing.link_postback); esta vista previa lo envía solo en sus primeras filas, "
            "el rastreo lo envía en todas",
        )}  # fmt: skip
    posted: dict[str, Any] = {"posted": True}
    request = row_request(page, rules, data)
    kind = request.headers.get("Content-Type", b"application/x-www-form-urlencoded")
    form = Form(request.body, kind.decode("latin-1")) if request.method == "POST" else None
    fetched = get(request.url, form)
    if fetched is None:
        cause, message = errors[-1]["cause"], errors[-1]["message"]
        return posted | {"postback": (
            f"posting the row's button back answered an error: {message}",
            "el envío del botón de la fila respondió con un error: "
            f"{error_mensaje(cause, message)}",
        )}  # fmt: skip
    answer = _page(fetched)
    if (deep := too_deep(answer)) is not None:  # read flattened, or what comes before
        errors.append({"cause": HTML_TOO_DEEP, "url": answer.url, "message": deep})
    found = read(answer, rules.document)
    try:
        link = found if isinstance(found, str) else None
        url = without_fragment(absolute(page_base(answer), link))
    except BadLink as exc:
        url = None
        errors.append({"cause": "bad_url", "url": answer.url,
                       "message": f"listing.link_postback.document: {exc}"})  # fmt: skip
    if not url:
        return posted | {"postback": (
            "the answer to posting the row's button back holds no document address "
            "(listing.link_postback.document matched nothing)",
            "la respuesta al envío del botón de la fila no tiene la dirección de ningún "
            "documento (listing.link_postback.document no encontró nada)",
        )}  # fmt: skip
    return posted | {"url": url}


def _own_names(
    spec: SourceSpec,
    others: tuple[str, ...],
    document: dict[str, Any],
    errors: list[dict[str, str]],
) -> None:
    """A field naming another institution (a court, chamber or committee read from the
    page) left out of ``document`` as the crawl leaves it out of what it publishes, and
    said with the crawl's cause (a skipped document is not built: nothing to say)."""
    document["fields"], foreign = previewed_fields(spec, others, document["fields"])
    if "skipped" in document:
        return
    for name in foreign:
        message = foreign_name_message(name, spec.institution)
        url = document["url"] or page_url(document)
        errors.append({"cause": FOREIGN_NAME, "url": url, "message": message})


def _problems(spec: SourceSpec, document: dict[str, Any]) -> list[tuple[str, str]]:
    """What would make this item a crawl error (see ``_built``)."""
    return _built(spec, document)[0]


def _built(spec: SourceSpec, document: dict[str, Any]) -> tuple[list[tuple[str, str]], Any]:
    """The item built for real, as the crawl builds it from its fields, and what would
    make it a crawl error: each in English and in Spanish (what the spec's author
    reads); no document where it is one."""
    if not document["url"]:
        return [(
            "listing.link matched nothing: the item has no document to fetch",
            "listing.link no encontró nada en este elemento: no hay documento que traer",
        )], None  # fmt: skip
    try:
        built = build_document(
            kind=spec.kind,
            source_id=spec.id,
            institution=spec.institution,
            jurisdiction=spec.jurisdiction,
            url=document["url"],
            fields=dict(spec.constants) | document["fields"],
            text="",
            required=spec.required,
        )
    except MissingField as exc:
        return [(str(exc), error_mensaje("missing_field", str(exc)))], None
    except InvalidDocument as exc:
        return [(str(exc), f"{label('invalid_document')}: {exc}")], None
    return [], built


def main() -> int:
    """The child: a request on stdin (see ``_in_own_process``), the preview on stdout.
    Its time counts from here, once Python and the crawl's modules are loaded."""
    started = time.monotonic()
    say_ready(sys.argv)
    request = json.loads(sys.stdin.read())
    guard_logs(spec_secrets(request["spec"]))  # its own keys, as a crawl's log hides them
    spec = SourceSpec.model_validate(request["spec"])
    settings = Settings.model_validate(request["settings"])
    remaining = max(0.5, request["time_limit_s"] - (time.monotonic() - started) - 0.5)
    cap = settings.preview_max_memory_mb
    resource.setrlimit(resource.RLIMIT_AS, (cap << 20, cap << 20))
    try:
        result = listing_preview(spec, settings, time_limit_s=remaining, **request["limits"])
    except Exception as exc:  # lxml says a failed allocation as an "unknown error"
        if not (isinstance(exc, MemoryError) or _peak_mb() >= cap * 0.9):
            raise
        result = None  # the page's tree, held by the traceback, is let go here
    if result is None:
        said = PREVIEW_MEMORY.format(mb=cap)
        result = {
            "source_id": spec.id, "pages": 0, "documents": [], "next_page": None,
            "errors": [{"cause": "preview_failed", "url": spec.start_urls[0], "message": said}],
            "elapsed_s": round(time.monotonic() - started, 3),
        }  # fmt: skip
    sys.stdout.write(json.dumps(result))
    return 0


def _peak_mb() -> float:
    """This process's peak address space (VmPeak), in MB; 0 where it is not told."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next((x for x in status if x.startswith("VmPeak:")), "VmPeak: 0 kB")
    except OSError:
        return 0.0
    return int(line.split()[1]) / 1024


if __name__ == "__main__":
    sys.exit(main())
