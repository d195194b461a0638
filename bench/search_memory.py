"""Peak memory of one ``/v1/search?limit=100`` over large documents.

Usage: python bench/search_memory.py --data DIR [--build] [--docs 100] [--mb 1] [--json PATH]

``--build`` first fills ``DIR`` with ``--docs`` sentences of ``--mb`` MB of text each,
every one matching the question. Then each round runs in a fresh process (peak RSS is a
process's high-water mark): the library opened and one search made with a small page
(its baseline), then the question with ``limit=100`` and highlights; printed per round
is how far the big page raised the process's peak RSS. JSON to
``bench/results/search_memory.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402

from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import Sentencia, document_id  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

RESULTS = REPO / "bench" / "results" / "search_memory.json"
QUESTION = "pensión alimenticia"
PARAGRAPH = (
    "El juzgado resolvió sobre la pensión alimenticia de los menores, conforme al artículo "
    "{n} del Código Civil del Estado, y ordenó notificar a las partes en su domicilio. "
)


def build(data: Path, docs: int, mb: float) -> None:
    library = Library.open(Settings(data_dir=data))
    try:
        for n in range(docs):
            text = "".join(PARAGRAPH.format(n=k) for k in range(int(mb * 1_000_000 / 180)))
            url = f"https://poderjudicial.example/grande/{n}"
            day = dt.date(2026, 1, 1) + dt.timedelta(days=n)
            doc = Sentencia(
                id=document_id("pj-gto", url), title=f"Toca {n}/2026", date=day,
                institution="Poder Judicial", jurisdiction="MX-GUA", source_id="pj-gto",
                url=url, text=text,
            )  # fmt: skip
            library.add_document(doc)
        library.flush()
    finally:
        library.close()


def peak_mb() -> float:
    """This process's peak RSS (``VmHWM``: ``ru_maxrss`` keeps the parent's across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def one_round(data: Path) -> dict[str, float]:
    library = Library.open(Settings(data_dir=data))
    try:
        library.search(SearchQuery(q=QUESTION, limit=1))
        before = peak_mb()
        result = library.search(SearchQuery(q=f"{QUESTION} juzgado", limit=100))
        chars = sum(len(h) for hit in result.hits for h in hit.highlights)
        raised = round(peak_mb() - before, 1)
        return {"raised_mb": raised, "hits": len(result.hits), "highlight_chars": chars}
    finally:
        library.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.round:
        print(json.dumps(one_round(args.data)))
        return
    if args.build:
        build(args.data, args.docs, args.mb)
    rounds = []
    for _ in range(args.rounds):
        command = [sys.executable, __file__, "--data", str(args.data), "--round"]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        rounds.append(json.loads(done.stdout.strip().splitlines()[-1]))
    raised = statistics.median(r["raised_mb"] for r in rounds)
    print(f"{'round':>5} {'hits':>5} {'highlight chars':>16} {'peak RSS raised MB':>19}")
    for n, r in enumerate(rounds, 1):
        print(f"{n:>5} {r['hits']:>5} {r['highlight_chars']:>16} {r['raised_mb']:>19}")
    print(f"median peak RSS raised by the limit=100 page: {raised} MB")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rounds": rounds, "median_raised_mb": raised}, indent=1))


if __name__ == "__main__":
    main()
