"""Session transmissions: a platform's channel or playlist feed (YouTube's
``feeds/videos.xml``: entries with ``yt:videoId``, ``media:group``, ``published``) or
congress pages embedding players. Each transmission is tied to the session it shows —
recognised from its title (date, session type, legislature, chamber) — and the session's
videos are handed on together, so a session with two parts is one document with two
links. The pipeline files them under the session's identity (see ``identity`` in the
spec), which is why a live stream later replaced by its recording updates the session.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import scrapy
from scrapy.http import Response

from config.patterns import search
from config.spec_shapes import VideoChannelRules
from crawlers.building import EntryTexts
from crawlers.encoding import as_page
from crawlers.formats.feeds import FeedEntry, feed_steps
from crawlers.formats.players import find_players
from crawlers.formats.xml import first_text
from crawlers.items import DocumentDraft
from crawlers.links import absolute, page_base
from crawlers.selectors import count_matches, read, read_fields, select
from crawlers.spiders.base import SpecSpider
from indexer.analysis import fold_keyword
from indexer.linking import first_sitting
from indexer.models import VideoLink
from indexer.readers.normalise import parse_date, video_platform
from indexer.readers.sessions import (
    SessionInfo,
    clean_title,
    dated_by_label,
    recognise_session,
)
from indexer.readers.videos import State, canonical_video_url, state_from_text, video_id

PAUSE_EVERY = 500  # entries or sessions handled between two pauses (crawlers.stall)


@dataclass
class Transmission:
    """One video of a session, before it is grouped with the session's other videos."""

    title: str
    url: str
    info: SessionInfo
    state: State
    text: str = ""  # the entry's description as published (plain or HTML), not read yet
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    captions: str | None = None

    def session_key(self) -> tuple[Any, ...]:
        """What groups videos into one session: its day's evening sitting is another."""
        i = self.info
        return (i.date, i.session_type, first_sitting(i.sitting), i.chamber, i.legislature)


def state_from_label(label: str | None) -> State | None:
    """A platform's broadcast field (``live``, ``upcoming``, ``none``) or a page label."""
    if not label:
        return None
    folded = fold_keyword(label)
    if re.search(r"\b(?:upcoming|proxim|programad)", folded):
        return "upcoming"
    if re.search(r"\b(?:live|vivo|directo)\b", folded):
        return "live"
    return "recorded" if folded in ("none", "completed", "grabada", "recorded") else None


class VideoChannelSpider(SpecSpider):
    name = "video_channel"

    @property
    def rules(self) -> VideoChannelRules:
        return self.spec.rules()

    def listing_kind(self) -> str:
        return "feed" if self.rules.format == "feed" else ""

    def parse_start(self, response: Response, page: int) -> Iterator[Any]:
        self.run.count("pages")
        if self.nothing_listed(response):
            return
        if self.rules.format == "feed":
            # read as the feed spider reads one: a piece at a time, its first
            # max_entries kept and the rest counted, with pauses (None) between steps
            found = yield from self._from_feed(response)
            next_url = None
        else:
            found, next_url, repeated = self._from_page(response)
            if page > 1 and repeated:
                # a next page (``?p=3&t=…``, a new address each time) that shows again
                # only transmissions already read: the channel does not move on; its
                # sessions were handed over, and max_pages is no loss to report
                return
        yield from self._sessions(found, response.url)
        if next_url and page >= self.rules.max_pages:
            self.limit_reached(
                response.url,
                f"video_channel.max_pages ({self.rules.max_pages})",
                f"the next page ({next_url[:200]}) and those after it were not fetched",
            )
        elif next_url:
            yield scrapy.Request(
                next_url,
                callback=self.parse_start,
                errback=self.failed,
                cb_kwargs={"page": page + 1},
            )

    # -- reading transmissions ---------------------------------------------------------

    def _accepted(self, title: str, info: SessionInfo) -> bool:
        rules = self.rules
        if rules.skip and search(rules.skip, title):
            return False
        if rules.keep:
            return bool(search(rules.keep, title))
        return info.is_session

    def _from_feed(self, response: Response) -> Generator[None, None, list[Transmission]]:
        """The feed's transmissions, its first ``max_entries`` entries read and the rest
        counted. Read whole in one step, a feed of 170,000 entries (45 MB, under the
        download limit) held the crawl past ``ABIERTO_PARSE_TIMEOUT_S``: the run failed as
        ``parse_timeout``, telling the institution to simplify selectors it did not
        have, and kept nothing."""
        rules = self.rules
        try:
            feed = yield from feed_steps(response.body, limit=rules.max_entries)
        except ValueError as exc:
            self.unreadable(response, getattr(exc, "cause", "not_a_feed"), str(exc), "feed")
            return []
        found: list[Transmission] = []
        for made in self.feed_entries(
            feed, response.url, lambda _, e: self._feed_entry(e, response.url),
            "video_channel.max_entries", rules.max_entries,
        ):  # fmt: skip
            if made is None:
                yield None  # a pause: the transmissions are handed over together
            else:
                found.append(made)
        return found

    def _feed_entry(self, entry: FeedEntry, response_url: str) -> Iterator[Transmission]:
        node = entry.node
        video_id = first_text(node, "./videoId/text()") if node is not None else None
        url = absolute(response_url, entry.link)
        if video_id and not url:
            url = f"https://www.youtube.com/watch?v={video_id}"
        if not url:
            self.run.error("missing_link", response_url, f"entry {entry.title!r} has no link")
            return
        info = recognise_session(entry.title)
        if info.date is None:  # the description may date it; else the day it was published
            info = replace(info, date=parse_date(entry.opening) or entry.day)
        if not self._accepted(entry.title, info):
            self.run.count("skipped")
            return
        label = read(node, self.rules.state) if node is not None and self.rules.state else None
        state = (
            state_from_label(label if isinstance(label, str) else None)
            or state_from_text(entry.title)
            or "recorded"
        )
        bad = self.bad_field_link(response_url)
        fields = read_fields(node, self.rules.fields, response_url, bad) if node is not None else {}
        yield Transmission(entry.title, url, info, state, entry.content, fields)

    def _from_page(self, response: Response) -> tuple[list[Transmission], str | None, bool]:
        """The page's transmissions, its next page, and whether it only repeats earlier
        pages (every player's address, and every title ``keep``/``skip`` leave out, shown
        before)."""
        page = as_page(response)
        if page is None:
            self.run.error("not_html", response.url, "channel page is not HTML")
            return [], None, False
        rules = self.rules
        blocks = self._blocks(page)
        page_title = " ".join(page.css("h1 ::text, title::text").getall()[:1]).strip()
        before = self._shown_before()
        shown = {"all": 0, "new": 0}

        def novel(key: str) -> None:
            shown["all"] += 1
            shown["new"] += key not in before
            before.add(key)

        def one(_: int, block: Any) -> Iterator[Transmission]:
            fields = read_fields(block, rules.fields, page.url, self.bad_field_link(page.url))
            title = _one(fields.pop("title", None)) or page_title
            date_text = _one(fields.get("date")) or ""
            info = recognise_session(f"{title} {date_text}".strip())
            if not self._accepted(title, info):
                novel(f"#{title} {date_text}")
                self.run.count("skipped")
                return
            marker = bool(select(block, rules.live_marker, limit=1)) if rules.live_marker else False
            label = read(block, rules.state) if rules.state else None
            for player in find_players(block, page.url):
                novel(player.url)
                state: State = (
                    "live"
                    if marker
                    else state_from_label(label if isinstance(label, str) else None)
                    or state_from_text(title, player.label)
                    or "recorded"
                )
                own = dated_by_label(info, player.label)
                if own is not info and player.label:
                    # a video the block lists of another day is that day's session's,
                    # none of the block's date or type
                    kept = {k: v for k, v in fields.items() if k not in _SESSION_FIELDS}
                    yield Transmission(
                        player.label, player.url, own, state, "", kept, player.captions
                    )
                    continue
                yield Transmission(
                    title, player.url, info, state, "", dict(fields), player.captions
                )

        found = list(self.each_item(blocks, page.url, one, "item"))
        link = read(page, rules.next_page) if rules.next_page else None
        found_link = link if isinstance(link, str) else None
        next_url = self.absolute_or_counted(page_base(page), found_link, "next_page")
        return found, next_url, bool(shown["all"]) and not shown["new"]

    def _blocks(self, page: Any) -> Any:
        """The page's items up to ``max_entries`` (selected up to one more: a page of 10^5
        blocks held a selector object for each), the rest counted; the page when the spec
        names none."""
        rules = self.rules
        if not rules.items:
            return [page]
        most = rules.max_entries
        blocks = select(page, rules.items, limit=most + 1)
        if len(blocks) > most:
            beyond = count_matches(page, rules.items) - most
            self.limit_reached(page.url, f"video_channel.max_entries ({most})",
                               f"{beyond} items of this page after the first {most} were "
                               "not read")  # fmt: skip
            blocks = blocks[:most]
        return blocks

    def _shown_before(self) -> set[str]:
        """What this crawl's channel pages showed: players' addresses, and the titles of
        the transmissions ``keep``/``skip`` leave out."""
        if not hasattr(self, "_shown"):
            self._shown: set[str] = set()
        return self._shown

    # -- grouping by session -----------------------------------------------------------

    def _sessions(self, found: list[Transmission], listing_url: str) -> Iterator[Any]:
        groups: dict[tuple[Any, ...], list[Transmission]] = {}
        for item in found:
            groups.setdefault(item.session_key(), []).append(item)

        def one(_: int, group: list[Transmission]) -> Iterator[DocumentDraft]:
            draft = self._draft(group, listing_url)
            if self.in_window(draft):
                yield draft

        for position, group in enumerate(groups.values(), start=1):
            yield from self.one_item(position, group, listing_url, one, "session")
            if position % PAUSE_EVERY == 0:
                yield None

    def _draft(self, group: list[Transmission], listing_url: str) -> DocumentDraft:
        first = next((t for t in group if t.state == "recorded"), group[0])
        info = first.info
        fields: dict[str, str | list[str]] = {"title": clean_title(first.title)}
        for name, value in (
            ("date", info.date.isoformat() if isinstance(info.date, dt.date) else None),
            ("session_type", info.session_type),
            ("legislature", info.legislature),
            ("chamber", info.chamber),
        ):
            if value:
                fields[name] = value
        given: dict[str, str | list[str]] = {}
        for item in group:
            given = item.fields | given
        fields |= given  # what the spec reads explicitly wins over recognition
        videos = [
            VideoLink(
                url=canonical_video_url(t.url),
                platform=video_platform(t.url, self.rules.platform),
                title=t.title,
                state=t.state,
                video_id=video_id(t.url),
                source_id=self.spec.id,
                captions_url=t.captions,
            )
            for t in group
        ]
        draft = DocumentDraft(
            url=canonical_video_url(first.url),
            listing_url=listing_url,
            fields=fields,
            videos=videos,
        )
        descriptions = tuple(dict.fromkeys(t.text for t in group if t.text))
        if any("<" in d for d in descriptions):  # read where the document is built
            draft.page = EntryTexts(descriptions)
        else:
            draft.page_text = EntryTexts(descriptions).main_text()
        return draft


# what a block's fields say of its own session, never of a video it lists of another day
_SESSION_FIELDS = frozenset({"date", "session_type", "sitting", "chamber", "session_number"})


def _one(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return " ".join(value) or None
    return value or None
