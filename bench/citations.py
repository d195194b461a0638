"""How right the citation reader is, per kind, on the hand-judged passages of
``tests/citations/judged/`` (every citation of each passage marked by hand): precision,
recall and F1, and the cost of reading a 100 KB sentence.

A found citation is right when its key is one of the passage's marked keys of its kind
(each marked citation counts once). Goal: precision ≥ 0.95 and recall ≥ 0.90 per kind.

    python bench/citations.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.citations import KINDS, extract_citations  # noqa: E402

JUDGED = REPO / "tests" / "citations" / "judged"
HELD_OUT = REPO / "tests" / "citations" / "held_out"
RESULTS = Path(__file__).with_name("results")
CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
GOAL_PRECISION = 0.95
GOAL_RECALL = 0.90


def judged_passages(folder: Path = JUDGED) -> list[dict]:
    """Every judged passage: its text and its marked citations as (kind, key)."""
    passages = []
    for path in sorted(folder.glob("*.yaml")):
        for number, entry in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            marked = [(kind, key) for cita in entry["citas"] for kind, key in cita.items()]
            passages.append({"where": f"{path.name}#{number}", "text": entry["text"],
                             "marked": marked})  # fmt: skip
    return passages


def score(passages: list[dict]) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Per kind: marked, found, right, precision, recall, f1; and each mistake, described."""
    counts = {kind: Counter() for kind in KINDS}
    mistakes = []
    for passage in passages:
        found = Counter((c.kind, c.key) for c in extract_citations(passage["text"]))
        marked = Counter(passage["marked"])
        for (kind, key), n in found.items():
            counts[kind]["found"] += n
            counts[kind]["right"] += min(n, marked[(kind, key)])
            if n > marked[(kind, key)]:
                mistakes.append(f"{passage['where']}: wrong {kind} {key!r}")
        for (kind, key), n in marked.items():
            counts[kind]["marked"] += n
            if n > found[(kind, key)]:
                mistakes.append(f"{passage['where']}: missed {kind} {key!r}")
    table = {}
    for kind, c in counts.items():
        precision = c["right"] / c["found"] if c["found"] else 1.0
        recall = c["right"] / c["marked"] if c["marked"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[kind] = {"marked": c["marked"], "found": c["found"], "right": c["right"],
                       "precision": round(precision, 4), "recall": round(recall, 4),
                       "f1": round(f1, 4)}  # fmt: skip
    return table, mistakes


def cost_per_100kb() -> dict[str, float]:
    """Milliseconds to read 100 KB of a real sentence (the shared corpus) or, without it,
    of the judged passages repeated; and of 100 KB of hostile text."""
    record = CORPUS / "real" / "scjn-sentencias" / "record_0000.json"
    if record.exists():
        text, source = json.loads(record.read_text(encoding="utf-8"))["text"], "scjn"
    else:
        text, source = "\n".join(p["text"] for p in judged_passages()), "judged"
    while len(text) < 100_000:
        text += text
    text = text[:100_000]
    hostile = ("artículo 1, " * 5000 + "(" * 20000 + "“" + "A" * 40000)[:100_000]
    out: dict[str, float] = {}
    for name, sample in ((f"ms_per_100kb_{source}", text), ("ms_per_100kb_hostile", hostile)):
        runs = []
        for _ in range(5):
            began = time.perf_counter()
            extract_citations(sample)
            runs.append((time.perf_counter() - began) * 1000)
        out[name] = round(sorted(runs)[len(runs) // 2], 1)
    return out


def _print_table(title: str, table: dict[str, dict[str, float]]) -> bool:
    print(title)
    print(f"{'kind':8} {'marked':>6} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7}"
          f" {'f1':>6}  goal")  # fmt: skip
    ok = True
    for kind, row in table.items():
        meets = row["precision"] >= GOAL_PRECISION and row["recall"] >= GOAL_RECALL
        ok = ok and meets
        print(f"{kind:8} {row['marked']:>6} {row['found']:>6} {row['right']:>6} "
              f"{row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f}  "
              f"{'met' if meets else 'NOT MET'}")  # fmt: skip
    return ok


def main() -> int:
    passages = judged_passages()
    table, mistakes = score(passages)
    held_out = judged_passages(HELD_OUT)
    held_table, held_mistakes = score(held_out)
    cost = cost_per_100kb()
    print(f"load average {os.getloadavg()[0]:.1f}")
    ok = _print_table(f"judged set ({len(passages)} passages; the goal)", table)
    _print_table(
        f"second set ({len(held_out)} passages; written after tuning, then used once to fix)",
        held_table,
    )
    for name, value in cost.items():
        print(f"{name}: {value} ms")
    for mistake in mistakes + held_mistakes:
        print("  " + mistake)
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"citations-{stamp}.json"
    report = {"kinds": table, "held_out": held_table, "cost": cost,
              "mistakes": mistakes + held_mistakes, "passages": len(passages),
              "held_out_passages": len(held_out), "load_average": os.getloadavg()[0]}  # fmt: skip
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"written {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
