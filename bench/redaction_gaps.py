"""What this session's two text passes cost per document: ``analysis.with_gaps`` (a gap
after each redaction holding no word, on every text the stores index) and
``models.without_controls`` (on a document's texts each time it is made or read back).

Texts: the SCJN public versions of ../shared/corpus/real (their «**********», «(…)»)
when present, else a made-up sentence of the same length; each pass is timed against
the identity, alternating, medians of ``--rounds``. Prints a table, writes JSON.

    python -m bench.redaction_gaps --rounds 9 --out /tmp/redaction_gaps.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from indexer.analysis import WORDLESS_MARK, with_gaps
from indexer.models import without_controls

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "scjn-sentencias"
REAL = REAL if REAL.is_dir() else Path("/work/shared/corpus/real/scjn-sentencias")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted(REAL.glob("*.json")) if REAL.is_dir() else []:
        longest = max(_strings(json.loads(path.read_text())), key=len, default="")
        if len(longest) > 5000:
            found.append((path.stem, longest))
    if not found:
        sentence = "El quejoso ********** promovió juicio de amparo (…) contra la orden. "
        found = [("inventado", sentence * 1500)]
    return found


def _time(work: Callable[[str], str], text: str, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        work(text)
    return (time.perf_counter() - start) / repeat * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("/tmp/redaction_gaps.json"))
    args = parser.parse_args()
    passes: dict[str, Callable[[str], str]] = {
        "with_gaps": with_gaps,
        "without_controls": without_controls,
    }
    rows = []
    for name, text in texts():
        row: dict[str, object] = {
            "text": name,
            "chars": len(text),
            "marks": len(WORDLESS_MARK.findall(text)),
        }
        for label, work in passes.items():
            base, new = [], []
            for _ in range(args.rounds):  # alternating: the load changes between rounds
                base.append(_time(str, text, args.repeat))
                new.append(_time(work, text, args.repeat))
            row[f"{label}_us"] = round(statistics.median(new) - statistics.median(base), 1)
        rows.append(row)
    load = os.getloadavg()
    print(f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    print(f"{'text':<14}{'chars':>9}{'marks':>7}{'with_gaps µs':>15}{'without_controls µs':>22}")
    for row in rows:
        print(
            f"{row['text']:<14}{row['chars']:>9}{row['marks']:>7}"
            f"{row['with_gaps_us']:>15}{row['without_controls_us']:>22}"
        )
    args.out.write_text(json.dumps({"load": load, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
