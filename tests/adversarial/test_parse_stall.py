"""A registered source whose selectors would hold its crawl for hours on a page (a valid
XPath whose cost is the cube of the page's size) ends its crawl after
``ABIERTO_PARSE_TIMEOUT_S``: the run is ``failed`` with the cause ``parse_timeout``
naming the page, seen by the institution through the API. Ordinary pages are untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.adversarial.service import Api, listing_spec, open_api
from tests.e2e.helpers import REPO
from tests.shapes.server import FixtureServer

# Valid XPath 1.0, and no extension function: every element, for every element, for every
# element. On 3,000 elements that is 2.7·10^10 steps inside libxml2.
CUBIC = "xpath://*[count(//*[count(//*)>0])>0]"


def _site(root: Path) -> None:
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='d{n}.html'>ver</a></td></tr>"
        for n in range(1500)
    )
    (root / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody></table>")
    for n in range(3):
        (root / f"d{n}.html").write_text(f"<html><body><main>Texto de la sentencia {n}.</main>")
    small = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='d{n}.html'>ver</a></td></tr>"
        for n in range(3)
    )
    (root / "corta.html").write_text(f"<html><body><table><tbody>{small}</tbody></table>")


def _crawl(api: Api, source_id: str, **more: str) -> subprocess.CompletedProcess[str]:
    env = (
        os.environ
        | more
        | {
            "ABIERTO_DATA_DIR": str(api.settings.data_dir),
            "ABIERTO_ALLOW_LOOPBACK": "true",
            "ABIERTO_CRAWL_DELAY_S": "0",
            "ABIERTO_PARSE_TIMEOUT_S": "3",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", "--source", source_id],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip


def test_a_page_whose_selectors_would_take_hours_ends_the_crawl_with_its_cause(
    tmp_path: Path,
) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            page = f"{server.url}/lista.html"
            spec = listing_spec(page, id="pj-gto-lenta")
            spec["listing"]["fields"] = {"title": CUBIC}
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, "pj-gto-lenta")  # a hang is TimeoutExpired: a failure
        assert done.returncode != 0, done.stdout + done.stderr
        runs = api.client.get("/v1/sources/pj-gto-lenta/runs", headers=api.headers).json()
        [run] = runs["runs"]
        assert run["status"] == "failed" and run["message"].startswith("parse_timeout")
        [example] = run["errors"]["parse_timeout"]["examples"]
        assert example["url"] == page and "3 s" in example["message"]
        assert api.library.db.count_documents() == 0
    finally:
        api.close()


def test_ordinary_pages_crawl_as_before_under_a_short_bound(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/corta.html", id="pj-gto-corta")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, "pj-gto-corta")
        assert done.returncode == 0, done.stdout + done.stderr
        [run] = api.client.get("/v1/sources/pj-gto-corta/runs", headers=api.headers).json()["runs"]
        assert run["status"] == "ok" and "parse_timeout" not in run["errors"]
        assert api.library.db.count_documents() == 3
    finally:
        api.close()


def test_a_text_selector_reads_a_cell_full_of_comments_in_the_crawl_s_time(
    tmp_path: Path,
) -> None:
    """``css:td.t::text`` over a row whose summary cell holds 30,000 words each after a
    comment (a word processor's export, 450 KB): libxml2 sorted the XPath's text nodes by
    walking back over the comments before each, 8 s on one cell, and the crawl ended with
    ``parse_timeout`` blaming the spec's selectors and keeping none of the page's items.
    Read through the cells' children, every row is a document with its title and text."""
    (tmp_path / "www").mkdir()
    words = "".join(f"<!--[if gte mso 9]><xml>w</xml><![endif]-->palabra{n} " for n in range(30000))
    rows = "".join(
        f"<tr><td class='t'>Sentencia <!--x-->{n}</td><td class='r'>{words if n == 1 else 'breve'}"
        f"</td><td><a href='d{n}.html'>ver</a></td></tr>"
        for n in range(3)
    )  # fmt: skip
    (tmp_path / "www" / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody>")
    for n in range(3):
        (tmp_path / "www" / f"d{n}.html").write_text(f"<html><body><main>Texto {n}.</main>")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-word")
            spec["listing"]["fields"] = {
                "title": {"select": "css:td.t::text", "join": " "},
                "matter": "xpath:./td[@class='r']//text()",
            }
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            done = _crawl(api, "pj-gto-word")
        assert done.returncode == 0, done.stdout + done.stderr
        [run] = api.client.get("/v1/sources/pj-gto-word/runs", headers=api.headers).json()["runs"]
        assert run["status"] == "ok" and "parse_timeout" not in run["errors"]
        documents = {d.url.rsplit("/", 1)[-1]: d for d in api.library.db.iter_documents()}
        assert sorted(documents) == ["d0.html", "d1.html", "d2.html"]
        assert documents["d1.html"].title == "Sentencia 1"
    finally:
        api.close()
