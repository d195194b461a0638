"""A hostile site's UpdatePanel delta (``length|type|id|content|``) is refused or read in
time bounded by its size, with a true cause said in Spanish, never a traceback:

- many tiny entries before a long one are read in linear time (the reader copied what
  was left of the answer at each entry: 10,000 entries before 4 MB were 40 GB copied);
- a length that ends between the two UTF-16 halves of a character past U+FFFF says so
  (it was said to be longer than what follows, which was false);
- a type or id of megabytes is not copied whole into the stored message;
- a site adding new hidden fields at each page (they stay in the page and in every
  postback after) is stopped, counted ``bad_delta``, once the page it makes passes the
  download limit: the page and the postbacks grew without bound, page after page;
- an answer whose Content-Type names a charset that is no text encoding Python reads
  with replacement («idna», «base64») is read as UTF-8: the preview answered a 500 and
  the crawl counted a ``spider_error`` (with Scrapy's traceback) instead of the page.
Crawl and preview from a real server on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from crawlers.causas import error_mensaje
from crawlers.update_panel import DeltaError, delta_mensaje, parse_delta
from indexer.db import Database
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.aspnet_ajax import AjaxGridSite, entry
from tests.adversarial.test_update_panel_listings import _spec
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto


def test_many_tiny_entries_before_a_long_one_are_read_in_linear_time() -> None:
    tiny = "".join(f"0|hiddenField|f{i}||" for i in range(9_999))
    text = tiny + f"{4_000_000}|updatePanel|p|" + "x" * 4_000_000 + "|"
    began = time.process_time()
    delta = parse_delta(text + "\n  \n")
    spent = time.process_time() - began
    assert len(delta.hidden) == 9_999 and len(delta.panels["p"]) == 4_000_000
    assert spent < 1.5, f"{spent:.1f} s of CPU for a 4 MB delta"


def test_a_length_ending_inside_a_character_says_so() -> None:
    with pytest.raises(DeltaError) as raised:
        parse_delta("2|updatePanel|p|a\U0001f600|")  # «a😀» is 3 UTF-16 units
    said = delta_mensaje(str(raised.value))
    assert said is not None and "terminan a mitad de un carácter" in said, said
    assert "solo le siguen" not in said
    assert parse_delta("3|updatePanel|p|a\U0001f600|").panels == {"p": "a\U0001f600"}


def test_a_huge_id_is_not_copied_into_the_message() -> None:
    with pytest.raises(DeltaError) as raised:
        parse_delta("9|updatePanel|" + "i" * 1_000_000 + "|abc|")
    assert len(str(raised.value)) < 400 and len(raised.value.spanish) < 400
    said = delta_mensaje(str(raised.value))
    assert said is not None and "anuncia 9 caracteres y solo le siguen 4" in said, said


class IdnaDeltaSite(AjaxGridSite):
    """The grid site whose deltas say ``charset=idna`` (a codec that refuses to replace)."""

    def answer(self, body: bytes, content_type: str = "", *args: Any, **kwargs: Any) -> None:
        if content_type == "text/plain; charset=utf-8":
            content_type = "text/plain; charset=idna"
        super().answer(body, content_type, *args, **kwargs)


@pytest.fixture
def idna_site() -> Iterator[str]:
    AjaxGridSite.posts = []
    with serving_handler(IdnaDeltaSite) as base:
        yield base


def test_a_preview_reads_a_delta_whose_charset_is_no_text_encoding(
    tmp_path: Path, idna_site: str
) -> None:
    config = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(config)
    try:
        registry = Registry(library.db)
        registry.add_institution(
            "pj-nl", "Poder Judicial del Estado de Nuevo León", "court", "MX-NLE"
        )
        _, key = registry.issue_key("pj-nl")
        spec = _spec("ok", idna_site) | {"id": "pj-nl-idna"}
        spec.pop("institution")
        client = TestClient(create_app(library, config), raise_server_exceptions=False)
        answer = client.post(
            "/v1/sources/preview", json=spec, headers={"Authorization": f"Bearer {key}"}
        )
        assert answer.status_code == 200, answer.text
        paging = answer.json()["next_form"]
        assert (paging["items"], paging["new_items"], paging["pages_on"]) == (2, 2, True)
    finally:
        library.close()


def test_a_crawl_reads_a_delta_whose_charset_is_no_text_encoding(
    tmp_path: Path, idna_site: str
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "ok.yaml").write_text(yaml.safe_dump(_spec("ok", idna_site)))
    done = run_abierto(tmp_path / "data", idna_site, specs)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        keys = sorted(d.url.split("?p=")[1].rstrip("=") for d in db.iter_documents())
        errors = db.list_runs("ajax-ok", limit=1)[0].errors or {}
    finally:
        db.close()
    assert keys == [f"ok{p}{n}" for p in (1, 2, 3) for n in (1, 2)], (keys, errors)
    assert errors == {}


class GrowingStateSite(AjaxGridSite):
    """The grid site whose every delta adds a new hidden field of 400 KB."""

    added = 0

    def answer(self, body: bytes, content_type: str = "", *args: Any, **kwargs: Any) -> None:
        if content_type == "text/plain; charset=utf-8" and b"|error|" not in body:
            GrowingStateSite.added += 1
            body += entry("hiddenField", f"__ESTADO{self.added}", "x" * 400_000).encode()
        super().answer(body, content_type, *args, **kwargs)


def test_hidden_fields_added_page_after_page_stop_at_the_download_limit(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    AjaxGridSite.posts, GrowingStateSite.added = [], 0
    with serving_handler(GrowingStateSite) as base:
        (specs / "ok.yaml").write_text(yaml.safe_dump(_spec("ok", base)))
        done = run_abierto(tmp_path / "data", base, specs, env={"ABIERTO_MAX_FILE_BYTES": "700000"})
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        keys = sorted(d.url.split("?p=")[1].rstrip("=") for d in db.iter_documents())
        errors = db.list_runs("ajax-ok", limit=1)[0].errors or {}
    finally:
        db.close()
    # page 2 holds one added field (400 KB), page 3 two: past 700,000 bytes
    assert keys == [f"ok{p}{n}" for p in (1, 2) for n in (1, 2)], (keys, errors)
    message = errors["bad_delta"]["examples"][0]["message"]
    said = error_mensaje("bad_delta", message)
    assert "más que el límite de descarga de 700000" in said, said
