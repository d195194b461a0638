"""Peak memory of a crawl whose listing page holds N links, old checkout against this
one: each link the spider follows becomes a request held until fetched (~6 KB), so an
unbounded page of 10^5 links held hundreds of MB; with ``listing.max_items`` it holds
the bound's. Each side crawls a fresh data folder with the spec's defaults, for
``--seconds`` at most, alternated ``--rounds`` times; the peak RSS of the crawl's
processes (``RUSAGE_CHILDREN`` of a wrapper) and the run's status are printed.

    PYTHONPATH=$PWD python -m bench.listing_links_rss --old /tmp/base --links 100000

``--max-items 3`` crawls as tests/adversarial/test_listing_item_bound.py does: what is
left is the page's tree and the items selected from it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.shapes.server import FixtureServer

_WRAPPER = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _site(root: Path, links: int) -> None:
    rows = "".join(
        f"<tr><td class='t'>S {n}</td><td><a href='x{n}.html'>v</a></td></tr>" for n in range(links)
    )
    (root / "enorme.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    )


def _register_and_crawl(url: str, seconds: int, work: Path, max_items: int) -> None:
    """In the side's own interpreter (its spec model): register, crawl, print the result."""
    from tests.adversarial.service import listing_spec, open_api

    api = open_api(work)
    try:
        spec = listing_spec(url, id="pj-gto-enorme")
        spec["listing"] |= {"fields": {"title": "css:td.t::text"}}
        if max_items:
            spec["listing"]["max_items"] = max_items
        created = api.client.post("/v1/sources", json=spec, headers=api.headers)
        assert created.status_code == 201, created.text
        env = os.environ | {
            "ABIERTO_DATA_DIR": str(api.settings.data_dir),
            "ABIERTO_ALLOW_LOOPBACK": "true",
            "ABIERTO_CRAWL_DELAY_S": "0",
            "ABIERTO_PARSE_TIMEOUT_S": "300",
            "ABIERTO_CRAWL_MAX_MEMORY_MB": "8000",
        }
        command = [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]]
        command += ["--max-seconds", str(seconds)]
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *command],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        run: dict[str, Any] = runs["runs"][0]
        notice = run.get("notices", {}).get("limit_reached", {}).get("examples", [{}])[0]
        said = notice.get("message") or run.get("message") or ""
        peak = int(done.stdout.split()[-1]) // 1024
        print(json.dumps({"peak": peak, "status": run["status"], "said": said}))
    finally:
        api.close()


def _crawl(checkout: Path, url: str, seconds: int, work: Path, max_items: int) -> dict[str, Any]:
    """Peak RSS in MB, the run's status and its limit notice (or its message)."""
    env = os.environ | {"PYTHONPATH": str(checkout)}
    child = [sys.executable, __file__, "--child", url, str(seconds), str(work), str(max_items)]
    done = subprocess.run(child, env=env, cwd=checkout, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, help="the older checkout (required)")
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--max-items", type=int, default=0, help="0: the spec's default")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url, seconds, work, max_items = args.child
        _register_and_crawl(url, int(seconds), Path(work), int(max_items))
        return
    if args.old is None:
        parser.error("--old is required")
    sides = {"old": args.old, "new": Path.cwd()}
    peaks: dict[str, list[int]] = {side: [] for side in sides}
    with tempfile.TemporaryDirectory() as tmp:
        www = Path(tmp) / "www"
        www.mkdir()
        _site(www, args.links)
        with FixtureServer(www) as server:
            for round_ in range(args.rounds):
                for side, checkout in sides.items():
                    work = Path(tmp) / f"{side}{round_}"
                    got = _crawl(
                        checkout, f"{server.url}/enorme.html", args.seconds, work, args.max_items
                    )
                    peaks[side].append(got["peak"])
                    said = got["said"][:120]
                    print(f"{side} round {round_}: peak {got['peak']} MB, {got['status']}, {said}")
    for side, values in peaks.items():
        print(f"{side}: median peak RSS {statistics.median(values):.0f} MB over {values}")


if __name__ == "__main__":
    main()
