"""How right the sentence reader is on SCJN sentences of every kind of case and era:
per field, right / wrong / missing / rightly empty against what each fixture says
(``tests/fixtures/scjn_texts/expected.json``, written by reading each text).

A wrong value is worse than none: it is counted apart from a missing one.

    python bench/scjn_fields.py [--show wrong,missing]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.readers.expedientes import normalise_expediente  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402
from indexer.readers.normalise import normalise_person  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "scjn_texts"
FIELDS = ("expediente", "court", "resolution_date", "ponente", "secretario", "ruling")
RESULTS = Path(__file__).with_name("results")


def comparable(field: str, value: str | None) -> str | None:
    """A value as the comparison sees it: a case number canonical, a person's name as the
    model keeps it (no title), in any case."""
    if value is None:
        return None
    if field == "expediente":
        return normalise_expediente(value)
    if field in ("ponente", "secretario"):
        kept = normalise_person(value)
        return kept.casefold() if kept else None
    return value


def outcome(want: str | None, got: str | None) -> str:
    if got is None:
        return "rightly empty" if want is None else "missing"
    return "right" if got == want else "wrong"


def measure() -> list[dict[str, str]]:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["documents"]
    rows = []
    for name, fields in expected.items():
        read = read_sentence((FIXTURES / name).read_text(encoding="utf-8")).values
        for field in FIELDS:
            want = comparable(field, fields.get(field))
            got = comparable(field, read.get(field))
            rows.append(
                {"document": name, "field": field, "outcome": outcome(want, got),
                 "expected": str(want), "read": str(got)}
            )  # fmt: skip
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", default="wrong,missing")
    args = parser.parse_args(argv)
    rows = measure()
    kinds = ("right", "wrong", "missing", "rightly empty")
    counts = Counter((r["field"], r["outcome"]) for r in rows)
    print(f"{'field':16}" + "".join(f"{k:>15}" for k in kinds))
    for field in FIELDS:
        print(f"{field:16}" + "".join(f"{counts[field, k]:>15}" for k in kinds))
    total = Counter(r["outcome"] for r in rows)
    print(f"{'all':16}" + "".join(f"{total[k]:>15}" for k in kinds))
    shown = set(args.show.split(","))
    for r in rows:
        if r["outcome"] in shown:
            print(f"  {r['outcome']:8} {r['document']:40} {r['field']:16} "
                  f"expected={r['expected']!r} read={r['read']!r}")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scjn_fields.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
