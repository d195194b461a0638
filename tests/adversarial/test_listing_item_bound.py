"""One listing page of 10^5 links must not cost the whole crawl: its items past
``listing.max_items`` are a counted ``limit_reached`` naming the page, and the crawl goes
on with its other pages. Before, each link became a request held in memory (~6 KB), and a
page of short links passed ``ABIERTO_CRAWL_MAX_MEMORY_MB``: the run failed as
``memory_limit`` having kept nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector as Page

from config.selector import Selector
from config.specs import ListingRules
from crawlers.causas import error_mensaje
from crawlers.selectors import count_matches, select
from tests.adversarial.service import listing_spec, open_api
from tests.e2e.helpers import REPO
from tests.shapes.server import FixtureServer

HOSTILE_LINKS = 100_000


def _site(root: Path) -> None:
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='x{n}.html'>v</a></td></tr>"
        for n in range(HOSTILE_LINKS)
    )
    (root / "enorme.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    )
    rows = "".join(
        f"<tr><td class='t'>Sentencia d{n}</td><td><a href='d{n}.html'>ver</a></td></tr>"
        for n in (1, 2)
    )
    (root / "normal.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    )
    for n in range(3):
        (root / f"x{n}.html").write_text(
            f"<html><body><main>Texto de la sentencia x{n}.</main></body></html>"
        )
    for n in (1, 2):
        (root / f"d{n}.html").write_text(
            f"<html><body><main>Texto de la sentencia d{n}.</main></body></html>"
        )


def _run(api: Any, spec: dict[str, Any], **env: str) -> dict[str, Any]:
    created = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert created.status_code == 201, created.text
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(api.settings.data_dir),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        "ABIERTO_PARSE_TIMEOUT_S": "120",  # a loaded machine: the bound is memory's
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1, 3), done.stdout + done.stderr
    runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
    return runs["runs"][0]


def test_a_page_of_100000_links_is_cut_and_the_crawl_goes_on(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(
                f"{server.url}/enorme.html",
                id="pj-gto-enorme",
                start_urls=[f"{server.url}/enorme.html", f"{server.url}/normal.html"],
            )
            spec["listing"] |= {"max_items": 3, "fields": {"title": "css:td.t::text"}}
            # a bound the page's parse fits under (about 290 MB), well under the 10^5
            # scheduled requests' cost; the crawl's own memory, not its parent's
            # (tests/adversarial/test_crawl_memory_is_its_own.py)
            run = _run(api, spec, ABIERTO_CRAWL_MAX_MEMORY_MB="600")
        assert run["status"] != "failed", run
        # the hostile page's first three and the other page's two
        assert api.library.db.count_documents() == 5, run
        [example] = run["notices"]["limit_reached"]["examples"]
        assert example["url"].endswith("enorme.html")
        said = error_mensaje("limit_reached", example["message"])
        assert f"{HOSTILE_LINKS - 3} elementos de esta página" in said, said
        assert "listing.max_items (3)" in said
    finally:
        api.close()


def test_the_default_bound_is_far_above_a_real_listing() -> None:
    """The Senado's sessions page lists 182 sessions on one page
    (../shared/corpus/real/senado): the default reads them all many times over."""
    rules = ListingRules.model_validate(listing_spec("https://senado.gob.mx/66/")["listing"])
    assert rules.max_items >= 20 * 182


def _rows_page(rows: int) -> Page:
    cells = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='x{n}.html'>v</a></td></tr>"
        for n in range(rows)
    )
    return Page(text=f"<html><body><table><tbody>{cells}</tbody></table></body></html>")


@pytest.mark.parametrize(
    "items",
    ["css:tbody tr", "xpath://tbody/tr", "css:td.t::text", "xpath:(//td[@class='t'])"],
)
def test_a_page_s_first_items_cost_memory_by_the_bound_not_by_the_page(items: str) -> None:
    """The spider selects one item more than ``listing.max_items`` and counts the rest:
    a selector object for each of 10^5 rows (~30 MB) was held before the page was cut,
    and two such crawls at once passed ``ABIERTO_CRAWL_MAX_MEMORY_MB``."""
    page, selector = _rows_page(HOSTILE_LINKS), Selector(select=items)
    tracemalloc.start()
    try:
        first = select(page, selector, limit=4)
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert held < 1_000_000, held
    assert first.getall() == select(page, selector).getall()[:4]
    assert count_matches(page, selector) == HOSTILE_LINKS


def test_a_selector_that_is_no_node_set_is_still_read_and_counted() -> None:
    page, selector = _rows_page(3), Selector(select="xpath:string(//td)")
    assert select(page, selector, limit=4).getall() == ["Sentencia 0"]
    assert count_matches(page, selector) == 1


@pytest.mark.parametrize(
    "items", ["xpath://div/text()", "xpath://div//text()", "css:div", "xpath://p | //div"]
)
def test_the_first_items_of_nested_matches_are_those_of_the_whole_page(items: str) -> None:
    """Matches inside matches, and matches with no text: the first ``n`` are the
    first ``n`` of the whole selection, in document order."""
    page = Page(
        text="<div>a<div></div><div>b<div>c</div>d</div>e</div><div></div>"
        "<div><div>f</div>g</div><p>h</p><div>i</div>"
    )
    selector = Selector(select=items)
    whole = select(page, selector).getall()
    for n in range(1, len(whole) + 2):
        assert select(page, selector, limit=n).getall() == whole[:n], n
    assert count_matches(page, selector) == len(whole)
