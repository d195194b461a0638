"""A video channel is read within bounds of its own, as a feed or a listing is:

- a channel feed of tens of thousands of entries (under the download limit) was read
  whole, in one step of the crawl: at 170,000 entries (45 MB) that step held the crawl
  past ``ABIERTO_PARSE_TIMEOUT_S`` and the run failed as ``parse_timeout``, telling the
  institution to simplify selectors the spec does not have, with nothing kept. Now its
  first ``video_channel.max_entries`` (500) are read a piece at a time, as the feed
  spider reads a feed, and the rest are a counted ``limit_reached`` notice;
- a channel page whose «Siguiente» leads to the same transmissions under a new address
  each time (``?p=3&t=…``) was read again up to ``max_pages``, and the run ended
  ``partial``, saying the limit had left pages unread. Paging ends at the first page that
  shows nothing new, as a listing's and a feed's does: nothing was lost.

Crawled end to end with the real ``abierto crawl`` from servers on 127.0.0.1."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

from tests.adversarial.service import Api, open_api
from tests.e2e.helpers import REPO
from tests.http_thread import QuietHandler, serving_handler

ENTRIES = 20_000  # forty times the default max_entries (500)
DAYS = 28  # the entries' sessions, one a day of February 2025


def _congress(api: Api) -> dict[str, str]:
    api.registry.add_institution(
        "congreso-gto", "H. Congreso del Estado de Guanajuato", "congress", "MX-GUA"
    )
    return {"Authorization": f"Bearer {api.registry.issue_key('congreso-gto')[1]}"}


def _crawl(api: Api, headers: dict[str, str], spec: dict[str, Any]) -> dict[str, Any]:
    created = api.client.post("/v1/sources", json=spec, headers=headers)
    assert created.status_code == 201, created.text
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(api.settings.data_dir),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1, 3), done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=headers).json()
    return runs["runs"][0]


def _large_channel() -> bytes:
    entries = "".join(
        f"<entry><id>yt:video:V{n:010d}</id><yt:videoId>V{n:010d}</yt:videoId>"
        f"<title>Sesión Ordinaria del {1 + n % DAYS} de febrero de 2025, parte {n}</title>"
        f"<link rel='alternate' href='https://www.youtube.com/watch?v=V{n:010d}'/>"
        "<published>2025-02-20T16:00:00+00:00</published></entry>"
        for n in range(ENTRIES)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:yt='http://www.youtube.com/xml/schemas/2015'><title>Canal</title>"
        f"{entries}</feed>"
    ).encode()


class _Channel(QuietHandler):
    body = b""

    def do_GET(self) -> None:
        if self.path == "/canal.xml":
            self.answer(self.body, "application/atom+xml")
        else:
            self.answer(b"", "text/plain", status=404)


def test_a_channel_feed_far_past_its_entries_bound_is_read_in_part_and_counted(
    tmp_path: Path,
) -> None:
    _Channel.body = _large_channel()
    api = open_api(tmp_path / "data")
    headers = _congress(api)
    try:
        with serving_handler(_Channel) as url:
            spec = {
                "id": "congreso-gto-canal-grande", "kind": "sesion", "jurisdiction": "MX-GUA",
                "shape": "video_channel", "start_urls": [f"{url}/canal.xml"],
                "video_channel": {"format": "feed"},
            }  # fmt: skip
            run = _crawl(api, headers, spec)
        assert run["status"] != "failed", run
        assert run["errors"] == {}, run["errors"]
        [example] = run["notices"]["limit_reached"]["examples"]
        assert example["message"] == (
            f"video_channel.max_entries (500) reached: {ENTRIES - 500} entries after the "
            "first 500 were left out"
        )
        assert f"{ENTRIES - 500} entradas después de las primeras 500" in example["mensaje"]
        # the first 500 entries' sessions, every day of the month among them
        dates = {doc.date for doc in api.library.db.iter_documents()}
        assert len(dates) == DAYS, dates
    finally:
        api.close()


def _page(n: int) -> bytes:
    """The same two transmissions on every page; its «Siguiente» a new address each time."""
    return (
        "<html><body>"
        "<div class='transmision'><h3>Sesión Ordinaria del 5 de marzo de 2025</h3>"
        "<iframe src='https://www.youtube.com/embed/abcdefghijk'></iframe></div>"
        "<div class='transmision'><h3>Sesión Solemne del 6 de marzo de 2025</h3>"
        "<iframe src='https://www.youtube.com/embed/bcdefghijkl'></iframe></div>"
        "<div class='transmision'><h3>Conferencia de prensa del 7 de marzo de 2025</h3>"
        "<iframe src='https://www.youtube.com/embed/cdefghijklm'></iframe></div>"
        f"<a class='siguiente' href='/videos?p={n + 1}&amp;t={n * 7919}'>Siguiente</a>"
        "</body></html>"
    ).encode()


class _Repeating(QuietHandler):
    asked: ClassVar[list[str]] = []
    counter = itertools.count(1)

    def do_GET(self) -> None:
        if self.path.startswith("/videos"):
            self.asked.append(self.path)
            self.answer(_page(next(self.counter)), "text/html; charset=utf-8")
        else:
            self.answer(b"", "text/plain", status=404)


def test_a_channel_page_repeating_itself_under_new_addresses_ends_paging(
    tmp_path: Path,
) -> None:
    api = open_api(tmp_path / "data")
    headers = _congress(api)
    try:
        with serving_handler(_Repeating) as url:
            spec = {
                "id": "congreso-gto-transmisiones", "kind": "sesion", "jurisdiction": "MX-GUA",
                "shape": "video_channel", "start_urls": [f"{url}/videos"],
                "video_channel": {
                    "format": "page", "items": "css:div.transmision",
                    "fields": {"title": "css:h3::text"}, "skip": "(?i)conferencia",
                    "next_page": "css:a.siguiente::attr(href)", "max_pages": 10_000,
                },
            }  # fmt: skip
            run = _crawl(api, headers, spec)
        # the second page showed nothing new: read, and paging ended there
        assert len(_Repeating.asked) == 2, _Repeating.asked
        assert run["status"] == "ok", run
        assert run["errors"] == {} and run["notices"] == {}, run
        assert run["stats"]["items"] == 2, run["stats"]
        assert api.library.db.count_documents() == 2
    finally:
        api.close()


def _joined_channel(joined: int) -> bytes:
    """A channel feed of two transmissions with a second feed of ``joined`` entries
    appended after its root ends (two files concatenated by the site's generator)."""

    def entry(n: int) -> str:
        return (
            f"<entry><id>yt:video:J{n:010d}</id><yt:videoId>J{n:010d}</yt:videoId>"
            f"<title>Sesión Ordinaria del {1 + n % DAYS} de marzo de 2025</title>"
            f"<link rel='alternate' href='https://www.youtube.com/watch?v=J{n:010d}'/>"
            "<published>2025-03-20T16:00:00+00:00</published></entry>"
        )

    head = (
        "<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:yt='http://www.youtube.com/xml/schemas/2015'><title>Canal</title>"
    )
    first = "".join(entry(n) for n in (1, 2))
    second = "".join(entry(n) for n in range(3, 3 + joined))
    return (
        f"<?xml version='1.0' encoding='UTF-8'?>{head}{first}</feed>\n{head}{second}</feed>"
    ).encode()


def test_a_second_channel_feed_joined_after_the_first_is_a_counted_loss(
    tmp_path: Path,
) -> None:
    _Channel.body = _joined_channel(300)
    api = open_api(tmp_path / "data")
    headers = _congress(api)
    try:
        with serving_handler(_Channel) as url:
            spec = {
                "id": "congreso-gto-canal-doble", "kind": "sesion", "jurisdiction": "MX-GUA",
                "shape": "video_channel", "start_urls": [f"{url}/canal.xml"],
                "video_channel": {"format": "feed"},
            }  # fmt: skip
            run = _crawl(api, headers, spec)
        # the first feed's two sessions are kept; the joined one's 300 are a counted loss
        assert api.library.db.count_documents() == 2
        assert run["status"] == "partial", run
        [example] = run["errors"]["xml_after_root"]["examples"]
        assert "300 entries after it were not read" in example["message"]
        assert "sigue después de su elemento raíz" in example["mensaje"]
        assert run["stats"]["lost_feeds"] == 1, run["stats"]
    finally:
        api.close()
