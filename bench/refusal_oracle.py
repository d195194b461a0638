"""Does a 404 about another institution's source take longer than one about no source?
Medians of many requests (existing and unknown ids interleaved) on a real store
(SQLite), for five routes, and old and new code alternating when ``--old DIR`` names a
checkout of the old code: each round runs this file in a child under that code's path.

    python -m bench.refusal_oracle --old /tmp/old-checkout --rounds 2 --repeat 200
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUTES = [
    ("GET", "/v1/sources/{}"),
    ("GET", "/v1/sources/{}/runs"),
    ("GET", "/v1/sources/{}/audit"),
    ("POST", "/v1/sources/{}/pause"),
    ("DELETE", "/v1/sources/{}"),
]
SOURCES = 30


def measure(repeat: int) -> dict[str, list[float]]:
    """{route: [median µs for an existing id, for an unknown one]} in this process."""
    from tests.adversarial.test_tenancy import _service, session_spec

    folder = Path(tempfile.mkdtemp(prefix="bench-refusal-"))
    two = _service(folder / "data", write_rate_per_minute=10**6, source_read_rate_per_minute=10**6)
    for n in range(SOURCES):
        spec = session_spec("http://127.0.0.1:9", f"congreso-qro-s{n:02d}")
        spec["constants"] = {"title": "y" * 20000} if n % 2 else {}
        answer = two.api.post("/v1/sources", json=spec, headers=two.a)
        assert answer.status_code == 201, answer.text
    out: dict[str, list[float]] = {}
    for method, path in ROUTES:
        seen: tuple[list[float], list[float]] = ([], [])
        for i in range(repeat):
            for which, prefix in enumerate(("s", "x")):
                url = path.format(f"congreso-qro-{prefix}{i % SOURCES:02d}")
                started = time.perf_counter()
                answer = two.api.request(method, url, headers=two.b)
                seen[which].append(time.perf_counter() - started)
                assert answer.status_code == 404, answer.text
        out[f"{method} {path}"] = [statistics.median(s) * 1e6 for s in seen]
    two.library.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, help="a checkout of the old code")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--json", type=Path, default=Path("/tmp/bench-refusal-oracle.json"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeat)))
        return
    here = Path(__file__).resolve().parents[1]
    codes = {"new": here} | ({"old": args.old.resolve()} if args.old else {})
    results: dict[str, list[dict[str, list[float]]]] = {name: [] for name in codes}
    for _ in range(args.rounds):
        for name, root in codes.items():
            env = os.environ | {"PYTHONPATH": str(root)}
            command = [sys.executable, str(Path(__file__).resolve()), "--child"]
            command += ["--repeat", str(args.repeat)]
            done = subprocess.run(
                command, env=env, cwd=root, capture_output=True, text=True, check=True
            )
            results[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"load: {os.getloadavg()}")
    print(f"{'code':4} {'route':28} {'existing µs':>12} {'unknown µs':>11} {'diff µs':>8}")
    table = []
    for name, rounds in results.items():
        for route in rounds[0]:
            existing = statistics.median(r[route][0] for r in rounds)
            unknown = statistics.median(r[route][1] for r in rounds)
            table.append({"code": name, "route": route, "existing_us": existing,
                          "unknown_us": unknown})  # fmt: skip
            print(f"{name:4} {route:28} {existing:12.0f} {unknown:11.0f} {existing - unknown:8.0f}")
    args.json.write_text(json.dumps({"load": os.getloadavg(), "rows": table}, indent=1))


if __name__ == "__main__":
    main()
