"""A video channel's entry description is read where documents are built (a worker, under
``ABIERTO_BUILD_TIMEOUT_S``), as a feed entry's own HTML is. Read in the spider's callback,
one hostile description (megabytes of nested HTML, seconds to read) held the crawl until
the stall watch ended it (``parse_timeout``, no session indexed); now that session is one
``build_timeout`` error and the channel's other sessions are indexed, each with its
description's text and the date it gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.adversarial.service import open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.shapes.server import FixtureServer

HOSTILE_DEPTH = 900_000  # about 10 MB, read in some 4.5 s of CPU: well past the 1 s build bound
BUILD_TIMEOUT_S = "1"  # the other descriptions build in milliseconds; the stall watch stays at 3 s


def _entry(video: str, title: str, description: str) -> str:
    return (
        f"<entry><id>yt:video:{video}</id><yt:videoId>{video}</yt:videoId>"
        f"<title>{title}</title>"
        f"<link rel='alternate' href='https://www.youtube.com/watch?v={video}'/>"
        "<published>2025-02-20T16:00:00+00:00</published>"
        f"<media:group><media:description><![CDATA[{description}]]></media:description>"
        "</media:group></entry>"
    )


def _channel(root: Path) -> None:
    nested = "<div>" * HOSTILE_DEPTH + "trampa" + "</div>" * HOSTILE_DEPTH
    entries = [
        _entry("Ses0218", "Sesión Ordinaria del 18 de febrero de 2025",
               "<p>Orden del día de la <b>sesión ordinaria</b>.</p>"),
        _entry("Hostil01", "Sesión Extraordinaria del 19 de febrero de 2025", nested),
        _entry("Ses0225", "Sesión Ordinaria", "<p>Celebrada el 25 de febrero de 2025.</p>"),
        _entry("Ses0304", "Sesión Solemne del 4 de marzo de 2025", "Texto llano de la sesión."),
    ]  # fmt: skip
    (root / "canal.xml").write_text(
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:yt='http://www.youtube.com/xml/schemas/2015'"
        " xmlns:media='http://search.yahoo.com/mrss/'><title>Canal</title>"
        f"{''.join(entries)}</feed>"
    )


def test_a_hostile_description_is_one_counted_error_and_the_channel_goes_on(
    tmp_path: Path,
) -> None:
    (tmp_path / "www").mkdir()
    _channel(tmp_path / "www")
    api = open_api(tmp_path / "data")
    api.registry.add_institution(
        "congreso-gto", "H. Congreso del Estado de Guanajuato", "congress", "MX-GUA"
    )
    headers = {"Authorization": f"Bearer {api.registry.issue_key('congreso-gto')[1]}"}
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = {
                "id": "congreso-gto-canal", "kind": "sesion", "jurisdiction": "MX-GUA",
                "shape": "video_channel", "start_urls": [f"{server.url}/canal.xml"],
                "video_channel": {"format": "feed"},
            }  # fmt: skip
            created = api.client.post("/v1/sources", json=spec, headers=headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, "congreso-gto-canal", ABIERTO_BUILD_TIMEOUT_S=BUILD_TIMEOUT_S)
        assert done.returncode in (0, 1, 3), done.stdout + done.stderr
        runs = api.client.get("/v1/sources/congreso-gto-canal/runs", headers=headers).json()
        [run] = runs["runs"]
        assert "parse_timeout" not in run["errors"], run
        [example] = run["errors"]["build_timeout"]["examples"]
        assert "Hostil01" in example["url"] and "1 s" in example["message"]
        kept = {doc.date: doc.text for doc in api.library.db.iter_documents()}
        assert kept == {
            dt.date(2025, 2, 18): "Orden del día de la sesión ordinaria.",
            dt.date(2025, 2, 25): "Celebrada el 25 de febrero de 2025.",
            dt.date(2025, 3, 4): "Texto llano de la sesión.",
        }
    finally:
        api.close()
