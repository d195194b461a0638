"""Paginated JSON search APIs (the SCJN Buscador Jurídico answers ``{"total": 3725,
"resultados": [{"organoJurisdiccional": …, "fechaSesion": "19/02/2025", …}], "pagina":
1, "size": 10}``). Records become documents through paths and templates; pages are
requested by number, offset or the API's own next link until the total is reached."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from config.patterns import first_group
from config.spec_shapes import JsonApiRules, RecordField
from crawlers.api_errors import (
    API_ERROR,
    RECORD_DATA,
    RECORDS,
    any_read,
    api_error_message,
    error_said,
    keys_read,
)
from crawlers.building import EntryTexts
from crawlers.encoding import as_page, content_type
from crawlers.expired import SESSION, SESSION_EXPIRED, expired_said
from crawlers.formats.csv_table import CsvError, csv_records, table_records
from crawlers.formats.json_text import json_text
from crawlers.formats.xlsx_table import xlsx_rows
from crawlers.items import DocumentDraft
from crawlers.jsonpath import as_text, read_path
from crawlers.links import absolute, without_session
from crawlers.middlewares import forget_fetch
from crawlers.no_content import NO_CONTENT, nothing_sent
from crawlers.origin_headers import with_origin_headers
from crawlers.soft_404 import SERVER_ERROR_PAGE, SOFT_404, not_found_said, server_error_said
from crawlers.spiders.base import SpecSpider
from crawlers.templates import (
    TemplateValueError,
    empty_values,
    render,
    render_all,
    render_complete,
    render_json,
    with_query,
)
from indexer.readers.normalise import parse_date

TOTAL_NOT_REACHED = "total_not_reached"
TOTAL_DIGITS = 18  # a total longer is no count of records (nor one ``int`` reads at once)
NESTED_TOO_DEEPLY = "the API answered JSON nested too deeply"
_LONG_NUMBER = re.compile(r"limit \((\d+) digits\) for integer string conversion: value has (\d+)")
HEADER = "header:"
# one link of a Link header (RFC 8288): <address> and its parameters up to the next link
_LINK = re.compile(r"<([^<>]*)>((?:\s*;(?:[^;,<\"]|\"[^\"]*\")*)*)")
_REL = re.compile(r"""(?i)(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))""")
MAX_LINK_HEADER = 16_384  # a Link header of a few links; past it nothing is read
# a tag as markup writes one (``<p>``, ``</li>``, ``<br/>``, ``<!-- -->``), not a «<» of
# plain text («art. 5 < 10»)
_MARKUP = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?|!--.*?--)>", re.DOTALL)


def header_value(response: Response, name: str) -> str | None:
    """The answer's header ``name`` as text (the last one when repeated), None when absent."""
    values = response.headers.getlist(name)
    return values[-1].decode("latin-1").strip() if values else None


def next_in_link_header(value: str | None) -> str | None:
    """The address a Link header (``<…?page=3>; rel="next", <…?page=1>; rel="prev"``)
    gives as the next page, None when it names none (the last page names only prev)."""
    if not value or len(value) > MAX_LINK_HEADER:
        return None
    for address, params in _LINK.findall(value):
        for quoted, bare in _REL.findall(params):
            if "next" in (quoted or bare).lower().split():
                return address.strip() or None
    return None


def unreadable_json(exc: ValueError | RecursionError) -> str:
    """Why an answer could not be read as JSON, truly: nested too deeply, a number with
    more digits than Python converts (4300: a 20-MB "number" is JSON, and it is not
    "no JSON"), or not JSON at all."""
    if isinstance(exc, RecursionError):
        return NESTED_TOO_DEEPLY
    if found := _LONG_NUMBER.search(str(exc)):
        most, digits = found.groups()
        return f"the API answered a number of {digits} digits (at most {most} are read)"
    return f"the API did not answer JSON: {exc}"


def _keep_text(draft: DocumentDraft, text: str) -> None:
    """The record's text as the document's: an HTML one (WordPress's
    ``content.rendered``, a CMS's body) read as a page's text where the document is
    built, never its tags and entities kept as words."""
    draft.page_text = text
    if _MARKUP.search(text):
        draft.page = EntryTexts((text,))


def _kept(pattern: str, value: str | list[str]) -> str | list[str] | None:
    """What a field's ``regex`` keeps of its value (of each of a list's): the first
    group, or the whole match; a value it does not match is none (RE2: linear in the
    value, whatever the pattern)."""
    if isinstance(value, str):
        return first_group(pattern, value) or None
    kept = [k for v in value if (k := first_group(pattern, v))]
    return kept or None


def _day(draft: DocumentDraft) -> dt.date | None:
    raw = draft.fields.get("resolution_date") or draft.fields.get("date")
    return parse_date(raw if isinstance(raw, str) else None)


class JsonApiSpider(SpecSpider):
    name = "json_api"

    @property
    def rules(self) -> JsonApiRules:
        rules = self.spec.json_api
        assert rules is not None  # validated: json_api specs have their rules
        return rules

    def listing_kind(self) -> str:
        return "API answer"

    def first_requests(self, url: str) -> Iterator[scrapy.Request]:
        yield self.api_request(url, self.rules.first_page, 0)

    def api_request(self, base_url: str, page: int, offset: int) -> scrapy.Request:
        rules = self.rules
        variables = self._variables(page, offset)
        url = with_query(base_url, render_all(rules.params, variables))
        headers = {"Accept": "application/json"}
        kwargs = {"page": page, "base_url": base_url, "offset": offset}
        if rules.method == "POST" and rules.form is not None:
            # a form's fields as its page's script posts them, empty ones included
            fields = {name: render(str(value), variables) for name, value in rules.form.items()}
            request = scrapy.FormRequest(
                url, formdata=fields, headers=headers,
                callback=self.parse_start, errback=self.failed, cb_kwargs=kwargs,
            )  # fmt: skip
        elif rules.method == "POST":
            body = json.dumps(render_json(rules.body or {}, variables), ensure_ascii=False)
            headers |= {"Content-Type": "application/json"}
            request = scrapy.Request(
                url, method="POST", body=body.encode("utf-8"), headers=headers,
                callback=self.parse_start, errback=self.failed, cb_kwargs=kwargs,
            )  # fmt: skip
        else:
            request = scrapy.Request(
                url, headers=headers, callback=self.parse_start, errback=self.failed,
                cb_kwargs=kwargs,
            )  # fmt: skip
        return with_origin_headers(request, base_url, rules.headers)

    def _variables(self, page: int, offset: int) -> dict[str, Any]:
        return {"page": page, "offset": offset, "size": self.rules.page_size or ""} | (
            self.window_variables()
        )

    def parse_start(
        self, response: Response, page: int, base_url: str | None = None, offset: int = 0
    ) -> Iterator[Any]:
        self.run.count("pages")
        rules = self.rules
        if said := nothing_sent(response):
            self.run.error(NO_CONTENT, response.url, said)
            forget_fetch(self, response.url)
            return
        if rules.format != "json":  # a table: its rows are the records
            try:
                data: Any = (
                    csv_records(response.body, content_type(response), rules.header)
                    if rules.format == "csv"
                    else table_records(xlsx_rows(response.body), rules.header)
                )
            except CsvError as exc:
                self.unreadable(response, f"not_{rules.format}", str(exc), "API answer")
                return
            records = data
        else:
            try:
                data = json.loads(json_text(response.body, content_type(response)))
            except (ValueError, RecursionError) as exc:
                if not response.body.strip():
                    message = api_error_message(response.status, RECORDS, None)
                    self.unreadable(response, API_ERROR, message, "API answer")
                else:
                    self.unreadable(response, "not_json", unreadable_json(exc), "API answer")
                return
            records = read_path(data, rules.records) if rules.records else None
        if not isinstance(records, list):
            if rules.records and (said := self._api_error(data, (rules.records,), ())):
                self.run.error(
                    API_ERROR, response.url, api_error_message(response.status, RECORDS, said),
                    unread="API answer",
                )  # fmt: skip
                forget_fetch(self, response.url)
                self.lost(what="API answer")
                return
            self.run.error(
                "selector_empty", response.url, f"json_api.records: no list at {rules.records!r}"
            )
            return
        if not records and isinstance(data, dict) and (said := error_said(data, envelope=False)):
            # no records and the API's error beside them (a quota, a token refused): not
            # the end of the records, which paging would have taken it for without a word
            message = api_error_message(response.status, RECORDS, said)
            self.run.error(API_ERROR, response.url, message, unread="API answer")
            forget_fetch(self, response.url)
            self.lost(what="API answer")
            return
        variables = self._variables(page, offset)
        new = 0
        dated = older = 0

        def one(position: int, record: Any) -> Iterator[Any]:
            nonlocal new, dated, older
            draft = self.draft(record, response.url, variables)
            if draft is None:
                self.run.error(
                    "missing_link", response.url, f"record {position}: json_api.link is empty"
                )
                return
            new += draft.url not in self._read
            self._read.add(draft.url)
            day = _day(draft)
            dated += day is not None
            older += self.window.before(day)
            if not self.in_window(draft):
                return
            if rules.detail is not None:
                yield from self._ask_detail(draft, record, variables, base_url or response.url)
            else:
                yield from self._after_record(draft)

        yield from self.each_item(records, response.url, one, "record")
        if records and not new and page > self.rules.first_page:
            self._repeated(data, response, page)
            return  # an API that ignores the page asked for would repeat it max_pages times
        if rules.newest_first and dated and older == dated:
            return  # records come newest first: every page after this is older still
        yield from self._next_page(data, records, response, page, base_url or response.url, offset)

    def _after_record(self, draft: DocumentDraft) -> Iterator[Any]:
        """The record's document: its link fetched (``follow``), or its files."""
        if self.rules.follow:
            yield self.follow(draft)
        else:
            yield from self.next_file(draft)

    def _ask_detail(
        self, draft: DocumentDraft, record: Any, variables: dict[str, Any], base_url: str
    ) -> Iterator[Any]:
        """The record's own JSON (``json_api.detail``); a record without the values its
        address needs keeps what it has."""
        detail = self.rules.detail
        assert detail is not None
        where = draft.listing_url
        url = self.absolute_or_counted(
            where, self._filled(detail.url, variables, record, where, "json_api.detail.url"),
            "json_api.detail.url",
        )  # fmt: skip
        if not url:
            yield from self._after_record(draft)
            return
        request = scrapy.Request(
            url, headers={"Accept": "application/json"}, callback=self._detail,
            errback=self._detail_failed, cb_kwargs={"draft": draft, "variables": variables},
        )  # fmt: skip
        yield with_origin_headers(request, base_url, self.rules.headers)

    def _detail(
        self, response: Response, draft: DocumentDraft, variables: dict[str, Any]
    ) -> Iterator[Any]:
        """Fields, files and text from the record's JSON, then the document as without
        it; an answer that is no JSON is counted and the record's own values kept."""
        detail = self.rules.detail
        assert detail is not None
        if said := nothing_sent(response):
            self.run.error(NO_CONTENT, response.url, f"json_api.detail: {said}")
            yield from self._after_record(draft)
            return
        try:
            data = json.loads(json_text(response.body, content_type(response)))
        except (ValueError, RecursionError) as exc:
            if not response.body.strip():
                message = api_error_message(response.status, RECORD_DATA, None)
                self.run.error(API_ERROR, response.url, f"json_api.detail: {message}")
            elif not self._error_page(response):
                message = f"json_api.detail: {unreadable_json(exc)}"
                self.run.error("not_json", response.url, message)
            yield from self._after_record(draft)
            return
        sources = [f if isinstance(f, str) else f.select for f in detail.fields.values()]
        templates = [*(s for s in sources if "{" in s), *detail.files]
        paths = [*(s for s in sources if "{" not in s), detail.text]
        if said := self._api_error(data, paths, templates):
            message = api_error_message(response.status, RECORD_DATA, said)
            self.run.error(API_ERROR, response.url, f"json_api.detail: {message}")
            forget_fetch(self, response.url)
            yield from self._after_record(draft)
            return
        found = self._fields(detail.fields, data, variables, response.url, "json_api.detail")
        draft.fields = found | draft.fields
        draft.pending_files += [
            u
            for t in detail.files
            if (
                u := self.absolute_or_counted(
                    response.url,
                    self._filled(t, variables, data, response.url, "json_api.detail.files"),
                    t,
                )
            )
        ]
        text = as_text(read_path(data, detail.text)) if detail.text else None
        if isinstance(text, str) and text.strip() and not draft.page_text:
            _keep_text(draft, text)
        yield from self._after_record(draft)

    def _error_page(self, response: Response) -> bool:
        """Whether a record's JSON came back as the site's HTML page of an error (its
        «Error 500», «no encontrado» or «sesión expirada» page, with a 200): counted as
        what it says, not as an API that answers no JSON."""
        page = as_page(response)
        if page is None:
            return False
        what = "API answer"
        if (expired := expired_said(page)) is not None:
            message = f"{SESSION_EXPIRED.format(what=what)}: «{expired}»"
            self.run.error(SESSION, response.url, message)
        elif (failed := server_error_said(page)) is not None:
            message = f"{SERVER_ERROR_PAGE.format(what=what)}: «{failed}»"
            self.run.error("http_5xx", response.url, message)
        elif (said := not_found_said(page)) is not None:
            self.run.error("http_404", response.url, f"{SOFT_404.format(what=what)}: «{said}»")
        else:
            return False
        forget_fetch(self, response.url)
        return True

    @staticmethod
    def _api_error(data: Any, paths: Any, templates: Any) -> str | None:
        """What an answer holding none of the keys the spec reads from it says, when it
        is an API's error (``crawlers.api_errors``); None when it is data."""
        if any_read(data, keys_read(paths, templates)):
            return None
        return error_said(data)

    def _detail_failed(self, failure: Failure) -> Iterator[Any]:
        """The record's JSON could not be had (counted with its cause): the document
        keeps the record's own values."""
        yield from self.failed(failure)
        yield from self._after_record(failure.request.cb_kwargs["draft"])  # type: ignore[attr-defined]

    def _filled(
        self, template: str, variables: dict[str, Any], record: Any, where: str, what: str
    ) -> str | None:
        """``render_complete``; a record's value its placeholder's format does not fit
        (``{numero:05d}`` given "A-12") is no value, counted ``template_value``."""
        try:
            return render_complete(template, variables, record)
        except TemplateValueError as exc:
            self.run.error("template_value", where, f"{what}: {exc}")
            return None

    def _fields(
        self, sources: dict[str, RecordField | str], data: Any, variables: dict[str, Any],
        where: str, block: str = "json_api",
    ) -> dict[str, str | list[str]]:  # fmt: skip
        fields: dict[str, str | list[str]] = {}
        for name, field in sources.items():
            source = field if isinstance(field, str) else field.select
            value = (  # a template missing one of its values is no value, not a fragment
                self._filled(source, variables, data, where, f"{block}.fields.{name}")
                if "{" in source
                else as_text(read_path(data, source))
            )
            if value and isinstance(field, RecordField) and field.regex:
                value = _kept(field.regex, value)
            if value:
                fields[name] = value
        return fields

    @property
    def _read(self) -> set[str]:
        """The documents' addresses this crawl has read in the API's records."""
        if not hasattr(self, "_read_links"):
            self._read_links: set[str] = set()
        return self._read_links

    def _repeated(self, data: Any, response: Response, page: int) -> None:
        """A page whose records were all read on earlier pages: paging stops there; when
        the API's total says there are more, the loss is counted with its cause."""
        said, total = self._total(data, response)
        if total is not None and total > len(self._read):
            self.run.error(
                "page_repeated", response.url,
                f"page {page} repeats records already read: the API does not move on with "
                f"the page asked for; paging stopped with {len(self._read)} of the "
                f"{said} records its total says",
            )  # fmt: skip

    def draft(self, record: Any, api_url: str, variables: dict[str, Any]) -> DocumentDraft | None:
        rules = self.rules
        url = absolute(
            api_url, self._filled(rules.link, variables, record, api_url, "json_api.link")
        )
        if not url or url in (api_url, without_session(api_url)):
            return None
        fields = self._fields(rules.fields, record, variables, api_url)
        draft = DocumentDraft(url=url, listing_url=api_url, fields=fields)
        draft.pending_files = []
        for template in rules.files:
            filled = self._filled(template, variables, record, api_url, "json_api.files")
            if filled is None:
                draft.files_unpublished += empty_values(template, variables, record)
            elif found := self.absolute_or_counted(api_url, filled, template):
                draft.pending_files.append(found)
        text = as_text(read_path(record, rules.text)) if rules.text else None
        _keep_text(draft, text if isinstance(text, str) else "")
        return draft

    def _next_page(
        self,
        data: Any,
        records: list[Any],
        response: Response,
        page: int,
        base_url: str,
        offset: int,
    ) -> Iterator[scrapy.Request]:
        rules = self.rules
        seen = offset + len(records)
        said, total = self._total(data, response)
        if total is not None and seen >= total:
            return
        if not records or (rules.page_size and len(records) < rules.page_size):
            self._short_of_total(said, total, seen, page, response.url)
            return  # an empty or short page is the last one
        if rules.format != "json" and not (rules.params or rules.form or rules.body or rules.next):
            return  # a table exported whole: the same address would answer it again
        last = page - rules.first_page + 1 >= rules.max_pages
        if rules.next:
            found = self._next_link(data, response, rules.next)
            link = self.absolute_or_counted(response.url, found, "json_api.next")  # type: ignore[arg-type]
            if not link:  # none given (a bad one is counted as bad_url already)
                if found is None:
                    self._short_of_total(said, total, seen, page, response.url)
            elif self._asked_before(response.url, link):
                self._ring(said, total, seen, page, response.url)
            elif last:
                self._limit(response.url)
            else:
                request = scrapy.Request(
                    link, headers={"Accept": "application/json"},
                    callback=self.parse_start, errback=self.failed,
                    cb_kwargs={"page": page + 1, "base_url": base_url, "offset": seen},
                )  # fmt: skip
                # the headers stay with the start URL's origin, wherever the API points
                yield with_origin_headers(request, base_url, rules.headers)
            return
        if last:
            self._limit(response.url)
            return
        yield self.api_request(base_url, page + 1, seen)

    @staticmethod
    def _next_link(data: Any, response: Response, where: str) -> Any:
        """The next page's address: at a path of the answer, or in its header
        (``header:Link``: the link whose rel is next; another header: its value)."""
        if not where.startswith(HEADER):
            return as_text(read_path(data, where)) or None
        value = header_value(response, where.removeprefix(HEADER))
        if where.removeprefix(HEADER).lower() == "link":
            return next_in_link_header(value)
        return value or None

    def _total(self, data: Any, response: Response) -> tuple[str, int | None]:
        """The API's total as written and as a count; no count unless it is written in
        at most ``TOTAL_DIGITS`` ASCII digits: «²» is a digit to ``str.isdigit`` that
        ``int`` refuses, and thousands of digits are past its conversion limit (either
        raised, and the crawl lost every page after the first). ``header:NAME`` reads
        it from the answer's header (``X-Total-Count``, ``X-WP-Total``)."""
        where = self.rules.total
        if where and where.startswith(HEADER):
            found: Any = header_value(response, where.removeprefix(HEADER))
        else:
            found = read_path(data, where) if where else None
        said = str(found) if isinstance(found, (int, float, str)) else ""
        counted = said.isascii() and said.isdigit() and len(said) <= TOTAL_DIGITS
        return said, int(said) if counted else None

    def _short_of_total(
        self, said: str, total: int | None, seen: int, page: int, where: str
    ) -> None:
        """Paging ended (an empty or short page, no next link) while the API's total says
        there are more: counted, never a silent loss. A search engine answers at most so
        many results of one query (10,000 is Elasticsearch's default): a larger one is
        read whole only in parts, by date windows (``--since``/``--until``)."""
        if total is None or total <= seen:
            return
        self.run.error(
            TOTAL_NOT_REACHED, where,
            f"page {page} ended the records with {seen} of the {said} its total says: the "
            "API gives no more of one query (a search engine's cap on results, often "
            "10,000); read the rest in date windows (--since/--until) or narrower queries",
        )  # fmt: skip

    def _asked_before(self, url: str, link: str) -> bool:
        """Whether ``link`` names a page of records already asked for (``url`` is); the
        scheduler would drop it as a duplicate and paging end there, unsaid."""
        if not hasattr(self, "_pages_asked"):
            self._pages_asked: set[str] = set()
        self._pages_asked.add(canonicalize_url(url))
        if canonicalize_url(link) in self._pages_asked:
            return True
        self._pages_asked.add(canonicalize_url(link))
        return False

    def _ring(self, said: str, total: int | None, seen: int, page: int, where: str) -> None:
        """A ``next`` link back to a page already read: paging stops; when the API's total
        says there are more, the loss is counted with its cause."""
        if total is not None and total > seen:
            self.run.error(
                "page_repeated", where,
                f"page {page}'s next link leads back to a page already read: paging "
                f"stopped with {seen} of the {said} records its total says",
            )  # fmt: skip

    def _limit(self, where: str) -> None:
        self.limit_reached(
            where,
            f"json_api.max_pages ({self.rules.max_pages})",
            "the next page of records and those after it were not fetched",
        )
